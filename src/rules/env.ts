/**
 * The runner container's environment: every env rule of the runner pod rules,
 * in this one module.
 *
 * 1. Template and parent ({@link templateAndParentEnv}): the template's entries
 *    first, then the app container's, without the app container's entries
 *    whose name the template defines (the template wins).
 * 2. The runner env ({@link runnerEnv}): the four {@link PREDEFINED_ENV_NAMES}
 *    first (`POD_NAME`, `POD_NAMESPACE`, `PHX_SERVER="false"`, `FLAME_PARENT`),
 *    then the env of step 1 in its order, without any entry named in
 *    {@link REMOVED_ENV_NAMES}, one entry per name (the last definition wins,
 *    at its place, as Kubernetes would use it).
 * 3. Warnings: a template or callback entry the backend removes or overwrites,
 *    and a `$(VAR)` reference that Kubernetes will never expand.
 */
import type { RunnerPodIssue } from "../errors";
import type { EnvVar } from "../types";
import { setsValueAndValueFrom } from "../validation/checks/env";
import { issue, type IssueListener } from "../issues/issue";
import { kindOf, show } from "../issues/message";
import { FieldPath } from "../issues/path";
import { isAbsent, isPlainObject } from "../plain";
import { copyPlain, copyPlainList } from "./caller-data";
import { copyEnvVar } from "./generated/pod-copy";

/** The runner container's env list, where the warnings about the finished env point. */
const RUNNER_ENV = FieldPath.root().child("spec", "containers").index(0).child("env");

/** The v0.7 `env` option. */
const OPTIONS_ENV = FieldPath.root("options").child("env");

/** The variables the backend puts first in the runner's env, in this order. */
export const PREDEFINED_ENV_NAMES = [
  "POD_NAME",
  "POD_NAMESPACE",
  "PHX_SERVER",
  "FLAME_PARENT",
] as const;

/**
 * The names removed from the env of step 1 (the template's, the callback's or
 * the parent's): the backend sets them itself, or (`FLAME_BACKEND`) a runner
 * must not have it.
 */
export const REMOVED_ENV_NAMES = [
  "PHX_SERVER",
  "FLAME_BACKEND",
  "POD_NAME",
  "POD_NAMESPACE",
  "FLAME_PARENT",
] as const;

const REMOVED = new Set<string>(REMOVED_ENV_NAMES);

/**
 * Whether an env entry can go into the runner: an object with a non-empty
 * string `name` and not both `value` and `valueFrom` (as the API server
 * counts them: {@link setsValueAndValueFrom}). {@link checkEnvList}
 * reports why an entry is not; the runner is built without such entries, so
 * that the other problems of the input are found too.
 *
 * @param entry - an entry of an env list (not `null`).
 * @internal
 */
export function isUsableEnvEntry(entry: unknown): entry is EnvVar {
  return (
    isPlainObject(entry) &&
    typeof entry.name === "string" &&
    entry.name !== "" &&
    !setsValueAndValueFrom(entry)
  );
}

/**
 * Checks an env list of the input: an array (or absent) of
 * {@link isUsableEnvEntry | usable entries}. `null` entries and fields count
 * as absent.
 *
 * @param list - the list to check; not modified.
 * @param path - its path, for example `template.env`.
 * @param issues - where problems are added.
 * @returns the indexes of the entries that are present (not `null`).
 * @internal
 */
export function checkEnvList(list: unknown, path: FieldPath, issues: RunnerPodIssue[]): number[] {
  const present: number[] = [];
  checkEnvEntries(list, path, issues, present);
  return present;
}

/**
 * {@link checkEnvList}, for a list whose present entries are not needed
 * (the parent's).
 *
 * @param present - where the indexes of the present entries go, if anywhere.
 * @internal
 */
export function checkEnvEntries(
  list: unknown,
  path: FieldPath,
  issues: RunnerPodIssue[],
  present?: number[],
): void {
  if (isAbsent(list)) return;
  if (!Array.isArray(list)) {
    issues.push(
      issue("env-entry-invalid", path, `must be a list of env entries (got ${kindOf(list)})`),
    );
    return;
  }
  for (let i = 0; i < list.length; i++) {
    const entry: unknown = list[i];
    if (entry === null || entry === undefined) continue;
    present?.push(i);
    if (!isUsableEnvEntry(entry)) reportEnvEntry(entry, path.index(i), issues);
  }
}

