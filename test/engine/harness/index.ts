/**
 * A real-engine test harness: runs a small Pulumi program under the REAL
 * Node.js language host's program runner (`@pulumi/pulumi/cmd/run`, what
 * `pulumi preview` / `pulumi up` start) against a fake Pulumi engine served
 * in this process over gRPC, and records what the program sent.
 *
 * What runs for real: `cmd/run` in a child `node` process, with the flags the
 * language host passes (`--monitor`, `--engine`, `--project`, `--stack`,
 * `--pwd`, `--parallel`, `--dry-run` for a preview) and its environment
 * (`PULUMI_CONFIG`, `PULUMI_CONFIG_SECRET_KEYS`, `PULUMI_NODEJS_TYPESCRIPT`):
 * ts-node loads the TypeScript program (transpile only, this repository's
 * tsconfig.json), the SDK serializes inputs, secrets and unknowns as on a
 * real run, and unhandled errors are reported, source maps and all, as the
 * real host reports them.
 *
 * What is faked (test/engine/harness/fake-engine.ts): the engine and the
 * providers. `SupportsFeature` answers as the Pulumi CLI does; URNs are made
 * as the engine makes them (`urn:pulumi:STACK::PROJECT::<parent types
 * joined by $>::NAME`, the root stack's type left out); a duplicate URN is
 * refused. A `kubernetes:core/v1:Pod` create follows pulumi-kubernetes
 * (test/engine/harness/kubernetes.ts: `"echo"` or `"dryRun"` in a preview,
 * a live object in an update); any other custom resource echoes its inputs
 * with a made-up id (`""` in a preview); components echo theirs.
 * `ReadResource` (`Pod.get`) answers from the `reads` fixtures. `Invoke`
 * answers `{}`. `Log`, `RegisterResourceOutputs` and `SetRootResource` are
 * recorded.
 *
 * Not faked: no diff against a previous state (every resource is a create),
 * no provider `Check` beyond Pod auto-naming, no `Call`, transforms, hooks or
 * packages (UNIMPLEMENTED), no deletes, no awaiting (a Pod record only says
 * whether pulumi-kubernetes would wait for it).
 *
 * Cost: one child process per run (about 4 to 6 s of CPU, mostly loading
 * the SDKs and transpiling). A host is killed once it has used `cpuLimitMs`
 * of CPU (default 20 s) or after `timeoutMs` (default 120 s), and the run is
 * reported as `timedOut`, never hanging the suite. Use {@link runOnce} to share
 * one run between tests and to run two hosts at a time.
 *
 * Usage (see test/engine/*.test.ts; `runBefore` of test/engine/runs.ts
 * registers the run with {@link runOnce} and awaits it in a `before`, which
 * starts the registered runs, two at a time):
 *
 * ```ts
 * describe("...", function () {
 *   this.timeout(BEFORE_TIMEOUT_MS);
 *   const run = runBefore({ program: "basic", mode: "preview" });
 *   it("...", function () {
 *     assert.equal(run().exitCode, 0, run().summary());
 *     const pod = runnerPod(run());
 *     assert.ok(isSecretAt(pod.inputs, "spec.containers[0].env[3].value"));
 *   });
 * });
 * ```
 *
 * Programs live in test/engine/programs/<name>/index.ts and import the
 * library from the repository's src (and fixtures from test/fixtures).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import {
  startFakeEngine,
  STACK_TYPE,
  type EngineRecord,
  type LogRecord,
  type RegisteredResource,
} from "./fake-engine";
import type { PodPreviewMode } from "./kubernetes";
import type { RecordedValue, WireObject } from "./wire";

export * from "./fake-engine";
export { POD_TYPE, SKIP_AWAIT, type PodPreviewMode } from "./kubernetes";
export * from "./wire";

/** The repository's root. */
export const REPO_ROOT = path.resolve(__dirname, "../../..");

/** The directory of the test programs: `programs/<name>/index.ts`. */
export const PROGRAMS_DIR = path.resolve(__dirname, "../programs");

