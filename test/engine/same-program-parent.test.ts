/**
 * Issue 9, item 2: a parent pod declared in the same program. In a preview,
 * pulumi-kubernetes answers its create with the program's own inputs (no
 * uid) whenever it skips the server dry run: the preview must still succeed,
 * with the runner's owner reference uid left unknown, and still refuse a
 * broken template. With a dry-run object, and in an update, the parent's uid
 * is used. Outside a preview a missing uid stays an error.
 */
import { strict as assert } from "node:assert";
import { isUnknownAt, POD_TYPE, UNKNOWN, type EngineRun, type RegisteredResource } from "./harness";
import {
  BEFORE_TIMEOUT_MS,
  FAIL_FAST_CPU_MS,
  PARENT_ID,
  parentReads,
  userText,
  runBefore,
  runnerPod,
} from "./runs";

const UID_PATH = "metadata.ownerReferences[0].uid";

function ownerUid(pod: RegisteredResource): unknown {
  const metadata = pod.inputs.value.metadata as { ownerReferences?: { uid?: unknown }[] };
  return metadata.ownerReferences?.[0]?.uid;
}

function parentUid(run: EngineRun): unknown {
  const parent = run.resource(POD_TYPE, "parent");
  return (parent?.outputs.value.metadata as { uid?: unknown } | undefined)?.uid;
}

describe("Engine: a parent pod declared in the same program (issue 9, item 2)", function () {
  this.timeout(BEFORE_TIMEOUT_MS);

  describe("preview, the parent's create answered with its own inputs (no uid)", function () {
    const run = runBefore({
      program: "same-program-parent",
      mode: "preview",
      podPreview: "echo",
      cpuLimitMs: FAIL_FAST_CPU_MS,
    });

    it("succeeds", function () {
      assert.equal(run().exitCode, 0, run().summary());
      assert.deepEqual(run().messages("error"), []);
    });

    it("registers the runner pod with its owner reference's uid unknown", function () {
      const pod = runnerPod(run());
      assert.ok(isUnknownAt(pod.inputs, UID_PATH), `${UID_PATH} is known: ${ownerUid(pod)}`);
    });

    it("registers the runner pod as a child of the component, after the parent", function () {
      const pod = runnerPod(run());
      assert.match(pod.parent, /::flame-k8s:index:FlameRunnerPod::runner$/);
      const parent = run().resource(POD_TYPE, "parent");
      assert.ok(parent && pod.options.dependencies.includes(parent.urn));
    });
  });

  describe("preview with the limimts typo, parent answered with its own inputs", function () {
    const run = runBefore({
      program: "same-program-parent",
      mode: "preview",
      podPreview: "echo",
      config: { typo: "true" },
      cpuLimitMs: FAIL_FAST_CPU_MS,
    });

    it("fails, on the typo (the rules ran with the uid not known yet)", function () {
      assert.equal(run().timedOut, false, run().summary());
      assert.notEqual(run().exitCode, 0, run().summary());
      assert.equal(run().occurrences("spec.containers[0].resources.limimts"), 1, run().summary());
      assert.doesNotMatch(userText(run()), /parentPod\.metadata\.uid/, run().summary());
    });
  });

  describe("preview, the parent's create answered by a server dry run (a uid)", function () {
    const run = runBefore({
      program: "same-program-parent",
      mode: "preview",
      podPreview: "dryRun",
    });

    it("succeeds, the owner reference carrying the dry run's uid", function () {
      assert.equal(run().exitCode, 0, run().summary());
      const uid = parentUid(run());
      assert.equal(typeof uid, "string");
      assert.equal(ownerUid(runnerPod(run())), uid);
    });
  });

  describe("up", function () {
    const run = runBefore({ program: "same-program-parent", mode: "up" });

    it("succeeds, the owner reference carrying the live parent's uid", function () {
      assert.equal(run().exitCode, 0, run().summary());
      const uid = parentUid(run());
      assert.equal(typeof uid, "string");
      assert.notEqual(uid, UNKNOWN);
      assert.equal(ownerUid(runnerPod(run())), uid);
    });
  });

  describe("up, a parent without uid", function () {
    const run = runBefore({
      program: "read-parent",
      mode: "up",
      config: { parentPod: PARENT_ID },
      reads: parentReads(false),
      cpuLimitMs: FAIL_FAST_CPU_MS,
    });

    it("stays the clear error it is", function () {
      assert.equal(run().timedOut, false, run().summary());
      assert.notEqual(run().exitCode, 0, run().summary());
      assert.equal(
        run().occurrences('FlameRunnerPod "runner": parentPod.metadata.uid'),
        1,
        run().summary(),
      );
      assert.equal(run().resource(POD_TYPE, "runner"), undefined);
    });
  });
});
