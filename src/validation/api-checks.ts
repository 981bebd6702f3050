/**
 * The checks the Kubernetes API server runs on a pod beyond its OpenAPI
 * schema (`pkg/apis/core/validation/validation.go`), one function per object
 * type of the field table. Each runs after the walker has checked the
 * object's fields, so it only looks at values of the right type and reports
 * nothing twice.
 */
import { ENV_FIELD_PATHS, ENV_RESOURCE_FIELDS, STANDARD_CONTAINER_RESOURCES } from "./enums";
import {
  isDns1123Label,
  isDns1123Subdomain,
  isEnvVarName,
  isIanaSvcName,
  isLabelValue,
  isQualifiedName,
  whyNotDns1123Label,
} from "./formats";
import { didYouMean } from "./hints";
import type { IssueCollector } from "./issues";
import { rememberValid } from "./memo";
import { compareQuantities, isQuantityError, parseQuantity, type Quantity } from "./quantity";
import { isObject, type ObjectCheck } from "./schema";

type Obj = Readonly<Record<string, unknown>>;

function checkDnsLabel(value: unknown, issues: IssueCollector, field: string | number): void {
  if (typeof value === "string" && !isDns1123Label(value)) {
    issues.report(whyNotDns1123Label(value), field);
  }
}

/** The pod itself: it needs metadata with a name, and a spec. */
function checkPod(pod: Obj, issues: IssueCollector): void {
  const metadata = pod.metadata;
  if (metadata === undefined) {
    issues.report("is required (with a name)", "metadata");
  } else if (
    isObject(metadata) &&
    metadata.name === undefined &&
    metadata.generateName === undefined
  ) {
    issues.report("is required", "metadata", "name");
  }
  if (pod.spec === undefined) issues.report("is required", "spec");
}

// The string tests below run on every name of every manifest, where the
// same names come back each time: each remembers the strings it passed.
const isKnownQualifiedName = rememberValid(isQualifiedName);
const isKnownLabelValue = rememberValid(isLabelValue);
const isKnownEnvVarName = rememberValid(isEnvVarName);
const isKnownDns1123Subdomain = rememberValid(isDns1123Subdomain);

/** Names, namespace, label and annotation keys, owner references. */
function checkObjectMeta(meta: Obj, issues: IssueCollector): void {
  checkDnsLabel(meta.name, issues, "name");
  checkDnsLabel(meta.namespace, issues, "namespace");
  const labels = meta.labels;
  if (isObject(labels)) {
    for (const key in labels) {
      if (!isKnownQualifiedName(key))
        issues.report(qualifiedNameMessage("label key", key), "labels", key);
      const value = labels[key];
      if (typeof value === "string" && !isKnownLabelValue(value)) {
        issues.report(
          `"${value}" is not a valid label value: at most 63 letters, digits, "-", "_" or ".", starting and ending with a letter or digit`,
          "labels",
          key,
        );
      }
    }
  }
  const annotations = meta.annotations;
  if (isObject(annotations)) {
    for (const key in annotations) {
      if (!isKnownQualifiedName(key)) {
        issues.report(qualifiedNameMessage("annotation key", key), "annotations", key);
      }
    }
  }
  const owners = meta.ownerReferences;
  if (Array.isArray(owners)) {
    let controllers = 0;
    for (let i = 0; i < owners.length; i++) {
      const owner: unknown = owners[i];
      if (isObject(owner) && owner.controller === true && ++controllers === 2) {
        issues.report("only one owner reference may have controller: true", "ownerReferences", i);
      }
    }
  }
}

function qualifiedNameMessage(what: string, key: string): string {
  return `"${key}" is not a valid ${what}: an optional DNS subdomain prefix and "/", then at most 63 letters, digits, "-", "_" or ".", starting and ending with a letter or digit`;
}

/** The name of `list[index]` when it is an object with a string name. */
function nameAt(list: unknown, index: number): string | undefined {
  if (!Array.isArray(list)) return undefined;
  const item: unknown = list[index];
  return isObject(item) && typeof item.name === "string" ? item.name : undefined;
}

/** How many items `list` has: 0 when it is not a list. */
function lengthOf(list: unknown): number {
  return Array.isArray(list) ? list.length : 0;
}

