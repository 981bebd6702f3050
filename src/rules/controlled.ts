/**
 * Step 2 of the runner pod rules: the values the backend controls, applied to
 * the starting manifest of step 1, with a warning for each value a callback
 * set to something else.
 *
 * | field | value |
 * |---|---|
 * | `apiVersion`, `kind` | `v1`, `Pod` |
 * | `metadata.name` | the runner name |
 * | `metadata.namespace` | kept when set, else the parent's |
 * | `metadata.ownerReferences` | the parent, `controller: true` (none with `omitOwnerReference`) |
 * | `spec.restartPolicy` | `Never` |
 * | `spec.serviceAccountName`, `spec.serviceAccount` | the callback's account, else the parent's; the same value in both |
 * | first container `name`, `image` | the runner name, the app container's image |
 * | first container `env` | see {@link runnerEnv} |
 */
import type { RunnerPodIssue } from "../errors";
import type { Container, PodManifest } from "../types";
import type { OwnerReference } from "kubernetes-types/meta/v1";
import { runnerEnv } from "./env";
import type { CheckedInputs } from "./inputs";
import { assignOwnExcept, isPlainObject, samePlain, show, type PlainObject } from "./sanitize";
import type { StartingManifest } from "./start";

/** Keys of the callback's metadata, runner container and manifest that the backend sets itself. */
const OWN_METADATA_KEYS: ReadonlySet<string> = new Set(["name", "namespace", "ownerReferences"]);
const OWN_CONTAINER_KEYS: ReadonlySet<string> = new Set(["name", "image", "env"]);
const OWN_MANIFEST_KEYS: ReadonlySet<string> = new Set(["apiVersion", "kind", "metadata", "spec"]);

/** Reports a value the template or callback set and the backend overwrites. */
function overwritten(
  warn: ((message: string) => void) | undefined,
  path: string,
  value: unknown,
  ours: unknown,
): void {
  warn?.(
    `callback.${path}: ${show(value)} is overwritten with ${show(ours)} (the backend controls it)`,
  );
}

