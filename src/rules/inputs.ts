/**
 * The input checks of the runner pod rules: the parent pod, the encoded
 * parent, the options, a template object and a callback's result. Every
 * problem is collected with its field path; the caller throws them together.
 */
import type { RunnerPodIssue } from "../errors";
import type { Container, LabelSelector, PodManifest, RunnerPodBackend } from "../types";
import { locateAppContainer, type AppContainerLocation } from "./app-container";
import { checkEnvList, NO_USER_ENV, type UserEnvPaths } from "./env";
import { didYouMean } from "../validation/hints";
import { issue, warningReporter, type IssueListener } from "../issues/issue";
import { kindOf, show } from "../issues/message";
import { FieldPath } from "../issues/path";
import { backendOf, checkArgument, checkArguments, RUNNER_POD_OPTION_NAMES } from "./options";
import { foreignArgumentIssues, profileOf, type BackendProfile } from "./profiles";
import { isAbsent, isPlainObject, nonEmptyString, type PlainObject } from "../plain";
import { copyPlain, own, readCallerData } from "./caller-data";

const OPTIONS = FieldPath.root("options");
const PARENT_POD = FieldPath.root("parentPod");
const TEMPLATE = FieldPath.root("template");
const CALLBACK = FieldPath.root("callback");
const ENCODED_PARENT = FieldPath.root("encodedParent");

/**
 * The checked inputs every rule works from. Internal to the rules.
 *
 * @internal
 */
export interface CheckedInputs {
  /** The parent pod (the caller's object: never modify it). */
  parentPod: PodManifest;
  parentName: string;
  parentNamespace: string | undefined;
  parentUid: string | undefined;
  /** The app container (the parent's own object: never modify it). */
  appContainer: Container;
  appContainerIndex: number;
  image: string;
  runnerName: string;
  /** The runner id that ends {@link CheckedInputs.runnerName}: v0.7 makes the name again from a manifest's `generateName`. */
  runnerId: string;
  encodedParent: string;
  omitOwnerReference: boolean;
  /** The backend profile of the rules. */
  backend: RunnerPodBackend;
  /** That profile's entry of the table. */
  profile: BackendProfile;
  /** v0.7: the `env` option (an own copy), `undefined` when absent. */
  env: Readonly<Record<string, string>> | undefined;
  /** v0.7: whether the `secretEnv` option is present (the runner then reads the Secret). */
  secretEnv: boolean;
  /**
   * Where warnings go: the caller's `onWarning` (which gets each warning
   * once, its line and the issue), or `undefined` without one. Call it as
   * `warn?.(...)`: an optional call does not evaluate its arguments, so a
   * warning costs nothing to build when nobody listens.
   */
  warn: IssueListener | undefined;
  /** The `workloadSelector` option (an own copy), `undefined` when absent. */
  workloadSelector: LabelSelector | undefined;
}

/**
 * Checks the parent pod, the encoded parent and the options (with the checks
 * the component shares, see `options.ts`), and gives the sidecar warning once
 * they pass. Only own enumerable keys of the caller's objects are read.
 *
 * @param issues - where every problem is added.
 * @returns the checked inputs, or `undefined` when `issues` got a problem.
 * @internal
 */
export function checkInputs(
  parentPod: unknown,
  encodedParent: unknown,
  options: unknown,
  issues: RunnerPodIssue[],
): CheckedInputs | undefined {
  const before = issues.length;
  let opts: Readonly<Record<string, unknown>> = {};
  if (isPlainObject(options)) {
    opts = readCallerData(OPTIONS, () => copyOptions(options));
    checkArguments(opts, RUNNER_POD_OPTION_NAMES, "options", issues);
  } else if (!isAbsent(options)) {
    issues.push(issue("argument-invalid", OPTIONS, `must be an object (got ${kindOf(options)})`));
  }
  checkArgument("encodedParent", encodedParent, ENCODED_PARENT, issues);
  const backend = backendOf(opts);
  const profile = profileOf(backend);
  issues.push(...foreignArgumentIssues(backend, opts, OPTIONS, USE_TEMPLATE_ENV));
  if (!isPlainObject(parentPod)) {
    issues.push(
      issue(
        "parent-pod-invalid",
        PARENT_POD,
        `must be a pod manifest object, as kubectl get pod <name> -o yaml prints it (got ${kindOf(parentPod)})`,
      ),
    );
    return undefined;
  }
  const parent = readCallerData(PARENT_POD, () => checkParent(parentPod, opts, backend, issues));
  if (issues.length > before || parent === undefined) return undefined;
  const warn =
    typeof opts.onWarning === "function" ? warningReporter(opts.onWarning as Warn) : undefined;
  if (parent.found.warning !== undefined && isAbsent(opts.appContainerName)) {
    warn?.(parent.found.warning);
  }
  return {
    parentPod: parentPod as PodManifest,
    parentName: parent.name,
    parentNamespace: parent.namespace,
    parentUid: parent.uid,
    appContainer: parent.found.container,
    appContainerIndex: parent.found.index,
    image: parent.image,
    runnerName: parent.runnerName,
    runnerId: parent.runnerId,
    encodedParent: encodedParent as string,
    omitOwnerReference: opts.omitOwnerReference === true,
    backend,
    profile,
    env: isPlainObject(opts.env) ? (opts.env as Record<string, string>) : undefined,
    secretEnv: !isAbsent(opts.secretEnv),
    warn,
    workloadSelector: isPlainObject(opts.workloadSelector)
      ? (opts.workloadSelector as LabelSelector)
      : undefined,
  };
}