/** What to run and how the fake engine answers. */
export interface RunOptions {
  /** A program's name under test/engine/programs, or an absolute directory. */
  program: string;
  /** `pulumi preview` (a dry run) or `pulumi up`. */
  mode: "preview" | "up";
  /** Default `flame-test`. */
  project?: string;
  /** Default `test`. */
  stack?: string;
  /** Stack config; a key without `:` gets the project's prefix. */
  config?: Record<string, string>;
  /** Config keys (as in {@link config}) that are secret. */
  secretConfig?: string[];
  /** How a Pod create is answered in a preview. Default `"echo"`. */
  podPreview?: PodPreviewMode;
  /** Live objects answered to `Resource.get`, keyed by id (`namespace/name` for a Pod). */
  reads?: Record<string, WireObject>;
  /**
   * Killed after this long (ms, wall clock). Default 120 000: a last resort,
   * generous for a loaded machine; {@link cpuLimitMs} is what normally stops
   * a runaway host.
   */
  timeoutMs?: number;
  /**
   * Killed once the host has used this much CPU time (ms; Linux, read from
   * /proc). Default 20 000: a run of a small program takes about 4 000 to
   * 6 000, however loaded the machine, while a host that spins keeps burning.
   */
  cpuLimitMs?: number;
  /**
   * The host's V8 heap limit (MB, `--max-old-space-size`). Default 1024: a
   * runaway host fails rather than eating the machine's memory.
   */
  maxOldSpaceMb?: number;
}

/** Everything a run produced. */
export interface EngineRun extends EngineRecord {
  options: RunOptions;
  /** The host's exit code; `null` when killed (timeout). */
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  /** Whether the harness killed the host ({@link RunOptions.timeoutMs} or {@link RunOptions.cpuLimitMs}). */
  timedOut: boolean;
  /** Wall-clock time from spawn to exit. */
  elapsedMs: number;
  /** The host's CPU time (user + system) as last seen, polled every 250 ms; 0 where /proc is missing. */
  cpuMs: number;
  stdout: string;
  stderr: string;
  /** The registered resource of this type and name (the last one), if any. */
  resource(type: string, name: string): RegisteredResource | undefined;
  /** The stack's exports (`RegisterResourceOutputs` of the root stack), if any. */
  stackOutputs(): RecordedValue | undefined;
  /** Log messages of this severity. */
  messages(severity: LogRecord["severity"]): string[];
  /**
   * How many times `text` appears in what the user sees: error and warning
   * logs, stdout and stderr.
   */
  occurrences(text: string): number;
  /** A short account of the run, for assertion messages. */
  summary(): string;
}

/** The hosts running now: killed if this process exits first (e.g. mocha interrupted). */
const liveHosts = new Set<ChildProcess>();
process.on("exit", () => {
  for (const host of liveHosts) host.kill("SIGKILL");
});

/** Output kept per stream: a runaway host can print a lot. */
const MAX_OUTPUT = 1 << 20;

/** The CPU time (ms) a process has used so far, from /proc (Linux); 0 when it cannot be read. */
function cpuTimeMs(pid: number | undefined): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // utime and stime, fields 14 and 15 of proc(5), in clock ticks (100 a second).
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return 0;
  }
}

function countOf(haystack: string, needle: string): number {
  let count = 0;
  for (let at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + 1)) count++;
  return count;
}

/** The host's environment: ours without Pulumi's or ts-node's settings, plus the language host's. */
function hostEnv(project: string, options: RunOptions): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!/^(PULUMI_|TS_NODE_|NODE_OPTIONS$)/.test(key)) env[key] = value;
  }
  const qualify = (key: string) => (key.includes(":") ? key : `${project}:${key}`);
  const config = Object.fromEntries(
    Object.entries(options.config ?? {}).map(([k, v]) => [qualify(k), v]),
  );
  env.PULUMI_CONFIG = JSON.stringify(config);
  env.PULUMI_CONFIG_SECRET_KEYS = JSON.stringify((options.secretConfig ?? []).map(qualify));
  env.PULUMI_NODEJS_TYPESCRIPT = "true";
  env.PULUMI_NODEJS_TSCONFIG_PATH = path.join(REPO_ROOT, "tsconfig.json");
  env.PULUMI_NODEJS_TRANSPILE_ONLY = "true";
  return env;
}