function nonEmptyString(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

/**
 * The owner reference of a runner: exactly `{apiVersion, kind, name, uid,
 * controller: true}` of the parent pod (`v1`/`Pod` when the parent manifest
 * leaves them out). `controller: true` keeps the parent's ReplicaSet or
 * StatefulSet from adopting a runner that carries the parent's labels; there is
 * no `namespace` key (an owner reference has none) and no `blockOwnerDeletion`.
 *
 * @internal
 */
export function parentOwnerReference(inputs: CheckedInputs): OwnerReference {
  const parent = inputs.parentPod;
  return {
    apiVersion: nonEmptyString(parent.apiVersion) ?? "v1",
    kind: nonEmptyString(parent.kind) ?? "Pod",
    name: inputs.parentName,
    uid: inputs.parentUid as string,
    controller: true,
  };
}

/**
 * Applies step 2 to the starting manifest (which it takes over) and returns
 * the runner manifest. Cross-namespace owner references go to `issues`;
 * overwritten values are reported through `inputs.warn` (when there is a
 * listener: messages are only formatted for one).
 *
 * @internal
 */
export function applyBackendValues(
  start: StartingManifest,
  inputs: CheckedInputs,
  issues: RunnerPodIssue[],
): PodManifest {
  const m = start.manifest;
  const fromCallback = start.source === "callback";
  const warn = inputs.warn;
  const name = inputs.runnerName;

  if (m.apiVersion !== undefined && m.apiVersion !== "v1")
    overwritten(warn, "apiVersion", m.apiVersion, "v1");
  if (m.kind !== undefined && m.kind !== "Pod") overwritten(warn, "kind", m.kind, "Pod");

  // metadata
  const meta: PlainObject = isPlainObject(m.metadata) ? m.metadata : {};
  if (meta.name !== undefined && meta.name !== name) {
    overwritten(warn, "metadata.name", meta.name, name);
  }
  let namespace = inputs.parentNamespace;
  if (meta.namespace !== undefined) {
    if (typeof meta.namespace === "string" && meta.namespace !== "") namespace = meta.namespace;
    else {
      issues.push({
        path: "callback.metadata.namespace",
        message: `must be a namespace name (got ${show(meta.namespace)}); leave it out for the parent's namespace`,
      });
    }
  }
  let ownerReferences: OwnerReference[] | undefined;
  if (!inputs.omitOwnerReference) {
    if (
      namespace !== undefined &&
      inputs.parentNamespace !== undefined &&
      namespace !== inputs.parentNamespace
    ) {
      issues.push({
        path: "callback.metadata.namespace",
        message: `"${namespace}" is not the parent's namespace "${inputs.parentNamespace}": an owner reference cannot cross namespaces (the garbage collector would delete the runner at once); run the runner in "${inputs.parentNamespace}", or pass omitOwnerReference: true`,
      });
    }
    ownerReferences = [parentOwnerReference(inputs)];
  }
  if (
    warn !== undefined &&
    meta.ownerReferences !== undefined &&
    !samePlain(meta.ownerReferences, ownerReferences ?? [])
  ) {
    warn(
      `callback.metadata.ownerReferences: ${show(meta.ownerReferences)} ${
        ownerReferences === undefined
          ? "are removed (omitOwnerReference is set; the backend controls them)"
          : "are overwritten with the parent pod as controller (the backend controls them)"
      }`,
    );
  }
  const metadata: PlainObject = { name };
  if (namespace !== undefined) metadata.namespace = namespace;
  assignOwnExcept(metadata, meta, OWN_METADATA_KEYS);
  if (ownerReferences !== undefined) metadata.ownerReferences = ownerReferences;

  // spec
  const spec = m.spec;
  if (spec.restartPolicy !== undefined && spec.restartPolicy !== "Never") {
    overwritten(warn, "spec.restartPolicy", spec.restartPolicy, "Never");
  }
  spec.restartPolicy = "Never";
  const parentSpec: PlainObject = isPlainObject(inputs.parentPod.spec) ? inputs.parentPod.spec : {};
  const ownAccount = nonEmptyString(spec.serviceAccountName) ?? nonEmptyString(spec.serviceAccount);
  const account =
    ownAccount ??
    nonEmptyString(parentSpec.serviceAccountName) ??
    nonEmptyString(parentSpec.serviceAccount);
  if (spec.serviceAccount !== undefined && spec.serviceAccount !== account) {
    warn?.(
      `callback.spec.serviceAccount: ${show(spec.serviceAccount)} is overwritten with ${show(account)}, the value of spec.serviceAccountName (both fields name the runner's one service account)`,
    );
  }
  if (account !== undefined) {
    spec.serviceAccountName = account;
    spec.serviceAccount = account;
  } else {
    delete spec.serviceAccountName;
    delete spec.serviceAccount;
  }

  // the runner container
  const first = spec.containers[0];
  if (first.name !== undefined && first.name !== name) {
    overwritten(warn, "spec.containers[0].name", first.name, name);
  }
  if (first.image !== undefined && first.image !== inputs.image) {
    overwritten(warn, "spec.containers[0].image", first.image, inputs.image);
  }
  const env = runnerEnv(
    {
      env: Array.isArray(first.env) ? first.env : [],
      userEnv: start.userEnv,
      runnerName: name,
      namespace,
      encodedParent: inputs.encodedParent,
      hasEnvFrom: Array.isArray(first.envFrom) && first.envFrom.length > 0,
      serviceLinks: spec.enableServiceLinks !== false,
    },
    warn,
  );
  const container: Container = { name, image: inputs.image, env };
  assignOwnExcept(
    container as unknown as PlainObject,
    first as unknown as PlainObject,
    OWN_CONTAINER_KEYS,
  );
  spec.containers[0] = container;

  const out: PodManifest = { apiVersion: "v1", kind: "Pod", metadata, spec };
  if (fromCallback) {
    assignOwnExcept(out as unknown as PlainObject, m as unknown as PlainObject, OWN_MANIFEST_KEYS);
  }
  return out;
}
