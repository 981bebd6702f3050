/**
 * Step 2 of the rules page: the values the backend controls, one describe per
 * row of the table, each with the warning for a callback that set them.
 */
import assert from "node:assert/strict";
import type { PodManifest } from "../../src/types";
import {
  PARENT_NAME,
  PARENT_UID,
  RUNNER_NAME_PREFIX,
  parentPod,
  seedTemplate,
} from "../fixtures/parent-pod";
import { RUNNER_ID, codePaths, errorOf, pathsOf, run } from "./support";

const NAME = `${RUNNER_NAME_PREFIX}${RUNNER_ID}`;
const IMAGE = "ghcr.io/acme/myapp:1.4.2";

describe("Step 2: apiVersion and kind are v1 and Pod", () => {
  it("overwrites a callback's values and warns naming each field", () => {
    const { manifest, issues } = run(
      parentPod(),
      () => ({ apiVersion: "apps/v1", kind: "Deployment" }) as never,
    );
    assert.equal(manifest.apiVersion, "v1");
    assert.equal(manifest.kind, "Pod");
    const overwritten = issues.filter((i) => i.code === "backend-value-overwritten");
    assert.deepEqual(
      overwritten.map((i) => [i.path, i.message]),
      [
        ["callback.apiVersion", '"apps/v1" is overwritten with "v1" (the backend controls it)'],
        ["callback.kind", '"Deployment" is overwritten with "Pod" (the backend controls it)'],
      ],
    );
  });

  it("does not warn when the callback already set v1 and Pod", () => {
    const { warnings } = run(parentPod(), () => ({ apiVersion: "v1", kind: "Pod" }));
    assert.deepEqual(warnings, []);
  });
});

describe("Step 2: metadata.name is the runner name", () => {
  it("overwrites a callback's name and warns", () => {
    const { manifest, warnings } = run(parentPod(), () => ({ metadata: { name: "mine" } }));
    assert.equal(manifest.metadata!.name, NAME);
    assert.ok(
      warnings.some((w) => w.startsWith('callback.metadata.name: "mine" is overwritten with')),
    );
  });
});

describe("Step 2: metadata.namespace is kept if set, else the parent's", () => {
  it("keeps the namespace a callback set (with omitOwnerReference)", () => {
    const { manifest, env } = run(parentPod(), () => ({ metadata: { namespace: "runners" } }), {
      omitOwnerReference: true,
    });
    assert.equal(manifest.metadata!.namespace, "runners");
    assert.deepEqual(env[1], { name: "POD_NAMESPACE", value: "runners" });
  });

  it("(better) gives a callback without namespace the parent's, so POD_NAMESPACE is never null", () => {
    const { manifest, env } = run(parentPod(), () => ({ spec: { containers: [{}] } }));
    assert.equal(manifest.metadata!.namespace, "production");
    assert.deepEqual(env[1], { name: "POD_NAMESPACE", value: "production" });
  });

  it("takes POD_NAMESPACE from the downward API when no namespace is known at all", () => {
    const parent = parentPod();
    delete parent.metadata!.namespace;
    const { manifest, env } = run(parent, {});
    assert.equal("namespace" in manifest.metadata!, false);
    assert.deepEqual(env[1], {
      name: "POD_NAMESPACE",
      valueFrom: { fieldRef: { fieldPath: "metadata.namespace" } },
    });
  });
});

