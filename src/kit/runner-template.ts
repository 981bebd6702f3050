/**
 * `FlameRunnerTemplate`: the runner template a FLAME application will use,
 * checked at preview time against the pod its Deployment or StatefulSet will
 * create, and published in a ConfigMap for the application to load.
 */
import * as pulumi from "@pulumi/pulumi";
import * as k8s from "@pulumi/kubernetes";
import type { PodTemplateSpec } from "kubernetes-types/core/v1";
import type { LabelSelector } from "kubernetes-types/meta/v1";
import { isPlainData, type Eventually } from "../component/resolve";
import {
  runnerPipeline,
  type RulesInput,
  type RunnerPipeline,
  type RunnerRun,
} from "../component/pipeline";
import type { FlameRunnerPodCallback, Inputs } from "../component/args";
import { FlameRunnerPodError, type RunnerPodIssue } from "../errors";
import { DNS1123_LABEL_FORMAT, isDns1123Label } from "../validation/formats";
import type {
  PodManifest,
  RunnerPodBackend,
  RunnerPodStartingManifest,
  RunnerPodTemplate,
} from "../types";
import { RUNNER_TEMPLATE_FILE } from "./runner-template-document";
import { appContainerOf, publish, secretIssues } from "./publish";
import { argumentNames, argumentProblem, backendOf, checkArguments } from "../rules/options";
import {
  DEFAULT_BACKEND,
  foreignArgumentIssues,
  placeholderRunnerId,
  profileOf,
} from "../rules/profiles";
import { issue } from "../issues/issue";
import type { IssueCode } from "../issues/codes";
import { isPlainObject } from "../plain";
import { show } from "../issues/message";
import { FieldPath } from "../issues/path";
import { standInParentPod, workloadKindProblem, type WorkloadKind } from "./stand-in-pod";

/** The type token of {@link FlameRunnerTemplate}. */
export const FLAME_RUNNER_TEMPLATE_TYPE = "flame-k8s:index:FlameRunnerTemplate";

/**
 * The directory under which each template's directory is mounted by default:
 * `<RUNNER_TEMPLATE_MOUNT_PATH>/<label-safe component name>` (see
 * {@link runnerTemplateMountPath}).
 */
export const RUNNER_TEMPLATE_MOUNT_PATH = "/etc/flame";

/**
 * The prefix of the default name of the volume (and of its mount) that holds
 * the template file: `flame-<label-safe component name>` (see
 * {@link runnerTemplateVolumeName}).
 */
export const RUNNER_TEMPLATE_VOLUME_PREFIX = "flame-";

/**
 * The default volume name of a {@link FlameRunnerTemplate}: `flame-` and the
 * component's name made a DNS-1123 label (lower case, other characters `-`),
 * cut to 63 characters. Two templates on one workload thus get two volumes.
 *
 * @param componentName - the component's name.
 */
export function runnerTemplateVolumeName(componentName: string): string {
  const label = String(componentName)
    .toLowerCase()
    .replace(/[^a-z0-9-]/g, "-");
  return `${RUNNER_TEMPLATE_VOLUME_PREFIX}${label}`.slice(0, 63).replace(/-+$/, "");
}

/**
 * The default mount path of a {@link FlameRunnerTemplate}:
 * `/etc/flame/<the component's name made a DNS-1123 label>`. Two templates on
 * one workload thus get two directories.
 *
 * @param componentName - the component's name.
 */
export function runnerTemplateMountPath(componentName: string): string {
  return `${RUNNER_TEMPLATE_MOUNT_PATH}/${runnerTemplateVolumeName(componentName).slice(RUNNER_TEMPLATE_VOLUME_PREFIX.length)}`;
}

/**
 * The `FLAME_PARENT` of {@link FlameRunnerTemplate.manifest}: FLAME encodes the
 * real parent when it starts a runner.
 */
export const RUNTIME_ENCODED_PARENT = "PLACEHOLDER-set-by-FLAME-at-run-time";

/** The runner id of {@link FlameRunnerTemplate.manifest}: FLAME draws a random one per runner. */
export const RUNTIME_RUNNER_ID = placeholderRunnerId("v0.3.3");

/**
 * The runner id of {@link FlameRunnerTemplate.manifest} with `backend: "v0.7"`
 * (5 characters of v0.7's alphabet): v0.7 draws a random one per runner.
 */
