/**
 * `FlameRunnerPod`: the Pulumi component that declares one FLAME runner pod.
 * It wires Pulumi values to the runner pod rules ({@link runnerPodManifest});
 * every rule lives there.
 */
import * as pulumi from "@pulumi/pulumi";
import * as k8s from "@pulumi/kubernetes";
import { DEFAULT_BACKEND } from "../rules/profiles";
import type { PodManifest, RunnerPodStartingManifest, RunnerPodTemplate } from "../types";
import { checkFlameRunnerPodArgs } from "./check-args";
import { childOptions, podFieldOptions } from "./child-options";
import {
  podArgs,
  podInputs,
  registeredManifest,
  withAwaitAnnotation,
  type PodOutcome,
} from "./pod";
import { PLACEHOLDER_UID } from "../kit/stand-in-pod";
import { runnerIdFromUrn } from "./runner-id";
import { secretArgs, secretStringData } from "./secret";
import { runnerPipeline, type RulesInput, type RunnerPipeline, type RunnerRun } from "./pipeline";
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
    const parentResource = k8s.core.v1.Pod.isInstance(args.parentPod) ? args.parentPod : undefined;

    // 1. Resolve the arguments; 2. call the callback (or take the template); 3. run the rules.
    const built = runnerPipeline(podPipeline(this, context, args, parentResource));

    // 4. Register the Secret, then the pod. Each waits for the rules'
    // outcome: when they failed, its registration fails with their error,
    // before any input is sent.
    const parents = parentResource ? [parentResource] : [];
    const secret = hasSecret(args)
      ? new k8s.core.v1.Secret(name, secretArgs(built), childOptions(this, opts, parents, built))
      : undefined;
    this.secret = secret;
    const podDependsOn = secret ? [...parents, secret] : parents;
    this.pod = new k8s.core.v1.Pod(name, podArgs(built), {
      ...childOptions(this, opts, podDependsOn, built),
      ...podFieldOptions(opts),
    });

    // 5. The outputs.
    this.manifest = built.apply(registeredManifest);
    this.podName = built.apply((b) =>
      this.pod.urn.apply(() => pulumi.output(b.inputs.metadata.name)),
    );
    this.registerOutputs({ podName: this.podName });
  }
}

/** The arguments the runner is built from, resolved. */
interface PodArguments {
  parentPod: PodManifest;
  encodedParent: string;
  runnerId: string | undefined;
  template: RunnerPodTemplate | RunnerPodStartingManifest | undefined;
  env: Record<string, string> | undefined;
}

/** The runner Secret's values, resolved apart. */
interface SecretArguments {
  secretEnv: Record<string, string> | undefined;
  releaseCookie: string | undefined;
}

/** The rules' outcome: the pod to register, and the runner Secret's data. */
interface RunnerPodOutcome extends PodOutcome {
  /** The runner Secret's `stringData` (used only when the component declares the Secret). */
  secretData: Record<string, string>;
}

/**
 * What the component gives the pipeline: its arguments by name (the
 * Secret's apart: only their presence reaches the pod), the rules' input,
 * the pod to register.
 */
function podPipeline(
  component: FlameRunnerPod,
  context: string,
  args: FlameRunnerPodArgs,
  parentResource: k8s.core.v1.Pod | undefined,
): RunnerPipeline<PodArguments, SecretArguments, RunnerPodOutcome> {
  const withSecret = hasSecret(args);
  const callback = typeof args.template === "function" ? args.template : undefined;
  return {
    component,
    context,
    gate: urnWithoutDependency(component),
    args: {
      parentPod: parentResource ? parentResourceManifest(parentResource) : args.parentPod,
      encodedParent: args.encodedParent,
      runnerId: args.runnerId,
      template: callback ? undefined : args.template,
      env: args.env,
    },
    apart: {
      secretEnv: withSecret ? args.secretEnv : undefined,
      releaseCookie: withSecret ? args.releaseCookie : undefined,
    },
    callback,
    rules: (a, s, urn) => rulesInput(args, parentResource, withSecret, a, s, urn),
    outcome: (run) => builtPod(run, args.waitForReady === true),
  };
}

/** Whether the component declares the runner's Secret: with `secretEnv` or `releaseCookie`. */
function hasSecret(args: FlameRunnerPodArgs): boolean {
  return isPresent(args.secretEnv) || isPresent(args.releaseCookie);
}

/** What the rules run on: the parent as they see it, the options from the arguments. */
function rulesInput(
  args: FlameRunnerPodArgs,
  parentResource: k8s.core.v1.Pod | undefined,
  hasSecret: boolean,
  a: PodArguments,
  s: SecretArguments,
  urn: string,
): RulesInput {
  const backend = args.backend ?? DEFAULT_BACKEND;
  return {
    parentPod: previewParent(a.parentPod, parentResource, args.omitOwnerReference).manifest,
    template: a.template,
    encodedParent: a.encodedParent,
    options: {
      backend,
      omitOwnerReference: args.omitOwnerReference,
      appContainerName: args.appContainerName,
      env: a.env,
      // The rules check secretEnv's shape; a cookie alone needs the reference too.
      secretEnv: hasSecret ? (s.secretEnv ?? {}) : undefined,
      runnerId: a.runnerId ?? runnerIdFromUrn(urn, backend),
    },
    // The component creates the pod itself: its Secret is the cookie's only way in (v0.7).
    createdAsIs: {
      cookieInSecret:
        !isAbsent(s.releaseCookie) ||
        (isPlainObject(s.secretEnv) && own(s.secretEnv, "RELEASE_COOKIE") !== undefined),
    },
  };
}

/** The pod to register: the runner with the skipAwait annotation, its secret values kept secret. */
function builtPod(
  run: RunnerRun<PodArguments, SecretArguments>,
  waitForReady: boolean,
): RunnerPodOutcome {
  const manifest = withAwaitAnnotation(run.manifest, waitForReady);
  const uidUnknown = run.rules.parentPod.metadata?.uid === PLACEHOLDER_UID;
  return {
    manifest,
    inputs: podInputs(manifest, run.secrets, uidUnknown),
    secretData: secretStringData(run.apart.secretEnv, run.apart.releaseCookie),
  };
}

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
