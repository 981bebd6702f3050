/**
 * What the generated Pod walkers (`generated/pod-walkers.ts`) share: the
 * checks of one field value against its kind and every message they report.
 * The walkers test the right type inline (`typeof v === "string"`, an enum's
 * set, an object's own walker) and call here only for what is not: a wrong
 * type, `null`, a value outside an enum, an unknown field, a missing required
 * field, a list hole, and the kinds whose test is more than one expression
 * (quantities, times, numbers, maps).
 *
 * Where each refusal comes from: unknown fields as the API server's strict
 * field validation (`fieldValidation=Strict`, what `kubectl --validate=strict`
 * asks for) reports them; types, enums and required fields from the OpenAPI
 * schema of `k8s.io/api/core/v1` (through the generated table) and
 * `enums.ts`; quantities from `resource.ParseQuantity`. `null` is refused by
 * the library's own rule (docs/validation.md, "Deliberately stricter").
 */
import { isPlainObject } from "../plain";
import { mustBe } from "../issues/message";
import type { PathSegment } from "../issues/path";
import { didYouMean } from "./hints";
import type { IssueCollector } from "./issues";
import { isQuantityError, parseQuantity, type QuantityError } from "./quantity";

/** An object of the manifest, read only. */
export type Obj = Readonly<Record<string, unknown>>;

/**
 * A check that the API server runs on one object type beyond its schema.
 * Runs after the object's fields have been walked; the collector's path is
 * the object's.
 */
export type ObjectCheck = (obj: Obj, issues: IssueCollector) => void;

