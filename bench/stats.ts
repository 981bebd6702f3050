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

/** Medians of {@link pairedMicros}. */
export interface PairedMicros {
  /** Median µs per call of the measured function. */
  us: number;
  /** Median µs per call of the floor. */
  floorUs: number;
  /** Median of the per-repetition ratios us / floorUs. */
  ratio: number;
}

/**
 * Microseconds per call of `fn` and of `floor`, measured in alternating
 * batches so that both see the same machine: this machine's speed drifts by
 * up to 1.6x over seconds, which would skew two separate measurements.
 */
export function pairedMicros(
  fn: () => unknown,
  floor: () => unknown,
  { batch = 1000, repetitions = 25, warmup = 5000 } = {},
): PairedMicros {
  let sink: unknown;
  for (let i = 0; i < warmup; i++) {
    sink = fn();
    sink = floor();
  }
  const time = (f: () => unknown): number => microsPerCall(f, batch);
  const us: number[] = [];
  const floors: number[] = [];
  const ratios: number[] = [];
  for (let r = 0; r < repetitions; r++) {
    const a = time(fn);
    const b = time(floor);
    us.push(a);
    floors.push(b);
    ratios.push(a / b);
  }
  if (sink === Symbol.for("never")) console.log(sink);
  return { us: median(us), floorUs: median(floors), ratio: median(ratios) };
}

/** Microseconds per call of `fn`, called `batch` times in a row. */
export function microsPerCall(fn: () => unknown, batch: number): number {
  let sink: unknown;
  const start = process.hrtime.bigint();
  for (let i = 0; i < batch; i++) sink = fn();
  const us = Number(process.hrtime.bigint() - start) / 1000 / batch;
  if (sink === Symbol.for("never")) console.log(sink);
  return us;
}
