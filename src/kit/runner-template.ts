/**
 * `FlameRunnerTemplate`: the runner template a FLAME application will use,
 * checked at preview time against the pod its Deployment or StatefulSet will
 * create, and published in a ConfigMap for the application to load.
 */
import { warningLogger } from "../component/log-warning";
import * as pulumi from "@pulumi/pulumi";
import * as k8s from "@pulumi/kubernetes";
import type { PodTemplateSpec } from "kubernetes-types/core/v1";
import { isPlainData, resolve, then } from "../component/resolve";
import { componentError, guarded, ruledRunner } from "../component/rules-wiring";
import type { FlameRunnerPodCallback, Inputs } from "../component/types";
import { FlameRunnerPodError, type RunnerPodIssue } from "../errors";
import type {
  PodManifest,
  RunnerPodBackend,
  RunnerPodOptions,
  RunnerPodStartingManifest,
  RunnerPodTemplate,
} from "../types";
import {
  runnerTemplateDocument,
  runnerTemplateV07Document,
  RUNNER_TEMPLATE_FILE,
} from "./runner-template-document";
import { checkArguments } from "../rules/options";
import { issue } from "../issues/issue";
import { show } from "../issues/message";
import { FieldPath } from "../issues/path";
import { standInParentPod, workloadKindProblem, type WorkloadKind } from "./stand-in-pod";

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

/**
 * The runner id of {@link FlameRunnerTemplate.manifest} with `backend: "v0.7"`
 * (5 characters of v0.7's alphabet): v0.7 draws a random one per runner.
 */