/** Containers present and uniquely named, volumes uniquely named, mounts that name a volume. */
function checkPodSpec(spec: Obj, issues: IssueCollector): void {
  const initContainers = spec.initContainers;
  const containers = spec.containers;
  if (Array.isArray(containers) && containers.length === 0) {
    issues.report("must have at least one container", "containers");
  }
  const ephemeral = spec.ephemeralContainers;
  if (Array.isArray(ephemeral) && ephemeral.length > 0) {
    issues.report(
      "cannot be set when a pod is created (use the ephemeralcontainers subresource)",
      "ephemeralContainers",
    );
  }
  checkServiceAccount(spec.serviceAccountName, "serviceAccountName", issues);
  checkServiceAccount(spec.serviceAccount, "serviceAccount", issues);
  checkContainerNames(initContainers, containers, issues);
  const volumes = spec.volumes;
  const volumeCount = lengthOf(volumes);
  for (let i = 1; i < volumeCount; i++) {
    const name = nameAt(volumes, i);
    for (let j = 0; name !== undefined && j < i; j++) {
      if (nameAt(volumes, j) === name) {
        issues.report(`duplicate volume name "${name}"`, "volumes", i, "name");
        break;
      }
    }
  }
  checkVolumeMountsOf(initContainers, "initContainers", volumes, issues);
  checkVolumeMountsOf(containers, "containers", volumes, issues);
}

function checkServiceAccount(name: unknown, field: string, issues: IssueCollector): void {
  if (typeof name === "string" && name !== "" && !isKnownDns1123Subdomain(name)) {
    issues.report(
      `"${name}" is not a valid service account name: lowercase letters, digits, "-" and ".", at most 253 characters`,
      field,
    );
  }
}

/**
 * Container names are unique across init containers and containers: each
 * container named like an earlier one (init containers come first) is
 * reported once, with the first earlier container of that name.
 */
function checkContainerNames(
  initContainers: unknown,
  containers: unknown,
  issues: IssueCollector,
): void {
  const initCount = lengthOf(initContainers);
  const total = initCount + lengthOf(containers);
  for (let k = 0; k < total; k++) {
    const name = containerNameAt(initContainers, containers, initCount, k);
    if (name === undefined) continue;
    for (let e = 0; e < k; e++) {
      if (containerNameAt(initContainers, containers, initCount, e) === name) {
        issues.report(
          `duplicate container name "${name}" (also at ${issues.pathString(...containerPath(initCount, e), "name")}); container names must be unique in a pod`,
          ...containerPath(initCount, k),
          "name",
        );
        break;
      }
    }
  }
}

/** The name of the `k`-th container of the pod, counting the init containers first. */
function containerNameAt(
  initContainers: unknown,
  containers: unknown,
  initCount: number,
  k: number,
): string | undefined {
  return k < initCount ? nameAt(initContainers, k) : nameAt(containers, k - initCount);
}

/** The path of the `k`-th container of the pod, counting the init containers first. */
function containerPath(initCount: number, k: number): [string, number] {
  return k < initCount ? ["initContainers", k] : ["containers", k - initCount];
}

/** {@link checkVolumeMounts} of each container of one list. */
function checkVolumeMountsOf(
  items: unknown,
  list: string,
  volumes: unknown,
  issues: IssueCollector,
): void {
  if (!Array.isArray(items)) return;
  for (let i = 0; i < items.length; i++) {
    const container: unknown = items[i];
    if (isObject(container)) checkVolumeMounts(container.volumeMounts, volumes, list, i, issues);
  }
}

/** Each volume mount names a volume of the pod. */
function checkVolumeMounts(
  mounts: unknown,
  volumes: unknown,
  list: string,
  index: number,
  issues: IssueCollector,
): void {
  if (!Array.isArray(mounts)) return;
  const volumeCount = Array.isArray(volumes) ? volumes.length : 0;
  for (let j = 0; j < mounts.length; j++) {
    const name = nameAt(mounts, j);
    if (name === undefined) continue;
    let found = false;
    for (let v = 0; v < volumeCount && !found; v++) found = nameAt(volumes, v) === name;
    if (!found) {
      const names: string[] = [];
      for (let v = 0; v < volumeCount; v++) names.push(nameAt(volumes, v) ?? "");
      issues.report(
        `no volume named "${name}" in spec.volumes${didYouMean(name, names)}`,
        list,
        index,
        "volumeMounts",
        j,
        "name",
      );
    }
  }
}

/** A volume: a DNS-1123 name and exactly one source. */
function checkVolume(volume: Obj, issues: IssueCollector): void {
  checkDnsLabel(volume.name, issues, "name");
  let sources = 0;
  for (const key in volume) {
    if (key !== "name" && volume[key] !== undefined) sources++;
  }
  if (sources === 0) {
    issues.report("must specify a volume source (emptyDir, configMap, secret, ...)");
  } else if (sources > 1) {
    issues.report("may specify only one volume source");
  }
}

