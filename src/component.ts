/**
 * `FlameRunnerPod`: the Pulumi component that declares one FLAME runner pod.
 * It wires Pulumi values to the runner pod rules ({@link runnerPodManifest});
 * every rule lives there.
 */
import * as pulumi from "@pulumi/pulumi";
import * as k8s from "@pulumi/kubernetes";
import { FlameRunnerPodError } from "./errors";
import {
  runnerPodCallbackArguments,
  runnerPodManifest,
  runnerPodManifestAsync,
  runnerPodManifestFromStart,
} from "./rules";
import type { Container, PodManifest, PodTemplate, RunnerPodTemplate } from "./types";
import { checkFlameRunnerPodArgs } from "./component/check-args";
import { applyInputs, isPlainData } from "./component/outputs";
import { runnerIdFromUrn } from "./component/runner-id";

export { runnerIdFromUrn } from "./component/runner-id";

/** The type token of {@link FlameRunnerPod}. */
export const FLAME_RUNNER_POD_TYPE = "flame-k8s:index:FlameRunnerPod";

/**
 * The parent pod of a {@link FlameRunnerPod}: the pod of the running
 * application.
 *
 * - A `k8s.core.v1.Pod` resource, declared in the program or read with
 *   `k8s.core.v1.Pod.get`: its `apiVersion`, `kind`, `metadata` and `spec`
 *   outputs make the manifest, and the runner pod depends on it.
 * - Or the manifest itself (as `kubectl get pod -o yaml` prints it), plain or
 *   as an Input.
 */
export type FlameRunnerPodParent =
  k8s.core.v1.Pod | pulumi.Input<k8s.types.input.core.v1.Pod> | pulumi.Input<PodManifest>;

/**
 * The template object of a {@link FlameRunnerPod} (flame_k8s_backend's
 * `%RunnerPodTemplate{}`), whose values may be Inputs: extra environment and
 * resources for the runner container.
 */
export interface FlameRunnerPodTemplate {
  /**
   * Environment variables of the runner container. They come first, before
   * the app container's, and a name defined here replaces the parent's entry
   * of that name. Secret values stay secret.
   */
  env?: pulumi.Input<pulumi.Input<k8s.types.input.core.v1.EnvVar>[]>;
  /**
   * Resources of the runner container. Replaces the app container's
   * resources as a whole (no merging). Default: the app container's resources.
   */
  resources?: pulumi.Input<k8s.types.input.core.v1.ResourceRequirements>;
  /**
   * Whether the app container's `env` and `envFrom` are copied to the runner
   * after `env`. Default: `true`.
   */
  addParentEnv?: pulumi.Input<boolean>;
}

/**
 * A container of a {@link FlameRunnerPodStart}: a Kubernetes container whose
 * `name` and `image` may be left out (the rules overwrite both on the first,
 * runner, container; other containers need them).
 */
export type FlameRunnerPodStartContainer = Omit<
  k8s.types.input.core.v1.Container,
  "name" | "image"
> & {
  /** The container's name. Overwritten on the first container: leave it out there. */
  name?: pulumi.Input<string>;
  /** The container's image. Overwritten on the first container: leave it out there. */
  image?: pulumi.Input<string>;
};

/**
 * What a {@link FlameRunnerPodCallback} returns: the starting runner pod
 * manifest, values of which may be Inputs. Everything may be left out: a
 * manifest without containers gets one empty runner container.
 */
export interface FlameRunnerPodStart {
  /** Ignored: always `v1`. */
  apiVersion?: pulumi.Input<string>;
  /** Ignored: always `Pod`. */
  kind?: pulumi.Input<string>;
  /**
   * Labels, annotations, namespace... `name` and `ownerReferences` are
   * overwritten; fields only the API server writes (`uid`,
   * `resourceVersion`...) are dropped.
   */
  metadata?: pulumi.Input<k8s.types.input.meta.v1.ObjectMeta>;
  /**
   * The pod spec. `restartPolicy` and the service account are overwritten,
   * as are the first container's `name`, `image` and the head of its `env`.
   */
  spec?: pulumi.Input<
    Omit<k8s.types.input.core.v1.PodSpec, "containers"> & {
      /** The containers; the first one is the runner container. */
      containers?: pulumi.Input<pulumi.Input<FlameRunnerPodStartContainer>[]>;
    }
  >;
}

