import assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import * as k8s from "@pulumi/kubernetes";
import {
  FlameRunnerPod,
  FlameRunnerPodError,
  type Inputs,
  type RunnerPodTemplate,
} from "../../src";
import {
  ENCODED_PARENT,
  RUNNER_NAME_PREFIX,
  parentPod,
  seedTemplate,
} from "../fixtures/parent-pod";
import { installMocks, registrations } from "../support/mocks";
import {
  UNKNOWN,
  captureUnhandledRejections,
  drain,
  isUnknownInput,
  known,
  plainInput,
  rejection,
  settle,
} from "../support/outputs";
import { captureEachTest } from "../support/hooks";

function podRegistration(name: string) {
  return registrations.find((r) => r.type === "kubernetes:core/v1:Pod" && r.name === name);
}

describe("FlameRunnerPod: in a preview with unknown parent values, the pod is still registered", () => {
  const captured = captureEachTest({ install: () => installMocks({ preview: true }) });

  it("registers the pod with unknown metadata and spec, without running the rules", async function () {
    this.timeout(5000);
    // Not in `reads`: the mock answers nothing, so every output is unknown.
    const parent = k8s.core.v1.Pod.get("parent", "production/not-known-yet");
    let callbackRuns = 0;
    const runner = new FlameRunnerPod("workers", {
      parentPod: parent,
      template: () => {
        callbackRuns++;
        return {};
      },
      encodedParent: ENCODED_PARENT,
    });
    await settle(runner.podName);
    await drain();
    const pod = podRegistration("workers");
    assert.ok(pod, "the pod is registered");
    assert.ok(isUnknownInput(pod.inputs.metadata));
    assert.ok(isUnknownInput(pod.inputs.spec));
    assert.equal(await settle(runner.manifest), UNKNOWN);
    assert.equal(await settle(runner.podName), UNKNOWN);
    assert.equal(callbackRuns, 0);
    assert.deepEqual(captured.logs, []);
  });

  it("settles with a template object too", async function () {
    this.timeout(5000);
    const parent = k8s.core.v1.Pod.get("parent", "production/not-known-yet");
    const runner = new FlameRunnerPod("workers", {
      parentPod: parent,
      template: seedTemplate(),
      encodedParent: ENCODED_PARENT,
    });
    await settle(runner.podName);
    assert.equal(await settle(runner.manifest), UNKNOWN);
    assert.ok(podRegistration("workers"));
  });
});

describe("FlameRunnerPod: in a preview with known values, the manifest is computed", () => {
  beforeEach(() =>
    installMocks({ preview: true, reads: { "production/myapp": { ...parentPod() } } }),
  );

  it("computes the manifest and registers the pod with known inputs", async () => {
    const parent = k8s.core.v1.Pod.get("parent", "production/myapp");
    const runner = new FlameRunnerPod("workers", {
      parentPod: parent,
      template: seedTemplate(),
      encodedParent: ENCODED_PARENT,
      runnerId: "0123456789abcdef0123",
    });
    await settle(runner.podName);
    const manifest = await known(runner.manifest);
    const pod = podRegistration("workers");
    assert.ok(pod);
    assert.deepEqual(plainInput(pod.inputs.spec), manifest.spec);
    assert.deepEqual(plainInput(pod.inputs.metadata), manifest.metadata);
    assert.equal(
      (plainInput(pod.inputs.metadata) as { name: string }).name,
      `${RUNNER_NAME_PREFIX}0123456789abcdef0123`,
    );
  });
});

/** A copy of `metadata` without `uid`. */
function withoutUid(metadata: k8s.types.input.meta.v1.ObjectMeta | undefined) {
  return Object.fromEntries(Object.entries(metadata ?? {}).filter(([key]) => key !== "uid"));
}

describe("FlameRunnerPod: a parent Pod created in the same preview has no uid yet (issue 9.2)", () => {
  /** A parent pod the program declares: the mock engine answers with its inputs, as pulumi-kubernetes does in a preview without server dry run. */
  function declaredParent(): k8s.core.v1.Pod {
    const { metadata, spec } = parentPod();
    return new k8s.core.v1.Pod("parent", {
      metadata: withoutUid(metadata) as k8s.types.input.meta.v1.ObjectMeta,
      spec: spec as k8s.types.input.core.v1.PodSpec,
    });
  }

  it("in a preview: registers the pod with the owner reference's uid unknown", async () => {
    installMocks({ preview: true });
    const runner = new FlameRunnerPod("workers", {
      parentPod: declaredParent(),
      template: seedTemplate(),
      encodedParent: ENCODED_PARENT,
      runnerId: "0123456789abcdef0123",
    });
    assert.equal(await known(runner.podName), `${RUNNER_NAME_PREFIX}0123456789abcdef0123`);
    await drain();
    const pod = podRegistration("workers");
    assert.ok(pod, "the pod is registered");
    const metadata = plainInput(pod.inputs.metadata) as {
      name: string;
      ownerReferences: Record<string, unknown>[];
    };
    assert.equal(metadata.name, `${RUNNER_NAME_PREFIX}0123456789abcdef0123`);
    assert.equal(metadata.ownerReferences.length, 1);
    const { uid, ...owner } = metadata.ownerReferences[0];
    assert.deepEqual(owner, {
      apiVersion: "v1",
      kind: "Pod",
      name: parentPod().metadata?.name,
      controller: true,
    });
    assert.ok(isUnknownInput(uid), `uid is ${JSON.stringify(uid)}`);
    // The whole manifest holds an unknown value: unknown as a whole.
    assert.equal(await settle(runner.manifest), UNKNOWN);
  });

  const refusals = [
    {
      what: "in a preview: still fails on a broken template (the rules run with a placeholder uid)",
      preview: true,
      args: () => ({
        parentPod: declaredParent(),
        template: pulumi.output({
          resources: { limimts: { cpu: "1" } },
        }) as unknown as Inputs<RunnerPodTemplate>,
      }),
      path: "spec.containers[0].resources.limimts",
    },
    {
      what: "outside a preview: a parent without uid stays the clear error",
      preview: false,
      args: () => ({ parentPod: declaredParent() }),
      path: "parentPod.metadata.uid",
    },
    {
      what: "in a preview: a parent manifest (not a resource) without uid stays the clear error",
      preview: true,
      args: () => ({ parentPod: { ...parentPod(), metadata: withoutUid(parentPod().metadata) } }),
      path: "parentPod.metadata.uid",
    },
  ];
  for (const { what, preview, args, path } of refusals) {
    it(what, async () => {
      installMocks({ preview });
      const unhandled = captureUnhandledRejections();
      try {
        const runner = new FlameRunnerPod("workers", { ...args(), encodedParent: ENCODED_PARENT });
        const error = await rejection(settle(runner.manifest));
        assert.ok(error instanceof FlameRunnerPodError);
        assert.deepEqual(
          error.issues.map((i) => i.path),
          [path],
        );
        assert.equal(await rejection(settle(runner.podName)), error);
        await drain();
        assert.equal(podRegistration("workers"), undefined);
      } finally {
        unhandled.restore();
      }
    });
  }
});
