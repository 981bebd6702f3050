/**
 * Plain-data helpers of the runner pod rules: a fast deep copy that treats
 * `null` as absent, the removal of fields that only the API server writes, and
 * a deep comparison. Everything here works on JSON-like data (objects, arrays,
 * strings, numbers, booleans); nothing imports Pulumi.
 */

/** A JSON-like object: what a manifest, a template or a callback result is made of. */
export type PlainObject = Record<string, unknown>;

/**
 * Whether `value` is an object that is not an array (and not `null`).
 *
 * @param value - any value.
 */
export function isPlainObject(value: unknown): value is PlainObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * The `metadata` fields that only the Kubernetes API server writes, and that it
 * refuses or ignores on create. They are dropped from a callback's result, so a
 * callback may start from a copy of the parent pod.
 */
export const SERVER_WRITTEN_METADATA_FIELDS: readonly string[] = [
  "uid",
  "resourceVersion",
  "generation",
  "creationTimestamp",
  "deletionTimestamp",
  "deletionGracePeriodSeconds",
  "managedFields",
  "selfLink",
  "generateName",
];

const SERVER_WRITTEN_METADATA = new Set(SERVER_WRITTEN_METADATA_FIELDS);
const STATUS = new Set(["status"]);

/**
 * A deep copy of plain data in which every `null` and `undefined` is absent:
 * object keys holding them are left out, array elements holding them are
 * removed. Shares no object with `value`. Objects are copied by their own
 * enumerable keys (class instances become plain objects); functions and
 * symbols are kept as they are.
 *
 * @param value - the data to copy; not modified.
 * @returns the copy (`undefined` for `null`).
 */
export function copyPlain<T>(value: T): T {
  return copyValue(value) as T;
}

function copyValue(value: unknown): unknown {
  if (typeof value !== "object") return value;
  if (value === null) return undefined;
  if (Array.isArray(value)) return copyArray(value);
  return copyObjectWithout(value as PlainObject);
}

function copyArray(value: readonly unknown[]): unknown[] {
  const out: unknown[] = [];
  for (let i = 0; i < value.length; i++) {
    const v = value[i];
    if (v === null || v === undefined) continue;
    out.push(typeof v === "object" ? copyValue(v) : v);
  }
  return out;
}

/**
 * A deep copy of `object` (as {@link copyPlain}) without the top-level keys in
 * `skip`.
 *
 * @param object - the object to copy; not modified.
 * @param skip - top-level keys to leave out.
 */
export function copyObjectWithout(object: PlainObject, skip?: ReadonlySet<string>): PlainObject {
  const out: PlainObject = {};
  const keys = Object.keys(object);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    const v = object[key];
    if (v === null || v === undefined || (skip !== undefined && skip.has(key))) continue;
    const copy = typeof v === "object" ? copyValue(v) : v;
    if (key === "__proto__") {
      // Assigning would change the copy's prototype; keep it as data instead.
      Object.defineProperty(out, key, {
        value: copy,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    } else {
      out[key] = copy;
    }
  }
  return out;
}

/**
 * A deep copy of a callback's result (as {@link copyPlain}) without `status`
 * and without the {@link SERVER_WRITTEN_METADATA_FIELDS} of `metadata`.
 *
 * @param manifest - the callback's result; not modified.
 */
export function copyWithoutServerFields(manifest: PlainObject): PlainObject {
  const out = copyObjectWithout(manifest, STATUS);
  const metadata = manifest.metadata;
  if (isPlainObject(metadata)) out.metadata = copyObjectWithout(metadata, SERVER_WRITTEN_METADATA);
  return out;
}

/**
 * Whether two pieces of plain data are deeply equal (same keys, same values,
 * arrays in the same order). Keys holding `undefined` count as absent.
 *
 * @param a - the first value.
 * @param b - the second value.
 */
export function samePlain(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!samePlain(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ao = a as PlainObject;
  const bo = b as PlainObject;
  const aKeys = Object.keys(ao).filter((k) => ao[k] !== undefined);
  const bKeys = Object.keys(bo).filter((k) => bo[k] !== undefined);
  if (aKeys.length !== bKeys.length) return false;
  for (const key of aKeys) if (!samePlain(ao[key], bo[key])) return false;
  return true;
}

/**
 * A short rendering of a value for a message: JSON, cut to 80 characters.
 *
 * @param value - the value to show.
 */
export function show(value: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/**
 * What kind of value `value` is, for a message: `null`, `an array`, `a string`...
 *
 * @param value - any value.
 */
export function kindOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (value === undefined) return "nothing";
  const type = typeof value;
  return type === "object" ? "an object" : `a ${type}`;
}