/** Why `entry` is not {@link isUsableEnvEntry | usable}. */
function reportEnvEntry(entry: unknown, path: FieldPath, issues: RunnerPodIssue[]): void {
  if (!isPlainObject(entry)) {
    issues.push(
      issue(
        "env-entry-invalid",
        path,
        `must be an env entry like { name: "FOO", value: "bar" } (got ${show(entry)})`,
      ),
    );
    return;
  }
  if (typeof entry.name !== "string" || entry.name === "") {
    issues.push(
      issue(
        "env-entry-invalid",
        path.child("name"),
        `must be a non-empty string, the variable's name (got ${show(entry.name)})`,
      ),
    );
  }
  if (setsValueAndValueFrom(entry)) {
    issues.push(
      issue(
        "env-entry-invalid",
        path,
        `sets both value and valueFrom${typeof entry.name === "string" ? ` for ${entry.name}` : ""}; keep one of them`,
      ),
    );
  }
}

/**
 * Step 1 of a template: the template's entries, then the app container's
 * entries whose name the template does not define (a template name replaces
 * the parent's entry of that name). Entries that are not
 * {@link isUsableEnvEntry | usable} are left out ({@link checkEnvList} reports
 * them).
 *
 * @param template - the template's env and its path; not modified.
 * @param parent - the app container's env and its path, or `undefined` when
 *   `addParentEnv` is false; not modified.
 * @returns new entries (deep copies, `null` removed).
 * @internal
 */
export function templateAndParentEnv(
  template: EnvSource | undefined,
  parent: EnvSource | undefined,
): EnvVar[] {
  const env = appendUsableCopies([], template, undefined);
  const templateNames = env.length === 0 ? undefined : new Set(env.map((entry) => entry.name));
  return appendUsableCopies(env, parent, templateNames);
}

/** An env list of the input and its path (`template.env`...). @internal */
export interface EnvSource {
  /** The list as given (anything: checked by {@link checkEnvList}). */
  list: unknown;
  /** Its path. */
  path: FieldPath;
}

/**
 * Appends to `out`, in one pass over a copy of an env list, its usable
 * entries whose name is not in `skip` (nothing when it is not a list).
 */
function appendUsableCopies(
  out: EnvVar[],
  source: EnvSource | undefined,
  skip: ReadonlySet<string> | undefined,
): EnvVar[] {
  if (source === undefined || !Array.isArray(source.list)) return out;
  const copy = copyPlainList<unknown>(source.list as unknown[], source.path, copyEnvVar);
  for (let i = 0; i < copy.length; i++) {
    const entry = copy[i];
    if (isUsableEnvEntry(entry) && skip?.has(entry.name) !== true) out.push(entry);
  }
  return out;
}

/**
 * The env entries a template or callback wrote: the path of their list and the
 * indexes of its present entries (their paths are spelled out only for a
 * warning). @internal
 */
export interface UserEnvPaths {
  /** The list's path, for example `template.env`. */
  list: FieldPath;
  /** The indexes in that list of the entries that are present, in order. */
  present: readonly number[];
}

/** No env entry written by a template or callback. @internal */
export const NO_USER_ENV: UserEnvPaths = { list: FieldPath.root(), present: [] };

/**
 * The runner container's env after step 1, as the env rules of both profiles
 * ({@link runnerEnv}, {@link runnerEnvV07}) read it. @internal
 */
export interface StepOneEnv {
  /** The env of step 1: owned entries (they become the runner's). */
  env: readonly EnvVar[];
  /** Where the first entries of `env` come from: those the template or callback wrote. */
  userEnv: UserEnvPaths;
  /** The encoded parent: `FLAME_PARENT`. */
  encodedParent: string;
  /** Whether the runner container has `envFrom` sources (under v0.7, the Secret counts). */
  hasEnvFrom: boolean;
  /** Whether the pod's `enableServiceLinks` is not `false`. */
  serviceLinks: boolean;
}

