/**
 * The runner pod child of {@link FlameRunnerPod}: its inputs, built from the
 * manifest the rules produced (its resource options are in child-options.ts).
 */
import * as pulumi from "@pulumi/pulumi";
import type * as k8s from "@pulumi/kubernetes";
import { PLACEHOLDER_UID } from "../kit/stand-in-pod";
import type { PodManifest } from "../types";
import { secretLeaves } from "./redact";

/** The annotation that tells pulumi-kubernetes not to wait for the pod to become Ready. */
export const SKIP_AWAIT_ANNOTATION = "pulumi.com/skipAwait";

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
 * The runner pod's inputs: its manifest, with secret values as secret Outputs
 * and a parent uid not known yet as an unknown Output.
 */
export interface PodInputs {
  /** `metadata`, its `name` always set by the rules. */
  metadata: Omit<k8s.types.input.meta.v1.ObjectMeta, "name"> & { name: pulumi.Input<string> };
  /** `spec`. */
  spec: k8s.types.input.core.v1.PodSpec;
}

/** What the component built: the manifest, and the same as the pod's inputs. */
export interface PodOutcome {
  /** The manifest as registered. */
  manifest: PodManifest;
  /** The manifest with its secret values as secret Outputs (see {@link podInputs}). */
  inputs: PodInputs;
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
 * @param parentUidUnknown - whether `PLACEHOLDER_UID` (a parent created in the same preview, whose uid the server has not made yet) stands for an unknown uid.
 */
export function podInputs(
  manifest: PodManifest,
  secrets: readonly unknown[],
  parentUidUnknown: boolean,
): PodInputs {
  const { texts, others } = secretLeaves(secrets);
  if (texts.length === 0 && others.size === 0 && !parentUidUnknown) return manifest as PodInputs;
  const isSecret = (leaf: unknown): boolean =>
    typeof leaf === "string" ? texts.some((t) => leaf.includes(t)) : others.has(leaf);
  const wrap = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(wrap);
    if (typeof value === "object" && value !== null) {
      const copy: Record<string, unknown> = {};
      for (const [key, v] of Object.entries(value)) copy[key] = wrap(v);
      return copy;
    }
    if (parentUidUnknown && value === PLACEHOLDER_UID) return pulumi.output(pulumi.unknown);
    return isSecret(value) ? pulumi.secret(value) : value;
  };
  return wrap(manifest) as PodInputs;
}

/**
 * The manifest as registered, as the component's `manifest` output: the
 * pod's inputs as one Output, secret where a secret value flowed in, unknown
 * where a value is (without either, the rules' manifest as it is).
 *
 * @param built - what the component built.
 */
export function registeredManifest(built: PodOutcome): pulumi.Output<PodManifest> {
  return pulumi.output(built.inputs) as pulumi.Output<PodManifest>;
}

/** The pod's `metadata` and `spec` inputs, typed as the Pod resource takes them. */
export function podArgs(built: pulumi.Output<PodOutcome>): k8s.core.v1.PodArgs {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: built.apply((b) => b.inputs.metadata),
    spec: built.apply((b) => b.inputs.spec),
  };
}
