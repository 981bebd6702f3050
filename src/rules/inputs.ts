/**
 * The input checks of the runner pod rules: the parent pod, the encoded
 * parent, the options, a template object and a callback's result. Every
 * problem is collected with its field path; the caller throws them together.
 */
import { FlameRunnerPodError, type RunnerPodIssue } from "../errors";
import type { Container, PodManifest, RunnerPodOptions } from "../types";
import { locateAppContainer } from "./app-container";
import { checkEnvList, NO_USER_ENV, type UserEnvPaths } from "./env";
import { newRunnerId, runnerNameOrIssue } from "./names";
import { isPlainObject, kindOf, show } from "./sanitize";

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
  encodedParent: string;
  omitOwnerReference: boolean;
  /**
   * The caller's `onWarning`, or `undefined` without one. Call it as
   * `warn?.(...)`: an optional call does not evaluate its arguments, so a
   * message costs nothing to format when nobody listens.
   */
  warn: ((message: string) => void) | undefined;
}

function isAbsent(value: unknown): boolean {
  return value === null || value === undefined;
}

function optionalString(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

/**
 * Checks the parent pod, the encoded parent and the options, and gives the
 * sidecar warning once they pass.
 *
 * @throws FlameRunnerPodError listing every problem.
 * @internal
 */
export function checkInputs(
  parentPod: unknown,
  encodedParent: unknown,
  options: RunnerPodOptions | undefined,
): CheckedInputs {
  const issues: RunnerPodIssue[] = [];
  const opts: RunnerPodOptions = isPlainObject(options) ? options : {};
  if (options !== undefined && options !== null && !isPlainObject(options)) {
    issues.push({ path: "options", message: `must be an object (got ${kindOf(options)})` });
  }

  if (typeof encodedParent !== "string" || encodedParent === "") {
    issues.push({
      path: "encodedParent",
      message: `must be FLAME's encoded parent, a non-empty string (got ${
        typeof encodedParent === "string" ? "an empty string" : kindOf(encodedParent)
      }); it becomes the runner's FLAME_PARENT`,
    });
  }

  if (!isPlainObject(parentPod)) {
    issues.push({
      path: "parentPod",
      message: `must be a pod manifest object, as kubectl get pod <name> -o yaml prints it (got ${kindOf(parentPod)})`,
    });
    throw new FlameRunnerPodError(issues);
  }
  const pod = parentPod as PodManifest;
  const metadata: unknown = pod.metadata;
  const meta = isPlainObject(metadata) ? metadata : {};
  const parentName = optionalString(meta.name);
  if (parentName === undefined) {
    issues.push({
      path: "parentPod.metadata.name",
      message: `the parent pod needs a name (got ${show(meta.name)}); pass a pod read from the cluster`,
    });
  }
  const omitOwnerReference = opts.omitOwnerReference === true;
  const parentUid = optionalString(meta.uid);
  if (!omitOwnerReference && parentUid === undefined) {
    issues.push({
      path: "parentPod.metadata.uid",
      message:
        "the parent pod has no uid, which the runner's owner reference needs; pass omitOwnerReference: true, or use a pod read from the cluster (kubectl get pod <name> -o yaml, or Pod.get)",
    });
  }

  const found = locateAppContainer(pod, opts.appContainerName, issues);
  let image = "";
  if (found !== undefined) {
    const candidate: unknown = found.container.image;
    if (typeof candidate === "string" && candidate !== "") image = candidate;
    else {
      issues.push({
        path: `parentPod.spec.containers[${found.index}].image`,
        message: `the app container${typeof found.container.name === "string" ? ` "${found.container.name}"` : ""} has no image, which the runner runs; set it, or pass appContainerName`,
      });
    }
  }

  let name = "";
  if (parentName !== undefined) {
    const id: unknown = opts.runnerId ?? newRunnerId();
    const result = runnerNameOrIssue(parentName, id);
    if (typeof result === "string") name = result;
    else issues.push(result);
  }

  if (
    opts.onWarning !== undefined &&
    opts.onWarning !== null &&
    typeof opts.onWarning !== "function"
  ) {
    issues.push({
      path: "options.onWarning",
      message: `must be a function (got ${kindOf(opts.onWarning)})`,
    });
  }

  if (issues.length > 0 || found === undefined || parentName === undefined) {
    throw new FlameRunnerPodError(issues);
  }
  const warn = typeof opts.onWarning === "function" ? opts.onWarning : undefined;
  if (found.warning !== undefined && opts.appContainerName == null) warn?.(found.warning);
  return {
    parentPod: pod,
    parentName,
    parentNamespace: optionalString(meta.namespace),
    parentUid,
    appContainer: found.container,
    appContainerIndex: found.index,
    image,
    runnerName: name,
    encodedParent: encodedParent as string,
    omitOwnerReference,
    warn,
  };
}

const TEMPLATE_FIELDS = new Set(["env", "resources", "addParentEnv"]);

/**
 * Checks a template object (`{ env?, resources?, addParentEnv? }`); `null` and
 * `undefined` are the empty template.
 *
 * @returns the template's env entries that are present.
 * @internal
 */
export function checkTemplate(template: unknown, issues: RunnerPodIssue[]): UserEnvPaths {
  if (template === undefined || template === null) return NO_USER_ENV;
  if (!isPlainObject(template)) {
    issues.push({
      path: "template",
      message: `must be a template object { env?, resources?, addParentEnv? } or a callback (got ${kindOf(template)})`,
    });
    return NO_USER_ENV;
  }
  for (const key of Object.keys(template)) {
    if (TEMPLATE_FIELDS.has(key) || template[key] === undefined) continue;
    issues.push({
      path: `template.${key}`,
      message:
        "unknown field: a template has env, resources and addParentEnv; use a callback to set anything else of the runner pod",
    });
  }
  const resources = template.resources;
  if (resources !== undefined && resources !== null && !isPlainObject(resources)) {
    issues.push({
      path: "template.resources",
      message: `must be resource requirements like { requests: { cpu: "100m" }, limits: { memory: "256Mi" } } (got ${kindOf(resources)})`,
    });
  }
  const add = template.addParentEnv;
  if (add !== undefined && add !== null && typeof add !== "boolean") {
    issues.push({
      path: "template.addParentEnv",
      message: `must be true or false (got ${show(add)})`,
    });
  }
  return { list: "template.env", present: checkEnvList(template.env, "template.env", issues) };
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
    issues.push({
      path: "callback",
      message: `returned ${kindOf(result)}; a callback must return a pod manifest object, for example { spec: { containers: [{ resources: { ... } }] } }`,
    });
    return NO_USER_ENV;
  }
  const metadata = result.metadata;
  if (metadata !== undefined && metadata !== null && !isPlainObject(metadata)) {
    issues.push({
      path: "callback.metadata",
      message: `must be an object (got ${kindOf(metadata)})`,
    });
  }
  const spec = result.spec;
  if (spec === undefined || spec === null) return NO_USER_ENV;
  if (!isPlainObject(spec)) {
    issues.push({
      path: "callback.spec",
      message: `must be a pod spec object (got ${kindOf(spec)})`,
    });
    return NO_USER_ENV;
  }
  const containers = spec.containers;
  if (containers === undefined || containers === null) return NO_USER_ENV;
  if (!Array.isArray(containers)) {
    issues.push({
      path: "callback.spec.containers",
      message: `must be a list of containers (got ${kindOf(containers)})`,
    });
    return NO_USER_ENV;
  }
  // The runner container is the first one present (null entries are dropped).
  let index = 0;
  while (index < containers.length && isAbsent(containers[index])) index++;
  if (index === containers.length) return NO_USER_ENV;
  const first: unknown = containers[index];
  const path = `callback.spec.containers[${index}]`;
  if (!isPlainObject(first)) {
    issues.push({ path, message: `must be a container object (got ${kindOf(first)})` });
    return NO_USER_ENV;
  }
  const list = `${path}.env`;
  return { list, present: checkEnvList(first.env, list, issues) };
}
