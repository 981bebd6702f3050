/**
 * The one place where the components log a warning of the rules: every
 * warning of `FlameRunnerPod` and `FlameRunnerTemplate` goes through
 * {@link warningLogger}, so that what reaches the Pulumi log can be changed
 * (scrubbed, reworded) here alone.
 */
import * as pulumi from "@pulumi/pulumi";
import type { RunnerPodIssue } from "../errors";
import type { SecretRedactor } from "./redact";

/**
 * The `onWarning` of a component: logs each warning on `resource` with
 * `pulumi.log.warn`, as its line `path: message [code]`, with no secret value
 * the component met.
 *
 * @param resource - the component the warning is about.
 * @param secrets - the secret values the component met, shown as `[secret]`.
 * @returns a listener for the rules' `onWarning`.
 */
export function warningLogger(
  resource: pulumi.Resource,
  secrets: SecretRedactor,
): (message: string, issue: RunnerPodIssue) => void {
  return (message) => void pulumi.log.warn(secrets.text(message), resource);
}
