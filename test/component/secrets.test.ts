import assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { FlameRunnerPod, type FlameRunnerPodArgs } from "../../src";
import { ENCODED_PARENT, parentPod, seedTemplate } from "../fixtures/parent-pod";
import { installMocks, registrations } from "../support/mocks";
import { isSecretInput, known, plainInput } from "../support/outputs";

/** The child pod's registered inputs. */
function podInputs(name: string): Record<string, unknown> {
  const pod = registrations.find((r) => r.type === "kubernetes:core/v1:Pod" && r.name === name);
  assert.ok(pod, `no pod ${name} registered`);
  return pod.inputs;
}

/** Creates a runner and reports where its values are secret. */
async function secretness(args: FlameRunnerPodArgs) {
  const runner = new FlameRunnerPod("workers", args);
  await runner.ready;
  const inputs = podInputs("workers");
  return {
    runner,
    manifest: await pulumi.isSecret(runner.manifest),
    metadata: isSecretInput(inputs.metadata),
    spec: isSecretInput(inputs.spec),
    specValue: plainInput(inputs.spec),
  };
}

describe("FlameRunnerPod: secrets stay secret in the manifest and the pod's inputs", () => {
  beforeEach(() => installMocks());

  it("keeps nothing secret when no value is secret", async () => {
    const s = await secretness({
      parentPod: parentPod(),
      template: seedTemplate(),
      encodedParent: ENCODED_PARENT,
    });
    assert.deepEqual([s.manifest, s.metadata, s.spec], [false, false, false]);
  });

  it("keeps a secret template env value secret", async () => {
    const s = await secretness({
      parentPod: parentPod(),
      template: { env: [{ name: "API_KEY", value: pulumi.secret("s3cr3t") }] },
      encodedParent: ENCODED_PARENT,
    });
    assert.deepEqual([s.manifest, s.metadata, s.spec], [true, true, true]);
    const env = (s.specValue as { containers: { env: { name: string; value?: string }[] }[] })
      .containers[0].env;
    assert.equal(env.find((e) => e.name === "API_KEY")?.value, "s3cr3t");
  });

  it("keeps a secret parent pod secret", async () => {
    const s = await secretness({
      parentPod: pulumi.secret(parentPod()),
      encodedParent: ENCODED_PARENT,
    });
    assert.deepEqual([s.manifest, s.metadata, s.spec], [true, true, true]);
  });

  it("keeps a secret encoded parent secret", async () => {
    const s = await secretness({
      parentPod: parentPod(),
      encodedParent: pulumi.secret(ENCODED_PARENT),
    });
    assert.deepEqual([s.manifest, s.metadata, s.spec], [true, true, true]);
  });

  it("keeps a secret inside a callback's Output secret", async () => {
    const s = await secretness({
      parentPod: parentPod(),
      template: () => ({
        spec: { containers: [{ env: [{ name: "TOKEN", value: pulumi.secret("t0k3n") }] }] },
      }),
      encodedParent: ENCODED_PARENT,
    });
    assert.deepEqual([s.manifest, s.metadata, s.spec], [true, true, true]);
    const manifest = await known(s.runner.manifest);
    const env = manifest.spec?.containers[0].env ?? [];
    assert.equal(env.find((e) => e.name === "TOKEN")?.value, "t0k3n");
  });
});