/** Runs a program under the real language host against a fake engine. */
export async function runProgram(options: RunOptions): Promise<EngineRun> {
  const project = options.project ?? "flame-test";
  const stack = options.stack ?? "test";
  const preview = options.mode === "preview";
  const programDir = path.isAbsolute(options.program)
    ? options.program
    : path.join(PROGRAMS_DIR, options.program);
  const engine = await startFakeEngine({
    project,
    stack,
    preview,
    podPreview: options.podPreview,
    reads: options.reads,
  });
  const runner = path.join(REPO_ROOT, "node_modules/@pulumi/pulumi/cmd/run");
  const args = [
    `--max-old-space-size=${options.maxOldSpaceMb ?? 1024}`,
    runner,
    `--monitor=${engine.address}`,
    `--engine=${engine.address}`,
    `--project=${project}`,
    `--stack=${stack}`,
    `--root-directory=${programDir}`,
    `--pwd=${programDir}`,
    "--parallel=16",
    ...(preview ? ["--dry-run"] : []),
    programDir,
  ];
  const started = Date.now();
  const child = spawn(process.execPath, args, {
    cwd: programDir,
    env: hostEnv(project, options),
    stdio: ["ignore", "pipe", "pipe"],
  });
  liveHosts.add(child);
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
    if (stdout.length < MAX_OUTPUT) stdout += chunk;
  });
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
    if (stderr.length < MAX_OUTPUT) stderr += chunk;
  });
  let timedOut = false;
  const kill = () => {
    timedOut = true;
    child.kill("SIGKILL");
  };
  const timer = setTimeout(kill, options.timeoutMs ?? 120_000);
  let cpuMs = 0;
  const cpuLimitMs = options.cpuLimitMs ?? 20_000;
  const poll = setInterval(() => {
    cpuMs = Math.max(cpuMs, cpuTimeMs(child.pid));
    if (cpuMs > cpuLimitMs) kill();
  }, 250);
  const [exitCode, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) =>
    child.on("close", (code, sig) => resolve([code, sig])),
  );
  clearTimeout(timer);
  clearInterval(poll);
  liveHosts.delete(child);
  const elapsedMs = Date.now() - started;
  engine.stop();
  const record = engine.record;

  const run: EngineRun = {
    ...record,
    options,
    exitCode,
    signal,
    timedOut,
    elapsedMs,
    cpuMs,
    stdout,
    stderr,
    resource: (type, name) =>
      [...record.resources].reverse().find((r) => r.type === type && r.name === name),
    stackOutputs: () => {
      const stackUrn = record.resources.find((r) => r.type === STACK_TYPE)?.urn;
      return stackUrn === undefined ? undefined : record.outputs.get(stackUrn);
    },
    messages: (severity) =>
      record.logs.filter((l) => l.severity === severity).map((l) => l.message),
    occurrences: (text) =>
      record.logs
        .filter((l) => l.severity === "error" || l.severity === "warning")
        .reduce((n, l) => n + countOf(l.message, text), 0) +
      countOf(stdout, text) +
      countOf(stderr, text),
    summary: () =>
      [
        `${options.program} (${options.mode}): exit ${exitCode}${signal ? ` (${signal})` : ""}` +
          `${timedOut ? ", KILLED by the harness" : ""} after ${elapsedMs} ms (${cpuMs} ms CPU)`,
        `registered: ${record.resources.map((r) => `${r.type}::${r.name}`).join(", ") || "none"}`,
        ...record.refused.map((r) => `refused ${r.type}::${r.name}: ${r.reason}`),
        ...record.logs
          .filter((l) => l.severity !== "debug")
          .map((l) => `log ${l.severity}: ${l.message.slice(0, 2000)}`),
        `stdout: ${stdout.slice(0, 2000)}`,
        `stderr: ${stderr.slice(0, 2000)}`,
      ].join("\n"),
  };
  return run;
}

/** How many hosts {@link runOnce} runs at a time (2 cores: the hosts use one each). */
export const MAX_PARALLEL_HOSTS = 2;

/** A run registered with {@link runOnce}. */
export interface PendingRun {
  /**
   * Starts every registered run (if not started yet: two at a time, in the
   * order they were registered) and gives this one's result.
   */
  result(): Promise<EngineRun>;
}

const cache = new Map<string, PendingRun>();
let running = 0;
const waiting: (() => void)[] = [];
let openGate: () => void = () => undefined;
const gate = new Promise<void>((resolve) => (openGate = resolve));

/** Runs `task` once the gate is open and fewer than {@link MAX_PARALLEL_HOSTS} tasks run. */
async function queued<T>(task: () => Promise<T>): Promise<T> {
  await gate;
  if (running >= MAX_PARALLEL_HOSTS) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  try {
    return await task();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

/**
 * Registers a run of {@link runProgram}, once per distinct `options` in this
 * mocha process (tests and test files asking for the same run share it).
 * Call it when a `describe` is defined and await `result()` in its `before`:
 * the first `result()` starts all registered runs, at most
 * {@link MAX_PARALLEL_HOSTS} at a time, so the runs of later test files are
 * under way while earlier ones are checked, and no host competes with the
 * other test files of the suite.
 */
export function runOnce(options: RunOptions): PendingRun {
  const key = JSON.stringify(options);
  let pending = cache.get(key);
  if (pending === undefined) {
    const run = queued(() => runProgram(options));
    // Awaited later, in a `before`: not an unhandled rejection meanwhile.
    run.catch(() => undefined);
    pending = {
      result: () => {
        openGate();
        return run;
      },
    };
    cache.set(key, pending);
  }
  return pending;
}
