/**
 * The wiring between Pulumi values and the runner pod rules that every
 * component of this library shares ({@link FlameRunnerPod},
 * `FlameRunnerTemplate`): the rules' start from a callback or a template
 * object, the guard that turns what a step throws into the component's error,
 * and that error (one `pulumi.ResourceError` on the component, without stack,
 * whose message names it).
 */
import * as pulumi from "@pulumi/pulumi";
import { FlameRunnerPodError, type RunnerPodIssue } from "../errors";
import {
  callbackError,
  callbackResultError,
  isThenable,
  objectStart,
  runnerPodCallbackArguments,
  runnerPodManifestFromStart,
  type RunnerPodStart,
} from "../rules";
import { describeThrown } from "../rules/sanitize";
import type {
  PodManifest,
  RunnerPodOptions,
  RunnerPodStartingManifest,
  RunnerPodTemplate,
} from "../types";
import { resolve, then, type Eventually, type Resolved } from "./resolve";
import type { FlameRunnerPodCallback } from "./types";

/**
 * A component's steps 2 and 3: calls the callback (or takes the template
 * object, see {@link runnerPodStart}), then runs the rules on that start.
 * What either throws becomes `fail(error)`.
 *
 * @param callback - the component's callback; `undefined` for a template object.
 * @param template - the resolved template object, or v0.7's pod manifest
 *   (unused with a callback).
 * @param parentPod - the parent as the rules see it; not modified.
 * @param encodedParent - the runner's `FLAME_PARENT`.
 * @param options - the rules' options (their `appContainerName` and
 *   `backend` apply to the callback too).
 * @param fail - turns an error into the component's error.
 * @param createdAsIs - when the component creates the runner itself (not
 *   FLAME at run time): whether its Secret holds the cookie. Default: FLAME
 *   creates it (`FlameRunnerTemplate`).
 * @returns the start and the runner manifest, with the secret values met in
 *   the callback's result.
 */
export function ruledRunner(
  callback: FlameRunnerPodCallback | undefined,
  template: RunnerPodTemplate | RunnerPodStartingManifest | undefined,
  parentPod: PodManifest,
  encodedParent: string,
  options: RunnerPodOptions,
  fail: (error: unknown) => Error,
  createdAsIs?: { cookieInSecret: boolean },
): Eventually<Resolved<{ start: RunnerPodStart; manifest: PodManifest }>> {
  const start = runnerPodStart(callback, template, parentPod, options, fail);
  return then(start, (s) =>
    guarded(fail, () => ({
      value: {
        start: s.value,
        manifest: runnerPodManifestFromStart(
          parentPod,
          s.value,
          encodedParent,
          options,
          createdAsIs,
        ),
      },
      secrets: s.secrets,
    })),
  );
}

/**
 * Where the rules start: the callback's result (the callback called with
 * copies of the parent and of its app container, its result resolved), or
 * the template object (under v0.7, the pod manifest). What the callback
 * throws or rejects with becomes the rules' error at path `callback`, then
 * `fail(error)`.
 *
 * @param callback - the component's callback; `undefined` for a template object.
 * @param template - the resolved template object, or v0.7's pod manifest
 *   (unused with a callback).
 * @param parentPod - the parent as the rules see it; not modified.
 * @param options - the rules' options: `appContainerName` (default: the
 *   first container) and `backend` (default: `"v0.3.3"`).
 * @param fail - turns an error into the component's error.
 * @returns the start, with the secret values met in the callback's result.
 */
function runnerPodStart(
  callback: FlameRunnerPodCallback | undefined,
  template: RunnerPodTemplate | RunnerPodStartingManifest | undefined,
  parentPod: PodManifest,
  options: RunnerPodOptions,
  fail: (error: unknown) => Error,
): Eventually<Resolved<RunnerPodStart>> {
  if (callback === undefined) {
    return { value: objectStart(template, { backend: options.backend }), secrets: [] };
  }
  return guarded(fail, () => callbackStart(callback, parentPod, options.appContainerName, fail));
}

