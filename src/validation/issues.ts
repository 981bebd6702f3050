/**
 * Where the walker is and what it found: a stack of path segments (pushed
 * and popped as the walker goes down and up, so the happy path allocates no
 * strings) and the issues reported so far, each with its path spelled out.
 */
import type { RunnerPodIssue } from "../errors";

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/**
 * Spells a path: `spec.containers[0].env[4].value`; a map key that is not
 * an identifier is quoted: `metadata.labels["app.kubernetes.io/name"]`.
 *
 * @param segments - field names, map keys and list indexes, from the root.
 * @param prefix - the path of the root, which the segments follow
 *   (`callback` + `spec`, `containers`, 0 → `callback.spec.containers[0]`).
 *   Default: none, and the empty path is called `manifest`.
 */
export function formatPath(segments: readonly (string | number)[], prefix?: string): string {
  let out = prefix ?? "";
  for (const segment of segments) {
    if (typeof segment === "number") out += `[${segment}]`;
    else if (!IDENTIFIER.test(segment)) out += `[${JSON.stringify(segment)}]`;
    else out += out === "" ? segment : `.${segment}`;
  }
  return out === "" ? "manifest" : out;
}

/** The path stack of a walk and the issues found on the way. */
export class IssueCollector {
  /** Every problem found, in the order found. */
  readonly issues: RunnerPodIssue[] = [];
  /** The current position: field names, map keys and list indexes from the root. */
  readonly path: (string | number)[] = [];

  /**
   * Records a problem at the current position, or below it.
   *
   * @param message - what is wrong and what to do about it.
   * @param below - segments to append to the current position.
   */
  report(message: string, ...below: (string | number)[]): void {
    const segments = below.length === 0 ? this.path : [...this.path, ...below];
    this.issues.push({ path: formatPath(segments), message });
  }

  /** The current position spelled out, with `below` appended (for cross-references in messages). */
  pathString(...below: (string | number)[]): string {
    return formatPath(below.length === 0 ? this.path : [...this.path, ...below]);
  }
}
