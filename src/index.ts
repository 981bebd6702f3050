/**
 * pulumi-flame-k8s: FLAME runner pods for Kubernetes, as Pulumi resources.
 *
 * - {@link runnerPodManifest} (and {@link runnerPodManifestAsync}): the runner
 *   pod rules as a pure function (no Pulumi).
 * - {@link FlameRunnerPod}: the Pulumi component that declares a runner pod.
 * - {@link FlameRunnerPodError}: what both throw for input that breaks a rule;
 *   its issues and the warnings carry a code of {@link ISSUE_CODES}
 *   (docs/codes.md), shown by {@link formatIssue}.
 * - The deployment kit: {@link FlameRbac}, {@link flameParentEnv},
 *   {@link FlameRunnerTemplate}.
 * - {@link validatePodManifest}: the strict Pod check the rules end with, for
 *   any pod manifest.
 * - {@link runtimeWarnings}: the FLAME runtime checks the rules end with
 *   (`runner-cannot-cluster`...), alone. `pulumi-flame-k8s/rules` exports the
 *   rules, validation and these checks without loading Pulumi.
 *
 * Everything else is internal: the command line and the component import it
 * by path.
 */
export { FlameRunnerPod, FLAME_RUNNER_POD_TYPE } from "./component/flame-runner-pod";
export { runnerIdFromUrn } from "./component/runner-id";
export type {
  FlameRunnerPodArgs,
  FlameRunnerPodCallback,
  FlameRunnerPodOptions,
  FlameRunnerPodParent,
  Inputs,
} from "./component/args";
export { runnerPodManifest, runnerPodManifestAsync } from "./rules";
export {
  RUNTIME_CHECK_CODES,
  runtimeWarnings,
  type RuntimeCheckCode,
  type RuntimeCheckInput,
  type RuntimeWarning,
} from "./rules/runtime-checks";
export { PREDEFINED_ENV_NAMES, REMOVED_ENV_NAMES } from "./rules";
export { FlameRunnerPodError, type RunnerPodIssue } from "./errors";
export {
  ISSUE_CODES,
  type IssueCode,
  type IssueCodeEntry,
  type IssueSeverity,
} from "./issues/codes";
export { formatIssue } from "./issues/issue";
export { validatePodManifest } from "./validation";
export { FlameRbac, type FlameRbacArgs } from "./kit/rbac";
export { flameParentEnv } from "./kit/parent-env";
export { FlameRunnerTemplate, type FlameRunnerTemplateArgs } from "./kit/runner-template";
export type { WorkloadKind } from "./kit/stand-in-pod";
export * from "./public-types";
