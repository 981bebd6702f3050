/**
 * `FlameRunnerTemplate`: the runner template a FLAME application will use,
 * checked at preview time against the pod its Deployment or StatefulSet will
 * create, and published in a ConfigMap for the application to load.
 */
import * as pulumi from "@pulumi/pulumi";
import * as k8s from "@pulumi/kubernetes";
import type { PodTemplateSpec } from "kubernetes-types/core/v1";
import type { FlameRunnerPodCallback, FlameRunnerPodTemplate } from "../component";
import { FlameRunnerPodError, type RunnerPodIssue } from "../errors";
import {
  runnerPodCallbackArguments,
  runnerPodManifest,
  runnerPodManifestFromStart,
  type RunnerPodStart,
} from "../rules";
import type { PodManifest, RunnerPodOptions, RunnerPodTemplate } from "../types";
import { runnerTemplateDocument, RUNNER_TEMPLATE_FILE } from "./runner-template-document";
import { standInParentPod, WORKLOAD_KINDS, type WorkloadKind } from "./stand-in-pod";

/** The type token of {@link FlameRunnerTemplate}. */
export const FLAME_RUNNER_TEMPLATE_TYPE = "flame-k8s:index:FlameRunnerTemplate";

/** Where the template's directory is mounted by default. */
export const RUNNER_TEMPLATE_MOUNT_PATH = "/etc/flame";

/** The name of the volume (and of its mount) that holds the template file. */
export const RUNNER_TEMPLATE_VOLUME_NAME = "flame-runner-template";

/**
 * The `FLAME_PARENT` of {@link FlameRunnerTemplate.manifest}: FLAME encodes the
 * real parent when it starts a runner.
 */
export const RUNTIME_ENCODED_PARENT = "PLACEHOLDER-set-by-FLAME-at-run-time";

/** The runner id of {@link FlameRunnerTemplate.manifest}: FLAME draws a random one per runner. */
export const RUNTIME_RUNNER_ID = "00000000000000000000";

/** The arguments of a {@link FlameRunnerTemplate}. */
export interface FlameRunnerTemplateArgs {
  /**
   * The pod template of the application's workload (`{ metadata, spec }`):
   * the same object the Deployment or StatefulSet gets as `spec.template`,
   * before the template volume is added (so there is no dependency cycle).
   */
  podTemplate: pulumi.Input<k8s.types.input.core.v1.PodTemplateSpec>;
  /** The workload's name (`metadata.name` of the Deployment or StatefulSet). */
  workloadName: pulumi.Input<string>;
  /** The workload's namespace; also the ConfigMap's. */
  namespace: pulumi.Input<string>;
  /** The workload's kind. Default: `"Deployment"`. */
  workloadKind?: WorkloadKind;
  /**
   * The runner template: a template object or a callback, as for
   * `FlameRunnerPod`. Default: the template object `{}`. A callback runs here,
   * at deployment time, against the stand-in parent: its result is published
   * as a manifest.
   */
  template?: pulumi.Input<FlameRunnerPodTemplate> | FlameRunnerPodCallback;
  /** The app container's name. Default: the pod template's first container. */
  appContainerName?: string;
  /** Where the template's directory is mounted in the app container. Default: `/etc/flame`. */
  mountPath?: string;
}

/**
 * The runner template of a FLAME application, checked before any pod exists.
 *
 * At preview time it builds the pod the workload will create (a stand-in:
 * the pod template, a name of the longest form the kind produces, a
 * placeholder uid, see `standInParentPod`), runs the runner pod rules and the
 * full validation on it, and reports like `FlameRunnerPod`: each warning with
 * `pulumi.log.warn` on this component, an error logged on this component and
 * failing the run with one message that names it (the ConfigMap's inputs
 * reject, so it never reaches the engine). It creates no pod.
 *
 * It declares a ConfigMap (auto-named, so a changed template is a new
 * ConfigMap and the workload rolls out) holding `runner-template.json`: the
 * template object, or the callback's result as a manifest (see
 * `runnerTemplateDocument`). Add {@link volume} to the workload's
 * `spec.template.spec.volumes` and {@link volumeMount} to the app container;
 * the application reads {@link templatePath} at boot into the backend's
 * `runner_pod_tpl` (docs/deploying.md has the Elixir lines).
 *
 * In a preview where an input is not known yet, the rules do not run and
 * the outputs that depend on them are unknown.
 */
