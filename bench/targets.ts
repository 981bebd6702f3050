/**
 * The bench's targets (bench/README.md, "Targets"), checked against the
 * figures of one run: each target with what was measured, its limit and
 * whether it holds. `npm run bench` prints them last and exits with 1 when
 * one misses.
 */
import type { ElixirComparison } from "./elixir";
import type { PureResult } from "./pure";
import type { ScaleResult } from "./scale";
import type { StartResult } from "./start";

/** One target and its verdict. */
export interface TargetResult {
  /** What is measured, as bench/README.md names it. */
  target: string;
  /** The figure of this run. */
  measured: number;
  /** The limit: `measured` must be at most this (`below`: strictly less). */
  limit: number;
  /** Whether `measured` must be strictly below `limit`. */
  below: boolean;
  /** The unit of both, for the table: `µs`, `ms`, `x`, `s`. */
  unit: string;
  /** Whether the target holds (a skipped target holds: it was not measured). */
  holds: boolean;
  /** Why the target was not measured in this run; `measured` is then NaN. */
  skipped?: string;
}

/**
 * The pure rules, validation included, against flame_k8s_backend v0.3.3's
 * `manifest/4` (bench/elixir.ts): the median of the cases' ratios, each the
 * median of interleaved rounds, at most this. Checked where Elixir runs.
 */
export const ELIXIR_LIMIT = 0.9;

/** Every pure case: strictly under this many times its `structuredClone` floor. */
export const PURE_FLOOR_LIMIT = 0.5;

/** A 100,000-entry list through validation, in milliseconds ("well under a second"). */
export const SCALE_LIMIT_MS = 500;

/**
 * The component's limits, as ratios. (Against plain pods the bench prints
 * the ratio but checks no limit: bench/README.md, "Targets", says why.)
 */
export const COMPONENT_LIMITS = {
  /** Against the empty-component floor, in paired runs at N = 1,000. */
  againstFloor: 1.15,
  /** Heap per component against heap per plain pod, at every N (strictly below). */
  heap: 3,
  /**
   * With `--large`: the component's growth of time from N = 1,000 to 5,000,
   * divided by the plain pods' growth in the same run.
   */
  growth: 1.25,
};

/** `flame-runner-pod check` of a JSON parent against a bare `node -e 0`, as a ratio. */
export const CHECK_START_LIMIT = 1.5;

/** The whole `npm run bench` (without `--large`), in seconds. */
export const WHOLE_BENCH_LIMIT_S = 180;

/** The growth of time from N = 1,000 to 5,000 (with `--large`). */
export interface GrowthFigures {
  component: number;
  plain: number;
}

/** The component figures the targets read. */
export interface ComponentFigures {
  n: number;
  heapRatio: number;
  /** Median of paired component / floor runs, where measured. */
  floorPairRatio?: number;
}

function target(
  name: string,
  measured: number,
  limit: number,
  unit: string,
  below = false,
): TargetResult {
  return {
    target: name,
    measured,
    limit,
    below,
    unit,
    holds: below ? measured < limit : measured <= limit,
  };
}

/** The targets of the pure rules (against the Elixir reference, and their floors) and of validation at scale. */
export function pureTargets(
  pure: readonly PureResult[],
  scale: readonly ScaleResult[],
  elixir: ElixirComparison,
) {
  const out: TargetResult[] = [];
  const againstElixir = "pure rules against the Elixir reference (median of the cases)";
  if (elixir.ran) out.push(target(againstElixir, elixir.medianRatio, ELIXIR_LIMIT, "x"));
  else {
    out.push({
      ...target(againstElixir, NaN, ELIXIR_LIMIT, "x"),
      holds: true,
      skipped: elixir.skipped,
    });
  }
  for (const p of pure) {
    out.push(
      target(`pure rules, ${p.case}: ratio to its floor`, p.ratio, PURE_FLOOR_LIMIT, "x", true),
    );
  }
  for (const s of scale) {
    out.push(target(`validation of ${s.entries} ${s.case}`, s.ms, SCALE_LIMIT_MS, "ms", true));
  }
  return out;
}

/** The target of `check`'s start time (the JSON input; the YAML figure has none). */
export function startTargets(start: readonly StartResult[]): TargetResult[] {
  return start
    .filter((s) => s.input === "json")
    .map((s) => target("check's start time against node -e 0", s.ratio, CHECK_START_LIMIT, "x"));
}

/**
 * The targets of the component and of the whole run.
 *
 * @param wholeSeconds - how long the whole bench took; `undefined` with
 *   `--large`, which has no time limit.
 * @param growth - the growth from N = 1,000 to 5,000, with `--large`.
 */
export function componentTargets(
  component: readonly ComponentFigures[],
  wholeSeconds: number | undefined,
  growth?: GrowthFigures,
): TargetResult[] {
  const out: TargetResult[] = [];
  for (const c of component) {
    if (c.floorPairRatio !== undefined) {
      out.push(
        target(
          `component against the empty-component floor, N=${c.n}`,
          c.floorPairRatio,
          COMPONENT_LIMITS.againstFloor,
          "x",
        ),
      );
    }
  }
  for (const c of component) {
    out.push(
      target(
        `heap per component against a plain pod, N=${c.n}`,
        c.heapRatio,
        COMPONENT_LIMITS.heap,
        "x",
        true,
      ),
    );
  }
  if (growth !== undefined) {
    out.push(
      target(
        "growth from N=1000 to N=5000 against the plain pods' growth",
        Math.round((growth.component / growth.plain) * 100) / 100,
        COMPONENT_LIMITS.growth,
        "x",
      ),
    );
  }
  if (wholeSeconds !== undefined) {
    out.push(target("the whole bench", wholeSeconds, WHOLE_BENCH_LIMIT_S, "s"));
  }
  return out;
}

/** Prints the targets as a table. */
export function printTargets(targets: readonly TargetResult[]): void {
  console.log("\nTargets (bench/README.md)");
  console.log("| target | measured | limit | verdict |");
  console.log("|---|---:|---:|---|");
  for (const t of targets) {
    const limit = `${t.below ? "< " : "≤ "}${t.limit} ${t.unit}`;
    if (t.skipped !== undefined) {
      console.log(`| ${t.target} | not measured | ${limit} | skipped: ${t.skipped} |`);
      continue;
    }
    console.log(
      `| ${t.target} | ${t.measured} ${t.unit} | ${limit} | ${t.holds ? "holds" : "MISSES"} |`,
    );
  }
}
