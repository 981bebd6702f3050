import assert from "node:assert/strict";
import { FlameRunnerPod } from "../../src/component/flame-runner-pod";
import { parentPodWarnings } from "../../src/rules/parent-checks";
import { known } from "../support/outputs";
import type { EnvVar, PodManifest } from "../../src/types";
import { ENCODED_PARENT, parentPod } from "../fixtures/parent-pod";
import { run } from "./support";
import { captureEachTest } from "../support/hooks";

/** The fixture parent with its app container's env filtered. */
function parentWithout(...names: string[]): PodManifest {
  const parent = parentPod();
  const app = parent.spec!.containers[0];
  app.env = app.env!.filter((e) => !names.includes(e.name));
  return parent;
}

function parentWarnings(parent: PodManifest): string[] {
  return run(parent, {}).warnings.filter((w) => w.startsWith("parentPod."));
}

describe("parent checks: a FLAME-ready parent gets no warning", () => {
  it("the fixture parent (flameParentEnv's variables, a service account) passes", () => {
    assert.deepEqual(parentPodWarnings(parentPod(), 0), []);
    assert.deepEqual(run(parentPod(), {}).warnings, []);
  });
});

describe("parent checks: in the order the backend needs them", () => {
  it("the pod's own variables first, then the cluster's, then the service account", () => {
    const parent = parentWithout("POD_NAME", "POD_IP");
    delete parent.spec!.serviceAccountName;
    delete parent.spec!.serviceAccount;
    assert.deepEqual(
      parentPodWarnings(parent, 0).map((w) => w.code),
      ["parent-pod-env-missing", "parent-cluster-env-missing", "parent-default-service-account"],
    );
  });
});