/** The kind of a field value that {@link checkValue} checks (enums: {@link checkEnum}). */
export enum Kind {
  String,
  Boolean,
  Number,
  Integer,
  Int32,
  Quantity,
  IntOrString,
  Time,
  FreeForm,
  Object,
  List,
  Map,
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;
const INT32_MIN = -2147483648;
/** The largest int32, 2^31-1: the bound of an `int32` field, of ids and of `activeDeadlineSeconds`. */
export const INT32_MAX = 2147483647;

/**
 * Whether `value` is a 32-bit integer, what an `int32` field holds.
 *
 * @param value - any value.
 */
export function isInt32(value: unknown): value is number {
  return (
    Number.isInteger(value) && (value as number) >= INT32_MIN && (value as number) <= INT32_MAX
  );
}

/**
 * Checks one value against its kind and reports what is wrong with it at the
 * collector's position: `null`, a wrong type, a malformed quantity or time.
 * Reports nothing for a value of the right kind; never walks into an object,
 * a list or a map (their walkers do).
 *
 * @param kind - the field's kind.
 * @param value - the field's value (not `undefined`).
 * @param issues - the collector, positioned at the value.
 */
export function checkValue(kind: Kind, value: unknown, issues: IssueCollector): void {
  if (value === null) {
    issues.report("invalid", "must not be null; leave the field out instead");
    return;
  }
  const expected = expectedOf(kind, value);
  if (expected !== undefined) issues.report("invalid", mustBe(expected, value));
  else if (kind === Kind.Quantity) checkQuantity(value as string | number, issues);
  else if (kind === Kind.Time && !RFC3339.test(value as string)) {
    issues.report(
      "invalid",
      `must be an RFC 3339 time such as "2026-01-02T15:04:05Z" (got "${value as string}")`,
    );
  }
}

/** What `value` (not `null`) must be when it has the wrong type for `kind`, else `undefined`. */
function expectedOf(kind: Kind, value: unknown): string | undefined {
  switch (kind) {
    case Kind.String:
      return typeof value === "string" ? undefined : "a string";
    case Kind.Boolean:
      return typeof value === "boolean" ? undefined : "a boolean";
    case Kind.Number:
      return typeof value === "number" && Number.isFinite(value) ? undefined : "a number";
    case Kind.Integer:
      return Number.isSafeInteger(value) ? undefined : "an integer";
    case Kind.Int32:
      return isInt32(value) ? undefined : "a 32-bit integer";
    case Kind.IntOrString:
      return typeof value === "string" || isInt32(value)
        ? undefined
        : "a string or a 32-bit integer";
    case Kind.Time:
      return typeof value === "string" ? undefined : "an RFC 3339 time string";
    case Kind.Quantity:
      return typeof value === "string" || typeof value === "number"
        ? undefined
        : 'a quantity such as "500m" or "1Gi"';
    case Kind.FreeForm:
      return undefined;
    case Kind.Object:
      return isPlainObject(value) ? undefined : "an object";
    case Kind.List:
      return Array.isArray(value) ? undefined : "a list";
    case Kind.Map:
      return isPlainObject(value) ? undefined : "an object (a map)";
  }
}

/**
 * {@link checkValue} at the field or index `at` below the collector's position.
 *
 * @param kind - the field's kind.
 * @param value - the field's value (not `undefined`).
 * @param issues - the collector, positioned at the object or list holding the value.
 * @param at - the field name or list index.
 */
export function checkValueAt(
  kind: Kind,
  value: unknown,
  issues: IssueCollector,
  at: PathSegment,
): void {
  issues.path.push(at);
  checkValue(kind, value, issues);
  issues.path.pop();
}

/**
 * Checks an enum field's value: a string among `values` (with a "did you
 * mean"; `""` is never listed as a choice).
 *
 * @param values - the allowed values, in the schema's order.
 * @param value - the field's value (not `undefined`).
 * @param issues - the collector, positioned at the object holding the field.
 * @param at - the field name or list index.
 */
export function checkEnumAt(
  values: ReadonlySet<string>,
  value: unknown,
  issues: IssueCollector,
  at: PathSegment,
): void {
  if (value === null || typeof value !== "string") {
    checkValueAt(Kind.String, value, issues, at);
  } else if (!values.has(value)) {
    issues.report("not-supported", notOneOfMessage(value, values), at);
  }
}

/**
 * The message for a string outside an enum's values: the choices (`""` is
 * never listed) and the closest one.
 *
 * @param value - the string given.
 * @param values - the allowed values, in the schema's order.
 */
export function notOneOfMessage(value: string, values: ReadonlySet<string>): string {
  const list = [...values]
    .filter((v) => v !== "")
    .map((v) => JSON.stringify(v))
    .join(", ");
  return `must be one of ${list} (got "${value}")${didYouMean(value, values)}`;
}

/**
 * Reports a field that its object type does not have, with the closest known name.
 *
 * @param key - the field.
 * @param fieldNames - the type's fields, in the schema's order.
 * @param issues - the collector, positioned at the object.
 */
export function reportUnknownField(
  key: string,
  fieldNames: readonly string[],
  issues: IssueCollector,
): void {
  issues.report("unknown-field", `unknown field "${key}"${didYouMean(key, fieldNames)}`, key);
}

/**
 * Reports each required field that `obj` lacks, in the schema's order.
 *
 * @param obj - the object.
 * @param required - its type's required fields.
 * @param issues - the collector, positioned at the object.
 */
export function reportMissing(obj: Obj, required: readonly string[], issues: IssueCollector): void {
  for (let i = 0; i < required.length; i++) {
    if (obj[required[i]] === undefined) issues.report("required", "is required", required[i]);
  }
}

/**
 * Reports a list item that is not of `kind`: a hole (`undefined`), or what
 * {@link checkValue} reports.
 *
 * @param kind - the items' kind.
 * @param item - the item.
 * @param issues - the collector, positioned at the list.
 * @param index - the item's index.
 */
export function checkItemAt(
  kind: Kind,
  item: unknown,
  issues: IssueCollector,
  index: number,
): void {
  if (item === undefined) {
    issues.report("invalid", "must not be undefined (a hole in the list)", index);
  } else checkValueAt(kind, item, issues, index);
}

/**
 * Checks each item of a list of scalars of `kind`.
 *
 * @param kind - the items' kind.
 * @param list - the list.
 * @param issues - the collector, positioned at the list.
 */
export function checkItems(kind: Kind, list: readonly unknown[], issues: IssueCollector): void {
  for (let i = 0; i < list.length; i++) {
    const item: unknown = list[i];
    if (kind === Kind.String && typeof item === "string") continue;
    checkItemAt(kind, item, issues, i);
  }
}

/**
 * Checks each item of a list of enum values.
 *
 * @param values - the allowed values.
 * @param list - the list.
 * @param issues - the collector, positioned at the list.
 */
export function checkEnumItems(
  values: ReadonlySet<string>,
  list: readonly unknown[],
  issues: IssueCollector,
): void {
  for (let i = 0; i < list.length; i++) {
    const item: unknown = list[i];
    if (item === undefined) checkItemAt(Kind.String, item, issues, i);
    else checkEnumAt(values, item, issues, i);
  }
}

/**
 * Checks a map field: an object whose values (`undefined` skipped) are of `kind`.
 *
 * @param kind - the values' kind.
 * @param map - the field's value (not `undefined`).
 * @param issues - the collector, positioned at the object holding the field.
 * @param at - the field name.
 */
export function checkMapAt(kind: Kind, map: unknown, issues: IssueCollector, at: string): void {
  if (!isPlainObject(map)) {
    checkValueAt(Kind.Map, map, issues, at);
    return;
  }
  const path = issues.path;
  path.push(at);
  for (const key in map) {
    const item = map[key];
    if (item === undefined || (kind === Kind.String && typeof item === "string")) continue;
    path.push(key);
    checkValue(kind, item, issues);
    path.pop();
  }
  path.pop();
}

function checkQuantity(value: string | number, issues: IssueCollector): void {
  const parsed = parseQuantity(value);
  if (isQuantityError(parsed)) issues.report("invalid", notAQuantityMessage(value, parsed));
}

/**
 * The message for a string or number that is not a Kubernetes quantity: why,
 * how to write one, and the closest quantities.
 *
 * @param value - the value given.
 * @param error - what `parseQuantity` found wrong with it.
 */
export function notAQuantityMessage(value: string | number, error: QuantityError): string {
  const hint =
    error.suggestions.length === 0
      ? ""
      : `; did you mean ${error.suggestions.map((s) => `"${s}"`).join(" or ")}?`;
  return (
    `${JSON.stringify(value)} is not a Kubernetes quantity (${error.reason}): ` +
    'write a number with an optional suffix n, u, m, k, M, G, T, P, E, Ki, Mi, Gi, Ti, Pi, Ei or an exponent such as e3, for example "500m", "1.5", "256Mi"' +
    hint
  );
}
