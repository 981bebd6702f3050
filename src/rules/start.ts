/**
 * Step 1 of the runner pod rules: the starting manifest, from a template
 * object or from a callback's result. The result is always an owned copy (it
 * shares nothing with the inputs), without `null`, with at least one container.
 *
 * Problems of the template or of the callback's result go to `issues`, and
 * the starting manifest is built anyway from what is usable (an env entry
 * without a name is left out...), so that the schema check of the runner
 * finds the other problems too: every problem is reported at once.
 */
import type { RunnerPodIssue } from "../errors";
import type { VolumeMount } from "kubernetes-types/core/v1";
import type { Container, EnvFromSource, PodManifest } from "../types";
import { callbackResultError } from "./callback";
import { checkEnvEntries, isUsableEnvEntry, templateAndParentEnv, type UserEnvPaths } from "./env";
import { checkCallbackResult, checkTemplate, type CheckedInputs } from "./inputs";
import { issue, type IssueListener } from "../issues/issue";
import { kindOf } from "../issues/message";
import { FieldPath } from "../issues/path";
import { isAbsent, isPlainObject, type PlainObject } from "../plain";
import { copyPlain, copyPlainList, own, readCallerData } from "./caller-data";
import { copyEnvFromSource, copyResourceRequirements } from "./generated/pod-copy";
import { copyWithoutServerFields } from "./server-fields";

const TEMPLATE = FieldPath.root("template");
const TEMPLATE_ENV = TEMPLATE.child("env");
const TEMPLATE_RESOURCES = TEMPLATE.child("resources");
const PARENT_CONTAINERS = FieldPath.root("parentPod").child("spec", "containers");
const CALLBACK = FieldPath.root("callback");

/**
 * The starting manifest of step 1. Internal to the rules.
 *
 * @internal
 */
export interface StartingManifest {
  /** An owned copy: `spec.containers[0]` exists. */
  manifest: PodManifest & { spec: { containers: [Container, ...Container[]] } };
  /** The first container's first env entries, those the template or callback wrote. */
  userEnv: UserEnvPaths;
}

/**
 * Step 1 B (and A, for an absent template): one container with the template's
 * resources (or the app container's), the template's env then the app
 * container's (without the names the template defines) and the app container's
 * `envFrom` when `addParentEnv` is not `false`; the parent's namespace.
 *
 * @param inputs - the checked inputs; `undefined` when they failed: the
 *   template is then only checked.
 * @returns `undefined` without inputs.
 * @internal
 */
export function startFromTemplate(
  inputs: CheckedInputs | undefined,
  template: unknown,
  issues: RunnerPodIssue[],
): StartingManifest | undefined {
  const userEnv = readCallerData(TEMPLATE, () => checkTemplate(template, issues));
  if (inputs === undefined) return undefined;
  const app = inputs.appContainer;
  const appPath = PARENT_CONTAINERS.index(inputs.appContainerIndex);
  const [appEnv, envFrom, appResources] = readCallerData(appPath, () => [
    own(app, "env"),
    own(app, "envFrom"),
    own(app, "resources"),
  ]);
  return readCallerData(TEMPLATE, () => {
    const t = isPlainObject(template) ? template : {};
    const addParentEnv = own(t, "addParentEnv") !== false;
    if (addParentEnv) checkEnvEntries(appEnv, appPath.child("env"), issues);

    // The name is set in step 2; until then the container has none.
    const container = {
      env: templateAndParentEnv(
        { list: own(t, "env"), path: TEMPLATE_ENV },
        addParentEnv ? { list: appEnv, path: appPath.child("env") } : undefined,
      ),
    } as Container;
    if (addParentEnv && Array.isArray(envFrom) && envFrom.length > 0) {
      const copy = copyPlainList<EnvFromSource>(
        envFrom,
        appPath.child("envFrom"),
        copyEnvFromSource,
      );
      if (copy.length > 0) container.envFrom = copy;
    }
    const ownResources = own(t, "resources");
    const [resources, resourcesPath] = isPlainObject(ownResources)
      ? [ownResources, TEMPLATE_RESOURCES]
      : [appResources, appPath.child("resources")];
    if (isPlainObject(resources))
      container.resources = copyPlain(resources, resourcesPath, copyResourceRequirements);

    const manifest: StartingManifest["manifest"] = { spec: { containers: [container] } };
    if (inputs.parentNamespace !== undefined) {
      manifest.metadata = { namespace: inputs.parentNamespace };
    }
    return { manifest, userEnv };
  });
}

/**
 * Step 1 C: a copy of the callback's result without `null`, `status`, the
 * metadata fields only the API server writes and the service-account token
 * mounts the admission controller injected into the parent; a result without
 * `spec` or without containers gets one empty runner container.
 *
 * @param inputs - the checked inputs (for warnings); `undefined` when they
 *   failed: the result is then only checked.
 * @returns `undefined` without inputs or when the result is not an object.
 * @internal
 */
export function startFromCallback(
  inputs: CheckedInputs | undefined,
  result: unknown,
  issues: RunnerPodIssue[],
): StartingManifest | undefined {
  return readCallerData(
    CALLBACK,
    () => copyCallbackResult(inputs, result, issues),
    callbackResultError,
  );
}

