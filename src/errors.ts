/**
 * The one error class of the library: every rule or schema violation of a
 * runner pod is reported through it, with the field path of each problem.
 */

import { formatIssue, uniqueIssues, type RunnerPodIssue } from "./issues/issue";

export type { RunnerPodIssue };

/**
 * Thrown when a parent pod, a template or a callback result would produce a
 * runner pod that breaks the runner pod rules or that the Kubernetes API server
 * would refuse. `issues` lists every problem found (those of the rules and
 * those of the Pod schema together, each once), each with its code and path;
 * the message lists them all, one per line, as `path: message [code]`.
 */
export class FlameRunnerPodError extends Error {
  /** Every problem found, in the order found. */
  readonly issues: readonly RunnerPodIssue[];

  /**
   * @param found - the problems, at least one; a problem listed twice (same
   *   code, path and message) is kept once.
   * @param context - who reports them, for the first line of the message
   *   (for example `FlameRunnerPod "workers"`). Default: `runner pod`.
   */
  constructor(found: readonly RunnerPodIssue[], context = "runner pod") {
    const issues = uniqueIssues(found);
    const lines = issues.map((i) => `  - ${formatIssue(i)}`);
    const head =
      issues.length === 1
        ? `${context}: ${formatIssue(issues[0])}`
        : `${context}: ${issues.length} problems:\n${lines.join("\n")}`;
    super(head);
    this.name = "FlameRunnerPodError";
    this.issues = issues;
  }

  /** A copy of this error whose message names `context` (a component, a file). */
  withContext(context: string): FlameRunnerPodError {
    return new FlameRunnerPodError(this.issues, context);
  }
}
