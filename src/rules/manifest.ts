/**
 * The runner pod rules of flame_k8s_backend v0.3.3, as pure functions: a parent
 * pod plus a template (or a callback) in, a checked runner pod manifest out.
 * The v0.7 profile (`backend: "v0.7"`, docs/rules-v0.7.md) runs through the
 * same pipeline: it starts step 1 from a pod manifest instead of a template
 * and applies its own step-2 rows. No Pulumi here; the `FlameRunnerPod`
 * component builds on {@link runnerPodManifestFromStart}.
 */
import { FlameRunnerPodError, type RunnerPodIssue } from "../errors";
import type {
  Container,
  PodManifest,
  RunnerPodCallback,
  RunnerPodOptions,
  RunnerPodStartingManifest,
  RunnerPodTemplate,
} from "../types";
import { validatePodManifest } from "../validation";
import { locateAppContainer } from "./app-container";
import { applyBackendValues } from "./controlled";
import { checkInputs, type CheckedInputs } from "./inputs";
import { parentPodWarnings } from "./parent-checks";
import { callbackError, isThenableResult } from "./callback";
import { issue } from "../issues/issue";
import { show } from "../issues/message";
import { FieldPath } from "../issues/path";
import { isPlainObject } from "../plain";
import { copyPlain, readCallerData } from "./caller-data";
import { copyPod } from "./generated/pod-copy";

const PARENT_POD = FieldPath.root("parentPod");
const START_KIND = FieldPath.root("start").child("kind");
import {
  startFromCallback,
  startFromManifest,
  startFromTemplate,
  type StartingManifest,
} from "./start";
import { backendOf } from "./options";
import { profileOf } from "./profiles";
import { runtimeWarnings, type RuntimeCheckInput } from "./runtime-checks";

/**
 * Where step 1 of the rules starts: a template object, or the result a
 * callback already returned (when the caller has called the callback itself,
 * for example after resolving Pulumi outputs).
 */
export type RunnerPodStart =
  | {
      /** Start from a template object (`undefined` or `null`: the empty template `{}`). */
      kind: "template";
      /** The template object; not modified. */
      template?: RunnerPodTemplate | null;
    }
  | {
      /**
       * Start from a pod manifest, the `:manifest` option of the v0.7
       * profile (`undefined` or `null`: the empty manifest `{}`).
       */
      kind: "manifest";
      /** The pod manifest; not modified. */
      manifest?: RunnerPodStartingManifest | null;
    }
  | {
      /** Start from the value a {@link RunnerPodCallback} returned (already awaited). */
      kind: "callback";
      /**
       * What the callback returned; checked here (a non-object is an error at
       * path `callback`) and not modified.
       */
      manifest: unknown;
    };

