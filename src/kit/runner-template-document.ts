/**
 * The runner template file that a FLAME application loads at boot: what
 * `FlameRunnerTemplate` publishes in its ConfigMap, as JSON. It is the checked
 * runner manifest without what the backend sets at run time, so the backend
 * creates the runner the rules checked. Pure: no Pulumi.
 */
import { PREDEFINED_ENV_NAMES } from "../rules/env";
import { copyPlain } from "../rules/caller-data";
import type { EnvVar, PodManifest, RunnerPodStartingManifest } from "../types";

/** The file's name in the ConfigMap, and so in the mounted directory. */
export const RUNNER_TEMPLATE_FILE = "runner-template.json";

/**
 * The file for flame_k8s_backend v0.3.3: what the Elixir lines of
 * docs/deploying.md pass to the backend.
 */
export interface RunnerTemplateDocument {
  /**
   * The manifest a one-argument `runner_pod_tpl` callback returns
   * (`fn _parent -> manifest end`): v0.3.3 applies only its step-2 values to
   * it, so it creates the runner the rules checked.
   */
  manifest: RunnerPodStartingManifest;
  /** The backend's `:app_container_name`: the app container the rules took. */
  appContainerName: string;
}

/**
 * The file for flame_k8s_backend v0.7 (`backend: "v0.7"`): the values of the
 * backend's `:manifest`, `:env` and (when needed) `:app_container_name` options.
 */
export interface RunnerTemplateV07Document {
  /** v0.7's `:manifest`: the checked runner manifest without what v0.7 sets. */
  manifest: RunnerPodStartingManifest;
  /** v0.7's `:env`: variables for the runner container, name → value (`{}` when none). */
  env: Record<string, string>;
  /**
   * v0.7's `:app_container_name`, only when the app container is not the
   * parent's first container: v0.7.0 given this option attaches the runner's
   * Secret (its `RELEASE_COOKIE`, `secret_env`) to no container.
   */
  appContainerName?: string;
}

/**
 * The names under which the v0.7 file defines the pod's own fields before the
 * entries that refer to them: v0.7.0 lists its `POD_IP`, `POD_NAME` and
 * `POD_NAMESPACE` after the manifest's entries, so a `$(POD_IP)` in the
 * manifest (its `RELEASE_NODE`) would never expand.
 */
export const POD_FIELD_ALIASES: Readonly<Record<string, { name: string; fieldPath: string }>> = {
  POD_NAME: { name: "FLAME_RUNNER_POD_NAME", fieldPath: "metadata.name" },
  POD_NAMESPACE: { name: "FLAME_RUNNER_POD_NAMESPACE", fieldPath: "metadata.namespace" },
  POD_IP: { name: "FLAME_RUNNER_POD_IP", fieldPath: "status.podIP" },
};

const PREDEFINED: ReadonlySet<string> = new Set(PREDEFINED_ENV_NAMES);

/** The env entries v0.7 writes itself (its fixed entries), after everything else. */
const V07_FIXED: ReadonlySet<string> = new Set([
  "POD_NAME",
  "POD_NAMESPACE",
  "POD_IP",
  "FLAME_PARENT",
]);

/**
 * What the runner template file holds under v0.3.3: the checked runner
 * manifest without what the backend sets at run time (`apiVersion`, `kind`,
 * `metadata.name`, `metadata.ownerReferences`, `spec.restartPolicy`,
 * `spec.serviceAccount`, the runner container's `name` and `image`, and the
 * four predefined variables at the head of its env), whatever the template
 * was (a template object too: v0.3.3 would apply its own, older, step 1 to
 * one, dropping the `envFrom` the rules copy). v0.3.3 applying its values to
 * it creates the runner the rules checked, with the fixes of the rules page
 * (the namespace set, one entry per env name, the parent's `envFrom`,
 * server-written fields dropped).
 *
 * @param runner - the runner manifest the rules built; not modified.
 * @param appContainerName - the name of the app container the rules took.
 * @returns a new object, ready for `JSON.stringify`.
 */
export function runnerTemplateDocument(
  runner: PodManifest,
  appContainerName: string,
): RunnerTemplateDocument {
  const manifest = withoutBackendValues(runner, ["serviceAccount"]);
  const container = manifest.spec!.containers![0];
  delete container.image;
  setEnv(
    container,
    (container.env ?? []).filter((e) => !PREDEFINED.has(e.name)),
  );
  return { manifest, appContainerName };
}

/**
 * What the runner template file holds under v0.7: the checked runner manifest
 * without what v0.7 sets at run time (`apiVersion`, `kind`, `metadata.name`,
 * `metadata.ownerReferences`, `spec.restartPolicy`, the runner container's
 * `name`, its `image` when it is the app container's, the Secret reference v0.7
 * puts first in its `envFrom`, and the fixed `POD_NAME`, `POD_NAMESPACE`,
 * `POD_IP` and `FLAME_PARENT`), and the `env` map.
 *
 * v0.7.0 lists its fixed entries after the manifest's, so an entry that refers
 * to `$(POD_IP)` (`RELEASE_NODE=flame_runner@$(POD_IP)`) would keep that text.
 * The file therefore defines each pod field referred to under its alias
 * ({@link POD_FIELD_ALIASES}) first, and refers to the alias instead: v0.7.0
 * keeps a manifest's `RELEASE_NODE` at the manifest's place, after the alias.
 *
 * @param runner - the runner manifest the rules built; not modified.
 * @param parentImage - the app container's image (v0.7 uses it when the manifest sets none).
 * @param env - the `env` map; not modified. Default: `{}`.
 * @param appContainerName - the app container's name, when it is not the
 *   parent's first container; else `undefined`.
 * @returns a new object, ready for `JSON.stringify`.
 */
