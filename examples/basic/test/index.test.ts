import assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { FlameRunnerPod, FlameRunnerPodError } from "pulumi-flame-k8s";
import { parentPodFixture } from "./fixtures";

pulumi.runtime.setMocks(
  {
    // A read (Pod.get) has an id: answer with the parent pod.
    newResource: (args) => ({
      id: args.id || `${args.name}-id`,
      state: args.id ? parentPodFixture : args.inputs,
    }),
    call: (args) => args.inputs,
  },
  "project",
  "stack",
  false,
);
pulumi.runtime.setAllConfig({
  "project:parentPod": "production/myapp-7d9c8b6f5d-x2x9k",
  "project:encodedParent": "test-encoded-parent",
});

/** An Output's value; rejects with the Output's error (a rule error). */
function valueOf<T>(output: pulumi.Output<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    output.apply(resolve);
    pulumi.isSecret(output).catch(reject);
  });
}

describe("runner pods", () => {
  // A runner whose rules fail is never registered, and Pulumi's runtime
  // leaves that pod's urn, id and outputs pending: at exit it would report
  // them as leaked promises and exit 1. Forget them after the tests.
  after(() => pulumi.runtime.resetOptions("project", "stack", -1, "", "", false, ""));

  it("names the runner after its parent", async () => {
    const program = await import("../index");
    assert.match(await valueOf(program.runnerPodName), /^myapp-7d9c8b6f5d-x2x9k[0-9a-f]{20}$/);
  });

  it("rejects, never hangs, when a rule fails", async () => {
    const runner = new FlameRunnerPod("bad", {
      parentPod: parentPodFixture,
      encodedParent: "e",
      appContainerName: "web", // no such container
    });
    await assert.rejects(valueOf(runner.podName), FlameRunnerPodError);
  });
});
