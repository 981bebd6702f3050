/**
 * `flame-runner-pod check` (docs/cli.md): every problem of a parent and a
 * template with severity, code and path, no manifest; its exit codes and
 * `-o json`; a workload's selector; the kit's runner-template.json.
 */
import assert from "node:assert/strict";
import * as path from "node:path";
import * as fs from "node:fs";
import { parse, stringify } from "yaml";
import { runnerTemplateDocument } from "../../src/kit/runner-template-document";
import { runnerPodManifest } from "../../src/rules";
import type { PodManifest } from "../../src/types";
import { phoenixPodTemplate } from "../kit/support";
import { PARENT_FILE, runCli, tempFile } from "./run-cli";

const TYPO = path.resolve(__dirname, "../fixtures/cli/seed-template-typo.yaml");
const SEED = path.resolve(__dirname, "../fixtures/cli/seed-template.yaml");

/** A callback-style template (a pod manifest) that drops the env and copies the parent's hash label. */
const BAD_TEMPLATE = tempFile(
  "bad-template.yaml",
  stringify({
    metadata: { labels: { "pod-template-hash": "7d9c8b6f5d" } },
    spec: { containers: [{ env: [] }] },
  }),
);

/** The three runtime warnings {@link BAD_TEMPLATE} gets against examples/basic's parent. */
const BAD_CODES = ["runner-cannot-cluster", "release-cookie-missing", "controller-adopts-runner"];

interface Report {
  errors: { code: string; path: string; message: string }[];
  warnings: { code: string; path: string; message: string }[];
}

async function checkJson(
  argv: readonly string[],
  stdin = "",
): Promise<{ code: number; report: Report }> {
  const result = await runCli(["check", ...argv, "-o", "json"], stdin);
  return { code: result.code, report: JSON.parse(result.stdout) as Report };
}

/** A Deployment with the kit tests' FLAME-ready pod template. */
function deployment(): string {
  return stringify({
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "shop", namespace: "shop" },
    spec: { selector: { matchLabels: { app: "shop" } }, template: phoenixPodTemplate() },
  });
}

