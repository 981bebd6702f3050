/**
 * Unwrapping the Inputs among the arguments of {@link FlameRunnerPod}, noting
 * which values were secret, so that the runner pod can keep secrecy on the
 * values that carry it instead of on the whole pod.
 *
 * Plain data (most programs) is used as it is: no copy, no Output. Each Output
 * or Promise inside a value costs one `apply`; a value that is not known yet
 * (a preview) leaves the result unknown, and a failed one makes the result
 * fail with the error `fail` gives.
 */
import { FieldPath } from "../issues/path";
import * as pulumi from "@pulumi/pulumi";
import { isThenable } from "../plain";
import { MAX_DEPTH, readingError } from "../rules/caller-data";

/** A value that is known now, or an Output of it. */
export type Eventually<T> = T | pulumi.Output<T>;

/** A resolved value and the secret values found on the way (whole, as resolved). */
export interface Resolved<T = unknown> {
  /** The value, with every Input inside replaced by its value. */
  value: T;
  /** The values of the secret Outputs met inside (objects included). */
  secrets: readonly unknown[];
}

/**
 * Whether `value` is plain data: strings, numbers, booleans, functions
 * without a `then` method, arrays and objects, with no Output, Promise or
 * other thenable anywhere inside. (A function is plain: the checks of the
 * arguments refuse it at once, instead of waiting for a value it never has.)
 * Only own enumerable keys are read. Never throws: data whose reading throws
 * (a getter) is not plain, and {@link resolveInputs} reports it. A value met again
 * on its own path (a cycle), or nested deeper than the rules'
 * {@link MAX_DEPTH}, counts as plain: it is taken as it is, and the rules
 * report it at its path.
 *
 * @param value - any value; not modified.
 * @param depth - how deep `value` is in the data walked. Default: 0 (the root).
 * @param ancestors - the objects on the path to `value`. Default: none.
 */
export function isPlainData(value: unknown, depth = 0, ancestors: object[] = []): boolean {
  const length = ancestors.length;
  try {
    return plainData(value, depth, ancestors);
  } catch {
    return false;
  } finally {
    ancestors.length = length;
  }
}

/** {@link isPlainData}, which may throw what reading `value` throws. */
function plainData(value: unknown, depth: number, ancestors: object[]): boolean {
  if (typeof value !== "object" || value === null) {
    return typeof value !== "function" || !isThenable(value);
  }
  if (isTakenAsIs(value, depth, ancestors)) return true;
  if (pulumi.Output.isInstance(value) || isThenable(value)) return false;
  // An early `false` leaves `ancestors` as it is: isPlainData restores it.
  ancestors.push(value);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      if (!plainData(value[i], depth + 1, ancestors)) return false;
    }
  } else {
    for (const key in value) {
      if (!hasOwn.call(value, key)) continue;
      if (!plainData((value as Record<string, unknown>)[key], depth + 1, ancestors)) return false;
    }
  }
  ancestors.pop();
  return true;
}

const hasOwn = Object.prototype.hasOwnProperty;

/**
 * Whether an object is left for the rules to report: one of its own
 * ancestors (a cycle), or deeper than the rules' {@link MAX_DEPTH}.
 */
function isTakenAsIs(value: object, depth: number, ancestors: readonly object[]): boolean {
  return depth > MAX_DEPTH || ancestors.includes(value);
}

/**
 * `next(value)`, at once for a value known now, in an `apply` for an Output
 * (which lifts an Output `next` returns).
 */
export function whenKnown<T, R>(
  value: pulumi.Output<T>,
  next: (value: T) => Eventually<R>,
): pulumi.Output<R>;
export function whenKnown<T, R>(
  value: Eventually<T>,
  next: (value: T) => Eventually<R>,
): Eventually<R>;
export function whenKnown<T, R>(
  value: Eventually<T>,
  next: (value: T) => Eventually<R>,
): Eventually<R> {
  // apply lifts an Output its function returns: the result holds an R.
  return pulumi.Output.isInstance(value) ? (value.apply(next) as pulumi.Output<R>) : next(value);
}

