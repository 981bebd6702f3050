/** Small statistics helpers for the benchmark. */

/** The median of `values` (which is not changed). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** `value` rounded to `digits` decimals. */
export function round(value: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/**
 * Microseconds per call of `fn`: `warmup` calls first, then `repetitions`
 * timed batches of `batch` calls each; returns the median batch.
 */
export function microsPerCall(
  fn: () => unknown,
  { batch = 2000, repetitions = 9, warmup = 5000 } = {},
): number {
  let sink: unknown;
  for (let i = 0; i < warmup; i++) sink = fn();
  const samples: number[] = [];
  for (let r = 0; r < repetitions; r++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < batch; i++) sink = fn();
    const ns = Number(process.hrtime.bigint() - start);
    samples.push(ns / 1000 / batch);
  }
  if (sink === Symbol.for("never")) console.log(sink);
  return median(samples);
}
