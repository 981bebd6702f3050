/**
 * The upgrade check: what the runner of one parent and one template loses or
 * gains when flame_k8s_backend is upgraded from v0.3.3 to v0.7. It runs the
 * rules under both profiles (docs/rules.md, docs/rules-v0.7.md) and compares
 * the two runner manifests. No Pulumi here.
 */
import type { Container, EnvFromSource, EnvVar, PodManifest } from "../types";
import { isPlainObject, samePlain } from "../plain";
import { own } from "./caller-data";
import { findAppContainer } from "./app-container";
import { TEMPLATE_FIELDS } from "./inputs";
import {
  RUNNER_ID_LENGTH,
  RUNNER_NAME_PREFIX_LENGTH,
  V07_RUNNER_ID_LENGTH,
  V07_RUNNER_NAME_PREFIX_LENGTH,
} from "./names";
import { runnerPodManifestFromStart, type RunnerPodStart } from "./manifest";
import { FieldPath } from "../issues/path";

const TEMPLATE = FieldPath.root("template");
const METADATA = FieldPath.root("metadata");
const SPEC = FieldPath.root("spec");
const RUNNER_CONTAINER = SPEC.child("containers").index(0);

/** The kinds of {@link BackendUpgradeChange}, in the order they are listed. */
export const BACKEND_UPGRADE_CHANGE_KINDS = [
  "template-ignored",
  "name",
  "container-name",
  "image",
  "service-account",
  "env-removed",
  "env-changed",
  "env-added",
  "env-from-removed",
  "env-from-added",
  "resources",
  "field",
] as const;

/** A kind of {@link BackendUpgradeChange}. */
export type BackendUpgradeChangeKind = (typeof BACKEND_UPGRADE_CHANGE_KINDS)[number];

/** One change of the runner pod a user must know about before upgrading. */
export interface BackendUpgradeChange {
  /** What changed: `env-removed`, `container-name`... */
  kind: BackendUpgradeChangeKind;
  /** The field of the runner manifest: `spec.containers[0].env[DATABASE_URL]`... */
  path: string;
  /** The value under v0.3.3; absent when there was none. */
  from?: unknown;
  /** The value under v0.7; absent when there is none. */
  to?: unknown;
  /** What it means, in one sentence. */
  message: string;
}

/** Options of {@link backendUpgradeChanges}. */
export interface BackendUpgradeOptions {
  /**
   * The parent's app container.
   * @default the parent's first container
   */
  appContainerName?: string;
  /**
   * Leave out the owner reference under both profiles.
   * @default false
   */
  omitOwnerReference?: boolean;
  /**
   * The v0.7 `:env` option (a map of name → value).
   * @default none
   */
  env?: Readonly<Record<string, string>>;
  /**
   * The v0.7 `:secret_env` option: with it, the runner reads its Secret
   * through `envFrom` (v0.7.0 always creates one, for the cookie), and a
   * v0.3.3 env entry whose name the Secret holds (`RELEASE_COOKIE` or a key
   * of this map) is reported as coming from the Secret, not as lost. Only
   * the names are read.
   * @default none
   */
  secretEnv?: Readonly<Record<string, string>>;
}

/** The runner ids the comparison uses, so both names are predictable. */
const V033_RUNNER_ID = "0123456789abcdef0123";
const V07_RUNNER_ID = "bcd24";

/** The container fields compared by their own rows (the rest: `field`). */
const CONTAINER_ROWS: readonly string[] = ["name", "image", "env", "envFrom", "resources"];

/** The spec fields compared by their own rows. */
const SPEC_ROWS: readonly string[] = ["containers", "serviceAccountName", "serviceAccount"];

/** The metadata fields compared by their own rows. */
const METADATA_ROWS: readonly string[] = ["name"];

