/**
 * The pod spec (`ValidatePodSpec` and `validatePodMetadataAndSpec`): what
 * needs more than one object to check, each in one pass over its lists.
 */
import { didYouMean } from "../hints";
import type { IssueCollector } from "../issues";
import { INT32_MAX } from "../schema";
import { isPlainObject } from "../../plain";
import {
  checkDnsLabel,
  checkDnsSubdomain,
  checkLabels,
  checkRange,
  forEachDuplicate,
  listOf,
  nameOf,
  type Obj,
} from "./common";

/**
 * The pod spec: containers present and uniquely named, no ephemeral
 * containers on create, valid names of the service account, node, host,
 * subdomain and priority class, `activeDeadlineSeconds` from 1 to 2^31-1,
 * `nodeSelector` as labels, volumes uniquely named, mounts that name a
 * volume, init containers without probes or lifecycle unless they are
 * sidecars, topology spread constraints unique per key and action.
 */
export function checkPodSpec(spec: Obj, issues: IssueCollector): void {
  const containers = spec.containers;
  // validateContainers: at least one.
  if (Array.isArray(containers) && containers.length === 0) {
    issues.report("required", "must have at least one container", "containers");
  }
  // ValidatePodCreate: ephemeral containers only through their subresource.
  if (listOf(spec.ephemeralContainers).length > 0) {
    issues.report(
      "forbidden",
      "cannot be set when a pod is created (use the ephemeralcontainers subresource)",
      "ephemeralContainers",
    );
  }
  // ValidateServiceAccountName, ValidateNodeName, ValidatePriorityClassName, when set.
  checkNameWhenSet(spec.serviceAccountName, "service account", issues, "serviceAccountName");
  checkNameWhenSet(spec.serviceAccount, "service account", issues, "serviceAccount");
  checkNameWhenSet(spec.nodeName, "node", issues, "nodeName");
  checkNameWhenSet(spec.priorityClassName, "priority class", issues, "priorityClassName");
  // ValidateDNS1123Label of hostname and subdomain, when set.
  if (spec.hostname !== "") checkDnsLabel(spec.hostname, issues, "hostname");
  if (spec.subdomain !== "") checkDnsLabel(spec.subdomain, issues, "subdomain");
  checkRange(spec.activeDeadlineSeconds, 1, INT32_MAX, issues, "activeDeadlineSeconds");
  // unversionedvalidation.ValidateLabels(spec.NodeSelector).
  checkLabels(spec.nodeSelector, issues, "nodeSelector");
  checkContainerNames(spec.initContainers, containers, issues);
  checkVolumesAndMounts(spec, issues);
  checkInitContainerHooks(spec.initContainers, issues);
  checkTopologySpreadPairs(spec.topologySpreadConstraints, issues);
  checkDnsPolicyNone(spec, issues);
  checkResizePolicies(spec, issues);
}

/** A name of the pod spec that is a DNS subdomain when set (not empty). */
function checkNameWhenSet(
  value: unknown,
  what: string,
  issues: IssueCollector,
  field: string,
): void {
  if (value !== "") checkDnsSubdomain(value, what, issues, field);
}

/** Which list of the pod spec a container is in. */
type ContainerList = "initContainers" | "containers";

/**
 * The containers' `resizePolicy` (`validateResizePolicy`): each resource once,
 * and in a pod with `restartPolicy: Never` (every runner) only `NotRequired`:
 * a container that must restart to resize cannot. Init containers first.
 */
function checkResizePolicies(spec: Obj, issues: IssueCollector): void {
  const never = spec.restartPolicy === "Never";
  checkResizePoliciesOf("initContainers", listOf(spec.initContainers), never, issues);
  checkResizePoliciesOf("containers", listOf(spec.containers), never, issues);
}