describe("cli: check", () => {
  it("prints no problem and no manifest for a FLAME-ready parent, and exits 0", async () => {
    for (const template of [[], ["--template", SEED]]) {
      const result = await runCli(["check", "--parent", PARENT_FILE, ...template]);
      assert.equal(result.code, 0, result.stderr);
      assert.equal(result.stdout, "0 errors, 0 warnings\n");
      assert.equal(result.stderr, "");
    }
  });

  it("prints each warning with severity, code and path, then the count", async () => {
    const result = await runCli(["check", "-p", PARENT_FILE, "-t", BAD_TEMPLATE]);
    assert.equal(result.code, 0, result.stderr);
    const lines = result.stdout.trim().split("\n");
    assert.deepEqual(
      lines.slice(0, -1).map((l) => l.split(" ").slice(0, 3).join(" ")),
      [
        "warning runner-cannot-cluster spec.containers[0].env:",
        "warning release-cookie-missing spec.containers[0].env:",
        "warning controller-adopts-runner metadata.labels.pod-template-hash:",
      ],
    );
    assert.equal(lines.at(-1), "0 errors, 3 warnings");
    assert.doesNotMatch(result.stdout, /apiVersion/);
  });

  it("-o json prints { errors, warnings } with code, path and message", async () => {
    const { code, report } = await checkJson(["-p", PARENT_FILE, "-t", BAD_TEMPLATE]);
    assert.equal(code, 0);
    assert.deepEqual(report.errors, []);
    assert.deepEqual(
      report.warnings.map((w) => w.code),
      BAD_CODES,
    );
    for (const w of report.warnings) assert.deepEqual(Object.keys(w), ["code", "path", "message"]);
  });

  it("exits 1 with an error, which carries a code (provisional: invalid)", async () => {
    const { code, report } = await checkJson(["-p", PARENT_FILE, "-t", TYPO]);
    assert.equal(code, 1);
    assert.equal(report.errors.length, 1);
    assert.equal(report.errors[0].path, "spec.containers[0].resources.limimts");
    assert.equal(typeof report.errors[0].code, "string");
    assert.notEqual(report.errors[0].code, "");
  });

  it("--max-warnings N: exit 0 at N warnings, 1 above", async () => {
    const args = ["check", "-p", PARENT_FILE, "-t", BAD_TEMPLATE, "--max-warnings"];
    assert.equal((await runCli([...args, "3"])).code, 0);
    const over = await runCli([...args, "2"]);
    assert.equal(over.code, 1);
    assert.match(over.stderr, /3 warnings, more than --max-warnings 2/);
    assert.equal((await runCli(["check", "-p", PARENT_FILE, "--max-warnings", "0"])).code, 0);
  });

  const badLines: [string, string[]][] = [
    ["a negative --max-warnings", ["--max-warnings", "-1"]],
    ["a --max-warnings that is not a number", ["--max-warnings", "many"]],
    ["-o yaml", ["-o", "yaml"]],
    ["--env without --backend v0.7", ["--env", "A=b"]],
    ["an unknown flag", ["--encoded-parent", "x"]],
  ];
  for (const [name, extra] of badLines) {
    it(`exits 2 for ${name}`, async () => {
      const result = await runCli(["check", "-p", PARENT_FILE, ...extra]);
      assert.equal(result.code, 2, result.stderr);
      assert.equal(result.stdout, "");
    });
  }

  it("exits 2 without --parent", async () => {
    assert.equal((await runCli(["check"])).code, 2);
  });

  it("a Deployment as parent: its selector counts", async () => {
    const labelled = tempFile(
      "labelled.yaml",
      stringify({ metadata: { labels: { app: "shop" } }, spec: { containers: [{}] } }),
    );
    const { code, report } = await checkJson(["-p", "-", "-t", labelled], deployment());
    assert.equal(code, 0);
    assert.deepEqual(
      report.warnings.map((w) => `${w.code} ${w.path}`),
      // (The file's empty container drops the app env: the runner cannot cluster either.)
      ["runner-cannot-cluster spec.containers[0].env", "controller-adopts-runner metadata.labels"],
    );
    assert.match(report.warnings[1].message, /"app=shop"/);
    const ready = await checkJson(["-p", "-"], deployment());
    assert.deepEqual(ready.report, { errors: [], warnings: [] });
  });

  it("under --backend v0.7, a FLAME-ready parent gets no warning", async () => {
    const { code, report } = await checkJson(["-p", PARENT_FILE, "--backend", "v0.7"]);
    assert.equal(code, 0);
    assert.deepEqual(report, { errors: [], warnings: [] });
  });

  it("accepts the kit's runner-template.json, v0.3.3 and v0.7", async () => {
    // The files as FlameRunnerTemplate publishes them (test/kit states their making).
    const parent = parse(fs.readFileSync(PARENT_FILE, "utf8")) as PodManifest;
    const runner = runnerPodManifest(parent, { resources: {} }, "x", { runnerId: "0" });
    const app = parent.spec!.containers[0].name;
    const v033 = tempFile(
      "runner-template.json",
      JSON.stringify(runnerTemplateDocument(runner, app)),
    );
    assert.deepEqual((await checkJson(["-p", PARENT_FILE, "-t", v033])).report, {
      errors: [],
      warnings: [],
    });
    const doc = {
      manifest: { metadata: { labels: { "pod-template-hash": "7d9c8b6f5d" } } },
      env: { LOG_LEVEL: "debug" },
    };
    const v07 = tempFile("runner-template.json", JSON.stringify(doc));
    const { code, report } = await checkJson(["-p", PARENT_FILE, "-t", v07, "--backend", "v0.7"]);
    assert.equal(code, 0);
    assert.deepEqual(
      report.warnings.map((w) => w.code),
      ["controller-adopts-runner"],
    );
    const wrong = await checkJson(["-p", PARENT_FILE, "-t", v07]);
    assert.equal(wrong.code, 1);
    assert.equal(wrong.report.errors[0].code, "invalid-input");
    assert.match(wrong.report.errors[0].message, /--backend v0\.7/);
  });
});
