/**
 * Plain-data helpers of the runner pod rules: the deep copy that every piece
 * of caller data goes through (own enumerable keys only, `null` as absent,
 * bounded depth, no cycles), the removal of fields that only the API server
 * writes, and a deep comparison. Everything here works on JSON-like data
 * (objects, arrays, strings, numbers, booleans); nothing imports Pulumi.
 */
import { FlameRunnerPodError, type RunnerPodIssue } from "../errors";
import { issue } from "../issues/issue";
import { describeThrown } from "../issues/message";
import { FieldPath, type PathSegment } from "../issues/path";

/** A JSON-like object: what a manifest, a template or a callback result is made of. */
export type PlainObject = Record<string, unknown>;

/**
 * How deep caller data may nest: 100 levels of objects and lists. A pod
 * manifest nests about 12 levels deep; data deeper than this is refused
 * (with the path where the limit is passed) instead of overflowing the stack.
 */
export const MAX_DEPTH = 100;

/**
 * Whether `value` is an object that is not an array (and not `null`).
 *
 * @param value - any value.
 */
export function isPlainObject(value: unknown): value is PlainObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Whether `value` is absent: `null` or `undefined` (the rules read `null` as absent).
 *
 * @param value - any value.
 */
export function isAbsent(value: unknown): value is null | undefined {
  return value === null || value === undefined;
}

/**
 * `value` when it is a non-empty string, else `undefined`.
 *
 * @param value - any value.
 */
