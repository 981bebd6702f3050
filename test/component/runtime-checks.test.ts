/**
 * The FLAME runtime checks reach the component's log (docs/rules.md,
 * "Warning: FLAME runtime checks"): none for a FLAME-ready parent, and
 * `release-cookie-missing` for a v0.7 FlameRunnerPod without `releaseCookie`,
 * which creates the pod (and its Secret) itself.
 */
import assert from "node:assert/strict";
import { FlameRunnerPod, flameParentEnv } from "../../src";
import type { EnvVar, PodManifest } from "../../src/types";
import { ENCODED_PARENT, parentPod } from "../fixtures/parent-pod";
import { captureEachTest } from "../support/hooks";
import { settle } from "../support/outputs";

/** The fixture parent with flameParentEnv() and a cookie, without envFrom. */
function readyParent(): PodManifest {
  const parent = parentPod();
  const app = parent.spec!.containers[0];
  app.env = [
    ...(flameParentEnv("myapp") as EnvVar[]),
    { name: "RELEASE_COOKIE", valueFrom: { secretKeyRef: { name: "s", key: "cookie" } } },
  ];
  delete app.envFrom;
  return parent;
}

describe("FlameRunnerPod: the FLAME runtime checks", () => {
  const captured = captureEachTest();

  const ready: [string, Record<string, unknown>][] = [
    ["v0.3.3, the empty template", {}],
    ["v0.7 with releaseCookie", { backend: "v0.7", releaseCookie: "cookie" }],
    ["v0.7 with secretEnv.RELEASE_COOKIE", { backend: "v0.7", secretEnv: { RELEASE_COOKIE: "c" } }],
  ];
  for (const [name, extra] of ready) {
    it(`gives no warning for a FLAME-ready parent: ${name}`, async () => {
      const runner = new FlameRunnerPod("workers", {
        parentPod: readyParent(),
        encodedParent: ENCODED_PARENT,
        ...extra,
      });
      await settle(runner.podName);
      assert.deepEqual(captured.logs, []);
    });
  }

  it("warns release-cookie-missing under v0.7 without releaseCookie", async () => {
    const runner = new FlameRunnerPod("workers", {
      parentPod: readyParent(),
      encodedParent: ENCODED_PARENT,
      backend: "v0.7",
    });
    await settle(runner.podName);
    assert.equal(captured.logs.length, 1, JSON.stringify(captured.logs.map((l) => l.message)));
    assert.equal(captured.logs[0].resource, runner);
    assert.match(captured.logs[0].message, /^spec\.containers\[0\]\.env: .*releaseCookie/);
  });
});