export class FlameRunnerTemplate extends pulumi.ComponentResource {
  /**
   * The runner manifest as FLAME will create it from the stand-in parent
   * (runner id {@link RUNTIME_RUNNER_ID}, `FLAME_PARENT`
   * {@link RUNTIME_ENCODED_PARENT}, owner uid a placeholder).
   */
  readonly manifest: pulumi.Output<PodManifest>;
  /** The stand-in parent pod the rules checked against. */
  readonly parentPod: pulumi.Output<PodManifest>;
  /** The content of `runner-template.json`. */
  readonly templateJson: pulumi.Output<string>;
  /** The ConfigMap holding `runner-template.json`. */
  readonly configMap: k8s.core.v1.ConfigMap;
  /** The volume to add to the workload's pod template (`spec.volumes`). */
  readonly volume: pulumi.Output<k8s.types.input.core.v1.Volume>;
  /** The mount to add to the app container (`volumeMounts`), read-only. */
  readonly volumeMount: pulumi.Output<k8s.types.input.core.v1.VolumeMount>;
  /** The file's path in the app container: `<mountPath>/runner-template.json`. */
  readonly templatePath: string;

  /**
   * Declares the runner template of a workload.
   *
   * @param name - the component's name; also the ConfigMap's resource name.
   * @param args - the workload's pod template, name, namespace and kind; the template.
   * @param opts - options of the component; its provider applies to the ConfigMap.
   * @throws FlameRunnerPodError when an argument has the wrong shape.
   */
  constructor(name: string, args: FlameRunnerTemplateArgs, opts?: pulumi.ComponentResourceOptions) {
    const context = `FlameRunnerTemplate "${name}"`;
    checkArgs(context, args);
    super(FLAME_RUNNER_TEMPLATE_TYPE, name, {}, opts);
    const mountPath = args.mountPath ?? RUNNER_TEMPLATE_MOUNT_PATH;
    const callback = typeof args.template === "function" ? args.template : undefined;

    let failed = false;
    const fail = (error: unknown): FlameRunnerPodError => {
      const named = namedError(error, context);
      if (!failed) {
        failed = true;
        void pulumi.log.error(named.message, this);
      }
      return named;
    };
    const options: RunnerPodOptions = {
      appContainerName: args.appContainerName,
      runnerId: RUNTIME_RUNNER_ID,
      onWarning: (message) => void pulumi.log.warn(message, this),
    };
    const check = (parent: PodManifest, start: RunnerPodStart): Checked => {
      try {
        const manifest = runnerPodManifestFromStart(parent, start, RUNTIME_ENCODED_PARENT, options);
        return { parent, manifest, document: runnerTemplateDocument(start, manifest) };
      } catch (error) {
        throw fail(error);
      }
    };
    // The rules word what a callback threw or rejected with (path `callback`).
    const callbackFailed = (parent: PodManifest, error: unknown): FlameRunnerPodError =>
      fail(
        errorOf(() =>
          runnerPodManifest(parent, () => rethrow(error), RUNTIME_ENCODED_PARENT, options),
        ),
      );

    const inputs = pulumi.output({
      podTemplate: args.podTemplate,
      workloadName: args.workloadName,
      namespace: args.namespace,
      template: callback === undefined ? args.template : undefined,
    });
    // apply lifts the Output the callback branch returns.
    const checked = inputs.apply((v): Checked | pulumi.Output<Checked> => {
      let parent: PodManifest;
      try {
        parent = standInParentPod({
          kind: args.workloadKind ?? "Deployment",
          name: v.workloadName,
          namespace: v.namespace,
          podTemplate: v.podTemplate as PodTemplateSpec,
        });
      } catch (error) {
        throw fail(error);
      }
      if (callback === undefined) {
        return check(parent, { kind: "template", template: v.template as RunnerPodTemplate });
      }
      let returned: unknown;
      try {
        returned = callback(...runnerPodCallbackArguments(parent, args.appContainerName));
      } catch (error) {
        throw callbackFailed(parent, error);
      }
      // The result may hold Outputs or Promises: unwrapped before the rules run.
      // A rejection is kept aside (pulumi.output would copy an Error into a plain object).
      let rejected: { error: unknown } | undefined;
      const settled = Promise.resolve(returned).catch((error: unknown) => {
        rejected = { error };
        return undefined;
      });
      return (pulumi.output(settled) as pulumi.Output<unknown>).apply((value) => {
        if (rejected !== undefined) throw callbackFailed(parent, rejected.error);
        return check(parent, { kind: "callback", manifest: value });
      });
    }) as pulumi.Output<Checked>;
    // An Output among the arguments that failed: logged on this component too.
    pulumi.isSecret(checked).catch((error: unknown) => fail(error));

    this.manifest = checked.apply((c) => c.manifest);
    this.parentPod = checked.apply((c) => c.parent);
    this.templateJson = checked.apply((c) => `${JSON.stringify(c.document, null, 2)}\n`);
    this.configMap = new k8s.core.v1.ConfigMap(
      name,
      {
        metadata: { namespace: args.namespace },
        data: this.templateJson.apply((json) => ({ [RUNNER_TEMPLATE_FILE]: json })),
      },
      { parent: this },
    );
    this.volume = this.configMap.metadata.name.apply((configMapName) => ({
      name: RUNNER_TEMPLATE_VOLUME_NAME,
      configMap: { name: configMapName },
    }));
    this.volumeMount = pulumi.output({
      name: RUNNER_TEMPLATE_VOLUME_NAME,
      mountPath,
      readOnly: true,
    });
    this.templatePath = `${mountPath.replace(/\/+$/, "")}/${RUNNER_TEMPLATE_FILE}`;
    this.registerOutputs({ templatePath: this.templatePath });
  }
}

