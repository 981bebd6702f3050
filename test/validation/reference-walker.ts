/**
 * The reference of the generated Pod walkers (`src/validation/generated/pod-walkers.ts`):
 * the generic schema walker the library used before them, which interprets
 * the committed field table at run time, kept verbatim here so that a
 * property test can compare both on random manifests (same issues, same
 * codes, same paths, same order). The two long messages, an enum's and a
 * quantity's, come from the library's `schema.ts`, their one home. Not used
 * by the library.
 */
import { isPlainObject } from "../../src/plain";
import { mustBe } from "../../src/issues/message";
import { didYouMean } from "../../src/validation/hints";
import type { RunnerPodIssue } from "../../src/errors";
import { EMPTY_ENUM_VALUE_ALLOWED, EXTRA_ENUMS } from "../../src/validation/enums";
import { IssueCollector } from "../../src/validation/issues";
import { isQuantityError, parseQuantity } from "../../src/validation/quantity";
import { notAQuantityMessage, notOneOfMessage } from "../../src/validation/schema";
import { POD_SCHEMA, type PodSchemaFile, type SchemaKind } from "../../src/validation/table";

/** What a compiled field holds. */
export enum Tag {
  String,
  Boolean,
  Number,
  Integer,
  Int32,
  Quantity,
  IntOrString,
  Time,
  FreeForm,
  Enum,
  Object,
  Array,
  Map,
}

/** A compiled field kind. Every instance has every property (one hidden class). */
export interface FieldKind {
  /** What the field holds. */
  readonly tag: Tag;
  /** The element kind of an array or map; `null` otherwise. */
  readonly of: FieldKind | null;
  /** The object type of an object field; `null` otherwise. Set after compilation of all types. */
  type: ObjectType | null;
  /** The allowed values of an enum field; `null` otherwise. */
  readonly values: ReadonlySet<string> | null;
  /**
   * Whether the field is one of its object type's required fields. Set when
   * the type is compiled (each field of each type has its own kind).
   */
  required: boolean;
}

/**
 * A check that the API server runs on one object type beyond its schema.
 * Runs after the object's fields have been walked; the collector's path is
 * the object's.
 */
export type ObjectCheck = (obj: Readonly<Record<string, unknown>>, issues: IssueCollector) => void;

/** A compiled object type. */
export interface ObjectType {
  /** The short name in the table (`Container`). */
  readonly name: string;
  /** Each known field with its kind. */
  readonly fields: ReadonlyMap<string, FieldKind>;
  /** The known field names, for hints. */
  readonly fieldNames: readonly string[];
  /** Fields that must be present. */
  readonly required: readonly string[];
  /** The API server's extra checks of this type, if any. */
  readonly check: ObjectCheck | null;
}

/** A compiled table: the root type of a document. */
export interface CompiledSchema {
  /** The type of the document root. */
  readonly root: ObjectType;
  /** Every type, by short name. */
  readonly types: ReadonlyMap<string, ObjectType>;
}

const SIMPLE_TAGS: Readonly<Record<string, Tag>> = {
  string: Tag.String,
  boolean: Tag.Boolean,
  number: Tag.Number,
  integer: Tag.Integer,
  int32: Tag.Int32,
  quantity: Tag.Quantity,
  intOrString: Tag.IntOrString,
  time: Tag.Time,
  "free-form": Tag.FreeForm,
};

/**
 * Compiles the generated table for the walker.
 *
 * @param table - the generated field table.
 * @param checks - extra checks by type name.
 * @param extraEnums - enums the table lacks, by `Type.field`; the field must be a string there.
 * @param emptyAllowed - enum fields, by `Type.field`, that also take `""`.
 */
