/**
 * The engine runs the test files share (each runs once per mocha process,
 * see `runOnce`), and what the tests read from them.
 */
import { strict as assert } from "node:assert";
import { parentPod } from "../fixtures/parent-pod";
import {
  POD_TYPE,
  runOnce,
  type EngineRun,
  type RegisteredResource,
  type RunOptions,
  type WireObject,
} from "./harness";

/**
 * The CPU time (ms) a run that must fail fast may use before the harness
 * kills it: a whole run takes about 4 000 to 6 000. Today's code spins there
 * for over a minute: the kill keeps the suite short.
 */
export const FAIL_FAST_CPU_MS = 12_000;

/** The mocha timeout of a `before` that runs a program (the harness's wall-clock limit and some). */
export const BEFORE_TIMEOUT_MS = 150_000;

/** A preview of the seed's `limimts` typo (item 1, item 7). */
export const TEMPLATE_TYPO: RunOptions = {
  program: "template-typo",
  mode: "preview",
  cpuLimitMs: FAIL_FAST_CPU_MS,
};

/** An up of a callback that throws (item 1, item 7). */
export const CALLBACK_THROWS: RunOptions = {
  program: "callback-throws",
  mode: "up",
  cpuLimitMs: FAIL_FAST_CPU_MS,
};

/** The fixture parent pod, as `Pod.get` answers it, keyed by `namespace/name`. */
export function parentReads(withUid = true): Record<string, WireObject> {
  const pod = parentPod();
  const metadata = { ...pod.metadata };
  if (!withUid) delete metadata.uid;
  return { [`${metadata.namespace}/${metadata.name}`]: { ...pod, metadata } as WireObject };
}

/** The id `Pod.get` reads the fixture parent pod with. */
export const PARENT_ID = Object.keys(parentReads())[0];

/** The error logs and the output streams of a run: what the user reads. */
export function userText(run: EngineRun): string {
  return [...run.messages("error"), run.stdout, run.stderr].join("\n");
}

/**
 * Registers `options` with `runOnce` and waits for the run in a `before` of
 * the calling `describe` (whose timeout must allow {@link BEFORE_TIMEOUT_MS}).
 *
 * @param options - the run.
 * @returns the finished run; call it in the tests and in later hooks.
 */
export function runBefore(options: RunOptions): () => EngineRun {
  let run: EngineRun | undefined;
  const pending = runOnce(options);
  before(async function () {
    run = await pending.result();
  });
  return () => {
    assert.ok(run, "the run is read before it finished: read it in a test or a later hook");
    return run;
  };
}

/** The runner pod a run registered (resource name `runner`); fails the test when there is none. */
export function runnerPod(run: EngineRun): RegisteredResource {
  const pod = run.resource(POD_TYPE, "runner");
  assert.ok(pod, `the runner pod was not registered:\n${run.summary()}`);
  return pod;
}
