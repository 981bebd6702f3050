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
  isThenableResult as isThenable,
  objectStart,
  runnerPodCallbackArguments,
  runnerPodManifestFromStart,
  type RunnerPodStart,
} from "../rules";
import { issue } from "../issues/issue";
import { describeThrown } from "../issues/message";
import { FieldPath } from "../issues/path";
import type {
  PodManifest,
  RunnerPodOptions,
  RunnerPodStartingManifest,
  RunnerPodTemplate,
} from "../types";
import type { SecretRedactor } from "./redact";
import { resolveInputs, whenKnown, type Eventually, type Resolved } from "./resolve";
import type { FlameRunnerPodCallback } from "./args";
import { ComponentFailure } from "./pulumi-workarounds";

/** What {@link runRules} runs. */
export interface RunRulesInput {
  /** The component's callback; `undefined` for a template object. */
  callback: FlameRunnerPodCallback | undefined;
  /** The resolved template object, or v0.7's pod manifest (unused with a callback). */
  template: RunnerPodTemplate | RunnerPodStartingManifest | undefined;
  /** The parent as the rules see it; not modified. */
  parentPod: PodManifest;
  /** The runner's `FLAME_PARENT`. */
  encodedParent: string;
  /** The rules' options (their `appContainerName` and `backend` apply to the callback too). */
  options: RunnerPodOptions;
  /** Turns an error into the component's error. */
  fail: (error: unknown) => Error;
  /**
   * Notes the secret values met in the callback's result before the rules
   * run (their warnings and errors then show none).
   */
  secrets: SecretRedactor;
  /**
   * When the component creates the runner itself (not FLAME at run time):
   * whether its Secret holds the cookie. Default: FLAME creates it.
   */
  createdAsIs?: { cookieInSecret: boolean };
}

/**
 * A component's steps 2 and 3: calls the callback (or takes the template
 * object, see {@link runnerPodStart}), then runs the rules on that start.
 * What either throws becomes `fail(error)`.
 *
 * @param input - see {@link RunRulesInput}.
 * @returns the start and the runner manifest, with the secret values met in
 *   the callback's result.
 */
export function runRules(
  input: RunRulesInput,
): Eventually<Resolved<{ start: RunnerPodStart; manifest: PodManifest }>> {
  const { callback, template, parentPod, encodedParent, options, fail, secrets } = input;
  const start = runnerPodStart(callback, template, parentPod, options, fail);
  return whenKnown(start, (s) => {
    secrets.note(s.secrets);
    return failingWith(fail, () => ({
      value: {
        start: s.value,
        manifest: runnerPodManifestFromStart(
          parentPod,
          s.value,
          encodedParent,
          options,
          input.createdAsIs,
        ),
      },
      secrets: s.secrets,
    }));
  });
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
  return failingWith(fail, () =>
    callbackStart(callback, parentPod, options.appContainerName, fail),
  );
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
  return whenKnown(resolveInputs(result, fail, callbackResultError), (r) => ({
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
export function failingWith<T>(fail: (error: unknown) => Error, compute: () => T): T {
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
 * without stack. The component's own error is returned as it is. Its issues,
 * and so its message, show no secret value the component met (`secrets`).
 *
 * @param error - what a step threw, or what an Output among the arguments failed with.
 * @param context - the component, for the message (`FlameRunnerPod "workers"`).
 * @param component - the component the error is reported on.
 * @param secrets - the secret values the component met. Default: none.
 */
export function componentError(
  error: unknown,
  context: string,
  component: pulumi.ComponentResource,
  secrets?: SecretRedactor,
): FlameRunnerPodError {
  if (error instanceof ComponentFailure && error.resource === component) return error;
  const shown = (issues: readonly RunnerPodIssue[]): RunnerPodIssue[] =>
    secrets ? issues.map((i) => secrets.issue(i)) : [...issues];
  if (error instanceof FlameRunnerPodError) {
    return new ComponentFailure(shown(error.issues), context, component, error.cause);
  }
  const failed = issue(
    "argument-rejected",
    FieldPath.root("args"),
    `a value of the arguments failed with ${describeThrown(error)}`,
  );
  return new ComponentFailure(shown([failed]), context, component, error);
}
