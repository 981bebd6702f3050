/**
 * Step 1 of the rules page: the starting template (A: none, B: a template
 * object, C: a callback).
 */
import assert from "node:assert/strict";
import type { PodManifest } from "../../src/types";
import { PARENT_NAME, parentPod, seedTemplate } from "../fixtures/parent-pod";
import { deepFreeze, run } from "./support";

const PARENT_ENV_AFTER_REMOVAL = [
  "POD_IP<-valueFrom",
  "RELEASE_DISTRIBUTION=name",
  "RELEASE_NODE=myapp@$(POD_IP)",
  "SECRET_KEY_BASE<-valueFrom",
  "FOO=from-parent",
];

describe("Step 1 A: no template behaves exactly as the template {}", () => {
  it("gives the same manifest for undefined, null and {}", () => {
    const none = run(parentPod()).manifest;
    assert.deepEqual(run(parentPod(), {}).manifest, none);
    assert.deepEqual(run(parentPod(), null as unknown as undefined).manifest, none);
  });

  it("copies the app container's resources, env and envFrom", () => {
    const { runner, envLines } = run(parentPod());
    assert.deepEqual(runner.resources, parentPod().spec!.containers[0].resources);
    assert.deepEqual(envLines.slice(4), PARENT_ENV_AFTER_REMOVAL);
    assert.deepEqual(runner.envFrom, parentPod().spec!.containers[0].envFrom);
  });
});

describe("Step 1 B: a template object { env?, resources?, addParentEnv? }", () => {
  it("starts in the parent's namespace", () => {
    assert.equal(run(parentPod(), seedTemplate()).manifest.metadata!.namespace, "production");
  });

  it("takes template.resources as a whole, without merging the parent's", () => {
    const { runner } = run(parentPod(), { resources: { limits: { cpu: "2" } } });
    assert.deepEqual(runner.resources, { limits: { cpu: "2" } });
  });

  it("defaults to the app container's resources", () => {
    const { runner } = run(parentPod(), { env: [] });
    assert.deepEqual(runner.resources, {
      requests: { cpu: "250m", memory: "512Mi" },
      limits: { memory: "1Gi" },
    });
  });

  it("(better) omits resources when neither the template nor the parent has any, never null", () => {
    const parent = parentPod();
    delete parent.spec!.containers[0].resources;
    const { runner } = run(parent, {});
    assert.equal("resources" in runner, false);
    const withNull = parentPod() as unknown as { spec: { containers: { resources: unknown }[] } };
    withNull.spec.containers[0].resources = null;
    const second = run(withNull as unknown as PodManifest, { resources: null } as never).runner;
    assert.equal("resources" in second, false);
  });

  it("puts template.env first, then the app container's env", () => {
    const { envLines } = run(parentPod(), { env: [{ name: "A", value: "1" }] });
    assert.deepEqual(envLines.slice(4), ["A=1", ...PARENT_ENV_AFTER_REMOVAL]);
  });

  it("(better) lets a template name remove the parent's entry of that name, so the template's FOO wins", () => {
    const { env } = run(parentPod(), seedTemplate());
    const foos = env.filter((e) => e.name === "FOO");
    assert.deepEqual(foos, [{ name: "FOO", value: "bar" }]);
  });

  it("(better) copies the app container's envFrom when addParentEnv is true (v0.3.3 dropped it)", () => {
    const { runner } = run(parentPod(), { ...seedTemplate(), addParentEnv: true });
    assert.deepEqual(runner.envFrom, [
      { configMapRef: { name: "myapp-config" } },
      { secretRef: { name: "myapp-env" } },
    ]);
  });

  it("copies neither env nor envFrom of the parent when addParentEnv is false", () => {
    const { runner, envLines } = run(parentPod(), { ...seedTemplate(), addParentEnv: false });
    assert.deepEqual(envLines.slice(4), ["FOO=bar"]);
    assert.equal("envFrom" in runner, false);
  });

  it("takes nothing else from the parent (no volumes, labels, ports or mounts)", () => {
    const { manifest, runner } = run(parentPod(), seedTemplate());
    assert.equal(manifest.metadata!.labels, undefined);
    assert.equal(manifest.spec!.volumes, undefined);
    assert.equal(runner.ports, undefined);
    assert.equal(runner.volumeMounts, undefined);
    assert.equal(manifest.spec!.containers.length, 1);
  });
});

describe("Step 1 C: a callback's return value is the starting manifest", () => {
  it("is called with deep copies of the parent pod and of its app container", () => {
    const parent = deepFreeze(parentPod());
    let seen: [PodManifest, unknown] | undefined;
    run(parent, (p, app) => {
      seen = [p, app];
      p.metadata!.name = "changed";
      app.image = "changed";
      return {};
    });
    assert.ok(seen);
    assert.notEqual(seen[0], parent);
    assert.notEqual(seen[1], parent.spec!.containers[0]);
    assert.equal((seen[1] as { env: unknown[] }).env.length, 9);
    assert.equal(parent.metadata!.name, PARENT_NAME);
  });

  it("passes the app container named by appContainerName as second argument", () => {
    const parent = parentPod();
    parent.spec!.containers.unshift({ name: "istio-proxy", image: "istio/proxyv2:1.22" });
    let appName: string | undefined;
    run(parent, (_p, app) => ((appName = app.name), {}), { appContainerName: "myapp" });
    assert.equal(appName, "myapp");
  });

  it("keeps what the callback sets: volumes, node selector, labels, a second container", () => {
    const { manifest } = run(parentPod(), () => ({
      metadata: { labels: { role: "runner" } },
      spec: {
        nodeSelector: { gpu: "l4" },
        containers: [
          { name: "runner", resources: { limits: { "nvidia.com/gpu": "1" } } },
          { name: "side", image: "side:1" },
        ],
        volumes: [{ name: "scratch", emptyDir: {} }],
      },
    }));
    assert.deepEqual(manifest.metadata!.labels, { role: "runner" });
    assert.deepEqual(manifest.spec!.nodeSelector, { gpu: "l4" });
    assert.deepEqual(manifest.spec!.volumes, [{ name: "scratch", emptyDir: {} }]);
    assert.deepEqual(manifest.spec!.containers[1], { name: "side", image: "side:1" });
    assert.deepEqual(manifest.spec!.containers[0].resources, { limits: { "nvidia.com/gpu": "1" } });
  });

  it("does not add the parent's env, envFrom or resources to a callback's container", () => {
    const { runner, envLines } = run(parentPod(), () => ({ spec: { containers: [{}] } }));
    assert.equal(envLines.length, 4);
    assert.equal("envFrom" in runner, false);
    assert.equal("resources" in runner, false);
  });

  it("(better) gives a result without spec one empty runner container (v0.3.3 crashed)", () => {
    const { manifest, envLines } = run(parentPod(), () => ({ metadata: { labels: { a: "b" } } }));
    assert.equal(manifest.spec!.containers.length, 1);
    assert.equal(manifest.spec!.containers[0].image, "ghcr.io/acme/myapp:1.4.2");
    assert.equal(envLines.length, 4);
  });

  it("(better) gives a result with an empty container list one runner container", () => {
    const { manifest } = run(parentPod(), () => ({ spec: { containers: [] } }));
    assert.equal(manifest.spec!.containers.length, 1);
    assert.equal(manifest.spec!.containers[0].name, manifest.metadata!.name);
  });
});
