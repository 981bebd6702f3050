/**
 * Step 2 of the runner pod rules: the values the backend controls, applied to
 * the starting manifest of step 1. One function per row of the step-2 table,
 * applied in the table's order (as the Elixir module pipes the manifest
 * through its steps); each row sets its value, warns when the template or
 * callback set another one, and reports its own errors. What no row controls
 * then passes through untouched.
 *
 * | row | field | value |
 * |---|---|---|
 * | {@link apiVersionAndKind} | `apiVersion`, `kind` | `v1`, `Pod` |
 * | {@link metadataName} | `metadata.name` | the runner name |
 * | {@link metadataNamespace} | `metadata.namespace` | kept when set, else the parent's |
 * | {@link metadataOwnerReferences} | `metadata.ownerReferences` | the parent, `controller: true` (none with `omitOwnerReference`) |
 * | {@link restartPolicy} | `spec.restartPolicy` | `Never` |
 * | {@link serviceAccount} | `spec.serviceAccountName`, `spec.serviceAccount` | the callback's account, else the parent's; the same value in both |
 * | {@link runnerContainerImage} | first container `image` | the app container's image |
 * | {@link runnerContainerName} | first container `name` | the runner name |
 * | {@link runnerContainerEnv} | first container `env` | see {@link runnerEnv} |
 *
 * The v0.7 profile (docs/rules-v0.7.md) makes the name of a `generateName`
 * ({@link metadataNameV07}), keeps the other pod rows and replaces the last
 * three: {@link runnerContainerImageKept},
 * {@link runnerContainerNamedRunner}, {@link runnerContainerEnvV07}, then adds
 * {@link runnerContainerSecretEnv}.
 */
import type { RunnerPodIssue } from "../errors";
import type { PodManifest } from "../types";
import type { OwnerReference } from "kubernetes-types/meta/v1";
import { runnerEnv, runnerEnvV07, type StepOneEnv, type UserEnvPaths } from "./env";
import type { CheckedInputs } from "./inputs";
import { v07RunnerName } from "./names";
import { isDns1123Subdomain } from "../validation/formats";
import { issue, type IssueListener } from "../issues/issue";
import { show } from "../issues/message";
import { FieldPath } from "../issues/path";
import { isPlainObject, nonEmptyString, samePlain, type PlainObject } from "../plain";
import { own, setOwn } from "./caller-data";

/** The callback's result (or the v0.7 manifest), where step 2's warnings point. */
const CALLBACK = FieldPath.root("callback");

/** The runner container in the callback's result. */
const RUNNER_CONTAINER = CALLBACK.child("spec", "containers").index(0);
import type { StartingManifest } from "./start";

/** The four objects of a pod manifest that step 2 writes in. */
interface ManifestParts {
  manifest: PlainObject;
  metadata: PlainObject;
  spec: PlainObject;
  /** The first (runner) container. */
  container: PlainObject;
}

/** What the rows of step 2 read and write. */
export interface Step2 {
  readonly inputs: CheckedInputs;
  /** Where a row reports an error. */
  readonly issues: RunnerPodIssue[];
  /** The caller's `onWarning`; `undefined` without a listener (warnings are then not built). */
  readonly warn: IssueListener | undefined;
  /** The first container's env entries that the template or callback wrote. */
  readonly userEnv: UserEnvPaths;
  /** What step 1 wrote (owned): the rows read it. */
  readonly from: Readonly<ManifestParts>;
  /** The runner manifest: each row writes its field here. */
  readonly runner: Readonly<ManifestParts>;
}

/** A row of the step-2 table. */
export type Row = (step: Step2) => void;

/** Returns `ours`, with a warning when the template or callback set `theirs` to another value. */
function controlled<T>(step: Step2, path: FieldPath, theirs: unknown, ours: T): T {
  if (theirs !== undefined && theirs !== ours) {
    step.warn?.(
      issue(
        "backend-value-overwritten",
        path,
        `${show(theirs)} is overwritten with ${show(ours)} (the backend controls it)`,
      ),
    );
  }
  return ours;
}

/** `apiVersion` and `kind`: `v1` and `Pod`. */
function apiVersionAndKind(step: Step2): void {
  const { from, runner } = step;
  runner.manifest.apiVersion = controlled(
    step,
    CALLBACK.child("apiVersion"),
    from.manifest.apiVersion,
    "v1",
  );
  runner.manifest.kind = controlled(step, CALLBACK.child("kind"), from.manifest.kind, "Pod");
}

