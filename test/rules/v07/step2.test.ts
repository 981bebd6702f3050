/**
 * docs/rules-v0.7.md, "Step 2: values the backend sets": one describe per row.
 */
import { strict as assert } from "assert";
import { PARENT_NAME, PARENT_UID, parentPod } from "../../fixtures/parent-pod";
import { errorOf, pathsOf } from "../support";
import { runV07, V07_NAME } from "./support";

describe("Step 2: apiVersion and kind", () => {
  it("are v1 and Pod, overwritten with a warning", () => {
    const { manifest, warnings } = runV07(parentPod(), { apiVersion: "v2", kind: "Job" } as never);
    assert.equal(manifest.apiVersion, "v1");
    assert.equal(manifest.kind, "Pod");
    assert.ok(warnings.some((w) => w.includes('"Job" is overwritten with "Pod"')));
  });
});

describe("Step 2: metadata.name", () => {
  it("is <parent name>- and the 5-character id, the name generateName would give", () => {
    assert.equal(V07_NAME, `${PARENT_NAME}-bcd24`);
    assert.equal(runV07(parentPod()).manifest.metadata?.name, V07_NAME);
  });

  it("cuts <parent name>- to 58 characters, as the API server cuts a generateName", () => {
    const parent = parentPod();
    parent.metadata!.name = "a".repeat(70);
    const name = runV07(parent).manifest.metadata!.name!;
    assert.equal(name, "a".repeat(58) + "bcd24");
    assert.equal(name.length, 63);
  });

  it("(better) makes <parent name>- label-safe, so the name stays a DNS-1123 label (v0.7.0's generateName kept a dotted parent name's dots)", () => {
    for (const [parentName, name] of [
      ["web.acme.example-7d9c8b6f5d-x2x9k", "web-acme-example-7d9c8b6f5d-x2x9k-bcd24"],
      ["My_App", "my-app-bcd24"],
    ]) {
      const parent = parentPod();
      parent.metadata!.name = parentName;
      assert.equal(runV07(parent).manifest.metadata?.name, name, parentName);
    }
  });

  it("a default id is 5 characters of bcdfghjklmnpqrstvwxz2456789, fresh each time", () => {
    const names = new Set<string>();
    for (let i = 0; i < 20; i++) {
      const { manifest } = runV07(parentPod(), undefined, { runnerId: undefined });
      const name = manifest.metadata!.name!;
      assert.match(name, new RegExp(`^${PARENT_NAME}-[bcdfghjklmnpqrstvwxz2456789]{5}$`));
      names.add(name);
    }
    assert.ok(names.size > 1);
  });

  it("is the manifest's generateName and the id, never a generateName (v0.7.0 left the name to the API server)", () => {
    const { manifest } = runV07(parentPod(), { metadata: { generateName: "x-", name: "x" } });
    assert.equal(manifest.metadata?.name, "x-bcd24");
    assert.equal(manifest.metadata?.generateName, undefined);
  });

  it("cuts the manifest's generateName to 58 characters, and the Secret reference names the same runner", () => {
    const prefix = "livebook-flame-runner-".padEnd(58, "x");
    for (const [generateName, name] of [
      [prefix, `${prefix}bcd24`],
      [`${prefix}y`, `${prefix}bcd24`],
    ]) {
      const { manifest, runner } = runV07(
        parentPod(),
        { metadata: { generateName } },
        { secretEnv: {} },
      );
      assert.equal(manifest.metadata?.name, name);
      assert.equal(name.length, 63);
      assert.deepEqual(runner.envFrom, [{ secretRef: { name } }]);
    }
  });

  it("a generateName that is no pod name prefix, or no string, is an error at its path", () => {
    for (const generateName of ["Livebook_runner-", "", "-runner-", 7]) {
      const error = errorOf(() => runV07(parentPod(), { metadata: { generateName } } as never));
      assert.deepEqual(pathsOf(error), ["callback.metadata.generateName"], String(generateName));
    }
  });
});

describe("Step 2: metadata.namespace", () => {
  it("is the parent's, or the manifest's when it sets one", () => {
    assert.equal(runV07(parentPod()).manifest.metadata?.namespace, "production");
    const { manifest } = runV07(
      parentPod(),
      { metadata: { namespace: "flame" } },
      { omitOwnerReference: true },
    );
    assert.equal(manifest.metadata?.namespace, "flame");
  });
});

