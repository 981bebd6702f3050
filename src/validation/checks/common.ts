/**
 * Helpers shared by the API server's checks: reading lists and names
 * defensively (the walker has reported wrong types already), ranges, label
 * maps, port numbers or names, file modes, and one linear duplicate finder.
 */
import {
  DNS1123_SUBDOMAIN_FORMAT,
  PORT_NAME_FORMAT,
  isDns1123Label,
  isDns1123Subdomain,
  isIanaSvcName,
  isLabelValue,
  isPortNumber,
  isQualifiedName,
  whyNotDns1123Label,
} from "../formats";
import type { IssueCollector } from "../issues";
import type { Obj } from "../schema";
import { isPlainObject } from "../../plain";

export type { Obj };

/** A path below the collector's position: field names, map keys, list indexes. */
export type Below = readonly (string | number)[];

/** The empty list {@link listOf} returns for a value that is not a list: one, frozen. */
const NO_ITEMS: readonly unknown[] = Object.freeze([]);

/** `value` when it is a list, else an empty list (a wrong type is reported by the walker). */
export function listOf(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : NO_ITEMS;
}

/** The `name` of `item` when it is an object with a string name. */
export function nameOf(item: unknown): string | undefined {
  return isPlainObject(item) && typeof item.name === "string" ? item.name : undefined;
}

/**
 * Calls `report` for each item whose key was already seen, with the index of
 * the first item of that key: one pass with a map, so a list of 100,000
 * items costs 100,000 lookups.
 *
 * @param items - the list.
 * @param keyOf - the key of an item; `undefined` skips the item.
 * @param report - called with the index of the duplicate, its key and the index of the first.
 */
export function forEachDuplicate(
  items: readonly unknown[],
  keyOf: (item: unknown) => string | undefined,
  report: (index: number, key: string, first: number) => void,
): void {
  if (items.length < 2) return;
  const seen = new Map<string, number>();
  for (let i = 0; i < items.length; i++) {
    const key = keyOf(items[i]);
    if (key === undefined) continue;
    const first = seen.get(key);
    if (first === undefined) seen.set(key, i);
    else report(i, key, first);
  }
}

/** Reports a string that is not a DNS-1123 label (`ValidateDNS1123Label`). */
export function checkDnsLabel(value: unknown, issues: IssueCollector, ...below: Below): void {
  if (typeof value === "string" && !isDns1123Label(value)) {
    issues.report("invalid", whyNotDns1123Label(value), ...below);
  }
}

/** Reports a string that is not a DNS-1123 subdomain (`NameIsDNSSubdomain`), saying what it names. */
export function checkDnsSubdomain(
  value: unknown,
  what: string,
  issues: IssueCollector,
  ...below: Below
): void {
  if (typeof value === "string" && !isDns1123Subdomain(value)) {
    issues.report(
      value === "" ? "required" : "invalid",
      value === ""
        ? `must not be empty: name the ${what}`
        : `"${value}" is not a valid ${what} name: ${DNS1123_SUBDOMAIN_FORMAT}`,
      ...below,
    );
  }
}

/**
 * Reports a number outside `[min, max]` (`InclusiveRangeError`).
 *
 * @param at - the field below the collector's position, or the path below it.
 * @param why - ends the message. Default: nothing.
 */
export function checkRange(
  value: unknown,
  min: number,
  max: number,
  issues: IssueCollector,
  at: string | Below,
  why = "",
): void {
  if (typeof value === "number" && (value < min || value > max)) {
    const message = `must be between ${min} and ${max}${why} (got ${value})`;
    if (typeof at === "string") issues.report("invalid", message, at);
    else issues.report("invalid", message, ...at);
  }
}

/** Reports a negative number (`ValidateNonnegativeField`). */
export function checkNotNegative(value: unknown, issues: IssueCollector, field: string): void {
  if (typeof value === "number" && value < 0) {
    issues.report("invalid", `must not be negative (got ${value})`, field);
  }
}

/** The message for a key that is not a qualified name. */
export function qualifiedNameMessage(what: string, key: string): string {
  return `"${key}" is not a valid ${what}: an optional DNS subdomain prefix and "/", then at most 63 letters, digits, "-", "_" or ".", starting and ending with a letter or digit`;
}

/** Reports a string that is not a qualified name (`ValidateLabelName`, `ValidateQualifiedName`). */
export function checkQualifiedName(
  value: unknown,
  what: string,
  issues: IssueCollector,
  ...below: Below
): void {
  if (typeof value === "string" && !isQualifiedName(value)) {
    issues.report(
      value === "" ? "required" : "invalid",
      value === "" ? `must not be empty: give the ${what}` : qualifiedNameMessage(what, value),
      ...below,
    );
  }
}

/** Reports a string that is not a label value (`IsValidLabelValue`). */
export function checkLabelValue(value: unknown, issues: IssueCollector, ...below: Below): void {
  if (typeof value === "string" && !isLabelValue(value)) {
    issues.report(
      "invalid",
      `"${value}" is not a valid label value: at most 63 letters, digits, "-", "_" or ".", starting and ending with a letter or digit`,
      ...below,
    );
  }
}

/** Checks a map of labels (`ValidateLabels`): qualified-name keys, label values. */
export function checkLabels(map: unknown, issues: IssueCollector, field: string): void {
  if (!isPlainObject(map)) return;
  for (const key in map) {
    if (!isQualifiedName(key))
      issues.report("invalid", qualifiedNameMessage("label key", key), field, key);
    checkLabelValue(map[key], issues, field, key);
  }
}

/**
 * Checks a port given as a number or a name (`ValidatePortNumOrName`): a
 * number from 1 to 65535, or an IANA service name (a container port's name).
 */
export function checkPortNumOrName(value: unknown, issues: IssueCollector, field: string): void {
  if (typeof value === "number" && !isPortNumber(value)) {
    issues.report("invalid", `must be between 1 and 65535 (got ${value})`, field);
  } else if (typeof value === "string" && !isIanaSvcName(value)) {
    issues.report(
      "invalid",
      `"${value}" is neither a port number nor a port name (${PORT_NAME_FORMAT}); write a number without quotes`,
      field,
    );
  }
}

/** Reports a file mode outside 0 to 0777 (`fileModeErrorMsg`). */
export function checkFileMode(value: unknown, issues: IssueCollector, field: string): void {
  if (typeof value === "number" && (value < 0 || value > 0o777)) {
    issues.report(
      "invalid",
      `must be a file mode between 0 and 0777 (octal; 511 in decimal) (got ${value})`,
      field,
    );
  }
}

/** Reports an empty or missing string that the API server requires (`field.Required`). */
export function checkNonEmpty(value: unknown, issues: IssueCollector, field: string): void {
  if (value === "") issues.report("required", "must not be empty", field);
}

/**
 * Counts the fields of `obj` among `names` that are set: for "exactly one
 * of" rules (volume sources, probe handlers, env sources).
 */
export function countSet(obj: Obj, names: readonly string[]): number {
  let count = 0;
  for (const name of names) if (obj[name] !== undefined) count++;
  return count;
}

/**
 * 1 when a field's value is set (not `undefined`), else 0: for "exactly one
 * of" rules that name their fields, `isSet(obj.a) + isSet(obj.b)`.
 */
export function isSet(value: unknown): 0 | 1 {
  return value === undefined ? 0 : 1;
}
