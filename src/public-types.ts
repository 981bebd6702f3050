/**
 * The Kubernetes and rules types of the public API, listed once: both entry
 * points (`pulumi-flame-k8s` and `pulumi-flame-k8s/rules`) re-export them.
 */
export type {
  Container,
  EnvVar,
  LabelSelector,
  PodManifest,
  RunnerPodBackend,
  RunnerPodCallback,
  RunnerPodOptions,
  RunnerPodStartingContainer,
  RunnerPodStartingManifest,
  RunnerPodTemplate,
} from "./types";