/**
 * Builds the runner pod manifest from a start that is already known: a
 * template object, or the value a callback returned (already awaited). This is
 * the entry for callers that call the callback themselves, for example the
 * `FlameRunnerPod` component once Pulumi outputs are resolved; give the
 * callback the copies {@link runnerPodCallbackArguments} returns.
 *
 * Step 1 builds the starting manifest:
 * - template (or none): the parent's namespace and one container with
 *   `template.resources` (else the app container's), `template.env` followed by
 *   the app container's `env` without the names `template.env` defines, and the
 *   app container's `envFrom` (both only when `addParentEnv` is not `false`);
 * - callback result: a copy without `null`, `status` and the metadata fields
 *   only the API server writes (`uid`, `resourceVersion`, `generateName`...);
 *   one empty container when it has none.
 *
 * Step 2 then overwrites, always: `apiVersion` (`v1`), `kind` (`Pod`),
 * `metadata.name` (the runner name), `metadata.ownerReferences` (the parent as
 * controller, none with `omitOwnerReference`), `spec.restartPolicy` (`Never`),
 * `spec.serviceAccountName` and `spec.serviceAccount` (the callback's account,
 * else the parent's), and the first container's `name` (the runner name),
 * `image` (the app container's) and `env` (`POD_NAME`, `POD_NAMESPACE`,
 * `PHX_SERVER="false"`, `FLAME_PARENT` first, then the rest without those names
 * and `FLAME_BACKEND`, one entry per name). `metadata.namespace` defaults to
 * the parent's. Everything else passes through. Each value a template or
 * callback set and the rules overwrite is reported to `options.onWarning`, as
 * is a `$(VAR)` reference that never expands and a sidecar taken as the app
 * container.
 *
 * Then the manifest is checked against the Kubernetes Pod schema. Last, the
 * FLAME runtime checks (`runtime-checks.ts`) warn about what would fail after
 * the API server accepted the runner: a runner that cannot join the cluster,
 * lacks the cookie, the pull secrets or the pull policy, is adopted by the
 * parent's ReplicaSet, or lost the IPv6 distribution. Each warning reaches
 * `onWarning` as `path: message`, with `{ code, path, message }` as a second
 * argument.
 *
 * @param parentPod - the parent pod manifest, as `kubectl get pod -o yaml`
 *   prints it; not modified.
 * @param start - where step 1 starts; not modified.
 * @param encodedParent - FLAME's encoded parent (non-empty): the runner's
 *   `FLAME_PARENT`.
 * @param options - see {@link RunnerPodOptions}.
 * @param createdAsIs - for a caller that creates the runner exactly as
 *   returned (the `FlameRunnerPod` component), not FLAME at run time: see
 *   `RuntimeCheckInput.createdAsIs`. Default: FLAME creates it at run time.
 * @returns a new manifest that shares no object with the inputs and holds no
 *   `null`.
 * @throws FlameRunnerPodError listing every problem with its path: bad input
 *   (`parentPod.metadata.uid`, `template.env[1].name`, `callback`...) or a
 *   manifest Kubernetes would refuse (`spec.containers[0].resources.limimts`).
 */
export function runnerPodManifestFromStart(
  parentPod: PodManifest,
  start: RunnerPodStart,
  encodedParent: string,
  options?: RunnerPodOptions,
  createdAsIs?: RuntimeCheckInput["createdAsIs"],
): PodManifest {
  const issues: RunnerPodIssue[] = [];
  return build(
    checkInputs(parentPod, encodedParent, options, issues),
    start,
    issues,
    options,
    createdAsIs,
  );
}

/**
 * The runner pod manifest for a parent pod and a template or callback: the
 * runner pod rules of flame_k8s_backend v0.3.3 (`RunnerPodTemplate.manifest/4`),
 * with the fixes of the rules page. Synchronous: a callback must return its
 * manifest directly; for a callback that returns a Promise use
 * {@link runnerPodManifestAsync}. See {@link runnerPodManifestFromStart} for
 * what each step sets and overwrites.
 *
 * @param parentPod - the parent pod manifest, as `kubectl get pod -o yaml`
 *   prints it; not modified.
 * @param template - a template object `{ env?, resources?, addParentEnv? }`
 *   (with `backend: "v0.7"`: a pod manifest, v0.7's `:manifest`), a callback
 *   `(parentPod, appContainer) => manifest` (it gets deep copies), or
 *   `undefined` for the defaults.
 * @param encodedParent - FLAME's encoded parent (non-empty): the runner's
 *   `FLAME_PARENT`.
 * @param options - see {@link RunnerPodOptions}.
 * @returns a new manifest that shares no object with the inputs and holds no
 *   `null`.
 * @throws FlameRunnerPodError listing every problem with its path, also when the
 *   callback throws, returns a non-object or returns a Promise.
 */
export function runnerPodManifest(
  parentPod: PodManifest,
  template: RunnerPodTemplate | RunnerPodStartingManifest | RunnerPodCallback | undefined,
  encodedParent: string,
  options?: RunnerPodOptions,
): PodManifest {
  if (typeof template !== "function") {
    return runnerPodManifestFromStart(
      parentPod,
      objectStart(template, options),
      encodedParent,
      options,
    );
  }
  const inputs = checkedForCallback(parentPod, encodedParent, options);
  const result = callCallback(template, inputs);
  if (isThenableResult(result)) {
    // Nobody will await it: keep a later rejection from crashing the process.
    ignoreRejection(result);
    throw new FlameRunnerPodError([
      issue(
        "callback-returned-promise",
        FieldPath.root("callback"),
        "returned a Promise, but runnerPodManifest is synchronous; use runnerPodManifestAsync (or the FlameRunnerPod component) for an async callback",
      ),
    ]);
  }
  return build(inputs, { kind: "callback", manifest: result }, []);
}

