/**
 * The copy of an env list of the input, specialised for env entries: the
 * same copy as {@link copyPlain} makes of the list (own enumerable keys in
 * their order, `null` left out, nested data copied with the depth and cycle
 * guard, the same error when reading throws), but an entry of the usual
 * forms `{ name, value }`, `{ name, valueFrom }` or `{ name }` is made as an
 * object literal, which V8 builds several times faster than an object that
 * gets its keys one at a time. Lists of hundreds of variables are common.
 */
import type { FieldPath } from "../issues/path";
import { isPlainObject, type PlainObject } from "../plain";
import { copyPlain, MAX_DEPTH, readingError, setOwn } from "./caller-data";

const hasOwn = Object.prototype.hasOwnProperty;

/** Thrown inside the copy that passes {@link MAX_DEPTH}: the list is then copied by copyPlain. */
class TooDeep {}

/**
 * Appends to `out` the copies that `keep` keeps of the entries of an env
 * list, each copied exactly as `copyPlain(list, path)` copies it.
 *
 * @param out - where the kept copies go; changed.
 * @param list - the caller's env list; not modified.
 * @param path - the list's path, for the error: `template.env`...
 * @param keep - whether a copy goes to `out`.
 * @returns `out`.
 * @throws FlameRunnerPodError as {@link copyPlain} on the list.
 * @internal
 */
export function appendEnvCopies<T>(
  out: T[],
  list: readonly unknown[],
  path: FieldPath,
  keep: (copy: unknown) => copy is T,
): T[] {
  const start = out.length;
  try {
    for (let i = 0; i < list.length; i++) {
      const entry: unknown = list[i];
      if (entry === null || entry === undefined) continue;
      const copy = isPlainObject(entry) ? copyEntry(entry) : copyValue(entry, 1);
      if (keep(copy)) out.push(copy);
    }
    return out;
  } catch (error) {
    if (!(error instanceof TooDeep)) throw readingError(path, error);
    // A cycle or data too deep: copyPlain finds where, and fails with the list's path.
    out.length = start;
    for (const copy of copyPlain(list as unknown[], path)) if (keep(copy)) out.push(copy);
    return out;
  }
}

/**
 * The copy of one entry (an object of the list, 1 level below it): its keys
 * read in order, each value copied as soon as it is read. The first two keys
 * are held apart until the end, to make the usual forms literals.
 */
function copyEntry(entry: PlainObject): PlainObject {
  let k1: string | undefined;
  let v1: unknown;
  let k2: string | undefined;
  let v2: unknown;
  let rest: PlainObject | undefined;
  for (const key in entry) {
    if (!hasOwn.call(entry, key)) continue;
    const value = entry[key];
    if (value === null || value === undefined) continue;
    const copy = copyValue(value, 2);
    if (k1 === undefined) {
      k1 = key;
      v1 = copy;
    } else if (k2 === undefined) {
      k2 = key;
      v2 = copy;
    } else {
      rest ??= {};
      setOwn(rest, key, copy);
    }
  }
  if (rest === undefined && k1 === "name") {
    if (k2 === "value") return { name: v1, value: v2 };
    if (k2 === "valueFrom") return { name: v1, valueFrom: v2 };
    if (k2 === undefined) return { name: v1 };
  }
  const out: PlainObject = {};
  if (k1 !== undefined) setOwn(out, k1, v1);
  if (k2 !== undefined) setOwn(out, k2, v2);
  for (const key in rest) if (hasOwn.call(rest, key)) setOwn(out, key, rest[key]);
  return out;
}

/** The copy of a value (not `null`) that nests `depth` levels below the list, as copyPlain copies it. */
function copyValue(value: unknown, depth: number): unknown {
  if (typeof value !== "object" || value === null) return value;
  if (depth > MAX_DEPTH) throw new TooDeep();
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      if (item !== null && item !== undefined) out.push(copyValue(item, depth + 1));
    }
    return out;
  }
  const out: PlainObject = {};
  for (const key in value) {
    if (!hasOwn.call(value, key)) continue;
    const item = (value as PlainObject)[key];
    if (item !== null && item !== undefined) setOwn(out, key, copyValue(item, depth + 1));
  }
  return out;
}
