/**
 * The arguments `runnerPodManifest` (its `encodedParent` and options) and the
 * `FlameRunnerPod` component share, with one check each, so both refuse the
 * same values with the same words. Nothing is coerced: `omitOwnerReference:
 * "yes"` is refused, not read as `false`. `null` counts as absent, as
 * everywhere in the rules. Unknown keys are refused with a "did you mean".
 */
import type { RunnerPodIssue } from "../errors";
import { didYouMean } from "../validation/hints";
import type { RunnerPodBackend, RunnerPodOptions } from "../types";
import { issue } from "../issues/issue";
import { describe, kindOf, show } from "../issues/message";
import { FieldPath } from "../issues/path";
import { isAbsent, isPlainObject } from "../plain";
import { own } from "./caller-data";
import { RUNNER_POD_BACKENDS } from "./profiles";

/** A check of one argument's value: the problem, or `undefined` when the value is fine. */
type ArgumentCheck = (value: unknown) => string | undefined;

/**
 * `encodedParent`: FLAME's encoded parent, a string with a character other
 * than whitespace. Required.
 */
function encodedParent(value: unknown): string | undefined {
  if (isAbsent(value))
    return "missing: pass FLAME's encoded parent, a non-empty string (it becomes the runner's FLAME_PARENT)";
  if (typeof value === "string" && value.trim() !== "") return undefined;
  return `must be FLAME's encoded parent, a non-empty string (got ${describe(value)}); it becomes the runner's FLAME_PARENT`;
}

function optionalBoolean(value: unknown): string | undefined {
  if (isAbsent(value) || typeof value === "boolean") return undefined;
  return `must be true or false (got ${show(value)})`;
}

/** `appContainerName`: a non-empty container name. */
function appContainerName(value: unknown): string | undefined {
  if (isAbsent(value) || (typeof value === "string" && value !== "")) return undefined;
  return `must be the name of one of the parent's containers, a non-empty string (got ${show(value)}); leave it out for the first container`;
}

/**
 * A runner id's shape: it follows the parent's name prefix, which ends with a
 * letter or a digit, so it may hold lowercase letters, digits and `-`, must
 * not end with `-`, and fits a DNS-1123 label (63 characters) after at least
 * one character of prefix. Whether it also fits beside the actual prefix is
 * checked once the parent's name is known.
 */
const RUNNER_ID = /^[-a-z0-9]{0,61}[a-z0-9]$/;

/** `runnerId`: see {@link RUNNER_ID}. */
function runnerId(value: unknown): string | undefined {
  if (isAbsent(value) || (typeof value === "string" && RUNNER_ID.test(value))) return undefined;
  return `must be a DNS-1123 label fragment: lowercase letters, digits and "-", not ending with "-", at most 62 characters (got ${show(value)}); leave it out for a generated id`;
}

/** `onWarning`: a function. */
function onWarning(value: unknown): string | undefined {
  if (isAbsent(value) || typeof value === "function") return undefined;
  return `must be a function (message: string, issue: RunnerPodIssue) => void (got ${kindOf(value)})`;
}

/** `backend`: one of {@link RUNNER_POD_BACKENDS}. */
function backend(value: unknown): string | undefined {
  if (isAbsent(value) || RUNNER_POD_BACKENDS.includes(value as RunnerPodBackend)) return undefined;
  const hint = typeof value === "string" ? didYouMean(value, RUNNER_POD_BACKENDS) : "";
  return `must be one of ${RUNNER_POD_BACKENDS.map((b) => `"${b}"`).join(", ")} (got ${show(value)}); leave it out for "${RUNNER_POD_BACKENDS[0]}"${hint}`;
}

/** `env` and `secretEnv`: a map of variable name → string value. */
function envMap(value: unknown): string | undefined {
  if (isAbsent(value)) return undefined;
  const usage = `a map of variable name → string value, like { LOG_LEVEL: "debug" }`;
  if (!isPlainObject(value)) return `must be ${usage} (got ${kindOf(value)})`;
  for (const key of Object.keys(value)) {
    if (typeof value[key] !== "string") {
      return `must be ${usage}; the value of ${JSON.stringify(key)} is ${show(value[key])}`;
    }
  }
  return undefined;
}

/** `releaseCookie` (the component's): the Erlang cookie, a non-empty string. */
function releaseCookie(value: unknown): string | undefined {
  if (isAbsent(value) || (typeof value === "string" && value !== "")) return undefined;
  return `must be the release's Erlang cookie, a non-empty string (got ${show(value)}); leave it out for none`;
}

/** The operators of a label selector requirement. */
const SELECTOR_OPERATORS: readonly string[] = ["In", "NotIn", "Exists", "DoesNotExist"];

/**
 * `workloadSelector`: a label selector `{ matchLabels?, matchExpressions? }`,
 * `matchLabels` a map of strings, each requirement `{ key, operator, values? }`
 * with one of the four operators.
 */