describe("parent checks: POD_NAME and POD_NAMESPACE (the backend finds its own pod by them)", () => {
  it("warns when both are missing, naming them and pointing at flameParentEnv", () => {
    const [warning, ...rest] = parentWarnings(parentWithout("POD_NAME", "POD_NAMESPACE"));
    assert.deepEqual(rest, []);
    assert.match(warning, /^parentPod\.spec\.containers\[0\]\.env: .* \[parent-pod-env-missing\]$/);
    assert.match(warning, /has no POD_NAME, POD_NAMESPACE/);
    assert.match(warning, /no runner will ever start/);
    assert.match(warning, /flameParentEnv\(/);
  });

  it("warns when one is missing, naming only that one", () => {
    const [warning] = parentWarnings(parentWithout("POD_NAMESPACE"));
    assert.match(warning, /has no POD_NAMESPACE:/);
  });

  it("names the app container chosen by appContainerName", () => {
    const parent = parentWithout("POD_NAME");
    parent.spec!.containers.unshift({ name: "metrics", image: "prom/exporter:1" });
    const warnings = run(parent, {}, { appContainerName: "myapp" }).warnings;
    assert.match(
      warnings[0],
      /^parentPod\.spec\.containers\[1\]\.env: the app container "myapp" has no POD_NAME/,
    );
  });
});

describe("parent checks: POD_IP, RELEASE_DISTRIBUTION and RELEASE_NODE (runners join the cluster)", () => {
  it("warns when they are missing, and says the runners cannot join", () => {
    const [warning, ...rest] = parentWarnings(
      parentWithout("POD_IP", "RELEASE_DISTRIBUTION", "RELEASE_NODE"),
    );
    assert.deepEqual(rest, []);
    assert.match(
      warning,
      /^parentPod\.spec\.containers\[0\]\.env: .* \[parent-cluster-env-missing\]$/,
    );
    assert.match(warning, /has no POD_IP, RELEASE_DISTRIBUTION, RELEASE_NODE/);
    assert.match(warning, /cannot join/);
    assert.match(warning, /flameParentEnv\(/);
    assert.match(warning, /unless an envFrom source defines them/);
  });

  it("without envFrom, the note about envFrom is left out", () => {
    const parent = parentWithout("RELEASE_DISTRIBUTION");
    delete parent.spec!.containers[0].envFrom;
    const [warning] = parentWarnings(parent);
    assert.match(warning, /has no RELEASE_DISTRIBUTION:/);
    assert.doesNotMatch(warning, /envFrom/);
  });
});

describe("parent checks: RELEASE_NODE refers to a variable defined after it", () => {
  it("warns with the path of RELEASE_NODE and the variable's position", () => {
    const parent = parentPod();
    const env = parent.spec!.containers[0].env!;
    const ip = env.findIndex((e) => e.name === "POD_IP");
    const [podIp] = env.splice(ip, 1);
    env.push(podIp);
    const node = env.findIndex((e) => e.name === "RELEASE_NODE");
    const warning = parentWarnings(parent).find((w) => w.includes("RELEASE_NODE="));
    assert.ok(warning);
    assert.ok(
      warning.startsWith(
        `parentPod.spec.containers[0].env[${node}].value: RELEASE_NODE="myapp@$(POD_IP)"`,
      ),
      warning,
    );
    assert.match(warning, new RegExp(`defined only after it \\(env\\[${env.length - 1}\\]\\)`));
    assert.match(
      warning,
      /Define POD_IP before RELEASE_NODE.* \[parent-release-node-unexpanded\]$/,
    );
  });

  it("warns for a variable defined nowhere when the container has no envFrom", () => {
    const parent = parentPod();
    const app = parent.spec!.containers[0];
    delete app.envFrom;
    app.env = app.env!.map((e): EnvVar =>
      e.name === "RELEASE_NODE" ? { ...e, value: "myapp@$(MY_IP)" } : e,
    );
    assert.ok(
      parentWarnings(parent).some((w) => /refers to \$\(MY_IP\), which is not defined/.test(w)),
    );
  });

  it("is silent for $(POD_IP) defined before it", () => {
    assert.deepEqual(parentWarnings(parentPod()), []);
  });
});

describe("parent checks: the parent's service account", () => {
  it("warns when the parent names none, pointing at FlameRbac", () => {
    const parent = parentPod();
    delete parent.spec!.serviceAccountName;
    delete parent.spec!.serviceAccount;
    const [warning, ...rest] = parentWarnings(parent);
    assert.deepEqual(rest, []);
    assert.match(
      warning,
      /^parentPod\.spec\.serviceAccountName: the parent names no service account/,
    );
    assert.match(warning, /FlameRbac.* \[parent-default-service-account\]$/);
  });

  it('warns when the parent runs as "default" (what the API server sets when none is named)', () => {
    const parent = parentPod();
    parent.spec!.serviceAccountName = "default";
    parent.spec!.serviceAccount = "default";
    assert.match(parentWarnings(parent)[0], /runs as the namespace's "default" service account/);
  });

  it("accepts the deprecated serviceAccount field alone", () => {
    const parent = parentPod();
    delete parent.spec!.serviceAccountName;
    assert.deepEqual(parentWarnings(parent), []);
  });
});

describe("parent checks: a sidecar taken as the app container", () => {
  it("gives only the sidecar warning, not the env warnings about the sidecar's env", () => {
    const parent = parentPod();
    parent.spec!.containers.unshift({ name: "istio-proxy", image: "docker.io/istio/proxyv2:1.22" });
    const { warnings } = run(parent, {});
    assert.equal(warnings.length, 1);
    assert.match(warnings[0], /istio-proxy/);
  });
});

describe("parent checks: reach every caller of the rules", () => {
  it("come before the warnings of step 2, through onWarning", () => {
    const { warnings } = run(parentWithout("POD_NAME"), () => ({
      spec: { restartPolicy: "Always" },
    }));
    assert.match(warnings[0], /^parentPod\./);
    assert.match(warnings[1], /restartPolicy/);
  });

  it("do not modify the parent", () => {
    const parent = parentWithout("POD_NAME");
    const before = JSON.stringify(parent);
    parentPodWarnings(parent, 0);
    assert.equal(JSON.stringify(parent), before);
  });
});

describe("parent checks: FlameRunnerPod logs them on itself", () => {
  const captured = captureEachTest();

  it("warns on the component for a parent without POD_NAME", async () => {
    const runner = new FlameRunnerPod("workers", {
      parentPod: parentWithout("POD_NAME"),
      encodedParent: ENCODED_PARENT,
    });
    await known(runner.podName);
    assert.equal(captured.logs.length, 1);
    assert.equal(captured.logs[0].severity, "warn");
    assert.equal(captured.logs[0].resource, runner);
    assert.match(captured.logs[0].message, /has no POD_NAME: .*flameParentEnv/);
  });
});
