/**
 * `FlameRunnerPod`: the Pulumi component that declares one FLAME runner pod.
 * It wires Pulumi values to the runner pod rules ({@link runnerPodManifest});
 * every rule lives there.
 */
import { warningLogger } from "./log-warning";
import * as pulumi from "@pulumi/pulumi";
import * as k8s from "@pulumi/kubernetes";
import type { FlameRunnerPodError } from "../errors";
import type {
  PodManifest,
  RunnerPodOptions,
  RunnerPodStartingManifest,
  RunnerPodTemplate,
} from "../types";
import { checkFlameRunnerPodArgs } from "./check-args";
import { childOptions, podFieldOptions } from "./child-options";
import { podArgs, podInputs, withAwaitAnnotation } from "./pod";
import { PLACEHOLDER_UID } from "../kit/stand-in-pod";
import { resolve, then, type Eventually } from "./resolve";
import { runnerIdFromUrn } from "./runner-id";
import { SecretRedactor } from "./redact";
import { secretArgs, secretStringData } from "./secret";
import { componentError, guarded, ruledRunner } from "./rules-wiring";
import { urnWithoutDependency } from "./pulumi-workarounds";
import type { FlameRunnerPodArgs, FlameRunnerPodOptions } from "./args";
import { isAbsent, isPlainObject } from "../plain";
import { own } from "../rules/caller-data";

/** The type token of {@link FlameRunnerPod}. */
export const FLAME_RUNNER_POD_TYPE = "flame-k8s:index:FlameRunnerPod";

/**
 * One FLAME runner pod, built from a parent pod and a template (or a
 * callback) by the runner pod rules of flame_k8s_backend, and declared as a
 * `kubernetes:core/v1:Pod` child of this component.
 *
 * - The rules overwrite what the backend controls (name, owner reference,
 *   restart policy, service account, the runner container's image, name and
 *   FLAME env), each overwritten value a warning; everything else passes.
 * - The pod carries `pulumi.com/skipAwait: "true"` unless `waitForReady`, is
 *   named from the parent and a runner id derived from this component's URN,
 *   and is replaced delete-first. Secret inputs stay secret on their leaves.
 * - Bad argument shapes throw from the constructor; problems found once values
 *   are known make {@link manifest} and {@link podName} reject with a
 *   {@link FlameRunnerPodError} naming this component and each field path.
 *
 * See docs/component.md for arguments, outputs, profiles, secrets and previews.
 */
export class FlameRunnerPod extends pulumi.ComponentResource {
  /** The runner pod. */
  readonly pod: k8s.core.v1.Pod;
  /**
   * The runner's Secret (`backend: "v0.7"` with `secretEnv` or
   * `releaseCookie`): named like the pod, in its namespace, owned like it,
   * `stringData` secret; the pod reads it through `envFrom`. Otherwise
   * `undefined`.
   */
  readonly secret?: k8s.core.v1.Secret;
  /**
   * The runner pod's manifest as registered: the rules' result, with the
   * skipAwait annotation unless `waitForReady`. Unknown in a preview where the
   * parent or the template is not known yet (or the parent's uid is not);
   * secret when a secret value flowed into it. Rejects when the rules refused
   * the inputs (see the class).
   */
  readonly manifest: pulumi.Output<PodManifest>;
  /**
   * The runner pod's name (`metadata.name`), also its first container's name
   * and `POD_NAME`. Known once the pod is registered; rejects when the rules
   * refused the inputs.
   */
  readonly podName: pulumi.Output<string>;

