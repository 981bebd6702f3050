/**
 * Acceptance: the seed's simple use case (FOO=bar, 256Mi/100m requests,
 * 256Mi/400m limits) against the realistic parent pod.
 */
import assert from "node:assert/strict";
import { runnerPodManifest } from "../../src/rules";
import {
  ENCODED_PARENT,
  PARENT_NAME,
  PARENT_UID,
  RUNNER_NAME_PREFIX,
  parentPod,
  seedTemplate,
} from "../fixtures/parent-pod";
import { RUNNER_ID, deepFreeze, line } from "./support";

describe("acceptance: the seed's simple use case", () => {
  const parent = deepFreeze(parentPod());
  const warnings: string[] = [];
  const manifest = runnerPodManifest(parent, deepFreeze(seedTemplate()), ENCODED_PARENT, {
    onWarning: (m) => warnings.push(m),
  });
  const runner = manifest.spec!.containers[0];
  const name = manifest.metadata!.name!;

  it("is a v1 Pod", () => {
    assert.equal(manifest.apiVersion, "v1");
    assert.equal(manifest.kind, "Pod");
  });

  it("is named after the parent: its first 41 characters followed by a 20-character hex id", () => {
    assert.equal(parent.metadata!.name, PARENT_NAME);
    assert.ok(PARENT_NAME.length > 41);
    assert.equal(RUNNER_NAME_PREFIX, PARENT_NAME.slice(0, 41));
    assert.match(name, new RegExp(`^${RUNNER_NAME_PREFIX}[0-9a-f]{20}$`));
    assert.equal(name.length, 61);
    assert.equal(runner.name, name);
    assert.deepEqual(runner.env![0], { name: "POD_NAME", value: name });
  });

  it("has the 61-character runner name in metadata.name, container name and POD_NAME", () => {
    const pinned = runnerPodManifest(parent, deepFreeze(seedTemplate()), ENCODED_PARENT, {
      runnerId: RUNNER_ID,
    });
    const expected = RUNNER_NAME_PREFIX + RUNNER_ID;
    const container = pinned.spec!.containers[0];
    const podName = container.env!.find((e) => e.name === "POD_NAME")!.value!;
    assert.equal(expected.length, 61);
    assert.equal(pinned.metadata!.name!.length, 61);
    assert.equal(container.name.length, 61);
    assert.equal(podName.length, 61);
    assert.equal(pinned.metadata!.name, expected);
    assert.equal(container.name, expected);
    assert.equal(podName, expected);
    assert.deepEqual(container.env![0], { name: "POD_NAME", value: expected });
  });

  it("runs in the parent's namespace", () => {
    assert.equal(manifest.metadata!.namespace, "production");
  });

  it("is owned by the parent as controller, without a namespace key", () => {
    assert.deepEqual(manifest.metadata!.ownerReferences, [
      {
        apiVersion: "v1",
        kind: "Pod",
        name: PARENT_NAME,
        uid: PARENT_UID,
        controller: true,
      },
    ]);
    assert.equal("namespace" in manifest.metadata!.ownerReferences![0], false);
  });

  it("never restarts, runs the parent's image under the parent's service account", () => {
    assert.equal(manifest.spec!.restartPolicy, "Never");
    assert.equal(runner.image, "ghcr.io/acme/myapp:1.4.2");
    assert.equal(manifest.spec!.serviceAccountName, "myapp");
    assert.equal(manifest.spec!.serviceAccount, "myapp");
  });

  it("takes the template's resources as a whole", () => {
    assert.deepEqual(runner.resources, {
      requests: { memory: "256Mi", cpu: "100m" },
      limits: { memory: "256Mi", cpu: "400m" },
    });
  });

  it("has the predefined variables, then FOO=bar, then the parent's env without duplicates", () => {
    assert.deepEqual(runner.env!.map(line), [
      `POD_NAME=${name}`,
      "POD_NAMESPACE=production",
      "PHX_SERVER=false",
      `FLAME_PARENT=${ENCODED_PARENT}`,
      "FOO=bar",
      "POD_IP<-valueFrom",
      "RELEASE_DISTRIBUTION=name",
      "RELEASE_NODE=myapp@$(POD_IP)",
      "SECRET_KEY_BASE<-valueFrom",
    ]);
    const names = runner.env!.map((e) => e.name);
    assert.equal(new Set(names).size, names.length);
  });

  it("keeps the parent's envFrom", () => {
    assert.deepEqual(runner.envFrom, parent.spec!.containers[0].envFrom);
  });

  it("gives no warning", () => {
    assert.deepEqual(warnings, []);
  });

  it("is exactly this manifest (nothing else of the parent leaks in)", () => {
    assert.deepEqual(Object.keys(manifest), ["apiVersion", "kind", "metadata", "spec"]);
    assert.deepEqual(Object.keys(manifest.metadata!), ["name", "namespace", "ownerReferences"]);
    assert.deepEqual(Object.keys(manifest.spec!).sort(), [
      "containers",
      "restartPolicy",
      "serviceAccount",
      "serviceAccountName",
    ]);
    assert.deepEqual(Object.keys(runner).sort(), ["env", "envFrom", "image", "name", "resources"]);
  });

  it("makes a 61-character name from a parent name of 41 characters or more", () => {
    const long = parentPod();
    long.metadata!.name = "a-very-long-statefulset-name-for-the-app-0-with-more";
    const m = runnerPodManifest(long, seedTemplate(), ENCODED_PARENT);
    assert.equal(m.metadata!.name!.length, 61);
    assert.equal(m.metadata!.name!.slice(0, 41), long.metadata!.name!.slice(0, 41));
  });
});
