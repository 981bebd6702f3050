/**
 * Runs a Pulumi program in this process under the mock engine, as an offline
 * `pulumi preview` (`flame-runner-pod preview`, `npm run preview`): no Pulumi
 * CLI, no provider plugin, no cluster. Reads are answered from fixture pods.
 * The Pulumi runtime state (mocks, config, stack) is restored afterwards.
 *
 * Loads `@pulumi/pulumi`: the command line loads this module only for
 * `preview`.
 */
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import type { RunnerPodIssue } from "../../errors";
import type { PodManifest } from "../../types";
import { FIXTURE_FILE, loadPodFixtures, type PodFixtures } from "./fixtures";
import { aliasPackage } from "./local-package";
import { captureLogs, type LogEntry } from "./log-capture";
import { mockCluster, type Registration } from "./mock-cluster";
import { PACKAGE_NAME } from "./package-name";
import { loadProject, type PulumiProject } from "./project";
import { trackResources, type ResourceNode, type ResourceTracker } from "./resource-tree";
import { restoreRuntime, snapshotRuntime } from "./runtime-state";

/** The stack whose `Pulumi.<stack>.yaml` the offline preview reads. */
export const PREVIEW_STACK = "preview";

export { PACKAGE_NAME };

/** What to run. */
export interface PreviewOptions {
  /** The project directory, for example `examples/basic`. */
  dir: string;
  /** The stack (config file `Pulumi.<stack>.yaml`). Default: {@link PREVIEW_STACK}. */
  stack?: string;
  /** Config that wins over the stack file; keys with or without the `<project>:` prefix. */
  config?: Readonly<Record<string, string>>;
  /** The directory whose `parent-pod.yaml` answers reads. Default: the project directory. */
  fixtureDir?: string;
  /**
   * The file of pod manifests (YAML, one document per pod) that answers reads
   * (`Pod.get`). Default: `parent-pod.yaml` of {@link fixtureDir}.
   */
  pods?: string;
  /**
   * The file `pulumi-flame-k8s` resolves to while the program runs (this
   * repository's `src/index.ts` for its examples). Default: none, the
   * program's own installed package.
   */
  packageEntry?: string;
  /** How long the program may run before it counts as hung. Default: 15 000 ms. */
  timeoutMs?: number;
}

/** A resource of the preview with what the engine received for it. */
export interface PreviewResource extends ResourceNode {
  /** The inputs sent to the engine (for a read, the read's inputs); `{}` for the stack. */
  inputs: Record<string, unknown>;
  /** The state the mock engine answered with. */
  state: Record<string, unknown>;
  /** Whether the registration reached the engine (not when its inputs failed). */
  registered: boolean;
}

/** Why the program failed. */
export interface PreviewFailure {
  /** The error message, for the user (no stack trace). */
  message: string;
  /** The rule issues, when the rules refused the input. */
  issues?: readonly RunnerPodIssue[];
}

/** Everything an offline preview found. */
export interface PreviewResult {
  /** The project name. */
  project: string;
  /** The stack name. */
  stack: string;
  /** The absolute project directory. */
  dir: string;
  /** The fixture file that answered the program's reads (`Pod.get`); none when nothing was read. */
  readFrom?: string;
  /** The resource tree in construction order; `resources[0]` is the stack. */
  resources: PreviewResource[];
  /** Messages logged with `pulumi.log.warn`, in order. */
  warnings: string[];
  /** The runner pod manifests: pods created inside a `FlameRunnerPod` component. */
  runnerPods: PodManifest[];
  /** The stack outputs. */
  outputs: Record<string, unknown>;
  /** The names of the stack outputs that are secret (shown as `[secret]`). */
  secretOutputs: string[];
  /** Set when the program failed; the other fields hold what was found until then. */
  error?: PreviewFailure;
}

/**
 * The rules' error, known by its name and issues: the program may load
 * another copy of the library than this command line.
 */
function rulesIssues(err: unknown): readonly RunnerPodIssue[] | undefined {
  if (!(err instanceof Error) || err.name !== "FlameRunnerPodError" || !("issues" in err)) {
    return undefined;
  }
  return Array.isArray(err.issues) ? (err.issues as RunnerPodIssue[]) : undefined;
}

/**
 * The failure as the user reads it. A failed runner reports a
 * `pulumi.ResourceError` whose cause holds the rules' issues.
 */
function failure(err: unknown): PreviewFailure {
  const message = err instanceof Error ? err.message : String(err);
  const cause: unknown = err instanceof Error ? err.cause : undefined;
  const issues = rulesIssues(err) ?? rulesIssues(cause);
  return issues !== undefined ? { message, issues } : { message };
}

function entryMessage(entry: LogEntry, nodeName: string | undefined): string {
  return nodeName === undefined ? entry.message : `${nodeName}: ${entry.message}`;
}

