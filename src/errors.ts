/**
 * The one error class of the library: every rule or schema violation of a
 * runner pod is reported through it, with the field path of each problem.
 */

/** One problem found in the input or in the runner manifest. */
export interface RunnerPodIssue {
  /**
   * Where the problem is, as a field path in the manifest or input it names,
   * for example `spec.containers[0].resources.limimts` or `template.env[2].name`.
   */
  path: string;
  /** What is wrong and what to do about it. */
  message: string;
}

/**
 * Thrown when a parent pod, a template or a callback result would produce a
 * runner pod that breaks the runner pod rules or that the Kubernetes API server
 * would refuse. `issues` lists every problem found (those of the rules and
 * those of the Pod schema together, each once), each with its path; the
 * message lists them all, one per line.
 */
export class FlameRunnerPodError extends Error {
  /** Every problem found, in the order found. */
  readonly issues: readonly RunnerPodIssue[];

  /**
   * @param found - the problems, at least one; a problem listed twice (same
   *   path, same message) is kept once.
   * @param context - who reports them, for the first line of the message
   *   (for example `FlameRunnerPod "workers"`). Default: `runner pod`.
   */
  constructor(found: readonly RunnerPodIssue[], context = "runner pod") {
    const issues = uniqueIssues(found);
    const lines = issues.map((i) => `  - ${i.path}: ${i.message}`);
    const head =
      issues.length === 1
        ? `${context}: ${issues[0].path}: ${issues[0].message}`
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

/** `issues` without repeats (same path and message), in the order found. */
function uniqueIssues(issues: readonly RunnerPodIssue[]): RunnerPodIssue[] {
  const seen = new Set<string>();
  const out: RunnerPodIssue[] = [];
  for (const issue of issues) {
    const key = `${issue.path}\n${issue.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ path: issue.path, message: issue.message });
  }
  return out;
}
