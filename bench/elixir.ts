/**
 * The Elixir reference side by side: flame_k8s_backend v0.3.3's
 * `RunnerPodTemplate.manifest/4` on the bench's own cases (bench/pure.ts),
 * timed in a loop inside Elixir (bench/elixir/driver.exs), in rounds that
 * alternate with ours: in each round, each case's batch of ours and batch of
 * Elixir's back to back (ours first in even rounds, Elixir's in odd ones).
 * The ratio of each case is the median over the rounds of ours / Elixir's.
 *
 * It needs `elixir` on the PATH (Debian: `apt-get install elixir`) and a
 * checkout of mruoss/flame_k8s_backend at v0.3.3 whose path
 * {@link ELIXIR_CHECKOUT_VARIABLE} gives; without either it is skipped with a
 * line saying why. Not part of CI. `npm run bench` runs it; alone:
 * `npx ts-node --transpile-only bench/elixir.ts`.
 */
import { spawn, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as readline from "node:readline";
import { runnerPodManifest } from "../src";
import { ENCODED_PARENT } from "../test/fixtures/parent-pod";
import { BENCH_OPTIONS, fullManifestCallback, pureCases, type PureCase } from "./pure";
import { median, microsPerCall, round } from "./stats";

/** The environment variable that gives the path of the flame_k8s_backend checkout. */
export const ELIXIR_CHECKOUT_VARIABLE = "FLAME_K8S_BACKEND_DIR";

/** The reference module, relative to the checkout. */
const REFERENCE_MODULE = "lib/flame_k8s_backend/runner_pod_template.ex";

/** One case: µs per manifest, ours and Elixir's, medians over the rounds. */
export interface ElixirCaseResult {
  case: PureCase;
  ourUs: number;
  elixirUs: number;
  /** Median over the rounds of ours / Elixir's, each round's two batches back to back. */
  ratio: number;
}

/** The comparison, or why it did not run. */
export type ElixirComparison =
  | {
      ran: true;
      /** `elixir --version`'s last line. */
      elixir: string;
      checkout: string;
      rounds: number;
      cases: ElixirCaseResult[];
      /** The median of the cases' ratios: what the target checks. */
      medianRatio: number;
    }
  | { ran: false; skipped: string };

/** The cases as the driver reads them (JSON): the encoded parent and each case's parent and template. */
export function exportCases(): string {
  const cases = pureCases().map((c) => {
    let template: unknown;
    if (c.template === undefined) template = { kind: "default" };
    else if (c.template === fullManifestCallback) {
      // The callback's fixed part: what it returns for a parent without labels
      // and an app container without env (the driver adds the parent's).
      template = {
        kind: "callback",
        fixed: fullManifestCallback({ metadata: {}, spec: { containers: [] } }, { name: "app" }),
      };
    } else if (typeof c.template === "function") {
      throw new Error(`bench/elixir.ts has no Elixir counterpart for the callback of ${c.name}`);
    } else template = { kind: "object", ...c.template };
    return { name: c.name, parent: c.parent, template };
  });
  return JSON.stringify({ encodedParent: ENCODED_PARENT, cases });
}

/** Why the comparison cannot run here, or the Elixir version and the checkout. */
function prerequisites(): { skipped: string } | { elixir: string; checkout: string } {
  const checkout = process.env[ELIXIR_CHECKOUT_VARIABLE];
  if (checkout === undefined || checkout === "") {
    return {
      skipped: `${ELIXIR_CHECKOUT_VARIABLE} is not set (the path of a flame_k8s_backend v0.3.3 checkout)`,
    };
  }
  if (!fs.existsSync(path.join(checkout, REFERENCE_MODULE))) {
    return { skipped: `${checkout} has no ${REFERENCE_MODULE}` };
  }
  const version = spawnSync("elixir", ["--version"], { encoding: "utf8" });
  if (version.error !== undefined || version.status !== 0) {
    return { skipped: "elixir is not installed (Debian: apt-get install elixir)" };
  }
  const lines = version.stdout.trim().split("\n");
  return { elixir: lines[lines.length - 1], checkout };
}

/**
 * Runs the comparison: `rounds` rounds, each with one batch of ours and one of
 * Elixir's per case, back to back (`batch` manifests per batch).
 */
export async function benchElixir({ rounds = 41, batch = 500 } = {}): Promise<ElixirComparison> {
  const ready = prerequisites();
  if ("skipped" in ready) return { ran: false, skipped: ready.skipped };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "flame-bench-"));
  const casesFile = path.join(dir, "cases.json");
  fs.writeFileSync(casesFile, exportCases());
  const driver = path.join(__dirname, "elixir", "driver.exs");
  // One scheduler, as Node runs the rules on one thread, and no busy waiting:
  // an idle BEAM scheduler spins by default, which would take CPU from our
  // rounds on a small machine.
  const erl = "+S 1 +sbwt none +sbwtdcpu none +sbwtdio none";
  const child = spawn("elixir", ["--erl", erl, driver, ready.checkout, casesFile, String(batch)], {
    stdio: ["pipe", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const lines = readline.createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const nextLine = async (): Promise<string> => {
    const next = await lines.next();
    if (next.done === true) throw new Error(`the Elixir driver stopped:\n${stderr}`);
    return next.value as string;
  };
  try {
    const first = await nextLine();
    if (first.startsWith("skip: ")) return { ran: false, skipped: first.slice("skip: ".length) };
    if (first !== "ready") throw new Error(`the Elixir driver said ${first}:\n${stderr}`);
    const cases = pureCases();
    const ours = cases.map(
      (c) => () => runnerPodManifest(c.parent, c.template, ENCODED_PARENT, BENCH_OPTIONS),
    );
    for (const run of ours) microsPerCall(run, 5000); // warm-up, as bench/pure.ts
    const ourUs = cases.map((): number[] => []);
    const elixirUs = cases.map((): number[] => []);
    const ratios = cases.map((): number[] => []);
    const elixirBatch = async (i: number): Promise<number> => {
      child.stdin.write(`case ${i}\n`);
      return Number(await nextLine());
    };
    // Each case's two batches back to back, the order alternating by round.
    for (let r = 0; r < rounds; r++) {
      for (let i = 0; i < cases.length; i++) {
        let mine: number;
        let theirs: number;
        if (r % 2 === 0) {
          mine = microsPerCall(ours[i], batch);
          theirs = await elixirBatch(i);
        } else {
          theirs = await elixirBatch(i);
          mine = microsPerCall(ours[i], batch);
        }
        ourUs[i].push(mine);
        elixirUs[i].push(theirs);
        ratios[i].push(mine / theirs);
      }
    }
    const results = cases.map((c, i): ElixirCaseResult => ({
      case: c.name,
      ourUs: round(median(ourUs[i])),
      elixirUs: round(median(elixirUs[i])),
      ratio: round(median(ratios[i])),
    }));
    return {
      ran: true,
      elixir: ready.elixir,
      checkout: ready.checkout,
      rounds,
      cases: results,
      medianRatio: round(median(ratios.map((r) => median(r)))),
    };
  } finally {
    child.stdin.end("quit\n");
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Prints the comparison, or the line that says why it was skipped. */
export function printElixir(comparison: ElixirComparison): void {
  if (!comparison.ran) {
    console.log(`\nElixir reference: skipped, ${comparison.skipped}`);
    return;
  }
  console.log(
    `\nAgainst the Elixir reference (flame_k8s_backend at ${comparison.checkout}, ${comparison.elixir}): ` +
      `µs per manifest, ${comparison.rounds} alternating rounds (ratio: median of the rounds' ours / Elixir's)`,
  );
  console.log("| case | ours µs (rules and validation) | Elixir µs (manifest/4) | ratio |");
  console.log("|---|---:|---:|---:|");
  for (const c of comparison.cases) {
    console.log(`| ${c.case} | ${c.ourUs} | ${c.elixirUs} | ${c.ratio} |`);
  }
  console.log(`Median ratio over the cases: ${comparison.medianRatio}x`);
}

if (require.main === module) {
  benchElixir()
    .then(printElixir)
    .catch((error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    });
}
