/**
 * Volumes of the pod (`ValidateVolumes` → `validateVolumeSource` and the
 * source checks it calls). Unique names and the mounts that refer to them are
 * checked with the pod spec (`pod-spec.ts`).
 */
import { isConfigMapKey, whyNotLocalDescendingPath } from "../formats";
import type { IssueCollector } from "../issues";
import { isQuantityError, parseQuantity } from "../quantity";
import { isPlainObject } from "../../plain";
import { checkDnsLabel, checkFileMode, type Obj } from "./common";

/** A volume (`ValidateVolumes`): a DNS-1123 name and exactly one source. */
export function checkVolume(volume: Obj, issues: IssueCollector): void {
  checkDnsLabel(volume.name, issues, "name");
  let sources = 0;
  for (const key in volume) {
    if (key !== "name" && volume[key] !== undefined) sources++;
  }
  if (sources === 0) {
    issues.report("required", "must specify a volume source (emptyDir, configMap, secret, ...)");
  } else if (sources > 1) {
    issues.report("forbidden", "may specify only one volume source");
  }
}

/** A `configMap` volume (`validateConfigMapVolumeSource`): a name, a file mode from 0 to 0777. */
export function checkConfigMapVolumeSource(source: Obj, issues: IssueCollector): void {
  if (source.name === undefined || source.name === "") {
    issues.report("required", "is required: name the config map", "name");
  }
  checkFileMode(source.defaultMode, issues, "defaultMode");
}

/** A `secret` volume (`validateSecretVolumeSource`): a secret name, a file mode from 0 to 0777. */
export function checkSecretVolumeSource(source: Obj, issues: IssueCollector): void {
  if (source.secretName === undefined || source.secretName === "") {
    issues.report("required", "is required: name the secret", "secretName");
  }
  checkFileMode(source.defaultMode, issues, "defaultMode");
}

/**
 * A `configMap` or `secret` source of a projected volume
 * (`validateProjectionSources`): a name is required.
 */
export function checkProjectionName(what: "config map" | "secret") {
  return (source: Obj, issues: IssueCollector): void => {
    if (source.name === undefined || source.name === "") {
      issues.report("required", `is required: name the ${what}`, "name");
    }
  };
}

/**
 * The file mode of a projected or downward API volume
 * (`validateProjectedVolumeSource`, `validateDownwardAPIVolumeSource`).
 */
export function checkDefaultMode(source: Obj, issues: IssueCollector): void {
  checkFileMode(source.defaultMode, issues, "defaultMode");
}

/**
 * An item of a config map or secret volume (`validateKeyToPath`): a key, a
 * relative path without `..` (`validateLocalNonReservedPath`), a file mode
 * from 0 to 0777.
 */
export function checkKeyToPath(item: Obj, issues: IssueCollector): void {
  const key = item.key;
  if (typeof key === "string" && !isConfigMapKey(key)) {
    issues.report(
      key === "" ? "required" : "invalid",
      key === "" ? "must not be empty" : `"${key}" is not a valid key`,
      "key",
    );
  }
  checkRelativePath(item.path, issues, "path");
  checkFileMode(item.mode, issues, "mode");
}

/**
 * Reports a path that is empty, absolute or has a `..` element
 * (`validateLocalNonReservedPath`, `validateLocalDescendingPath`).
 */
export function checkRelativePath(value: unknown, issues: IssueCollector, field: string): void {
  if (typeof value !== "string") return;
  const why = value === "" ? "must not be empty" : whyNotLocalDescendingPath(value);
  if (why !== undefined) {
    issues.report(value === "" ? "required" : "invalid", `${why} (got "${value}")`, field);
  }
}

/**
 * An `emptyDir` volume (`validateVolumeSource`): a `sizeLimit`, when set, not
 * negative.
 */
export function checkEmptyDirVolumeSource(source: Obj, issues: IssueCollector): void {
  const limit = source.sizeLimit;
  if (typeof limit !== "string" && typeof limit !== "number") return;
  const quantity = parseQuantity(limit);
  if (!isQuantityError(quantity) && quantity.negative) {
    issues.report(
      "forbidden",
      `must not be negative (${quantity.text}); leave it out for no limit`,
      "sizeLimit",
    );
  }
}

/**
 * A `persistentVolumeClaim` volume (`validatePersistentClaimVolumeSource`):
 * the claim's name is required (an empty one too).
 */
export function checkPersistentVolumeClaimVolumeSource(source: Obj, issues: IssueCollector): void {
  if (source.claimName === "")
    issues.report("required", "is required: name the claim", "claimName");
}

/**
 * A downward API volume file's `resourceFieldRef`
 * (`validateContainerResourceFieldSelector` for volumes): it names the
 * container whose resource it reads.
 */
export function checkDownwardApiVolumeFile(file: Obj, issues: IssueCollector): void {
  const ref = file.resourceFieldRef;
  if (isPlainObject(ref) && (ref.containerName === undefined || ref.containerName === "")) {
    issues.report(
      "required",
      "is required: name the container whose resource the file reads",
      "resourceFieldRef",
      "containerName",
    );
  }
}
