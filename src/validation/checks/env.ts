/**
 * Environment variables of a container (`ValidateEnv`,
 * `validateEnvVarValueFrom`, `ValidateEnvFrom` and the selectors they call).
 */
import { ENV_FIELD_PATHS, ENV_RESOURCE_FIELDS, RESOURCE_FIELD_DIVISORS } from "../enums";
import { isConfigMapKey, isEnvVarName } from "../formats";
import { didYouMean } from "../hints";
import { show } from "../../issues/message";
import type { IssueCollector } from "../issues";
import { canonicalQuantity, isQuantityError, parseQuantity } from "../quantity";
import { isPlainObject } from "../../plain";
import { checkDnsSubdomain, isSet, type Obj } from "./common";

/**
 * An env entry (`ValidateEnv` with `AllowRelaxedEnvironmentVariableValidation`,
 * on since Kubernetes 1.32): a name of printable ASCII characters except `=`;
 * not both `value` and `valueFrom` (`validateEnvVarValueFrom`).
 */
export function checkEnvVar(env: Obj, issues: IssueCollector): void {
  const name = env.name;
  if (typeof name === "string" && !isEnvVarName(name)) {
    issues.report(
      name === "" ? "required" : "invalid",
      name === ""
        ? "must not be empty"
        : `"${name}" is not a valid environment variable name: printable ASCII characters except "="`,
      "name",
    );
  }
  if (setsValueAndValueFrom(env)) {
    issues.report("forbidden", 'may not have both "value" and "valueFrom"; keep one');
  }
}

/**
 * Whether an env entry has both a value and a source, as the API server
 * counts them (`validateEnvVarValueFrom`): a non-empty `value` string and a
 * `valueFrom` (`null` is absent). `value: ""` beside `valueFrom` is accepted.
 *
 * @param env - an env entry; not modified.
 */
