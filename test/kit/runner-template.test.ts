import assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { FlameRunnerPodError } from "../../src/errors";
import {
  FLAME_RUNNER_TEMPLATE_TYPE,
  FlameRunnerTemplate,
  RUNTIME_ENCODED_PARENT,
  RUNTIME_RUNNER_ID_V07,
  type FlameRunnerTemplateArgs,
} from "../../src/kit";
import type { PodManifest, RunnerPodTemplate } from "../../src/types";
import { registeredAfter } from "../support/mocks";
import { drain, known, rejection, settle } from "../support/outputs";
import { envOf, throwing } from "../support/data";
import { AUTONAME_SUFFIX, installNamingMocks, phoenixPodTemplate } from "./support";
import { assertFailedRunOnce, captureEachTest } from "../support/hooks";

const CONFIG_MAP = "kubernetes:core/v1:ConfigMap";

function args(extra: Partial<FlameRunnerTemplateArgs> = {}): FlameRunnerTemplateArgs {
  return {
    podTemplate: phoenixPodTemplate(),
    workloadName: "shop",
    namespace: "shop",
    template: { resources: { requests: { cpu: "1" }, limits: { memory: "2Gi" } } },
    ...extra,
  };
}

describe("FlameRunnerTemplate: checks the runner against the pod the workload will create", () => {
  const captured = captureEachTest({ install: installNamingMocks });

  it("registers the component and one ConfigMap, and no pod", async () => {
    const runners = new FlameRunnerTemplate("runners", args());
    assert.deepEqual(await registeredAfter(runners.volume), [
      [FLAME_RUNNER_TEMPLATE_TYPE, "runners"],
      [CONFIG_MAP, "runners"],
    ]);
    assert.deepEqual(captured.logs, []);
  });

  it("stands in for a Deployment's pod: <name>-<10 char hash>-<5 char>, placeholder uid", async () => {
    const runners = new FlameRunnerTemplate("runners", args());
    const parent = await known(runners.parentPod);
    assert.match(parent.metadata!.name!, /^shop-[a-z0-9]{10}-[a-z0-9]{5}$/);
    assert.equal(parent.metadata!.namespace, "shop");
    assert.equal(parent.metadata!.ownerReferences![0].kind, "ReplicaSet");
    const manifest = await known(runners.manifest);
    assert.equal(manifest.metadata!.ownerReferences![0].uid, parent.metadata!.uid);
    assert.equal(manifest.metadata!.ownerReferences![0].name, parent.metadata!.name);
  });

  it("stands in for a StatefulSet's pod: <name>-<ordinal>", async () => {
    const runners = new FlameRunnerTemplate("runners", args({ workloadKind: "StatefulSet" }));
    const parent = await known(runners.parentPod);
    assert.equal(parent.metadata!.name, "shop-0");
    assert.equal(parent.metadata!.ownerReferences![0].kind, "StatefulSet");
  });

  it("outputs the runner manifest as it will be created", async () => {
    const runners = new FlameRunnerTemplate("runners", args());
    const manifest = await known(runners.manifest);
    const runner = manifest.spec!.containers[0];
    assert.equal(runner.image, "ghcr.io/acme/shop:2.1.0");
    assert.deepEqual(runner.resources, { requests: { cpu: "1" }, limits: { memory: "2Gi" } });
    assert.equal(manifest.spec!.serviceAccountName, "shop");
    assert.equal(manifest.metadata!.namespace, "shop");
    const env = envOf(manifest);
    assert.equal(env.FLAME_PARENT, RUNTIME_ENCODED_PARENT);
    assert.equal(env.RELEASE_NODE, "shop@$(POD_IP)");
    assert.equal(env.PHX_SERVER, "false");
  });

  it("outputs the volume (the ConfigMap's name) and the read-only mount", async () => {
    const runners = new FlameRunnerTemplate("runners", args({ mountPath: "/srv/flame" }));
    assert.deepEqual(await known(runners.volume), {
      name: "flame-runners",
      configMap: { name: `runners${AUTONAME_SUFFIX}` },
    });
    assert.deepEqual(await known(runners.volumeMount), {
      name: "flame-runners",
      mountPath: "/srv/flame",
      readOnly: true,
    });
    assert.equal(runners.templatePath, "/srv/flame/runner-template.json");
  });

  it("several pools on one workload: two templates get distinct volume names, mount paths and files", async () => {
    const runners = new FlameRunnerTemplate("runners", args());
    const gpu = new FlameRunnerTemplate("GPU_pool", args());
    const [a, b] = [await known(runners.volumeMount), await known(gpu.volumeMount)];
    assert.deepEqual(a, { name: "flame-runners", mountPath: "/etc/flame/runners", readOnly: true });
    assert.deepEqual(b, {
      name: "flame-gpu-pool",
      mountPath: "/etc/flame/gpu-pool",
      readOnly: true,
    });
    assert.equal((await known(runners.volume)).name, a.name);
    assert.equal((await known(gpu.volume)).name, b.name);
    assert.equal(runners.templatePath, "/etc/flame/runners/runner-template.json");
    assert.equal(gpu.templatePath, "/etc/flame/gpu-pool/runner-template.json");
  });

  it("volumeName and mountPath name the volume and the directory when given", async () => {
    const runners = new FlameRunnerTemplate(
      "runners",
      args({ volumeName: "pool-a", mountPath: "/srv/pool-a/" }),
    );
    assert.deepEqual(await known(runners.volumeMount), {
      name: "pool-a",
      mountPath: "/srv/pool-a/",
      readOnly: true,
    });
    assert.equal((await known(runners.volume)).name, "pool-a");
    assert.equal(runners.templatePath, "/srv/pool-a/runner-template.json");
  });

  it("a long component name: a volume name of at most 63 characters, a valid label", async () => {
    const runners = new FlameRunnerTemplate("x".repeat(70), args());
    const name = (await known(runners.volume)).name as string;
    assert.equal(name.length, 63);
    assert.match(name, /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/);
  });

  it("takes the workload's selector (a LabelSelector, an Input)", async () => {
    const runners = new FlameRunnerTemplate(
      "runners",
      args({ selector: pulumi.output({ matchLabels: { app: "shop" } }) }),
    );
    assert.equal((await known(runners.manifest)).metadata!.namespace, "shop");
  });

  it("takes Inputs: the pod template and the names may be Outputs", async () => {
    const runners = new FlameRunnerTemplate(
      "runners",
      args({
        podTemplate: pulumi.output(phoenixPodTemplate()),
        workloadName: Promise.resolve("shop"),
        namespace: pulumi.output("shop"),
      }),
    );
    assert.equal((await known(runners.manifest)).metadata!.namespace, "shop");
  });

  it("runs a callback against the stand-in parent (it may return Outputs)", async () => {
    let seen: PodManifest | undefined;
    const runners = new FlameRunnerTemplate(
      "runners",
      args({
        template: (parent) => {
          seen = parent;
          return {
            spec: {
              nodeSelector: pulumi.output({ pool: "gpu" }),
              containers: [{ resources: { limits: { "nvidia.com/gpu": "1" } } }],
            },
          };
        },
      }),
    );
    const manifest = await known(runners.manifest);
    assert.deepEqual(manifest.spec!.nodeSelector, { pool: "gpu" });
    assert.ok(seen?.metadata?.name?.startsWith("shop-"));
  });

  it("keeps secrets: a secret value among the arguments makes the outputs secret", async () => {
    // (A secret the file does not hold: one that it would hold is refused, see template-file.test.ts.)
    const podTemplate = phoenixPodTemplate();
    podTemplate.metadata = { labels: { app: "shop", tier: pulumi.secret("storefront-7") } };
    const runners = new FlameRunnerTemplate("runners", args({ podTemplate }));
    assert.equal((await known(runners.parentPod)).metadata!.labels!.tier, "storefront-7");
    assert.equal(await pulumi.isSecret(runners.templateJson), true);
    assert.equal(await pulumi.isSecret(runners.manifest), true);
    assert.equal(await pulumi.isSecret(runners.parentPod), true);
  });

  it("a plain template: the outputs are not secret", async () => {
    const runners = new FlameRunnerTemplate("runners", args());
    assert.equal(await pulumi.isSecret(runners.templateJson), false);
    assert.equal(await pulumi.isSecret(runners.manifest), false);
  });

  it("warns on itself, as FlameRunnerPod does (a pod template without flameParentEnv)", async () => {
    const podTemplate = phoenixPodTemplate();
    podTemplate.spec = { containers: [{ name: "web", image: "ghcr.io/acme/shop:2.1.0" }] };
    const runners = new FlameRunnerTemplate("runners", args({ podTemplate }));
    await known(runners.manifest);
    assert.equal(captured.logs.length, 3);
    assert.ok(captured.logs.every((c) => c.severity === "warn" && c.resource === runners));
    assert.match(captured.logs[0].message, /POD_NAME, POD_NAMESPACE/);
    assert.match(captured.logs[1].message, /POD_IP, RELEASE_DISTRIBUTION, RELEASE_NODE/);
    assert.match(captured.logs[2].message, /FlameRbac/);
  });
});