/** `metadata.name`: the runner name. */
function metadataName(step: Step2): void {
  const name = step.inputs.runnerName;
  const path = CALLBACK.child("metadata", "name");
  step.runner.metadata.name = controlled(step, path, step.from.metadata.name, name);
}

/**
 * v0.7 `metadata.name`: the name the API server makes of the `generateName`
 * (the manifest's, kept in step 1, else `<parent name>-`), cut to 58
 * characters, followed by the runner id. A manifest's prefix that is not a
 * non-empty string, or that makes no pod name (a DNS subdomain), is an error.
 */
function metadataNameV07(step: Step2): void {
  const prefix = step.from.metadata.generateName;
  let name = step.inputs.runnerName;
  if (prefix !== undefined) {
    const made = typeof prefix === "string" ? v07RunnerName(prefix, step.inputs.runnerId) : "";
    if (prefix !== "" && isDns1123Subdomain(made)) name = made;
    else {
      step.issues.push(
        issue(
          "template-invalid",
          CALLBACK.child("metadata", "generateName"),
          typeof prefix !== "string" || prefix === ""
            ? `must be a non-empty string, the prefix of the runner's name (got ${show(prefix)}); leave it out for "${step.inputs.parentName}-"`
            : `${show(prefix)} makes the runner name "${made}", which is not a valid pod name (lowercase letters, digits, "-" and ".", starting with a letter or digit); use a prefix like "livebook-flame-runner-", or leave it out for "${step.inputs.parentName}-"`,
        ),
      );
    }
  }
  step.runner.metadata.name = controlled(
    step,
    CALLBACK.child("metadata", "name"),
    step.from.metadata.name,
    name,
  );
}

/**
 * `metadata.namespace`: the template's or callback's when it set one (it
 * must be a namespace name), else the parent's; left out when neither is
 * known.
 */
function metadataNamespace(step: Step2): void {
  const theirs = step.from.metadata.namespace;
  let namespace = step.inputs.parentNamespace;
  if (nonEmptyString(theirs) !== undefined) namespace = theirs as string;
  else if (theirs !== undefined) {
    step.issues.push(
      issue(
        "runner-namespace-invalid",
        CALLBACK.child("metadata", "namespace"),
        `must be a namespace name (got ${show(theirs)}); leave it out for the parent's namespace`,
      ),
    );
  }
  if (namespace !== undefined) step.runner.metadata.namespace = namespace;
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
    apiVersion: nonEmptyString(own(parent, "apiVersion")) ?? "v1",
    kind: nonEmptyString(own(parent, "kind")) ?? "Pod",
    name: inputs.parentName,
    uid: inputs.parentUid as string,
    controller: true,
  };
}

/**
 * `metadata.ownerReferences`: exactly the {@link parentOwnerReference}, none
 * with `omitOwnerReference`. An error when the runner's namespace is not the
 * parent's: the garbage collector treats a cross-namespace owner as absent
 * and would delete the runner at once.
 */
function metadataOwnerReferences(step: Step2): void {
  const ours = step.inputs.omitOwnerReference ? undefined : [parentOwnerReference(step.inputs)];
  if (ours !== undefined) refuseCrossNamespaceOwner(step);
  warnOwnerReferencesOverwritten(step, ours);
  if (ours !== undefined) step.runner.metadata.ownerReferences = ours;
}

/** The error of an owner reference to a parent in another namespace than the runner's. */
function refuseCrossNamespaceOwner(step: Step2): void {
  const namespace = step.runner.metadata.namespace;
  const parentNamespace = step.inputs.parentNamespace;
  if (parentNamespace === undefined || namespace === parentNamespace) return;
  step.issues.push(
    issue(
      "owner-reference-cross-namespace",
      CALLBACK.child("metadata", "namespace"),
      `"${String(namespace)}" is not the parent's namespace "${parentNamespace}": an owner reference cannot cross namespaces (the garbage collector would delete the runner at once); run the runner in "${parentNamespace}", or pass omitOwnerReference: true`,
    ),
  );
}

/** The warning for owner references the callback set that differ from ours. */
function warnOwnerReferencesOverwritten(step: Step2, ours: OwnerReference[] | undefined): void {
  const theirs = step.from.metadata.ownerReferences;
  if (step.warn === undefined || theirs === undefined || samePlain(theirs, ours ?? [])) return;
  step.warn(
    issue(
      "backend-value-overwritten",
      CALLBACK.child("metadata", "ownerReferences"),
      `${show(theirs)} ${
        ours === undefined
          ? "are removed (omitOwnerReference is set; the backend controls them)"
          : "are overwritten with the parent pod as controller (the backend controls them)"
      }`,
    ),
  );
}

