import assert from "node:assert/strict";
import { FlameRunnerPodError } from "../../src/errors";
import {
  PLACEHOLDER_POD_SUFFIX,
  PLACEHOLDER_POD_TEMPLATE_HASH,
  PLACEHOLDER_UID,
  standInParentPod,
  workloadPodName,
  type WorkloadPodSource,
} from "../../src/kit";
import type { PodTemplateSpec } from "kubernetes-types/core/v1";
import { deepFreeze } from "../support/data";

function podTemplate(): PodTemplateSpec {
  return {
    metadata: { labels: { app: "shop" }, annotations: { team: "web" }, name: "ignored" },
    spec: { containers: [{ name: "web", image: "ghcr.io/acme/shop:2.1.0" }] },
  };
}

function source(extra: Partial<WorkloadPodSource> = {}): WorkloadPodSource {
  return {
    kind: "Deployment",
    name: "shop",
    namespace: "shop",
    podTemplate: podTemplate(),
    ...extra,
  };
}

describe("stand-in parent: the pod name, in the longest form the workload kind produces", () => {
  it("Deployment: <name>-<10 character hash>-<5 characters>", () => {
    assert.equal(PLACEHOLDER_POD_TEMPLATE_HASH.length, 10);
    assert.equal(PLACEHOLDER_POD_SUFFIX.length, 5);
    assert.equal(
      workloadPodName("Deployment", "shop"),
      `shop-${PLACEHOLDER_POD_TEMPLATE_HASH}-${PLACEHOLDER_POD_SUFFIX}`,
    );
  });

  it("Deployment with a long name: cut to 58 characters before the suffix, as the API server does", () => {
    const name = workloadPodName("Deployment", "a".repeat(70));
    assert.equal(name.length, 63);
    assert.equal(name, `${"a".repeat(58)}${PLACEHOLDER_POD_SUFFIX}`);
  });

  it("StatefulSet: <name>-0", () => {
    assert.equal(workloadPodName("StatefulSet", "shop"), "shop-0");
  });
});

describe("stand-in parent: the pod the workload creates from its template", () => {
  it("keeps the template's metadata and spec; sets name, namespace, placeholder uid", () => {
    const pod = standInParentPod(source());
    assert.equal(pod.apiVersion, "v1");
    assert.equal(pod.kind, "Pod");
    assert.equal(pod.metadata?.name, workloadPodName("Deployment", "shop"));
    assert.equal(pod.metadata?.namespace, "shop");
    assert.equal(pod.metadata?.uid, PLACEHOLDER_UID);
    assert.deepEqual(pod.metadata?.annotations, { team: "web" });
    assert.deepEqual(pod.spec, podTemplate().spec);
  });

  it("Deployment: the ReplicaSet as owner, pod-template-hash label, generateName", () => {
    const pod = standInParentPod(source());
    const rs = `shop-${PLACEHOLDER_POD_TEMPLATE_HASH}`;
    assert.deepEqual(pod.metadata?.labels, {
      app: "shop",
      "pod-template-hash": PLACEHOLDER_POD_TEMPLATE_HASH,
    });
    assert.equal(pod.metadata?.generateName, `${rs}-`);
    assert.deepEqual(pod.metadata?.ownerReferences, [
      {
        apiVersion: "apps/v1",
        kind: "ReplicaSet",
        name: rs,
        uid: PLACEHOLDER_UID,
        controller: true,
        blockOwnerDeletion: true,
      },
    ]);
  });

  it("StatefulSet: the StatefulSet as owner, its pod labels", () => {
    const pod = standInParentPod(source({ kind: "StatefulSet" }));
    assert.equal(pod.metadata?.ownerReferences?.[0].kind, "StatefulSet");
    assert.equal(pod.metadata?.ownerReferences?.[0].name, "shop");
    assert.equal(pod.metadata?.labels?.["statefulset.kubernetes.io/pod-name"], "shop-0");
    assert.equal(pod.metadata?.generateName, undefined);
  });

  it("leaves the namespace out when it is unknown", () => {
    const pod = standInParentPod(source({ namespace: undefined }));
    assert.equal(pod.metadata && "namespace" in pod.metadata, false);
  });

  it("does not modify the template and shares no object with it", () => {
    const template = deepFreeze(podTemplate());
    const pod = standInParentPod(source({ podTemplate: template }));
    assert.notEqual(pod.spec, template.spec);
    assert.notEqual(pod.spec?.containers[0], template.spec?.containers[0]);
  });
});

describe("stand-in parent: bad input names the field", () => {
  function pathsOf(fn: () => unknown): string[] {
    try {
      fn();
    } catch (error) {
      assert.ok(error instanceof FlameRunnerPodError);
      return error.issues.map((i) => i.path);
    }
    throw new Error("nothing thrown");
  }

  it("a kind that is not Deployment or StatefulSet", () => {
    assert.deepEqual(
      pathsOf(() => standInParentPod(source({ kind: "Job" as never }))),
      ["workloadKind"],
    );
  });

  it("a name that is not a DNS-1123 subdomain", () => {
    assert.deepEqual(
      pathsOf(() => standInParentPod(source({ name: "My_Shop" }))),
      ["workloadName"],
    );
  });

  it("a bigint kind and name: the paths, not a TypeError of JSON.stringify", () => {
    assert.deepEqual(
      pathsOf(() => standInParentPod(source({ kind: 1n as never, name: 2n as never }))),
      ["workloadKind", "workloadName"],
    );
  });

  it("a template without spec", () => {
    assert.deepEqual(
      pathsOf(() => standInParentPod(source({ podTemplate: {} }))),
      ["podTemplate.spec"],
    );
  });
});
