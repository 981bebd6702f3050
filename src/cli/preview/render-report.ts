/**
 * Renders the result of an offline preview as text: what `pulumi preview`
 * would print, plus the runner pod manifests it would send to the cluster.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { stringify } from "yaml";
import type { PreviewResult } from "./run-program";
import { renderCounts, renderTree } from "./render-tree";

function shown(dir: string, cwd: string): string {
  const relative = path.relative(cwd, dir);
  return relative === "" ? "." : relative.startsWith("..") ? dir : relative;
}

/** The header: says clearly that nothing here touched a cluster or the Pulumi CLI. */
export function renderHeader(result: PreviewResult, cwd: string): string[] {
  const dir = shown(result.dir, cwd);
  const stackFile = path.join(result.dir, `Pulumi.${result.stack}.yaml`);
  return [
    `OFFLINE PREVIEW of ${dir} (project ${result.project}, stack ${result.stack})`,
    "Pulumi mock engine in this process: no cluster, no Pulumi CLI, no provider plugin.",
    ...(result.readFrom !== undefined ? [`Pods read from ${shown(result.readFrom, cwd)}`] : []),
    ...(fs.existsSync(stackFile)
      ? [`Stack config from ${path.join(dir, `Pulumi.${result.stack}.yaml`)}`]
      : []),
  ];
}

/** A registered value with secrets shown as `[secret]` and unknowns as `[unknown]`. */
function forDisplay(value: unknown): unknown {
  if (pulumi.isUnknown(value)) return "[unknown]";
  if (Array.isArray(value)) return value.map(forDisplay);
  if (typeof value !== "object" || value === null) return value;
  if (pulumi.runtime.specialSigKey in value) return "[secret]";
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, forDisplay(v)]));
}

/** The stack outputs, a secret one as `[secret]` (as `pulumi preview` shows it). */
function renderOutputs(outputs: Record<string, unknown>, secret: readonly string[]): string[] {
  const entries = Object.entries(outputs).filter(([, value]) => value !== undefined);
  if (entries.length === 0) {
    return [];
  }
  const shown = (key: string, value: unknown): string =>
    secret.includes(key) ? "[secret]" : JSON.stringify(forDisplay(value));
  return ["", "Outputs:", ...entries.map(([key, value]) => `    ${key}: ${shown(key, value)}`)];
}

/**
 * The whole report. On success: header, resource tree, count line, warnings,
 * outputs and each runner pod manifest as a YAML document. On failure: header,
 * the tree so far and the error message (never a stack trace).
 *
 * @param result - what {@link runProgram} returned.
 * @param cwd - paths are shown relative to it.
 */
export function renderReport(result: PreviewResult, cwd: string = process.cwd()): string {
  // A resource whose registration never reached the engine (a runner pod
  // whose rules failed) would not be created: it is not listed.
  const planned = result.resources.filter((r) => r.registered || r.parent === undefined);
  const lines = [...renderHeader(result, cwd), "", ...renderTree(planned)];
  const warnings = result.warnings.map((message) => `    warning: ${message}`);
  if (result.error !== undefined) {
    lines.push(
      "",
      "Diagnostics:",
      ...warnings,
      ...result.error.message
        .split("\n")
        .map((line, i) => (i === 0 ? `    error: ${line}` : `    ${line}`)),
      "",
      "The preview failed: nothing would be created.",
    );
    return `${lines.join("\n")}\n`;
  }
  lines.push("", renderCounts(planned));
  if (warnings.length > 0) {
    lines.push("", "Diagnostics:", ...warnings);
  }
  lines.push(...renderOutputs(result.outputs, result.secretOutputs));
  result.runnerPods.forEach((manifest, i) => {
    const count = result.runnerPods.length > 1 ? ` ${i + 1} of ${result.runnerPods.length}` : "";
    lines.push("", `Runner pod manifest${count} (what the provider would send to the API server):`);
    lines.push("---", stringify(forDisplay(manifest)).trimEnd());
  });
  return `${lines.join("\n")}\n`;
}