describe("FlameRunnerTemplate: a template the rules refuse fails the run, naming the component", () => {
  const captured = captureEachTest({ install: installNamingMocks, unhandled: true });

  const typo = {
    resources: { requests: { cpu: "1" }, limimts: { memory: "2Gi" } },
  } as RunnerPodTemplate;

  it("the seed's limimts typo: the manifest rejects with the path and the hint", async () => {
    const runners = new FlameRunnerTemplate("runners", args({ template: typo }));
    const error = await rejection(settle(runners.manifest));
    assertReported(error, runners, "spec.containers[0].resources.limimts");
    assert.match(
      error.message,
      /^FlameRunnerTemplate "runners": spec\.containers\[0\]\.resources\.limimts: .*"limits"/,
    );
  });

  it("fails the run with that one error, unprefixed, and the ConfigMap never reaches the engine", async () => {
    const runners = new FlameRunnerTemplate("runners", args({ template: typo }));
    const error = await rejection(settle(runners.manifest));
    await drain(50);
    assertReported(error, runners, "spec.containers[0].resources.limimts");
    // Every output rejects with it; the serializer met it (the ConfigMap's data): the message stays.
    assert.equal(await rejection(settle(runners.templateJson)), error);
    assert.equal(error.message, rulesError(error).message);
    assertFailedRunOnce(captured, FLAME_RUNNER_TEMPLATE_TYPE, error);
  });

  it("a callback that throws: the rules' message at path callback", async () => {
    const thrown = new Error("boom");
    const runners = new FlameRunnerTemplate("runners", args({ template: throwing(thrown) }));
    const error = await rejection(settle(runners.manifest));
    assertReported(error, runners, "callback");
    assert.match(error.message, /^FlameRunnerTemplate "runners": callback: threw Error: boom/);
    assert.equal(rulesError(error).cause, thrown);
  });

  it("a callback whose Promise rejects: the rules' message at path callback", async () => {
    const runners = new FlameRunnerTemplate(
      "runners",
      args({ template: () => Promise.reject(new Error("no GPU pool")) }),
    );
    const error = await rejection(settle(runners.manifest));
    assertReported(error, runners, "callback");
    assert.match(error.message, /callback: rejected with Error: no GPU pool/);
  });

  it("an Output among the arguments that fails: at path args, with its error as cause", async () => {
    const cause = new Error("lookup failed");
    const runners = new FlameRunnerTemplate(
      "runners",
      args({ namespace: pulumi.output(Promise.reject(cause)) }),
    );
    const error = await rejection(settle(runners.manifest));
    assertReported(error, runners, "args");
    assert.equal(rulesError(error).cause, cause);
  });

  it("a pod template without containers", async () => {
    const runners = new FlameRunnerTemplate(
      "runners",
      args({ podTemplate: { spec: { containers: [] } } }),
    );
    const error = await rejection(settle(runners.manifest));
    assertReported(error, runners, "parentPod.spec.containers");
  });

  it("bad arguments throw from the constructor", () => {
    assert.throws(
      () => new FlameRunnerTemplate("runners", { ...args(), workloadKind: "DaemonSet" } as never),
      (error: unknown) =>
        error instanceof FlameRunnerPodError &&
        error.issues.map((i) => i.path).join() === "args.workloadKind",
    );
    assert.throws(
      () => new FlameRunnerTemplate("runners", { template: {} } as never),
      (error: unknown) =>
        error instanceof FlameRunnerPodError &&
        error.issues.map((i) => i.path).join() ===
          "args.podTemplate,args.workloadName,args.namespace",
    );
  });
});

