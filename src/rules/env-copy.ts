/**
 * The copy of one env entry of the input, a {@link TypedCopy} for
 * `copyPlainList`: the same copy as the generic one (own enumerable keys in
 * their order, `null` left out, nested data copied with the depth and cycle
 * guard, `valueFrom` by its generated typed copy), but an entry of the usual forms `{ name, value }`,
 * `{ name, valueFrom }` or `{ name }` is made as an object literal, which V8
 * builds several times faster than an object that gets its keys one at a
 * time. Lists of hundreds of variables are common.
 */
import { isPlainObject, type PlainObject } from "../plain";
import { copyValue, enter, setOwn, type TypedCopy } from "./caller-data";
import { copyEnvVarSource } from "./generated/pod-copy";

const hasOwn = Object.prototype.hasOwnProperty;

/**
 * The copy of one env entry that nests `depth` levels below the root: its
 * keys read in order, each value copied as soon as it is read. The first two
 * keys are held apart until the end, to make the usual forms literals.
 *
 * @internal
 */
export const copyEnvEntry: TypedCopy = (entry: PlainObject, depth: number): PlainObject => {
  enter(depth);
  let k1: string | undefined;
  let v1: unknown;
  let k2: string | undefined;
  let v2: unknown;
  let rest: PlainObject | undefined;
  for (const key in entry) {
    if (!hasOwn.call(entry, key)) continue;
    const value = entry[key];
    if (value === null || value === undefined) continue;
    const copy =
      key === "valueFrom" && isPlainObject(value)
        ? copyEnvVarSource(value, depth + 1)
        : copyValue(value, depth + 1);
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
};
