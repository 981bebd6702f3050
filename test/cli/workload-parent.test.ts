import assert from "node:assert/strict";
import { stringify, parse } from "yaml";
import type { PodManifest } from "../../src/types";
import { envOf } from "../support/data";
import { phoenixPodTemplate } from "../kit/support";
import { hasStackTrace, runCli, tempFile } from "./run-cli";

/** A Deployment of a FLAME-ready application (the kit tests' pod template), as a manifest file holds it. */
function deployment(kind = "Deployment"): Record<string, unknown> {
  return {
    apiVersion: "apps/v1",
    kind,
    metadata: { name: "shop", namespace: "shop" },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: "shop" } },
      template: phoenixPodTemplate(),
    },
  };
}

const ARGS = [
  "render",
  "--parent",
  "-",
  "--encoded-parent",
  "ENC",
  "--runner-id",
  "0123456789abcdef0123",
];

describe("cli: render with a Deployment or StatefulSet as --parent", () => {
  it("checks against the pod a Deployment will create, and names it on stderr", async () => {
    const result = await runCli(ARGS, stringify(deployment()));
    assert.equal(result.code, 0, result.stderr);
    const stderrLines = result.stderr.trim().split("\n");
    assert.equal(stderrLines.length, 1, result.stderr);
    assert.match(
      stderrLines[0],
      /^note: --parent - is Deployment "shop": checking against the pod it will create, "shop-[a-z0-9]{10}-[a-z0-9]{5}" \(a stand-in; .*placeholder/,
    );
    const manifest = parse(result.stdout) as PodManifest;
    const podName = /"(shop-[a-z0-9]{10}-[a-z0-9]{5})"/.exec(stderrLines[0])![1];
    assert.equal(manifest.metadata?.ownerReferences?.[0].name, podName);
    assert.equal(manifest.metadata?.name, `${podName}0123456789abcdef0123`);
    assert.equal(manifest.metadata?.namespace, "shop");
    assert.equal(manifest.spec?.containers[0].image, "ghcr.io/acme/shop:2.1.0");
    assert.equal(manifest.spec?.serviceAccountName, "shop");
    assert.equal(envOf(manifest).RELEASE_NODE, "shop@$(POD_IP)");
  });

  it("a StatefulSet's pod is <name>-0", async () => {
    const result = await runCli(ARGS, stringify(deployment("StatefulSet")));
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stderr, /^note: --parent - is StatefulSet "shop": .*"shop-0"/);
    assert.equal(
      (parse(result.stdout) as PodManifest).metadata?.ownerReferences?.[0].name,
      "shop-0",
    );
  });

  it("gives the parent warnings for the workload's pod template", async () => {
    const doc = deployment() as { spec: { template: { spec: Record<string, unknown> } } };
    delete doc.spec.template.spec.serviceAccountName;
    const result = await runCli(ARGS, stringify(doc));
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stderr, /\nwarning: parentPod\.spec\.serviceAccountName: .*FlameRbac/);
  });

  it("a typo in the runner template fails with the path, as for a pod", async () => {
    const file = tempFile("runner.yaml", stringify({ resources: { limimts: { memory: "1Gi" } } }));
    const result = await runCli([...ARGS, "--template", file], stringify(deployment()));
    assert.equal(result.code, 1);
    assert.match(result.stderr, /spec\.containers\[0\]\.resources\.limimts/);
    assert.ok(!hasStackTrace(result.stderr));
  });

  it("a workload without a pod template is refused at spec.template", async () => {
    const doc = deployment() as { spec: Record<string, unknown> };
    delete doc.spec.template;
    const result = await runCli(ARGS, stringify(doc));
    assert.equal(result.code, 1);
    assert.match(
      result.stderr,
      /^error: --parent -: spec\.template: must be the workload's pod template/,
    );
  });

  it("a workload without a name is refused at metadata.name", async () => {
    const doc = deployment() as { metadata: Record<string, unknown> };
    delete doc.metadata.name;
    const result = await runCli(ARGS, stringify(doc));
    assert.equal(result.code, 1);
    assert.match(result.stderr, /^error: --parent -: metadata\.name: /);
  });

  it("another kind is refused, naming the kinds it takes", async () => {
    const result = await runCli(ARGS, stringify(deployment("DaemonSet")));
    assert.equal(result.code, 1);
    assert.match(
      result.stderr,
      /^error: --parent -: is a DaemonSet; give a Pod .*, a Deployment or a StatefulSet/,
    );
  });

  it("a kind that is not a string is shown as JSON", async () => {
    const result = await runCli(ARGS, stringify({ ...deployment(), kind: { a: 1 } }));
    assert.equal(result.code, 1);
    assert.match(result.stderr, /^error: --parent -: is a \{"a":1\}; give a Pod /);
  });

  it("a pod is used as it is, without a note", async () => {
    const doc = deployment() as { spec: { template: { metadata: object; spec: object } } };
    const pod = {
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "shop-1", namespace: "shop", uid: "u-1" },
      spec: doc.spec.template.spec,
    };
    const result = await runCli(ARGS, stringify(pod));
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stderr, "");
  });
});