describe("FlameRunnerTemplate: any value of a bad argument gets the library's error", () => {
  beforeEach(() => installNamingMocks());

  it("a bigint workloadKind and mountPath: the paths, not a TypeError of JSON.stringify", () => {
    assert.throws(
      () =>
        new FlameRunnerTemplate("runners", {
          ...args(),
          workloadKind: 1n,
          mountPath: 2n,
        } as never),
      (error: unknown) =>
        error instanceof FlameRunnerPodError &&
        error.issues.map((i) => i.path).join() === "args.workloadKind,args.mountPath",
    );
  });
});

describe("FlameRunnerTemplate: its arguments are checked as FlameRunnerPod's are", () => {
  beforeEach(() => installNamingMocks());

  /** The issues the constructor throws for `given`. */
  function issuesOf(given: unknown): FlameRunnerPodError["issues"] {
    try {
      new FlameRunnerTemplate("runners", given as FlameRunnerTemplateArgs);
    } catch (error) {
      assert.ok(error instanceof FlameRunnerPodError);
      return error.issues;
    }
    assert.fail("nothing thrown");
  }

  it("an unknown argument: its path, and the argument it is probably a typo of", () => {
    const issues = issuesOf({ ...args(), mountpath: "/etc/flame" });
    assert.deepEqual(
      issues.map((i) => i.path),
      ["args.mountpath"],
    );
    assert.match(issues[0].message, /did you mean "mountPath"\?/);
  });

  it("a selector that is not an object, and a volumeName that is not a label: their paths", () => {
    for (const [extra, path] of [
      [{ selector: "app=shop" }, "args.selector"],
      [{ volumeName: "Flame_Template" }, "args.volumeName"],
      [{ volumeName: "x".repeat(64) }, "args.volumeName"],
    ] as const) {
      assert.throws(
        () => new FlameRunnerTemplate("runners", { ...args(), ...extra } as never),
        (error: unknown) =>
          error instanceof FlameRunnerPodError && error.issues.map((i) => i.path).join() === path,
      );
    }
  });

  it("backend and appContainerName: the words the rules use for them", () => {
    const issues = issuesOf({ ...args(), backend: "v0.8", appContainerName: "" });
    assert.deepEqual(
      issues.map((i) => i.path),
      ["args.backend", "args.appContainerName"],
    );
    assert.match(issues[0].message, /did you mean "v0\.7"\?/);
    assert.match(issues[1].message, /leave it out for the first container/);
  });
});

