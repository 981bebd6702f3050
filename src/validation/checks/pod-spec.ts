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
 * Names of the pod spec that are DNS subdomains when set, with what they name
 * (`ValidateServiceAccountName`, `ValidateNodeName`, `ValidatePriorityClassName`).
 */
const SUBDOMAIN_NAMES = [
  ["serviceAccountName", "service account"],
  ["serviceAccount", "service account"],
  ["nodeName", "node"],
  ["priorityClassName", "priority class"],
] as const;

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
  for (const [field, what] of SUBDOMAIN_NAMES) {
    if (spec[field] !== "") checkDnsSubdomain(spec[field], what, issues, field);
  }
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

/**
 * A container's `resizePolicy` (`validateResizePolicy`): each resource once,
 * and in a pod with `restartPolicy: Never` (every runner) only `NotRequired`:
 * a container that must restart to resize cannot.
 */
function checkResizePolicies(spec: Obj, issues: IssueCollector): void {
  forEachContainer(spec, (container, list, c) => {
    const policies = listOf(container.resizePolicy);
    forEachDuplicate(
      policies,
      (p) => (isPlainObject(p) && typeof p.resourceName === "string" ? p.resourceName : undefined),
      (i, name) =>
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
    if (spec.restartPolicy !== "Never") return;
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
  });
}

/**
 * Calls `visit` for each container object of the pod, init containers first,
 * with the list it is in and its index there.
 */
function forEachContainer(
  spec: Obj,
  visit: (container: Obj, list: "initContainers" | "containers", index: number) => void,
): void {
  for (const list of ["initContainers", "containers"] as const) {
    const items = listOf(spec[list]);
    for (let c = 0; c < items.length; c++) {
      const container = items[c];
      if (isPlainObject(container)) visit(container, list, c);
    }
  }
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
  const all = [...inits, ...listOf(containers)];
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
  let volumeNames: Set<string> | undefined; // made at the first mount
  forEachContainer(spec, (container, list, c) => {
    const mounts = listOf(container.volumeMounts);
    for (let m = 0; m < mounts.length; m++) {
      const name = nameOf(mounts[m]);
      if (name === undefined || name === "") continue;
      volumeNames ??= new Set(volumes.map(nameOf).filter((v) => v !== undefined));
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
  });
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
  forEachDuplicate(
    listOf(constraints),
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
