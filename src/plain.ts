/**
 * The checks on plain data that every layer shares: the one object check
 * ({@link isPlainObject}), the one thenable check ({@link isThenable}), the
 * absent and non-empty-string checks of the rules, and a deep comparison.
 * Everything here works on JSON-like data (objects, arrays, strings, numbers,
 * booleans). The lowest layer with `src/issues/`: imports nothing of the library.
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

/**
 * Whether `value` has a `then` method (a Promise or another thenable).
 *
 * @param value - any value.
 * @throws what reading `then` throws (a getter, a proxy): a caller that reads
 *   caller data turns it into its own error (see `isThenableResult` in
 *   `src/rules/callback.ts`).
 */
export function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    (typeof value === "object" || typeof value === "function") &&
    value !== null &&
    typeof (value as { then?: unknown }).then === "function"
  );
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