function isRunnerPod(node: ResourceNode, nodes: readonly ResourceNode[]): boolean {
  if (node.type !== "kubernetes:core/v1:Pod" || node.op !== "create") {
    return false;
  }
  for (let at = node.parent; at !== undefined; at = nodes[at].parent) {
    if (/FlameRunnerPod$/.test(nodes[at].type)) {
      return true;
    }
  }
  return false;
}

/**
 * Loads the program module fresh, so an example may run more than once per
 * process: the modules first loaded by the program are forgotten afterwards,
 * except packages (`node_modules`) and the library's directory (`library`),
 * which keep one copy per process.
 */
function requireFresh(program: string, library: string | undefined): unknown {
  const before = new Set(Object.keys(require.cache));
  const nodeModules = `${path.sep}node_modules${path.sep}`;
  delete require.cache[program];
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require(program);
  } finally {
    for (const key of Object.keys(require.cache)) {
      const kept = library !== undefined && key.startsWith(library);
      if (!before.has(key) && !key.includes(nodeModules) && !kept) {
        delete require.cache[key];
      }
    }
  }
}

/**
 * The names of the exported values that are secret, or hold a secret: the
 * stack's outputs lose their secrecy (the mock engine resolves them), the
 * exports keep it.
 */
async function secretOutputNames(exported: Record<string, unknown>): Promise<string[]> {
  const names: string[] = [];
  for (const [name, value] of Object.entries(exported)) {
    if (await pulumi.isSecret(pulumi.output(value))) names.push(name);
  }
  return names;
}

/** Stack outputs as the nodejs language host takes them: exports, or what an exported main returns. */
async function programOutputs(exported: unknown): Promise<Record<string, unknown>> {
  const main =
    typeof exported === "function"
      ? exported
      : typeof exported === "object" && exported !== null && "default" in exported
        ? exported.default
        : undefined;
  const value: unknown = typeof main === "function" ? await main() : exported;
  return typeof value === "object" && value !== null ? { ...value } : {};
}

/**
 * Runs the program of `options.dir` under the Pulumi mock engine and returns
 * what `pulumi preview` would show. Never throws for a failing program: the
 * failure is in `error`. Throws only when the directory is not a runnable
 * project (`ProjectError`).
 *
 * While it runs, `pulumi-flame-k8s` resolves to `options.packageEntry` (if
 * given), `pulumi.log.warn` is captured, and unhandled promise
 * rejections are taken as program failures (the Pulumi language host does the
 * same); all of it is undone before it returns.
 */
export async function runProgram(options: PreviewOptions): Promise<PreviewResult> {
  const project = loadProject(options.dir, options.stack ?? PREVIEW_STACK, options.config);
  const podsFile = path.resolve(
    options.pods ?? path.join(options.fixtureDir ?? project.dir, FIXTURE_FILE),
  );
  const fixtures = loadPodFixtures(podsFile, options.pods !== undefined);
  const tracker = trackResources(`${project.name}-${project.stack}`);
  const capture = captureRun(options.packageEntry, options.timeoutMs ?? 15_000);
  const run = await runUnderMocks(project, fixtures, tracker, options.packageEntry, capture);
  return previewResult(project, podsFile, tracker, run);
}

/** What the program's run left behind, for {@link previewResult}. */
interface ProgramRun {
  /** The registrations the mock engine received, in order. */
  registrations: Registration[];
  /** The log entries, in order. */
  logs: LogEntry[];
  /** The unhandled rejections, in order. */
  rejections: unknown[];
  /** The stack outputs, `{}` when the program failed before they resolved. */
  outputs: Record<string, unknown>;
  /** The names of the secret stack outputs. */
  secretOutputs: string[];
  /** What the run threw, when it was not an unhandled rejection. */
  thrown: unknown;
}

/** The capture around a run: logs, rejections and the watchdog, until released. */
interface RunCapture {
  /** The captured log entries, in order. */
  logs: LogEntry[];
  /** The unhandled rejections, in order. */
  rejections: unknown[];
  /** Rejects at the first unhandled rejection, or when the watchdog fires. */
  failed: Promise<never>;
  /** Undoes the capture, the package alias and the runtime state. */
  release(): Promise<void>;
}

/**
 * Snapshots the runtime, aliases the package (for `entry`), captures the
 * logs and the unhandled rejections, and starts the watchdog of `timeoutMs`.
 */