/**
 * {@link runnerPodManifest} for a callback that may return a Promise: awaits
 * the callback's result, then applies the same rules.
 *
 * @param parentPod - the parent pod manifest; not modified.
 * @param template - a template object (with `backend: "v0.7"`: a pod
 *   manifest), a callback (sync or async; it gets deep copies) or `undefined`.
 * @param encodedParent - FLAME's encoded parent (non-empty).
 * @param options - see {@link RunnerPodOptions}.
 * @returns the runner manifest.
 * @throws (rejects with) FlameRunnerPodError, also when the callback throws or
 *   its Promise rejects (path `callback`).
 */
export async function runnerPodManifestAsync(
  parentPod: PodManifest,
  template: RunnerPodTemplate | RunnerPodStartingManifest | RunnerPodCallback | undefined,
  encodedParent: string,
  options?: RunnerPodOptions,
): Promise<PodManifest> {
  if (typeof template !== "function") {
    return runnerPodManifestFromStart(
      parentPod,
      objectStart(template, options),
      encodedParent,
      options,
    );
  }
  const inputs = checkedForCallback(parentPod, encodedParent, options);
  let result = callCallback(template, inputs);
  if (isThenableResult(result)) {
    try {
      result = await result;
    } catch (error) {
      throw callbackError(error, "rejected with");
    }
  }
  return build(inputs, { kind: "callback", manifest: result }, []);
}

/** The checked inputs a callback is called with; throws every problem of the inputs. */
function checkedForCallback(
  parentPod: unknown,
  encodedParent: unknown,
  options: unknown,
): CheckedInputs {
  const issues: RunnerPodIssue[] = [];
  const inputs = checkInputs(parentPod, encodedParent, options, issues);
  if (inputs === undefined) throw new FlameRunnerPodError(issues);
  return inputs;
}

/**
 * Calls a callback with copies of the parent pod and of its app container;
 * what it throws becomes the rules' error at path `callback`.
 */
function callCallback(callback: RunnerPodCallback, inputs: CheckedInputs): unknown {
  const args = callbackArguments(inputs);
  try {
    return callback(...args);
  } catch (error) {
    throw callbackError(error, "threw");
  }
}

/**
 * The arguments to call a {@link RunnerPodCallback} with: deep copies (without
 * `null`) of the parent pod and of its app container, so the callback cannot
 * change the inputs. For callers of {@link runnerPodManifestFromStart} that
 * call the callback themselves.
 *
 * The parent is copied once: the app container handed over is the one inside
 * that copy (`appContainerCopy === parentPodCopy.spec.containers[i]`). Both are
 * the callback's own copies, which share nothing with `parentPod`.
 *
 * @param parentPod - the parent pod manifest; not modified.
 * @param appContainerName - the app container's name. Default: the first container.
 * @returns `[parentPodCopy, appContainerCopy]`.
 * @throws FlameRunnerPodError when there is no such container.
 */
export function runnerPodCallbackArguments(
  parentPod: PodManifest,
  appContainerName?: string,
): [PodManifest, Container] {
  if (!isPlainObject(parentPod)) {
    throw new FlameRunnerPodError([
      issue(
        "parent-pod-invalid",
        PARENT_POD,
        `must be a pod manifest object (got ${show(parentPod)})`,
      ),
    ]);
  }
  const issues: RunnerPodIssue[] = [];
  const found = locateAppContainer(parentPod, appContainerName, issues);
  if (found === undefined) throw new FlameRunnerPodError(issues);
  return copiesForCallback(parentPod, found.index);
}

function callbackArguments(inputs: CheckedInputs): [PodManifest, Container] {
  return copiesForCallback(inputs.parentPod, inputs.appContainerIndex);
}

/**
 * One deep copy of the parent, and the app container inside it. The copy drops
 * `null` list entries, so the app container's index there counts only the
 * containers before it that are present.
 */