/**
 * A callback that builds the starting runner manifest from the parent pod,
 * once the parent's values are known. The backend's own values (name,
 * namespace default, owner reference, restart policy, service account,
 * image, the four predefined variables) are then applied over its result,
 * as for a template object.
 *
 * Any `RunnerPodCallback` written for the pure function works here too.
 *
 * @param parentPod - the parent pod manifest (a deep copy: changing it has no effect).
 * @param appContainer - the parent's app container (a deep copy).
 * @returns the starting manifest: a value, a Promise or an Output; values
 *   inside may be Inputs (secrets stay secret).
 */
export type FlameRunnerPodCallback = (
  parentPod: PodManifest,
  appContainer: Container,
) => pulumi.Input<FlameRunnerPodStart | PodTemplate>;

/** The arguments of a {@link FlameRunnerPod}. */
export interface FlameRunnerPodArgs {
  /**
   * The parent pod: a `k8s.core.v1.Pod` resource (declared, or read with
   * `k8s.core.v1.Pod.get`; the runner pod then depends on it), or its manifest.
   * Its `metadata.uid` is needed for the owner reference: a pod read from the
   * cluster has one; otherwise set {@link omitOwnerReference}.
   */
  parentPod: FlameRunnerPodParent;
  /**
   * Either a template object ({@link FlameRunnerPodTemplate}) or a callback
   * ({@link FlameRunnerPodCallback}). Default: the template object `{}` (the
   * app container's resources, env and envFrom).
   */
  template?: pulumi.Input<FlameRunnerPodTemplate> | FlameRunnerPodCallback;
  /**
   * FLAME's encoded parent (the base64-encoded parent term). It becomes the
   * runner's `FLAME_PARENT` variable. Required, non-empty; may be a secret.
   */
  encodedParent: pulumi.Input<string>;
  /**
   * Do not set the parent pod as owner of the runner pod. Default: `false`
   * (the runner carries exactly one owner reference, to the parent, with
   * `controller: true`, and is garbage-collected with it).
   */
  omitOwnerReference?: boolean;
  /**
   * Name of the parent container that runs the application. Default: the
   * parent's first container.
   */
  appContainerName?: string;
  /**
   * The id appended to the runner name (the parent's name cut to 41
   * characters): lowercase letters, digits and `-`. Pins the pod's name.
   * Default: 20 hex characters derived from this component's URN
   * ({@link runnerIdFromUrn}), the same on every run of the same program and
   * stack.
   */
  runnerId?: pulumi.Input<string>;
}

/**
 * One FLAME runner pod, built from a parent pod and a template (or a
 * callback) by the runner pod rules of flame_k8s_backend, and declared as a
 * `kubernetes:core/v1:Pod` child of this component.
 *
 * The rules overwrite, whatever the template or callback set (each
 * overwritten value is reported as a warning): `apiVersion`, `kind`,
 * `metadata.name`, `metadata.ownerReferences`, `spec.restartPolicy`
 * (`Never`), the service account, and the first container's `name`, `image`
 * and the head of its `env` (`POD_NAME`, `POD_NAMESPACE`, `PHX_SERVER`,
 * `FLAME_PARENT`).
 *
 * Naming and replacement: the pod's name is fixed (the parent's name and a
 * runner id, by default derived from this component's URN, so it is stable
 * across runs). Pods are immutable and two pods cannot share a name, so the
 * child pod is declared with `deleteBeforeReplace: true`: a change of
 * template deletes the old runner pod before creating the new one.
 *
 * Errors: arguments of the wrong shape throw a {@link FlameRunnerPodError}
 * from the constructor. Problems that show only once values are known (a
 * missing app container, a wrong field in a callback's result...) are
 * logged as an error on this component (`pulumi.log.error`) and reject
 * {@link manifest}, {@link ready} and the child pod's inputs with a
 * {@link FlameRunnerPodError} whose message names this component. The pod is
 * then never sent to the engine, and the rejected registration is what fails
 * `pulumi preview` / `pulumi up` (the language host reports it once and exits
 * non-zero): a logged error alone would not fail the run. Warnings of the
 * rules are logged as warnings on this component.
 *
 * In a preview where the parent pod (or the template) is not known yet, the
 * rules do not run: the pod is registered with unknown `metadata` and `spec`,
 * and {@link manifest} is unknown.
 */