/** The caller's `onWarning`. */
type Warn = (message: string, found: RunnerPodIssue) => void;

/** Where the v0.3.3 profile wants the variables that v0.7's `env` and `secretEnv` hold. */
const USE_TEMPLATE_ENV = {
  env: "or put the variables in template.env",
  secretEnv: "or put the variables in template.env",
};

/**
 * A copy of the caller's options: own enumerable keys, and the maps `env` and
 * `secretEnv` copied too, so that no getter of theirs runs after the copy.
 */
function copyOptions(options: PlainObject): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...options };
  for (const name of ["env", "secretEnv"]) {
    const map = copy[name];
    if (isPlainObject(map)) copy[name] = { ...map };
  }
  if (isPlainObject(copy.workloadSelector))
    copy.workloadSelector = copyPlain(copy.workloadSelector, OPTIONS.child("workloadSelector"));
  return copy;
}

/** What the rules take from the parent pod, once it passed. */
interface ParentFacts {
  name: string;
  namespace: string | undefined;
  uid: string | undefined;
  found: AppContainerLocation;
  image: string;
  runnerName: string;
  runnerId: string;
}

/** Checks the parent pod's name, uid, app container and image, and makes the runner name. */
function checkParent(
  pod: PlainObject,
  opts: Readonly<Record<string, unknown>>,
  backend: RunnerPodBackend,
  issues: RunnerPodIssue[],
): ParentFacts | undefined {
  const metadata = own(pod, "metadata");
  const meta = isPlainObject(metadata) ? metadata : {};
  const name = nonEmptyString(own(meta, "name"));
  if (name === undefined) {
    issues.push(
      issue(
        "parent-pod-unnamed",
        PARENT_POD.child("metadata", "name"),
        `the parent pod needs a name (got ${show(own(meta, "name"))}); pass a pod read from the cluster`,
      ),
    );
  }
  const uid = nonEmptyString(own(meta, "uid"));
  if (opts.omitOwnerReference !== true && uid === undefined) {
    issues.push(
      issue(
        "parent-pod-uid-missing",
        PARENT_POD.child("metadata", "uid"),
        "the parent pod has no uid, which the runner's owner reference needs; pass omitOwnerReference: true, or use a pod read from the cluster (kubectl get pod <name> -o yaml, or Pod.get)",
      ),
    );
  }

  const found = locateAppContainer(pod as PodManifest, opts.appContainerName, issues);
  const image = found === undefined ? undefined : nonEmptyString(own(found.container, "image"));
  if (found !== undefined && image === undefined) {
    const appName = own(found.container, "name");
    issues.push(
      issue(
        "app-container-image-missing",
        PARENT_POD.child("spec", "containers").index(found.index).child("image"),
        `the app container${typeof appName === "string" ? ` "${appName}"` : ""} has no image, which the runner runs; set it, or pass appContainerName`,
      ),
    );
  }

  let runnerName: string | undefined;
  const profile = profileOf(backend);
  const runnerId = (opts.runnerId ?? profile.runnerId.fresh()) as string;
  // A runnerId of the wrong shape is reported by the options check.
  if (name !== undefined && !issues.some((i) => i.path === RUNNER_ID)) {
    const result = profile.runnerName(name, runnerId);
    if (typeof result === "string") runnerName = result;
    else issues.push(result);
  }
  if (
    name === undefined ||
    found === undefined ||
    image === undefined ||
    runnerName === undefined
  ) {
    return undefined;
  }
  const namespace = nonEmptyString(own(meta, "namespace"));
  return { name, namespace, uid, found, image, runnerName, runnerId };
}

