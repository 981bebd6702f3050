import assert from "node:assert/strict";
import * as path from "node:path";
import { runProgram, type PreviewResult } from "../../scripts/preview/run-program";
import type { EnvVar } from "../../src/types";

const DIR = path.resolve(__dirname, "../../examples/phoenix-app");
const STACK = "flame-phoenix-app-preview";

function inputsOf(result: PreviewResult, type: string, name: string): Record<string, unknown> {
  const found = result.resources.find((r) => r.type === type && r.name === name);
  assert.ok(found, `${type} ${name}`);
  assert.ok(found.registered, `${type} ${name} reached the engine`);
  return found.inputs;
}

describe("examples/phoenix-app: a FLAME-ready application from one program (offline preview)", () => {
  let result: PreviewResult;
  before(async () => {
    result = await runProgram({ dir: DIR });
  });

  it("creates the namespace, the RBAC, the runner template, the Deployment and the Service, without warnings", () => {
    assert.equal(result.error, undefined, result.error?.message);
    assert.deepEqual(
      result.resources.map((r) => {
        const parent = r.parent === undefined ? "" : ` <- ${result.resources[r.parent].name}`;
        return `${r.op} ${r.type} ${r.name}${parent}`;
      }),
      [
        `create pulumi:pulumi:Stack ${STACK}`,
        `create kubernetes:core/v1:Namespace shop <- ${STACK}`,
        `create flame-k8s:index:FlameRbac shop <- ${STACK}`,
        "create kubernetes:core/v1:ServiceAccount shop <- shop",
        "create kubernetes:rbac.authorization.k8s.io/v1:Role shop <- shop",
        "create kubernetes:rbac.authorization.k8s.io/v1:RoleBinding shop <- shop",
        `create flame-k8s:index:FlameRunnerTemplate runners <- ${STACK}`,
        "create kubernetes:core/v1:ConfigMap runners <- runners",
        `create kubernetes:apps/v1:Deployment shop <- ${STACK}`,
        `create kubernetes:core/v1:Service shop <- ${STACK}`,
      ],
    );
    assert.deepEqual(result.warnings, []);
    assert.deepEqual(result.runnerPods, [], "no pod is created");
  });

  it("the Deployment runs as FlameRbac's account, with flameParentEnv first and the template mounted", () => {
    const deployment = inputsOf(result, "kubernetes:apps/v1:Deployment", "shop") as {
      spec: { template: { spec: Record<string, unknown> } };
    };
    const pod = deployment.spec.template.spec as {
      serviceAccountName: string;
      volumes: { name: string; configMap: Record<string, unknown> }[];
      containers: { env: EnvVar[]; volumeMounts: unknown[] }[];
    };
    assert.equal(pod.serviceAccountName, result.outputs.serviceAccountName);
    assert.equal(pod.serviceAccountName, "shop");
    assert.deepEqual(
      pod.containers[0].env.slice(0, 5).map((e) => e.name),
      ["POD_NAME", "POD_NAMESPACE", "POD_IP", "RELEASE_DISTRIBUTION", "RELEASE_NODE"],
    );
    assert.equal(pod.volumes.length, 1);
    assert.equal(pod.volumes[0].name, "flame-runners");
    assert.ok("configMap" in pod.volumes[0]);
    assert.deepEqual(pod.containers[0].volumeMounts, [
      { name: "flame-runners", mountPath: "/etc/flame/runners", readOnly: true },
    ]);
    assert.equal(result.outputs.runnerTemplatePath, "/etc/flame/runners/runner-template.json");
  });

  it("the ConfigMap holds the checked runner, with the resources the stack config gives", () => {
    const configMap = inputsOf(result, "kubernetes:core/v1:ConfigMap", "runners") as {
      metadata: { namespace: string };
      data: Record<string, string>;
    };
    assert.equal(configMap.metadata.namespace, "shop");
    const file = JSON.parse(configMap.data["runner-template.json"]) as {
      manifest: { spec: { containers: { resources: unknown }[] } };
      appContainerName: string;
    };
    assert.deepEqual(Object.keys(file), ["manifest", "appContainerName"]);
    assert.deepEqual(file.manifest.spec.containers[0].resources, {
      requests: { cpu: "1", memory: "1Gi" },
      limits: { memory: "2Gi" },
    });
    assert.equal(file.appContainerName, "web");
  });

  it("the runner manifest output is the runner as FLAME will create it", () => {
    const runner = result.outputs.runnerManifest as {
      metadata: { namespace: string; ownerReferences: { name: string }[] };
      spec: { serviceAccountName: string; containers: { image: string }[] };
    };
    assert.equal(runner.metadata.namespace, "shop");
    assert.match(runner.metadata.ownerReferences[0].name, /^shop-[a-z0-9]{10}-[a-z0-9]{5}$/);
    assert.equal(runner.spec.serviceAccountName, "shop");
    assert.equal(runner.spec.containers[0].image, "ghcr.io/acme/shop:2.1.0");
  });

  it("a limimts typo in its runner template fails the preview with the path, and no ConfigMap is sent", async () => {
    const typo = await runProgram({
      dir: DIR,
      config: {
        runnerResources: JSON.stringify({
          requests: { memory: "256Mi", cpu: "100m" },
          limimts: { memory: "256Mi", cpu: "400m" },
        }),
      },
    });
    assert.ok(typo.error !== undefined, "the preview fails");
    assert.match(
      typo.error.message,
      /^FlameRunnerTemplate "runners": spec\.containers\[0\]\.resources\.limimts: .*"limits"/,
    );
    assert.equal(typo.error.issues?.[0].path, "spec.containers[0].resources.limimts");
    assert.doesNotMatch(typo.error.message, /^\s+at /m);
    const configMap = typo.resources.find((r) => r.type === "kubernetes:core/v1:ConfigMap");
    assert.equal(configMap?.registered, false);
  });
});