/** A container: a DNS-1123 name, an image, unique port names. */
function checkContainer(container: Obj, issues: IssueCollector): void {
  checkDnsLabel(container.name, issues, "name");
  const image = container.image;
  if (image === undefined || image === "") issues.report("is required", "image");
  else if (typeof image === "string" && image.trim() !== image) {
    issues.report("must not have leading or trailing whitespace", "image");
  }
  const ports = container.ports;
  if (Array.isArray(ports) && ports.length > 1) {
    const names: string[] = [];
    for (let i = 0; i < ports.length; i++) {
      const port: unknown = ports[i];
      if (!isObject(port) || typeof port.name !== "string") continue;
      if (names.includes(port.name)) {
        issues.report(`duplicate port name "${port.name}"`, "ports", i, "name");
      }
      names.push(port.name);
    }
  }
}

/** A container port: numbers in range, an IANA service name. */
function checkContainerPort(port: Obj, issues: IssueCollector): void {
  const containerPort = port.containerPort;
  if (typeof containerPort === "number" && (containerPort < 1 || containerPort > 65535)) {
    issues.report("must be between 1 and 65535", "containerPort");
  }
  const hostPort = port.hostPort;
  if (typeof hostPort === "number" && (hostPort < 0 || hostPort > 65535)) {
    issues.report("must be between 1 and 65535 (or 0 for none)", "hostPort");
  }
  const name = port.name;
  if (typeof name === "string" && !isIanaSvcName(name)) {
    issues.report(
      `"${name}" is not a valid port name: 1 to 15 lowercase letters, digits or "-", with at least one letter, no "--", not starting or ending with "-"`,
      "name",
    );
  }
}

/** An env entry: a valid name, not both `value` and `valueFrom`. */
function checkEnvVar(env: Obj, issues: IssueCollector): void {
  const name = env.name;
  if (typeof name === "string" && !isKnownEnvVarName(name)) {
    issues.report(
      name === ""
        ? "must not be empty"
        : `"${name}" is not a valid environment variable name: printable ASCII characters except "="`,
      "name",
    );
  }
  if (typeof env.value === "string" && env.value !== "" && env.valueFrom !== undefined) {
    issues.report('may not have both "value" and "valueFrom"; keep one');
  }
}

const ENV_SOURCES = [
  "fieldRef",
  "resourceFieldRef",
  "configMapKeyRef",
  "secretKeyRef",
  "fileKeyRef",
] as const;
const ENV_FIELD_PATH_SET: ReadonlySet<string> = new Set(ENV_FIELD_PATHS);
const ENV_RESOURCE_FIELD_SET: ReadonlySet<string> = new Set(ENV_RESOURCE_FIELDS);
const LABEL_OR_ANNOTATION_PATH = /^metadata\.(labels|annotations)\['[^']+'\]$/;
const HUGEPAGES_FIELD = /^(requests|limits)\.hugepages-[^\s]+$/;

/** `valueFrom`: exactly one source; a field path and resource the kubelet can expose. */
function checkEnvVarSource(source: Obj, issues: IssueCollector): void {
  let count = 0;
  for (let i = 0; i < ENV_SOURCES.length; i++) if (source[ENV_SOURCES[i]] !== undefined) count++;
  const fieldRef = source.fieldRef;
  const resourceRef = source.resourceFieldRef;
  if (count === 0) issues.report(`must specify one of ${ENV_SOURCES.join(", ")}`);
  else if (count > 1) issues.report(`may specify only one of ${ENV_SOURCES.join(", ")}`);
  if (isObject(fieldRef) && typeof fieldRef.fieldPath === "string") {
    const path = fieldRef.fieldPath;
    if (!ENV_FIELD_PATH_SET.has(path) && !LABEL_OR_ANNOTATION_PATH.test(path)) {
      issues.report(
        `"${path}" is not a field an environment variable can read (supported: ${ENV_FIELD_PATHS.join(", ")}, metadata.labels['<key>'], metadata.annotations['<key>'])${didYouMean(path, ENV_FIELD_PATHS)}`,
        "fieldRef",
        "fieldPath",
      );
    }
  }
  if (isObject(resourceRef) && typeof resourceRef.resource === "string") {
    const resource = resourceRef.resource;
    if (!ENV_RESOURCE_FIELD_SET.has(resource) && !HUGEPAGES_FIELD.test(resource)) {
      issues.report(
        `"${resource}" is not a resource an environment variable can read (supported: ${ENV_RESOURCE_FIELDS.join(", ")}, requests.hugepages-<size>, limits.hugepages-<size>)${didYouMean(resource, ENV_RESOURCE_FIELDS)}`,
        "resourceFieldRef",
        "resource",
      );
    }
  }
}