/** The runner's own values in its v0.3.3 env ({@link runnerEnv}). @internal */
export interface RunnerIdentity {
  /** The runner name: `POD_NAME`. */
  runnerName: string;
  /** The runner's final namespace: `POD_NAMESPACE`; unknown when `undefined`. */
  namespace: string | undefined;
}

/**
 * The four predefined variables, in order. When the namespace is unknown,
 * `POD_NAMESPACE` comes from the downward API (`metadata.namespace`), which is
 * always the runner's real namespace.
 *
 * @internal
 */
export function predefinedEnv(
  runnerName: string,
  namespace: string | undefined,
  encodedParent: string,
): EnvVar[] {
  return [
    { name: "POD_NAME", value: runnerName },
    namespace !== undefined
      ? { name: "POD_NAMESPACE", value: namespace }
      : { name: "POD_NAMESPACE", valueFrom: { fieldRef: { fieldPath: "metadata.namespace" } } },
    { name: "PHX_SERVER", value: "false" },
    { name: "FLAME_PARENT", value: encodedParent },
  ];
}

/**
 * The runner container's final env (step 2): the predefined variables, then
 * the env of step 1 without removed names and with one entry per name (the
 * last definition, at its place). Warns for template or callback entries the
 * backend removes or overwrites, and for `$(VAR)` references that never expand.
 * Without `warn` (no listener) none of these checks runs: they only warn.
 *
 * @internal
 */
export function runnerEnv(
  input: StepOneEnv,
  runner: RunnerIdentity,
  warn?: IssueListener,
): EnvVar[] {
  const predefined = predefinedEnv(runner.runnerName, runner.namespace, input.encodedParent);
  const env = input.env;
  if (warn !== undefined) {
    // Removed names that the template or callback set (its entries come first).
    const user = input.userEnv;
    const userCount = Math.min(user.present.length, env.length);
    for (let i = 0; i < userCount; i++) {
      if (REMOVED.has(env[i].name)) {
        warnRemoved(env[i], user.list.index(user.present[i]), predefined, warn);
      }
    }
  }
  const out = appendLastOfEachName(predefined, env);
  if (warn !== undefined) warnUnexpandedReferences(out, input.hasEnvFrom, input.serviceLinks, warn);
  return out;
}

/**
 * Appends to `out` the entries of `env` without removed names, one entry per
 * name: the last definition, at its place. One pass from the end finds the
 * entries left out (a removed name, or a name seen already there), usually
 * few; the others are appended in order.
 */
function appendLastOfEachName(out: EnvVar[], env: readonly EnvVar[]): EnvVar[] {
  const seen = new Set<string>();
  const leftOut: number[] = [];
  for (let i = env.length - 1; i >= 0; i--) {
    const name = env[i].name;
    // One lookup: the set grows only with a name not seen yet.
    const seenBefore = seen.size;
    if (REMOVED.has(name) || seen.add(name).size === seenBefore) leftOut.push(i);
  }
  if (leftOut.length === 0) return out.concat(env);
  // `leftOut` runs from the end: its last index is the first one left out.
  let next = leftOut.length - 1;
  for (let i = 0; i < env.length; i++) {
    if (next >= 0 && leftOut[next] === i) next--;
    else out.push(env[i]);
  }
  return out;
}

function warnRemoved(
  entry: EnvVar,
  path: FieldPath,
  predefined: readonly EnvVar[],
  warn: IssueListener,
): void {
  const what =
    entry.valueFrom !== undefined
      ? `${entry.name} (valueFrom)`
      : `${entry.name}=${show(entry.value ?? "")}`;
  if (entry.name === "FLAME_BACKEND") {
    warn(
      issue(
        "env-removed",
        path,
        `${what} is removed (the backend never passes FLAME_BACKEND to a runner)`,
      ),
    );
    return;
  }
  const ours = predefined.find((p) => p.name === entry.name);
  if (ours === undefined) return;
  if (ours.value !== undefined && entry.valueFrom === undefined && entry.value === ours.value)
    return;
  const value = ours.value !== undefined ? show(ours.value) : "the pod's namespace (downward API)";
  warn(
    issue(
      "env-overwritten",
      path,
      `${what} is overwritten with ${value} (the backend controls ${entry.name})`,
    ),
  );
}

