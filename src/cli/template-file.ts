/**
 * What a `--template` file holds, decided by its shape: a template object
 * (`env`, `resources`, `addParentEnv`) or a pod manifest (`apiVersion`,
 * `kind`, `metadata`, `spec`), which is used as a callback's return value.
 */
import type { RunnerPodStart } from "../rules";
import { TEMPLATE_FIELDS } from "../rules/inputs";
import { DEFAULT_BACKEND, profileOf } from "../rules/profiles";
import type { RunnerPodBackend, RunnerPodStartingManifest, RunnerPodTemplate } from "../types";
import { runnerTemplateFileManifest } from "../kit/runner-template-document";
import { isPlainObject } from "../plain";
import { InputError } from "./io";

/** The keys that make a document a pod manifest. */
export const MANIFEST_KEYS: readonly string[] = ["apiVersion", "kind", "metadata", "spec"];

/**
 * Decides how the rules start from a template document.
 *
 * - no document (no `--template`, or an empty file): the empty template, all defaults;
 * - the `runner-template.json` a `FlameRunnerTemplate` publishes
 *   (`{ manifest, env?, appContainerName? }`): its `manifest`, as the backend
 *   takes it (a callback's result under v0.3.3, the `:manifest` under v0.7);
 * - an object with any of `apiVersion`, `kind`, `metadata`, `spec`: a pod
 *   manifest, taken as what a callback returned (the rules then overwrite
 *   the values the backend controls, with a warning for each);
 * - anything else: a template object, checked by the rules (an unknown field
 *   such as `limits` is reported at `template.limits`).
 *
 * With `backend` `v0.7` the document is the `:manifest` (none: `{}`); a
 * template object, the v0.3.3 form, is refused.
 *
 * @param doc - the parsed document; not modified.
 * @param label - names the file in messages.
 * @param backend - the rules' backend profile. Default: `v0.3.3`.
 * @throws InputError for an object that mixes manifest and template keys, or
 *   a template object with `backend` `v0.7`.
 */
export function templateStart(
  doc: unknown,
  label: string,
  backend: RunnerPodBackend = DEFAULT_BACKEND,
): RunnerPodStart {
  // The file a FlameRunnerTemplate publishes: its manifest, as the backend takes it.
  const published = kitTemplateFile(doc, label, backend);
  if (published !== undefined) return published.start;
  if (profileOf(backend).start === "manifest") return manifestStart(doc, label);
  if (doc === undefined || doc === null) {
    return { kind: "template" };
  }
  if (typeof doc !== "object" || Array.isArray(doc)) {
    // Not an object: the rules report it at `template`.
    return { kind: "template", template: doc as RunnerPodTemplate };
  }
  const keys = Object.keys(doc);
  const manifestKeys = keys.filter((key) => MANIFEST_KEYS.includes(key));
  const templateKeys = keys.filter((key) => TEMPLATE_FIELDS.includes(key));
  if (manifestKeys.length > 0 && templateKeys.length > 0) {
    throw new InputError(
      `${label}: mixes pod manifest fields (${manifestKeys.join(", ")}) with template fields (${templateKeys.join(", ")}); ` +
        "give a template object { env, resources, addParentEnv } or a pod manifest { apiVersion, kind, metadata, spec }",
    );
  }
  return manifestKeys.length > 0
    ? { kind: "callback", manifest: doc }
    : { kind: "template", template: doc as RunnerPodTemplate };
}

/** The v0.7 start: the document is the pod manifest (`:manifest`). */
function manifestStart(doc: unknown, label: string): RunnerPodStart {
  if (isPlainObject(doc)) {
    const templateKeys = Object.keys(doc).filter((key) => TEMPLATE_FIELDS.includes(key));
    if (templateKeys.length > 0) {
      throw new InputError(
        `${label}: ${templateKeys.join(", ")} ${templateKeys.length > 1 ? "are template fields" : "is a template field"} of v0.3.3; with --backend v0.7 give a pod manifest { metadata, spec } (the runner env goes in spec.containers[0].env, or --env NAME=value)`,
      );
    }
  }
  // Anything else is checked by the rules (a non-object at `manifest`).
  return {
    kind: "manifest",
    manifest: (doc ?? undefined) as RunnerPodStartingManifest | undefined,
  };
}

/**
 * `FlameRunnerTemplate`'s `runner-template.json` (`{ manifest, env?,
 * appContainerName? }`) as the backend takes it: the manifest as a callback's
 * result under v0.3.3, as the `:manifest` under v0.7 with the file's `env`
 * map (v0.7's `:env`; only a v0.7 file has one).
 *
 * @param doc - the parsed `--template` document; not modified.
 * @param label - names the file in messages.
 * @param backend - the rules' backend profile. Default: `v0.3.3`.
 * @returns the start and the env map, or `undefined` when `doc` is not such a file.
 * @throws InputError for a v0.7 file without `--backend v0.7`.
 */
export function kitTemplateFile(
  doc: unknown,
  label: string,
  backend: RunnerPodBackend = DEFAULT_BACKEND,
): { start: RunnerPodStart; env?: Record<string, string> } | undefined {
  const manifest = runnerTemplateFileManifest(doc);
  if (manifest === undefined) return undefined;
  const env = (doc as { env?: unknown }).env;
  const fromManifest = profileOf(backend).start === "manifest";
  if (env !== undefined && !fromManifest) {
    throw new InputError(
      `${label}: is a v0.7 runner template file ({ manifest, env }, as FlameRunnerTemplate publishes it with backend "v0.7"); pass --backend v0.7`,
    );
  }
  if (!fromManifest) return { start: { kind: "callback", manifest } };
  return {
    start: manifestStart(manifest, label),
    ...(isPlainObject(env) ? { env: env as Record<string, string> } : {}),
  };
}