export function runnerTemplateV07Document(
  runner: PodManifest,
  parentImage: string | undefined,
  env: Readonly<Record<string, string>> | undefined,
  appContainerName: string | undefined,
): RunnerTemplateV07Document {
  const manifest = withoutBackendValues(runner, []);
  const container = manifest.spec!.containers![0];
  if (container.image === parentImage) delete container.image;
  const runnerName = runner.metadata?.name;
  const envFrom = (container.envFrom ?? []).filter((s) => s.secretRef?.name !== runnerName);
  if (envFrom.length > 0) container.envFrom = envFrom;
  else delete container.envFrom;

  const map: Record<string, string> = { ...copyPlain(env) };
  const entries = (container.env ?? []).filter((e) => !V07_FIXED.has(e.name) && !(e.name in map));
  const aliased = new Set<string>();
  const rename = (value: string): string => renameReferences(value, aliased);
  for (const entry of entries) if (entry.value !== undefined) entry.value = rename(entry.value);
  for (const name of Object.keys(map)) map[name] = rename(map[name]);
  const aliases: EnvVar[] = Object.keys(POD_FIELD_ALIASES)
    .filter((field) => aliased.has(field))
    .map((field) => ({
      name: POD_FIELD_ALIASES[field].name,
      valueFrom: { fieldRef: { fieldPath: POD_FIELD_ALIASES[field].fieldPath } },
    }));
  setEnv(container, [...aliases, ...entries]);
  return {
    manifest,
    env: map,
    ...(appContainerName !== undefined ? { appContainerName } : {}),
  };
}

/**
 * A copy of the runner without what both profiles set at run time, and
 * without the `spec` keys in `specKeys`.
 */
function withoutBackendValues(
  runner: PodManifest,
  specKeys: readonly string[],
): RunnerPodStartingManifest {
  const manifest = copyPlain(runner) as RunnerPodStartingManifest;
  delete manifest.apiVersion;
  delete manifest.kind;
  const metadata = manifest.metadata ?? {};
  delete metadata.name;
  delete metadata.ownerReferences;
  const spec = (manifest.spec ??= {});
  delete spec.restartPolicy;
  for (const key of specKeys) delete (spec as Record<string, unknown>)[key];
  spec.containers ??= [{}];
  if (spec.containers.length === 0) spec.containers.push({});
  delete spec.containers[0].name;
  return manifest;
}

/** Sets a container's env, or removes the key for an empty one. */
function setEnv(container: { env?: EnvVar[] }, env: EnvVar[]): void {
  if (env.length > 0) container.env = env;
  else delete container.env;
}

/**
 * `value` with each `$(POD_IP)`, `$(POD_NAME)` and `$(POD_NAMESPACE)` written
 * with its alias, read as Kubernetes reads references (`$$` is an escaped
 * `$`); the fields renamed are added to `renamed`.
 */
function renameReferences(value: string, renamed: Set<string>): string {
  let out = "";
  let i = 0;
  while (i < value.length) {
    const dollar = value.indexOf("$", i);
    if (dollar === -1 || dollar === value.length - 1) break;
    out += value.slice(i, dollar);
    if (value[dollar + 1] === "(") {
      const close = value.indexOf(")", dollar + 2);
      if (close === -1) {
        i = dollar;
        break;
      }
      const name = value.slice(dollar + 2, close);
      const alias = POD_FIELD_ALIASES[name] as (typeof POD_FIELD_ALIASES)[string] | undefined;
      if (alias !== undefined && Object.prototype.hasOwnProperty.call(POD_FIELD_ALIASES, name)) {
        renamed.add(name);
        out += `$(${alias.name})`;
      } else out += value.slice(dollar, close + 1);
      i = close + 1;
    } else {
      // `$$` (escape) or `$x`: both characters are literal.
      out += value.slice(dollar, dollar + 2);
      i = dollar + 2;
    }
  }
  return out + value.slice(i);
}

/** The keys of a runner template file, under both profiles. */
const FILE_KEYS: readonly string[] = ["manifest", "env", "appContainerName"];

/**
 * The manifest of a runner template file ({@link RunnerTemplateDocument} or
 * {@link RunnerTemplateV07Document}), for a tool that takes the file as a
 * template (the CLI's `--template`): `undefined` when `doc` is not one (an
 * object with an own `manifest` key and no key but those of the file).
 *
 * @param doc - a parsed document; not modified.
 * @returns the file's `manifest`, as it is (not copied).
 */
export function runnerTemplateFileManifest(doc: unknown): unknown {
  if (typeof doc !== "object" || doc === null || Array.isArray(doc)) return undefined;
  const keys = Object.keys(doc);
  if (!keys.includes("manifest") || !keys.every((key) => FILE_KEYS.includes(key))) return undefined;
  return (doc as { manifest: unknown }).manifest;
}
