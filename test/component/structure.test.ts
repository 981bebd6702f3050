import assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import * as k8s from "@pulumi/kubernetes";
import { FlameRunnerPod } from "../../src";
import {
  ENCODED_PARENT,
  PARENT_NAME,
  PARENT_UID,
  RUNNER_NAME_PREFIX,
  parentPod,
  seedTemplate,
} from "../fixtures/parent-pod";
import { installMocks, registrations, registeredAfter } from "../support/mocks";
import { captureEachTest } from "../support/hooks";
import {
  captureOptions,
  drain,
  known,
  plainInput,
  settle,
  type CapturedOptions,
} from "../support/outputs";

const POD_TYPE = "kubernetes:core/v1:Pod";
const COMPONENT_TYPE = "flame-k8s:index:FlameRunnerPod";

/** The registrations of the child pod (by type and name). */
function podRegistrations(name: string) {
  return registrations.filter((r) => r.type === POD_TYPE && r.name === name);
}

/** What the child pod waits for, resolved: the resources of its `dependsOn`. */
async function podDependsOn(captured: CapturedOptions[]): Promise<unknown> {
  const dependsOn = captured.find((c) => c.type === POD_TYPE)?.opts.dependsOn;
  assert.ok(pulumi.Output.isInstance(dependsOn), "the pod's dependsOn is not an Output");
  return known(dependsOn as pulumi.Output<pulumi.Resource[]>);
}

describe("FlameRunnerPod: the child is one kubernetes:core/v1:Pod", () => {
  beforeEach(() => installMocks());

  it("registers the component and exactly one Pod, named after the component", async () => {
    const runner = new FlameRunnerPod("workers", {
      parentPod: parentPod(),
      template: seedTemplate(),
      encodedParent: ENCODED_PARENT,
    });
    assert.deepEqual(await registeredAfter(runner.podName), [
      [COMPONENT_TYPE, "workers"],
      [POD_TYPE, "workers"],
    ]);
    assert.ok(k8s.core.v1.Pod.isInstance(runner.pod));
  });

  it("has the type token flame-k8s:index:FlameRunnerPod", async () => {
    const runner = new FlameRunnerPod("typed", {
      parentPod: parentPod(),
      encodedParent: ENCODED_PARENT,
    });
    await settle(runner.podName);
    const urn = await new Promise<string>((resolve) => runner.urn.apply(resolve));
    assert.match(urn, /::flame-k8s:index:FlameRunnerPod::typed$/);
  });
});

describe("FlameRunnerPod: the pod's parent is the component, replaced delete-first", () => {
  beforeEach(() => installMocks());

  it("creates the pod with { parent: component, deleteBeforeReplace: true }", async () => {
    const { captured, transformation } = captureOptions();
    const runner = new FlameRunnerPod(
      "workers",
      { parentPod: parentPod(), template: seedTemplate(), encodedParent: ENCODED_PARENT },
      { transformations: [transformation] },
    );
    await settle(runner.podName);
    const pods = captured.filter((c) => c.type === POD_TYPE);
    assert.equal(pods.length, 1);
    assert.equal(pods[0].resource, runner.pod);
    assert.equal(pods[0].opts.parent, runner);
    assert.equal((pods[0].opts as pulumi.CustomResourceOptions).deleteBeforeReplace, true);
  });
});

describe("FlameRunnerPod: the options for a custom resource reach the pod (issue 9.4)", () => {
  beforeEach(() => installMocks());

  it("applies customTimeouts, ignoreChanges, replaceOnChanges, retainOnDelete, deleteBeforeReplace and additionalSecretOutputs to the pod", async () => {
    const { captured, transformation } = captureOptions();
    const given = {
      customTimeouts: { create: "2m", delete: "1m" },
      ignoreChanges: ["metadata.labels"],
      replaceOnChanges: ["spec.nodeSelector"],
      retainOnDelete: true,
      deleteBeforeReplace: false,
      additionalSecretOutputs: ["spec"],
    };
    const runner = new FlameRunnerPod(
      "workers",
      { parentPod: parentPod(), encodedParent: ENCODED_PARENT },
      { transformations: [transformation], ...given },
    );
    await settle(runner.podName);
    const pod = captured.find((c) => c.type === POD_TYPE);
    assert.ok(pod);
    const opts = pod.opts as pulumi.CustomResourceOptions;
    for (const [key, value] of Object.entries(given)) {
      assert.deepEqual(opts[key as keyof typeof given], value, key);
    }
  });

  it("keeps provider and protect reaching the pod", async () => {
    const provider = new k8s.Provider("cluster", {});
    const { captured, transformation } = captureOptions();
    const runner = new FlameRunnerPod(
      "workers",
      { parentPod: parentPod(), encodedParent: ENCODED_PARENT },
      { transformations: [transformation], provider, protect: true },
    );
    await settle(runner.podName);
    const pod = captured.find((c) => c.type === POD_TYPE);
    assert.ok(pod);
    assert.equal(runner.pod.getProvider("kubernetes::Pod"), provider);
    assert.equal((runner.pod as unknown as { __protect?: boolean }).__protect, true);
  });
});

