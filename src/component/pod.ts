/**
 * The runner pod child of {@link FlameRunnerPod}: its inputs, built from the
 * manifest the rules produced (its resource options are in child-options.ts).
 */
import * as pulumi from "@pulumi/pulumi";
import type * as k8s from "@pulumi/kubernetes";
import { PLACEHOLDER_UID } from "../kit/stand-in-pod";
import type { PodManifest } from "../types";

/** The annotation that tells pulumi-kubernetes not to wait for the pod to become Ready. */
export const SKIP_AWAIT_ANNOTATION = "pulumi.com/skipAwait";

/**
 * Placeholder uid of a parent pod created (or replaced) in the same preview,
 * whose uid the server has not made yet: the rules run with it, and the runner
 * pod's owner reference gets an unknown uid instead. The stand-in parent's
 * placeholder uid: no object has it.
 */
export const PREVIEW_PARENT_UID = PLACEHOLDER_UID;

/**
 * The manifest with the skipAwait annotation, unless the caller waits for
 * Ready. A copy: the annotation is set (overwriting one the template or
 * callback set), the other annotations stay.
 *
 * @param manifest - the rules' manifest; not modified.
 * @param waitForReady - whether `pulumi up` waits for the pod to become Ready.
 */
export function withAwaitAnnotation(manifest: PodManifest, waitForReady: boolean): PodManifest {
  if (waitForReady) return manifest;
  const metadata = manifest.metadata ?? {};
  return {
    ...manifest,
    metadata: {
      ...metadata,
      annotations: { ...metadata.annotations, [SKIP_AWAIT_ANNOTATION]: "true" },
    },
  };
}

/**
 * The manifest as the pod's inputs: each value that holds a secret is a
 * secret Output of its own (the rest stays plain), and a placeholder parent
 * uid is an unknown Output. Without secrets and placeholder, the manifest
 * itself.
 *
 * A string is secret when it contains the text of a secret string the
 * manifest was built from (a secret runner id makes the name secret); any
 * other value when it equals a secret value.
 *
 * @param manifest - the rules' manifest; not modified.
 * @param secrets - the secret values the manifest was built from (objects included).
 * @param parentUidUnknown - whether `PREVIEW_PARENT_UID` stands for an unknown uid.
 */
export function podInputs(
  manifest: PodManifest,
  secrets: readonly unknown[],
  parentUidUnknown: boolean,
): pulumi.Inputs {
  const texts: string[] = [];
  const others = new Set<unknown>();
  for (const secret of secrets) collectLeaves(secret, texts, others);
  if (texts.length === 0 && others.size === 0 && !parentUidUnknown) return manifest;
  const isSecret = (leaf: unknown): boolean =>
    typeof leaf === "string" ? texts.some((t) => leaf.includes(t)) : others.has(leaf);
  const wrap = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(wrap);
    if (typeof value === "object" && value !== null) {
      const copy: Record<string, unknown> = {};
      for (const [key, v] of Object.entries(value)) copy[key] = wrap(v);
      return copy;
    }
    if (parentUidUnknown && value === PREVIEW_PARENT_UID) return pulumi.output(pulumi.unknown);
    return isSecret(value) ? pulumi.secret(value) : value;
  };
  return wrap(manifest) as pulumi.Inputs;
}

/** The primitive leaves of `value`: non-empty strings in `texts`, the others in `others`. */
export function collectLeaves(value: unknown, texts: string[], others: Set<unknown>): void {
  if (typeof value === "object" && value !== null) {
    for (const v of Object.values(value)) collectLeaves(v, texts, others);
  } else if (typeof value === "string") {
    if (value !== "") texts.push(value);
  } else if (value !== undefined) {
    others.add(value);
  }
}

/** The pod's `metadata` and `spec` inputs, typed as the Pod resource takes them. */
export function podArgs(built: pulumi.Output<{ inputs: pulumi.Inputs }>): k8s.core.v1.PodArgs {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: built.apply((b) => b.inputs.metadata as k8s.types.input.meta.v1.ObjectMeta),
    spec: built.apply((b) => b.inputs.spec as k8s.types.input.core.v1.PodSpec),
  };
}
