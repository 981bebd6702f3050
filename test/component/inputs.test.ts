import assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import {
  FlameRunnerPod,
  runnerPodManifest,
  type FlameRunnerPodCallback,
  type Inputs,
  type RunnerPodStartingManifest,
  type PodManifest,
} from "../../src";
import {
  ENCODED_PARENT,
  RUNNER_NAME_PREFIX,
  parentPod,
  seedTemplate,
} from "../fixtures/parent-pod";
import { captureEachTest } from "../support/hooks";
import { registrations } from "../support/mocks";
import { known, plainInput, settle } from "../support/outputs";

const RUNNER_ID = "0123456789abcdef0123";

/** The child pod's registered spec, without the secret wrapper. */
function registeredSpec(name: string): NonNullable<PodManifest["spec"]> {
  const pod = registrations.find((r) => r.type === "kubernetes:core/v1:Pod" && r.name === name);
  assert.ok(pod, `no pod ${name} registered`);
  return plainInput(pod.inputs.spec) as NonNullable<PodManifest["spec"]>;
}

/** The pure function's manifest as the component registers it: with the skipAwait annotation. */
function asRegistered(manifest: PodManifest): PodManifest {
  const metadata = manifest.metadata ?? {};
  return {
    ...manifest,
    metadata: {
      ...metadata,
      annotations: { ...metadata.annotations, "pulumi.com/skipAwait": "true" },
    },
  };
}

describe("FlameRunnerPod: a template object with Input env and resources", () => {
  // Mocks, and the log captured: the runtime checks warn about these bare runners.
  captureEachTest();

  it("gives the same manifest as the pure function once the Inputs resolve", async () => {
    const seed = seedTemplate();
    const runner = new FlameRunnerPod("workers", {
      parentPod: parentPod(),
      template: {
        env: pulumi.output(seed.env),
        resources: Promise.resolve({
          requests: pulumi.output(seed.resources.requests),
          limits: seed.resources.limits,
        }),
      },
      encodedParent: pulumi.output(ENCODED_PARENT),
      runnerId: RUNNER_ID,
    });
    await settle(runner.podName);
    const expected = runnerPodManifest(parentPod(), seed, ENCODED_PARENT, { runnerId: RUNNER_ID });
    assert.deepEqual(await known(runner.manifest), asRegistered(expected));
    assert.deepEqual(registeredSpec("workers"), expected.spec);
  });

  it("puts the template's env first after the four predefined variables", async () => {
    const runner = new FlameRunnerPod("workers", {
      parentPod: parentPod(),
      template: { env: [{ name: "FOO", value: pulumi.output("bar") }] },
      encodedParent: ENCODED_PARENT,
    });
    await settle(runner.podName);
    const env = registeredSpec("workers").containers[0].env ?? [];
    assert.deepEqual(
      env.slice(0, 5).map((e) => e.name),
      ["POD_NAME", "POD_NAMESPACE", "PHX_SERVER", "FLAME_PARENT", "FOO"],
    );
    assert.equal(env[4].value, "bar");
    assert.equal(env.filter((e) => e.name === "FOO").length, 1);
  });

  it("accepts the whole template as an Output", async () => {
    const runner = new FlameRunnerPod("workers", {
      parentPod: parentPod(),
      template: pulumi.output({ resources: { limits: { memory: "2Gi" } }, addParentEnv: false }),
      encodedParent: ENCODED_PARENT,
    });
    await settle(runner.podName);
    const container = registeredSpec("workers").containers[0];
    assert.deepEqual(container.resources, { limits: { memory: "2Gi" } });
    assert.equal(container.envFrom, undefined);
  });
});

describe("FlameRunnerPod: a callback may return a value, a Promise or an Output", () => {
  // Mocks, and the log captured: the runtime checks warn about these bare runners.
  captureEachTest();

  /** A callback result that marks where it came from. */
  function starting(source: string): Inputs<RunnerPodStartingManifest> {
    return {
      metadata: { labels: { source } },
      spec: { containers: [{ resources: { limits: { cpu: "2" } } }] },
    };
  }

  const cases: [string, FlameRunnerPodCallback][] = [
    ["value", () => starting("value")],
    ["Promise", async () => starting("promise")],
    ["Output", () => pulumi.output(starting("output"))],
    [
      "value holding Outputs",
      () => ({
        metadata: { labels: { source: pulumi.output("nested") } },
        spec: pulumi.output({ containers: [{ resources: { limits: { cpu: "2" } } }] }),
      }),
    ],
  ];
  const expectedSource: Record<string, string> = {
    value: "value",
    Promise: "promise",
    Output: "output",
    "value holding Outputs": "nested",
  };

  for (const [label, callback] of cases) {
    it(`uses the callback's ${label} as the starting manifest`, async () => {
      const runner = new FlameRunnerPod("workers", {
        parentPod: parentPod(),
        template: callback,
        encodedParent: ENCODED_PARENT,
        runnerId: RUNNER_ID,
      });
      await settle(runner.podName);
      const manifest = await known(runner.manifest);
      assert.equal(manifest.metadata?.labels?.source, expectedSource[label]);
      assert.deepEqual(manifest.spec?.containers[0].resources, { limits: { cpu: "2" } });
      assert.equal(manifest.spec?.containers[0].image, "ghcr.io/acme/myapp:1.4.2");
      assert.equal(manifest.metadata?.name, `${RUNNER_NAME_PREFIX}${RUNNER_ID}`);
      assert.deepEqual(registeredSpec("workers"), manifest.spec);
    });
  }

  it("calls the callback with copies of the parent pod and of its app container", async () => {
    const parent = parentPod();
    const seen: Parameters<FlameRunnerPodCallback>[] = [];
    const runner = new FlameRunnerPod("workers", {
      parentPod: parent,
      appContainerName: "myapp",
      template: (p, c) => {
        seen.push([p, c]);
        p.metadata = {};
        c.image = "changed";
        return {};
      },
      encodedParent: ENCODED_PARENT,
    });
    await settle(runner.podName);
    assert.equal(seen.length, 1);
    assert.notEqual(seen[0][0], parent);
    assert.equal(seen[0][1].name, "myapp");
    assert.deepEqual(parent, parentPod());
    const manifest = await known(runner.manifest);
    assert.equal(manifest.spec?.containers[0].image, "ghcr.io/acme/myapp:1.4.2");
  });

  it("accepts a callback written for the pure function", async () => {
    const pure = (p: PodManifest): PodManifest => ({
      metadata: { labels: { from: p.metadata?.name ?? "" } },
    });
    const runner = new FlameRunnerPod("workers", {
      parentPod: parentPod(),
      template: pure,
      encodedParent: ENCODED_PARENT,
      runnerId: RUNNER_ID,
    });
    await settle(runner.podName);
    assert.deepEqual(
      await known(runner.manifest),
      asRegistered(runnerPodManifest(parentPod(), pure, ENCODED_PARENT, { runnerId: RUNNER_ID })),
    );
  });
});
