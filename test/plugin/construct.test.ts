import assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import * as k8s from "@pulumi/kubernetes";
import { FlameRunnerPodError, type PodManifest } from "../../src";
import {
  ENCODED_PARENT,
  PARENT_NAME,
  PARENT_UID,
  RUNNER_NAME_PREFIX,
  parentPod,
  seedTemplate,
} from "../fixtures/parent-pod";
import { envOf } from "../support/data";
import { installMocks, registrations } from "../support/mocks";
import { displayed, isSecretInput, known, plainInput, rejection, settle } from "../support/outputs";
import { pluginProvider } from "./provider";
import { overTheWire, type WireOptions } from "./wire";
import { captureEachTest } from "../support/hooks";

const TOKEN = "flame-k8s:index:FlameRunnerPod";

/** The parent pod's id, as pulumi-kubernetes writes it: `namespace/name`. */
const PARENT_ID = `production/${PARENT_NAME}`;

/** What `construct` gives back, with the outputs the schema declares. */
interface Constructed {
  urn: string;
  podName: pulumi.Output<string>;
  manifest: pulumi.Output<PodManifest>;
  pod: k8s.core.v1.Pod;
}

/**
 * The plugin's `construct`, as the provider host calls it for a program in
 * another language: `inputs` go over the wire first.
 */
async function construct(
  name: string,
  inputs: Record<string, unknown>,
  wire: WireOptions = {},
): Promise<Constructed> {
  const received = await overTheWire(inputs, wire);
  const result = await pluginProvider().construct(name, TOKEN, received, {});
  const state = result.state as Omit<Constructed, "urn">;
  return { urn: await known(pulumi.output(result.urn)), ...state };
}

/** The parent pod, read from the (mock) cluster as a consumer's program reads it. */
function readParent(): k8s.core.v1.Pod {
  return k8s.core.v1.Pod.get("parent", PARENT_ID);
}

/** The registered inputs of the runner pod named `name`. */
function runnerPodInputs(name: string): Record<string, unknown> {
  const pods = registrations.filter(
    (r) => r.type === "kubernetes:core/v1:Pod" && r.name === name && !r.id,
  );
  assert.equal(pods.length, 1, `expected one runner pod ${name}`);
  return pods[0].inputs;
}

/** The runner pod as registered: its metadata and spec, secrets unwrapped. */
function registeredRunner(name: string): PodManifest {
  const inputs = runnerPodInputs(name);
  return {
    metadata: plainInput(inputs.metadata) as PodManifest["metadata"],
    spec: plainInput(inputs.spec) as PodManifest["spec"],
  };
}

