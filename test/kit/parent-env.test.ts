import assert from "node:assert/strict";
import { FlameRunnerPodError } from "../../src/errors";
import { flameParentEnv } from "../../src/kit";
import { runnerPodManifest } from "../../src/rules";
import type { EnvVar } from "../../src/types";
import { ENCODED_PARENT, parentPod } from "../fixtures/parent-pod";

describe("flameParentEnv: the parent's env for the backend and for clustering, in order", () => {
  it("gives POD_NAME, POD_NAMESPACE, POD_IP, RELEASE_DISTRIBUTION, RELEASE_NODE in this order", () => {
    assert.deepEqual(flameParentEnv("my_app"), [
      { name: "POD_NAME", valueFrom: { fieldRef: { fieldPath: "metadata.name" } } },
      { name: "POD_NAMESPACE", valueFrom: { fieldRef: { fieldPath: "metadata.namespace" } } },
      { name: "POD_IP", valueFrom: { fieldRef: { fieldPath: "status.podIP" } } },
      { name: "RELEASE_DISTRIBUTION", value: "name" },
      { name: "RELEASE_NODE", value: "my_app@$(POD_IP)" },
    ]);
  });

  it("gives fresh entries on each call", () => {
    const first = flameParentEnv("a");
    first[0].name = "CHANGED";
    assert.equal(flameParentEnv("a")[0].name, "POD_NAME");
  });

  it("refuses a basename that is a bigint with the path nodeBasename, not a TypeError", () => {
    assert.throws(
      () => flameParentEnv(1n as never),
      (error: unknown) =>
        error instanceof FlameRunnerPodError && error.issues[0].path === "nodeBasename",
    );
  });

  for (const bad of ["", "my@app", "my app", "$(POD_IP)", "ünïcode"]) {
    it(`refuses the basename ${JSON.stringify(bad)} with the path nodeBasename`, () => {
      assert.throws(
        () => flameParentEnv(bad),
        (error: unknown) =>
          error instanceof FlameRunnerPodError &&
          error.issues[0].path === "nodeBasename" &&
          error.message.startsWith("flameParentEnv: nodeBasename: "),
      );
    });
  }

  it("on a parent, the rules give no warning: no dead $(VAR), no missing variable", () => {
    const parent = parentPod();
    const app = parent.spec!.containers[0];
    app.env = [
      ...(flameParentEnv("myapp") as EnvVar[]),
      ...app.env!.filter((e) => !/^(POD_|RELEASE_)/.test(e.name)),
    ];
    const warnings: string[] = [];
    const runner = runnerPodManifest(parent, {}, ENCODED_PARENT, {
      onWarning: (m) => warnings.push(m),
    });
    assert.deepEqual(warnings, []);
    const names = runner.spec!.containers[0].env!.map((e) => e.name);
    assert.ok(names.indexOf("POD_IP") < names.indexOf("RELEASE_NODE"));
  });

  it("the same list with RELEASE_NODE before POD_IP makes the rules warn (the check can fail)", () => {
    const parent = parentPod();
    const env = flameParentEnv("myapp") as EnvVar[];
    parent.spec!.containers[0].env = [env[0], env[1], env[4], env[2], env[3]];
    const warnings: string[] = [];
    runnerPodManifest(parent, {}, ENCODED_PARENT, { onWarning: (m) => warnings.push(m) });
    assert.ok(warnings.some((w) => /refers to \$\(POD_IP\), which is defined only later/.test(w)));
  });
});