describe("FlameRunnerTemplate with backend v0.7: the stand-in parent checked with the v0.7 rules", () => {
  const captured = captureEachTest({ install: installNamingMocks, unhandled: true });

  const manifest = {
    metadata: { labels: { role: "flame-runner" } },
    spec: {
      containers: [{ resources: { requests: { cpu: "1" }, limits: { memory: "2Gi" } } }],
    },
  };

  it("builds the runner as v0.7 will: a v0.7 runner id, the runner container, env from the map", async () => {
    const runners = new FlameRunnerTemplate(
      "runners",
      args({ backend: "v0.7", template: manifest, env: { FOO: pulumi.output("bar") } }),
    );
    const runner = await known(runners.manifest);
    assert.match(runner.metadata!.name!, new RegExp(`-${RUNTIME_RUNNER_ID_V07}$`));
    const container = runner.spec!.containers[0];
    assert.equal(container.name, "runner");
    assert.deepEqual(container.resources, { requests: { cpu: "1" }, limits: { memory: "2Gi" } });
    assert.equal(envOf(runner).FOO, "bar");
    assert.equal(envOf(runner).FLAME_PARENT, RUNTIME_ENCODED_PARENT);
    const file = JSON.parse(await known(runners.templateJson)) as Record<string, unknown>;
    assert.deepEqual(Object.keys(file), ["manifest", "env"]);
    assert.deepEqual(file.env, { FOO: "bar" });
    const published = file.manifest as PodManifest;
    assert.deepEqual(published.metadata!.labels, manifest.metadata.labels);
    assert.deepEqual(
      published.spec!.containers[0].resources,
      manifest.spec.containers[0].resources,
    );
    assert.deepEqual(captured.unhandled, []);
  });

  it("a callback: run against the stand-in parent, its result published as the manifest", async () => {
    const runners = new FlameRunnerTemplate(
      "runners",
      args({
        backend: "v0.7",
        template: (parent) => ({ metadata: { labels: { of: parent.metadata!.labels!.app } } }),
      }),
    );
    const file = JSON.parse(await known(runners.templateJson)) as { manifest: PodManifest };
    assert.deepEqual(file.manifest.metadata!.labels, { of: "shop" });
  });

  it("the limimts typo fails with the path, and the ConfigMap never reaches the engine", async () => {
    const typo = {
      spec: {
        containers: [{ resources: { requests: { cpu: "1" }, limimts: { memory: "2Gi" } } }],
      },
    };
    const runners = new FlameRunnerTemplate("runners", args({ backend: "v0.7", template: typo }));
    const error = await rejection(settle(runners.manifest));
    await drain(50);
    assertReported(error, runners, "spec.containers[0].resources.limimts");
    assert.match(error.message, /limimts: .*"limits"/);
    assertFailedRunOnce(captured, FLAME_RUNNER_TEMPLATE_TYPE, error);
  });

  it("env without backend v0.7, or an unknown backend: thrown from the constructor", () => {
    assert.throws(
      () => new FlameRunnerTemplate("runners", args({ env: { FOO: "bar" } })),
      (error: unknown) =>
        error instanceof FlameRunnerPodError &&
        error.issues.map((i) => i.path).join() === "args.env",
    );
    assert.throws(
      () => new FlameRunnerTemplate("runners", { ...args(), backend: "v0.8" } as never),
      (error: unknown) =>
        error instanceof FlameRunnerPodError &&
        error.issues.map((i) => i.path).join() === "args.backend",
    );
  });
});

/**
 * The error a failed FlameRunnerTemplate reports, as FlameRunnerPod does: an
 * error the language host reports as a pulumi.ResourceError on the
 * component, without stack, whose message is the rules' message named after
 * the component, unprefixed.
 */
function assertReported(
  error: unknown,
  component: FlameRunnerTemplate,
  path: string,
): asserts error is pulumi.ResourceError {
  assert.ok(pulumi.ResourceError.isInstance(error), `not a ResourceError: ${String(error)}`);
  assert.equal(error.resource, component);
  assert.equal(error.hideStack, true);
  assert.equal(error.message, rulesError(error).message);
  assert.match(error.message, /^FlameRunnerTemplate "runners": /);
  assert.doesNotMatch(error.message, /error serializing/);
  assert.equal(rulesError(error).issues[0].path, path);
}

/** The rules' FlameRunnerPodError of a reported error: the error itself, or its cause. */
function rulesError(error: unknown): FlameRunnerPodError {
  const rules = error instanceof FlameRunnerPodError ? error : (error as Error).cause;
  assert.ok(rules instanceof FlameRunnerPodError, `no rules' error: ${String(error)}`);
  return rules;
}