/** `envFrom`: exactly one of a config map or a secret. */
function checkEnvFromSource(source: Obj, issues: IssueCollector): void {
  const count =
    (source.configMapRef !== undefined ? 1 : 0) + (source.secretRef !== undefined ? 1 : 0);
  if (count === 0) issues.report("must specify one of configMapRef, secretRef");
  else if (count > 1) issues.report("may specify only one of configMapRef, secretRef");
  const prefix = source.prefix;
  if (typeof prefix === "string" && prefix !== "" && !isEnvVarName(prefix)) {
    issues.report(`"${prefix}" is not a valid environment variable prefix`, "prefix");
  }
}

/**
 * Container resources: known resource names, quantities not negative,
 * requests not above limits, extended resources requested exactly at their limit.
 */
function checkResourceRequirements(resources: Obj, issues: IssueCollector): void {
  const requests = resources.requests;
  const limits = isObject(resources.limits) ? resources.limits : undefined;
  if (limits !== undefined) checkResourceList(limits, "limits", issues);
  if (!isObject(requests)) return;
  checkResourceList(requests, "requests", issues);
  for (const name in requests) {
    const requestValue = requests[name];
    if (requestValue === undefined || !isResourceName(name)) continue;
    const extended = name.includes("/");
    const limitValue = limits === undefined ? undefined : limits[name];
    if (limitValue === undefined) {
      if (extended) {
        issues.report(
          `a limit is required for "${name}": extended resources cannot be overcommitted, set limits["${name}"] to the same value`,
          "requests",
          name,
        );
      }
      continue;
    }
    const request = quantityOf(requestValue);
    const limit = quantityOf(limitValue);
    if (request === undefined || limit === undefined || request.negative || limit.negative) {
      continue; // reported already
    }
    const order = compareQuantities(request, limit);
    if (order > 0) {
      issues.report(`${request.text} is greater than the limit ${limit.text}`, "requests", name);
    } else if (order < 0 && extended) {
      issues.report(
        `must equal the limit ${limit.text}: ${name} cannot be overcommitted`,
        "requests",
        name,
      );
    }
  }
}

function quantityOf(value: unknown): Quantity | undefined {
  if (typeof value !== "string" && typeof value !== "number") return undefined;
  const parsed = parseQuantity(value);
  return isQuantityError(parsed) ? undefined : parsed;
}

/** A standard container resource, `hugepages-<size>`, or a domain-qualified extended resource. */
const isResourceName = rememberValid(
  (name: string): boolean =>
    STANDARD_CONTAINER_RESOURCES.includes(name) ||
    name.startsWith("hugepages-") ||
    (name.includes("/") && isQualifiedName(name)),
);

/** Checks one resource list's names and signs (the walker has checked the syntax). */
function checkResourceList(list: Obj, field: "requests" | "limits", issues: IssueCollector): void {
  for (const name in list) {
    const value = list[name];
    if (value === undefined) continue;
    if (!isResourceName(name)) {
      issues.report(
        name.includes("/")
          ? `"${name}" is not a valid resource name`
          : `unknown resource "${name}" (standard resources are ${STANDARD_CONTAINER_RESOURCES.join(", ")} and hugepages-<size>; others need a domain prefix, such as example.com/${name})${didYouMean(name, STANDARD_CONTAINER_RESOURCES)}`,
        field,
        name,
      );
      continue;
    }
    // Cheap sign test first: only a value that may be negative is parsed here.
    const mayBeNegative =
      typeof value === "number" ? value < 0 : typeof value === "string" && value.includes("-");
    if (mayBeNegative) {
      const quantity = quantityOf(value);
      if (quantity !== undefined && quantity.negative) {
        issues.report(`must not be negative (${quantity.text})`, field, name);
      }
    }
  }
}

/** The API server's checks by type name of the field table. */
export const API_CHECKS: Readonly<Record<string, ObjectCheck>> = {
  Pod: checkPod,
  ObjectMeta: checkObjectMeta,
  PodSpec: checkPodSpec,
  Volume: checkVolume,
  Container: checkContainer,
  ContainerPort: checkContainerPort,
  EnvVar: checkEnvVar,
  EnvVarSource: checkEnvVarSource,
  EnvFromSource: checkEnvFromSource,
  ResourceRequirements: checkResourceRequirements,
};