/** A short form of an env entry's value: `"false"`, `fieldRef status.podIP`... */
function envValue(entry: EnvVar): string {
  if (entry.valueFrom === undefined) return JSON.stringify(entry.value ?? "");
  const [source, selector] = Object.entries(entry.valueFrom)[0] ?? ["valueFrom", {}];
  const fields = selector as Record<string, unknown>;
  const what = [fields.name, fields.key ?? fields.fieldPath ?? fields.resource]
    .filter((part) => typeof part === "string")
    .join("/");
  return `${source} ${what}`.trim();
}

/** A short form of an envFrom entry: `configMapRef myapp-config`. */
function envFromLabel(entry: EnvFromSource): string {
  const source = entry.configMapRef !== undefined ? "configMapRef" : "secretRef";
  const name = (entry.configMapRef ?? entry.secretRef)?.name ?? "";
  return `${entry.prefix !== undefined ? `prefix ${entry.prefix} ` : ""}${source} ${name}`;
}

/** The v0.7 start for the same template: see {@link backendUpgradeChanges}. */
function v07Start(start: RunnerPodStart): RunnerPodStart {
  if (start.kind === "template") return { kind: "manifest" };
  return { kind: "manifest", manifest: start.manifest as PodManifest };
}

/** The env names a template object sets (none for other starts). */
function templateEnvNames(start: RunnerPodStart): string[] {
  if (start.kind !== "template" || !isPlainObject(start.template)) return [];
  const env = own(start.template, "env");
  if (!Array.isArray(env)) return [];
  return env
    .map((entry: unknown) => (isPlainObject(entry) ? own(entry, "name") : undefined))
    .filter((name): name is string => typeof name === "string");
}

/** The `template-ignored` change: a template object whose env or resources v0.7 never reads. */
function templateChanges(start: RunnerPodStart): BackendUpgradeChange[] {
  if (start.kind !== "template" || !isPlainObject(start.template)) return [];
  const template = start.template as Record<string, unknown>;
  const set = TEMPLATE_FIELDS.filter((key) => own(template, key) != null);
  if (set.length === 0) return [];
  const named = templateEnvNames(start);
  return [
    {
      kind: "template-ignored",
      path: TEMPLATE.toString(),
      from: template,
      message:
        `v0.7 has no template object: the runner starts from the :manifest ({} for this template), so ` +
        `template.${set.join(", template.")} ${set.length > 1 ? "are" : "is"} lost` +
        (named.length > 0 ? ` (env ${named.join(", ")})` : "") +
        "; put them in spec.containers[0] of a :manifest, or in :env",
    },
  ];
}

/** The first container of a runner manifest built by the rules. */
function runnerContainer(manifest: PodManifest): Container {
  return manifest.spec?.containers[0] ?? { name: "" };
}

/** Where a v0.3.3 runner's env entry came from, and what v0.7 does instead. */
function envSource(name: string, templateEnv: ReadonlySet<string>, parentEnv: ReadonlySet<string>) {
  if (templateEnv.has(name)) return "set by the template; v0.7 does not read a template object";
  if (parentEnv.has(name)) {
    return "copied from the parent's app container; v0.7 copies nothing from the parent";
  }
  return "set under v0.3.3; v0.7 does not set it";
}

/**
 * The `env-removed`, `env-changed` and `env-added` changes. An entry counts
 * as changed when its value reads differently ({@link envValue}); a
 * `fieldRef` written without its default `apiVersion` is the same value.
 */
