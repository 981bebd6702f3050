/**
 * Reading caller data: the own-key access (only own enumerable keys are caller
 * data), the deep copy that every piece of caller data goes through (`null` as
 * absent, bounded depth, no cycles), and the error of a reading that threw (a
 * getter, a proxy). Nothing here imports Pulumi.
 */
import { FlameRunnerPodError, type RunnerPodIssue } from "../errors";
import { issue } from "../issues/issue";
import { describeThrown } from "../issues/message";
import { FieldPath, type PathSegment } from "../issues/path";
import { isPlainObject, type PlainObject } from "../plain";

/**
 * How deep caller data may nest: 100 levels of objects and lists. A pod
 * manifest nests about 12 levels deep; data deeper than this is refused
 * (with the path where the limit is passed) instead of overflowing the stack.
 */
export const MAX_DEPTH = 100;

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

/** Thrown inside a copy that passes {@link MAX_DEPTH}; turned into an issue by {@link copyPlain}. */
class TooDeep {}

/**
 * Enters an object or list of a copy that nests `depth` levels below the
 * copy's root: the guard against data too deep and against cycles (a cycle
 * nests without end). For the typed copies (`./generated/pod-copy.ts`).
 *
 * @param depth - the object's or list's own depth (the root's is 0).
 * @throws TooDeep (turned into the issue by the copy) past {@link MAX_DEPTH}.
 * @internal
 */
export function enter(depth: number): void {
  if (depth > MAX_DEPTH) throw new TooDeep();
}

/** The keys a copy of an object leaves out. */
export interface Skip {
  /** Whether the copy leaves `key` out. */
  has(key: string): boolean;
}

/**
 * A copy of one Kubernetes object type, generated from the Pod schema table
 * (`./generated/pod-copy.ts`): the same result as the generic copy
 * ({@link copyPlain}) of an object at `depth`, faster because each type's
 * copy stores its known fields by name. Fields it does not know, and values
 * of another type than the schema's, get the generic copy.
 *
 * @param object - the object to copy; not modified.
 * @param depth - how deep `object` nests below the copy's root.
 * @param skip - keys left out (only the root type's copy takes them).
 * @internal
 */
export type TypedCopy = (object: PlainObject, depth: number, skip?: Skip) => PlainObject;

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
 * @param typed - the copy of `value`'s Kubernetes type (see {@link TypedCopy}),
 *   used when `value` is an object; same result, faster. Default: the generic copy.
 * @returns the copy (`undefined` for `null`).
 * @throws FlameRunnerPodError at the path where a cycle closes or where the
 *   data nests deeper than {@link MAX_DEPTH}, or at `path` when reading the
 *   data threw (a getter; see {@link readingError}).
 */
export function copyPlain<T>(
  value: T,
  path: FieldPath = FieldPath.root("value"),
  typed?: TypedCopy,
): T {
  try {
    if (typed !== undefined && isPlainObject(value)) return typed(value, 0) as T;
    return copyValue(value, 0) as T;
  } catch (error) {
    throw copyError(value, path, error);
  }
}

/**
 * A deep copy of a list (as {@link copyPlain}) whose objects are of one
 * Kubernetes type, each copied by that type's copy (see {@link TypedCopy}):
 * the same result as `copyPlain(list, path)`, faster.
 *
 * @param list - the list to copy; not modified.
 * @param path - where `list` is, for the error: `template.env`...
 * @param item - the copy of the items' type, for example `copyEnvVar`.
 * @returns the copy of the present items.
 * @throws FlameRunnerPodError as {@link copyPlain}.
 */
export function copyPlainList<T>(list: readonly unknown[], path: FieldPath, item: TypedCopy): T[] {
  try {
    enter(0);
    const out: unknown[] = [];
    for (let i = 0; i < list.length; i++) {
      const value = list[i];
      if (value === null || value === undefined) continue;
      if (typeof value !== "object") out.push(value);
      else if (Array.isArray(value)) out.push(copyArray(value, 1));
      else out.push(item(value as PlainObject, 1));
    }
    return out as T[];
  } catch (error) {
    throw copyError(list, path, error);
  }
}

/** The error of a copy of `root` that failed: it went too deep, or reading threw. */
function copyError(root: unknown, path: FieldPath, error: unknown): FlameRunnerPodError {
  if (error instanceof TooDeep) return new FlameRunnerPodError([shapeIssue(root, path)]);
  return readingError(path, error);
}

/**
 * The copy of `value`, which nests `depth` levels below the root.
 *
 * @internal
 */
export function copyValue(value: unknown, depth: number): unknown {
  if (typeof value !== "object" || value === null) return value ?? undefined;
  return Array.isArray(value) ? copyArray(value, depth) : copyObject(value as PlainObject, depth);
}

/**
 * The copy of a list's present items; `depth` is the list's own.
 *
 * @internal
 */
export function copyArray(value: readonly unknown[], depth: number): unknown[] {
  enter(depth);
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
function copyObject(object: PlainObject, depth: number, skip?: Skip): PlainObject {
  enter(depth);
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

/**
 * What a copy leaves out of an object ({@link copyPlainOmitting}): a key mapped
 * to `true` is left out whole; a key mapped to a set of keys is copied without
 * those keys of its own.
 */
export type Omissions = ReadonlyMap<string, true | ReadonlySet<string>>;

/**
 * A deep copy of `object` (as {@link copyPlain}) without the keys `omit`
 * names. The keys copied without some of their own keys come last.
 *
 * @param object - the data to copy; not modified.
 * @param omit - what to leave out.
 * @param path - where `object` is, for the error: `callback`.
 * @param typed - the copy of `object`'s Kubernetes type, which takes the keys
 *   to skip (see {@link TypedCopy}); the keys copied without some of their own
 *   get the generic copy. Default: the generic copy.
 * @throws FlameRunnerPodError as {@link copyPlain}.
 */
export function copyPlainOmitting(
  object: PlainObject,
  omit: Omissions,
  path: FieldPath,
  typed?: TypedCopy,
): PlainObject {
  try {
    const out = (typed ?? copyObject)(object, 0, omit);
    for (const [key, inner] of omit) {
      if (inner === true) continue;
      const value = own(object, key);
      const copy = isPlainObject(value) ? copyObject(value, 1, inner) : copyValue(value, 1);
      if (copy !== undefined) setOwn(out, key, copy);
    }
    return out;
  } catch (error) {
    throw copyError(object, path, error);
  }
}
