/**
 * `check`'s start time: `flame-runner-pod check --parent <file>` as a process,
 * from start to exit, against a bare `node -e 0` run right before it (the
 * floor: what any Node.js command costs to start on this machine). The CLI
 * runs from dist/ (built first when a source is newer), as a user runs it.
 *
 * Two inputs, the parent of examples/basic: as JSON (`kubectl get pod -o
 * json`; the target's figure: the command line, the rules, validation and
 * the runtime checks, no YAML parser) and as YAML (the YAML parser's own
 * price added; printed, no target).
 */
import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parse } from "yaml";
import { median, round } from "./stats";

const root = path.resolve(__dirname, "..");
const MAIN = path.join(root, "dist", "cli", "main.js");

/** Pairs of runs (floor, then check) per input. */
const PAIRS = 15;

/** One input's figures. */
export interface StartResult {
  /** The input format of `--parent`. */
  input: "json" | "yaml";
  /** Median wall time of `node -e 0`, ms. */
  nodeMs: number;
  /** Median wall time of `check`, ms. */
  checkMs: number;
  /** Median over the pairs of checkMs / nodeMs. */
  ratio: number;
}

/** The newest modification time under `dir`, in ms. */
function newest(dir: string): number {
  let latest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(file) : fs.statSync(file).mtimeMs);
  }
  return latest;
}

/** Builds dist/ when it is missing or older than src/. */
function ensureBuilt(): void {
  if (fs.existsSync(MAIN) && fs.statSync(MAIN).mtimeMs >= newest(path.join(root, "src"))) return;
  execFileSync("npm", ["run", "build", "--silent"], { cwd: root, stdio: "inherit" });
}

/** Wall time of one process, in ms; throws when it fails. */
function wallMs(args: readonly string[]): number {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { cwd: root, encoding: "utf8" });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0)
    throw new Error(`${args.join(" ")} failed:\n${result.stdout}${result.stderr}`);
  return ms;
}

/** `check`'s start time against `node -e 0`, for the parent as JSON and as YAML. */
export function benchStart(): StartResult[] {
  ensureBuilt();
  const yamlFile = path.join(root, "examples", "basic", "parent-pod.yaml");
  const jsonFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "flame-start-")), "parent.json");
  fs.writeFileSync(jsonFile, JSON.stringify(parse(fs.readFileSync(yamlFile, "utf8"))));
  const inputs = [
    ["json", jsonFile],
    ["yaml", yamlFile],
  ] as const;
  return inputs.map(([input, file]) => {
    const node: number[] = [];
    const check: number[] = [];
    const ratios: number[] = [];
    wallMs([MAIN, "check", "--parent", file]); // warm the file cache
    for (let i = 0; i < PAIRS; i++) {
      const n = wallMs(["-e", "0"]);
      const c = wallMs([MAIN, "check", "--parent", file]);
      node.push(n);
      check.push(c);
      ratios.push(c / n);
    }
    return {
      input,
      nodeMs: round(median(node), 1),
      checkMs: round(median(check), 1),
      ratio: round(median(ratios)),
    };
  });
}

/** Prints the figures as a table. */
export function printStart(start: readonly StartResult[]): void {
  console.log(
    `\nflame-runner-pod check's start time, as a process, against node -e 0 (${PAIRS} back-to-back pairs; ratio: median of the pairs)`,
  );
  console.log("| --parent | node -e 0 ms | check ms | ratio |");
  console.log("|---|---:|---:|---:|");
  for (const s of start) {
    console.log(`| ${s.input} | ${s.nodeMs} | ${s.checkMs} | ${s.ratio} |`);
  }
}
