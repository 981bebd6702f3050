/**
 * Issue 9, item 4: the options given to the component that only mean
 * something on a custom resource reach its one custom child, the runner pod
 * (provider and protect already do).
 */
import { strict as assert } from "node:assert";
import { type RegisteredResource } from "./harness";
import { BEFORE_TIMEOUT_MS, runBefore, runnerPod } from "./runs";

describe("Engine: the component's options reach the runner pod (issue 9, item 4)", function () {
  this.timeout(BEFORE_TIMEOUT_MS);

  let pod: RegisteredResource;
  const run = runBefore({ program: "component-options", mode: "up" });
  before(function () {
    pod = runnerPod(run());
  });

  it("the run succeeds", function () {
    assert.equal(run().exitCode, 0, run().summary());
  });

  it("customTimeouts", function () {
    assert.deepEqual(pod.options.customTimeouts, { create: "3m", update: "4m", delete: "5m" });
  });

  it("ignoreChanges", function () {
    assert.deepEqual(pod.options.ignoreChanges, ["metadata.annotations"]);
  });

  it("replaceOnChanges", function () {
    assert.deepEqual(pod.options.replaceOnChanges, ["spec.containers[0].image"]);
  });

  it("retainOnDelete", function () {
    assert.equal(pod.options.retainOnDelete, true);
  });

  it("deleteBeforeReplace", function () {
    assert.equal(pod.options.deleteBeforeReplace, true);
  });

  it("additionalSecretOutputs", function () {
    assert.deepEqual(pod.options.additionalSecretOutputs, ["status"]);
  });

  it("provider and protect (as before)", function () {
    const provider = run().resource("pulumi:providers:kubernetes", "cluster");
    assert.ok(provider, run().summary());
    assert.equal(pod.options.provider, `${provider.urn}::${provider.id}`);
    assert.equal(pod.options.protect, true);
  });
});