export const RUNTIME_RUNNER_ID_V07 = placeholderRunnerId("v0.7");

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
  /**
   * The workload's kind.
   * @default "Deployment"
   */
  workloadKind?: WorkloadKind;
  /**
   * The runner template: a template object or a callback, as for
   * `FlameRunnerPod`. A callback runs here, at deployment time, against the
   * stand-in parent: its result is published as a manifest.
   * @default the template object `{}`
   */
  template?: Inputs<RunnerPodTemplate> | Inputs<RunnerPodStartingManifest> | FlameRunnerPodCallback;
  /**
   * The profile of the rules: flame_k8s_backend `"v0.3.3"` or `"v0.7"`, as for
   * `FlameRunnerPod`. With `"v0.7"`, `template` is a pod manifest (v0.7's
   * `:manifest`) or the callback, and the file holds `{ manifest, env }`
   * (see `runnerTemplateV07Document`). A plain value.
   * @default "v0.3.3"
   */
  backend?: RunnerPodBackend;
  /**
   * `backend: "v0.7"` only: variables for the runner container, name → value
   * (v0.7's `:env`), checked with the rules and published as the file's `env`.
   */
  env?: pulumi.Input<Record<string, pulumi.Input<string>>>;
  /**
   * The app container's name. It is published in the file (`appContainerName`)
   * for the Elixir lines to pass on as the backend's `app_container_name:`.
   * @default the pod template's first container
   */
  appContainerName?: string;
  /**
   * The workload's `spec.selector` (a LabelSelector), for the check that the
   * workload's controller would adopt (and delete) a runner whose labels it
   * selects (`controller-adopts-runner`).
   * @default none: only the controller's own labels are checked
   */
  selector?: pulumi.Input<k8s.types.input.meta.v1.LabelSelector>;
  /**
   * Where the template's directory is mounted in the app container: an
   * absolute path without `:`. Distinct per template, so that several pools
   * can load their own file.
   * @default `/etc/flame/<the component's name, label-safe>` (see `runnerTemplateMountPath`)
   */
  mountPath?: string;
  /**
   * The name of the volume (and of its mount): a DNS-1123 label, distinct per
   * template on one workload.
   * @default `flame-<the component's name, label-safe>` (see `runnerTemplateVolumeName`)
   */
  volumeName?: string;
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
 * checked runner manifest without what the backend sets at run time, so the
 * backend creates exactly {@link manifest}, and the app container's name
 * (`{ manifest, appContainerName }`, see `runnerTemplateDocument`); with
 * `backend: "v0.7"`, `{ manifest, env }` for v0.7's `:manifest` and `:env`
 * options, its env defining the pod's IP under an alias before the
 * `RELEASE_NODE` that uses it (see `runnerTemplateV07Document`). What the
 * file cannot carry is a warning (its code in docs/codes.md); a value from a
 * Pulumi secret that would land in the file is an error
 * (`secret-in-configmap`). Add {@link volume} to the workload's
 * `spec.template.spec.volumes` and {@link volumeMount} to the app container;
 * the application reads {@link templatePath} at boot, on the parent only,
 * into the backend's options (docs/deploying.md has the Elixir lines).
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
  /** The content of `runner-template.json`; secret when a secret went into it. */
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
    const mountPath = args.mountPath ?? runnerTemplateMountPath(name);
    const volumeName = args.volumeName ?? runnerTemplateVolumeName(name);

    // 1. Resolve the arguments; 2. the stand-in parent; 3. call the callback
    // (or take the template object) and run the rules; 4. the file.
    const checked = runnerPipeline(templatePipeline(this, context, args));
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
      name: volumeName,
      configMap: { name: configMapName },
    }));
    this.volumeMount = pulumi.output({ name: volumeName, mountPath, readOnly: true });
    this.templatePath = `${mountPath.replace(/\/+$/, "")}/${RUNNER_TEMPLATE_FILE}`;
    this.registerOutputs({ templatePath: this.templatePath });
  }
}

