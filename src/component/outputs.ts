/**
 * Output helpers of {@link FlameRunnerPod} that spare Pulumi's deep copies.
 *
 * `pulumi.output(value)` copies every object inside `value` to find nested
 * Outputs, and `pulumi.all([...])` does it again for the value of every Output
 * it is given. A parent pod is a large object and the rules copy what they use
 * anyway, so the component wraps plain data as it is and nests `apply` calls
 * (which lift an Output returned by the callback without copying) instead of
 * combining large values with `pulumi.all`.
 */
import * as pulumi from "@pulumi/pulumi";

/** Deeper than any pod manifest: past this, `pulumi.output` takes over (and reports cycles). */
const MAX_DEPTH = 64;

/**
 * Whether `value` is plain data: strings, numbers, booleans, arrays and
 * objects, with no Output, Promise or other thenable anywhere inside.
 *
 * @param value - any value; not modified.
 */
export function isPlainData(value: unknown, depth = 0): boolean {
  if (typeof value !== "object" || value === null) return typeof value !== "function";
  if (depth > MAX_DEPTH || pulumi.Output.isInstance(value)) return false;
  if (typeof (value as { then?: unknown }).then === "function") return false;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) if (!isPlainData(value[i], depth + 1)) return false;
    return true;
  }
  for (const key in value) {
    if (!isPlainData((value as Record<string, unknown>)[key], depth + 1)) return false;
  }
  return true;
}

/**
 * An Output of `value`: plain data as it is (not copied: the caller must not
 * change it), anything else through `pulumi.output`, which unwraps nested
 * Outputs and Promises and carries their secretness and dependencies.
 *
 * @param value - a plain value, an Output, a Promise, or an object holding them.
 */
export function outputOf<T>(value: pulumi.Input<T> | T): pulumi.Output<T> {
  if (isPlainData(value)) return pulumi.output(0).apply(() => value as T);
  return pulumi.output(value).apply((resolved) => resolved as T);
}
