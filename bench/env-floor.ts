/**
 * What one more env entry of the parent costs, against the least work the
 * rules' contract asks for it: a measurement behind bench/README.md's
 * "Issue 21, what the contract allows", not a target and not part of
 * `npm run bench`. Run: `npx ts-node --transpile-only bench/env-floor.ts`.
 *
 * - **ours**: `runnerPodManifest` of the "parent with 200 env" case minus
 *   the default case (the same parent with its 10 entries), per added entry.
 * - **least work**: one hand-fused pass that does, per entry, only what the
 *   contract asks on the happy path: read the entry's own keys, check each
 *   field's type and the name as the API server does, make the copy, and
 *   keep one entry per name without the removed names. No paths, no
 *   messages, no layers: a floor for any design, not a design.
 *
 * Both in alternating batches, as every figure of the bench (bench/stats.ts).
 */
import { REMOVED_ENV_NAMES, runnerPodManifest } from "../src";
import { isEnvVarName } from "../src/validation/formats";
import { ENCODED_PARENT } from "../test/fixtures/parent-pod";
import { BENCH_OPTIONS, pureCases } from "./pure";
import { median, microsPerCall, round } from "./stats";

/** An env entry as the least-work pass copies it. */
interface Entry {
  name: string;
  value?: string;
}

const REMOVED: ReadonlySet<string> = new Set(REMOVED_ENV_NAMES);
const hasOwn = Object.prototype.hasOwnProperty;

/**
 * The least work per entry: copy own keys, type-check, check the name, one
 * entry per name (the last, at its place), removed names left out. Returns
 * `undefined` for an entry it does not handle (the real rules would report it).
 */
function leastWork(list: readonly unknown[]): Entry[] | undefined {
  const copies: Entry[] = [];
  for (let i = 0; i < list.length; i++) {
    const entry = list[i];
    if (typeof entry !== "object" || entry === null || Array.isArray(entry)) return undefined;
    let name: unknown;
    let value: unknown;
    for (const key in entry) {
      if (!hasOwn.call(entry, key)) continue;
      const field = (entry as Record<string, unknown>)[key];
      if (key === "name") name = field;
      else if (key === "value") value = field;
      else return undefined;
    }
    if (typeof name !== "string" || !isEnvVarName(name)) return undefined;
    if (value !== undefined && typeof value !== "string") return undefined;
    copies.push(value === undefined ? { name } : { name, value });
  }
  const seen = new Set<string>();
  const kept: Entry[] = [];
  for (let i = copies.length - 1; i >= 0; i--) {
    const name = copies[i].name;
    const before = seen.size;
    if (!REMOVED.has(name) && seen.add(name).size !== before) kept.push(copies[i]);
  }
  return kept.reverse();
}

function main(): void {
  const cases = pureCases();
  const small = cases.find((c) => c.name === "default")!;
  const large = cases.find((c) => c.name === "parent with 200 env")!;
  const smallCount = small.parent.spec!.containers[0].env!.length;
  const env = large.parent.spec!.containers[0].env!;
  const added = env.length - smallCount;
  const ours = (c: typeof small) => () =>
    runnerPodManifest(c.parent, c.template, ENCODED_PARENT, BENCH_OPTIONS);
  const least = () => leastWork(env);
  if (least()?.length !== env.length)
    throw new Error("the least-work pass refused the bench's env");

  const batch = 500;
  for (let i = 0; i < 2000; i++) {
    ours(small)();
    ours(large)();
    least();
  }
  const oursNs: number[] = [];
  const leastNs: number[] = [];
  for (let r = 0; r < 25; r++) {
    const perEntry =
      (microsPerCall(ours(large), batch) - microsPerCall(ours(small), batch)) / added;
    oursNs.push(perEntry * 1000);
    leastNs.push((microsPerCall(least, batch) / env.length) * 1000);
  }
  console.log(`ns per env entry of the parent, median of 25 alternating rounds`);
  console.log(`| what | ns per entry |`);
  console.log(`|---|---:|`);
  console.log(
    `| ours (200-env case minus default, per added entry) | ${round(median(oursNs), 1)} |`,
  );
  console.log(`| least work the contract asks (one fused pass) | ${round(median(leastNs), 1)} |`);
  console.log(
    `Elixir's own figure per entry: (200-env µs - default µs) / ${added} from npm run bench's Elixir table.`,
  );
}

main();
