/**
 * docs/rules-v0.7.md, "Inputs" and "Step 1: the starting manifest".
 */
import { strict as assert } from "assert";
import { runnerPodManifestAsync } from "../../../src/rules";
import type { PodManifest } from "../../../src/types";
import { ENCODED_PARENT, parentPod } from "../../fixtures/parent-pod";
import { deepFreeze, errorOf, pathsOf } from "../support";
import { runV07, V07_ID, V07_NAME } from "./support";

describe("Inputs: nothing is copied from the parent", () => {
  it("takes no env, envFrom or resources of the app container (v0.3.3 copied them)", () => {
    const { runner, env } = runV07(parentPod());
    const names = env.map((e) => e.name);
    assert.ok(!names.includes("FOO") && !names.includes("SECRET_KEY_BASE"), names.join(","));
    assert.equal(runner.envFrom, undefined);
    assert.equal(runner.resources, undefined);
  });

  it("a callback gets copies of the parent and its app container, and copies what it wants", () => {
    const { runner } = runV07(parentPod(), (parent, app) => {
      assert.equal(parent.metadata?.name, parentPod().metadata?.name);
      return { spec: { containers: [{ resources: app.resources }] } };
    });
    assert.deepEqual(runner.resources, parentPod().spec!.containers[0].resources);
  });

  it("an async callback goes through runnerPodManifestAsync", async () => {
    const manifest = await runnerPodManifestAsync(
      parentPod(),
      async () => Promise.resolve({ metadata: { labels: { role: "runner" } } }),
      ENCODED_PARENT,
      { backend: "v0.7", runnerId: V07_ID },
    );
    assert.deepEqual(manifest.metadata?.labels, { role: "runner" });
    assert.equal(manifest.metadata?.name, V07_NAME);
  });
});

describe("Step 1: the starting manifest", () => {
  it("starts from the manifest: what no row sets passes through", () => {
    const { manifest, runner } = runV07(
      parentPod(),
      deepFreeze({
        metadata: { labels: { role: "runner" } },
        spec: {
          nodeSelector: { pool: "flame" },
          containers: [{ name: "x", resources: { limits: { memory: "2Gi" } } }],
        },
      }),
    );
    assert.deepEqual(manifest.metadata?.labels, { role: "runner" });
    assert.deepEqual(manifest.spec?.nodeSelector, { pool: "flame" });
    assert.deepEqual(runner.resources, { limits: { memory: "2Gi" } });
  });

  it("no manifest is the empty manifest {}: one runner container", () => {
    const { manifest } = runV07(parentPod());
    assert.equal(manifest.spec?.containers.length, 1);
  });

  it("drops status and the server-written metadata fields of a callback's copy of the parent", () => {
    const { manifest } = runV07(parentPod(), (parent) => parent);
    assert.equal((manifest as { status?: unknown }).status, undefined);
    assert.equal(manifest.metadata?.uid, undefined);
    assert.equal(manifest.metadata?.resourceVersion, undefined);
  });

  it("(better) drops the parent's generateName a callback copied (v0.7.0 kept the ReplicaSet's generateName)", () => {
    const { manifest } = runV07(parentPod(), (parent) => ({ metadata: parent.metadata }));
    assert.equal(manifest.metadata?.generateName, undefined);
    assert.equal(manifest.metadata?.name, V07_NAME);
  });

  it("keeps a manifest's generateName, the runner name's prefix (Livebook's livebook-flame-runner-)", () => {
    const manifest = { metadata: { generateName: "livebook-flame-runner-" } };
    for (const start of [manifest, () => manifest]) {
      const run = runV07(parentPod(), start);
      assert.equal(run.manifest.metadata?.name, "livebook-flame-runner-bcd24");
      assert.equal(run.manifest.metadata?.generateName, undefined);
      assert.deepEqual(run.warnings, []);
    }
  });

  it("(better) drops the parent's generateName when a callback builds its own metadata from it", () => {
    const { manifest } = runV07(parentPod(), (parent) => ({
      metadata: { generateName: parent.metadata?.generateName, labels: { role: "runner" } },
    }));
    assert.equal(manifest.metadata?.name, V07_NAME);
  });

  it("(better) drops the service-account token mount a callback copied with the parent's containers, with a warning (v0.7.0 kept it, and the API server refused the pod)", () => {
    const { manifest, warnings } = runV07(parentPod(), ((parent: PodManifest) => ({
      spec: { containers: parent.spec!.containers },
    })) as never);
    assert.deepEqual(manifest.spec!.containers[0].volumeMounts ?? [], []);
    assert.ok(
      warnings.some((w) =>
        /^callback\.spec\.containers\[0\]\.volumeMounts\[0\]: .*kube-api-access-7xk2p.*\[service-account-mount-dropped\]$/.test(
          w,
        ),
      ),
      warnings.join("\n"),
    );
  });

  it("a manifest with no spec gets one empty runner container", () => {
    const { manifest } = runV07(parentPod(), { metadata: { labels: { a: "b" } } });
    assert.equal(manifest.spec?.containers.length, 1);
    assert.equal(manifest.spec?.containers[0].name, "runner");
  });

  it("(better) a spec without containers gets one empty runner container (v0.7.0 crashed)", () => {
    const { manifest } = runV07(parentPod(), {
      spec: { nodeSelector: { pool: "flame" } },
    } as never);
    assert.equal(manifest.spec?.containers.length, 1);
    assert.equal(manifest.spec?.containers[0].image, "ghcr.io/acme/myapp:1.4.2");
  });

  it("a manifest with a JSON key __proto__ is refused under its own name, Object.prototype untouched", () => {
    const manifest = JSON.parse('{"spec":{"containers":[{"__proto__":{"polluted":1}}]}}');
    const error = errorOf(() => runV07(parentPod(), manifest));
    assert.ok(
      pathsOf(error).some((p) => p.includes("__proto__")),
      error.message,
    );
    assert.equal(({} as { polluted?: unknown }).polluted, undefined);
  });

  it("a cycle in the manifest is refused at the path where it closes", () => {
    const manifest: { spec: { containers: object[] }; loop?: unknown } = {
      spec: { containers: [{}] },
    };
    manifest.loop = manifest;
    const error = errorOf(() => runV07(parentPod(), manifest as never));
    assert.match(error.message, /cycle/);
  });

  it("a second argument that is neither a manifest nor a callback is an error at path manifest", () => {
    const error = errorOf(() => runV07(parentPod(), "spec" as never));
    assert.deepEqual(pathsOf(error), ["manifest"]);
  });

  it("a v0.3.3 template field is not a manifest field: the schema check refuses it", () => {
    const error = errorOf(() => runV07(parentPod(), { addParentEnv: false } as never));
    assert.ok(
      pathsOf(error).some((p) => p.includes("addParentEnv")),
      pathsOf(error).join(","),
    );
  });
});