/** What the component gives the pipeline: its arguments by name, the rules' input, the file. */
function templatePipeline(
  component: FlameRunnerTemplate,
  context: string,
  args: FlameRunnerTemplateArgs,
): RunnerPipeline<TemplateArguments, Record<string, never>, Checked> {
  const callback = typeof args.template === "function" ? args.template : undefined;
  return {
    component,
    context,
    gate: component.urn,
    args: {
      podTemplate: args.podTemplate,
      workloadName: args.workloadName,
      namespace: args.namespace,
      template: callback ? undefined : args.template,
      env: args.env,
      selector: args.selector,
    },
    callback,
    rules: (a) => rulesInput(args, a),
    outcome: (run) => published(run, args.appContainerName),
  };
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

/** The arguments the runner is built from, resolved. */
interface TemplateArguments {
  podTemplate: PodTemplateSpec;
  workloadName: string;
  namespace: string;
  template: RunnerPodTemplate | RunnerPodStartingManifest | undefined;
  env: Record<string, string> | undefined;
  selector: LabelSelector | undefined;
}

/**
 * What the rules run on: the stand-in parent (the pod the workload will
 * create), the placeholder encoded parent, the runner id of the run time.
 */
function rulesInput(args: FlameRunnerTemplateArgs, a: TemplateArguments): RulesInput {
  const backend = args.backend ?? DEFAULT_BACKEND;
  const profile = profileOf(backend);
  const parentPod = standInParentPod({
    kind: args.workloadKind ?? "Deployment",
    name: a.workloadName,
    namespace: a.namespace,
    podTemplate: a.podTemplate,
  });
  // A backend that creates the runner's Secret attaches it at the app
  // container's place only without app_container_name (the first container).
  const app = appContainerOf(parentPod, args.appContainerName);
  return {
    parentPod,
    template: a.template,
    encodedParent: RUNTIME_ENCODED_PARENT,
    options: {
      backend,
      appContainerName: args.appContainerName,
      runnerId: placeholderRunnerId(backend),
      env: a.env,
      ...(profile.createsRunnerSecret && app.index === 0 ? { secretEnv: {} } : {}),
      ...(a.selector !== undefined ? { workloadSelector: a.selector } : {}),
    },
  };
}

/**
 * The outcome: the file for the checked runner (refused when it would hold a
 * secret value), the runner the backend creates from it, and the stand-in.
 * What the file cannot carry is a warning on the component.
 */
function published(
  run: RunnerRun<TemplateArguments, Record<string, never>>,
  appContainerName: string | undefined,
): Eventually<Checked> {
  const parent = run.rules.parentPod;
  const app = appContainerOf(parent, appContainerName);
  const file = publish(parent, run.manifest, app, run.rules.options, RUNTIME_ENCODED_PARENT);
  for (const warning of file.warnings) run.warn(warning);
  const refused = secretIssues(file.document, run.secrets);
  if (refused.length > 0) throw new FlameRunnerPodError(refused);
  return keptSecret({ parent, manifest: file.manifest, document: file.document }, run.secrets);
}

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

/** The argument names `FlameRunnerTemplate` accepts. */
const ARG_NAMES = argumentNames<FlameRunnerTemplateArgs>({
  podTemplate: true,
  workloadName: true,
  namespace: true,
  workloadKind: true,
  template: true,
  backend: true,
  env: true,
  appContainerName: true,
  selector: true,
  mountPath: true,
  volumeName: true,
});

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
  if (argumentProblem("backend", a.backend) === undefined) {
    issues.push(
      ...foreignArgumentIssues(backendOf(a), a, ARGS, {
        env: "or put the variables in the template",
      }),
    );
  }
  for (const [name, { code, check }] of Object.entries(OWN_ARGUMENT_CHECKS)) {
    const problem = a[name] === undefined ? undefined : check(a[name], a);
    if (problem !== undefined) issues.push(issue(code, ARGS.child(name), problem));
  }
  if (issues.length > 0) throw new FlameRunnerPodError(issues, context);
}

/** The check of one argument: its code, and the problem with a given value (or `undefined`). */
interface ArgumentCheck {
  code: IssueCode;
  check: (value: unknown, args: Record<string, unknown>) => string | undefined;
}

/** The checks of the arguments only `FlameRunnerTemplate` has, by name, in order. */
const OWN_ARGUMENT_CHECKS: Readonly<Record<string, ArgumentCheck>> = {
  workloadKind: { code: "argument-invalid", check: (value) => workloadKindProblem(value) },
  template: {
    code: "template-invalid",
    check: (value, args) =>
      typeof value === "function" || isPlainObject(value)
        ? undefined
        : `must be ${profileOf(backendOf(args)).templateKind} or a callback (parentPod, appContainer) => manifest`,
  },
  mountPath: {
    code: "argument-invalid",
    check: (value) =>
      typeof value === "string" && value.startsWith("/") && !value.includes(":")
        ? undefined
        : `must be an absolute path without ":" (got ${show(value)})`,
  },
  volumeName: {
    code: "argument-invalid",
    check: (value) =>
      typeof value === "string" && isDns1123Label(value)
        ? undefined
        : `must be a DNS-1123 label: ${DNS1123_LABEL_FORMAT} (got ${show(value)})`,
  },
  selector: {
    code: "argument-invalid",
    check: (value) =>
      !isPlainData(value) || isPlainObject(value)
        ? undefined
        : `must be the workload's spec.selector, a LabelSelector { matchLabels, matchExpressions } (got ${show(value)})`,
  },
};