export class FlameRunnerPod extends pulumi.ComponentResource {
  /** The runner pod. */
  readonly pod: k8s.core.v1.Pod;
  /**
   * The whole runner pod manifest the rules produced. Unknown in a preview
   * where the parent or the template is not known yet; secret when any value
   * it was built from is secret.
   */
  readonly manifest: pulumi.Output<PodManifest>;
  /** The runner pod's name (`metadata.name`), also its first container's name and `POD_NAME`. */
  readonly podName: pulumi.Output<string>;
  /**
   * Settles once the runner pod is registered, or as soon as its manifest
   * failed: resolves then (also in a preview where the manifest is unknown),
   * rejects with a {@link FlameRunnerPodError} named after this component
   * when the rules refused the inputs (or an Output among the arguments
   * failed). Awaiting it is optional and never changes the outcome of a run:
   * `ready` itself is never reported as an unhandled rejection (the pod's
   * failed registration is, and fails the run). Useful in tests and in
   * programs that want to catch the error.
   */
  readonly ready: Promise<void>;

  private readonly context: string;
  private readonly callback: FlameRunnerPodCallback | undefined;
  private failed = false;

  /**
   * Declares a runner pod.
   *
   * @param name - the component's name; also the name of the child pod
   *   resource (not of the Kubernetes pod, see {@link podName}).
   * @param args - the parent pod, the template or callback, the encoded parent.
   * @param opts - options of the component. Its providers and
   *   transformations apply to the child pod.
   * @throws FlameRunnerPodError when an argument has the wrong shape.
   */
  constructor(name: string, args: FlameRunnerPodArgs, opts?: pulumi.ComponentResourceOptions) {
    const context = `FlameRunnerPod "${name}"`;
    checkFlameRunnerPodArgs(context, args);
    // The args are not passed to super: a function in them would be dropped
    // silently, and the component's inputs are of no use to the engine.
    super(FLAME_RUNNER_POD_TYPE, name, {}, opts);
    this.context = context;
    this.callback = typeof args.template === "function" ? args.template : undefined;

    let resolveReady: () => void = () => undefined;
    let rejectReady: (error: FlameRunnerPodError) => void = () => undefined;
    this.ready = new Promise<void>((resolve, reject) => {
      resolveReady = resolve;
      rejectReady = reject;
    });
    this.ready.catch(() => undefined);
    const fail = (error: unknown): FlameRunnerPodError => {
      const contextual = this.contextualError(error);
      if (!this.failed) {
        this.failed = true;
        // Logged on the component, whose URN is known: a log on the pod
        // would wait for a registration that never comes.
        void pulumi.log.error(contextual.message, this);
        rejectReady(withContext(contextual, this.context));
      }
      return contextual;
    };

    const parentResource = k8s.core.v1.Pod.isInstance(args.parentPod) ? args.parentPod : undefined;
    // The parent, the template, the encoded parent and the runner id: plain
    // data as it is, Inputs unwrapped one by one (see applyInputs). The base is
    // this component's URN, which the default runner id is derived from.
    const parentInput: unknown = parentResource
      ? applyInputs(
          parentResource.apiVersion,
          [parentResource.kind, parentResource.metadata, parentResource.spec],
          (apiVersion, [kind, metadata, spec]) => asManifest({ apiVersion, kind, metadata, spec }),
        )
      : args.parentPod;
    const callback = this.callback;
    const inputs = [
      parentInput,
      args.encodedParent,
      args.runnerId,
      callback === undefined ? args.template : undefined,
    ];
    const options = {
      omitOwnerReference: args.omitOwnerReference,
      appContainerName: args.appContainerName,
      onWarning: (message: string) => void pulumi.log.warn(message, this),
    };

    // The rules' result, or their error named after this component. A
    // synchronous result stays synchronous: apply takes it without a Promise.
    const build = (
      compute: () => PodManifest | Promise<PodManifest>,
    ): PodManifest | Promise<PodManifest> => {
      try {
        const result = compute();
        return result instanceof Promise
          ? result.catch((error: unknown) => Promise.reject(fail(error)))
          : result;
      } catch (error) {
        throw fail(error);
      }
    };

    this.manifest = applyInputs<string, PodManifest>(this.urn, inputs, (urn, values) => {
      const [p, e, id, t] = values as [PodManifest, string, string | undefined, unknown];
      const opts = { ...options, runnerId: id ?? runnerIdFromUrn(urn) };
      if (callback === undefined) {
        return build(() =>
          runnerPodManifestFromStart(p, { kind: "template", template: asTemplate(t) }, e, opts),
        );
      }
      let result: unknown;
      try {
        result = callback(...runnerPodCallbackArguments(p, args.appContainerName));
      } catch (error) {
        // The rules word the error, once they have checked the other inputs:
        // the app container's absence, or what the callback threw.
        const rethrow = (): never => {
          throw error;
        };
        return build(() => runnerPodManifest(p, rethrow, e, opts));
      }
      if (isPlainData(result)) {
        return build(() =>
          runnerPodManifestFromStart(p, { kind: "callback", manifest: result }, e, opts),
        );
      }
      const settled = Promise.resolve(result).then(
        (value): CallbackResult => ({ value }),
        (error: unknown): CallbackResult => ({ error }),
      );
      // The result holds Outputs or Promises (secrets among them): unwrapped
      // here, so the manifest carries their secretness and dependencies.
      return pulumi
        .output(settled)
        .apply((r) =>
          Promise.resolve(
            build(() =>
              "error" in r
                ? runnerPodManifestAsync(p, () => Promise.reject(r.error), e, opts)
                : runnerPodManifestFromStart(p, { kind: "callback", manifest: r.value }, e, opts),
            ),
          ),
        );
    });
    // A rejection that did not come from the rules (a parent or callback
    // Output that failed): ready rejects too, named after this component.
    pulumi.isSecret(this.manifest).catch((error: unknown) => fail(error));

    // The pod's inputs come from the manifest: when it rejects, they reject
    // too and the pod never reaches the engine. (The Pod class writes
    // apiVersion and kind itself; the rules set the same values.)
    this.pod = new k8s.core.v1.Pod(
      name,
      {
        apiVersion: "v1",
        kind: "Pod",
        metadata: this.manifest.apply((m) => m.metadata as k8s.types.input.meta.v1.ObjectMeta),
        spec: this.manifest.apply((m) => m.spec as k8s.types.input.core.v1.PodSpec),
      },
      {
        parent: this,
        dependsOn: parentResource ? [parentResource] : undefined,
        deleteBeforeReplace: true,
      },
    );
    this.pod.urn.apply(() => resolveReady());
    this.podName = this.pod.metadata.name;

    // Only the name: the manifest is the child pod's inputs already, and
    // registering it a second time doubled the component's time and memory
    // (see npm run bench).
    this.registerOutputs({ podName: this.podName });
  }

