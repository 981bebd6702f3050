/**
 * Where the walker is and what it found: a stack of path segments (pushed
 * and popped as the walker goes down and up, so the happy path allocates no
 * strings) and the issues reported so far, each with its code and its path
 * spelled out by the one path builder (`issues/path.ts`).
 */
import type { RunnerPodIssue } from "../errors";
import type { IssueCode } from "../issues/codes";
import { formatPath, type PathSegment } from "../issues/path";

export { formatPath };

/** The path stack of a walk and the issues found on the way. */
export class IssueCollector {
  /** Every problem found, in the order found. */
  readonly issues: RunnerPodIssue[] = [];
  /** The current position: field names, map keys and list indexes from the root. */
  readonly path: PathSegment[] = [];

  /**
   * Records a problem at the current position, or below it.
   *
   * @param code - its code: a Kubernetes field error type (`invalid`,
   *   `required`...) or `unknown-field`.
   * @param message - what is wrong and what to do about it.
   * @param below - segments to append to the current position.
   */
  report(code: IssueCode, message: string, ...below: PathSegment[]): void {
    const segments = below.length === 0 ? this.path : [...this.path, ...below];
    this.issues.push({ code, path: formatPath(segments), message });
  }

  /** The current position spelled out, with `below` appended (for cross-references in messages). */
  pathString(...below: PathSegment[]): string {
    return formatPath(below.length === 0 ? this.path : [...this.path, ...below]);
  }
}
