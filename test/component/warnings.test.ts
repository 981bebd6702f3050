import assert from "node:assert/strict";
import { FlameRunnerPod } from "../../src";
import { ENCODED_PARENT, parentPod, seedTemplate } from "../fixtures/parent-pod";
import { settle } from "../support/outputs";
import { captureEachTest } from "../support/hooks";

describe("FlameRunnerPod: warnings of the rules reach pulumi.log.warn on the component", () => {
  const captured = captureEachTest();

  it("gives no warning for the seed's template", async () => {
    const runner = new FlameRunnerPod("workers", {
      parentPod: parentPod(),
      template: seedTemplate(),
      encodedParent: ENCODED_PARENT,
    });
    await settle(runner.podName);
    assert.deepEqual(captured.logs, []);
  });

  it("warns that a template's POD_NAME is overwritten, as its line: path: message [code]", async () => {
    const runner = new FlameRunnerPod("workers", {
      parentPod: parentPod(),
      template: { env: [{ name: "POD_NAME", value: "mine" }] },
      encodedParent: ENCODED_PARENT,
    });
    await settle(runner.podName);
    assert.equal(captured.logs.length, 1);
    assert.equal(captured.logs[0].severity, "warn");
    assert.equal(captured.logs[0].resource, runner);
    assert.match(captured.logs[0].message, /^template\.env\[0\]: POD_NAME=.* \[env-overwritten\]$/);
  });

  it("warns that a callback's restartPolicy is overwritten", async () => {
    const runner = new FlameRunnerPod("workers", {
      parentPod: parentPod(),
      template: () => ({ spec: { restartPolicy: "Always", containers: [{}] } }),
      encodedParent: ENCODED_PARENT,
    });
    await settle(runner.podName);
    assert.ok(captured.logs.length >= 1);
    assert.ok(captured.logs.every((c) => c.severity === "warn" && c.resource === runner));
    assert.ok(captured.logs.some((c) => /restartPolicy/.test(c.message)));
  });

  it("warns when the parent's first container is a well-known sidecar", async () => {
    const parent = parentPod();
    parent.spec?.containers.unshift({ name: "istio-proxy", image: "docker.io/istio/proxyv2:1.22" });
    const runner = new FlameRunnerPod("workers", {
      parentPod: parent,
      encodedParent: ENCODED_PARENT,
    });
    await settle(runner.podName);
    assert.equal(captured.logs.length, 1);
    assert.equal(captured.logs[0].resource, runner);
    assert.match(captured.logs[0].message, /istio-proxy/);
  });
});
