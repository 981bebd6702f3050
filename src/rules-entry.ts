/**
 * `pulumi-flame-k8s/rules`: the runner pod rules, the Pod validation and the
 * FLAME runtime checks without Pulumi. Loading this entry loads no
 * `@pulumi/pulumi` (nor `@pulumi/kubernetes`): for tools that only check
 * runner templates, a CI step, a linter, a language server.
 *
 * - {@link runnerPodManifest}, {@link runnerPodManifestAsync}: the runner pod
 *   rules (v0.3.3 and v0.7 profiles); every warning, the FLAME runtime
 *   checks' too, reaches `onWarning` as its line `path: message [code]`,
 *   with the issue `{ code, path, message }` as a second argument.
 * - {@link runtimeWarnings}: the FLAME runtime checks alone, on a parent and a
 *   finished runner ({@link RUNTIME_CHECK_CODES} lists their codes).
 * - {@link validatePodManifest}: the strict Pod check the rules end with.
 * - {@link FlameRunnerPodError}: what the rules throw.
 */
export {
  runnerPodManifest,
  runnerPodManifestAsync,
  runnerPodCallbackArguments,
} from "./rules/manifest";
export { PREDEFINED_ENV_NAMES, REMOVED_ENV_NAMES } from "./rules/env";
export {
  RUNTIME_CHECK_CODES,
  defaultImagePullPolicy,
  runtimeWarnings,
  selectorMatches,
  type RuntimeCheckCode,
  type RuntimeCheckInput,
  type RuntimeWarning,
} from "./rules/runtime-checks";
export { FlameRunnerPodError, type RunnerPodIssue } from "./errors";
export { validatePodManifest } from "./validation";
export * from "./public-types";