describe("Step 2: metadata.ownerReferences is exactly the parent, as controller", () => {
  const expected = [
    {
      apiVersion: "v1",
      kind: "Pod",
      name: PARENT_NAME,
      uid: PARENT_UID,
      controller: true,
    },
  ];

  it("(better) sets controller: true and no namespace key (v0.3.3 had a namespace key and no controller)", () => {
    const refs = run(parentPod(), seedTemplate()).manifest.metadata!.ownerReferences!;
    assert.deepEqual(refs, expected);
    assert.equal(refs[0].controller, true);
    assert.equal("namespace" in refs[0], false);
    assert.equal("blockOwnerDeletion" in refs[0], false);
  });

  it("overwrites the owner references of a callback that copied the parent's metadata, and warns", () => {
    const { manifest, issues } = run(parentPod(), (p) => ({ metadata: p.metadata }));
    assert.deepEqual(manifest.metadata!.ownerReferences, expected);
    assert.ok(
      codePaths(issues).includes("backend-value-overwritten callback.metadata.ownerReferences"),
    );
  });

  it("sets none with omitOwnerReference, removing a callback's (with a warning)", () => {
    assert.equal(
      run(parentPod(), {}, { omitOwnerReference: true }).manifest.metadata!.ownerReferences,
      undefined,
    );
    const { manifest, issues } = run(parentPod(), (p) => ({ metadata: p.metadata }), {
      omitOwnerReference: true,
    });
    assert.equal("ownerReferences" in manifest.metadata!, false);
    const removed = issues.find((i) => i.path === "callback.metadata.ownerReferences");
    assert.equal(removed?.code, "backend-value-overwritten");
    assert.match(removed!.message, /are removed \(omitOwnerReference is set/);
  });

  it("(better) refuses an owner reference across namespaces", () => {
    const error = errorOf(() => run(parentPod(), () => ({ metadata: { namespace: "runners" } })));
    assert.deepEqual(pathsOf(error), ["callback.metadata.namespace"]);
    assert.match(error.message, /omitOwnerReference/);
  });

  it("defaults apiVersion and kind to v1 and Pod when the parent manifest leaves them out", () => {
    const parent = parentPod();
    delete parent.apiVersion;
    delete parent.kind;
    assert.deepEqual(run(parent, {}).manifest.metadata!.ownerReferences, expected);
  });
});

describe("Step 2: spec.restartPolicy is Never", () => {
  it("sets Never for a template", () => {
    assert.equal(run(parentPod(), seedTemplate()).manifest.spec!.restartPolicy, "Never");
  });

  it("overwrites a callback's restartPolicy and warns naming the field", () => {
    const { manifest, warnings } = run(parentPod(), () => ({
      spec: { restartPolicy: "Always", containers: [{}] },
    }));
    assert.equal(manifest.spec!.restartPolicy, "Never");
    assert.ok(
      warnings.some((w) => w.includes('spec.restartPolicy: "Always" is overwritten with "Never"')),
    );
  });
});

describe("Step 2: spec.serviceAccountName and spec.serviceAccount carry the same account", () => {
  const accounts = (m: PodManifest) => [m.spec!.serviceAccountName, m.spec!.serviceAccount];

  it("(better) uses the parent's serviceAccountName when the parent has no serviceAccount (v0.3.3 gave null)", () => {
    const parent = parentPod();
    delete parent.spec!.serviceAccount;
    assert.deepEqual(accounts(run(parent, {}).manifest), ["myapp", "myapp"]);
  });

  it("falls back to the parent's deprecated serviceAccount", () => {
    const parent = parentPod();
    delete parent.spec!.serviceAccountName;
    parent.spec!.serviceAccount = "legacy";
    assert.deepEqual(accounts(run(parent, {}).manifest), ["legacy", "legacy"]);
  });

  it("(better) keeps a callback's serviceAccountName in both fields (v0.3.3 set a mismatched pair)", () => {
    const { manifest, warnings } = run(parentPod(), () => ({
      spec: { serviceAccountName: "runner", containers: [{}] },
    }));
    assert.deepEqual(accounts(manifest), ["runner", "runner"]);
    assert.deepEqual(warnings, []);
  });

  it("takes a callback's deprecated serviceAccount when it set no serviceAccountName", () => {
    const { manifest } = run(parentPod(), () => ({
      spec: { serviceAccount: "old", containers: [{}] },
    }));
    assert.deepEqual(accounts(manifest), ["old", "old"]);
  });

  it("warns when a callback set two different accounts, and keeps serviceAccountName's", () => {
    const { manifest, warnings } = run(parentPod(), () => ({
      spec: { serviceAccountName: "a", serviceAccount: "b", containers: [{}] },
    }));
    assert.deepEqual(accounts(manifest), ["a", "a"]);
    assert.ok(
      warnings.some((w) =>
        w.startsWith('callback.spec.serviceAccount: "b" is overwritten with "a"'),
      ),
    );
  });

  it("leaves both unset (not null) when no account is known", () => {
    const parent = parentPod();
    delete parent.spec!.serviceAccount;
    delete parent.spec!.serviceAccountName;
    const spec = run(parent, {}).manifest.spec!;
    assert.equal("serviceAccountName" in spec, false);
    assert.equal("serviceAccount" in spec, false);
  });
});

describe("Step 2: the first container's image is the app container's image", () => {
  it("overwrites a callback's image and warns", () => {
    const { runner, issues } = run(parentPod(), () => ({
      spec: { containers: [{ name: NAME, image: "other:1" }] },
    }));
    assert.equal(runner.image, IMAGE);
    assert.deepEqual(codePaths(issues), [
      "backend-value-overwritten callback.spec.containers[0].image",
    ]);
    assert.equal(
      issues[0].message,
      `"other:1" is overwritten with "${IMAGE}" (the backend controls it)`,
    );
  });

  it("takes the image of the container named by appContainerName", () => {
    const parent = parentPod();
    parent.spec!.containers.push({ name: "worker", image: "worker:2" });
    assert.equal(run(parent, {}, { appContainerName: "worker" }).runner.image, "worker:2");
  });

  it("leaves the images of other containers alone", () => {
    const { manifest } = run(parentPod(), () => ({
      spec: { containers: [{}, { name: "s", image: "s:1" }] },
    }));
    assert.equal(manifest.spec!.containers[1].image, "s:1");
  });
});

describe("Step 2: the first container's name is the runner name", () => {
  it("overwrites a callback's container name and warns", () => {
    const { runner, warnings } = run(parentPod(), () => ({
      spec: { containers: [{ name: "runner" }] },
    }));
    assert.equal(runner.name, NAME);
    assert.ok(
      warnings.some((w) =>
        w.startsWith('callback.spec.containers[0].name: "runner" is overwritten'),
      ),
    );
  });

  it("(better) is a valid DNS-1123 label when the parent name holds dots or upper case", () => {
    const parent = parentPod();
    parent.metadata!.name = "MyApp.Worker_1";
    const { manifest, runner, env } = run(parent, {});
    assert.equal(runner.name, `myapp-worker-1${RUNNER_ID}`);
    assert.equal(manifest.metadata!.name, runner.name);
    assert.equal(env[0].value, runner.name);
    assert.match(runner.name, /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/);
  });
});
