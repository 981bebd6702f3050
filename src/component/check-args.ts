/**
 * The checks `FlameRunnerPod` makes in its constructor, before any value is
 * known: the shape of its arguments. Everything that depends on resolved
 * values (the parent pod, what the template or callback produce) is left to
 * the runner pod rules, which run once the values are known.
 */
import * as pulumi from "@pulumi/pulumi";
import * as k8s from "@pulumi/kubernetes";
import { FlameRunnerPodError, type RunnerPodIssue } from "../errors";
import { argumentNames, argumentProblem, backendOf, checkArguments } from "../rules/options";
import { foreignArgumentIssues } from "../rules/profiles";
import { issue } from "../issues/issue";
import { describe } from "../issues/message";
import { FieldPath } from "../issues/path";
import { own } from "../rules/caller-data";
import { isPlainObject } from "../plain";

const ARGS = FieldPath.root("args");
import { isPlainData } from "./resolve";
import type { FlameRunnerPodArgs } from "./args";

/** The argument names `FlameRunnerPod` accepts. */
export const FLAME_RUNNER_POD_ARG_NAMES = argumentNames<FlameRunnerPodArgs>({
  parentPod: true,
  template: true,
  encodedParent: true,
  omitOwnerReference: true,
  appContainerName: true,
  runnerId: true,
  waitForReady: true,
  backend: true,
  env: true,
  secretEnv: true,
  releaseCookie: true,
});

/** Whether `value` is an Output or a Promise: a value known only later. */
function isEventual(value: unknown): boolean {
  return pulumi.Output.isInstance(value) || value instanceof Promise;
}

/** The problem of `parentPod`: missing, another resource, or not an object. */
function parentPodProblem(parent: unknown): RunnerPodIssue | undefined {
  const path = ARGS.child("parentPod");
  if (parent === undefined || parent === null) {
    return issue(
      "argument-missing",
      path,
      "missing: pass the parent pod (a k8s.core.v1.Pod, e.g. from Pod.get, or its manifest)",
    );
  }
  if (pulumi.Resource.isInstance(parent) && !k8s.core.v1.Pod.isInstance(parent)) {
    return issue(
      "argument-invalid",
      path,
      "must be a k8s.core.v1.Pod resource (got another resource); for a Deployment's pod, read it with k8s.core.v1.Pod.get",
    );
  }
  if (!isEventual(parent) && (typeof parent !== "object" || Array.isArray(parent))) {
    return issue(
      "argument-invalid",
      path,
      `must be a k8s.core.v1.Pod resource or a pod manifest (got ${describe(parent)})`,
    );
  }
  return undefined;
}

/** The problem of `template`: neither an object, a callback nor a value known later. */
function templateProblem(template: unknown): RunnerPodIssue | undefined {
  if (
    template === undefined ||
    typeof template === "function" ||
    isEventual(template) ||
    isPlainObject(template)
  ) {
    return undefined;
  }
  return issue(
    "template-invalid",
    ARGS.child("template"),
    `must be either a template object ({ env, resources, addParentEnv }) or a callback (parentPod, appContainer) => manifest (got ${describe(template)})`,
  );
}

/**
 * Checks the arguments of a `FlameRunnerPod` that can be checked before any
 * value is known.
 *
 * @param context - names the component in the error, e.g. `FlameRunnerPod "workers"`.
 * @param args - the arguments as given (typed `unknown`: JavaScript callers
 *   and casts can pass anything).
 * @throws FlameRunnerPodError listing every problem found, each with its
 *   path (`args.template`, `args.runnerId`...).
 */
export function checkFlameRunnerPodArgs(context: string, args: unknown): void {
  const issues: RunnerPodIssue[] = [];
  if (typeof args !== "object" || args === null || Array.isArray(args)) {
    throw new FlameRunnerPodError(
      [
        issue(
          "argument-invalid",
          ARGS,
          `must be an object with parentPod and encodedParent (got ${describe(args)})`,
        ),
      ],
      context,
    );
  }
  const a = args as Record<string, unknown>;
  for (const problem of [
    parentPodProblem(own(a, "parentPod")),
    templateProblem(own(a, "template")),
  ])
    if (problem !== undefined) issues.push(problem);

  // Unknown arguments, and those the pure function has too (encodedParent,
  // omitOwnerReference, appContainerName, runnerId, backend, env,
  // secretEnv), checked as it checks them; values holding Outputs or
  // Promises are checked once resolved, by the rules.
  checkArguments(a, FLAME_RUNNER_POD_ARG_NAMES, "args", issues, (v) => !isPlainData(v));
  const backendFine = argumentProblem("backend", own(a, "backend")) === undefined;
  if (backendFine) {
    issues.push(
      ...foreignArgumentIssues(backendOf(a), a, ARGS, {
        env: "or put the variables in template.env",
      }),
    );
  }

  if (issues.length > 0) throw new FlameRunnerPodError(issues, context);
}
