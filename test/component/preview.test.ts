import assert from "node:assert/strict";
import * as k8s from "@pulumi/kubernetes";
import { FlameRunnerPod } from "../../src";
import {
  ENCODED_PARENT,
  RUNNER_NAME_PREFIX,
  parentPod,
  seedTemplate,
} from "../fixtures/parent-pod";
import { installMocks, registrations } from "../support/mocks";
import {
  UNKNOWN,
  captureLogs,
  drain,
  isUnknownInput,
  known,
  plainInput,
  settle,
} from "../support/outputs";

function podRegistration(name: string) {
  return registrations.find((r) => r.type === "kubernetes:core/v1:Pod" && r.name === name);
}

describe("FlameRunnerPod: in a preview with unknown parent values, the pod is still registered", () => {
  let logs: ReturnType<typeof captureLogs>;
  beforeEach(() => {
    installMocks({ preview: true });
    logs = captureLogs();
  });
  afterEach(() => logs.restore());

  it("registers the pod with unknown metadata and spec, without running the rules", async function () {
    this.timeout(5000);
    // Not in `reads`: the mock answers nothing, so every output is unknown.
    const parent = k8s.core.v1.Pod.get("parent", "production/not-known-yet");
    let callbackRuns = 0;
    const runner = new FlameRunnerPod("workers", {
      parentPod: parent,
      template: () => {
        callbackRuns++;
        return {};
      },
      encodedParent: ENCODED_PARENT,
    });
    await settle(runner.podName);
    await drain();
    const pod = podRegistration("workers");
    assert.ok(pod, "the pod is registered");
    assert.ok(isUnknownInput(pod.inputs.metadata));
    assert.ok(isUnknownInput(pod.inputs.spec));
    assert.equal(await settle(runner.manifest), UNKNOWN);
    assert.equal(await settle(runner.podName), UNKNOWN);
    assert.equal(callbackRuns, 0);
    assert.deepEqual(logs.calls, []);
  });

  it("settles with a template object too", async function () {
    this.timeout(5000);
    const parent = k8s.core.v1.Pod.get("parent", "production/not-known-yet");
    const runner = new FlameRunnerPod("workers", {
      parentPod: parent,
      template: seedTemplate(),
      encodedParent: ENCODED_PARENT,
    });
    await settle(runner.podName);
    assert.equal(await settle(runner.manifest), UNKNOWN);
    assert.ok(podRegistration("workers"));
  });
});

describe("FlameRunnerPod: in a preview with known values, the manifest is computed", () => {
  beforeEach(() =>
    installMocks({ preview: true, reads: { "production/myapp": { ...parentPod() } } }),
  );

  it("computes the manifest and registers the pod with known inputs", async () => {
    const parent = k8s.core.v1.Pod.get("parent", "production/myapp");
    const runner = new FlameRunnerPod("workers", {
      parentPod: parent,
      template: seedTemplate(),
      encodedParent: ENCODED_PARENT,
      runnerId: "0123456789abcdef0123",
    });
    await settle(runner.podName);
    const manifest = await known(runner.manifest);
    const pod = podRegistration("workers");
    assert.ok(pod);
    assert.deepEqual(plainInput(pod.inputs.spec), manifest.spec);
    assert.deepEqual(plainInput(pod.inputs.metadata), manifest.metadata);
    assert.equal(
      (plainInput(pod.inputs.metadata) as { name: string }).name,
      `${RUNNER_NAME_PREFIX}0123456789abcdef0123`,
    );
  });
});
