/**
 * basic: a FLAME runner pod from a template object, flame_k8s_backend's simple
 * use case. The runner gets one extra variable (`FOO=bar`) and its own
 * resources; everything else (image, env, envFrom, service account) comes
 * from the running parent pod.
 *
 * The parent is read from the cluster (`pulumi config set parentPod
 * production/myapp-7d9c8b6f5d-x2x9k`), or from a manifest file
 * (`pulumi config set parentPodFile parent-pod.yaml`) when there is no cluster
 * to read it from.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { parse } from "yaml";
import { FlameRunnerPod, type PodManifest } from "pulumi-flame-k8s";

const config = new pulumi.Config();

/** Reads a `kubectl get pod -o yaml` (or JSON) file, relative to this program. */
function readPodFile(file: string): PodManifest {
  const fullPath = path.resolve(__dirname, file);
  let text: string;
  try {
    text = fs.readFileSync(fullPath, "utf8");
  } catch {
    throw new pulumi.RunError(`config parentPodFile: cannot read ${fullPath}`);
  }
  const manifest: unknown = parse(text);
  if (typeof manifest !== "object" || manifest === null || Array.isArray(manifest)) {
    throw new pulumi.RunError(`config parentPodFile: ${fullPath} does not hold a pod manifest`);
  }
  return manifest as PodManifest;
}

/** Reads the running parent pod from the cluster: `ref` is `namespace/name`. */
function readPodFromCluster(ref: string): k8s.core.v1.Pod {
  const parts = ref.split("/");
  if (parts.length !== 2 || parts[0] === "" || parts[1] === "") {
    throw new pulumi.RunError(`config parentPod must be "namespace/name", got "${ref}"`);
  }
  return k8s.core.v1.Pod.get("parent", ref);
}

const parentPodFile = config.get("parentPodFile");
const parentPod: k8s.core.v1.Pod | PodManifest = parentPodFile
  ? readPodFile(parentPodFile)
  : readPodFromCluster(config.require("parentPod"));

const runner = new FlameRunnerPod("runner", {
  parentPod,
  template: {
    env: [{ name: "FOO", value: "bar" }],
    resources: {
      requests: { memory: "256Mi", cpu: "100m" },
      limits: { memory: "256Mi", cpu: "400m" },
    },
  },
  encodedParent: config.require("encodedParent"),
});

/** The runner pod's name: the parent's name and an id derived from the component's URN (stable across runs). */
export const runnerPodName = runner.podName;
