/**
 * The shapes that go in and out of the runner pod rules. Kubernetes object
 * types come from `kubernetes-types`; this module adds only what FLAME adds.
 * Nothing here imports Pulumi: the component accepts the same shapes with
 * Inputs inside ({@link Inputs} in `component/args.ts`).
 */
import type {
  Container,
  EnvFromSource,
  EnvVar,
  Pod,
  PodSpec,
  ResourceRequirements,
} from "kubernetes-types/core/v1";
import type { LabelSelector } from "kubernetes-types/meta/v1";

import type { RunnerPodIssue } from "./errors";

export type { LabelSelector };
export type { Container, EnvFromSource, EnvVar, Pod, PodSpec, ResourceRequirements };

/**
 * A pod manifest as `kubectl get pod -o yaml` prints it (status included).
 * Used for the parent pod and for the runner pod the rules return.
 */
export type PodManifest = Pod;

/**
 * A container of a {@link RunnerPodStartingManifest}: a Kubernetes container
 * whose `name` and `image` may be left out. The rules overwrite both on the
 * first (runner) container; any other container needs them.
 */
export type RunnerPodStartingContainer = Omit<Container, "name" | "image"> & {
  /** The container's name. Overwritten on the first container: leave it out there. */
  name?: string;
  /** The container's image. Overwritten on the first container: leave it out there. */
  image?: string;
};

/**
 * The starting manifest a {@link RunnerPodCallback} returns: a partial pod
 * manifest, the runner pod before the backend's own values are applied.
 * Everything may be left out: a manifest without containers gets one empty
 * runner container. (Not a Kubernetes `PodTemplate`, which is another kind.)
 */
export type RunnerPodStartingManifest = Omit<Pod, "spec"> & {
  /** The pod spec. */
  spec?: Omit<PodSpec, "containers"> & {
    /** The containers; the first one is the runner container. */
    containers?: RunnerPodStartingContainer[];
  };
};

/**
 * The template object of flame_k8s_backend (`%RunnerPodTemplate{}`): extra
 * environment and resources for the runner container.
 */
export interface RunnerPodTemplate {
  /**
   * Environment variables for the runner container. They come first, before
   * the parent's, and a name defined here replaces the parent's entry of that
   * name.
   */
  env?: EnvVar[];
  /**
   * Resources for the runner container. Replaces the app container's
   * resources as a whole (no merging).
   * @default the app container's resources
   */
  resources?: ResourceRequirements;
  /**
   * Whether the app container's `env` and `envFrom` are copied to the runner
   * after `env`.
   * @default true
   */
  addParentEnv?: boolean;
}

/**
 * A callback that builds the starting runner manifest from the parent pod.
 *
 * @param parentPod - the parent pod manifest (a deep copy: changing it has no effect).
 * @param appContainer - the parent's app container (a deep copy).
 * @returns the starting manifest; may be a Promise where the caller awaits it
 *   (the component does; the pure function needs a synchronous value).
 */
export type RunnerPodCallback = (
  parentPod: PodManifest,
  appContainer: Container,
) => RunnerPodStartingManifest | Promise<RunnerPodStartingManifest>;

/**
 * Which release of flame_k8s_backend's runner pod rules to follow: `v0.3.3`
 * (the template `{ env?, resources?, addParentEnv? }`, the default) or `v0.7`
 * (the `:manifest`, `:env` and `:secret_env` options of v0.7.0; see
 * docs/rules-v0.7.md).
 */
export type RunnerPodBackend = "v0.3.3" | "v0.7";

/** Options of {@link runnerPodManifest}. */
export interface RunnerPodOptions {
  /**
   * The backend profile of the rules. With `"v0.7"` the second argument of
   * `runnerPodManifest` is a pod manifest (or a callback), nothing is copied
   * from the parent, the runner container is named `runner` and the runner
   * name is the one `generateName` would give.
   * @default "v0.3.3"
   */
  backend?: RunnerPodBackend;
  /**
   * v0.7 only: variables for the runner container, name → value. They replace
   * the manifest's entries of the same name; the backend's `POD_NAME`,
   * `POD_IP`, `POD_NAMESPACE` and `FLAME_PARENT` replace them.
   * @default none
   */
  env?: Readonly<Record<string, string>>;
  /**
   * v0.7 only: the variables put into the runner's Secret, name → value. Only
   * its presence matters to the pod: the runner container then reads the
   * Secret (named like the runner pod) through `envFrom`. The pure function
   * creates no Secret.
   * @default none (no Secret reference)
   */
  secretEnv?: Readonly<Record<string, string>>;
  /**
   * Do not add the parent pod as owner reference of the runner.
   * @default false
   */
  omitOwnerReference?: boolean;
  /**
   * Name of the parent container that runs the application.
   * @default the parent's first container
   */
  appContainerName?: string;
  /**
   * The id appended to the runner name: a DNS-1123 label fragment, 20
   * lowercase hex characters by default. With `backend: "v0.7"`: 5 characters
   * of the API server's `generateName` alphabet (`bcdfghjklmnpqrstvwxz2456789`).
   * @default a fresh random id
   */
  runnerId?: string;
  /**
   * Receives each warning of the rules (a template value the backend
   * overwrites, a `$(VAR)` reference that can never expand, a sidecar taken as
   * the app container...), once: `message` is its line, `path: message
   * [code]`, and `issue` the warning itself, `{ code, path, message }` (the
   * codes are listed in docs/codes.md).
   * @default none: warnings are dropped
   */
  onWarning?: (message: string, issue: RunnerPodIssue) => void;
  /**
   * The selector of the workload that manages the parent (a Deployment's or
   * StatefulSet's `spec.selector`). With it the FLAME runtime check
   * `controller-adopts-runner` also warns when the runner's labels match it:
   * the workload's ReplicaSet would adopt and delete the runner. Not modified.
   * @default unknown: only the parent's `pod-template-hash` and
   *   `controller-revision-hash` labels are checked
   */
  workloadSelector?: LabelSelector;
}