function copiesForCallback(parentPod: PodManifest, appIndex: number): [PodManifest, Container] {
  const containers = parentPod.spec!.containers as readonly unknown[];
  let index = 0;
  for (let i = 0; i < appIndex; i++)
    if (containers[i] !== null && containers[i] !== undefined) index++;
  const copy = copyPlain(parentPod, PARENT_POD, copyPod);
  return [copy, copy.spec!.containers[index]];
}

/** Keeps a rejection of a thenable nobody awaits from crashing the process; its `then` may throw. */
function ignoreRejection(thenable: PromiseLike<unknown>): void {
  try {
    thenable.then(undefined, () => undefined);
  } catch {
    // The thenable is refused anyway.
  }
}

/**
 * The start of an object given to {@link runnerPodManifest}, by the profile's
 * kind: a template under v0.3.3, a pod manifest under v0.7.
 *
 * @param object - the template or manifest; not modified.
 * @param options - the caller's options; only the own `backend` is read.
 * @internal
 */
export function objectStart(
  object: RunnerPodTemplate | RunnerPodStartingManifest | undefined,
  options: unknown,
): RunnerPodStart {
  return profileOf(backendOf(options)).start === "manifest"
    ? { kind: "manifest", manifest: object as RunnerPodStartingManifest | undefined }
    : { kind: "template", template: object as RunnerPodTemplate | undefined };
}

/**
 * The pipeline of the rules: step 1 (the starting manifest), step 2 (the
 * values the backend controls), then the Pod schema. Every problem found on
 * the way is reported in one error: those of the inputs, of step 1, of step 2
 * and of the schema together.
 *
 * @param inputs - the checked inputs; `undefined` when they failed (`issues`
 *   says why): the start is then only checked.
 * @param start - where step 1 starts.
 * @param issues - the problems found so far.
 * @param options - the caller's options, read only when `inputs` failed.
 * @param createdAsIs - see {@link runnerPodManifestFromStart}.
 */
function build(
  inputs: CheckedInputs | undefined,
  start: RunnerPodStart,
  issues: RunnerPodIssue[],
  options?: unknown,
  createdAsIs?: RuntimeCheckInput["createdAsIs"],
): PodManifest {
  let starting: StartingManifest | undefined;
  const backend = inputs?.backend ?? backendOf(options);
  if (start.kind === "template" || start.kind === "manifest") {
    const expected = profileOf(backend).start;
    if (expected !== start.kind) {
      issues.push(
        issue(
          "start-invalid",
          START_KIND,
          `the ${backend} backend starts from a ${expected} (got a ${start.kind})`,
        ),
      );
    } else if (start.kind === "template") {
      starting = startFromTemplate(inputs, start.template, issues);
    } else starting = startFromManifest(inputs, start.manifest, issues);
  } else if (start.kind === "callback") {
    starting = startFromCallback(inputs, start.manifest, issues);
  } else {
    issues.push(
      issue(
        "start-invalid",
        START_KIND,
        `must be "template", "manifest" or "callback" (got ${show((start as { kind?: unknown }).kind)})`,
      ),
    );
  }
  if (inputs === undefined || starting === undefined) throw new FlameRunnerPodError(issues);
  // Once the input has a problem, warnings would only add noise to the error.
  const checked = issues.length > 0 ? { ...inputs, warn: undefined } : inputs;
  if (checked.warn) {
    for (const w of parentPodWarnings(checked.parentPod, checked.appContainerIndex))
      checked.warn(w);
  }
  const manifest = applyBackendValues(starting, checked, issues);
  issues.push(...validatePodManifest(manifest));
  if (issues.length > 0) throw new FlameRunnerPodError(issues);
  const warn = checked.warn;
  if (warn) {
    const input: RuntimeCheckInput = {
      parentPod: checked.parentPod,
      appContainer: checked.appContainer,
      runner: manifest,
      backend: checked.backend,
      workloadSelector: checked.workloadSelector,
      createdAsIs,
    };
    for (const w of readCallerData(PARENT_POD, () => runtimeWarnings(input))) warn(w);
  }
  return manifest;
}