export function nonEmptyString(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

const hasOwn = Object.prototype.hasOwnProperty;

/**
 * The value of `object`'s own property `key`, or `undefined`: an inherited
 * property is not caller data. (Caller data is JSON-like, so its own
 * properties are enumerable; the copies take only enumerable ones. The test
 * is `hasOwnProperty`, which V8 answers several times faster than
 * `propertyIsEnumerable`, on the path of every manifest.)
 *
 * @param object - the caller's object; not modified.
 * @param key - the property's name.
 */
export function own(object: object, key: string): unknown {
  return hasOwn.call(object, key) ? (object as PlainObject)[key] : undefined;
}

/**
 * Sets `key` on `target` as an own data property. For `__proto__` an
 * assignment would change the target's prototype instead (and hide the value
 * from JSON): it is defined as data, so validation reports it as an unknown
 * field under its own name.
 *
 * @param target - the object to set the key on; changed.
 * @param key - the key.
 * @param value - the value.
 */
export function setOwn(target: PlainObject, key: string, value: unknown): void {
  if (key === "__proto__") {
    Object.defineProperty(target, key, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  } else {
    target[key] = value;
  }
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

/** Thrown inside a copy that passes {@link MAX_DEPTH}; turned into an issue by {@link copyPlain}. */
class TooDeep {}

/**
 * A deep copy of plain data in which every `null` and `undefined` is absent:
 * object keys holding them are left out, array elements holding them are
 * removed. Shares no object with `value`. Only own enumerable keys are read
 * (class instances become plain objects, inherited keys are not caller
 * data); every copied object is a plain `{}` (a key `__proto__` is kept as
 * data, see {@link setOwn}). Functions and symbols are kept as they are.
 *
 * @param value - the data to copy; not modified.
 * @param path - where `value` is, for the error: `callback`, `template.env[2]`...
 *   Default: `value`.
 * @returns the copy (`undefined` for `null`).
 * @throws FlameRunnerPodError at the path where a cycle closes or where the
 *   data nests deeper than {@link MAX_DEPTH}, or at `path` when reading the
 *   data threw (a getter; see {@link readingError}).
 */
export function copyPlain<T>(value: T, path: FieldPath = FieldPath.root("value")): T {
  try {
    return copyValue(value, 0) as T;
  } catch (error) {
    throw copyError(value, path, error);
  }
}

/** The error of a copy of `root` that failed: it went too deep, or reading threw. */
function copyError(root: unknown, path: FieldPath, error: unknown): FlameRunnerPodError {
  if (error instanceof TooDeep) return new FlameRunnerPodError([shapeIssue(root, path)]);
  return readingError(path, error);
}

/** The copy of `value`, which nests `depth` levels below the root. */
function copyValue(value: unknown, depth: number): unknown {
  if (typeof value !== "object" || value === null) return value ?? undefined;
  return Array.isArray(value) ? copyArray(value, depth) : copyObject(value as PlainObject, depth);
}

/** The copy of a list's present items; `depth` is the list's own. */
function copyArray(value: readonly unknown[], depth: number): unknown[] {
  if (depth > MAX_DEPTH) throw new TooDeep();
  const out: unknown[] = [];
  for (let i = 0; i < value.length; i++) {
    const item = value[i];
    if (item === null || item === undefined) continue;
    // Strings, numbers and booleans (most values) need no call.
    if (typeof item !== "object") out.push(item);
    else if (Array.isArray(item)) out.push(copyArray(item, depth + 1));
    else out.push(copyObject(item as PlainObject, depth + 1));
  }
  return out;
}

/** The copy of an object's own enumerable keys, without the keys in `skip`; `depth` is the object's own. */
function copyObject(object: PlainObject, depth: number, skip?: ReadonlySet<string>): PlainObject {
  if (depth > MAX_DEPTH) throw new TooDeep();
  const out: PlainObject = {};
  // `for...in` filtered by `hasOwnProperty`: the keys of `Object.keys`,
  // without the array it allocates.
  for (const key in object) {
    if (!hasOwn.call(object, key) || skip?.has(key)) continue;
    const value = object[key];
    if (value === null || value === undefined) continue;
    const copy =
      typeof value !== "object"
        ? value
        : Array.isArray(value)
          ? copyArray(value, depth + 1)
          : copyObject(value as PlainObject, depth + 1);
    if (key === "__proto__") setOwn(out, key, copy);
    else out[key] = copy;
  }
  return out;
}

/**
 * Why a copy failed on `root`: the first place, in the copy's order, where a
 * value is one of its own ancestors (a cycle), or where the data nests deeper
 * than {@link MAX_DEPTH}. Runs only after a copy failed, so it may be slow.
 */
function shapeIssue(root: unknown, rootPath: FieldPath): RunnerPodIssue {
  const segments: PathSegment[] = [];
  const ancestors: object[] = [];
  const at = (parts: readonly PathSegment[]): FieldPath => rootPath.at(...parts);
  const find = (value: unknown): RunnerPodIssue | undefined => {
    if (typeof value !== "object" || value === null) return undefined;
    const loop = ancestors.indexOf(value);
    if (loop !== -1) {
      return issue(
        "caller-data-cycle",
        at(segments),
        `refers back to ${at(segments.slice(0, loop)).toString()}, which contains it (a cycle); a manifest must be a tree of plain data`,
      );
    }
    if (ancestors.length > MAX_DEPTH) {
      return issue(
        "caller-data-too-deep",
        at(segments),
        `nests deeper than ${MAX_DEPTH} levels (a pod manifest nests about 12); pass plain manifest data`,
      );
    }
    ancestors.push(value);
    const keys: PathSegment[] = Array.isArray(value) ? value.map((_, i) => i) : Object.keys(value);
    for (const key of keys) {
      segments.push(key);
      const found = find((value as PlainObject)[key]);
      segments.pop();
      if (found !== undefined) return found;
    }
    ancestors.pop();
    return undefined;
  };
  return (
    find(root) ?? issue("caller-data-too-deep", rootPath, `nests deeper than ${MAX_DEPTH} levels`)
  );
}

/**
 * The rules' error for caller data whose reading threw (a getter, a proxy):
 * the issue at `path`, with the original as `cause`.
 *
 * @param path - what was being read: `parentPod`, `template`...
 * @param error - what the reading threw.
 */
export function readingError(path: FieldPath, error: unknown): FlameRunnerPodError {
  const wrapped = new FlameRunnerPodError([
    issue(
      "caller-data-unreadable",
      path,
      `reading it threw ${describeThrown(error)}; pass plain data (no getters that throw)`,
    ),
  ]);
  wrapped.cause = error;
  return wrapped;
}

/**
 * Runs `read` on caller data: what it throws (a getter, a proxy) becomes the
 * rules' error at `path` ({@link readingError}), or the error `wrap` makes of
 * it; the rules' own errors pass.
 *
 * @param path - what is read: `parentPod`, `template`, `options`.
 * @param read - the reading.
 * @param wrap - makes the rules' error of what the reading threw. Default:
 *   {@link readingError} at `path`.
 */
export function readCallerData<T>(
  path: FieldPath,
  read: () => T,
  wrap?: (error: unknown) => FlameRunnerPodError,
): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof FlameRunnerPodError) throw error;
    throw wrap === undefined ? readingError(path, error) : wrap(error);
  }
}

/** Copied apart (`metadata`) or dropped (`status`). */
const STATUS_AND_METADATA: ReadonlySet<string> = new Set(["status", "metadata"]);

/**
 * A deep copy of a callback's result (as {@link copyPlain}) without `status`
 * and without the {@link SERVER_WRITTEN_METADATA_FIELDS} of `metadata`.
 *
 * @param manifest - the callback's result; not modified.
 * @param path - its path, for errors: `callback`.
 * @throws FlameRunnerPodError as {@link copyPlain}.
 */
export function copyWithoutServerFields(manifest: PlainObject, path: FieldPath): PlainObject {
  try {
    const out = copyObject(manifest, 0, STATUS_AND_METADATA);
    const metadata = own(manifest, "metadata");
    const copy = isPlainObject(metadata)
      ? copyObject(metadata, 1, SERVER_WRITTEN_METADATA)
      : copyValue(metadata, 1);
    if (copy !== undefined) out.metadata = copy;
    return out;
  } catch (error) {
    throw copyError(manifest, path, error);
  }
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
