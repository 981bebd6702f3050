/**
 * Output helpers of {@link FlameRunnerPod} that spare Pulumi's deep copies
 * and its per-Output machinery.
 *
 * `pulumi.output(value)` copies every object inside `value` to find nested
 * Outputs, and `pulumi.all([...])` does it again for the value of every Output
 * it is given. Each Output also costs about fifteen promises and as many
 * closures, alive until the engine answers (see `npm run bench`). A parent pod
 * is a large object, the rules copy what they use anyway, and most programs
 * pass plain data: so plain data is used as it is, and only the other inputs
 * are unwrapped, each by one nested `apply` (which lifts an Output returned
 * inside it without copying).
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

/** What {@link applyInputs} may return from its function: a value, a Promise or an Output. */
export type Lifted<R> = R | Promise<R> | pulumi.Output<R>;

/**
 * An Output of `build(baseValue, values)`, where `values` are the resolved
 * `inputs`, computed inside an `apply` of `base`.
 *
 * Plain data among `inputs` is passed as it is (not copied: the caller must
 * not change it). Every other input is unwrapped by one nested `apply`: an
 * Output's value as it is (unless it holds Inputs itself), anything else (a
 * Promise, or an object holding Inputs) through `pulumi.output`. The result
 * carries their secretness, their dependencies and, in a preview, their
 * unknowns (`build` then does not run). With only plain inputs, this costs
 * one Output.
 *
 * @param base - the Output the result derives from (its value is `build`'s first argument).
 * @param inputs - the other values `build` needs, each plain or an Input; not modified.
 * @param build - computes the result from the resolved values; may return a
 *   Promise or an Output, which are lifted into the result.
 */
export function applyInputs<B, R>(
  base: pulumi.Output<B>,
  inputs: readonly unknown[],
  build: (baseValue: B, values: unknown[]) => Lifted<R>,
): pulumi.Output<R> {
  return base.apply((baseValue) => {
    const values = [...inputs];
    const from = (start: number): Lifted<R> => {
      for (let i = start; i < values.length; i++) {
        const value = values[i];
        if (isPlainData(value)) continue;
        // An Output's value is taken as it is, unless it holds Inputs itself;
        // anything else goes through pulumi.output, which unwraps it whole.
        const isOutput = pulumi.Output.isInstance(value);
        const input = (isOutput ? value : pulumi.output(value)) as pulumi.Output<unknown>;
        // apply lifts what `from` returns: a value, a Promise or an Output.
        return input.apply((resolved) => {
          values[i] = resolved;
          return from(isOutput && !isPlainData(resolved) ? i : i + 1);
        }) as pulumi.Output<R>;
      }
      return build(baseValue, values);
    };
    return from(0);
  }) as pulumi.Output<R>;
}
