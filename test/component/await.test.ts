import assert from "node:assert/strict";
import { FlameRunnerPod } from "../../src";
import { ENCODED_PARENT, parentPod } from "../fixtures/parent-pod";
import { installMocks, registrations } from "../support/mocks";
import { known, plainInput, settle } from "../support/outputs";

const SKIP_AWAIT = "pulumi.com/skipAwait";

/** The annotations of the registered child pod. */
async function registeredAnnotations(runner: FlameRunnerPod): Promise<unknown> {
  await settle(runner.podName);
  const pod = registrations.find((r) => r.type === "kubernetes:core/v1:Pod");
  assert.ok(pod, "no pod registered");
  return (plainInput(pod.inputs.metadata) as { annotations?: unknown }).annotations;
}

describe("FlameRunnerPod: pulumi up does not wait for the runner to become Ready (issue 9.3)", () => {
  beforeEach(() => installMocks());

  it('annotates the pod with pulumi.com/skipAwait: "true" by default', async () => {
    const runner = new FlameRunnerPod("workers", {
      parentPod: parentPod(),
      encodedParent: ENCODED_PARENT,
    });
    assert.deepEqual(await registeredAnnotations(runner), { [SKIP_AWAIT]: "true" });
    const manifest = await known(runner.manifest);
    assert.deepEqual(manifest.metadata?.annotations, { [SKIP_AWAIT]: "true" });
  });

  it("keeps the callback's own annotations beside it, and overwrites its skipAwait", async () => {
    const runner = new FlameRunnerPod("workers", {
      parentPod: parentPod(),
      template: () => ({
        metadata: { annotations: { "acme.com/team": "payments", [SKIP_AWAIT]: "false" } },
      }),
      encodedParent: ENCODED_PARENT,
    });
    assert.deepEqual(await registeredAnnotations(runner), {
      "acme.com/team": "payments",
      [SKIP_AWAIT]: "true",
    });
  });

  it("with waitForReady: true, adds nothing (the callback's annotations stay as they are)", async () => {
    const runner = new FlameRunnerPod("workers", {
      parentPod: parentPod(),
      template: () => ({ metadata: { annotations: { "acme.com/team": "payments" } } }),
      encodedParent: ENCODED_PARENT,
      waitForReady: true,
    });
    assert.deepEqual(await registeredAnnotations(runner), { "acme.com/team": "payments" });
  });

  it("with waitForReady: true and no annotations, registers none", async () => {
    const runner = new FlameRunnerPod("workers", {
      parentPod: parentPod(),
      encodedParent: ENCODED_PARENT,
      waitForReady: true,
    });
    assert.equal(await registeredAnnotations(runner), undefined);
  });
});