/** {@link checkResizePolicies} of one list of containers. */
function checkResizePoliciesOf(
  list: ContainerList,
  containers: readonly unknown[],
  never: boolean,
  issues: IssueCollector,
): void {
  for (let c = 0; c < containers.length; c++) {
    const container = containers[c];
    if (!isPlainObject(container)) continue;
    const policies = listOf(container.resizePolicy);
    if (policies.length === 0) continue;
    forEachDuplicate(policies, resourceNameOf, (i, name) =>
      issues.report(
        "duplicate",
        `duplicate resourceName "${name}"`,
        list,
        c,
        "resizePolicy",
        i,
        "resourceName",
      ),
    );
    if (!never) continue;
    for (let i = 0; i < policies.length; i++) {
      const policy = policies[i];
      // Another value than the two of the enum is reported by the walker.
      if (isPlainObject(policy) && policy.restartPolicy === "RestartContainer") {
        issues.report(
          "invalid",
          'must be "NotRequired" when the pod\'s restartPolicy is "Never" (a runner is never restarted)',
          list,
          c,
          "resizePolicy",
          i,
          "restartPolicy",
        );
      }
    }
  }
}

/** The resource a resize policy is about. */
function resourceNameOf(policy: unknown): string | undefined {
  return isPlainObject(policy) && typeof policy.resourceName === "string"
    ? policy.resourceName
    : undefined;
}

/** `dnsPolicy: None` takes its resolver from `dnsConfig`, with a nameserver (`validatePodDNSConfig`). */
function checkDnsPolicyNone(spec: Obj, issues: IssueCollector): void {
  if (spec.dnsPolicy !== "None") return;
  const config = spec.dnsConfig;
  if (!isPlainObject(config)) {
    issues.report("required", 'is required when dnsPolicy is "None"', "dnsConfig");
  } else if (listOf(config.nameservers).length === 0) {
    issues.report(
      "required",
      'must have a nameserver when dnsPolicy is "None"',
      "dnsConfig",
      "nameservers",
    );
  }
}

/**
 * Container names are unique across init containers and containers
 * (`validateInitContainers`, `validateContainers`): each container named like
 * an earlier one (init containers come first) is reported once, with the
 * first container of that name.
 */
function checkContainerNames(
  initContainers: unknown,
  containers: unknown,
  issues: IssueCollector,
): void {
  const inits = listOf(initContainers);
  const mains = listOf(containers);
  if (inits.length + mains.length < 2) return; // no duplicate possible
  const all = [...inits, ...mains];
  const pathOf = (k: number): [string, number] =>
    k < inits.length ? ["initContainers", k] : ["containers", k - inits.length];
  forEachDuplicate(all, nameOf, (k, name, first) =>
    issues.report(
      "duplicate",
      `duplicate container name "${name}" (also at ${issues.pathString(...pathOf(first), "name")}); container names must be unique in a pod`,
      ...pathOf(k),
      "name",
    ),
  );
}

/**
 * Volume names are unique (`ValidateVolumes`) and each mount of each
 * container names one of them (`ValidateVolumeMounts`, `IsMatchedVolume`).
 */
function checkVolumesAndMounts(spec: Obj, issues: IssueCollector): void {
  const volumes = listOf(spec.volumes);
  forEachDuplicate(volumes, nameOf, (i, name) =>
    issues.report("duplicate", `duplicate volume name "${name}"`, "volumes", i, "name"),
  );
  const known = new VolumeNames(volumes);
  checkMountsOf("initContainers", listOf(spec.initContainers), known, issues);
  checkMountsOf("containers", listOf(spec.containers), known, issues);
}

/** The names of the pod's volumes, listed at the first mount that needs them. */
class VolumeNames {
  private names: Set<string> | undefined;

  constructor(private readonly volumes: readonly unknown[]) {}

  /** The names. */
  get(): ReadonlySet<string> {
    this.names ??= new Set(this.volumes.map(nameOf).filter((v) => v !== undefined));
    return this.names;
  }
}

