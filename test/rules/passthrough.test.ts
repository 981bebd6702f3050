/**
 * Pass-through of everything else a callback sets, the dropping of the fields
 * only the API server writes, and `null` treated as absent.
 */
import assert from "node:assert/strict";
import { SERVER_WRITTEN_METADATA_FIELDS } from "../../src/rules";
import type { PodManifest } from "../../src/types";
import { parentPod } from "../fixtures/parent-pod";
import { deepFreeze, nullPaths, run } from "./support";

describe("pass-through: everything else a callback sets is kept untouched", () => {
  it("keeps sidecars, init containers, volumes, affinity, tolerations, labels and annotations", () => {
    const callbackResult = {
      metadata: { labels: { a: "1" }, annotations: { "x/y": "z" } },
      spec: {
        initContainers: [{ name: "init", image: "busybox:1.36", command: ["true"] }],
        containers: [
          { volumeMounts: [{ name: "v", mountPath: "/v" }], ports: [{ containerPort: 4000 }] },
          { name: "sidecar", image: "side:1", env: [{ name: "PHX_SERVER", value: "true" }] },
        ],
        volumes: [{ name: "v", emptyDir: {} }],
        affinity: {
          nodeAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: {
              nodeSelectorTerms: [{ matchExpressions: [{ key: "gpu", operator: "Exists" }] }],
            },
          },
        },
        tolerations: [{ key: "gpu", operator: "Exists", effect: "NoSchedule" }],
        priorityClassName: "batch",
      },
    };
    const expected = structuredClone(callbackResult);
    const { manifest } = run(parentPod(), () => callbackResult);
    assert.deepEqual(manifest.metadata!.labels, expected.metadata.labels);
    assert.deepEqual(manifest.metadata!.annotations, expected.metadata.annotations);
    assert.deepEqual(manifest.spec!.initContainers, expected.spec.initContainers);
    assert.deepEqual(manifest.spec!.containers[1], expected.spec.containers[1]);
    assert.deepEqual(
      manifest.spec!.containers[0].volumeMounts,
      expected.spec.containers[0].volumeMounts,
    );
    assert.deepEqual(manifest.spec!.containers[0].ports, expected.spec.containers[0].ports);
    assert.deepEqual(manifest.spec!.volumes, expected.spec.volumes);
    assert.deepEqual(manifest.spec!.affinity, expected.spec.affinity);
    assert.deepEqual(manifest.spec!.tolerations, expected.spec.tolerations);
    assert.equal(manifest.spec!.priorityClassName, "batch");
  });
});

describe("(better) server-written fields are dropped from a callback's result", () => {
  it("drops status and each server-written metadata field, so a callback may start from a copy of the parent", () => {
    const { manifest } = run(parentPod(), (p) => p);
    assert.equal("status" in manifest, false);
    for (const field of SERVER_WRITTEN_METADATA_FIELDS) {
      assert.equal(field in manifest.metadata!, false, `metadata.${field} was kept`);
    }
    assert.deepEqual(manifest.metadata!.labels, parentPod().metadata!.labels);
  });

  it("drops every listed field when a callback sets them all", () => {
    const metadata = {
      labels: { keep: "me" },
      uid: "u",
      resourceVersion: "1",
      generation: 2,
      creationTimestamp: "2026-01-01T00:00:00Z",
      deletionTimestamp: "2026-01-01T00:00:00Z",
      deletionGracePeriodSeconds: 30,
      managedFields: [{ manager: "kubectl" }],
      selfLink: "/api/v1/namespaces/production/pods/x",
      generateName: "x-",
    };
    const { manifest } = run(parentPod(), () => ({ metadata, status: { phase: "Running" } }));
    assert.deepEqual(Object.keys(manifest.metadata!).sort(), [
      "labels",
      "name",
      "namespace",
      "ownerReferences",
    ]);
    assert.equal("status" in manifest, false);
  });

  it("lists exactly the fields of the rules page", () => {
    assert.deepEqual([...SERVER_WRITTEN_METADATA_FIELDS].sort(), [
      "creationTimestamp",
      "deletionGracePeriodSeconds",
      "deletionTimestamp",
      "generateName",
      "generation",
      "managedFields",
      "resourceVersion",
      "selfLink",
      "uid",
    ]);
  });
});

describe("a null value anywhere is treated as absent", () => {
  it("emits no null for a callback result full of nulls", () => {
    const result = deepFreeze({
      metadata: { labels: null, annotations: { a: "b" }, namespace: null },
      spec: {
        nodeSelector: null,
        restartPolicy: null,
        serviceAccountName: null,
        containers: [
          {
            name: null,
            image: null,
            env: [null, { name: "A", value: "1", valueFrom: null }],
            resources: null,
          },
        ],
        volumes: [null],
      },
      status: null,
    });
    const { manifest, envLines, warnings } = run(
      parentPod(),
      () => result as unknown as PodManifest,
    );
    assert.deepEqual(nullPaths(manifest), []);
    assert.equal(manifest.metadata!.namespace, "production");
    assert.equal(manifest.spec!.serviceAccountName, "myapp");
    assert.deepEqual(envLines.slice(4), ["A=1"]);
    assert.deepEqual(warnings, []);
  });

  it("emits no null for a template or a parent with nulls", () => {
    const parent = parentPod() as unknown as Record<string, Record<string, unknown>>;
    parent.spec.nodeName = null;
    const app = (parent.spec.containers as Record<string, unknown>[])[0];
    app.envFrom = null;
    (app.env as unknown[]).push(null);
    const template = {
      env: [{ name: "A", value: "1", valueFrom: null }, null],
      resources: { limits: null, requests: { cpu: "1" } },
    };
    const { manifest, runner } = run(parent as unknown as PodManifest, template as never);
    assert.deepEqual(nullPaths(manifest), []);
    assert.deepEqual(runner.resources, { requests: { cpu: "1" } });
    assert.equal("envFrom" in runner, false);
  });

  it("treats a null template as no template", () => {
    assert.deepEqual(run(parentPod(), null as never).manifest, run(parentPod()).manifest);
  });
});
