/**
 * Issue 9, item 1: a rule error fails the real run within seconds, exit code
 * non-zero, with the component's message (component name, field path, hint)
 * printed once. Today the host spins on source-mapped stack frames for over
 * a minute (the harness kills it).
 */
import { strict as assert } from "node:assert";
import { type EngineRun } from "./harness";
import {
  BEFORE_TIMEOUT_MS,
  CALLBACK_THROWS,
  FAIL_FAST_CPU_MS,
  TEMPLATE_TYPO,
  runBefore,
} from "./runs";

/** A guard, not a speed target: the host must not spin (today the harness kills it at this much CPU time). */
const FAST_MS = FAIL_FAST_CPU_MS;

function assertFailedFast(run: EngineRun): void {
  assert.equal(run.timedOut, false, `the host did not finish:\n${run.summary()}`);
  assert.notEqual(run.exitCode, 0, `the run must fail:\n${run.summary()}`);
  assert.ok(run.cpuMs < FAST_MS, `the host used ${run.cpuMs} ms of CPU:\n${run.summary()}`);
}

describe("Engine: a rule error fails the run fast (issue 9, item 1)", function () {
  this.timeout(BEFORE_TIMEOUT_MS);

  describe("a template with the seed's limimts typo (preview)", function () {
    const run = runBefore(TEMPLATE_TYPO);

    it("exits non-zero within seconds", function () {
      assertFailedFast(run());
    });

    it("prints the component's message, with field path and hint, once", function () {
      const message = 'FlameRunnerPod "runner": spec.containers[0].resources.limimts';
      assert.equal(run().occurrences(message), 1, run().summary());
      assert.equal(run().occurrences('did you mean "limits"'), 1, run().summary());
    });

    it("never registers the runner pod", function () {
      assert.equal(run().resource("kubernetes:core/v1:Pod", "runner"), undefined);
    });
  });

  describe("a callback that throws (up)", function () {
    const run = runBefore(CALLBACK_THROWS);

    it("exits non-zero within seconds", function () {
      assertFailedFast(run());
    });

    it("prints the component's message, naming the callback and what it threw, once", function () {
      assert.equal(run().occurrences('FlameRunnerPod "runner": callback'), 1, run().summary());
      assert.equal(run().occurrences("no GPU node pool configured"), 1, run().summary());
    });
  });
});
