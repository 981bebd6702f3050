/**
 * The arguments and options of {@link FlameRunnerPod}: the plain shapes of
 * `../types` (one name per concept), each value of which may be an Input.
 */
import type * as pulumi from "@pulumi/pulumi";
import type * as k8s from "@pulumi/kubernetes";
import type {
  Container,
  PodManifest,
  RunnerPodBackend,
  RunnerPodStartingManifest,
  RunnerPodTemplate,
} from "../types";

/**
 * `T` where every value, at any depth, may be an Input (a value, a Promise or
 * an Output): the shape a Pulumi program can pass without `apply`. Object keys
 * stay plain. An optional field takes `Input<X | undefined>`, as
 * `@pulumi/kubernetes`' input types declare it, so those types fit.
 */
export type Inputs<T> = pulumi.Input<InputValues<T>>;

/** The value of an {@link Inputs}: `T` whose members may be Inputs (distributes over unions). */
type InputValues<T> = T extends string | number | boolean | undefined | null
  ? T
  : T extends readonly (infer E)[]
    ? Inputs<E>[]
    : T extends object
      ? { [K in keyof T]: Inputs<T[K]> }
      : T;

/**
 * The parent pod of a {@link FlameRunnerPod}: the pod of the running
 * application.
 *
 * - A `k8s.core.v1.Pod` resource, declared in the program or read with
 *   `k8s.core.v1.Pod.get`: its `apiVersion`, `kind`, `metadata` and `spec`
 *   outputs make the manifest, and the runner pod depends on it.
 * - Or the manifest itself (as `kubectl get pod -o yaml` prints it), whose
 *   values may be Inputs.
 */
export type FlameRunnerPodParent = k8s.core.v1.Pod | Inputs<PodManifest>;

/**
 * The callback of a {@link FlameRunnerPod}: a `RunnerPodCallback` whose
 * starting manifest may hold Inputs (secrets stay secret on the values that
 * are secret). Called once the parent's values are known; any
 * `RunnerPodCallback` written for the pure function works here too.
 *
 * @param parentPod - the parent pod manifest (a deep copy: changing it has no effect).
 * @param appContainer - the parent's app container (a deep copy).
 * @returns the starting manifest: a value, a Promise or an Output.
 */
export type FlameRunnerPodCallback = (
  parentPod: PodManifest,
  appContainer: Container,
) => Inputs<RunnerPodStartingManifest> | Promise<Inputs<RunnerPodStartingManifest>>;

/** The arguments of a {@link FlameRunnerPod}. */
export interface FlameRunnerPodArgs {
  /**
   * The parent pod: a `k8s.core.v1.Pod` resource (declared, or read with
   * `k8s.core.v1.Pod.get`; the runner pod then depends on it), or its manifest.
   * Its `metadata.uid` is needed for the owner reference: a pod read from the
   * cluster has one; otherwise set {@link omitOwnerReference}. In a preview, a
   * parent Pod resource without uid yet (one the program creates or replaces)
   * is fine: the owner reference's uid stays unknown.
   */
  parentPod: FlameRunnerPodParent;
  /**
   * Either a template object (`RunnerPodTemplate`, values may be Inputs) or a
   * callback ({@link FlameRunnerPodCallback}). With `backend: "v0.7"`, the
   * object is a pod manifest (v0.7's `:manifest`, values may be Inputs)
   * instead of a template.
   * @default `{}`: the template object (the app container's resources, env
   *   and envFrom); with `backend: "v0.7"` the manifest (nothing is copied
   *   from the parent but its image)
   */
  template?: Inputs<RunnerPodTemplate> | Inputs<RunnerPodStartingManifest> | FlameRunnerPodCallback;
  /**
   * The profile of the rules: flame_k8s_backend `"v0.3.3"` or `"v0.7"` (see
   * `RunnerPodOptions.backend`). A plain value.
   * @default "v0.3.3"
   */
  backend?: RunnerPodBackend;
  /**
   * `backend: "v0.7"` only: variables for the runner container, name → value
   * (v0.7's `:env`). They replace the template's entries of the same name; the
   * backend's `POD_NAME`, `POD_IP`, `POD_NAMESPACE` and `FLAME_PARENT` replace
   * them. A secret value stays secret in the pod.
   * @default none
   */
  env?: pulumi.Input<Record<string, pulumi.Input<string>>>;
  /**
   * `backend: "v0.7"` only: variables the runner reads from a Secret, name →
   * value (v0.7's `:secret_env`). The component then declares a
   * `kubernetes:core/v1:Secret` named like the runner pod, in its namespace,
   * owned like the pod, whose `stringData` (secret) holds these and
   * `RELEASE_COOKIE`; the runner container reads it through `envFrom`.
   * @default none (no Secret unless {@link releaseCookie} is set)
   */
  secretEnv?: pulumi.Input<Record<string, pulumi.Input<string>>>;
  /**
   * `backend: "v0.7"` only: the release's Erlang cookie, put into the
   * runner's Secret as `RELEASE_COOKIE` (it overwrites a `RELEASE_COOKIE` of
   * {@link secretEnv}); secret in the Secret.
   * @default none (no Secret unless {@link secretEnv} is set)
   */
  releaseCookie?: pulumi.Input<string>;
  /**
   * FLAME's encoded parent (the base64-encoded parent term). It becomes the
   * runner's `FLAME_PARENT` variable. Required, non-empty; may be a secret
   * (then only that variable's value is secret).
   */
  encodedParent: pulumi.Input<string>;
  /**
   * Do not set the parent pod as owner of the runner pod. When `false`, the
   * runner carries exactly one owner reference, to the parent, with
   * `controller: true`, and is garbage-collected with it.
   * @default false
   */
  omitOwnerReference?: boolean;
  /**
   * Name of the parent container that runs the application.
   * @default the parent's first container
   */
  appContainerName?: string;
  /**
   * The id appended to the runner name (the parent's name cut to 41
   * characters): lowercase letters, digits and `-`. Pins the pod's name.
   * With `backend: "v0.7"`: 5 characters of `bcdfghjklmnpqrstvwxz2456789`
   * (the `generateName` suffix).
   * @default 20 hex characters derived from this component's URN
   *   ({@link runnerIdFromUrn}), the same on every run of the same program
   *   and stack; with `backend: "v0.7"`, 5 characters derived from the URN
   *   the same way
   */
  runnerId?: pulumi.Input<string>;
  /**
   * Whether `pulumi up` waits for the runner pod to become Ready. When
   * `false`, the pod carries the annotation `pulumi.com/skipAwait: "true"`
   * (a runner that finishes, waits for a node or never passes a readiness
   * probe would otherwise fail `pulumi up` after 10 minutes). With `true`,
   * that annotation is not added (one the template or callback set stays).
   * @default false
   */
  waitForReady?: boolean;
}

/**
 * The options of a {@link FlameRunnerPod}: those of any component, and these,
 * which apply to the one runner pod it declares: `customTimeouts`,
 * `ignoreChanges`, `replaceOnChanges`, `retainOnDelete`,
 * `deleteBeforeReplace` (default `true`: the pod's name is fixed, so the old
 * pod must go before its replacement is created) and
 * `additionalSecretOutputs`. `provider`, `providers` and `protect` reach it
 * as they reach any child.
 */
export type FlameRunnerPodOptions = pulumi.ComponentResourceOptions &
  Pick<pulumi.CustomResourceOptions, "deleteBeforeReplace" | "additionalSecretOutputs">;
