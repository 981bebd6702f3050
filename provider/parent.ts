/**
 * The parent pod of the plugin's `FlameRunnerPod` as it arrives over the
 * wire, made into the library's parent (a `k8s.core.v1.Pod`, or a manifest).
 *
 * A program in another language passes its Pod as a resource reference. The
 * provider host turns it back into a `k8s.core.v1.Pod` only when this
 * plugin's `@pulumi/kubernetes` can stand for the consumer's kubernetes
 * package version (same major, not older); otherwise the reference arrives as
 * the pod's id (`namespace/name`), or as its URN when the pod has no id yet
 * (a pod created in the same preview). Either may come wrapped in an Output
 * carrying the reference's dependency.
 */
import * as pulumi from "@pulumi/pulumi";
import * as k8s from "@pulumi/kubernetes";
import { FlameRunnerPodError, type FlameRunnerPodParent } from "../src";
import type { IssueCode } from "../src/issues/codes";
import { issue } from "../src/issues/issue";
import { describe as describeValue } from "../src/issues/message";
import { FieldPath } from "../src/issues/path";

const ARGS = FieldPath.root("args");

/** The type token of a Kubernetes Pod, as it appears in a URN. */
const POD_TYPE = "kubernetes:core/v1:Pod";

/** The two parent arguments of the plugin's component, as received. */
export interface ParentArgs {
  /** A Pod resource, or its reference as an id or URN string (plain or an Output). */
  parentPod?: unknown;
  /** A pod manifest (a map), plain or an Output. */
  parentPodManifest?: unknown;
}

/** What the plugin's component needs to read a parent pod it only has the id or URN of. */
export interface ParentReader {
  /** Names the component in errors, e.g. `FlameRunnerPod "workers"`. */
  context: string;
  /** The name of the read pod resource. */
  name: string;
  /** The component the read pod belongs to (its providers apply). */
  owner: pulumi.Resource;
}

/** What a parent argument of the wrong shape is, for a message (another resource, or as the component says). */
function describe(value: unknown): string {
  return pulumi.Resource.isInstance(value) ? "another resource" : describeValue(value);
}

function parentError(reader: ParentReader, path: FieldPath, message: string): FlameRunnerPodError {
  return new FlameRunnerPodError([issue("argument-invalid", path, message)], reader.context);
}

/**
 * Checks that exactly one of `parentPod` and `parentPodManifest` is given,
 * and that a plain manifest is a map. Registers nothing: call it before the
 * component is registered.
 *
 * @param args - the component's arguments; not modified.
 * @param context - names the component in errors, e.g. `FlameRunnerPod "workers"`.
 * @throws FlameRunnerPodError naming the argument.
 */
export function checkParentArgs(args: ParentArgs, context: string): void {
  const pod = args.parentPod ?? undefined;
  const manifest = args.parentPodManifest ?? undefined;
  const fail = (code: IssueCode, path: FieldPath, message: string): never => {
    throw new FlameRunnerPodError([issue(code, path, message)], context);
  };
  if (pod === undefined && manifest === undefined) {
    fail(
      "argument-missing",
      ARGS.child("parentPod"),
      "missing: pass parentPod (a kubernetes:core/v1:Pod resource, e.g. read with Pod.get) or parentPodManifest (the pod's manifest as a map)",
    );
  }
  if (pod !== undefined && manifest !== undefined) {
    fail(
      "argument-invalid",
      ARGS.child("parentPodManifest"),
      "pass either parentPod or parentPodManifest, not both",
    );
  }
  if (
    manifest !== undefined &&
    !pulumi.Output.isInstance(manifest) &&
    (typeof manifest !== "object" || Array.isArray(manifest))
  ) {
    fail(
      "argument-invalid",
      ARGS.child("parentPodManifest"),
      `must be a pod manifest, a map with apiVersion, kind, metadata and spec (got ${describe(manifest)})`,
    );
  }
}

/**
 * The library's parent pod from the plugin's `parentPod` or
 * `parentPodManifest` argument (checked by {@link checkParentArgs}).
 *
 * - A `k8s.core.v1.Pod`: used as it is (the runner depends on it).
 * - An id (`namespace/name`): the pod is read from the cluster with
 *   `k8s.core.v1.Pod.get` (a read resource named `reader.name`, child of
 *   `reader.owner`).
 * - A URN of a Pod: the registered pod is looked up by its URN (nothing is
 *   registered).
 * - An Output of any of these: the pod's manifest, as an Output that keeps
 *   the reference's dependencies and secrecy.
 * - A manifest: used as it is; the runner pod rules check it.
 *
 * @param args - the component's arguments; not modified.
 * @param reader - names the component in errors, and the read pod.
 * @returns the parent for the library's `FlameRunnerPod`.
 * @throws FlameRunnerPodError when a plain `parentPod` is of the wrong kind.
 *   An Output whose value is of the wrong kind rejects with that error instead.
 */
export function libraryParent(args: ParentArgs, reader: ParentReader): FlameRunnerPodParent {
  const pod = args.parentPod ?? undefined;
  if (pod === undefined) return args.parentPodManifest as FlameRunnerPodParent;
  if (pulumi.Output.isInstance(pod)) {
    return pod.apply((value: unknown) => manifestOf(podFromReference(value, reader)));
  }
  return podFromReference(pod, reader);
}

/**
 * The Pod a resolved `parentPod` value stands for: the Pod itself, or the
 * pod read by its id or URN.
 *
 * @throws FlameRunnerPodError for any other value.
 */
function podFromReference(value: unknown, reader: ParentReader): k8s.core.v1.Pod {
  if (k8s.core.v1.Pod.isInstance(value)) return value;
  if (typeof value !== "string" || value === "") {
    throw parentError(
      reader,
      ARGS.child("parentPod"),
      `must be a kubernetes:core/v1:Pod resource (got ${describe(value)}); pass a manifest as parentPodManifest`,
    );
  }
  if (!value.startsWith("urn:pulumi:")) {
    return k8s.core.v1.Pod.get(reader.name, value, { parent: reader.owner });
  }
  const type = value.split("::")[2]?.split("$").pop();
  if (type !== POD_TYPE) {
    throw parentError(
      reader,
      ARGS.child("parentPod"),
      `must be a kubernetes:core/v1:Pod resource (got a reference to a ${type ?? "resource of unknown type"}: ${value})`,
    );
  }
  return new k8s.core.v1.Pod(reader.name, {}, { urn: value });
}

/** A Pod resource's manifest, as an Output that depends on the pod. */
function manifestOf(pod: k8s.core.v1.Pod) {
  return pulumi
    .all([pod.apiVersion, pod.kind, pod.metadata, pod.spec])
    .apply(([apiVersion, kind, metadata, spec]) => ({ apiVersion, kind, metadata, spec }));
}