/**
 * Service environment variables that the kubelet adds when service links are
 * enabled (`MYAPP_SERVICE_HOST`, `MYAPP_PORT_4000_TCP_ADDR`...): a reference to
 * one of them may expand without being in the env list.
 */
const SERVICE_LINK_VARIABLE =
  /^[A-Z0-9_]+_(?:SERVICE_HOST|SERVICE_PORT(?:_[A-Z0-9_]+)?|PORT(?:_\d+_(?:TCP|UDP|SCTP)(?:_(?:PROTO|PORT|ADDR))?)?)$/;

/**
 * The variable names a value refers to with `$(NAME)`, read as Kubernetes
 * reads them: `$$` is an escaped `$`, `$(` without a closing `)` is literal
 * text, and any other character after `$` is literal.
 *
 * @param value - an env value.
 * @returns the referenced names, in order (may repeat).
 */
export function envReferences(value: string): string[] {
  const names: string[] = [];
  const last = value.length - 1;
  let i = value.indexOf("$");
  while (i !== -1 && i < last) {
    const next = value.charCodeAt(i + 1);
    if (next === 40 /* ( */) {
      const close = value.indexOf(")", i + 2);
      if (close === -1) break;
      if (close > i + 2) names.push(value.slice(i + 2, close));
      i = value.indexOf("$", close + 1);
    } else {
      // `$$` (escape) or `$x`: both characters are literal.
      i = value.indexOf("$", i + 2);
    }
  }
  return names;
}

/**
 * Where each name of an env list is first defined. Entries that are not
 * objects with a string `name` (`null`...) are skipped.
 *
 * @param env - the env list; not modified.
 * @returns the index of each name's first entry.
 * @internal
 */
export function envPositions(env: readonly unknown[]): Map<string, number> {
  const positions = new Map<string, number>();
  for (let i = 0; i < env.length; i++) {
    const entry = env[i];
    if (isPlainObject(entry) && typeof entry.name === "string" && !positions.has(entry.name)) {
      positions.set(entry.name, i);
    }
  }
  return positions;
}

/** A `$(NAME)` reference that Kubernetes will not expand: see {@link unexpandedReferences}. */
export interface UnexpandedReference {
  /** The referenced name. */
  name: string;
  /** Where `name` is first defined in the list (at or after the referring entry), or `undefined`: nowhere. */
  definedAt: number | undefined;
}

/**
 * The `$(NAME)` references of an env entry's value that Kubernetes will not
 * expand from the list, which expands only names defined before the entry:
 * NAME is first defined at the entry or later, or nowhere in the list. (A
 * name defined nowhere may still come from `envFrom`; the caller decides.)
 *
 * @param value - the entry's value.
 * @param index - the entry's index in the list.
 * @param positions - where each name of the list is first defined ({@link envPositions}).
 * @returns the references, in the order of the value (may repeat).
 * @internal
 */
export function unexpandedReferences(
  value: string,
  index: number,
  positions: ReadonlyMap<string, number>,
): UnexpandedReference[] {
  const found: UnexpandedReference[] = [];
  for (const name of envReferences(value)) {
    const definedAt = positions.get(name);
    if (definedAt === undefined || definedAt >= index) found.push({ name, definedAt });
  }
  return found;
}

/**
 * Warns for each `$(NAME)` in an env value that Kubernetes will not expand:
 * NAME is defined only later in the list (Kubernetes expands only earlier
 * variables), or NAME is not defined at all. A name defined nowhere in the list
 * may still come from `envFrom` or from service links, so it is reported only
 * when the container has no `envFrom` and NAME does not look like a service
 * link variable (or service links are off).
 */
