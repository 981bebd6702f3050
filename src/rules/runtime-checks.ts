/**
 * The FLAME runtime checks: warnings about a finished runner manifest that
 * the API server accepts but that fails at run time (the runner cannot pull
 * its image, boots without joining the parent's Erlang cluster, or is adopted
 * and deleted by the parent's ReplicaSet). One named function per check, run
 * in the order of {@link RUNTIME_CHECKS}, the order of the "Warning: FLAME
 * runtime checks" section of docs/rules.md. Pure: no Pulumi, no I/O; nothing
 * is modified.
 */
import type { LabelSelector } from "kubernetes-types/meta/v1";
import type { Container, EnvVar, PodManifest, RunnerPodBackend } from "../types";
import { envPositions, envReferences, unexpandedReferences } from "./env";
import { profileOf, type BackendProfile } from "./profiles";
import type { RunnerPodIssue } from "../errors";
import { issue } from "../issues/issue";
import { show } from "../issues/message";
import { FieldPath } from "../issues/path";
import { isPlainObject, type PlainObject } from "../plain";
import { own } from "./caller-data";

/** The code of each FLAME runtime check, in the order they run. */
export const RUNTIME_CHECK_CODES = [
  "runner-cannot-cluster",
  "release-cookie-missing",
  "image-pull-secrets-dropped",
  "image-pull-policy-changed",
  "controller-adopts-runner",
  "ipv6-distribution-dropped",
] as const;

/** The code of a FLAME runtime check. */
export type RuntimeCheckCode = (typeof RUNTIME_CHECK_CODES)[number];

/**
 * A warning of a FLAME runtime check: an issue whose code is one of
 * {@link RUNTIME_CHECK_CODES}, at the runner field it is about (for example
 * `spec.imagePullSecrets`).
 */
export type RuntimeWarning = RunnerPodIssue;

/** What the runtime checks read. */
export interface RuntimeCheckInput {
  /** The parent pod; not modified. */
  parentPod: PodManifest;
  /** The parent's app container; not modified. */
  appContainer: Container;
  /** The finished runner manifest (after step 2 and validation); not modified. */
  runner: PodManifest;
  /** The backend profile the runner was built with. */
  backend: RunnerPodBackend;
  /**
   * The selector of the workload that manages the parent (a Deployment's
   * `spec.selector`), when known. Default: unknown (only the
   * `pod-template-hash` and `controller-revision-hash` labels are checked).
   */
  workloadSelector?: LabelSelector;
  /**
   * Set when the runner is created exactly as the manifest says, by the
   * caller (the `FlameRunnerPod` component), not by FLAME at run time.
   * `cookieInSecret`: under v0.7, whether the runner's Secret holds
   * `RELEASE_COOKIE` (`releaseCookie`, or `secretEnv.RELEASE_COOKIE`).
   * Default: FLAME creates the runner from this manifest at run time (it adds
   * no controller owner reference; v0.7 puts the cookie in the runner's Secret).
   */
  createdAsIs?: { cookieInSecret: boolean };
}

/** A runtime check: its warnings for one runner (none when it passes). */
type RuntimeCheck = (input: CheckFacts) => RuntimeWarning[];

/** What every check reads, taken once from the input. */
interface CheckFacts extends RuntimeCheckInput {
  /** The app container's env (present entries only). */
  parentEnv: readonly EnvVar[];
  /** The runner container's env. */
  runnerEnv: readonly EnvVar[];
  /** The runner container (the first one). */
  runnerContainer: Container;
  /** The profile the runner was built with. */
  profile: BackendProfile;
}

const SPEC = FieldPath.root("spec");
const RUNNER_CONTAINER = SPEC.child("containers").index(0);
const RUNNER_ENV = RUNNER_CONTAINER.child("env");
const LABELS = FieldPath.root("metadata").child("labels");

/** The variables that make a release a named Erlang node (the parent's clustering env). */
const CLUSTER_ENV_NAMES = ["RELEASE_DISTRIBUTION", "RELEASE_NODE"] as const;

/**
 * Downward API fields whose value differs from one pod to the next: a
 * variable taken from one of them gives every runner its own node name.
 */
const PER_POD_FIELDS: ReadonlySet<string> = new Set([
  "metadata.name",
  "metadata.uid",
  "status.podIP",
  "status.podIPs",
]);

