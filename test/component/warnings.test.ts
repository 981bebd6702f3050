import assert from "node:assert/strict";
import { FlameRunnerPod } from "../../src";
import { ENCODED_PARENT, parentPod, seedTemplate } from "../fixtures/parent-pod";
import { installMocks } from "../support/mocks";
import { captureLogs, settle } from "../support/outputs";

describe("FlameRunnerPod: warnings of the rules reach pulumi.log.warn on the component", () => {
  let logs: ReturnType<typeof captureLogs>;
  beforeEach(() => {
    installMocks();
    logs = captureLogs();
  });
  afterEach(() => logs.restore());

  it("gives no warning for the seed's template", async () => {
    const runner = new FlameRunnerPod("workers", {
      parentPod: parentPod(),
      template: seedTemplate(),
      encodedParent: ENCODED_PARENT,
    });
    await settle(runner.podName);
    assert.deepEqual(logs.calls, []);
  });

  it("warns that a template's POD_NAME is overwritten", async () => {
    const runner = new FlameRunnerPod("workers", {
      parentPod: parentPod(),
      template: { env: [{ name: "POD_NAME", value: "mine" }] },
      encodedParent: ENCODED_PARENT,
    });
    await settle(runner.podName);
    assert.equal(logs.calls.length, 1);
    assert.equal(logs.calls[0].severity, "warn");
    assert.equal(logs.calls[0].resource, runner);
    assert.match(logs.calls[0].message, /POD_NAME/);
  });

  it("warns that a callback's restartPolicy is overwritten", async () => {
    const runner = new FlameRunnerPod("workers", {
      parentPod: parentPod(),
      template: () => ({ spec: { restartPolicy: "Always", containers: [{}] } }),
      encodedParent: ENCODED_PARENT,
    });
    await settle(runner.podName);
    assert.ok(logs.calls.length >= 1);
    assert.ok(logs.calls.every((c) => c.severity === "warn" && c.resource === runner));
    assert.ok(logs.calls.some((c) => /restartPolicy/.test(c.message)));
  });

  it("warns when the parent's first container is a well-known sidecar", async () => {
    const parent = parentPod();
    parent.spec?.containers.unshift({ name: "istio-proxy", image: "docker.io/istio/proxyv2:1.22" });
    const runner = new FlameRunnerPod("workers", {
      parentPod: parent,
      encodedParent: ENCODED_PARENT,
    });
    await settle(runner.podName);
    assert.equal(logs.calls.length, 1);
    assert.equal(logs.calls[0].resource, runner);
    assert.match(logs.calls[0].message, /istio-proxy/);
  });
});
