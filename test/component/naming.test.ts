import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import * as path from "node:path";
import { promisify } from "node:util";
import * as pulumi from "@pulumi/pulumi";
import { FlameRunnerPod, runnerIdFromUrn, type FlameRunnerPodArgs } from "../../src";
import { RUNNER_NAME_PREFIX } from "../fixtures/parent-pod";
import { runnerArgs } from "./args";
import { installMocks } from "../support/mocks";
import { drain, known, settle } from "../support/outputs";

const PREFIX = RUNNER_NAME_PREFIX;

/** The runner pod name of examples/basic on the stack `preview` (README, offline preview). */
const BASIC_RUNNER_NAME = "myapp-7d9c8b6f5d-x2x9k58f61ff18e4ecd14523a";
const ROOT = path.resolve(__dirname, "..", "..");
const PROGRAM = path.join("test", "component", "fixtures", "print-pod-name.ts");

const args = runnerArgs;

async function podName(name: string, extra: Partial<FlameRunnerPodArgs> = {}): Promise<string> {
  const runner = new FlameRunnerPod(name, args(extra));
  await settle(runner.podName);
  const podName = await known(runner.podName);
  // Let the component register its outputs before a test swaps the mock
  // engine: the next engine would not know its URN.
  await drain();
  return podName;
}

/** Runs the fixture program in a fresh Node process and returns what it prints. */
async function podNameInFreshProcess(name: string): Promise<string> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ["-r", "ts-node/register/transpile-only", PROGRAM, name],
    { cwd: ROOT, timeout: 30000 },
  );
  return stdout.trim();
}

describe("FlameRunnerPod: the default runner id is derived from the component's URN", () => {
  beforeEach(() => installMocks());

  it("names the pod <parent name><first 20 hex of sha256(URN)>", async () => {
    const runner = new FlameRunnerPod("workers", args());
    await settle(runner.podName);
    const urn = await known(runner.urn);
    const name = await known(runner.podName);
    assert.match(runnerIdFromUrn(urn), /^[0-9a-f]{20}$/);
    assert.equal(name, PREFIX + runnerIdFromUrn(urn));
    const manifest = await known(runner.manifest);
    assert.equal(manifest.metadata?.name, name);
    assert.equal(manifest.spec?.containers[0].name, name);
  });

  it("gives the same name to the same component of the same stack", async () => {
    const first = await podName("workers");
    installMocks();
    const second = await podName("workers");
    assert.equal(second, first);
  });

  it("gives two components two names", async () => {
    const [a, b] = await Promise.all([podName("workers-a"), podName("workers-b")]);
    assert.notEqual(a, b);
  });

  it("gives the same component of another stack another name", async () => {
    const here = await podName("workers");
    pulumi.runtime.setMocks(
      {
        newResource: (a) => ({ id: `${a.name}-id`, state: a.inputs }),
        call: (a) => a.inputs,
      },
      "project",
      "other-stack",
      false,
    );
    const there = await podName("workers");
    assert.notEqual(there, here);
  });
});

describe("FlameRunnerPod: the runner id hashes the URN as the real engine writes it (issue 9.6)", () => {
  const sha = (text: string): string =>
    createHash("sha256").update(text, "utf8").digest("hex").slice(0, 20);
  const engineUrn = "urn:pulumi:preview::flame-basic::flame-k8s:index:FlameRunnerPod::runner";

  it("hashes the engine's URN as it is", () => {
    assert.equal(runnerIdFromUrn(engineUrn), sha(engineUrn));
  });

  it("leaves out the root stack type that Pulumi's mocks add", () => {
    const mockUrn =
      "urn:pulumi:preview::flame-basic::pulumi:pulumi:Stack$flame-k8s:index:FlameRunnerPod::runner";
    assert.equal(runnerIdFromUrn(mockUrn), sha(engineUrn));
  });

  it("names the runner of examples/basic as pulumi up of the preview stack does", () => {
    // What the README and the offline preview print for examples/basic.
    assert.equal(`myapp-7d9c8b6f5d-x2x9k${runnerIdFromUrn(engineUrn)}`, BASIC_RUNNER_NAME);
  });
});

describe("FlameRunnerPod: runnerId pins the pod name", () => {
  beforeEach(() => installMocks());

  it("uses a literal runnerId", async () => {
    assert.equal(await podName("workers", { runnerId: "pinned01" }), `${PREFIX}pinned01`);
  });

  it("uses a runnerId given as an Output", async () => {
    assert.equal(
      await podName("workers", { runnerId: pulumi.output("0123456789abcdef0123") }),
      `${PREFIX}0123456789abcdef0123`,
    );
  });
});

describe("FlameRunnerPod: the same program gives the same name in fresh processes", () => {
  beforeEach(() => installMocks());

  it("prints the same pod name on two runs, the name of the same component here", async function () {
    this.timeout(60000);
    const [first, second, other] = await Promise.all([
      podNameInFreshProcess("workers"),
      podNameInFreshProcess("workers"),
      podNameInFreshProcess("other"),
    ]);
    assert.match(first, new RegExp(`^${PREFIX}[0-9a-f]{20}$`));
    assert.equal(second, first);
    assert.equal(await podName("workers"), first);
    assert.match(other, new RegExp(`^${PREFIX}[0-9a-f]{20}$`));
    assert.notEqual(other, first);
  });
});