/**
 * The variables the backend writes per runner: `POD_NAME` (v0.3.3 as its
 * value, the runner's own name; v0.7 from the downward API).
 */
const PER_POD_NAMES: ReadonlySet<string> = new Set(["POD_NAME"]);

/**
 * `runner-cannot-cluster`: the parent's app container sets
 * `RELEASE_DISTRIBUTION` or `RELEASE_NODE` and the runner lacks it; or the
 * runner's `RELEASE_NODE`, expanded as Kubernetes expands `$(VAR)` (only
 * variables defined before it), has no per-pod part, so every runner gets
 * the same node name and at most one can join.
 */
function runnerCannotCluster(facts: CheckFacts): RuntimeWarning[] {
  const parentNames = new Set(facts.parentEnv.map((e) => e.name));
  const runnerNames = envPositions(facts.runnerEnv);
  const lacking = CLUSTER_ENV_NAMES.filter((n) => parentNames.has(n) && !runnerNames.has(n));
  if (lacking.length > 0) {
    return [
      issue(
        "runner-cannot-cluster",
        RUNNER_ENV,
        `the parent's app container sets ${lacking.join(" and ")}, the runner does not: it boots as an unnamed or differently named Erlang node and never joins the parent's cluster, so FLAME waits for its boot timeout. Keep the parent's env (addParentEnv, or a callback that copies the app container's env), or set POD_IP, RELEASE_DISTRIBUTION=name and RELEASE_NODE=<basename>@$(POD_IP) on the runner (flameParentEnv gives the list)`,
      ),
    ];
  }
  const at = runnerNames.get("RELEASE_NODE");
  if (at === undefined) return [];
  if (isPerPod(facts.runnerEnv, at, new Set())) return [];
  const entry = facts.runnerEnv[at];
  const what =
    entry.value !== undefined ? `RELEASE_NODE=${show(entry.value)}` : "RELEASE_NODE (valueFrom)";
  return [
    issue(
      "runner-cannot-cluster",
      RUNNER_ENV.index(at),
      `${what} is the same for every runner (no per-pod part such as $(POD_IP) that Kubernetes expands): two runners cannot be the same Erlang node, so at most one joins the parent's cluster. Define POD_IP (status.podIP) before RELEASE_NODE and write RELEASE_NODE=<basename>@$(POD_IP)`,
    ),
  ];
}

/**
 * Whether the runner env's entry at `index` differs from one pod to the next
 * once Kubernetes expands it: a per-pod downward API field, the backend's
 * per-runner `POD_NAME` (v0.3.3), or a value that refers to such a variable
 * defined before it.
 */
function isPerPod(env: readonly EnvVar[], index: number, seen: Set<number>): boolean {
  if (seen.has(index)) return false;
  seen.add(index);
  const entry = env[index];
  const fieldPath = entry.valueFrom?.fieldRef?.fieldPath;
  if (fieldPath !== undefined) return PER_POD_FIELDS.has(fieldPath);
  if (entry.valueFrom !== undefined) return false;
  if (PER_POD_NAMES.has(entry.name)) return true;
  const value = entry.value;
  if (typeof value !== "string") return false;
  const positions = envPositions(env);
  const unexpanded = new Set(unexpandedReferences(value, index, positions).map((r) => r.name));
  for (const name of envReferences(value)) {
    if (unexpanded.has(name)) continue;
    if (isPerPod(env, positions.get(name)!, seen)) return true;
  }
  return false;
}

/**
 * `release-cookie-missing`: the parent's app container sets `RELEASE_COOKIE`
 * and the runner has no `RELEASE_COOKIE` and no `envFrom` that might bring
 * it: the runner boots with another cookie and the parent refuses its
 * connection. Under v0.7 FLAME puts the parent's cookie in the runner's
 * Secret at run time; only a runner created as is without the cookie in its
 * Secret (`FlameRunnerPod` without `releaseCookie`) misses it.
 */
