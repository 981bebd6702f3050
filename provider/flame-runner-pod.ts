/**
 * The face of `FlameRunnerPod` that every Pulumi language sees. The provider
 * host builds the package schema from the types in this file, so they keep
 * to what it accepts: no unions, functions or Promises, one constructor with
 * an `args` interface, and no class property that is not an output.
 *
 * The component itself is the library's `FlameRunnerPod`, declared as the
 * only child of this one: every rule, check, error and warning stays in one
 * place, and a program in another language gets the runner pod a TypeScript
 * program gets.
 */
import * as pulumi from "@pulumi/pulumi";
import * as k8s from "@pulumi/kubernetes";
import * as flame from "../src";
import { checkParentArgs, libraryParent } from "./parent";

/**
 * The type token of the plugin's component: the plugin package's name
 * (`flame-k8s`), the `index` module and the class name.
 */
export const PLUGIN_RUNNER_POD_TYPE = "flame-k8s:index:FlameRunnerPod";

/**
 * The template object of flame_k8s_backend (`%RunnerPodTemplate{}`): extra
 * environment and resources for the runner container. Declared here, not
 * taken from the library, because it is part of the package schema: a change
 * of the library's TypeScript types must not change what other languages see.
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
 * The arguments of a FlameRunnerPod. Give the parent pod as `parentPod` or as
 * `parentPodManifest`, not both.
 */
export interface FlameRunnerPodArgs {
  /**
   * The parent pod, the pod of the running application: a kubernetes:core/v1:Pod
   * resource, declared in the program or read with `Pod.get`. The runner pod
   * depends on it. Give this or `parentPodManifest`.
   */
  parentPod?: k8s.core.v1.Pod;
  /**
   * The parent pod's manifest, as `kubectl get pod -o yaml` prints it (status
   * may be left in). Its `metadata.uid` is needed for the owner reference;
   * otherwise set `omitOwnerReference`. Give this or `parentPod`.
   */
  // The schema's map of any values: the runner pod rules check the manifest.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  parentPodManifest?: pulumi.Input<{ [key: string]: any }>;
  /**
   * The template object of flame_k8s_backend (`%RunnerPodTemplate{}`): extra
   * environment and resources for the runner container. Default: `{}` (the
   * app container's resources, env and envFrom). The TypeScript library
   * also takes a callback here; a callback cannot cross languages.
   */
  template?: pulumi.Input<FlameRunnerPodTemplate>;
  /**
   * FLAME's encoded parent (the base64-encoded parent term). It becomes the
   * runner's `FLAME_PARENT` variable. Required, non-empty; may be a secret.
   */
  encodedParent: pulumi.Input<string>;
  /**
   * Do not set the parent pod as owner of the runner pod. Default: `false`
   * (the runner carries one owner reference, to the parent, with
   * `controller: true`, and is garbage-collected with it).
   */
  omitOwnerReference?: boolean;
  /** Name of the parent container that runs the application. Default: the parent's first container. */
  appContainerName?: string;
  /**
   * The id appended to the runner name (the parent's name cut to 41
   * characters): lowercase letters, digits and `-`. Pins the pod's name.
   * Default: 20 hex characters derived from the component's URN, the same on
   * every run of the same program and stack.
   */
  runnerId?: pulumi.Input<string>;
  /**
   * Wait until the runner pod is Ready before the deployment goes on.
   * Default: `false` (the runner pod carries the annotation
   * `pulumi.com/skipAwait: "true"`).
   */
  waitForReady?: boolean;
}

/**
 * One FLAME runner pod, built from a parent pod and a template object by the
 * runner pod rules of flame_k8s_backend, and declared as a
 * kubernetes:core/v1:Pod. The rules overwrite, whatever the template sets:
 * the pod's name, owner reference, restart policy (`Never`), service account,
 * and the runner container's name, image and the head of its env (`POD_NAME`,
 * `POD_NAMESPACE`, `PHX_SERVER`, `FLAME_PARENT`). Input that breaks a rule
 * fails the preview with a message naming the field.
 */
export class FlameRunnerPod extends pulumi.ComponentResource {
  /** The runner pod's name (`metadata.name`), also its first container's name and `POD_NAME`. */
  readonly podName: pulumi.Output<string>;
  /**
   * The whole runner pod manifest the rules produced. Unknown in a preview
   * where the parent or the template is not known yet; secret when any value
   * it was built from is secret.
   */
  // The schema's map of any values: a manifest has no narrower schema type.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly manifest: pulumi.Output<{ [key: string]: any }>;
  /** The runner pod resource. */
  readonly pod: k8s.core.v1.Pod;

  /**
   * Declares a runner pod: this component, the library's `FlameRunnerPod`
   * of the same name as its child, and the runner pod under that.
   *
   * @param name - the component's name.
   * @param args - the parent pod, the template object, the encoded parent
   *   and the options.
   * @param opts - options of the component. `dependsOn`, `customTimeouts`,
   *   `ignoreChanges`, `replaceOnChanges` and `retainOnDelete` are passed on
   *   to the library's component; providers reach the pod as the parent's.
   * @throws FlameRunnerPodError when an argument has the wrong shape.
   */
  constructor(name: string, args: FlameRunnerPodArgs, opts?: pulumi.ComponentResourceOptions) {
    const context = `FlameRunnerPod "${name}"`;
    checkParentArgs(args, context);
    super(PLUGIN_RUNNER_POD_TYPE, name, {}, opts);
    const parentPod = libraryParent(args, { context, name: `${name}-parent`, owner: this });
    // waitForReady is passed only when given, so that a library without it
    // still takes the other arguments.
    const libraryArgs: flame.FlameRunnerPodArgs & { waitForReady?: boolean } = {
      parentPod,
      template: libraryTemplate(args.template),
      encodedParent: args.encodedParent,
      omitOwnerReference: args.omitOwnerReference,
      appContainerName: args.appContainerName,
      runnerId: args.runnerId,
      ...(args.waitForReady === undefined ? {} : { waitForReady: args.waitForReady }),
    };
    const runner = new flame.FlameRunnerPod(name, libraryArgs, {
      parent: this,
      dependsOn: opts?.dependsOn,
      customTimeouts: opts?.customTimeouts,
      ignoreChanges: opts?.ignoreChanges,
      replaceOnChanges: opts?.replaceOnChanges,
      retainOnDelete: opts?.retainOnDelete,
    });
    this.podName = runner.podName;
    // The same Output: the schema types a manifest as a map.
    this.manifest = runner.manifest as unknown as FlameRunnerPod["manifest"];
    this.pod = runner.pod;
    this.registerOutputs({ podName: this.podName });
  }
}

/**
 * The template object as the library's argument: the same value. The two
 * types describe the same data but spell the kubernetes input types each
 * their own way, and the value comes off the wire untyped anyway: the
 * library's rules check its shape.
 */
function libraryTemplate(
  template: pulumi.Input<FlameRunnerPodTemplate> | undefined,
): flame.FlameRunnerPodArgs["template"] {
  return template as unknown as flame.FlameRunnerPodArgs["template"];
}