/** {@link startFromCallback}'s reading of the result; what a getter there throws is wrapped by the caller. */
function copyCallbackResult(
  inputs: CheckedInputs | undefined,
  result: unknown,
  issues: RunnerPodIssue[],
): StartingManifest | undefined {
  const userEnv = checkCallbackResult(result, issues);
  if (inputs === undefined || !isPlainObject(result)) return undefined;
  const copy = copyWithoutServerFields(result, CALLBACK) as PodManifest;
  if (inputs.profile.keepsGenerateName) keepGenerateName(inputs, result, copy);
  if (!isPlainObject(copy.spec)) copy.spec = { containers: [] };
  const spec = copy.spec;
  if (!Array.isArray(spec.containers)) spec.containers = [];
  if (!isPlainObject(spec.containers[0])) spec.containers[0] = {} as Container;
  const first = spec.containers[0];
  if (issues.length > 0 && Array.isArray(first.env)) {
    first.env = first.env.filter(isUsableEnvEntry);
  }
  dropInjectedServiceAccountMounts(spec, inputs.warn);
  return { manifest: copy as StartingManifest["manifest"], userEnv };
}

/**
 * v0.7 keeps the `metadata.generateName` of a manifest or callback result,
 * the runner name's prefix (step 2 checks it), unless it is the parent's own
 * `generateName` (a callback's copy of the parent's metadata: the
 * ReplicaSet's prefix), which is dropped with the other server-written fields.
 *
 * @param result - the caller's manifest; not modified.
 * @param copy - its owned copy, which gets the prefix.
 */
function keepGenerateName(inputs: CheckedInputs, result: PlainObject, copy: PodManifest): void {
  const metadata = own(result, "metadata");
  const prefix = isPlainObject(metadata) ? own(metadata, "generateName") : undefined;
  if (isAbsent(prefix) || !isPlainObject(copy.metadata)) return;
  const parentMetadata = own(inputs.parentPod, "metadata");
  const parentPrefix = isPlainObject(parentMetadata)
    ? own(parentMetadata, "generateName")
    : undefined;
  if (prefix !== parentPrefix) copy.metadata.generateName = copyPlain(prefix) as string;
}

/**
 * Step 1 of the v0.7 profile for a manifest object (the `:manifest` map):
 * treated as a callback's result (a copy without `null`, `status` and the
 * server-written metadata fields, a `generateName` other than the parent's
 * kept as the runner name's prefix; one empty runner
 * container when `spec` or its containers are missing). `undefined` and
 * `null` are the empty manifest `{}`.
 *
 * @internal
 */
export function startFromManifest(
  inputs: CheckedInputs | undefined,
  manifest: unknown,
  issues: RunnerPodIssue[],
): StartingManifest | undefined {
  if (!isAbsent(manifest) && !isPlainObject(manifest)) {
    issues.push(
      issue(
        "template-invalid",
        FieldPath.root("manifest"),
        `must be a pod manifest object, like { spec: { containers: [{ resources: { ... } }] } }, or a callback (got ${kindOf(manifest)})`,
      ),
    );
    return undefined;
  }
  return startFromCallback(inputs, manifest ?? {}, issues);
}

/** Where the ServiceAccount admission controller mounts the token volume. */
const SERVICE_ACCOUNT_TOKEN_PATH = "/var/run/secrets/kubernetes.io/serviceaccount";

/**
 * Drops, in every container and init container, a volume mount at
 * {@link SERVICE_ACCOUNT_TOKEN_PATH} whose volume is not in `spec.volumes`:
 * the token volume (`kube-api-access-…`) the admission controller injected
 * into the parent, which a callback copied with the parent's containers. The
 * API server would refuse the runner (`volumeMounts[0].name: Not found`);
 * the controller injects a fresh volume and mount into the runner.
 *
 * @param spec - the callback's spec (an owned copy); changed.
 * @param warn - receives one warning per dropped mount.
 */
function dropInjectedServiceAccountMounts(
  spec: NonNullable<PodManifest["spec"]>,
  warn: IssueListener | undefined,
): void {
  let volumes: Set<unknown> | undefined;
  const injected = (mount: unknown): boolean => {
    if (!isPlainObject(mount) || mount.mountPath !== SERVICE_ACCOUNT_TOKEN_PATH) return false;
    volumes ??= new Set(
      (Array.isArray(spec.volumes) ? spec.volumes : []).map((v) => (isPlainObject(v) ? v.name : v)),
    );
    return !volumes.has(mount.name);
  };
  for (const list of ["containers", "initContainers"] as const) {
    const containers: unknown = spec[list];
    if (!Array.isArray(containers)) continue;
    containers.forEach((container: unknown, c) => {
      if (!isPlainObject(container) || !Array.isArray(container.volumeMounts)) return;
      const mounts = container.volumeMounts as VolumeMount[];
      if (!mounts.some(injected)) return;
      mounts.forEach((mount, m) => {
        if (!injected(mount)) return;
        warn?.(
          issue(
            "service-account-mount-dropped",
            CALLBACK.child("spec", list).index(c).child("volumeMounts").index(m),
            `the mount of ${JSON.stringify(mount.name)} at ${SERVICE_ACCOUNT_TOKEN_PATH} is dropped: its volume is not in spec.volumes (the service-account token the admission controller injected into the parent; it injects a fresh one into the runner)`,
          ),
        );
      });
      container.volumeMounts = mounts.filter((mount) => !injected(mount));
    });
  }
}