export function setsValueAndValueFrom(env: Obj): boolean {
  return typeof env.value === "string" && env.value !== "" && env.valueFrom != null;
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

/**
 * `valueFrom` (`validateEnvVarValueFrom`): exactly one source; a field path
 * (`validateObjectFieldSelector`) and resource
 * (`validateContainerResourceFieldSelector`) the kubelet can expose.
 */
export function checkEnvVarSource(source: Obj, issues: IssueCollector): void {
  const count =
    isSet(source.fieldRef) +
    isSet(source.resourceFieldRef) +
    isSet(source.configMapKeyRef) +
    isSet(source.secretKeyRef) +
    isSet(source.fileKeyRef);
  if (count === 0) issues.report("required", `must specify one of ${ENV_SOURCES.join(", ")}`);
  else if (count > 1)
    issues.report("forbidden", `may specify only one of ${ENV_SOURCES.join(", ")}`);
  const fieldRef = source.fieldRef;
  if (isPlainObject(fieldRef) && typeof fieldRef.fieldPath === "string") {
    const path = fieldRef.fieldPath;
    if (!ENV_FIELD_PATH_SET.has(path) && !LABEL_OR_ANNOTATION_PATH.test(path)) {
      issues.report(
        "invalid",
        `"${path}" is not a field an environment variable can read (supported: ${ENV_FIELD_PATHS.join(", ")}, metadata.labels['<key>'], metadata.annotations['<key>'])${didYouMean(path, ENV_FIELD_PATHS)}`,
        "fieldRef",
        "fieldPath",
      );
    }
  }
  const resourceRef = source.resourceFieldRef;
  if (isPlainObject(resourceRef) && typeof resourceRef.resource === "string") {
    const resource = resourceRef.resource;
    if (!ENV_RESOURCE_FIELD_SET.has(resource) && !HUGEPAGES_FIELD.test(resource)) {
      issues.report(
        "invalid",
        `"${resource}" is not a resource an environment variable can read (supported: ${ENV_RESOURCE_FIELDS.join(", ")}, requests.hugepages-<size>, limits.hugepages-<size>)${didYouMean(resource, ENV_RESOURCE_FIELDS)}`,
        "resourceFieldRef",
        "resource",
      );
    }
  }
}

/** `envFrom` (`ValidateEnvFrom`): exactly one of a config map or a secret; a valid prefix. */
export function checkEnvFromSource(source: Obj, issues: IssueCollector): void {
  const count = isSet(source.configMapRef) + isSet(source.secretRef);
  if (count === 0) issues.report("required", "must specify one of configMapRef, secretRef");
  else if (count > 1) issues.report("forbidden", "may specify only one of configMapRef, secretRef");
  const prefix = source.prefix;
  if (typeof prefix === "string" && prefix !== "" && !isEnvVarName(prefix)) {
    issues.report("invalid", `"${prefix}" is not a valid environment variable prefix`, "prefix");
  }
}

/**
 * `configMapRef` / `secretRef` of `envFrom` (`validateConfigMapEnvSource`,
 * `validateSecretEnvSource`): a name is required, a DNS subdomain.
 */
export function checkEnvSourceName(what: "config map" | "secret") {
  return (ref: Obj, issues: IssueCollector): void => {
    if (ref.name === undefined) issues.report("required", `is required: name the ${what}`, "name");
    else checkDnsSubdomain(ref.name, what, issues, "name");
  };
}

/**
 * `configMapKeyRef` / `secretKeyRef` (`validateConfigMapKeySelector`,
 * `validateSecretKeySelector`): a name (a DNS subdomain; an empty or missing
 * one is refused) and a key of letters, digits, `-`, `_` or `.`
 * (`IsConfigMapKey`).
 */
export function checkKeySelector(what: "config map" | "secret") {
  const checkName = checkEnvSourceName(what);
  return (ref: Obj, issues: IssueCollector): void => {
    checkName(ref, issues);
    const key = ref.key;
    if (typeof key === "string" && !isConfigMapKey(key)) {
      issues.report(
        key === "" ? "required" : "invalid",
        key === ""
          ? "must not be empty"
          : `"${key}" is not a valid key: at most 253 letters, digits, "-", "_" or ".", not starting with ".."`,
        "key",
      );
    }
  };
}

/**
 * A `resourceFieldRef` of an env entry or of a downward API volume file
 * (`validateContainerResourceFieldSelector`,
 * `validateContainerResourceDivisor`): a `divisor` other than zero is one the
 * resource allows, compared in canonical form as the API server compares it
 * (for cpu `1m` or `1`, so `1000m` passes and `0.5` does not; for memory,
 * ephemeral storage and hugepages `1`, `1k` ... `1E`, `1Ki` ... `1Ei`, so
 * `1024Mi` passes and `1024` does not).
 */
export function checkResourceFieldSelector(selector: Obj, issues: IssueCollector): void {
  const divisor = selector.divisor;
  const resource = selector.resource;
  if (typeof resource !== "string") return;
  if (typeof divisor !== "string" && typeof divisor !== "number") return;
  const allowed = divisorsOf(resource);
  if (allowed === undefined) return;
  const quantity = parseQuantity(divisor);
  if (isQuantityError(quantity)) return; // reported by the walker
  const canonical = canonicalQuantity(quantity);
  if (canonical === "0" || allowed.includes(canonical)) return;
  issues.report(
    "invalid",
    `${show(divisor)} is not a divisor of ${resource}: only ${allowed.join(", ")} are supported (or leave it out for 1)`,
    "divisor",
  );
}

/** The divisors of `requests.<name>` / `limits.<name>`, or `undefined` for another resource. */
function divisorsOf(resource: string): readonly string[] | undefined {
  const name = resource.replace(/^(requests|limits)\./, "");
  if (name === resource) return undefined;
  return name.startsWith("hugepages-")
    ? RESOURCE_FIELD_DIVISORS["hugepages-"]
    : RESOURCE_FIELD_DIVISORS[name];
}