/** `spec.restartPolicy`: `Never`. */
function restartPolicy(step: Step2): void {
  const theirs = step.from.spec.restartPolicy;
  step.runner.spec.restartPolicy = controlled(
    step,
    CALLBACK.child("spec", "restartPolicy"),
    theirs,
    "Never",
  );
}

/**
 * `spec.serviceAccountName` and `spec.serviceAccount`: the template's or
 * callback's account (`serviceAccountName`, else `serviceAccount`), else the
 * parent's; both fields carry the same value, and are left out when no
 * account is known.
 */
function serviceAccount(step: Step2): void {
  const theirs = step.from.spec;
  const parentSpec = own(step.inputs.parentPod, "spec");
  const parent: PlainObject = isPlainObject(parentSpec) ? parentSpec : {};
  const account =
    nonEmptyString(theirs.serviceAccountName) ??
    nonEmptyString(theirs.serviceAccount) ??
    nonEmptyString(own(parent, "serviceAccountName")) ??
    nonEmptyString(own(parent, "serviceAccount"));
  if (theirs.serviceAccount !== undefined && theirs.serviceAccount !== account) {
    step.warn?.(
      issue(
        "backend-value-overwritten",
        CALLBACK.child("spec", "serviceAccount"),
        `${show(theirs.serviceAccount)} is overwritten with ${show(account)}, the value of spec.serviceAccountName (both fields name the runner's one service account)`,
      ),
    );
  }
  if (account === undefined) return;
  step.runner.spec.serviceAccountName = account;
  step.runner.spec.serviceAccount = account;
}

/** First container `image`: the app container's image. */
function runnerContainerImage(step: Step2): void {
  const theirs = step.from.container.image;
  const image = step.inputs.image;
  step.runner.container.image = controlled(step, RUNNER_CONTAINER.child("image"), theirs, image);
}

/** First container `name`: the runner name. */
function runnerContainerName(step: Step2): void {
  const theirs = step.from.container.name;
  const name = step.inputs.runnerName;
  step.runner.container.name = controlled(step, RUNNER_CONTAINER.child("name"), theirs, name);
}

/**
 * The runner container's env after step 1, as both profiles' env rows read
 * it; `secretEnvFrom` says whether a Secret reference joins its `envFrom`.
 */
function stepOneEnv(step: Step2, secretEnvFrom: boolean): StepOneEnv {
  const { container, spec } = step.from;
  const envFrom = container.envFrom;
  return {
    env: Array.isArray(container.env) ? container.env : [],
    userEnv: step.userEnv,
    encodedParent: step.inputs.encodedParent,
    hasEnvFrom: secretEnvFrom || (Array.isArray(envFrom) && envFrom.length > 0),
    serviceLinks: spec.enableServiceLinks !== false,
  };
}

/** First container `env`: the predefined variables, then the rest (see {@link runnerEnv}). */
function runnerContainerEnv(step: Step2): void {
  const runner = {
    runnerName: step.inputs.runnerName,
    namespace: step.runner.metadata.namespace as string | undefined,
  };
  step.runner.container.env = runnerEnv(stepOneEnv(step, false), runner, step.warn);
}

/**
 * v0.7 first container `image`: the manifest's when it sets one, else the app
 * container's (v0.3.3 overwrote it).
 */
function runnerContainerImageKept(step: Step2): void {
  step.runner.container.image = nonEmptyString(step.from.container.image) ?? step.inputs.image;
}

/** The name v0.7 gives the runner container. */
const V07_RUNNER_CONTAINER_NAME = "runner";

/** v0.7 first container `name`: `runner`. */
function runnerContainerNamedRunner(step: Step2): void {
  const theirs = step.from.container.name;
  step.runner.container.name = controlled(
    step,
    RUNNER_CONTAINER.child("name"),
    theirs,
    V07_RUNNER_CONTAINER_NAME,
  );
}

/** v0.7 first container `env`: see {@link runnerEnvV07}. */
function runnerContainerEnvV07(step: Step2): void {
  const { inputs } = step;
  step.runner.container.env = runnerEnvV07(
    stepOneEnv(step, inputs.secretEnv),
    inputs.env,
    step.warn,
  );
}

/**
 * v0.7 secret env **(better)**: with the `secretEnv` option, the runner
 * container's `envFrom` starts with `{secretRef: {name: <runner name>}}` (no
 * `namespace` key: SecretEnvSource has none), also with `appContainerName`;
 * the manifest's own `envFrom` follows.
 */
