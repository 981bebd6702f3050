/**
 * The parent's prerequisites, a step of the runner pod rules that only warns:
 * what flame_k8s_backend and Erlang clustering need on the parent pod (its app
 * container's env and its service account). A parent that lacks them still
 * yields a runner manifest, but at run time no runner starts, or none joins
 * the cluster. Each warning says what to add: `flameParentEnv` and
 * `FlameRbac` (in this library) produce exactly that.
 */
import type { Container, EnvVar, PodManifest } from "../types";
import { isWellKnownSidecar } from "./app-container";
import { envPositions, unexpandedReferences } from "./env";
import type { RunnerPodIssue } from "../errors";
import type { IssueCode } from "../issues/codes";
import { issue } from "../issues/issue";
import { show } from "../issues/message";
import { FieldPath } from "../issues/path";
import { isPlainObject, nonEmptyString } from "../plain";

/**
 * Variables the backend reads to find its own pod (v0.3.3 gets the parent's
 * manifest from the API server by these): without them no runner ever starts.
 */
const FLAME_POD_ENV_NAMES = ["POD_NAME", "POD_NAMESPACE"] as const;

/**
 * Variables that make the parent (and its runners, which copy them) an
 * Erlang node reachable by IP: without them runners cannot join the cluster.
 */
const FLAME_CLUSTER_ENV_NAMES = ["POD_IP", "RELEASE_DISTRIBUTION", "RELEASE_NODE"] as const;

/** The service account a pod runs as when it names none. */
const DEFAULT_SERVICE_ACCOUNT = "default";

/**
 * The warnings about the parent's prerequisites, in this order:
 *
 * 1. the app container lacks `POD_NAME` or `POD_NAMESPACE` (the backend
 *    cannot find its own pod: no runner ever starts);
 * 2. it lacks `POD_IP`, `RELEASE_DISTRIBUTION` or `RELEASE_NODE` (runners
 *    cannot join the parent's cluster);
 * 3. `RELEASE_NODE` refers with `$(NAME)` to a variable defined only after it
 *    (or, without `envFrom`, nowhere): Kubernetes leaves the text as it is;
 * 4. the parent names no service account, or `default` (the backend's calls
 *    to the API server are refused).
 *
 * The env checks are skipped when the app container is a well-known sidecar
 * (the rules warn about that already). Only the app container's `env` list is read: a name that only an `envFrom`
 * source (or the release's `env.sh`) defines is reported as missing, with a
 * note when the container has `envFrom`.
 *
 * @param parentPod - the parent pod; not modified. The rules have checked
 *   that it has the app container.
 * @param appContainerIndex - the app container's index in `spec.containers`.
 * @returns the warnings, each with its code and the field path it is about.
 */
export function parentPodWarnings(
  parentPod: PodManifest,
  appContainerIndex: number,
): RunnerPodIssue[] {
  const parent = parentFacts(parentPod, appContainerIndex);
  return PARENT_CHECKS.flatMap((check) => check(parent));
}

/** What the parent checks read of the parent pod, found once. */
interface ParentFacts {
  /** The parent's `spec`, or `{}`. */
  spec: Record<string, unknown>;
  /** The path of the parent's `spec`. */
  specPath: FieldPath;
  /** The path of the app container's `env`. */
  envPath: FieldPath;
  /** The app container's `env` list, or `[]`. */
  env: (EnvVar | null | undefined)[];
  /** Where each name of `env` is first defined. */
  positions: ReadonlyMap<string, number>;
  /** Whether the env checks apply (not when the app container is a well-known sidecar). */
  checkEnv: boolean;
  /** Whether the app container has a non-empty `envFrom`. */
  hasEnvFrom: boolean;
  /** The app container's name for a message (` "name"`), or "". */
  container: string;
  /** The note for a name missing from `env`, when `envFrom` may define it. */
  fromEnvFrom: string;
}

/** One check of the parent's prerequisites: its warnings, in order. */
type ParentCheck = (parent: ParentFacts) => RunnerPodIssue[];

function parentFacts(parentPod: PodManifest, appContainerIndex: number): ParentFacts {
  const spec: Record<string, unknown> = isPlainObject(parentPod.spec) ? parentPod.spec : {};
  const containers = Array.isArray(spec.containers) ? (spec.containers as unknown[]) : [];
  const found: unknown = containers[appContainerIndex];
  const app: Partial<Container> = isPlainObject(found) ? found : {};
  const env: (EnvVar | null | undefined)[] = Array.isArray(app.env) ? app.env : [];
  const hasEnvFrom = Array.isArray(app.envFrom) && app.envFrom.length > 0;
  const specPath = FieldPath.root("parentPod").child("spec");
  return {
    spec,
    specPath,
    envPath: specPath.child("containers").index(appContainerIndex).child("env"),
    env,
    positions: envPositions(env),
    // A sidecar taken as the app container has its own warning: its env is not the app's.
    checkEnv: !isWellKnownSidecar(app.name),
    hasEnvFrom,
    container: typeof app.name === "string" ? ` "${app.name}"` : "",
    fromEnvFrom: hasEnvFrom ? " (unless an envFrom source defines them)" : "",
  };
}

