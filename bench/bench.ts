/**
 * `npm run bench [-- --json]`: what the library costs on this machine.
 *
 * 1. The pure rules: microseconds per manifest for four cases, against the
 *    `structuredClone` floor of the same parent pod.
 * 2. The component under the Pulumi mock engine: N FlameRunnerPods against N
 *    plain Pods with the same final spec (see SIZES), each run in a fresh
 *    process, component and plain back to back; wall time and heap per
 *    resource, and their ratios; at N = 1,000 also against the empty-component
 *    floor.
 * 3. The offline preview of examples/basic, end to end, as a process.
 * 4. Validation at scale: a pod with a list of 100,000 entries (volumes, env,
 *    ports, containers, volume mounts), milliseconds per validation.
 * 5. Where Elixir and a flame_k8s_backend v0.3.3 checkout are at hand
 *    (bench/elixir.ts): the pure cases against the reference's manifest/4,
 *    in alternating rounds.
 * 6. `flame-runner-pod check`'s start time against a bare `node -e 0`.
 *
 * `npm run bench -- --pure` runs only 1, 4, 5 and 6 (seconds instead of minutes).
 * The component runs at N = 100 and 1,000; `--large` adds N = 5,000 and the
 * growth from 1,000 to 5,000 (about a minute and a half more).
 * Plain Node, never timed in tests: the targets are checked against this
 * run's figures and printed last (`targets.ts`); the exit code is 1 when one
 * misses.
 */
import { execFileSync, spawnSync } from "node:child_process";
import * as path from "node:path";
import { benchElixir, printElixir } from "./elixir";
import { benchPure, type PureResult } from "./pure";
import { benchScale, type ScaleResult } from "./scale";
import { benchStart, printStart } from "./start";
import { median, round } from "./stats";
import {
  componentTargets,
  printTargets,
  pureTargets,
  startTargets,
  type GrowthFigures,
  type TargetResult,
} from "./targets";

/** One component-versus-plain comparison at one N. */
interface ComponentResult {
  n: number;
  /** Pairs of runs (component, plain); the run of median wall time of each variant is reported. */
  runs: number;
  componentMs: number;
  plainMs: number;
  /** Median over the pairs of componentMs / plainMs, each pair run back to back. */
  ratio: number;
  componentCpuMs: number;
  plainCpuMs: number;
  cpuRatio: number;
  heapPerComponentKb: number;
  heapPerPlainKb: number;
  heapRatio: number;
  /** Empty component + plain pod, where measured (see SIZES). */
  floorMs?: number;
  /** floorMs / plainMs: Pulumi's own price for a component around a pod. */
  floorRatio?: number;
  /** Median over pairs of runs, component and floor back to back, of componentMs / floorMs. */
  floorPairRatio?: number;
  heapPerFloorKb?: number;
}

/** What a worker process declares: FlameRunnerPods, plain Pods, or the empty-component floor. */
type Variant = "component" | "plain" | "floor";

interface WorkerOutput {
  n: number;
  ms: number;
  cpuMs: number;
  heapBytes: number;
}

/**
 * The sizes the component runs at, and how: `runs` pairs of runs (the median
 * is reported; one run at the largest N keeps the bench short); `floor`,
 * each component run followed by a run of the floor: an empty component
 * with one plain pod child and registerOutputs, no rules, which is what any
 * component declaring one pod costs in Pulumi (the target against it is the
 * median of those back-to-back ratios); `large`, only with `--large`.
 */
const SIZES: readonly { n: number; runs: number; floor?: true; large?: true }[] = [
  { n: 100, runs: 2 },
  { n: 1000, runs: 3, floor: true },
  { n: 5000, runs: 1, large: true },
];

const root = path.resolve(__dirname, "..");
const tsNode = ["-r", "ts-node/register/transpile-only"];

function runWorker(variant: Variant, n: number): WorkerOutput {
  const out = execFileSync(
    process.execPath,
    ["--expose-gc", ...tsNode, path.join("bench", "component-worker.ts"), variant, String(n)],
    { cwd: root, encoding: "utf8", maxBuffer: 16 * 1024 * 1024 },
  );
  const line = out.trim().split("\n").pop() ?? "";
  return JSON.parse(line) as WorkerOutput;
}

