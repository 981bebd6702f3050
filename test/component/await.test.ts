import assert from "node:assert/strict";
import { FlameRunnerPod, type FlameRunnerPodArgs } from "../../src";
import { ENCODED_PARENT, parentPod } from "../fixtures/parent-pod";
import { captureEachTest } from "../support/hooks";
import { registrations } from "../support/mocks";
import { known, plainInput, settle } from "../support/outputs";

const SKIP_AWAIT = "pulumi.com/skipAwait";

/** A runner of the fixture parent, `extra` laid over its arguments (no template unless given). */
function runner(extra: Partial<FlameRunnerPodArgs> = {}): FlameRunnerPod {
  return new FlameRunnerPod("workers", {
    parentPod: parentPod(),
    encodedParent: ENCODED_PARENT,
    ...extra,
  });
}

/** The annotations of the registered child pod. */
async function registeredAnnotations(runner: FlameRunnerPod): Promise<unknown> {
  await settle(runner.podName);
  const pod = registrations.find((r) => r.type === "kubernetes:core/v1:Pod");
  assert.ok(pod, "no pod registered");
  return (plainInput(pod.inputs.metadata) as { annotations?: unknown }).annotations;
}

describe("FlameRunnerPod: pulumi up does not wait for the runner to become Ready (issue 9.3)", () => {
  // Mocks, and the log captured: the runtime checks warn about these bare runners.
  captureEachTest();

  it('annotates the pod with pulumi.com/skipAwait: "true" by default', async () => {
    const workers = runner();
    assert.deepEqual(await registeredAnnotations(workers), { [SKIP_AWAIT]: "true" });
    const manifest = await known(workers.manifest);
    assert.deepEqual(manifest.metadata?.annotations, { [SKIP_AWAIT]: "true" });
  });

  it("keeps the callback's own annotations beside it, and overwrites its skipAwait", async () => {
    const workers = runner({
      template: () => ({
        metadata: { annotations: { "acme.com/team": "payments", [SKIP_AWAIT]: "false" } },
      }),
    });
    assert.deepEqual(await registeredAnnotations(workers), {
      "acme.com/team": "payments",
      [SKIP_AWAIT]: "true",
    });
  });

  it("with waitForReady: true, adds nothing (the callback's annotations stay as they are)", async () => {
    const workers = runner({
      template: () => ({ metadata: { annotations: { "acme.com/team": "payments" } } }),
      waitForReady: true,
    });
    assert.deepEqual(await registeredAnnotations(workers), { "acme.com/team": "payments" });
  });

  it("with waitForReady: true and no annotations, registers none", async () => {
    const workers = runner({ waitForReady: true });
    assert.equal(await registeredAnnotations(workers), undefined);
  });
});