function releaseCookieMissing(facts: CheckFacts): RuntimeWarning[] {
  if (!facts.parentEnv.some((e) => e.name === "RELEASE_COOKIE")) return [];
  if (facts.runnerEnv.some((e) => e.name === "RELEASE_COOKIE")) return [];
  if (facts.profile.createsRunnerSecret) {
    if (facts.createdAsIs === undefined || facts.createdAsIs.cookieInSecret) return [];
    if (otherEnvFrom(facts.runnerContainer, facts.runner).length > 0) return [];
  } else if ((facts.runnerContainer.envFrom ?? []).length > 0) return [];
  const fix = facts.profile.createsRunnerSecret
    ? "pass releaseCookie (the component puts it in the runner's Secret), or set RELEASE_COOKIE in env"
    : "keep the parent's env (addParentEnv, or a callback that copies the app container's env), or add RELEASE_COOKIE (the same secretKeyRef) to the runner's env";
  return [
    issue(
      "release-cookie-missing",
      RUNNER_ENV,
      `the parent's app container sets RELEASE_COOKIE, the runner has none (no RELEASE_COOKIE entry, no envFrom that might bring it): it boots with another cookie, the parent refuses its connection and FLAME waits for its boot timeout. ${fix[0].toUpperCase()}${fix.slice(1)}`,
    ),
  ];
}

/** The runner container's envFrom sources other than the runner's own Secret (v0.7's `secretEnv`). */
function otherEnvFrom(container: Container, runner: PodManifest): unknown[] {
  const name = runner.metadata?.name;
  return (container.envFrom ?? []).filter(
    (source) => !(source.secretRef !== undefined && source.secretRef.name === name),
  );
}

/**
 * `image-pull-secrets-dropped`: the parent pulls its image with
 * `spec.imagePullSecrets`, the runner has none: from a private registry the
 * runner's pull fails (`ImagePullBackOff`).
 */
function imagePullSecretsDropped(facts: CheckFacts): RuntimeWarning[] {
  const parentSpec = specOf(facts.parentPod);
  const secrets = listOf(own(parentSpec, "imagePullSecrets"));
  if (secrets.length === 0) return [];
  if ((facts.runner.spec?.imagePullSecrets ?? []).length > 0) return [];
  const names = secrets
    .map((s) => (isPlainObject(s) && typeof s.name === "string" ? s.name : undefined))
    .filter((n): n is string => n !== undefined);
  const fix =
    facts.profile.start === "manifest"
      ? "set spec.imagePullSecrets in the v0.7 manifest"
      : "use a callback that returns spec.imagePullSecrets (a template object cannot set it), or a v0.7 manifest";
  return [
    issue(
      "image-pull-secrets-dropped",
      SPEC.child("imagePullSecrets"),
      `the parent pulls its image with the pull secret${names.length === 1 ? "" : "s"} ${names.map((n) => `"${n}"`).join(", ")}, the runner with none: from a private registry the runner's image pull fails (ImagePullBackOff) and FLAME waits for its boot timeout. Keep them: ${fix}`,
    ),
  ];
}

/**
 * The pull policy the API server gives a container that sets none: `Always`
 * for an image tagged `latest` or with neither tag nor digest, else
 * `IfNotPresent` (Kubernetes' `SetDefaults_Container`).
 *
 * @param image - the container's image reference.
 */
export function defaultImagePullPolicy(image: string): "Always" | "IfNotPresent" {
  const at = image.indexOf("@");
  const name = at === -1 ? image : image.slice(0, at);
  const lastPart = name.slice(name.lastIndexOf("/") + 1);
  const colon = lastPart.lastIndexOf(":");
  const tag = colon === -1 ? undefined : lastPart.slice(colon + 1);
  if (tag === "latest" || (tag === undefined && at === -1)) return "Always";
  return "IfNotPresent";
}

/**
 * `image-pull-policy-changed`: the parent's app container sets
 * `imagePullPolicy`, the runner sets none, and the API server's default for
 * the runner's image differs (flame_k8s_backend issue #50: a local image
 * `:latest` with `IfNotPresent` on the parent, pulled, and not found, for
 * the runner).
 */
function imagePullPolicyChanged(facts: CheckFacts): RuntimeWarning[] {
  const parentPolicy = own(facts.appContainer, "imagePullPolicy");
  if (typeof parentPolicy !== "string" || parentPolicy === "") return [];
  if (facts.runnerContainer.imagePullPolicy !== undefined) return [];
  const image = facts.runnerContainer.image;
  if (typeof image !== "string") return [];
  const policy = defaultImagePullPolicy(image);
  if (policy === parentPolicy) return [];
  const fix =
    facts.profile.start === "manifest"
      ? `set imagePullPolicy: ${parentPolicy} on the manifest's first container`
      : `use a callback that sets imagePullPolicy: ${parentPolicy} on the first container (a template object cannot), or a v0.7 manifest`;
  return [
    issue(
      "image-pull-policy-changed",
      RUNNER_CONTAINER.child("imagePullPolicy"),
      `the parent's app container pulls with imagePullPolicy ${parentPolicy}; the runner sets none, so the API server gives it ${policy} for ${show(image)}${policy === "Always" ? ": an image only on the node (a local cluster) is pulled, not found, and the runner never starts" : ": a newer image under the same tag is not pulled, and the runner may run other code than the parent"}. Keep it: ${fix}`,
    ),
  ];
}

