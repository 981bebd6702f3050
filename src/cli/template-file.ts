/**
 * What a `--template` file holds, decided by its shape: a template object
 * (`env`, `resources`, `addParentEnv`) or a pod manifest (`apiVersion`,
 * `kind`, `metadata`, `spec`), which is used as a callback's return value.
 */
import type { RunnerPodStart } from "../rules";
import type { RunnerPodTemplate } from "../types";
import { InputError } from "./io";

/** The keys that make a document a pod manifest. */
export const MANIFEST_KEYS: readonly string[] = ["apiVersion", "kind", "metadata", "spec"];

/** The keys of a template object. */
export const TEMPLATE_KEYS: readonly string[] = ["env", "resources", "addParentEnv"];

/**
 * Decides how the rules start from a template document.
 *
 * - no document (no `--template`, or an empty file): the empty template, all defaults;
 * - an object with any of `apiVersion`, `kind`, `metadata`, `spec`: a pod
 *   manifest, taken as what a callback returned (the rules then overwrite
 *   the values the backend controls, with a warning for each);
 * - anything else: a template object, checked by the rules (an unknown field
 *   such as `limits` is reported at `template.limits`).
 *
 * @param doc - the parsed document; not modified.
 * @param label - names the file in messages.
 * @throws InputError for an object that mixes manifest and template keys.
 */
export function templateStart(doc: unknown, label: string): RunnerPodStart {
  if (doc === undefined || doc === null) {
    return { kind: "template" };
  }
  if (typeof doc !== "object" || Array.isArray(doc)) {
    // Not an object: the rules report it at `template`.
    return { kind: "template", template: doc as RunnerPodTemplate };
  }
  const keys = Object.keys(doc);
  const manifestKeys = keys.filter((key) => MANIFEST_KEYS.includes(key));
  const templateKeys = keys.filter((key) => TEMPLATE_KEYS.includes(key));
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
