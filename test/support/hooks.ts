/**
 * Mocha hooks the tests share: the mock engine and the recorders of logs and
 * unhandled rejections, installed before each test of a `describe` and
 * removed after it.
 */
import assert from "node:assert/strict";
import { FlameRunnerPodError } from "../../src";
import { installMocks, registrations } from "./mocks";
import { captureLogs, captureUnhandledRejections, drain, type LogCall } from "./outputs";

/** Options of {@link captureEachTest}. */
export interface CaptureOptions {
  /**
   * Installs the mock engine before each test. Default: `installMocks()`;
   * `false` leaves the engine the enclosing `describe` installed.
   */
  install?: (() => void) | false;
  /** Whether unhandled rejections are recorded too (mocha does not see them then). Default: `false`. */
  unhandled?: boolean;
  /** Event loop turns to let run after each test before the recorders go. Default: none. */
  drainTurns?: number;
}

/** What {@link captureEachTest} recorded during the current test. */
export interface Captured {
  /** The `pulumi.log.warn` and `pulumi.log.error` calls. */
  readonly logs: LogCall[];
  /** The unhandled rejections (with `unhandled: true`; else always empty). */
  readonly unhandled: unknown[];
}

/**
 * Registers, in the calling `describe`, a `beforeEach` that installs the mock
 * engine and the recorders ({@link captureLogs}, with `unhandled`
 * {@link captureUnhandledRejections}) and an `afterEach` that removes them.
 *
 * @param options - the mock engine, whether unhandled rejections are recorded,
 *   and the event loop turns drained after each test.
 * @returns what the current test recorded; read it inside the tests.
 */
export function captureEachTest(options: CaptureOptions = {}): Captured {
  const captured = { logs: [] as LogCall[], unhandled: [] as unknown[] };
  let restore: (() => void)[] = [];
  beforeEach(() => {
    if (options.install !== false) (options.install ?? installMocks)();
    const logs = captureLogs();
    captured.logs = logs.calls;
    captured.unhandled = [];
    restore = [logs.restore];
    if (options.unhandled === true) {
      const unhandled = captureUnhandledRejections();
      captured.unhandled = unhandled.reasons;
      restore.unshift(unhandled.restore);
    }
  });
  afterEach(async () => {
    if (options.drainTurns !== undefined) await drain(options.drainTurns);
    for (const undo of restore) undo();
  });
  return captured;
}

/**
 * Asserts what a run shows when a component's rules failed with `error`: the
 * component logged no error (the language host logs it, once), only the
 * component reached the engine (not its children), and the language host
 * fails the run with that one error (every unhandled rejection is it).
 *
 * @param captured - what the test recorded, with `unhandled: true`.
 * @param componentType - the component's type token.
 * @param error - the error the component's outputs reject with.
 */
export function assertFailedRunOnce(
  captured: Captured,
  componentType: string,
  error: unknown,
): void {
  assert.deepEqual(
    captured.logs.filter((c) => c.severity === "error"),
    [],
    "the component logs no error",
  );
  assert.deepEqual(
    registrations.map((r) => r.type),
    [componentType],
    "only the component reaches the engine",
  );
  assert.ok(captured.unhandled.length > 0, "the failed registration fails the run");
  for (const reason of captured.unhandled) assert.equal(reason, error);
}

/**
 * Asserts `error` is a FlameRunnerPodError whose message names `component`
 * and which has an issue at `path`.
 *
 * @param error - what was thrown or rejected with.
 * @param path - the issue's path: `args.parentPod`, `callback`...
 * @param component - how the message names the component. Default: `FlameRunnerPod "bad"`.
 */
export function assertNamedError(
  error: unknown,
  path: string,
  component = 'FlameRunnerPod "bad"',
): asserts error is FlameRunnerPodError {
  assert.ok(error instanceof FlameRunnerPodError, `not a FlameRunnerPodError: ${String(error)}`);
  assert.ok(
    error.message.includes(component),
    `message does not name the component: ${error.message}`,
  );
  assert.ok(
    error.issues.some((i) => i.path === path),
    `no issue at ${path}: ${JSON.stringify(error.issues)}`,
  );
}
