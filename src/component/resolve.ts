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
import * as pulumi from "@pulumi/pulumi";

/** A value that is known now, or an Output of it. */
export type Eventually<T> = T | pulumi.Output<T>;

/** A resolved value and the secret values found on the way (whole, as resolved). */
export interface Resolved<T = unknown> {
  /** The value, with every Input inside replaced by its value. */
  value: T;
  /** The values of the secret Outputs met inside (objects included). */
  secrets: readonly unknown[];
}

/** Deeper than any pod manifest: past this, a value is taken as it is. */
const MAX_DEPTH = 64;

/**
 * Whether `value` is plain data: strings, numbers, booleans, arrays and
 * objects, with no Output, Promise or other thenable anywhere inside.
 *
 * @param value - any value; not modified.
 */
export function isPlainData(value: unknown, depth = 0): boolean {
  if (typeof value !== "object" || value === null) return typeof value !== "function";
  if (depth > MAX_DEPTH || pulumi.Output.isInstance(value) || isThenable(value)) return false;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) if (!isPlainData(value[i], depth + 1)) return false;
    return true;
  }
  for (const key in value) {
    if (!isPlainData((value as Record<string, unknown>)[key], depth + 1)) return false;
  }
  return true;
}

/** Whether `value` has a `then` method (a Promise or another thenable). */
export function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    (typeof value === "object" || typeof value === "function") &&
    value !== null &&
    typeof (value as { then?: unknown }).then === "function"
  );
}

/**
 * `next(value)`, at once for a value known now, in an `apply` for an Output
 * (which lifts an Output `next` returns).
 */
export function then<T, R>(
  value: pulumi.Output<T>,
  next: (value: T) => Eventually<R>,
): pulumi.Output<R>;
export function then<T, R>(value: Eventually<T>, next: (value: T) => Eventually<R>): Eventually<R>;
export function then<T, R>(value: Eventually<T>, next: (value: T) => Eventually<R>): Eventually<R> {
  // apply lifts an Output its function returns: the result holds an R.
  return pulumi.Output.isInstance(value) ? (value.apply(next) as pulumi.Output<R>) : next(value);
}

/**
 * `value` with every Input inside unwrapped, and the secret values met.
 *
 * Only own enumerable keys are read. An Output's value is taken without its
 * secrecy (recorded in `secrets` instead); an Output or Promise that fails
 * makes the result fail with `fail(error)`.
 *
 * @param value - any value; not modified (plain data is returned as it is, not copied).
 * @param fail - turns what a failed Output or Promise rejected with into the error to fail with.
 */
export function resolve(
  value: unknown,
  fail: (error: unknown) => Error,
  depth = 0,
): Eventually<Resolved> {
  if (depth > MAX_DEPTH || isPlainData(value)) return { value, secrets: [] };
  if (pulumi.Output.isInstance(value) || isThenable(value)) {
    return then(settled(value), (result) => {
      if ("error" in result) throw fail(result.error);
      return then(resolve(result.value, fail, depth + 1), (inner) =>
        result.secret ? { value: inner.value, secrets: [...inner.secrets, inner.value] } : inner,
      );
    });
  }
  const entries = Object.entries(value as object);
  const out: Record<string, unknown> | unknown[] = Array.isArray(value) ? [] : {};
  const secrets: unknown[] = [];
  const from = (start: number): Eventually<Resolved> => {
    for (let i = start; i < entries.length; i++) {
      const [key, entry] = entries[i];
      const resolved = resolve(entry, fail, depth + 1);
      if (pulumi.Output.isInstance(resolved)) {
        return then(resolved, (r) => {
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
      (v): Settled => ({ value: v, secret: false }),
      (error: unknown): Settled => ({ error }),
    );
    return pulumi.output(true).apply(() => promise);
  }
  // pulumi.isSecret settles once the value has, and rejects with its error.
  const secret = pulumi.isSecret(value).then(
    (s) => ({ secret: s }),
    (error: unknown) => ({ error }),
  );
  return then<{ secret: boolean } | { error: unknown }, Settled>(
    pulumi.output(true).apply(() => secret),
    (s) =>
      "error" in s
        ? s
        : pulumi.unsecret(value).apply((v): Settled => ({ value: v, secret: s.secret })),
  );
}