/** The run of median wall time among `runs`. */
function medianRun(runs: readonly WorkerOutput[]): WorkerOutput {
  const mid = median(runs.map((r) => r.ms));
  return runs.reduce((best, r) => (Math.abs(r.ms - mid) < Math.abs(best.ms - mid) ? r : best));
}

/**
 * `runs` pairs of runs, component and plain, one right after the other (the
 * order alternates): this machine's speed drifts by up to 1.6x over tens of
 * seconds, so a ratio is only taken within a pair.
 */
function pairedRuns(n: number, runs: number, withFloor: boolean) {
  const component: WorkerOutput[] = [];
  const plain: WorkerOutput[] = [];
  const floor: WorkerOutput[] = [];
  const ratios: number[] = [];
  const cpuRatios: number[] = [];
  const floorPairRatios: number[] = [];
  for (let i = 0; i < runs; i++) {
    let c: WorkerOutput;
    let p: WorkerOutput;
    if (i % 2 === 0) {
      c = runWorker("component", n);
      p = runWorker("plain", n);
    } else {
      p = runWorker("plain", n);
      c = runWorker("component", n);
    }
    component.push(c);
    plain.push(p);
    ratios.push(c.ms / p.ms);
    cpuRatios.push(c.cpuMs / p.cpuMs);
    if (withFloor) {
      // Right after the component run (the plain run sits between them every other time).
      const f = runWorker("floor", n);
      floor.push(f);
      floorPairRatios.push(c.ms / f.ms);
    }
  }
  return {
    component: medianRun(component),
    plain: medianRun(plain),
    ratio: median(ratios),
    cpuRatio: median(cpuRatios),
    floor: withFloor ? { run: medianRun(floor), pairRatio: median(floorPairRatios) } : undefined,
  };
}

function benchComponent(large: boolean): ComponentResult[] {
  return SIZES.filter((size) => large || !size.large).map(({ n, runs, floor: withFloor }) => {
    const { component, plain, floor, ratio, cpuRatio } = pairedRuns(n, runs, withFloor === true);
    const heapPerComponentKb = component.heapBytes / n / 1024;
    const heapPerPlainKb = plain.heapBytes / n / 1024;
    return {
      n,
      runs,
      componentMs: round(component.ms, 1),
      plainMs: round(plain.ms, 1),
      ratio: round(ratio),
      componentCpuMs: round(component.cpuMs, 1),
      plainCpuMs: round(plain.cpuMs, 1),
      cpuRatio: round(cpuRatio),
      heapPerComponentKb: round(heapPerComponentKb, 1),
      heapPerPlainKb: round(heapPerPlainKb, 1),
      heapRatio: round(heapPerComponentKb / heapPerPlainKb),
      ...(floor && {
        floorMs: round(floor.run.ms, 1),
        floorRatio: round(floor.run.ms / plain.ms),
        floorPairRatio: round(floor.pairRatio),
        heapPerFloorKb: round(floor.run.heapBytes / n / 1024, 1),
      }),
    };
  });
}

function benchPreview(): number {
  const start = process.hrtime.bigint();
  const result = spawnSync(
    process.execPath,
    [...tsNode, path.join("scripts", "preview.ts"), "examples/basic"],
    {
      cwd: root,
      encoding: "utf8",
    },
  );
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0)
    throw new Error(`offline preview failed:\n${result.stdout}\n${result.stderr}`);
  return round(ms, 0);
}

function printPure(pure: PureResult[]): void {
  console.log("Pure rules (validation included), median µs per manifest");
  console.log(
    `| case | µs/manifest | structuredClone floor µs | ratio | of which validation µs | of which API-server checks µs |`,
  );
  console.log("|---|---:|---:|---:|---:|---:|");
  for (const p of pure) {
    console.log(
      `| ${p.case} | ${p.usPerManifest} | ${p.floorUs} | ${p.ratio} | ${p.validationUs} | ${p.apiChecksUs} |`,
    );
  }
}