function warnUnexpandedReferences(
  env: readonly EnvVar[],
  hasEnvFrom: boolean,
  serviceLinks: boolean,
  warn: IssueListener,
): void {
  const positions = envPositions(env);
  for (let i = 0; i < env.length; i++) {
    const value = env[i].value;
    if (typeof value !== "string") continue;
    for (const { name, definedAt: at } of unexpandedReferences(value, i, positions)) {
      const path = RUNNER_ENV.index(i).child("value");
      if (at !== undefined) {
        warn(
          issue(
            "env-reference-unexpanded",
            path,
            `${env[i].name}=${show(value)} refers to $(${name}), which is defined only later in the list (env[${at}]); Kubernetes expands only variables defined earlier, so ${env[i].name} keeps the literal text "$(${name})"${hasEnvFrom ? " or an envFrom value" : ""}. Define ${name} before ${env[i].name}, or write $$(${name}) for a literal`,
          ),
        );
      } else if (!hasEnvFrom && !(serviceLinks && SERVICE_LINK_VARIABLE.test(name))) {
        warn(
          issue(
            "env-reference-unexpanded",
            path,
            `${env[i].name}=${show(value)} refers to $(${name}), which is not defined in the runner's env; it will stay the literal text "$(${name})". Define ${name} before ${env[i].name}, or write $$(${name}) for a literal`,
          ),
        );
      }
    }
  }
}

/** The downward API entries of the v0.7 profile, as v0.7.0 writes them, in the order they come first. */
const V07_POD_FIELDS: readonly EnvVar[] = [
  { name: "POD_NAME", valueFrom: { fieldRef: { fieldPath: "metadata.name" } } },
  { name: "POD_NAMESPACE", valueFrom: { fieldRef: { fieldPath: "metadata.namespace" } } },
  { name: "POD_IP", valueFrom: { fieldRef: { fieldPath: "status.podIP" } } },
];

/** The v0.7 defaults, which the manifest and the `env` option may replace. */
const V07_DEFAULTS: readonly EnvVar[] = [
  { name: "PHX_SERVER", value: "false" },
  { name: "RELEASE_DISTRIBUTION", value: "name" },
  { name: "RELEASE_NODE", value: "flame_runner@$(POD_IP)" },
];

/**
 * The runner container's env under the v0.7 profile: the sources defaults,
 * manifest, `env` option (sorted by name) and the fixed entries, one entry per
 * name with the value of its latest source, at that source's place (as
 * v0.7.0 lists them); then,
 * **(better)**, `POD_NAME`, `POD_NAMESPACE` and `POD_IP` first and
 * `FLAME_PARENT` last, so that `RELEASE_NODE=flame_runner@$(POD_IP)` expands.
 * Warns for a manifest or `env` entry the fixed entries overwrite and for a
 * `$(VAR)` reference that never expands.
 *
 * @internal
 */
export function runnerEnvV07(
  input: StepOneEnv,
  envMap: Readonly<Record<string, string>> | undefined,
  warn?: IssueListener,
): EnvVar[] {
  const fixed = [...V07_POD_FIELDS, { name: "FLAME_PARENT", value: input.encodedParent }];
  const fixedNames = new Set(fixed.map((e) => e.name));
  const map = envMap ?? {};
  const fromMap = Object.keys(map)
    .sort()
    .map((name): EnvVar => ({ name, value: map[name] }));
  if (warn !== undefined) {
    input.env.forEach((entry, i) => {
      if (fixedNames.has(entry.name) && i < input.userEnv.present.length)
        warn(
          issue(
            "env-overwritten",
            input.userEnv.list.index(input.userEnv.present[i]),
            `${entry.name} is overwritten (the backend controls ${entry.name})`,
          ),
        );
    });
    for (const entry of fromMap) {
      if (fixedNames.has(entry.name))
        warn(
          issue(
            "env-overwritten",
            OPTIONS_ENV.key(entry.name),
            `is overwritten (the backend controls ${entry.name})`,
          ),
        );
    }
  }
  // One entry per name, at the place of its last definition: as v0.7.0's
  // merge, a later source that names an entry again removes it from where it
  // stood and lists it in its own place.
  const sources = [...V07_DEFAULTS.map((e) => ({ ...e })), ...input.env, ...fromMap].filter(
    (entry) => !fixedNames.has(entry.name),
  );
  const lastIndex = new Map<string, number>();
  sources.forEach((entry, i) => lastIndex.set(entry.name, i));
  const out = [
    ...V07_POD_FIELDS.map((e) => copyPlain(e, FieldPath.root("env"))),
    ...sources.filter((entry, i) => lastIndex.get(entry.name) === i),
    fixed[fixed.length - 1],
  ];
  if (warn !== undefined) warnUnexpandedReferences(out, input.hasEnvFrom, input.serviceLinks, warn);
  return out;
}
