/**
 * Security contexts of the pod and of its containers
 * (`validatePodSpecSecurityContext`, `ValidateSecurityContext`,
 * `validateSysctls`, `validateSeccompProfileField`).
 */
import type { IssueCollector } from "../issues";
import { INT32_MAX } from "../schema";
import { isPlainObject } from "../../plain";
import { checkRange, forEachDuplicate, listOf, nameOf, type Obj } from "./common";

const ID_RANGE = " (a user or group id)";

/** `IsValidUserID` / `IsValidGroupID`: 0 to 2^31-1. */
function checkIds(context: Obj, fields: readonly string[], issues: IssueCollector): void {
  for (const field of fields) checkRange(context[field], 0, INT32_MAX, issues, field, ID_RANGE);
}

/**
 * The pod's security context: user and group ids from 0 to 2^31-1
 * (`fsGroup`, `runAsUser`, `runAsGroup`, each of `supplementalGroups`),
 * sysctl names unique (`validateSysctls`).
 */
export function checkPodSecurityContext(context: Obj, issues: IssueCollector): void {
  checkIds(context, ["fsGroup", "runAsUser", "runAsGroup"], issues);
  const groups = listOf(context.supplementalGroups);
  for (let i = 0; i < groups.length; i++) {
    checkRange(groups[i], 0, INT32_MAX, issues, ["supplementalGroups", i], ID_RANGE);
  }
  forEachDuplicate(listOf(context.sysctls), nameOf, (i, name) =>
    issues.report("duplicate", `duplicate sysctl "${name}"`, "sysctls", i, "name"),
  );
}

/**
 * A container's security context (`ValidateSecurityContext`): user and group
 * ids from 0 to 2^31-1; `allowPrivilegeEscalation: false` contradicts
 * `privileged: true` and the capability `CAP_SYS_ADMIN`.
 */
export function checkSecurityContext(context: Obj, issues: IssueCollector): void {
  checkIds(context, ["runAsUser", "runAsGroup"], issues);
  if (context.allowPrivilegeEscalation === false) {
    if (context.privileged === true) {
      issues.report(
        "invalid",
        "cannot be false when privileged is true: drop one of them",
        "allowPrivilegeEscalation",
      );
    }
    const capabilities = context.capabilities;
    if (isPlainObject(capabilities) && listOf(capabilities.add).includes("CAP_SYS_ADMIN")) {
      issues.report(
        "invalid",
        "cannot be false when capabilities.add has CAP_SYS_ADMIN: drop one of them",
        "allowPrivilegeEscalation",
      );
    }
  }
}

/**
 * A seccomp profile (`validateSeccompProfileField`): `localhostProfile` is
 * required for type `Localhost` and only allowed there.
 */
export function checkSeccompProfile(profile: Obj, issues: IssueCollector): void {
  if (profile.type === "Localhost") {
    if (profile.localhostProfile === undefined) {
      issues.report("required", 'is required when type is "Localhost"', "localhostProfile");
    }
  } else if (profile.localhostProfile !== undefined) {
    issues.report("forbidden", 'can only be set when type is "Localhost"', "localhostProfile");
  }
}

/**
 * An AppArmor profile (`ValidateAppArmorProfileField`): `localhostProfile` is
 * required for type `Localhost` and only allowed there.
 */
export const checkAppArmorProfile = checkSeccompProfile;
