/**
 * Issue 9, item 6: the default runner id is hashed from the component's URN
 * as the real engine writes it (no `pulumi:pulumi:Stack$`, which Pulumi's
 * mocks add), so the offline preview and the README print the name a real
 * `pulumi up` of examples/basic creates.
 */
import { strict as assert } from "node:assert";
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { promisify } from "node:util";
import { parse } from "yaml";
import { runnerIdFromUrn } from "../../src";
import { REPO_ROOT, type WireObject } from "./harness";
import { BEFORE_TIMEOUT_MS, runBefore, runnerPod } from "./runs";

const EXAMPLE = path.join(REPO_ROOT, "examples/basic");
const COMPONENT_URN = "urn:pulumi:preview::flame-basic::flame-k8s:index:FlameRunnerPod::runner";

/** examples/basic's preview stack config and its parent pod, as `Pod.get` answers it. */
function exampleSetup() {
  const stack = parse(readFileSync(path.join(EXAMPLE, "Pulumi.preview.yaml"), "utf8")) as {
    config: Record<string, string>;
  };
  const parent = parse(readFileSync(path.join(EXAMPLE, "parent-pod.yaml"), "utf8")) as WireObject;
  const metadata = parent.metadata as { name: string; namespace: string };
  return {
    config: stack.config,
    reads: { [`${metadata.namespace}/${metadata.name}`]: parent },
    parentName: metadata.name,
  };
}

/** The `runnerPodName` an output prints (`runnerPodName: "..."`), if any. */
function printedRunnerName(text: string): string | undefined {
  return /runnerPodName: "([^"]+)"/.exec(text)?.[1];
}

describe("Engine: names are derived from the real URN (issue 9, item 6)", function () {
  this.timeout(BEFORE_TIMEOUT_MS);

  const setup = exampleSetup();
  let realName: string;
  const run = runBefore({
    program: "example-basic",
    mode: "preview",
    project: "flame-basic",
    stack: "preview",
    config: setup.config,
    reads: setup.reads,
  });
  before(function () {
    realName = String((runnerPod(run()).inputs.value.metadata as { name: unknown }).name);
  });

  it("a real preview of examples/basic names the pod from the component's URN", function () {
    assert.equal(run().exitCode, 0, run().summary());
    assert.ok(
      run().resources.some((r) => r.urn === COMPONENT_URN),
      run().summary(),
    );
    assert.equal(realName, `${setup.parentName}${runnerIdFromUrn(COMPONENT_URN)}`);
    assert.equal(run().stackOutputs()?.value.runnerPodName, realName);
  });

  it("the offline preview (npm run preview) prints that name", async function () {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ["-r", "ts-node/register/transpile-only", "scripts/preview.ts", "examples/basic"],
      { cwd: REPO_ROOT, env: { ...process.env, TS_NODE_PROJECT: "tsconfig.json" } },
    );
    assert.equal(printedRunnerName(stdout), realName, stdout);
  });

  it("the README prints that name", function () {
    const readme = readFileSync(path.join(REPO_ROOT, "README.md"), "utf8");
    const names = new Set(readme.match(new RegExp(`${setup.parentName}[0-9a-f]{20}\\b`, "g")));
    assert.ok(names.size > 0, "the README prints no runner name of examples/basic");
    assert.deepEqual([...names], [realName]);
  });
});