/**
 * The check that the app container's `env` defines all of `names` (skipped
 * when the env is not checked): one warning at the `env` for those missing;
 * `message` gets them, joined, and the container's name for a message.
 */
function missingEnvCheck(
  code: IssueCode,
  names: readonly string[],
  message: (missing: string, container: string, fromEnvFrom: string) => string,
): ParentCheck {
  return (parent) => {
    const missing = parent.checkEnv ? names.filter((n) => !parent.positions.has(n)) : [];
    if (missing.length === 0) return [];
    const text = message(missing.join(", "), parent.container, parent.fromEnvFrom);
    return [issue(code, parent.envPath, text)];
  };
}

/** 1. `POD_NAME` or `POD_NAMESPACE` missing: no runner ever starts. */
const podEnvMissing = missingEnvCheck(
  "parent-pod-env-missing",
  FLAME_POD_ENV_NAMES,
  (noPod, container, fromEnvFrom) =>
    `the app container${container} has no ${noPod}: flame_k8s_backend reads POD_NAME and POD_NAMESPACE to find its own pod, so no runner will ever start${fromEnvFrom}. Add them from the downward API (metadata.name, metadata.namespace): flameParentEnv("<node basename>") gives the whole list, in order`,
);

/** 2. `POD_IP`, `RELEASE_DISTRIBUTION` or `RELEASE_NODE` missing: runners cannot join. */
const clusterEnvMissing = missingEnvCheck(
  "parent-cluster-env-missing",
  FLAME_CLUSTER_ENV_NAMES,
  (noCluster, container, fromEnvFrom) =>
    `the app container${container} has no ${noCluster}: without POD_IP (status.podIP), RELEASE_DISTRIBUTION=name and RELEASE_NODE=<basename>@$(POD_IP), the runners cannot join the parent's Erlang cluster${fromEnvFrom}. Add them after POD_NAME and POD_NAMESPACE: flameParentEnv("<node basename>") gives the whole list, in order`,
);

/** 3. `RELEASE_NODE` refers to a variable defined only after it, or nowhere. */
function releaseNodeUnexpanded(parent: ParentFacts): RunnerPodIssue[] {
  const { env, positions, hasEnvFrom } = parent;
  const nodeAt = positions.get("RELEASE_NODE");
  const nodeValue = nodeAt === undefined ? undefined : env[nodeAt]?.value;
  if (!parent.checkEnv || nodeAt === undefined || typeof nodeValue !== "string") return [];
  const warnings: RunnerPodIssue[] = [];
  for (const { name, definedAt: at } of unexpandedReferences(nodeValue, nodeAt, positions)) {
    if (at === undefined && hasEnvFrom) continue;
    const where =
      at === undefined
        ? "which is not defined in the env"
        : `which is defined only after it (env[${at}])`;
    warnings.push(
      issue(
        "parent-release-node-unexpanded",
        parent.envPath.index(nodeAt).child("value"),
        `RELEASE_NODE=${show(nodeValue)} refers to $(${name}), ${where}; Kubernetes expands only variables defined earlier, so the node name keeps the literal text "$(${name})" and no runner can reach the parent. Define ${name} before RELEASE_NODE: flameParentEnv("<node basename>") gives the list in the order that works`,
      ),
    );
  }
  return warnings;
}

/** 4. No service account, or `default`: the backend's API calls are refused. */
function defaultServiceAccount(parent: ParentFacts): RunnerPodIssue[] {
  const { spec } = parent;
  const account = nonEmptyString(spec.serviceAccountName) ?? nonEmptyString(spec.serviceAccount);
  if (account !== undefined && account !== DEFAULT_SERVICE_ACCOUNT) return [];
  return [
    issue(
      "parent-default-service-account",
      parent.specPath.child("serviceAccountName"),
      `${
        account === undefined
          ? 'the parent names no service account, so it runs as the namespace\'s "default" one'
          : 'the parent runs as the namespace\'s "default" service account'
      }, which may not create, watch or delete pods: flame_k8s_backend's calls to the API server would be refused and no runner would start. Give the parent a service account allowed to manage pods: FlameRbac creates one (ServiceAccount, Role, RoleBinding); set spec.serviceAccountName to its serviceAccountName output`,
    ),
  ];
}

/** The parent checks, in the order of the warnings (see {@link parentPodWarnings}). */
const PARENT_CHECKS: readonly ParentCheck[] = [
  podEnvMissing,
  clusterEnvMissing,
  releaseNodeUnexpanded,
  defaultServiceAccount,
];
