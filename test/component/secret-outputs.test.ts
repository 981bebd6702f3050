import assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { FlameRunnerPod, type FlameRunnerPodArgs } from "../../src";
import { ENCODED_PARENT, parentPod } from "../fixtures/parent-pod";
import { captureEachTest } from "../support/hooks";
import { registrations } from "../support/mocks";
import { displayed, drain, isSecretInput, known } from "../support/outputs";

/** A secret case: the arguments, the secret's text, and which outputs are secret. */
interface SecretCase {
  what: string;
  args: () => Partial<FlameRunnerPodArgs>;
  /** The text of the secret, which nothing may show. */
  text: string;
  /** Whether `manifest` is secret (it is not when it holds no secret value). */
  manifest: boolean;
  /** Whether `podName` is secret (only a secret runner id flows into it). */
  podName: boolean;
}

const CASES: SecretCase[] = [
  {
    what: "a secret encodedParent",
    args: () => ({ encodedParent: pulumi.secret(ENCODED_PARENT) }),
    text: ENCODED_PARENT,
    manifest: true,
    podName: false,
  },
  {
    what: "a secret template env value",
    args: () => ({ template: { env: [{ name: "DB_PASSWORD", value: pulumi.secret("hunter2") }] } }),
    text: "hunter2",
    manifest: true,
    podName: false,
  },
  {
    what: "a secret value in a callback's result",
    args: () => ({
      template: () => ({
        spec: { containers: [{ env: [{ name: "TOKEN", value: pulumi.secret("t0k3n-x") }] }] },
      }),
    }),
    text: "t0k3n-x",
    manifest: true,
    podName: false,
  },
  {
    what: "a secret runnerId",
    args: () => ({ runnerId: pulumi.secret("pinned01") }),
    text: "pinned01",
    manifest: true,
    podName: true,
  },
  {
    what: "a secret v0.7 env value",
    args: () => ({ backend: "v0.7", env: { DB_PASSWORD: pulumi.secret("hunter2") } }),
    text: "hunter2",
    manifest: true,
    podName: false,
  },
  {
    what: "v0.7 secretEnv and releaseCookie, plain (the Secret child holds them)",
    args: () => ({
      backend: "v0.7",
      secretEnv: { API_KEY: "k3y-plain" },
      releaseCookie: "c00kie-plain",
    }),
    text: "c00kie-plain",
    manifest: false,
    podName: false,
  },
  {
    what: "v0.7 secretEnv, secret, and a secret runnerId (the Secret's name)",
    args: () => ({
      backend: "v0.7",
      secretEnv: { API_KEY: pulumi.secret("k3y-secret") },
      runnerId: pulumi.secret("bcdfg"),
    }),
    text: "k3y-secret",
    manifest: true,
    podName: true,
  },
];

describe("FlameRunnerPod: its outputs and children keep secrets secret (issue 22, item 3)", () => {
  // Mocks, and the log captured: the runtime checks warn about these bare runners.
  captureEachTest();

  for (const c of CASES) {
    it(`${c.what}: manifest, podName, the pod and the Secret`, async () => {
      const runner = new FlameRunnerPod("workers", {
        parentPod: parentPod(),
        encodedParent: ENCODED_PARENT,
        ...c.args(),
      } as FlameRunnerPodArgs);
      await known(runner.podName);
      await drain();
      assert.equal(await pulumi.isSecret(runner.manifest), c.manifest, "manifest");
      assert.equal(await pulumi.isSecret(runner.podName), c.podName, "podName");
      if (!c.manifest) {
        assert.ok(!JSON.stringify(await known(runner.manifest)).includes(c.text));
      }
      // What the engine receives (and a display shows) holds the secret only as a secret.
      for (const r of registrations) {
        assert.ok(!displayed(r.inputs).includes(c.text), `${r.type} shows ${c.text}`);
      }
      const secret = registrations.find((r) => r.type === "kubernetes:core/v1:Secret");
      if (runner.secret !== undefined) {
        assert.ok(secret !== undefined && isSecretInput(secret.inputs.stringData));
        const name = (secret.inputs.metadata as { name?: unknown }).name;
        assert.equal(isSecretInput(name) || isSecretInput(secret.inputs.metadata), c.podName);
      } else {
        assert.equal(secret, undefined);
      }
    });
  }
});
