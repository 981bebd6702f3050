/**
 * The wiring between Pulumi values and the runner pod rules that every
 * component of this library shares ({@link FlameRunnerPod},
 * `FlameRunnerTemplate`): the rules' start from a callback or a template
 * object, the guard that turns what a step throws into the component's error,
 * and that error (one `pulumi.ResourceError` on the component, without stack,
 * whose message names it).
 */
import * as pulumi from "@pulumi/pulumi";
import { FlameRunnerPodError } from "../errors";
import { callbackError, runnerPodCallbackArguments, type RunnerPodStart } from "../rules";
import type { PodManifest, RunnerPodTemplate } from "../types";
import { isThenable, resolve, then, type Eventually, type Resolved } from "./resolve";
import type { FlameRunnerPodCallback } from "./types";

/**
 * Where the rules start: the callback's result (the callback called with
 * copies of the parent and of its app container, its result resolved), or
 * the template object. What the callback throws or rejects with becomes the
 * rules' error at path `callback`, then `fail(error)`.
 *
 * @param callback - the component's callback; `undefined` for a template object.
 * @param template - the resolved template object (unused with a callback).
 * @param parentPod - the parent as the rules see it; not modified.
 * @param appContainerName - the app container's name; default: the first container.
 * @param fail - turns an error into the component's error.
 * @returns the start, with the secret values met in the callback's result.
 */
export function runnerPodStart(
  callback: FlameRunnerPodCallback | undefined,
  template: RunnerPodTemplate | undefined,
  parentPod: PodManifest,
  appContainerName: string | undefined,
  fail: (error: unknown) => Error,
): Eventually<Resolved<RunnerPodStart>> {
  if (callback === undefined) return { value: { kind: "template", template }, secrets: [] };
  return guarded(fail, () => callbackStart(callback, parentPod, appContainerName, fail));
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
  return then(resolve(result, fail), (r) => ({
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
 * The error a failed component reports: a `pulumi.ResourceError` on the
 * component, without stack (the language host prints its message once, on
 * the component), whose `cause` is the {@link FlameRunnerPodError} named
 * after the component. An error from anything else than the rules (an Output
 * among the arguments that failed) becomes such an error at path `args`, with
 * that error as its cause. The component's own error is returned as it is.
 *
 * @param error - what a step threw, or what an Output among the arguments failed with.
 * @param context - the component, for the message (`FlameRunnerPod "workers"`).
 * @param component - the component the error is reported on.
 */
export function componentError(
  error: unknown,
  context: string,
  component: pulumi.ComponentResource,
): pulumi.ResourceError {
  if (pulumi.ResourceError.isInstance(error) && error.resource === component) return error;
  let ruleError: FlameRunnerPodError;
  if (error instanceof FlameRunnerPodError) {
    ruleError = error.withContext(context);
    if (error.cause !== undefined) ruleError.cause = error.cause;
  } else {
    const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    ruleError = new FlameRunnerPodError(
      [{ path: "args", message: `a value of the arguments failed with ${text}` }],
      context,
    );
    ruleError.cause = error;
  }
  return new ComponentFailure(ruleError, component);
}

/**
 * A `pulumi.ResourceError` on a component, without stack, whose message is
 * its cause's and stays so: Pulumi's serializer prefixes the message of an
 * error it meets (`error serializing property "outputs": ...`), and this one
 * error is shared by every Output of the component (and by the user's
 * exports of them), so the language host would print the prefixed text.
 */
class ComponentFailure extends pulumi.ResourceError {
  constructor(cause: FlameRunnerPodError, component: pulumi.Resource) {
    super(cause.message, component, true);
    const message = cause.message;
    Object.defineProperty(this, "message", {
      get: () => message,
      set: () => undefined,
      enumerable: false,
      configurable: true,
    });
    this.cause = cause;
  }
}
