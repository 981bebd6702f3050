/**
 * The one place where the components log a warning of the rules: every
 * warning of `FlameRunnerPod` and `FlameRunnerTemplate` goes through
 * {@link warningLogger}, so that what reaches the Pulumi log can be changed
 * (scrubbed, reworded) here alone.
 */
import * as pulumi from "@pulumi/pulumi";
import type { RunnerPodIssue } from "../errors";

/**
 * The `onWarning` of a component: logs each warning on `resource` with
 * `pulumi.log.warn`, as its line `path: message [code]`.
 *
 * @param resource - the component the warning is about.
 * @returns a listener for the rules' `onWarning`.
 */
export function warningLogger(
  resource: pulumi.Resource,
): (message: string, issue: RunnerPodIssue) => void {
  return (message) => void pulumi.log.warn(message, resource);
}