  /**
   * Declares a runner pod.
   *
   * @param name - the component's name; also the name of the child pod
   *   resource (not of the Kubernetes pod, see {@link podName}).
   * @param args - the parent pod, the template or callback, the encoded parent.
   * @param opts - options of the component. Its providers and
   *   transformations apply to the child pod, as do the options listed in
   *   {@link FlameRunnerPodOptions}.
   * @throws FlameRunnerPodError when an argument has the wrong shape.
   */
  constructor(name: string, args: FlameRunnerPodArgs, opts: FlameRunnerPodOptions = {}) {
    const context = `FlameRunnerPod "${name}"`;
    checkFlameRunnerPodArgs(context, args);
    // The args are not passed to super: a function in them would be dropped
    // silently, and the component's inputs are of no use to the engine.
    super(FLAME_RUNNER_POD_TYPE, name, {}, componentOptions(opts));
    // Every message the component prints or throws shows no secret value it met.
    const secrets = new SecretRedactor();
    const fail = (error: unknown): FlameRunnerPodError =>
      componentError(error, context, this, secrets);
    const parentResource = k8s.core.v1.Pod.isInstance(args.parentPod) ? args.parentPod : undefined;
    const callback = typeof args.template === "function" ? args.template : undefined;
    const backend = args.backend ?? "v0.3.3";
    const hasSecret = isPresent(args.secretEnv) || isPresent(args.releaseCookie);
    const rulesOptions: RunnerPodOptions = {
      backend,
      omitOwnerReference: args.omitOwnerReference,
      appContainerName: args.appContainerName,
      onWarning: warningLogger(this, secrets),
    };

    // 1. Resolve the arguments: Inputs unwrapped, secret values noted.
    const inputs = resolve(
      [
        parentResource ? parentResourceManifest(parentResource) : args.parentPod,
        args.encodedParent,
        args.runnerId,
        callback ? undefined : args.template,
        args.env,
      ],
      fail,
    );
    // The Secret's values, resolved apart: only their presence reaches the pod.
    const secretInputs = resolve(hasSecret ? [args.secretEnv, args.releaseCookie] : [], fail);
    const built = then<string, Built>(urnWithoutDependency(this), (urn) =>
      then(inputs, (resolved) =>
        then(secretInputs, (secretResolved) => {
          const [parentPod, encodedParent, runnerId, template, env] = resolved.value as Arguments;
          const [secretEnv, releaseCookie] = secretResolved.value as SecretArguments;
          secrets.note([...resolved.secrets, ...secretResolved.secrets]);
          const parent = previewParent(parentPod, parentResource, args.omitOwnerReference);
          const options: RunnerPodOptions = {
            ...rulesOptions,
            env,
            // The rules check secretEnv's shape; a cookie alone needs the reference too.
            secretEnv: hasSecret ? (secretEnv ?? {}) : undefined,
            runnerId: runnerId ?? runnerIdFromUrn(urn, backend),
          };
          // 2. Call the callback (or take the template object); 3. run the rules.
          const ruled = ruledRunner(
            callback,
            template,
            parent.manifest,
            encodedParent,
            options,
            fail,
            secrets,
            // The component creates the pod itself: its Secret is the cookie's only way in (v0.7).
            {
              cookieInSecret:
                !isAbsent(releaseCookie) ||
                (isPlainObject(secretEnv) && own(secretEnv, "RELEASE_COOKIE") !== undefined),
            },
          );
          return then(ruled, (r) =>
            guarded(fail, () => {
              const manifest = withAwaitAnnotation(r.value.manifest, args.waitForReady === true);
              const secrets = [...resolved.secrets, ...r.secrets];
              return {
                manifest,
                inputs: podInputs(manifest, secrets, parent.uidUnknown),
                secretData: secretStringData(secretEnv, releaseCookie),
              };
            }),
          );
        }),
      ),
    );

    // 4. Register the Secret, then the pod. Each waits for the rules'
    // outcome: when they failed, its registration fails with their error,
    // before any input is sent.
    const parents = parentResource ? [parentResource] : [];
    const outcome = built.apply(() => parents);
    if (hasSecret) {
      this.secret = new k8s.core.v1.Secret(
        name,
        secretArgs(built),
        childOptions(this, opts, outcome),
      );
    }
    const secret = this.secret;
    const podDependsOn = secret ? built.apply(() => [...parents, secret]) : outcome;
    this.pod = new k8s.core.v1.Pod(name, podArgs(built), {
      ...childOptions(this, opts, podDependsOn),
      ...podFieldOptions(opts),
    });
    this.manifest = then<Built, PodManifest>(built, (b) =>
      b.inputs === b.manifest
        ? b.manifest
        : (pulumi.output(b.inputs) as pulumi.Output<PodManifest>),
    );
    this.podName = then<Built, string>(built, (b) =>
      then<string, string>(
        this.pod.urn,
        () => (b.inputs.metadata as { name: Eventually<string> }).name,
      ),
    );
    this.registerOutputs({ podName: this.podName });
  }
}

/** The rules' outcome: the manifest to register, and the same as the pod's inputs. */
interface Built {
  /** The manifest as registered. */
  manifest: PodManifest;
  /** The manifest with its secret values as secret Outputs (see podInputs). */
  inputs: pulumi.Inputs;
  /** The runner Secret's `stringData` (used only when the component declares the Secret). */
  secretData: Record<string, string>;
}

/** The resolved arguments the rules need, in the order {@link FlameRunnerPod} lists them. */
type Arguments = [
  PodManifest,
  string,
  string | undefined,
  RunnerPodTemplate | RunnerPodStartingManifest | undefined,
  Record<string, string> | undefined,
];

/** The resolved `secretEnv` and `releaseCookie`. */
type SecretArguments = [Record<string, string> | undefined, string | undefined];

/** Whether an argument is given (`null` counts as absent, as in the rules). */
function isPresent(value: unknown): boolean {
  return value !== undefined && value !== null;
}

/** The component's own options: those only a custom resource uses go to the pod alone. */
function componentOptions(opts: FlameRunnerPodOptions): pulumi.ComponentResourceOptions {
  const own: FlameRunnerPodOptions = { ...opts };
  delete own.deleteBeforeReplace;
  delete own.additionalSecretOutputs;
  return own;
}

/** The manifest of a parent Pod resource, from its outputs (the rules check its shape). */
function parentResourceManifest(parent: k8s.core.v1.Pod): pulumi.Input<unknown> {
  return {
    apiVersion: parent.apiVersion,
    kind: parent.kind,
    metadata: parent.metadata,
    spec: parent.spec,
  };
}

/**
 * The parent as the rules see it. In a preview, a parent Pod resource without
 * uid is one the program creates or replaces, whose uid the server has not
 * made yet: the rules get a placeholder, which the pod's inputs leave unknown.
 */
function previewParent(
  parentPod: PodManifest,
  parentResource: k8s.core.v1.Pod | undefined,
  omitOwnerReference: boolean | undefined,
): { manifest: PodManifest; uidUnknown: boolean } {
  const metadata: unknown = parentPod?.metadata;
  const uidMissing =
    typeof metadata === "object" && metadata !== null && !(metadata as { uid?: unknown }).uid;
  if (!parentResource || omitOwnerReference === true || !uidMissing || !pulumi.runtime.isDryRun()) {
    return { manifest: parentPod, uidUnknown: false };
  }
  const manifest = { ...parentPod, metadata: { ...parentPod.metadata, uid: PLACEHOLDER_UID } };
  return { manifest, uidUnknown: true };
}