function envChanges(
  before: readonly EnvVar[],
  after: readonly EnvVar[],
  templateEnv: ReadonlySet<string>,
  parentEnv: ReadonlySet<string>,
  secret: RunnerSecret | undefined,
): BackendUpgradeChange[] {
  // An entry by its name, as the diff shows it: `spec.containers[0].env[NAME]`.
  const path = (name: string): string => `${RUNNER_CONTAINER.child("env")}[${name}]`;
  const afterByName = new Map(after.map((entry) => [entry.name, entry]));
  const beforeNames = new Set(before.map((entry) => entry.name));
  const removed: BackendUpgradeChange[] = [];
  const changed: BackendUpgradeChange[] = [];
  for (const entry of before) {
    const now = afterByName.get(entry.name);
    if (now === undefined && secret?.names.includes(entry.name) === true) {
      changed.push({
        kind: "env-changed",
        path: path(entry.name),
        from: entry,
        to: { secretRef: { name: secret.name } },
        message: `${entry.name} was ${envValue(entry)}; under v0.7 it comes from the runner's Secret (secretRef ${secret.name})`,
      });
    } else if (now === undefined) {
      removed.push({
        kind: "env-removed",
        path: path(entry.name),
        from: entry,
        message:
          `${entry.name} (${envValue(entry)}) was ${envSource(entry.name, templateEnv, parentEnv)}: the runner no longer has it` +
          (entry.name === "RELEASE_COOKIE"
            ? " (give the cookie as the component's releaseCookie: it goes into the runner's Secret)"
            : ""),
      });
    } else if (envValue(entry) !== envValue(now)) {
      changed.push({
        kind: "env-changed",
        path: path(entry.name),
        from: entry,
        to: now,
        message: `${entry.name} was ${envValue(entry)}, is ${envValue(now)}`,
      });
    }
  }
  const added = after
    .filter((entry) => !beforeNames.has(entry.name))
    .map((entry): BackendUpgradeChange => ({
      kind: "env-added",
      path: path(entry.name),
      to: entry,
      message: `${entry.name} is new: ${envValue(entry)}`,
    }));
  return [...removed, ...changed, ...added];
}

/** The runner's Secret under v0.7: its name and the variables it holds. */
interface RunnerSecret {
  name: string;
  /** `RELEASE_COOKIE`, then the `secretEnv` names. */
  names: readonly string[];
}

/** The runner's Secret of the v0.7 side, when `secretEnv` is given. */
function runnerSecret(name: string, secretEnv: object | undefined): RunnerSecret | undefined {
  if (secretEnv === undefined) return undefined;
  const names = ["RELEASE_COOKIE", ...Object.keys(secretEnv).filter((n) => n !== "RELEASE_COOKIE")];
  return { name, names };
}

/** The `env-from-removed` and `env-from-added` changes, compared entry by entry. */
function envFromChanges(
  before: readonly EnvFromSource[],
  after: readonly EnvFromSource[],
  secret: RunnerSecret | undefined,
): BackendUpgradeChange[] {
  const path = RUNNER_CONTAINER.child("envFrom").toString();
  const removed = unmatched(before, after).map((entry): BackendUpgradeChange => ({
    kind: "env-from-removed",
    path,
    from: entry,
    message: `${envFromLabel(entry)} was copied from the parent's app container; v0.7 copies nothing from the parent: its variables are gone`,
  }));
  const added = unmatched(after, before).map((entry): BackendUpgradeChange => ({
    kind: "env-from-added",
    path,
    to: entry,
    message:
      secret !== undefined && entry.secretRef?.name === secret.name
        ? `secretRef ${secret.name}: the runner's own Secret (${secret.names.join(", ")}), which must exist before the pod starts`
        : `${envFromLabel(entry)} is new`,
  }));
  return [...removed, ...added];
}

/** The entries of `entries` that `others` has no equal of ({@link samePlain}), in order. */
function unmatched<T>(entries: readonly T[], others: readonly T[]): T[] {
  return entries.filter((entry) => !others.some((other) => samePlain(entry, other)));
}

/** A `field` change for each other key of two objects whose values differ, in key order. */
function fieldChanges(
  before: Readonly<Record<string, unknown>>,
  after: Readonly<Record<string, unknown>>,
  prefix: FieldPath,
  skip: readonly string[],
): BackendUpgradeChange[] {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])]
    .filter((key) => !skip.includes(key))
    .sort();
  return keys
    .filter((key) => !samePlain(before[key], after[key]))
    .map((key) => {
      const from = before[key];
      const to = after[key];
      const what = to === undefined ? "is dropped" : from === undefined ? "is new" : "changes";
      return {
        kind: "field" as const,
        path: prefix.child(key).toString(),
        ...fromTo(from, to),
        message: `${prefix.child(key)} ${what}`,
      };
    });
}