/**
 * `value` with every Input inside unwrapped, and the secret values met.
 *
 * Only own enumerable keys are read. An Output's value is taken without its
 * secrecy (recorded in `secrets` instead); an Output or Promise that fails
 * makes the result fail with `fail(error)`. A value met again on its own path
 * (a cycle) or nested deeper than the rules' {@link MAX_DEPTH} is taken as it
 * is: the rules report it at its path.
 *
 * @param value - any value; not modified (plain data is returned as it is, not copied).
 * @param fail - turns what a failed Output or Promise rejected with into the error to fail with.
 * @param unreadable - turns what reading `value` threw (a getter) into the
 *   error given to `fail`. Default: the rules' reading error at path `args`.
 * @throws (or fails with) `fail(unreadable(error))` when reading `value` throws.
 */
export function resolveInputs(
  value: unknown,
  fail: (error: unknown) => Error,
  unreadable: (error: unknown) => Error = (error) => readingError(FieldPath.root("args"), error),
): Eventually<Resolved> {
  return resolveAt(value, { fail, unreadable }, 0, []);
}

/** What {@link resolveInputs} turns errors with. */
interface Failures {
  fail: (error: unknown) => Error;
  unreadable: (error: unknown) => Error;
}

/** {@link resolveInputs} of a value `depth` levels deep, below `ancestors`. */
function resolveAt(
  value: unknown,
  failures: Failures,
  depth: number,
  ancestors: object[],
): Eventually<Resolved> {
  if (isPlainData(value, depth, ancestors)) return { value, secrets: [] };
  const { fail, unreadable } = failures;
  let entries: [string, unknown][];
  try {
    if (pulumi.Output.isInstance(value) || isThenable(value)) {
      return whenKnown(settled(value), (result) => {
        if ("error" in result) throw fail(result.error);
        return whenKnown(resolveAt(result.value, failures, depth + 1, ancestors), (inner) =>
          result.secret ? { value: inner.value, secrets: [...inner.secrets, inner.value] } : inner,
        );
      });
    }
    entries = Object.entries(value as object);
  } catch (error) {
    throw fail(unreadable(error));
  }
  // Not plain, so an object (or array): its entries are below it on the path.
  const below = [...ancestors, value as object];
  const out: Record<string, unknown> | unknown[] = Array.isArray(value) ? [] : {};
  const secrets: unknown[] = [];
  const from = (start: number): Eventually<Resolved> => {
    for (let i = start; i < entries.length; i++) {
      const [key, entry] = entries[i];
      const resolved = resolveAt(entry, failures, depth + 1, below);
      if (pulumi.Output.isInstance(resolved)) {
        return whenKnown(resolved, (r) => {
          (out as Record<string, unknown>)[key] = r.value;
          secrets.push(...r.secrets);
          return from(i + 1);
        });
      }
      (out as Record<string, unknown>)[key] = resolved.value;
      secrets.push(...resolved.secrets);
    }
    return { value: out, secrets };
  };
  return from(0);
}

/** What an Output or Promise settled with: its value and secrecy, or its error. */
type Settled = { value: unknown; secret: boolean } | { error: unknown };

/**
 * An Output that never fails: the value (without secrecy) and whether it was
 * secret, or the error. Unknown while the value is.
 */
function settled(value: pulumi.Output<unknown> | PromiseLike<unknown>): pulumi.Output<Settled> {
  if (!pulumi.Output.isInstance(value)) {
    // A Promise: its value is never secret, and may hold Inputs (not unwrapped here).
    const promise = Promise.resolve(value).then(
      (v) => settledWith(v, false),
      (error: unknown): Settled => ({ error }),
    );
    return pulumi.output(true).apply(() => promise);
  }
  // pulumi.isSecret settles once the value has, and rejects with its error.
  const secret = pulumi.isSecret(value).then(
    (s) => ({ secret: s }),
    (error: unknown) => ({ error }),
  );
  return whenKnown<{ secret: boolean } | { error: unknown }, Settled>(
    pulumi.output(true).apply(() => secret),
    (s) => ("error" in s ? s : pulumi.unsecret(value).apply((v) => settledWith(v, s.secret))),
  );
}

/**
 * A settled value. `value` is not enumerable: Pulumi walks what an `apply`
 * returns for unknown values, reading every enumerable key, and a getter that
 * throws there would fail the Output with a foreign error before
 * {@link resolveInputs} reads the value (and reports it through `fail`).
 */
function settledWith(value: unknown, secret: boolean): Settled {
  return Object.defineProperty({ secret }, "value", { value, enumerable: false }) as Settled;
}