/** The fields of a template object (`RunnerPodTemplate`), in the order of the rules page. */
export const TEMPLATE_FIELDS: readonly string[] = ["env", "resources", "addParentEnv"];

const RUNNER_ID = OPTIONS.child("runnerId").toString();

const TEMPLATE_FIELD_SET: ReadonlySet<string> = new Set(TEMPLATE_FIELDS);

/**
 * Checks a template object (`{ env?, resources?, addParentEnv? }`); `null` and
 * `undefined` are the empty template.
 *
 * @returns the template's env entries that are present.
 * @internal
 */
export function checkTemplate(template: unknown, issues: RunnerPodIssue[]): UserEnvPaths {
  if (isAbsent(template)) return NO_USER_ENV;
  if (!isPlainObject(template)) {
    issues.push(
      issue(
        "template-invalid",
        TEMPLATE,
        `must be a template object { env?, resources?, addParentEnv? } or a callback (got ${kindOf(template)})`,
      ),
    );
    return NO_USER_ENV;
  }
  for (const key of Object.keys(template)) {
    if (TEMPLATE_FIELD_SET.has(key) || template[key] === undefined) continue;
    issues.push(
      issue(
        "template-unknown-field",
        TEMPLATE.child(key),
        `unknown field${didYouMean(key, TEMPLATE_FIELDS)}: a template has env, resources and addParentEnv; use a callback to set anything else of the runner pod`,
      ),
    );
  }
  const resources = own(template, "resources");
  if (!isAbsent(resources) && !isPlainObject(resources)) {
    issues.push(
      issue(
        "template-invalid",
        TEMPLATE.child("resources"),
        `must be resource requirements like { requests: { cpu: "100m" }, limits: { memory: "256Mi" } } (got ${kindOf(resources)})`,
      ),
    );
  }
  const add = own(template, "addParentEnv");
  if (!isAbsent(add) && typeof add !== "boolean") {
    issues.push(
      issue(
        "template-invalid",
        TEMPLATE.child("addParentEnv"),
        `must be true or false (got ${show(add)})`,
      ),
    );
  }
  const list = TEMPLATE.child("env");
  return { list, present: checkEnvList(own(template, "env"), list, issues) };
}

/**
 * Checks a callback's result: an object whose `metadata` and `spec` (when
 * present) are objects, whose `spec.containers` (when present) is a list whose
 * first entry is an object with a valid env list.
 *
 * @returns the first container's env entries that are present.
 * @internal
 */
export function checkCallbackResult(result: unknown, issues: RunnerPodIssue[]): UserEnvPaths {
  if (!isPlainObject(result)) {
    issues.push(
      issue(
        "callback-result-invalid",
        CALLBACK,
        `returned ${kindOf(result)}; a callback must return a pod manifest object, for example { spec: { containers: [{ resources: { ... } }] } }`,
      ),
    );
    return NO_USER_ENV;
  }
  const metadata = own(result, "metadata");
  if (!isAbsent(metadata) && !isPlainObject(metadata)) {
    issues.push(
      issue(
        "callback-result-invalid",
        CALLBACK.child("metadata"),
        `must be an object (got ${kindOf(metadata)})`,
      ),
    );
  }
  const spec = own(result, "spec");
  if (isAbsent(spec)) return NO_USER_ENV;
  if (!isPlainObject(spec)) {
    issues.push(
      issue(
        "callback-result-invalid",
        CALLBACK.child("spec"),
        `must be a pod spec object (got ${kindOf(spec)})`,
      ),
    );
    return NO_USER_ENV;
  }
  const containers = own(spec, "containers");
  if (isAbsent(containers)) return NO_USER_ENV;
  if (!Array.isArray(containers)) {
    issues.push(
      issue(
        "callback-result-invalid",
        CALLBACK.child("spec", "containers"),
        `must be a list of containers (got ${kindOf(containers)})`,
      ),
    );
    return NO_USER_ENV;
  }
  // The runner container is the first one present (null entries are dropped).
  let index = 0;
  while (index < containers.length && isAbsent(containers[index])) index++;
  if (index === containers.length) return NO_USER_ENV;
  const first: unknown = containers[index];
  const path = CALLBACK.child("spec", "containers").index(index);
  if (!isPlainObject(first)) {
    issues.push(
      issue("callback-result-invalid", path, `must be a container object (got ${kindOf(first)})`),
    );
    return NO_USER_ENV;
  }
  const list = path.child("env");
  return { list, present: checkEnvList(own(first, "env"), list, issues) };
}
