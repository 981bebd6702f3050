/**
 * pulumi-flame-k8s: FLAME runner pods for Kubernetes, as Pulumi resources.
 *
 * - {@link runnerPodManifest}: the runner pod rules as a pure function (no Pulumi).
 * - {@link FlameRunnerPod}: the Pulumi component that declares a runner pod.
 * - {@link FlameRunnerPodError}: what both throw for input that breaks a rule.
 * - The deployment kit: {@link FlameRbac}, {@link flameParentEnv}, {@link FlameRunnerTemplate}.
 */
export * from "./types";
export * from "./errors";
export * from "./rules";
export * from "./component";
export * from "./kit";
