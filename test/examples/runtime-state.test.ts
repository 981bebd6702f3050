import assert from "node:assert/strict";
import * as path from "node:path";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { runProgram } from "../../scripts/preview/run-program";
import { installMocks, registrations } from "../support/mocks";

const ROOT = path.resolve(__dirname, "../..");

function urnOf(resource: pulumi.Resource): Promise<string> {
  return new Promise((resolve) => resource.urn.apply(resolve));
}

describe("examples: the offline preview leaves the Pulumi runtime as it found it", () => {
  beforeEach(() => installMocks());
  afterEach(() => installMocks());

  it("restores mocks, project, stack, config and the pulumi.log functions", async () => {
    pulumi.runtime.setAllConfig({ "project:answer": "42" });
    const warn = pulumi.log.warn;
    const unhandled = process.listeners("unhandledRejection");
    await runProgram({ dir: path.join(ROOT, "examples/basic") });
    await runProgram({ dir: path.join(ROOT, "test/fixtures/examples/seed-typo") });

    assert.equal(pulumi.runtime.getProject(), "project");
    assert.equal(pulumi.runtime.getStack(), "stack");
    assert.equal(pulumi.runtime.isDryRun(), false);
    assert.deepEqual(pulumi.runtime.allConfig(), { "project:answer": "42" });
    assert.equal(pulumi.runtime.getStackResource(), undefined);
    assert.equal(pulumi.log.warn, warn);
    assert.deepEqual(process.listeners("unhandledRejection"), unhandled);
    pulumi.runtime.setAllConfig({});
  });

  it("later resources reach the test's mocks, without the preview's stack transformation", async () => {
    await runProgram({ dir: path.join(ROOT, "examples/gpu-callback") });
    registrations.length = 0;
    const map = new k8s.core.v1.ConfigMap("after", { data: { a: "b" } });
    assert.equal(
      await urnOf(map),
      "urn:pulumi:stack::project::kubernetes:core/v1:ConfigMap::after",
    );
    assert.deepEqual(
      registrations.map((r) => `${r.type} ${r.name}`),
      ["kubernetes:core/v1:ConfigMap after"],
    );
  });

  it("pulumi-flame-k8s resolves to src/ only while a program runs", async () => {
    // Outside a program it resolves as Node resolves it: through the package's
    // own exports map (self-reference) to dist/, or not at all without a build.
    const resolved = (): string => {
      try {
        return require.resolve("pulumi-flame-k8s");
      } catch (error) {
        return (error as NodeJS.ErrnoException).code ?? String(error);
      }
    };
    const before = resolved();
    assert.ok(!before.startsWith(path.join(ROOT, "src")), before);
    await runProgram({ dir: path.join(ROOT, "examples/basic") });
    assert.equal(resolved(), before);
  });
});