/**
 * What the runner pod of one parent and one template loses or gains when
 * flame_k8s_backend is upgraded from v0.3.3 to v0.7: the rules run under both
 * profiles and the two manifests are compared.
 *
 * The template maps to v0.7 as follows: v0.7 starts from a pod manifest (the
 * `:manifest` option). A v0.3.3 template object has no meaning there, so the
 * v0.7 runner starts from `{}` and the template's `env`, `resources` and
 * `addParentEnv` are lost (reported as `template-ignored`). A callback result
 * (a pod manifest) is the `:manifest` under v0.7 as is.
 *
 * The runner ids are fixed (`0123456789abcdef0123` and `bcd24`) so the names
 * in the changes are predictable; warnings of the rules are not reported
 * (`flame-runner-pod render` shows them).
 *
 * @param parentPod - the parent pod manifest; not modified.
 * @param start - the template object or the callback result, as for
 *   `runnerPodManifestFromStart` (a `manifest` start counts as a callback's
 *   result under v0.3.3); not modified.
 * @param encodedParent - FLAME's encoded parent (non-empty).
 * @param options - see {@link BackendUpgradeOptions}. Default: none.
 * @returns the changes in a fixed order: by kind in the order of
 *   {@link BACKEND_UPGRADE_CHANGE_KINDS}, env entries in manifest order,
 *   other fields by path. Empty when the runner does not change (never, in
 *   practice: the name form always does).
 * @throws FlameRunnerPodError when the rules of either profile refuse the
 *   input, listing every problem with its path.
 */
export function backendUpgradeChanges(
  parentPod: PodManifest,
  start: RunnerPodStart,
  encodedParent: string,
  options: BackendUpgradeOptions = {},
): BackendUpgradeChange[] {
  const { before, after } = runnersOfBothProfiles(parentPod, start, encodedParent, options);
  const was = runnerContainer(before);
  const is = runnerContainer(after);
  const parentEnv = findParentEnvNames(parentPod, options.appContainerName);
  const secret = runnerSecret(after.metadata?.name ?? "", options.secretEnv);
  return [
    ...templateChanges(start),
    nameChange(before.metadata?.name ?? "", after.metadata?.name ?? ""),
    ...runnerChanges(before, after),
    ...envChanges(was.env ?? [], is.env ?? [], new Set(templateEnvNames(start)), parentEnv, secret),
    ...envFromChanges(was.envFrom ?? [], is.envFrom ?? [], secret),
    ...resourcesChanges(was, is),
    ...fieldChanges(plain(before.metadata), plain(after.metadata), METADATA, METADATA_ROWS),
    ...fieldChanges(plain(before.spec), plain(after.spec), SPEC, SPEC_ROWS),
    ...fieldChanges(plain(was), plain(is), RUNNER_CONTAINER, CONTAINER_ROWS),
  ];
}

/** The runner of the same input under v0.3.3 and under v0.7, with the fixed ids. */
function runnersOfBothProfiles(
  parentPod: PodManifest,
  start: RunnerPodStart,
  encodedParent: string,
  options: BackendUpgradeOptions,
): { before: PodManifest; after: PodManifest } {
  const shared = {
    ...(options.appContainerName !== undefined
      ? { appContainerName: options.appContainerName }
      : {}),
    ...(options.omitOwnerReference !== undefined
      ? { omitOwnerReference: options.omitOwnerReference }
      : {}),
    onWarning: () => undefined,
  };
  const v033Start: RunnerPodStart =
    start.kind === "manifest" ? { kind: "callback", manifest: start.manifest ?? {} } : start;
  const before = runnerPodManifestFromStart(parentPod, v033Start, encodedParent, {
    ...shared,
    runnerId: V033_RUNNER_ID,
  });
  const after = runnerPodManifestFromStart(parentPod, v07Start(start), encodedParent, {
    ...shared,
    backend: "v0.7",
    runnerId: V07_RUNNER_ID,
    ...(options.env !== undefined ? { env: options.env } : {}),
    ...(options.secretEnv !== undefined ? { secretEnv: options.secretEnv } : {}),
  });
  return { before, after };
}

