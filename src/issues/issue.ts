/**
 * An issue as the library reports it, `{ code, path, message }`, made in one
 * way ({@link issue}) and shown in one way ({@link formatIssue}):
 * `path: message [code]`, as ESLint shows its rule ids.
 */
import type { IssueCode } from "./codes";
import type { FieldPath } from "./path";

/** One problem found in the input or in the runner manifest, error or warning. */
export interface RunnerPodIssue {
  /**
   * What kind of problem it is: a stable kebab-case code of the codes table
   * (docs/codes.md), for example `unknown-field` or `env-overwritten`.
   */
  code: string;
  /**
   * Where the problem is, as a field path in the manifest or input it names,
   * for example `spec.containers[0].resources.limimts` or `template.env[2].name`.
   */
  path: string;
  /** What is wrong and what to do about it. */
  message: string;
}

/**
 * An issue at a path.
 *
 * @param code - its code, from the codes table.
 * @param path - where it is.
 * @param message - what is wrong and what to do about it.
 */
export function issue(code: IssueCode, path: FieldPath, message: string): RunnerPodIssue {
  return { code, path: path.toString(), message };
}

/**
 * The one spelling of an issue in a message, a log line or the CLI's output:
 * `spec.containers[0].env[4].value: refers to $(POD_IP), ... [env-reference-unexpanded]`.
 *
 * @param found - the issue.
 */
export function formatIssue(found: RunnerPodIssue): string {
  return `${found.path}: ${found.message} [${found.code}]`;
}

/**
 * `issues` without repeats (same code, path and message), in the order found;
 * each a fresh `{ code, path, message }`.
 *
 * @param issues - the issues, possibly repeated.
 */
export function uniqueIssues(issues: readonly RunnerPodIssue[]): RunnerPodIssue[] {
  const seen = new Set<string>();
  const out: RunnerPodIssue[] = [];
  for (const found of issues) {
    const key = issueKey(found);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ code: found.code, path: found.path, message: found.message });
  }
  return out;
}

/**
 * What makes two issues the same: code, path and message.
 *
 * @param found - the issue.
 */
export function issueKey(found: RunnerPodIssue): string {
  return `${found.code}\n${found.path}\n${found.message}`;
}

/**
 * A warning listener that drops repeats: `listener` gets each issue once
 * (same code, path and message), with its {@link formatIssue | line} first.
 *
 * @param listener - the caller's `onWarning`.
 * @returns the function the rules report warnings to.
 */
export function warningReporter(
  listener: (message: string, found: RunnerPodIssue) => void,
): (found: RunnerPodIssue) => void {
  const seen = new Set<string>();
  return (found) => {
    const key = issueKey(found);
    if (seen.has(key)) return;
    seen.add(key);
    listener(formatIssue(found), found);
  };
}

/** Where the rules report a warning: gets each warning as an issue. */
export type IssueListener = (found: RunnerPodIssue) => void;
