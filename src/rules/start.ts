/**
 * Step 1 of the runner pod rules: the starting manifest, from a template
 * object or from a callback's result. The result is always an owned copy (it
 * shares nothing with the inputs), without `null`, with at least one container.
 */
import type { RunnerPodIssue } from "../errors";
import type { Container, EnvVar, PodManifest } from "../types";
import { checkEnvList, templateAndParentEnv, type UserEnvPaths } from "./env";
import { checkCallbackResult, checkTemplate, type CheckedInputs } from "./inputs";
import { copyPlain, copyWithoutServerFields, isPlainObject } from "./sanitize";

/**
 * The starting manifest of step 1. Internal to the rules.
 *
 * @internal
 */
export interface StartingManifest {
  /** An owned copy: `spec.containers[0]` exists. */
  manifest: PodManifest & { spec: { containers: [Container, ...Container[]] } };
  /** The first container's first env entries, those the template or callback wrote. */
  userEnv: UserEnvPaths;
  /** Who wrote the starting manifest: `template` or `callback`. */
  source: "template" | "callback";
}

/**
 * Step 1 B (and A, for an absent template): one container with the template's
 * resources (or the app container's), the template's env then the app
 * container's (without the names the template defines) and the app container's
 * `envFrom` when `addParentEnv` is not `false`; the parent's namespace.
 *
 * @returns `undefined` when `issues` got a problem.
 * @internal
 */
export function startFromTemplate(
  inputs: CheckedInputs,
  template: unknown,
  issues: RunnerPodIssue[],
): StartingManifest | undefined {
  const userEnv = checkTemplate(template, issues);
  const t = isPlainObject(template) ? template : {};
  const app = inputs.appContainer;
  const addParentEnv = t.addParentEnv !== false;
  if (addParentEnv) {
    checkEnvList(app.env, `parentPod.spec.containers[${inputs.appContainerIndex}].env`, issues);
  }
  if (issues.length > 0) return undefined;

  // The name is set in step 2; until then the container has none.
  const container = {
    env: templateAndParentEnv(
      (t.env as EnvVar[] | null | undefined) ?? undefined,
      addParentEnv ? (app.env ?? []) : undefined,
    ),
  } as Container;
  if (addParentEnv && Array.isArray(app.envFrom) && app.envFrom.length > 0) {
    const envFrom = copyPlain(app.envFrom);
    if (envFrom.length > 0) container.envFrom = envFrom;
  }
  const resources = isPlainObject(t.resources) ? t.resources : app.resources;
  if (isPlainObject(resources)) container.resources = copyPlain(resources);

  const manifest: StartingManifest["manifest"] = { spec: { containers: [container] } };
  if (inputs.parentNamespace !== undefined)
    manifest.metadata = { namespace: inputs.parentNamespace };
  return { manifest, userEnv, source: "template" };
}

/**
 * Step 1 C: a copy of the callback's result without `null`, `status` and the
 * metadata fields only the API server writes; a result without `spec` or
 * without containers gets one empty runner container.
 *
 * @returns `undefined` when `issues` got a problem.
 * @internal
 */
export function startFromCallback(
  result: unknown,
  issues: RunnerPodIssue[],
): StartingManifest | undefined {
  const userEnv = checkCallbackResult(result, issues);
  if (issues.length > 0 || !isPlainObject(result)) return undefined;
  const copy = copyWithoutServerFields(result) as PodManifest;
  const spec = (copy.spec ??= { containers: [] });
  if (!Array.isArray(spec.containers)) spec.containers = [];
  if (spec.containers.length === 0) spec.containers.push({} as Container);
  return { manifest: copy as StartingManifest["manifest"], userEnv, source: "callback" };
}
