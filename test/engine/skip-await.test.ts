/**
 * Issue 9, item 3: pulumi-kubernetes waits up to 10 minutes for a Pod to
 * become Ready, which a runner may never be. By default the runner pod
 * carries `pulumi.com/skipAwait: "true"`; `waitForReady: true` turns the
 * wait back on.
 */
import { strict as assert } from "node:assert";
import { POD_TYPE, SKIP_AWAIT, type EngineRun } from "./harness";
import { BEFORE_TIMEOUT_MS, FAIL_FAST_CPU_MS, runBefore, runnerPod } from "./runs";

function annotations(run: EngineRun): Record<string, unknown> | undefined {
  const pod = runnerPod(run);
  const metadata = pod.inputs.value.metadata as { annotations?: Record<string, unknown> };
  return metadata.annotations;
}

describe("Engine: the runner pod is not awaited by default (issue 9, item 3)", function () {
  this.timeout(BEFORE_TIMEOUT_MS);

  describe("by default (up)", function () {
    const run = runBefore({ program: "basic", mode: "up" });

    it(`carries ${SKIP_AWAIT}: "true", so pulumi-kubernetes does not wait for it to become Ready`, function () {
      assert.equal(run().exitCode, 0, run().summary());
      assert.equal(annotations(run())?.[SKIP_AWAIT], "true");
      assert.equal(run().resource(POD_TYPE, "runner")?.awaitsReady, false);
    });
  });

  describe("with waitForReady: true (up)", function () {
    const run = runBefore({
      program: "wait-for-ready",
      mode: "up",
      cpuLimitMs: FAIL_FAST_CPU_MS,
    });

    it(`does not carry ${SKIP_AWAIT}, so pulumi-kubernetes waits for it to become Ready`, function () {
      assert.equal(run().exitCode, 0, run().summary());
      assert.equal(annotations(run())?.[SKIP_AWAIT], undefined);
      assert.equal(run().resource(POD_TYPE, "runner")?.awaitsReady, true);
    });
  });
});