function labelSelector(value: unknown): string | undefined {
  if (isAbsent(value)) return undefined;
  const usage = `a label selector like { matchLabels: { app: "myapp" } } (the workload's spec.selector)`;
  if (!isPlainObject(value)) return `must be ${usage} (got ${kindOf(value)})`;
  const labels = own(value, "matchLabels");
  if (!isAbsent(labels)) {
    if (!isPlainObject(labels)) return `must be ${usage}; matchLabels is ${kindOf(labels)}`;
    for (const key of Object.keys(labels)) {
      if (typeof labels[key] !== "string")
        return `must be ${usage}; matchLabels.${key} is ${show(labels[key])}`;
    }
  }
  const expressions = own(value, "matchExpressions");
  if (isAbsent(expressions)) return undefined;
  if (!Array.isArray(expressions))
    return `must be ${usage}; matchExpressions is ${kindOf(expressions)}`;
  for (let i = 0; i < expressions.length; i++) {
    const e: unknown = expressions[i];
    const values = isPlainObject(e) ? own(e, "values") : undefined;
    if (
      !isPlainObject(e) ||
      typeof e.key !== "string" ||
      !SELECTOR_OPERATORS.includes(e.operator as string) ||
      !(isAbsent(values) || (Array.isArray(values) && values.every((v) => typeof v === "string")))
    ) {
      return `must be ${usage}; matchExpressions[${i}] must be { key, operator: ${SELECTOR_OPERATORS.join(" | ")}, values? } (got ${show(e)})`;
    }
  }
  return undefined;
}

/**
 * The backend an options object selects: its `backend` when that is one of
 * {@link RUNNER_POD_BACKENDS}, else the default (a bad value is reported by
 * the options check).
 *
 * @param options - the caller's options (anything); only the own `backend` is read.
 * @internal
 */
export function backendOf(options: unknown): RunnerPodBackend {
  const value = isPlainObject(options) ? own(options, "backend") : undefined;
  return RUNNER_POD_BACKENDS.includes(value as RunnerPodBackend)
    ? (value as RunnerPodBackend)
    : RUNNER_POD_BACKENDS[0];
}

/** The one check of each shared argument. */
const CHECKS: Readonly<Record<string, ArgumentCheck>> = {
  encodedParent,
  omitOwnerReference: optionalBoolean,
  appContainerName,
  runnerId,
  onWarning,
  waitForReady: optionalBoolean,
  backend,
  env: envMap,
  secretEnv: envMap,
  releaseCookie,
  workloadSelector: labelSelector,
};

/**
 * The names of an arguments interface, from an object that must list every
 * key of it: an argument added to the interface and not to the list is a type
 * error, so no check can forget it.
 *
 * @param every - each key of `T` mapped to `true`, in the order to list them.
 * @returns the keys, in that order.
 */
export function argumentNames<T>(
  every: Readonly<Record<keyof T & string, true>>,
): readonly string[] {
  return Object.keys(every);
}

/** The keys of `runnerPodManifest`'s options. */
export const RUNNER_POD_OPTION_NAMES = argumentNames<RunnerPodOptions>({
  backend: true,
  env: true,
  secretEnv: true,
  omitOwnerReference: true,
  appContainerName: true,
  runnerId: true,
  onWarning: true,
  workloadSelector: true,
});

/**
 * The problem with one argument's value, by its shared check.
 *
 * @param name - the argument's name: `encodedParent`, `runnerId`...
 * @param value - its value (`null` and `undefined` are absent).
 * @returns the problem, or `undefined` when the value is fine.
 * @internal
 */
export function argumentProblem(name: string, value: unknown): string | undefined {
  return CHECKS[name]?.(value);
}

/**
 * Checks one argument with its shared check.
 *
 * @param name - the argument's name: `encodedParent`, `runnerId`...
 * @param value - its value (`null` and `undefined` are absent).
 * @param path - its path in the issue: `options.runnerId`, `args.runnerId`...
 * @param issues - where a problem is added: `argument-missing` for a
 *   required argument left out, else `argument-invalid`.
 * @internal
 */
export function checkArgument(
  name: string,
  value: unknown,
  path: FieldPath,
  issues: RunnerPodIssue[],
): void {
  const problem = argumentProblem(name, value);
  if (problem !== undefined) issues.push(argumentIssue(value, path, problem));
}

/**
 * Checks a set of named arguments: each own key must be one of `known` (else
 * an unknown-argument issue with a "did you mean"), and each known argument
 * that has a shared check must pass it (a required one must be there). Only
 * own enumerable keys are read.
 *
 * @param given - the arguments as given (an object); not modified.
 * @param known - the names allowed here.
 * @param prefix - the path of the set: `options` or `args`.
 * @param issues - where problems are added.
 * @param later - values to leave for later (the component's Outputs and
 *   Promises, checked once resolved). Default: none.
 * @internal
 */
export function checkArguments(
  given: Readonly<Record<string, unknown>>,
  known: readonly string[],
  prefix: string,
  issues: RunnerPodIssue[],
  later: (value: unknown) => boolean = () => false,
): void {
  const noun = prefix === "options" ? "option" : "argument";
  const root = FieldPath.root(prefix);
  for (const key of Object.keys(given)) {
    if (known.includes(key)) continue;
    issues.push(
      issue(
        "argument-unknown",
        root.child(key),
        `unknown ${noun} (the ${noun}s are ${known.join(", ")})${didYouMean(key, known)}`,
      ),
    );
  }
  for (const name of known) {
    const value = own(given, name);
    if (later(value)) continue;
    // The path is made only for a problem: most arguments have none.
    const problem = argumentProblem(name, value);
    if (problem !== undefined) issues.push(argumentIssue(value, root.child(name), problem));
  }
}

/** The issue of an argument's problem: `argument-missing` for a required one left out, else `argument-invalid`. */
function argumentIssue(value: unknown, path: FieldPath, problem: string): RunnerPodIssue {
  return issue(isAbsent(value) ? "argument-missing" : "argument-invalid", path, problem);
}
