/**
 * The answers of a `kubernetes:core/v1:Pod` create, following pulumi-kubernetes
 * (provider/pkg/provider/provider.go, `Check` and `Create`):
 *
 * - `Check` names a pod without `metadata.name` `<resource name>-<8 hex>` and
 *   marks it `pulumi.com/autonamed`.
 * - In a preview, `Create` returns the inputs as they are (unknowns and
 *   secrets kept, no uid, no id) whenever it skips the server dry run:
 *   inputs with unknowns, client-side apply, an unreachable cluster, a dry
 *   run refused or hitting AlreadyExists (any replacement). The harness calls
 *   this the `"echo"` answer. Otherwise (`"dryRun"`) it returns the object
 *   the API server's dry-run create made: server defaults and a uid, the
 *   `status` removed.
 * - In an update (`pulumi up`), `Create` returns the live object: uid,
 *   server defaults, `status`, and the id `<namespace>/<name>`.
 *
 * The secretness of the inputs is copied to the object as pulumi-kubernetes'
 * `annotateSecrets` does. Not modelled: the `__inputs`/`__fieldManager`
 * checkpoint fields, admission, validation by the API server, and the await
 * logic itself (the record only says whether pulumi-kubernetes would wait for
 * the pod to become Ready: see {@link awaitsReady}).
 */
import { createHash, randomUUID } from "node:crypto";
import {
  annotateSecrets,
  containsUnknown,
  isSecret,
  stripSecrets,
  UNKNOWN,
  type WireObject,
} from "./wire";

/** The type token of a Pod. */
export const POD_TYPE = "kubernetes:core/v1:Pod";

/** The annotation that makes pulumi-kubernetes skip its await logic. */
export const SKIP_AWAIT = "pulumi.com/skipAwait";

/**
 * How the fake provider answers a Pod create in a preview: `"echo"` (the
 * program's own inputs) or `"dryRun"` (a server dry-run object with a uid;
 * falls back to `"echo"` when the inputs hold unknowns, as the provider does).
 */
export type PodPreviewMode = "echo" | "dryRun";

/** A provider's answer to a create: the id (`""` in a preview) and the outputs on the wire. */
export interface CreateAnswer {
  id: string;
  object: WireObject;
}

function asObject(value: unknown): WireObject | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as WireObject)
    : undefined;
}

/**
 * The inputs after pulumi-kubernetes' `Check`: a known `metadata` without a
 * name gets an auto-name derived from the resource name.
 */
export function checkPod(resourceName: string, inputs: WireObject): WireObject {
  const metadata = asObject(inputs.metadata);
  if (metadata === undefined || isSecret(metadata) || "name" in metadata) return inputs;
  const suffix = createHash("sha256").update(resourceName).digest("hex").slice(0, 8);
  const annotations = asObject(metadata.annotations) ?? {};
  return {
    ...inputs,
    metadata: {
      ...metadata,
      name: `${resourceName}-${suffix}`,
      annotations: { ...annotations, "pulumi.com/autonamed": "true" },
    },
  };
}

/** Whether pulumi-kubernetes waits for this pod (its inputs, plain) to become Ready. */
export function awaitsReady(inputs: WireObject): boolean {
  const annotations = asObject(asObject(inputs.metadata)?.annotations);
  return annotations?.[SKIP_AWAIT] !== "true";
}

/** The object the API server makes of the plain pod `inputs` (defaults, uid; status when live). */
function serverPod(inputs: WireObject, live: boolean): WireObject {
  const pod = structuredClone(inputs);
  const metadata = (asObject(pod.metadata) ?? {}) as WireObject;
  pod.metadata = metadata;
  metadata.namespace ??= "default";
  metadata.uid = randomUUID();
  metadata.creationTimestamp = "2026-12-01T12:00:00Z";
  if (live) metadata.resourceVersion = "4242";
  const spec = (asObject(pod.spec) ?? {}) as WireObject;
  pod.spec = spec;
  spec.restartPolicy ??= "Always";
  spec.dnsPolicy ??= "ClusterFirst";
  spec.schedulerName ??= "default-scheduler";
  spec.terminationGracePeriodSeconds ??= 30;
  spec.serviceAccountName ??= "default";
  spec.serviceAccount ??= spec.serviceAccountName;
  spec.enableServiceLinks ??= true;
  spec.priority ??= 0;
  spec.preemptionPolicy ??= "PreemptLowerPriority";
  const containers = Array.isArray(spec.containers) ? spec.containers : [];
  for (const container of containers) {
    const c = asObject(container);
    if (c === undefined) continue;
    c.terminationMessagePath ??= "/dev/termination-log";
    c.terminationMessagePolicy ??= "File";
    const image = typeof c.image === "string" ? c.image : "";
    c.imagePullPolicy ??=
      image.endsWith(":latest") || !image.includes(":") ? "Always" : "IfNotPresent";
  }
  if (live) {
    pod.status = awaitsReady(inputs)
      ? {
          phase: "Running",
          conditions: [{ type: "Ready", status: "True" }],
          podIP: "10.0.0.42",
        }
      : { phase: "Pending" };
  }
  return pod;
}

/**
 * pulumi-kubernetes' answer to creating a Pod with the (checked) wire
 * `inputs`.
 *
 * @param inputs - the pod's inputs on the wire, after {@link checkPod}.
 * @param preview - whether this is a preview.
 * @param mode - the preview answer; ignored in an update.
 */
export function createPod(
  inputs: WireObject,
  preview: boolean,
  mode: PodPreviewMode,
): CreateAnswer {
  if (preview && (mode === "echo" || containsUnknown(inputs))) return { id: "", object: inputs };
  if (containsUnknown(inputs)) {
    throw new Error(`a Pod create in an update got unknown inputs (${UNKNOWN})`);
  }
  const object = annotateSecrets(serverPod(stripSecrets(inputs) as WireObject, !preview), inputs);
  const metadata = asObject(stripSecrets(object.metadata));
  return { id: preview ? "" : `${String(metadata?.namespace)}/${String(metadata?.name)}`, object };
}