function printScale(scale: ScaleResult[]): void {
  console.log("\nValidation of a pod with a 100,000-entry list, median ms per validatePodManifest");
  console.log("| list | entries | ms | issues |");
  console.log("|---|---:|---:|---:|");
  for (const s of scale) console.log(`| ${s.case} | ${s.entries} | ${s.ms} | ${s.issues} |`);
}

function printTable(
  component: ComponentResult[],
  growth: Growth | undefined,
  previewMs: number,
): void {
  console.log(
    "\nComponent under the mock engine, one process per run, component and plain runs in back-to-back pairs (ratio: median of the pairs)",
  );
  console.log(
    "| N | runs | FlameRunnerPod ms | plain Pod ms | ratio | CPU ratio | heap/component KiB | heap/plain KiB | heap ratio |",
  );
  console.log("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
  for (const c of component) {
    console.log(
      `| ${c.n} | ${c.runs} | ${c.componentMs} | ${c.plainMs} | ${c.ratio} | ${c.cpuRatio} | ${c.heapPerComponentKb} | ${c.heapPerPlainKb} | ${c.heapRatio} |`,
    );
  }
  for (const c of component.filter((c) => c.floorMs !== undefined)) {
    console.log(
      `\nFloor at N=${c.n}: an empty component around a plain pod takes ${c.floorMs} ms, ${c.floorRatio}x plain (${c.heapPerFloorKb} KiB heap each); FlameRunnerPod ${c.ratio}x plain, ${c.floorPairRatio}x the floor (paired runs)`,
    );
  }
  if (growth !== undefined) {
    console.log(
      `\nGrowth of time from N=1000 to N=5000: FlameRunnerPod ${growth.component}x, plain Pod ${growth.plain}x (linear is 5x)`,
    );
  }
  console.log(`Offline preview of examples/basic, as a process: ${previewMs} ms`);
}

/** Growth of time from N = 1,000 to 5,000. */
type Growth = GrowthFigures;

function growthOf(component: readonly ComponentResult[]): Growth {
  const at = (n: number) => component.find((c) => c.n === n)!;
  return {
    component: round(at(5000).componentMs / at(1000).componentMs),
    plain: round(at(5000).plainMs / at(1000).plainMs),
  };
}

/** Prints the verdicts (unless the output is JSON, which holds them) and sets the exit code. */
function finish(targets: TargetResult[], json: boolean): void {
  if (!json) printTargets(targets);
  if (targets.some((t) => !t.holds)) process.exitCode = 1;
}

async function main(): Promise<void> {
  const started = process.hrtime.bigint();
  const json = process.argv.includes("--json");
  const pure = benchPure();
  const elixir = await benchElixir();
  const scale = benchScale();
  const start = benchStart();
  if (process.argv.includes("--pure")) {
    const targets = [...pureTargets(pure, scale, elixir), ...startTargets(start)];
    if (json) console.log(JSON.stringify({ pure, elixir, scale, start, targets }));
    else {
      printPure(pure);
      printElixir(elixir);
      printScale(scale);
      printStart(start);
    }
    finish(targets, json);
    return;
  }
  const large = process.argv.includes("--large");
  const component = benchComponent(large);
  const growth = large ? growthOf(component) : undefined;
  const previewMs = benchPreview();
  const wholeSeconds = round(Number(process.hrtime.bigint() - started) / 1e9, 0);
  const targets = [
    ...pureTargets(pure, scale, elixir),
    ...startTargets(start),
    ...componentTargets(component, large ? undefined : wholeSeconds, growth),
  ];
  if (json) {
    console.log(
      JSON.stringify({
        pure,
        elixir,
        scale,
        start,
        component,
        ...(growth && {
          growth1000to5000: growth.component,
          plainGrowth1000to5000: growth.plain,
        }),
        previewMs,
        wholeSeconds,
        targets,
      }),
    );
  } else {
    printPure(pure);
    printElixir(elixir);
    printScale(scale);
    printStart(start);
    printTable(component, growth, previewMs);
    console.log(`The whole bench: ${wholeSeconds} s`);
  }
  finish(targets, json);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
