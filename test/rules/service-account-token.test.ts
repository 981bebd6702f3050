/**
 * Step 2, fields only the API server writes: what the ServiceAccount
 * admission controller injected into the parent (the token volume's mount at
 * /var/run/secrets/kubernetes.io/serviceaccount) is dropped from a callback's
 * result when its volume is not in the result's spec.volumes, with a warning.
 */
import assert from "node:assert/strict";
import type { Container, PodManifest } from "../../src/types";
import { parentPod } from "../fixtures/parent-pod";
import { run, type LooseCallback } from "./support";

const TOKEN_PATH = "/var/run/secrets/kubernetes.io/serviceaccount";
const tokenMount = { name: "kube-api-access-6f472", mountPath: TOKEN_PATH, readOnly: true };

const mountsOf = (c: Container | undefined) => (c?.volumeMounts ?? []).map((m) => m.name);

describe("the service-account token mount the admission controller injected into the parent is dropped", () => {
  it("drops it from a copy of the parent's containers, with a warning", () => {
    const { manifest, warnings } = run(parentPod(), ((parent: PodManifest) => ({
      spec: { containers: parent.spec!.containers },
    })) as LooseCallback);
    assert.deepEqual(mountsOf(manifest.spec!.containers[0]), []);
    const warning = warnings.find((w) => w.includes(TOKEN_PATH));
    assert.ok(warning, warnings.join("\n"));
    assert.match(
      warning,
      /^callback\.spec\.containers\[0\]\.volumeMounts\[0\]: .*"kube-api-access-7xk2p".* \[service-account-mount-dropped\]$/,
    );
  });

  it("drops it in every container and init container, keeping the other mounts", () => {
    const sidecar = {
      name: "sidecar",
      image: "busybox",
      volumeMounts: [{ name: "data", mountPath: "/data" }, tokenMount],
    };
    const init = { name: "init", image: "busybox", volumeMounts: [tokenMount] };
    const { manifest, warnings } = run(parentPod(), () => ({
      spec: {
        containers: [{ volumeMounts: [tokenMount] }, sidecar],
        initContainers: [init],
        volumes: [{ name: "data", emptyDir: {} }],
      },
    }));
    assert.deepEqual(mountsOf(manifest.spec!.containers[0]), []);
    assert.deepEqual(mountsOf(manifest.spec!.containers[1]), ["data"]);
    assert.deepEqual(mountsOf(manifest.spec!.initContainers![0]), []);
    assert.equal(warnings.filter((w) => w.includes(TOKEN_PATH)).length, 3);
  });

  it("keeps a mount at that path whose volume the result declares", () => {
    const { manifest, warnings } = run(parentPod(), () => ({
      spec: {
        containers: [{ volumeMounts: [tokenMount] }],
        volumes: [
          {
            name: tokenMount.name,
            projected: { sources: [{ serviceAccountToken: { path: "token" } }] },
          },
        ],
      },
    }));
    assert.deepEqual(mountsOf(manifest.spec!.containers[0]), [tokenMount.name]);
    assert.ok(!warnings.some((w) => w.includes(TOKEN_PATH)));
  });

  it("keeps a mount of a missing volume at another path (the schema check refuses it)", () => {
    const mount = { name: "gone", mountPath: "/elsewhere" };
    assert.throws(
      () => run(parentPod(), () => ({ spec: { containers: [{ volumeMounts: [mount] }] } })),
      /volumeMounts\[0\]/,
    );
  });
});