describe("plugin: construct() declares the library's runner pod for a program in another language", function () {
  // The first construct builds the schema (the host compiles the plugin).
  this.timeout(180_000);
  before(() => pluginProvider().getSchema());
  beforeEach(() => installMocks({ reads: { [PARENT_ID]: { ...parentPod() } } }));

  it("nests the library's FlameRunnerPod under the plugin's component, and the pod under that", async () => {
    const runner = await construct("runner", {
      parentPod: readParent(),
      template: seedTemplate(),
      encodedParent: ENCODED_PARENT,
    });
    assert.match(runner.urn, /::flame-k8s:index:FlameRunnerPod::runner$/);
    // (The mock engine writes only the parent's own type into a child's URN.)
    assert.match(
      await known(runner.pod.urn),
      /::flame-k8s:index:FlameRunnerPod\$kubernetes:core\/v1:Pod::runner$/,
    );
    assert.deepEqual(
      registrations.filter((r) => r.name === "runner").map((r) => r.type),
      [TOKEN, TOKEN, "kubernetes:core/v1:Pod"],
    );
  });

  it("declares the runner pod of the rules: its name, the env head, the template, the owner", async () => {
    const runner = await construct("runner", {
      parentPod: readParent(),
      template: seedTemplate(),
      encodedParent: ENCODED_PARENT,
    });
    const podName = await known(runner.podName);
    assert.ok(podName.startsWith(RUNNER_NAME_PREFIX), podName);
    assert.equal(podName.length, 61);

    const pod = registeredRunner("runner");
    assert.equal(pod.metadata?.name, podName);
    assert.equal(pod.metadata?.namespace, "production");
    assert.deepEqual(
      pod.metadata?.ownerReferences?.map((o) => [o.kind, o.name, o.uid, o.controller]),
      [["Pod", PARENT_NAME, PARENT_UID, true]],
    );
    const container = pod.spec?.containers[0];
    assert.equal(container?.name, podName);
    assert.equal(container?.image, "ghcr.io/acme/myapp:1.4.2");
    assert.deepEqual(
      container?.env?.slice(0, 4).map((e) => e.name),
      ["POD_NAME", "POD_NAMESPACE", "PHX_SERVER", "FLAME_PARENT"],
    );
    assert.equal(envOf(pod).FLAME_PARENT, ENCODED_PARENT);
    assert.equal(envOf(pod).FOO, "bar");
    assert.deepEqual(container?.resources, seedTemplate().resources);
    assert.equal(pod.spec?.restartPolicy, "Never");

    assert.deepEqual((await known(runner.manifest)).metadata?.name, podName);
  });

  it("takes the parent as a manifest map", async () => {
    const runner = await construct("from-manifest", {
      parentPodManifest: parentPod(),
      encodedParent: ENCODED_PARENT,
    });
    assert.ok((await known(runner.podName)).startsWith(RUNNER_NAME_PREFIX));
    assert.equal(envOf(registeredRunner("from-manifest")).FLAME_PARENT, ENCODED_PARENT);
  });

  const secrets = [
    {
      what: "a secret encoded parent",
      name: "secret",
      inputs: () => ({ encodedParent: pulumi.secret(ENCODED_PARENT) }),
      env: ["FLAME_PARENT", ENCODED_PARENT],
    },
    {
      what: "a secret template env value",
      name: "secret-env",
      inputs: () => ({
        template: { env: [{ name: "API_KEY", value: pulumi.secret("s3cr3t") }] },
        encodedParent: ENCODED_PARENT,
      }),
      env: ["API_KEY", "s3cr3t"],
    },
  ];
  for (const { what, name, inputs, env } of secrets) {
    it(`keeps ${what} secret in the manifest and the pod's spec`, async () => {
      const runner = await construct(name, { parentPod: readParent(), ...inputs() });
      await known(runner.podName);
      assert.equal(await pulumi.isSecret(runner.manifest), true);
      assert.equal(isSecretInput(runnerPodInputs(name).spec), true);
      assert.equal(envOf(registeredRunner(name))[env[0]], env[1]);
    });
  }

  it("returns podName and manifest secret where secrets flowed, and shows no secret (issue 22)", async () => {
    const runner = await construct("secret-id", {
      parentPod: readParent(),
      template: { env: [{ name: "API_KEY", value: pulumi.secret("s3cr3t-key") }] },
      encodedParent: pulumi.secret(ENCODED_PARENT),
      runnerId: pulumi.secret("pinned01"),
    });
    assert.equal(await known(runner.podName), `${RUNNER_NAME_PREFIX}pinned01`);
    assert.equal(await pulumi.isSecret(runner.podName), true);
    assert.equal(await pulumi.isSecret(runner.manifest), true);
    // The construct result as the provider host sends it back, and every registration.
    const { podName, manifest } = runner;
    const sent = await pulumi.runtime.serializeProperties("state", { podName, manifest });
    for (const text of ["pinned01", "s3cr3t-key", ENCODED_PARENT]) {
      assert.ok(!displayed(sent).includes(text), `the result shows ${text}`);
      for (const r of registrations) {
        assert.ok(!displayed(r.inputs).includes(text), `${r.type} ${r.name} shows ${text}`);
      }
    }
  });

  it("passes the options on: appContainerName, omitOwnerReference, runnerId", async () => {
    const runner = await construct("options", {
      parentPodManifest: parentPod(),
      encodedParent: ENCODED_PARENT,
      appContainerName: "myapp",
      omitOwnerReference: true,
      runnerId: "abc123",
    });
    assert.equal(await known(runner.podName), `${RUNNER_NAME_PREFIX}abc123`);
    assert.equal(registeredRunner("options").metadata?.ownerReferences, undefined);
  });
});

describe("plugin: a Pod reference from a consumer whose kubernetes SDK is newer than the plugin's", function () {
  this.timeout(180_000);
  before(() => pluginProvider().getSchema());
  beforeEach(() => installMocks({ reads: { [PARENT_ID]: { ...parentPod() } } }));

  const newer: WireOptions = { consumerKubernetesVersion: "4.999.0" };

  it("arrives as the pod's id, and the plugin reads the pod with Pod.get", async () => {
    const received = await overTheWire({ parentPod: readParent() }, newer);
    assert.equal(k8s.core.v1.Pod.isInstance(received.parentPod), false);

    const runner = await construct(
      "by-id",
      { parentPod: readParent(), encodedParent: ENCODED_PARENT },
      newer,
    );
    await known(runner.podName);
    const read = registrations.find((r) => r.name === "by-id-parent");
    assert.deepEqual([read?.type, read?.id], ["kubernetes:core/v1:Pod", PARENT_ID]);
    assert.equal(registeredRunner("by-id").metadata?.ownerReferences?.[0].uid, PARENT_UID);
  });

  it("arrives as the pod's URN when the pod has no id yet, and the plugin looks the pod up by URN", async () => {
    const runner = await construct(
      "by-urn",
      { parentPod: readParent(), encodedParent: ENCODED_PARENT },
      { ...newer, withoutIds: true },
    );
    await known(runner.podName);
    assert.equal(
      registrations.some((r) => r.name === "by-urn-parent"),
      false,
      "a pod looked up by URN registers nothing",
    );
    assert.equal(registeredRunner("by-urn").metadata?.ownerReferences?.[0].uid, PARENT_UID);
  });
});