/** What the rules gave for the stand-in parent. */
interface Checked {
  parent: PodManifest;
  manifest: PodManifest;
  document: unknown;
}

function rethrow(error: unknown): never {
  throw error;
}

/** The error `fn` throws (the rules always throw for a callback that throws). */
function errorOf(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  return new Error("the callback failed");
}

/** The error as a FlameRunnerPodError whose message names the component. */
function namedError(error: unknown, context: string): FlameRunnerPodError {
  if (error instanceof FlameRunnerPodError) {
    return error.message.startsWith(context) ? error : error.withContext(context);
  }
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  const wrapped = new FlameRunnerPodError(
    [{ path: "args", message: `a value of the arguments failed with ${text}` }],
    context,
  );
  wrapped.cause = error;
  return wrapped;
}

const ARG_NAMES: readonly string[] = [
  "podTemplate",
  "workloadName",
  "namespace",
  "workloadKind",
  "template",
  "appContainerName",
  "mountPath",
];

/** Checks what can be checked before any value is known. */
function checkArgs(context: string, args: FlameRunnerTemplateArgs): void {
  const issues: RunnerPodIssue[] = [];
  const a = (typeof args === "object" && args !== null ? args : {}) as Record<string, unknown>;
  for (const key of Object.keys(a)) {
    if (!ARG_NAMES.includes(key)) {
      issues.push({
        path: `args.${key}`,
        message: `unknown argument; the arguments are ${ARG_NAMES.join(", ")}`,
      });
    }
  }
  for (const key of ["podTemplate", "workloadName", "namespace"]) {
    if (a[key] === undefined || a[key] === null) {
      issues.push({
        path: `args.${key}`,
        message:
          "missing: FlameRunnerTemplate needs the workload's podTemplate, workloadName and namespace",
      });
    }
  }
  if (
    a.workloadKind !== undefined &&
    !(WORKLOAD_KINDS as readonly unknown[]).includes(a.workloadKind)
  ) {
    issues.push({
      path: "args.workloadKind",
      message: `must be ${WORKLOAD_KINDS.map((k) => `"${k}"`).join(" or ")} (got ${JSON.stringify(a.workloadKind)})`,
    });
  }
  const template = a.template;
  if (
    template !== undefined &&
    typeof template !== "function" &&
    (typeof template !== "object" || template === null || Array.isArray(template))
  ) {
    issues.push({
      path: "args.template",
      message:
        "must be a template object ({ env, resources, addParentEnv }) or a callback (parentPod, appContainer) => manifest",
    });
  }
  if (
    a.appContainerName !== undefined &&
    (typeof a.appContainerName !== "string" || a.appContainerName === "")
  ) {
    issues.push({ path: "args.appContainerName", message: "must be a non-empty container name" });
  }
  if (
    a.mountPath !== undefined &&
    (typeof a.mountPath !== "string" || !a.mountPath.startsWith("/") || a.mountPath.includes(":"))
  ) {
    issues.push({
      path: "args.mountPath",
      message: `must be an absolute path without ":" (got ${JSON.stringify(a.mountPath)})`,
    });
  }
  if (issues.length > 0) throw new FlameRunnerPodError(issues, context);
}