export function compileSchema(
  table: PodSchemaFile,
  checks: Readonly<Record<string, ObjectCheck>>,
  extraEnums: Readonly<Record<string, readonly string[]>>,
  emptyAllowed: readonly string[],
): CompiledSchema {
  const types = new Map<string, ObjectType>();
  const pending: { kind: FieldKind; ref: string }[] = [];
  const make = (tag: Tag, of: FieldKind | null, values: ReadonlySet<string> | null): FieldKind => ({
    tag,
    of,
    type: null,
    values,
    required: false,
  });
  const compileKind = (kind: SchemaKind): FieldKind => {
    if (typeof kind === "string") {
      const tag = SIMPLE_TAGS[kind];
      if (tag === undefined) throw new Error(`unknown kind ${kind}`);
      return make(tag, null, null);
    }
    if ("enum" in kind) return make(Tag.Enum, null, new Set(kind.enum));
    if ("array" in kind) return make(Tag.Array, compileKind(kind.array), null);
    if ("map" in kind) return make(Tag.Map, compileKind(kind.map), null);
    const compiled = make(Tag.Object, null, null);
    pending.push({ kind: compiled, ref: kind.ref });
    return compiled;
  };
  for (const [name, type] of Object.entries(table.types)) {
    const fields = new Map<string, FieldKind>();
    for (const [field, kind] of Object.entries(type.properties)) {
      const extra = extraEnums[`${name}.${field}`];
      if (extra !== undefined) {
        if (kind !== "string") throw new Error(`${name}.${field} is not a plain string field`);
        fields.set(field, make(Tag.Enum, null, new Set(extra)));
      } else {
        fields.set(field, compileKind(kind));
      }
    }
    for (const [field, kind] of fields) {
      if (!emptyAllowed.includes(`${name}.${field}`)) continue;
      if (kind.tag !== Tag.Enum) throw new Error(`${name}.${field} is not an enum`);
      fields.set(field, make(Tag.Enum, null, new Set([...(kind.values ?? []), ""])));
    }
    for (const field of type.required) {
      const kind = fields.get(field);
      if (kind === undefined) throw new Error(`${name}.${field} is required but not a field`);
      kind.required = true;
    }
    types.set(name, {
      name,
      fields,
      fieldNames: [...fields.keys()],
      required: type.required,
      check: checks[name] ?? null,
    });
  }
  for (const { kind, ref } of pending) {
    const target = types.get(ref);
    if (target === undefined) throw new Error(`unknown type ${ref}`);
    kind.type = target;
  }
  for (const entry of emptyAllowed) {
    const [name, field] = entry.split(".");
    if (!types.get(name)?.fields.has(field)) throw new Error(`unknown field ${entry}`);
  }
  for (const name of Object.keys(checks)) {
    if (!types.has(name)) throw new Error(`check for unknown type ${name}`);
  }
  const root = types.get(table.root);
  if (root === undefined) throw new Error(`unknown root type ${table.root}`);
  return { root, types };
}

/**
 * Walks an object of `type`: each field against its kind, then the required
 * fields, then the type's own check.
 *
 * @param type - the object's compiled type.
 * @param obj - the object.
 * @param issues - the collector, positioned at the object.
 */