/** Each mount of each container of `list` names a volume of the pod. */
function checkMountsOf(
  list: ContainerList,
  containers: readonly unknown[],
  known: VolumeNames,
  issues: IssueCollector,
): void {
  for (let c = 0; c < containers.length; c++) {
    const container = containers[c];
    if (!isPlainObject(container)) continue;
    const mounts = listOf(container.volumeMounts);
    for (let m = 0; m < mounts.length; m++) {
      const name = nameOf(mounts[m]);
      if (name === undefined || name === "") continue;
      const volumeNames = known.get();
      if (volumeNames.has(name)) continue;
      issues.report(
        "not-found",
        `no volume named "${name}" in spec.volumes${didYouMean(name, volumeNames)}`,
        list,
        c,
        "volumeMounts",
        m,
        "name",
      );
    }
  }
}

const CONTAINER_HOOKS = ["lifecycle", "livenessProbe", "readinessProbe", "startupProbe"] as const;

/**
 * An init container runs to completion before the others start, so it has no
 * lifecycle hooks and no probes, unless it is a sidecar
 * (`restartPolicy: Always`; `validateInitContainers`).
 */
function checkInitContainerHooks(initContainers: unknown, issues: IssueCollector): void {
  const inits = listOf(initContainers);
  for (let i = 0; i < inits.length; i++) {
    const init = inits[i];
    if (!isPlainObject(init) || init.restartPolicy === "Always") continue;
    for (const hook of CONTAINER_HOOKS) {
      if (init[hook] !== undefined) {
        issues.report(
          "forbidden",
          'may not be set for an init container without restartPolicy: "Always"',
          "initContainers",
          i,
          hook,
        );
      }
    }
  }
}

/**
 * No two topology spread constraints share a `topologyKey` and
 * `whenUnsatisfiable` (`validateTopologySpreadConstraints`).
 */
function checkTopologySpreadPairs(constraints: unknown, issues: IssueCollector): void {
  const list = listOf(constraints);
  if (list.length < 2) return; // no duplicate possible
  forEachDuplicate(
    list,
    (c) =>
      isPlainObject(c) &&
      typeof c.topologyKey === "string" &&
      typeof c.whenUnsatisfiable === "string"
        ? `${c.topologyKey} ${c.whenUnsatisfiable}`
        : undefined,
    (i, _key, first) =>
      issues.report(
        "duplicate",
        `repeats the topologyKey and whenUnsatisfiable of topologySpreadConstraints[${first}]`,
        "topologySpreadConstraints",
        i,
      ),
  );
}

/** `MaxDNSNameservers`, `MaxDNSSearchPaths`, `MaxDNSSearchListChars` (libc's limits). */
const DNS_LIMITS = { nameservers: 3, searches: 32, searchChars: 2048 } as const;

/**
 * `dnsConfig` (`validatePodDNSConfig`): at most 3 nameservers, at most 32
 * search domains of at most 2048 characters together (with the spaces
 * between them), and every option named.
 */
export function checkPodDnsConfig(config: Obj, issues: IssueCollector): void {
  const nameservers = listOf(config.nameservers);
  if (nameservers.length > DNS_LIMITS.nameservers) {
    issues.report(
      "invalid",
      `must not have more than ${DNS_LIMITS.nameservers} nameservers (got ${nameservers.length})`,
      "nameservers",
    );
  }
  const searches = listOf(config.searches);
  if (searches.length > DNS_LIMITS.searches) {
    issues.report(
      "invalid",
      `must not have more than ${DNS_LIMITS.searches} search domains (got ${searches.length})`,
      "searches",
    );
  }
  const chars = searches.join(" ").length;
  if (chars > DNS_LIMITS.searchChars) {
    issues.report(
      "invalid",
      `must not have more than ${DNS_LIMITS.searchChars} characters, spaces between the domains included (got ${chars})`,
      "searches",
    );
  }
  const options = listOf(config.options);
  for (let i = 0; i < options.length; i++) {
    const option = options[i];
    if (isPlainObject(option) && (option.name === undefined || option.name === "")) {
      issues.report(
        "required",
        "is required: name the resolver option (ndots, timeout, ...)",
        "options",
        i,
        "name",
      );
    }
  }
}