/** {@link runnerPodStart} from a callback. */
function callbackStart(
  callback: FlameRunnerPodCallback,
  parentPod: PodManifest,
  appContainerName: string | undefined,
  fail: (error: unknown) => Error,
): Eventually<Resolved<RunnerPodStart>> {
  const [parentCopy, appContainerCopy] = runnerPodCallbackArguments(parentPod, appContainerName);
  let result: unknown;
  try {
    result = callback(parentCopy, appContainerCopy);
  } catch (error) {
    throw callbackError(error, "threw");
  }
  if (isThenable(result)) {
    result = Promise.resolve(result).then(undefined, (error: unknown) =>
      Promise.reject(callbackError(error, "rejected with")),
    );
  }
  return then(resolve(result, fail, callbackResultError), (r) => ({
    value: { kind: "callback", manifest: r.value },
    secrets: r.secrets,
  }));
}

/**
 * `compute()`, whose exception becomes `fail(exception)`.
 *
 * @param fail - turns an error into the component's error.
 * @param compute - the step to run.
 */
export function guarded<T>(fail: (error: unknown) => Error, compute: () => T): T {
  try {
    return compute();
  } catch (error) {
    throw fail(error);
  }
}

/**
 * The error a failed component reports: the rules' error named after the
 * component (an error from anything else than the rules, an Output among the
 * arguments that failed, becomes one at path `args`), with the original
 * error as `cause`, which the language host reports on the component, once,
 * without stack. The component's own error is returned as it is.
 *
 * @param error - what a step threw, or what an Output among the arguments failed with.
 * @param context - the component, for the message (`FlameRunnerPod "workers"`).
 * @param component - the component the error is reported on.
 */
export function componentError(
  error: unknown,
  context: string,
  component: pulumi.ComponentResource,
): FlameRunnerPodError {
  if (error instanceof ComponentFailure && error.resource === component) return error;
  if (error instanceof FlameRunnerPodError) {
    return new ComponentFailure(error.issues, context, component, error.cause);
  }
  const issue = {
    path: "args",
    message: `a value of the arguments failed with ${describeThrown(error)}`,
  };
  return new ComponentFailure([issue], context, component, error);
}

/**
 * A {@link FlameRunnerPodError} that the language host reports as a
 * `pulumi.ResourceError` on the component, without stack: its message, once,
 * on the component, and a non-zero exit. It carries the fields by which
 * Pulumi recognises a ResourceError (`pulumi.ResourceError.isInstance`).
 *
 * It has no stack: the language host formats the stack of every uncaught
 * error it reports (for its tracing span, even with `hideStack`), and with
 * source maps, on Node 20, formatting one whose frames are in
 * `@pulumi/pulumi/output.ts` loops for over a minute (nodejs/node#64011).
 * The message says where the problem is; the stack never did.
 *
 * Its message stays as made: Pulumi's serializer prefixes the message of an
 * error it meets (`error serializing property "outputs": ...`), and this one
 * error is shared by every Output of the component and the user's exports of
 * them.
 */
class ComponentFailure extends FlameRunnerPodError {
  /** The component the host reports the error on. */
  readonly resource: pulumi.Resource;
  /** Tells the host to print the message alone. */
  readonly hideStack = true;

  constructor(
    issues: readonly RunnerPodIssue[],
    context: string,
    component: pulumi.Resource,
    cause: unknown,
  ) {
    super(issues, context);
    this.resource = component;
    Object.assign(this, RESOURCE_ERROR_MARKS);
    const message = this.message;
    Object.defineProperty(this, "message", {
      get: () => message,
      set: () => undefined,
      enumerable: false,
      configurable: true,
    });
    Object.defineProperty(this, "stack", {
      value: undefined,
      writable: true,
      enumerable: false,
      configurable: true,
    });
    if (cause !== undefined) this.cause = cause;
  }
}

/** The own `true` fields by which `pulumi.ResourceError.isInstance` recognises its errors. */
const RESOURCE_ERROR_MARKS = Object.fromEntries(
  Object.entries(
    new pulumi.ResourceError("", undefined as unknown as pulumi.Resource, true),
  ).filter(([key, value]) => value === true && key !== "hideStack"),
);