describe("plugin: a bad parent gets the library's error, naming the component and the argument", function () {
  this.timeout(180_000);
  before(() => pluginProvider().getSchema());
  beforeEach(() => installMocks());

  /**
   * Asserts `construct` rejects with the library's error, naming `bad` and
   * `path`; with `registersNothing`, before the component is registered.
   */
  async function constructError(
    inputs: Record<string, unknown>,
    path: string,
    registersNothing = false,
  ): Promise<void> {
    const error = await rejection(construct("bad", inputs));
    if (registersNothing) assert.deepEqual(registrations, []);
    assert.ok(error instanceof FlameRunnerPodError, `not a FlameRunnerPodError: ${String(error)}`);
    assert.ok(error.message.startsWith('FlameRunnerPod "bad"'), error.message);
    assert.deepEqual(
      error.issues.map((i) => i.path),
      [path],
    );
  }

  it("neither parentPod nor parentPodManifest, registering nothing", () =>
    constructError({ encodedParent: ENCODED_PARENT }, "args.parentPod", true));

  it("both parentPod and parentPodManifest, registering nothing", () =>
    constructError(
      { parentPod: "production/web", parentPodManifest: parentPod(), encodedParent: "x" },
      "args.parentPodManifest",
      true,
    ));

  it("a parentPodManifest that is not a map, registering nothing", () =>
    constructError(
      { parentPodManifest: "production/web", encodedParent: ENCODED_PARENT },
      "args.parentPodManifest",
      true,
    ));

  it("a parentPod that is a reference to another kind of resource", () =>
    constructError(
      {
        parentPod: "urn:pulumi:stack::project::kubernetes:apps/v1:Deployment::web",
        encodedParent: ENCODED_PARENT,
      },
      "args.parentPod",
    ));

  it("an empty encodedParent (the library's own check)", () =>
    constructError({ parentPodManifest: parentPod(), encodedParent: "" }, "args.encodedParent"));

  describe("a parent manifest the rules refuse", () => {
    const captured = captureEachTest({ install: false, unhandled: true });

    it("a secret value in the warning and the error is [secret] (issue 22)", async () => {
      const secret = pulumi.secret("hunter2-pa55word");
      const runner = await construct("bad", {
        parentPodManifest: parentPod(),
        template: {
          env: [{ name: "PHX_SERVER", value: secret }],
          resources: { limits: { memory: secret } },
        },
        encodedParent: ENCODED_PARENT,
      });
      const error = await rejection(settle(runner.manifest));
      assert.ok(error instanceof FlameRunnerPodError, String(error));
      assert.match(
        error.message,
        /^FlameRunnerPod "bad": spec\.containers\[0\]\.resources\.limits\.memory: \[secret\] is not a Kubernetes quantity/,
      );
      // Over the wire a secret inside the template makes the whole template one
      // secret Output: the variable's name is then secret too.
      const warnings = captured.logs.map((c) => c.message);
      assert.ok(
        warnings.some((w) =>
          /^template\.env\[0\]: \S+=\[secret\] is overwritten with "false"/.test(w),
        ),
        warnings.join("\n"),
      );
      const printed = JSON.stringify([error.message, error.issues, warnings]);
      assert.ok(!printed.includes("hunter2"), printed);
    });

    it("rejects the manifest with the rules' error, logged on the library's component", async () => {
      const noContainers = { ...parentPod(), spec: { ...parentPod().spec, containers: [] } };
      const runner = await construct("bad", {
        parentPodManifest: noContainers,
        encodedParent: ENCODED_PARENT,
      });
      const error = await rejection(settle(runner.manifest));
      assert.ok(error instanceof FlameRunnerPodError, String(error));
      assert.ok(error.message.startsWith('FlameRunnerPod "bad"'), error.message);
      assert.ok(error.issues.some((i) => i.path.startsWith("parentPod")));
      assert.equal(
        registrations.some((r) => r.type === "kubernetes:core/v1:Pod"),
        false,
        "the runner pod never reaches the engine",
      );
    });
  });
});
