/**
 * Container resources (`ValidateContainerResourceRequirements` and
 * `validateBasicResource`): known names, quantities not negative, requests not
 * above limits.
 */
import { STANDARD_CONTAINER_RESOURCES } from "../enums";
import { isQualifiedName } from "../formats";
import { didYouMean } from "../hints";
import type { IssueCollector } from "../issues";
import { compareQuantities, isQuantityError, parseQuantity, type Quantity } from "../quantity";
import { isPlainObject } from "../../plain";
import type { Obj } from "./common";

/**
 * Container resources: known resource names, quantities not negative,
 * requests not above limits, extended resources requested exactly at their
 * limit (`ValidateContainerResourceRequirements`, `validateResourceQuantityValue`).
 */
export function checkResourceRequirements(resources: Obj, issues: IssueCollector): void {
  const requests = resources.requests;
  const limits = isPlainObject(resources.limits) ? resources.limits : undefined;
  if (limits !== undefined) checkResourceList(limits, "limits", issues);
  if (!isPlainObject(requests)) return;
  checkResourceList(requests, "requests", issues);
  for (const name in requests) {
    const requestValue = requests[name];
    if (requestValue === undefined || !isResourceName(name)) continue;
    const extended = name.includes("/");
    const limitValue = limits === undefined ? undefined : limits[name];
    if (limitValue === undefined) {
      if (extended) {
        issues.report(
          "required",
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
      issues.report(
        "invalid",
        `${request.text} is greater than the limit ${limit.text}`,
        "requests",
        name,
      );
    } else if (order < 0 && extended) {
      issues.report(
        "invalid",
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

/**
 * A standard container resource, `hugepages-<size>`, or a domain-qualified
 * extended resource (`validateContainerResourceName`).
 */
function isResourceName(name: string): boolean {
  return (
    STANDARD_CONTAINER_RESOURCES.includes(name) ||
    name.startsWith("hugepages-") ||
    (name.includes("/") && isQualifiedName(name))
  );
}

/** Checks one resource list's names and signs (the walker has checked the syntax). */
function checkResourceList(list: Obj, field: "requests" | "limits", issues: IssueCollector): void {
  for (const name in list) {
    const value = list[name];
    if (value === undefined) continue;
    if (!isResourceName(name)) {
      issues.report(
        "invalid",
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
        issues.report("invalid", `must not be negative (${quantity.text})`, field, name);
      }
    }
  }
}