export function walkObject(
  type: ObjectType,
  obj: Readonly<Record<string, unknown>>,
  issues: IssueCollector,
): void {
  const path = issues.path;
  // Required fields seen below: when all are, the check after the loop is done.
  let requiredSeen = 0;
  for (const key in obj) {
    const value = obj[key];
    if (value === undefined) continue; // JSON drops it
    const kind = type.fields.get(key);
    if (kind !== undefined) {
      if (kind.required) requiredSeen++;
      const tag = kind.tag;
      // Fast paths: a string where a string belongs (most fields) or a known
      // enum value needs no call, and an object or a list where one belongs
      // skips `walkValue`.
      if (tag === Tag.String && typeof value === "string") continue;
      if (tag === Tag.Enum && typeof value === "string" && kind.values?.has(value) === true) {
        continue;
      }
      path.push(key);
      if (tag === Tag.Object && isPlainObject(value))
        walkObject(kind.type as ObjectType, value, issues);
      else if (tag === Tag.Array && Array.isArray(value)) walkArray(kind, value, issues);
      else walkValue(kind, value, issues);
      path.pop();
      continue;
    }
    path.push(key);
    issues.report("unknown-field", `unknown field "${key}"${didYouMean(key, type.fieldNames)}`);
    path.pop();
  }
  const required = type.required;
  if (requiredSeen < required.length) {
    for (let i = 0; i < required.length; i++) {
      if (obj[required[i]] === undefined) issues.report("required", "is required", required[i]);
    }
  }
  if (type.check !== null) type.check(obj, issues);
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;
const INT32_MIN = -2147483648;
/** The largest int32, 2^31-1: the bound of an `int32` field, of ids and of `activeDeadlineSeconds`. */
export const INT32_MAX = 2147483647;

/**
 * Checks one value against its kind (and walks into objects, arrays and maps).
 *
 * @param kind - the compiled kind of the field.
 * @param value - the field's value (not `undefined`).
 * @param issues - the collector, positioned at the value.
 */
export function walkValue(kind: FieldKind, value: unknown, issues: IssueCollector): void {
  if (value === null) {
    issues.report("invalid", "must not be null; leave the field out instead");
    return;
  }
  switch (kind.tag) {
    case Tag.String:
      if (typeof value !== "string") issues.report("invalid", mustBe("a string", value));
      return;
    case Tag.Boolean:
      if (typeof value !== "boolean") issues.report("invalid", mustBe("a boolean", value));
      return;
    case Tag.Number:
      if (typeof value !== "number" || !Number.isFinite(value)) {
        issues.report("invalid", mustBe("a number", value));
      }
      return;
    case Tag.Integer:
      if (!Number.isSafeInteger(value)) issues.report("invalid", mustBe("an integer", value));
      return;
    case Tag.Int32:
      if (
        !Number.isInteger(value) ||
        (value as number) < INT32_MIN ||
        (value as number) > INT32_MAX
      ) {
        issues.report("invalid", mustBe("a 32-bit integer", value));
      }
      return;
    case Tag.IntOrString:
      if (
        typeof value !== "string" &&
        (!Number.isInteger(value) || (value as number) < INT32_MIN || (value as number) > INT32_MAX)
      ) {
        issues.report("invalid", mustBe("a string or a 32-bit integer", value));
      }
      return;
    case Tag.Time:
      if (typeof value !== "string")
        issues.report("invalid", mustBe("an RFC 3339 time string", value));
      else if (!RFC3339.test(value)) {
        issues.report(
          "invalid",
          `must be an RFC 3339 time such as "2026-01-02T15:04:05Z" (got "${value}")`,
        );
      }
      return;
    case Tag.Quantity:
      checkQuantity(value, issues);
      return;
    case Tag.FreeForm:
      return;
    case Tag.Enum: {
      const values = kind.values as ReadonlySet<string>;
      if (typeof value !== "string") issues.report("invalid", mustBe("a string", value));
      else if (!values.has(value)) issues.report("not-supported", notOneOfMessage(value, values));
      return;
    }
    case Tag.Object:
      if (isPlainObject(value)) {
        walkObject(kind.type as ObjectType, value, issues);
      } else {
        issues.report("invalid", mustBe("an object", value));
      }
      return;
    case Tag.Array:
      if (Array.isArray(value)) walkArray(kind, value, issues);
      else issues.report("invalid", mustBe("a list", value));
      return;
    case Tag.Map: {
      if (!isPlainObject(value)) {
        issues.report("invalid", mustBe("an object (a map)", value));
        return;
      }
      const of = kind.of as FieldKind;
      const strings = of.tag === Tag.String;
      const path = issues.path;
      for (const key in value) {
        const item = value[key];
        if (item === undefined || (strings && typeof item === "string")) continue;
        path.push(key);
        walkValue(of, item, issues);
        path.pop();
      }
      return;
    }
  }
}

/** Walks the items of a list of `kind` (an array kind). */
function walkArray(kind: FieldKind, value: readonly unknown[], issues: IssueCollector): void {
  const of = kind.of as FieldKind;
  const objectType = of.tag === Tag.Object ? of.type : null;
  const strings = of.tag === Tag.String;
  const path = issues.path;
  for (let i = 0; i < value.length; i++) {
    const item: unknown = value[i];
    if (strings && typeof item === "string") continue;
    path.push(i);
    if (objectType !== null && isPlainObject(item)) walkObject(objectType, item, issues);
    else if (item === undefined)
      issues.report("invalid", "must not be undefined (a hole in the list)");
    else walkValue(of, item, issues);
    path.pop();
  }
}

function checkQuantity(value: unknown, issues: IssueCollector): void {
  if (typeof value !== "string" && typeof value !== "number") {
    issues.report("invalid", mustBe('a quantity such as "500m" or "1Gi"', value));
    return;
  }
  const parsed = parseQuantity(value);
  if (isQuantityError(parsed)) issues.report("invalid", notAQuantityMessage(value, parsed));
}

/**
 * The validator as it was built on the generic walker: the committed table,
 * the hand-written enums and `checks`.
 *
 * @param checks - the API server's checks by type name.
 */
export function referenceValidator(
  checks: Readonly<Record<string, ObjectCheck>>,
): (manifest: unknown) => RunnerPodIssue[] {
  const pod = compileSchema(POD_SCHEMA, checks, EXTRA_ENUMS, EMPTY_ENUM_VALUE_ALLOWED);
  return (manifest) => {
    const issues = new IssueCollector();
    if (!isPlainObject(manifest)) {
      issues.report("invalid", mustBe("a pod manifest object", manifest));
    } else {
      walkObject(pod.root, manifest, issues);
    }
    return issues.issues;
  };
}