/** The labels a workload controller writes on its pods, to tell its revisions apart. */
const CONTROLLER_HASH_LABELS = ["pod-template-hash", "controller-revision-hash"] as const;

/**
 * `controller-adopts-runner`: the runner's labels carry the parent's
 * `pod-template-hash` or `controller-revision-hash`, or match the workload's
 * selector where it is known. A ReplicaSet (or StatefulSet) adopts a
 * matching pod that has no controller owner reference, and the runner FLAME
 * creates has none: it then deletes it as a surplus replica (flame_k8s_backend
 * README, troubleshooting). Not for a runner created as is with the parent as
 * controller (`FlameRunnerPod` without `omitOwnerReference`).
 */
function controllerAdoptsRunner(facts: CheckFacts): RuntimeWarning[] {
  if (facts.createdAsIs !== undefined && hasControllerReference(facts.runner)) return [];
  const labels: Readonly<Record<string, string>> = facts.runner.metadata?.labels ?? {};
  const parentMeta = isPlainObject(own(facts.parentPod, "metadata"))
    ? (own(facts.parentPod, "metadata") as PlainObject)
    : {};
  const parentLabels = isPlainObject(own(parentMeta, "labels"))
    ? (own(parentMeta, "labels") as PlainObject)
    : {};
  const fix =
    "leave the workload's labels off the runner (a callback that copies the parent's labels should drop them)";
  const out: RuntimeWarning[] = [];
  for (const key of CONTROLLER_HASH_LABELS) {
    const value = own(parentLabels, key);
    if (typeof value !== "string" || own(labels, key) !== value) continue;
    out.push(
      issue(
        "controller-adopts-runner",
        LABELS.key(key),
        `the runner carries the parent's ${key}=${show(value)}: the parent's ${key === "pod-template-hash" ? "ReplicaSet" : "StatefulSet"} adopts it (FLAME's runner has no controller owner reference) and deletes it as a surplus replica within seconds. Remove ${key}; ${fix}`,
      ),
    );
  }
  if (out.length === 0 && facts.workloadSelector !== undefined) {
    if (selectorMatches(facts.workloadSelector, labels)) {
      out.push(
        issue(
          "controller-adopts-runner",
          LABELS,
          `the runner's labels match the workload's selector ${describeSelector(facts.workloadSelector)}: its ReplicaSet adopts the runner (FLAME's runner has no controller owner reference) and deletes it as a surplus replica within seconds. Change or remove a selected label; ${fix}`,
        ),
      );
    }
  }
  return out;
}

/** Whether the manifest has an owner reference with `controller: true`. */
function hasControllerReference(runner: PodManifest): boolean {
  return (runner.metadata?.ownerReferences ?? []).some((ref) => ref.controller === true);
}

/**
 * Whether `labels` match a label selector as Kubernetes matches it: every
 * `matchLabels` pair and every `matchExpressions` requirement (`In`,
 * `NotIn`, `Exists`, `DoesNotExist`). An empty selector is taken to match
 * nothing here (a workload refuses one), so it never warns.
 *
 * @param selector - the workload's selector; not modified.
 * @param labels - the runner's labels.
 */
export function selectorMatches(
  selector: LabelSelector,
  labels: Readonly<Record<string, string>>,
): boolean {
  const matchLabels = selector.matchLabels ?? {};
  const expressions = selector.matchExpressions ?? [];
  const keys = Object.keys(matchLabels);
  if (keys.length === 0 && expressions.length === 0) return false;
  for (const key of keys) if (own(labels, key) !== matchLabels[key]) return false;
  for (const e of expressions) {
    const value = own(labels, e.key);
    const has = typeof value === "string";
    const values = e.values ?? [];
    if (e.operator === "In" && !(has && values.includes(value))) return false;
    if (e.operator === "NotIn" && has && values.includes(value)) return false;
    if (e.operator === "Exists" && !has) return false;
    if (e.operator === "DoesNotExist" && has) return false;
    if (!["In", "NotIn", "Exists", "DoesNotExist"].includes(e.operator)) return false;
  }
  return true;
}