export const RUNTIME_RUNNER_ID_V07 = "bbbbb";

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
  template?: Inputs<RunnerPodTemplate> | Inputs<RunnerPodStartingManifest> | FlameRunnerPodCallback;
  /**
   * The profile of the rules: flame_k8s_backend `"v0.3.3"` or `"v0.7"`, as for
   * `FlameRunnerPod`. With `"v0.7"`, `template` is a pod manifest (v0.7's
   * `:manifest`) or the callback, and the file holds `{ manifest, env }`
   * (see `runnerTemplateV07Document`). A plain value. Default: `"v0.3.3"`.
   */
  backend?: RunnerPodBackend;
  /**
   * `backend: "v0.7"` only: variables for the runner container, name → value
   * (v0.7's `:env`), checked with the rules and published as the file's `env`.
   */
  env?: pulumi.Input<Record<string, pulumi.Input<string>>>;
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
 * full validation on it, and reports as `FlameRunnerPod` does: each warning
 * with `pulumi.log.warn` on this component; an error makes {@link manifest}
 * and the other outputs reject with a `pulumi.ResourceError` on this
 * component whose message is the rules' message (naming this component, each
 * field path and what to do) and whose `cause` is the `FlameRunnerPodError`.
 * The ConfigMap is then never sent to the engine, and the language host
 * prints that message once, on this component, and exits non-zero. It
 * creates no pod.
 *
 * It declares a ConfigMap (auto-named, so a changed template is a new
 * ConfigMap and the workload rolls out) holding `runner-template.json`: the
 * template object, or the callback's result as a manifest (see
 * `runnerTemplateDocument`); with `backend: "v0.7"`, `{ manifest, env }` for
 * v0.7's `:manifest` and `:env` options (see `runnerTemplateV07Document`),
 * the stand-in checked with the v0.7 rules. Add {@link volume} to the workload's
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
   * (runner id {@link RUNTIME_RUNNER_ID}, or {@link RUNTIME_RUNNER_ID_V07} with
   * `backend: "v0.7"`, `FLAME_PARENT`
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
    const fail = (error: unknown): FlameRunnerPodError => componentError(error, context, this);
    const callback = typeof args.template === "function" ? args.template : undefined;
    const backend = args.backend ?? "v0.3.3";
    const rulesOptions: RunnerPodOptions = {
      backend,
      appContainerName: args.appContainerName,
      runnerId: backend === "v0.7" ? RUNTIME_RUNNER_ID_V07 : RUNTIME_RUNNER_ID,
      onWarning: warningLogger(this),
    };

    // 1. Resolve the arguments: Inputs unwrapped, secret values noted.
    const inputs = resolve(
      [
        args.podTemplate,
        args.workloadName,
        args.namespace,
        callback ? undefined : args.template,
        args.env,
      ],
      fail,
    );
    // (From the URN: an Output from the start, so a failure rejects the
    // outputs instead of throwing from the constructor.)
    const checked = then<string, Checked>(this.urn, () =>
      then(inputs, (resolved) => {
        const [podTemplate, workloadName, namespace, template, env] = resolved.value as Arguments;
        const options: RunnerPodOptions = { ...rulesOptions, env };
        // 2. The stand-in parent: the pod the workload will create.
        const parent = guarded(fail, () =>
          standInParentPod({
            kind: args.workloadKind ?? "Deployment",
            name: workloadName,
            namespace,
            podTemplate,
          }),
        );
        // 3. Call the callback (or take the template object); 4. run the rules.
        const ruled = ruledRunner(
          callback,
          template,
          parent,
          RUNTIME_ENCODED_PARENT,
          options,
          fail,
        );
        return then(ruled, (r) =>
          guarded(fail, () => {
            const { start, manifest } = r.value;
            const document =
              backend === "v0.7"
                ? runnerTemplateV07Document(start, env)
                : runnerTemplateDocument(start, manifest);
            return keptSecret({ parent, manifest, document }, [...resolved.secrets, ...r.secrets]);
          }),
        );
      }),
    );
    this.manifest = checked.apply((c) => c.manifest);
    this.parentPod = checked.apply((c) => c.parent);
    this.templateJson = checked.apply((c) => `${JSON.stringify(c.document, null, 2)}\n`);

    // 5. Publish the template. The ConfigMap waits for the rules' outcome:
    // when they failed, its registration fails with their error, before any
    // input is sent.
    this.configMap = new k8s.core.v1.ConfigMap(
      name,
      {
        metadata: { namespace: args.namespace },
        data: this.templateJson.apply((json) => ({ [RUNNER_TEMPLATE_FILE]: json })),
      },
      { parent: this, dependsOn: checked.apply(() => []) },
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
  /** The stand-in parent pod. */
  parent: PodManifest;
  /** The runner manifest the rules built. */
  manifest: PodManifest;
  /** The content of the template file, before JSON. */
  document: unknown;
}

/** The resolved arguments, in the order {@link FlameRunnerTemplate} lists them. */
type Arguments = [
  PodTemplateSpec,
  string,
  string,
  RunnerPodTemplate | RunnerPodStartingManifest | undefined,
  Record<string, string> | undefined,
];

/**
 * The outcome, secret as a whole when a secret value flowed into it (the
 * ConfigMap then holds a secret).
 */
function keptSecret(
  checked: Checked,
  secrets: readonly unknown[],
): Checked | pulumi.Output<Checked> {
  // (A secret Output of the outcome as it is: pulumi.secret would copy it.)
  return secrets.length > 0 ? pulumi.secret(true).apply(() => checked) : checked;
}

const ARG_NAMES: readonly string[] = [
  "podTemplate",
  "workloadName",
  "namespace",
  "workloadKind",
  "template",
  "backend",
  "env",
  "appContainerName",
  "mountPath",
];

const ARGS = FieldPath.root("args");

/** Checks what can be checked before any value is known. */
function checkArgs(context: string, args: FlameRunnerTemplateArgs): void {
  const issues: RunnerPodIssue[] = [];
  const a = (typeof args === "object" && args !== null ? args : {}) as Record<string, unknown>;
  // Unknown arguments, and those FlameRunnerPod has too (backend, env,
  // appContainerName), checked as it checks them; values holding Outputs or
  // Promises are checked once resolved, by the rules.
  checkArguments(a, ARG_NAMES, "args", issues, (v) => !isPlainData(v));
  for (const key of ["podTemplate", "workloadName", "namespace"]) {
    if (a[key] === undefined || a[key] === null) {
      issues.push(
        issue(
          "argument-missing",
          ARGS.child(key),
          "missing: FlameRunnerTemplate needs the workload's podTemplate, workloadName and namespace",
        ),
      );
    }
  }
  const kindProblem =
    a.workloadKind === undefined ? undefined : workloadKindProblem(a.workloadKind);
  if (kindProblem !== undefined) {
    issues.push(issue("argument-invalid", ARGS.child("workloadKind"), kindProblem));
  }
  if (a.env !== undefined && a.backend !== "v0.7") {
    issues.push(
      issue(
        "argument-needs-v07",
        ARGS.child("env"),
        'is a v0.7 option: set backend: "v0.7", or put the variables in the template',
      ),
    );
  }
  const template = a.template;
  if (
    template !== undefined &&
    typeof template !== "function" &&
    (typeof template !== "object" || template === null || Array.isArray(template))
  ) {
    issues.push(
      issue(
        "template-invalid",
        ARGS.child("template"),
        a.backend === "v0.7"
          ? "must be a pod manifest (v0.7's :manifest) or a callback (parentPod, appContainer) => manifest"
          : "must be a template object ({ env, resources, addParentEnv }) or a callback (parentPod, appContainer) => manifest",
      ),
    );
  }
  if (
    a.mountPath !== undefined &&
    (typeof a.mountPath !== "string" || !a.mountPath.startsWith("/") || a.mountPath.includes(":"))
  ) {
    issues.push(
      issue(
        "argument-invalid",
        ARGS.child("mountPath"),
        `must be an absolute path without ":" (got ${show(a.mountPath)})`,
      ),
    );
  }
  if (issues.length > 0) throw new FlameRunnerPodError(issues, context);
}