/** `{ from, to }` without the side that is `undefined`. */
function fromTo(from: unknown, to: unknown): { from?: unknown; to?: unknown } {
  return { ...(from !== undefined ? { from } : {}), ...(to !== undefined ? { to } : {}) };
}

/** An object field of a manifest as a record (`{}` when absent). */
function plain(value: object | undefined): Record<string, unknown> {
  return (value ?? {}) as Record<string, unknown>;
}

/** The runner name's change: always, since the two profiles name runners differently. */
function nameChange(beforeName: string, afterName: string): BackendUpgradeChange {
  return {
    kind: "name",
    path: METADATA.child("name").toString(),
    from: beforeName,
    to: afterName,
    message:
      `the runner name was the parent's name cut to ${RUNNER_NAME_PREFIX_LENGTH} characters plus a ${RUNNER_ID_LENGTH}-hex id (${beforeName}); ` +
      `v0.7 uses "<parent name>-" cut to ${V07_RUNNER_NAME_PREFIX_LENGTH} characters plus a ${V07_RUNNER_ID_LENGTH}-character id (${afterName}), ` +
      "the name generateName gives (v0.7.0 itself sets generateName; these rules write the name)",
  };
}

/** The runner container's name and image, and the service account, where they change. */
function runnerChanges(before: PodManifest, after: PodManifest): BackendUpgradeChange[] {
  const was = runnerContainer(before);
  const is = runnerContainer(after);
  const changes: BackendUpgradeChange[] = [];
  if (was.name !== is.name) {
    changes.push({
      kind: "container-name",
      path: RUNNER_CONTAINER.child("name").toString(),
      from: was.name,
      to: is.name,
      message: `the runner container was named like the pod; v0.7 names it "${is.name}" (kubectl logs -c, exec -c)`,
    });
  }
  if (was.image !== is.image) {
    changes.push({
      kind: "image",
      path: RUNNER_CONTAINER.child("image").toString(),
      ...fromTo(was.image, is.image),
      message: `the image was ${was.image ?? "none"} (always the app container's); v0.7 keeps the manifest's: ${is.image ?? "none"}`,
    });
  }
  const beforeAccount = before.spec?.serviceAccountName;
  const afterAccount = after.spec?.serviceAccountName;
  if (beforeAccount !== afterAccount) {
    changes.push({
      kind: "service-account",
      path: SPEC.child("serviceAccountName").toString(),
      ...fromTo(beforeAccount, afterAccount),
      message: `the runner ran as ${beforeAccount ?? "default"}; under v0.7 it runs as ${afterAccount ?? "default"}`,
    });
  }
  return changes;
}

/** The runner container's resources, where they change. */
function resourcesChanges(was: Container, is: Container): BackendUpgradeChange[] {
  if (samePlain(was.resources, is.resources)) return [];
  return [
    {
      kind: "resources",
      path: RUNNER_CONTAINER.child("resources").toString(),
      ...fromTo(was.resources, is.resources),
      message:
        is.resources === undefined
          ? "the runner had resources (from the template or the parent's app container); under v0.7 it has none: no requests, no limits"
          : "the runner's resources change",
    },
  ];
}

/** The env names of the parent's app container (the rules have already found it). */
function findParentEnvNames(parentPod: PodManifest, appContainerName?: string): Set<string> {
  const app = findAppContainer(parentPod, appContainerName);
  return new Set((app.env ?? []).map((entry) => entry.name));
}