/** A selector as `kubectl` prints one: `app=myapp,tier in (web)`. */
function describeSelector(selector: LabelSelector): string {
  const parts = Object.entries(selector.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`);
  for (const e of selector.matchExpressions ?? []) {
    const values = (e.values ?? []).join(",");
    parts.push(
      e.operator === "Exists"
        ? e.key
        : e.operator === "DoesNotExist"
          ? `!${e.key}`
          : `${e.key} ${e.operator === "In" ? "in" : "notin"} (${values})`,
    );
  }
  return `"${parts.join(",")}"`;
}

/** The variables through which an Erlang release takes emulator flags such as `-proto_dist`. */
const ERLANG_FLAG_ENV_NAMES = ["ERL_AFLAGS", "ERL_FLAGS", "ELIXIR_ERL_OPTIONS"] as const;

/** The IPv6 distribution module, as in `-proto_dist inet6_tcp`. */
const IPV6_DISTRIBUTION = "inet6_tcp";

/**
 * `ipv6-distribution-dropped`: the parent's `ERL_AFLAGS`, `ERL_FLAGS` or
 * `ELIXIR_ERL_OPTIONS` holds `inet6_tcp` (`-proto_dist inet6_tcp`, needed on
 * an IPv6 cluster) and the runner's do not: the runner's distribution
 * listens on IPv4 only and cannot reach the parent's IPv6 node.
 */
function ipv6DistributionDropped(facts: CheckFacts): RuntimeWarning[] {
  const holds = (env: readonly EnvVar[]) =>
    env.find(
      (e) =>
        (ERLANG_FLAG_ENV_NAMES as readonly string[]).includes(e.name) &&
        typeof e.value === "string" &&
        e.value.includes(IPV6_DISTRIBUTION),
    );
  const parent = holds(facts.parentEnv);
  if (parent === undefined || holds(facts.runnerEnv) !== undefined) return [];
  return [
    issue(
      "ipv6-distribution-dropped",
      RUNNER_ENV,
      `the parent's ${parent.name}=${show(parent.value)} selects IPv6 distribution (-proto_dist ${IPV6_DISTRIBUTION}), the runner's env does not: on an IPv6 cluster the runner cannot reach the parent's node and never joins. Keep the parent's env, or add ${parent.name}=${show(parent.value)} to the runner's env`,
    ),
  ];
}

/** The checks, in the order they run (and of docs/rules.md). */
export const RUNTIME_CHECKS: readonly { code: RuntimeCheckCode; check: RuntimeCheck }[] = [
  { code: "runner-cannot-cluster", check: runnerCannotCluster },
  { code: "release-cookie-missing", check: releaseCookieMissing },
  { code: "image-pull-secrets-dropped", check: imagePullSecretsDropped },
  { code: "image-pull-policy-changed", check: imagePullPolicyChanged },
  { code: "controller-adopts-runner", check: controllerAdoptsRunner },
  { code: "ipv6-distribution-dropped", check: ipv6DistributionDropped },
];

/**
 * Runs every FLAME runtime check on a finished runner, in the order of
 * {@link RUNTIME_CHECKS}.
 *
 * @param input - the parent, its app container, the runner and the context; not modified.
 * @returns the warnings, each with its code and the runner field it is about
 *   (none for a FLAME-ready parent and template).
 */
export function runtimeWarnings(input: RuntimeCheckInput): RuntimeWarning[] {
  const container = input.runner.spec?.containers?.[0] ?? ({ name: "" } as Container);
  const facts: CheckFacts = {
    ...input,
    parentEnv: envList(own(input.appContainer, "env")),
    runnerEnv: container.env ?? [],
    runnerContainer: container,
    profile: profileOf(input.backend),
  };
  return RUNTIME_CHECKS.flatMap(({ check }) => check(facts));
}

/** The present entries with a string name of an env list (anything else: none). */
function envList(list: unknown): EnvVar[] {
  return listOf(list).filter((e): e is EnvVar => isPlainObject(e) && typeof e.name === "string");
}

function listOf(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value.filter((v) => v !== null && v !== undefined) : [];
}

function specOf(pod: PodManifest): PlainObject {
  const spec = own(pod, "spec");
  return isPlainObject(spec) ? spec : {};
}