describe("Step 2: metadata.ownerReferences", () => {
  it("(better) one reference to the parent, controller: true, no namespace key (v0.7.0 wrote {apiVersion, kind, name, namespace, uid}: a namespace key, no controller)", () => {
    const refs = runV07(parentPod()).manifest.metadata?.ownerReferences;
    assert.deepEqual(refs, [
      { apiVersion: "v1", kind: "Pod", name: PARENT_NAME, uid: PARENT_UID, controller: true },
    ]);
    assert.ok(!("namespace" in refs![0]));
  });

  it("(better) a runner in another namespace is an error unless omitOwnerReference", () => {
    const error = errorOf(() => runV07(parentPod(), { metadata: { namespace: "flame" } }));
    assert.deepEqual(pathsOf(error), ["callback.metadata.namespace"]);
  });

  it("none with omitOwnerReference", () => {
    const { manifest } = runV07(parentPod(), undefined, { omitOwnerReference: true });
    assert.equal(manifest.metadata?.ownerReferences, undefined);
  });
});

describe("Step 2: spec.restartPolicy", () => {
  it("is Never, overwritten", () => {
    const { manifest } = runV07(parentPod(), { spec: { restartPolicy: "Always", containers: [] } });
    assert.equal(manifest.spec?.restartPolicy, "Never");
  });
});

describe("Step 2: service account", () => {
  it("(better) a parent with only serviceAccountName gives both fields (v0.7.0 gave serviceAccount: null)", () => {
    const parent = parentPod();
    delete parent.spec!.serviceAccount;
    const { manifest } = runV07(parent);
    assert.equal(manifest.spec?.serviceAccountName, "myapp");
    assert.equal(manifest.spec?.serviceAccount, "myapp");
  });

  it("(better) the manifest's serviceAccountName wins, in both fields (v0.7.0 looked only at serviceAccount)", () => {
    const { manifest } = runV07(parentPod(), {
      spec: { serviceAccountName: "flame-runner", containers: [] },
    });
    assert.equal(manifest.spec?.serviceAccountName, "flame-runner");
    assert.equal(manifest.spec?.serviceAccount, "flame-runner");
  });

  it("is left out when nobody names one", () => {
    const parent = parentPod();
    delete parent.spec!.serviceAccount;
    delete parent.spec!.serviceAccountName;
    const { manifest } = runV07(parent);
    assert.equal(manifest.spec?.serviceAccount, undefined);
    assert.equal(manifest.spec?.serviceAccountName, undefined);
  });
});

describe("Step 2: first container image", () => {
  it("is the app container's when the manifest sets none", () => {
    assert.equal(runV07(parentPod()).runner.image, "ghcr.io/acme/myapp:1.4.2");
  });

  it("is kept when the manifest sets one (v0.3.3 overwrote it)", () => {
    const { runner, warnings } = runV07(parentPod(), {
      spec: { containers: [{ name: "x", image: "ghcr.io/acme/runner:2" }] },
    });
    assert.equal(runner.image, "ghcr.io/acme/runner:2");
    assert.ok(!warnings.some((w) => w.includes("image")));
  });
});

describe("Step 2: first container name", () => {
  it("is runner, overwritten with a warning", () => {
    const { runner, warnings } = runV07(parentPod(), {
      spec: { containers: [{ name: "worker" }] },
    });
    assert.equal(runner.name, "runner");
    assert.ok(warnings.some((w) => w.includes('"worker" is overwritten with "runner"')));
  });
});

describe("Step 2: app container", () => {
  it("is the container named appContainerName", () => {
    const parent = parentPod();
    parent.spec!.containers.unshift({ name: "istio-proxy", image: "istio/proxyv2:1.20" });
    const { runner, warnings } = runV07(parent, undefined, { appContainerName: "myapp" });
    assert.equal(runner.image, "ghcr.io/acme/myapp:1.4.2");
    assert.ok(!warnings.some((w) => w.includes("sidecar")));
  });

  it("warns when the first container is a well-known sidecar", () => {
    const parent = parentPod();
    parent.spec!.containers.unshift({ name: "istio-proxy", image: "istio/proxyv2:1.20" });
    const { warnings } = runV07(parent);
    assert.ok(warnings.some((w) => w.includes("well-known sidecar")));
  });

  it("(better) a name that matches no container is an error listing the names (v0.7.0 gave image null)", () => {
    const error = errorOf(() => runV07(parentPod(), undefined, { appContainerName: "web" }));
    assert.deepEqual(pathsOf(error), ["options.appContainerName"]);
    assert.match(error.message, /"myapp"/);
  });
});