describe("FlameRunnerPod: depends on a parent Pod resource", () => {
  // A parent without the FLAME env and service account makes the rules warn,
  // on the component: recorded here, not printed in the test report.
  const logged = captureEachTest({
    install: () => installMocks({ reads: { [`production/${PARENT_NAME}`]: { ...parentPod() } } }),
  });

  it("builds from a Pod read with Pod.get and depends on it", async () => {
    const parent = k8s.core.v1.Pod.get("parent", `production/${PARENT_NAME}`);
    const { captured, transformation } = captureOptions();
    const runner = new FlameRunnerPod(
      "workers",
      { parentPod: parent, template: seedTemplate(), encodedParent: ENCODED_PARENT },
      { transformations: [transformation] },
    );
    await settle(runner.podName);
    const pod = captured.find((c) => c.type === POD_TYPE);
    assert.ok(pod);
    assert.deepEqual(await podDependsOn(captured), [parent]);
    const inputs = podRegistrations("workers")[0].inputs;
    const metadata = plainInput(inputs.metadata) as { name: string; namespace: string };
    assert.match(metadata.name, new RegExp(`^${RUNNER_NAME_PREFIX}[0-9a-f]{20}$`));
    assert.equal(metadata.name.length, 61);
    assert.equal(metadata.namespace, "production");
  });

  it("builds from a Pod declared in the program and depends on it", async () => {
    const parent = new k8s.core.v1.Pod("parent", {
      metadata: { name: "myapp", namespace: "production" },
      spec: { containers: [{ name: "myapp", image: "ghcr.io/acme/myapp:1.4.2" }] },
    });
    const { captured, transformation } = captureOptions();
    const runner = new FlameRunnerPod(
      "workers",
      { parentPod: parent, encodedParent: ENCODED_PARENT, omitOwnerReference: true },
      { transformations: [transformation] },
    );
    await settle(runner.podName);
    assert.deepEqual(await podDependsOn(captured), [parent]);
    await drain();
    assert.deepEqual(
      logged.logs.map((log) => log.message.split(":")[0]),
      [
        "parentPod.spec.containers[0].env",
        "parentPod.spec.containers[0].env",
        "parentPod.spec.serviceAccountName",
      ],
    );
    const spec = plainInput(podRegistrations("workers")[0].inputs.spec) as {
      containers: { image: string }[];
    };
    assert.equal(spec.containers[0].image, "ghcr.io/acme/myapp:1.4.2");
  });

  it("has no dependency when the parent is a manifest", async () => {
    const { captured, transformation } = captureOptions();
    const runner = new FlameRunnerPod(
      "workers",
      { parentPod: parentPod(), encodedParent: ENCODED_PARENT },
      { transformations: [transformation] },
    );
    await settle(runner.podName);
    assert.deepEqual(await podDependsOn(captured), []);
  });
});

describe("FlameRunnerPod: the pod's inputs carry the owner reference to the parent", () => {
  beforeEach(() => installMocks());

  it("sets exactly one controller owner reference to the parent pod", async () => {
    const runner = new FlameRunnerPod("workers", {
      parentPod: parentPod(),
      encodedParent: ENCODED_PARENT,
    });
    await settle(runner.podName);
    const metadata = plainInput(podRegistrations("workers")[0].inputs.metadata) as {
      ownerReferences?: unknown;
    };
    assert.deepEqual(metadata.ownerReferences, [
      {
        apiVersion: "v1",
        kind: "Pod",
        name: PARENT_NAME,
        uid: PARENT_UID,
        controller: true,
      },
    ]);
  });

  it("sets none with omitOwnerReference", async () => {
    const runner = new FlameRunnerPod("workers", {
      parentPod: parentPod(),
      encodedParent: ENCODED_PARENT,
      omitOwnerReference: true,
    });
    await settle(runner.podName);
    const metadata = plainInput(podRegistrations("workers")[0].inputs.metadata) as {
      ownerReferences?: unknown;
    };
    assert.equal(metadata.ownerReferences, undefined);
  });
});