  /** The error as a FlameRunnerPodError whose message names this component. */
  private contextualError(error: unknown): FlameRunnerPodError {
    if (error instanceof FlameRunnerPodError) {
      return error.message.startsWith(this.context) ? error : withContext(error, this.context);
    }
    // Not from the rules: an Output given as an argument (or inside a
    // callback's result) failed, or an unexpected exception.
    const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    const wrapped = new FlameRunnerPodError(
      [{ path: "args", message: `a value of the arguments failed with ${text}` }],
      this.context,
    );
    wrapped.cause = error;
    return wrapped;
  }
}

/** A copy of `error` whose message names `context`, with the same cause. */
function withContext(error: FlameRunnerPodError, context: string): FlameRunnerPodError {
  const copy = error.withContext(context);
  if (error.cause !== undefined) copy.cause = error.cause;
  return copy;
}

/** What a callback gave: a value, or what it threw or rejected with. */
type CallbackResult = { value: unknown } | { error: unknown };

/**
 * A resolved Pulumi value as a manifest for the rules, which check its shape
 * themselves (the Kubernetes input types and `kubernetes-types` differ only
 * in how narrowly they type a few fields).
 */
function asManifest(value: unknown): PodManifest {
  return value as PodManifest;
}

/** A resolved template object for the rules, which check its shape themselves. */
function asTemplate(value: unknown): RunnerPodTemplate | undefined {
  return value as RunnerPodTemplate | undefined;
}
