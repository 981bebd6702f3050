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
  return copyObject(value as PlainObject);
}

function copyArray(value: readonly unknown[]): unknown[] {
  const out: unknown[] = [];
  for (let i = 0; i < value.length; i++) {
    const v = value[i];
    if (v === null || v === undefined) continue;
    if (typeof v !== "object") out.push(v);
    else out.push(Array.isArray(v) ? copyArray(v) : copyObject(v as PlainObject));
  }
  return out;
}

const hasOwn = Object.prototype.hasOwnProperty;

/** Sets `out.__proto__` as data: assigning it would change the copy's prototype instead. */
function setProto(out: PlainObject, value: unknown): void {
  Object.defineProperty(out, "__proto__", {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

/**
 * Sets on `target` each own enumerable property of `source` whose key is not
 * in `skip`, by assignment and without copying the values (shallow).
 *
 * @param target - the object to fill; changed.
 * @param source - where the properties come from; not modified.
 * @param skip - the keys to leave out.
 */
export function assignOwnExcept(
  target: PlainObject,
  source: PlainObject,
  skip: ReadonlySet<string>,
): void {
  for (const key in source) {
    if (hasOwn.call(source, key) && !skip.has(key)) target[key] = source[key];
  }
}

/**
 * Makes the empty objects that copies are filled in. They are plain objects
 * exactly as `{}` is (prototype `Object.prototype`, so `constructor` is
 * `Object`), but V8 sizes objects made with `new` to what it has seen them
 * hold (in-object slack tracking), where each `{}` has room for four
 * properties and keeps the rest in a separate store that it grows as keys
 * are added. Copies are about 5% faster this way.
 */
const EmptyCopy = function EmptyCopy() {} as unknown as new () => PlainObject;
EmptyCopy.prototype = Object.prototype;

// The object copies below walk `for...in` filtered by `hasOwnProperty`: the own
// enumerable string keys, in the order of `Object.keys`, but without the
// array `Object.keys` allocates (V8 reads such loops from the enum cache).

/** {@link copyPlain} of an object: the hot path of every copy, so without a skip set. */
function copyObject(object: PlainObject): PlainObject {
  const out = new EmptyCopy();
  for (const key in object) {
    if (!hasOwn.call(object, key)) continue;
    const v = object[key];
    if (v === null || v === undefined) continue;
    const copy =
      typeof v !== "object" ? v : Array.isArray(v) ? copyArray(v) : copyObject(v as PlainObject);
    if (key === "__proto__") setProto(out, copy);
    else out[key] = copy;
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
  if (skip === undefined) return copyObject(object);
  const out = new EmptyCopy();
  for (const key in object) {
    if (!hasOwn.call(object, key)) continue;
    const v = object[key];
    if (v === null || v === undefined || skip.has(key)) continue;
    const copy = typeof v === "object" ? copyValue(v) : v;
    if (key === "__proto__") setProto(out, copy);
    else out[key] = copy;
  }
  return out;
}

/**
 * A deep copy of a callback's result (as {@link copyPlain}) without `status`
 * and without the {@link SERVER_WRITTEN_METADATA_FIELDS} of `metadata`. Each
 * object is copied once (keys keep their order).
 *
 * @param manifest - the callback's result; not modified.
 */
export function copyWithoutServerFields(manifest: PlainObject): PlainObject {
  const out = new EmptyCopy();
  for (const key in manifest) {
    if (!hasOwn.call(manifest, key)) continue;
    const v = manifest[key];
    if (v === null || v === undefined || key === "status") continue;
    if (key === "metadata" && isPlainObject(v)) {
      out.metadata = copyObjectWithout(v, SERVER_WRITTEN_METADATA);
    } else {
      const copy = typeof v === "object" ? copyValue(v) : v;
      if (key === "__proto__") setProto(out, copy);
      else out[key] = copy;
    }
  }
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
