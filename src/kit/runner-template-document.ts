/**
 * The runner template file that a FLAME application loads at boot: what
 * `FlameRunnerTemplate` publishes in its ConfigMap, as JSON. Pure: no Pulumi.
 */
import type { RunnerPodStart } from "../rules";
import { PREDEFINED_ENV_NAMES } from "../rules";
import { copyPlain } from "../rules/sanitize";
import type {
  Container,
  EnvVar,
  PodManifest,
  ResourceRequirements,
  RunnerPodStartingManifest,
  RunnerPodTemplate,
} from "../types";

/** The file's name in the ConfigMap, and so in the mounted directory. */
export const RUNNER_TEMPLATE_FILE = "runner-template.json";

/**
 * The file for a template object: the fields of flame_k8s_backend's
 * `%FLAMEK8sBackend.RunnerPodTemplate{}` (`env`, `resources`,
 * `add_parent_env`), under the template object's names. `env` and
 * `resources` are present only when the template sets them;
 * `addParentEnv` always is.
 */
export interface RunnerTemplateObjectDocument {
  /** `%RunnerPodTemplate{env: ...}`: the runner's extra env entries. */
  env?: EnvVar[];
  /** `%RunnerPodTemplate{resources: ...}`: the runner container's resources. */
  resources?: ResourceRequirements;
  /** `%RunnerPodTemplate{add_parent_env: ...}`. */
  addParentEnv: boolean;
}

const PREDEFINED: ReadonlySet<string> = new Set(PREDEFINED_ENV_NAMES);

/** The runner container's keys the backend sets at run time. */
const RUN_TIME_CONTAINER_KEYS: ReadonlySet<string> = new Set(["name", "image", "env"]);

/**
 * What the runner template file holds.
 *
 * - For a template object: a {@link RunnerTemplateObjectDocument}, the
 *   template as given (without `null`), `addParentEnv` spelled out.
 * - For a callback's result: a pod manifest for a one-argument Elixir callback
 *   to return. It is the checked runner manifest without what the backend sets
 *   at run time (`metadata.name`, `metadata.ownerReferences`, the runner
 *   container's `name` and `image`, and the four predefined variables at the
 *   head of its env): so flame_k8s_backend v0.3.3, applying its values to it,
 *   creates the runner the rules checked, with the fixes of the rules page
 *   (the namespace set, one entry per env name, server-written fields dropped).
 *
 * @param start - where the rules started: the template object, or the
 *   callback's result; not modified.
 * @param runner - the runner manifest the rules built from `start`; not modified.
 * @returns a new object, ready for `JSON.stringify`.
 */
export function runnerTemplateDocument(
  start: RunnerPodStart,
  runner: PodManifest,
): RunnerTemplateObjectDocument | PodManifest {
  if (start.kind === "template") {
    const template: RunnerPodTemplate = start.template ?? {};
    const env = copyPlain(template.env);
    const resources = copyPlain(template.resources);
    return {
      ...(env !== undefined ? { env } : {}),
      ...(resources !== undefined ? { resources } : {}),
      addParentEnv: template.addParentEnv !== false,
    };
  }
  const manifest = copyPlain(runner);
  const metadata = manifest.metadata ?? {};
  delete metadata.name;
  delete metadata.ownerReferences;
  const containers = manifest.spec?.containers ?? [];
  if (containers.length > 0) {
    const first = containers[0];
    const env = (first.env ?? []).filter((entry) => !PREDEFINED.has(entry.name));
    const rest = Object.fromEntries(
      Object.entries(first).filter(([key]) => !RUN_TIME_CONTAINER_KEYS.has(key)),
    );
    containers[0] = (env.length > 0 ? { ...rest, env } : rest) as unknown as Container;
  }
  return manifest;
}

/**
 * The file for flame_k8s_backend v0.7 (`backend: "v0.7"`): the values of the
 * backend's `:manifest` and `:env` options. Both keys are always present.
 */
export interface RunnerTemplateV07Document {
  /**
   * v0.7's `:manifest`: the pod manifest as given, or the callback's result
   * (`{}` when none), without `null`. v0.7 applies its own values to it at
   * run time.
   */
  manifest: RunnerPodStartingManifest;
  /** v0.7's `:env`: variables for the runner container, name → value (`{}` when none). */
  env: Record<string, string>;
}

/**
 * What the runner template file holds under v0.7: the starting manifest (the
 * manifest object, or the callback's result, as the rules started from it)
 * and the `env` map.
 *
 * @param start - where the rules started; not modified.
 * @param env - the `env` map of the template; not modified. Default: `{}`.
 * @returns a new object, ready for `JSON.stringify`.
 */
export function runnerTemplateV07Document(
  start: RunnerPodStart,
  env: Readonly<Record<string, string>> | undefined,
): RunnerTemplateV07Document {
  const manifest = start.kind === "template" ? undefined : start.manifest;
  return {
    manifest: copyPlain(manifest) ?? {},
    env: copyPlain(env) ?? {},
  };
}