function captureRun(entry: string | undefined, timeoutMs: number): RunCapture {
  const logs: LogEntry[] = [];
  const rejections: unknown[] = [];
  const snapshot = snapshotRuntime();
  const undoAlias = entry !== undefined ? aliasPackage(PACKAGE_NAME, entry) : () => undefined;
  const undoLogs = captureLogs((entry) => logs.push(entry));
  const otherListeners = process.listeners("unhandledRejection");
  process.removeAllListeners("unhandledRejection");
  let stopWaiting: (reason: unknown) => void = () => undefined;
  const failed = new Promise<never>((_resolve, reject) => {
    stopWaiting = reject;
  });
  failed.catch(() => undefined);
  const onRejection = (reason: unknown): void => {
    rejections.push(reason);
    stopWaiting(reason);
  };
  process.on("unhandledRejection", onRejection);
  const watchdog = setTimeout(
    () => stopWaiting(new Error(`the program did not finish within ${timeoutMs / 1000} s`)),
    timeoutMs,
  );
  const release = async (): Promise<void> => {
    // Let the last rejections (of registrations, of a stack whose program
    // threw) surface while the listener is still in place.
    for (let turn = 0; turn < 3; turn++) {
      await new Promise((resolve) => setImmediate(resolve));
    }
    clearTimeout(watchdog);
    process.removeListener("unhandledRejection", onRejection);
    for (const listener of otherListeners) {
      process.on("unhandledRejection", listener);
    }
    undoLogs();
    undoAlias();
    await restoreRuntime(snapshot);
  };
  return { logs, rejections, failed, release };
}

/** Runs the program under the mocks and releases `capture`, whatever happens. */
async function runUnderMocks(
  project: PulumiProject,
  fixtures: PodFixtures,
  tracker: ResourceTracker,
  entry: string | undefined,
  capture: RunCapture,
): Promise<ProgramRun> {
  const { logs, rejections, failed } = capture;
  const registrations: Registration[] = [];
  let outputs: Record<string, unknown> = {};
  let exported: Record<string, unknown> = {};
  let secretOutputs: string[] = [];
  let thrown: unknown;
  try {
    await pulumi.runtime.setMocks(
      mockCluster(fixtures, (r) => registrations.push(r)),
      project.name,
      project.stack,
      true,
    );
    pulumi.runtime.setAllConfig(project.config);
    const stackOutputs = pulumi.runtime.runInPulumiStack(async () => {
      pulumi.runtime.registerStackTransformation(tracker.transformation);
      const library = entry !== undefined ? path.dirname(entry) + path.sep : undefined;
      exported = await programOutputs(requireFresh(project.program, library));
      return exported;
    });
    // A failed registration leaves the stack outputs pending for ever: the
    // language host stops at the first unhandled rejection, and so does this.
    outputs = (await Promise.race([stackOutputs, failed])) ?? {};
    secretOutputs = await Promise.race([secretOutputNames(exported), failed]);
    // Drains the outstanding registrations (the mock monitor has nothing to close).
    await Promise.race([pulumi.runtime.disconnect(), failed]);
  } catch (err) {
    thrown = rejections.includes(err) ? undefined : err;
  } finally {
    await capture.release();
  }
  return { registrations, logs, rejections, outputs, secretOutputs, thrown };
}

/** The resources in construction order, each with its registration (matched by type and name). */
function previewResources(
  nodes: readonly ResourceNode[],
  registrations: readonly Registration[],
): PreviewResource[] {
  const unmatched = [...registrations];
  return nodes.map((node) => {
    const at = unmatched.findIndex((r) => r.type === node.type && r.name === node.name);
    const registration = at >= 0 ? unmatched.splice(at, 1)[0] : undefined;
    return {
      ...node,
      inputs: registration?.inputs ?? {},
      state: registration?.state ?? {},
      registered: registration !== undefined,
    };
  });
}

/** The run's failure: its first rejection or what it threw, else its error logs. */
function runFailure(run: ProgramRun): PreviewFailure | undefined {
  const firstError = run.rejections[0] ?? run.thrown;
  const errorLogs = run.logs.filter((entry) => entry.severity === "error");
  return firstError !== undefined
    ? failure(firstError)
    : errorLogs.length > 0
      ? { message: errorLogs.map((entry) => entry.message).join("\n") }
      : undefined;
}

/** Everything the run found, as {@link runProgram} returns it. */
function previewResult(
  project: PulumiProject,
  podsFile: string,
  tracker: ResourceTracker,
  run: ProgramRun,
): PreviewResult {
  const nodes = tracker.nodes;
  const resources = previewResources(nodes, run.registrations);
  const error = runFailure(run);
  return {
    project: project.name,
    stack: project.stack,
    dir: project.dir,
    ...(run.registrations.some((r) => r.op === "read") ? { readFrom: podsFile } : {}),
    resources,
    warnings: run.logs
      .filter((entry) => entry.severity === "warn")
      .map((entry) =>
        entryMessage(entry, entry.resource ? tracker.nodeOf(entry.resource)?.name : undefined),
      ),
    runnerPods: resources
      .filter((resource) => resource.registered && isRunnerPod(resource, nodes))
      .map((resource) => resource.inputs as PodManifest),
    outputs: run.outputs,
    secretOutputs: run.secretOutputs,
    ...(error ? { error } : {}),
  };
}