function runnerContainerSecretEnv(step: Step2): void {
  const theirs = step.from.container.envFrom;
  const rest = Array.isArray(theirs) ? theirs : [];
  if (step.inputs.secretEnv) {
    const name = step.runner.metadata.name as string;
    step.runner.container.envFrom = [{ secretRef: { name } }, ...rest];
  } else if (theirs !== undefined) step.runner.container.envFrom = theirs;
}

/** The first six rows of the step-2 table: the metadata and the pod spec, the same in both profiles. */
const POD_ROWS: readonly Row[] = [
  apiVersionAndKind,
  metadataName,
  metadataNamespace,
  metadataOwnerReferences,
  restartPolicy,
  serviceAccount,
];

/** The rows of the step-2 table of v0.3.3, in its order. */
const STEP_2_ROWS: readonly Row[] = [
  ...POD_ROWS,
  runnerContainerImage,
  runnerContainerName,
  runnerContainerEnv,
];

/**
 * The rows of the step-2 table of the v0.7 profile (docs/rules-v0.7.md), in
 * its order: v0.3.3's rows where the profile keeps them, its own rows where it
 * differs (image kept, container `runner`, its env, the Secret reference).
 */
const STEP_2_ROWS_V07: readonly Row[] = [
  apiVersionAndKind,
  metadataNameV07,
  ...POD_ROWS.slice(2),
  runnerContainerImageKept,
  runnerContainerNamedRunner,
  runnerContainerEnvV07,
  runnerContainerSecretEnv,
];

/** The keys the rows write, which do not pass through. */
const ROW_KEYS = {
  manifest: new Set(["apiVersion", "kind", "metadata", "spec"]),
  metadata: new Set(["name", "generateName", "namespace", "ownerReferences"]),
  spec: new Set(["restartPolicy", "serviceAccountName", "serviceAccount"]),
};

/** A profile's step 2: its rows in order, and the runner container's keys they write. */
export interface Step2Table {
  /** The rows, in the order of the profile's step-2 table. */
  readonly rows: readonly Row[];
  /** The runner container's keys the rows write (they do not pass through). */
  readonly containerKeys: ReadonlySet<string>;
}

/** Step 2 of v0.3.3 (docs/rules.md). @internal */
export const STEP_2_V033: Step2Table = {
  rows: STEP_2_ROWS,
  containerKeys: new Set(["image", "name", "env"]),
};

/** Step 2 of the v0.7 profile (docs/rules-v0.7.md): its Secret row writes `envFrom` too. @internal */
export const STEP_2_V07: Step2Table = {
  rows: STEP_2_ROWS_V07,
  containerKeys: new Set(["image", "name", "env", "envFrom"]),
};

const hasOwn = Object.prototype.hasOwnProperty;

/** Sets on `target` each own key of `source` that no row writes (shallow: `source` is owned). */
function passThrough(target: PlainObject, source: PlainObject, rowKeys: ReadonlySet<string>): void {
  for (const key in source) {
    if (!hasOwn.call(source, key) || rowKeys.has(key)) continue;
    if (key === "__proto__") setOwn(target, key, source[key]);
    else target[key] = source[key];
  }
}

/**
 * Applies step 2 to the starting manifest (which it takes over) and returns
 * the runner manifest: the rows of the table in order, then everything else
 * of the starting manifest. Errors of the rows go to `issues`; overwritten
 * values are reported through `inputs.warn`.
 *
 * @internal
 */
export function applyBackendValues(
  start: StartingManifest,
  inputs: CheckedInputs,
  issues: RunnerPodIssue[],
): PodManifest {
  const m = start.manifest as unknown as PlainObject;
  const spec = start.manifest.spec as unknown as PlainObject;
  const containers = start.manifest.spec.containers;
  const from: ManifestParts = {
    manifest: m,
    metadata: isPlainObject(m.metadata) ? m.metadata : {},
    spec,
    container: containers[0] as unknown as PlainObject,
  };
  const runner: ManifestParts = { manifest: {}, metadata: {}, spec: {}, container: {} };
  const step: Step2 = { inputs, issues, warn: inputs.warn, userEnv: start.userEnv, from, runner };

  const { rows, containerKeys } = inputs.profile.step2;
  for (const row of rows) row(step);

  passThrough(runner.container, from.container, containerKeys);
  passThrough(runner.metadata, from.metadata, ROW_KEYS.metadata);
  passThrough(runner.spec, from.spec, ROW_KEYS.spec);
  runner.spec.containers = [runner.container, ...containers.slice(1)];
  runner.manifest.metadata = runner.metadata;
  runner.manifest.spec = runner.spec;
  passThrough(runner.manifest, from.manifest, ROW_KEYS.manifest);
  return runner.manifest as PodManifest;
}
