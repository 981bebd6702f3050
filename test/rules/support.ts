/**
 * Helpers of the runner pod rules tests: deep freezing (to prove inputs are
 * not mutated), collecting every object of a value (to prove the output shares
 * none with the inputs), and a run of the rules that records warnings.
 */
import { FlameRunnerPodError, type RunnerPodIssue } from "../../src/errors";
import { runnerPodManifest } from "../../src/rules";
import { RUNTIME_CHECK_CODES } from "../../src/rules/runtime-checks";
import type {
  Container,
  EnvVar,
  PodManifest,
  RunnerPodCallback,
  RunnerPodOptions,
  RunnerPodTemplate,
} from "../../src/types";
import { ENCODED_PARENT } from "../fixtures/parent-pod";

/**
 * A callback as tests write it: its result may be a partial manifest
 * (containers without names, as the rules allow) or anything else.
 */
export type LooseCallback = (parentPod: PodManifest, appContainer: Container) => unknown;

/** A fixed runner id, so names are predictable. */
export const RUNNER_ID = "0123456789abcdef0123";

export { deepFreeze } from "../support/data";

/** Every object and array inside `value`, `value` included. */
export function objectsIn(value: unknown, into = new Set<object>()): Set<object> {
  if (typeof value === "object" && value !== null && !into.has(value)) {
    into.add(value);
    for (const key of Object.keys(value)) objectsIn((value as Record<string, unknown>)[key], into);
  }
  return into;
}

/** The paths of every `null` inside `value`. */
export function nullPaths(value: unknown, path = ""): string[] {
  if (value === null) return [path || "(root)"];
  if (typeof value !== "object") return [];
  return Object.keys(value).flatMap((k) =>
    nullPaths((value as Record<string, unknown>)[k], path ? `${path}.${k}` : k),
  );
}

/** The result of {@link run}: the manifest and the warnings given. */
export interface Run {
  manifest: PodManifest;
  /**
   * The warnings' lines, as `onWarning` got them first (`path: message [code]`),
   * except those of the FLAME runtime checks (see {@link Run.runtime}).
   */
  warnings: string[];
  /** The same warnings, as `onWarning` got them second (`{ code, path, message }`). */
  issues: RunnerPodIssue[];
  /** The warnings of the FLAME runtime checks (test/rules/runtime-checks.test.ts states them). */
  runtime: RunnerPodIssue[];
  /** The runner container. */
  runner: Container;
  /** The runner container's env. */
  env: EnvVar[];
  /** The runner container's env as `name=value` (`name<-valueFrom` for sources). */
  envLines: string[];
}

/** Whether `code` is one of the FLAME runtime checks' codes. */
export function isRuntimeCheckCode(code: string): boolean {
  return (RUNTIME_CHECK_CODES as readonly string[]).includes(code);
}

/**
 * Runs {@link runnerPodManifest} with a fixed runner id, recording warnings:
 * those of the FLAME runtime checks apart, so that a test of another rule
 * states only that rule's warnings.
 */
export function run(
  parent: PodManifest,
  template?: RunnerPodTemplate | RunnerPodCallback | LooseCallback,
  options: RunnerPodOptions = {},
  encodedParent = ENCODED_PARENT,
): Run {
  const warnings: string[] = [];
  const issues: RunnerPodIssue[] = [];
  const runtime: RunnerPodIssue[] = [];
  const manifest = runnerPodManifest(parent, template as RunnerPodCallback, encodedParent, {
    runnerId: RUNNER_ID,
    onWarning: (m, issue) => {
      if (isRuntimeCheckCode(issue.code)) {
        runtime.push(issue);
        return;
      }
      warnings.push(m);
      issues.push(issue);
    },
    ...options,
  });
  const runner = manifest.spec!.containers[0];
  const env = runner.env ?? [];
  return { manifest, warnings, issues, runtime, runner, env, envLines: env.map(line) };
}

/** `name=value`, or `name<-valueFrom` for an entry with a source. */
export function line(entry: EnvVar): string {
  return entry.valueFrom !== undefined
    ? `${entry.name}<-valueFrom`
    : `${entry.name}=${entry.value}`;
}

/** The FlameRunnerPodError `fn` throws (fails when it throws nothing or something else). */
export function errorOf(fn: () => unknown): FlameRunnerPodError {
  try {
    fn();
  } catch (error) {
    if (error instanceof FlameRunnerPodError) return error;
    throw new Error(`expected a FlameRunnerPodError, got ${String(error)}`);
  }
  throw new Error("expected a FlameRunnerPodError, nothing was thrown");
}

/** The FlameRunnerPodError a promise rejects with. */
export async function rejectionOf(promise: Promise<unknown>): Promise<FlameRunnerPodError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof FlameRunnerPodError) return error;
    throw new Error(`expected a FlameRunnerPodError, got ${String(error)}`);
  }
  throw new Error("expected a rejection, the promise resolved");
}

/** Each issue as `code path`: what a test asserts, the wording living in the code. */
export function codePaths(issues: readonly RunnerPodIssue[]): string[] {
  return issues.map((i) => `${i.code} ${i.path}`);
}

/** The paths of an error's issues. */
export function pathsOf(error: FlameRunnerPodError): string[] {
  return error.issues.map((i) => i.path);
}
