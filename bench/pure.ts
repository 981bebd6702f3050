/**
 * Benchmark of the pure rules: microseconds per runner manifest for four
 * cases, against the floor of `structuredClone` of the same parent pod.
 */
import { runnerPodManifest } from "../src";
import type {
  PodManifest,
  RunnerPodCallback,
  RunnerPodStartingManifest,
  RunnerPodTemplate,
} from "../src";
import { ENCODED_PARENT, parentPod, seedTemplate } from "../test/fixtures/parent-pod";
import { pairedMicros, round } from "./stats";

/** One pure-function case and its figures. */
export interface PureResult {
  case: string;
  usPerManifest: number;
  floorUs: number;
  ratio: number;
}

/** A callback that returns a full manifest: sidecars, init container, volumes, scheduling. */
export const fullManifestCallback: RunnerPodCallback = (
  parent,
  app,
): RunnerPodStartingManifest => ({
  metadata: {
    labels: { app: "myapp-runner", ...(parent.metadata?.labels ?? {}) },
    annotations: { "cluster-autoscaler.kubernetes.io/safe-to-evict": "false" },
  },
  spec: {
    nodeSelector: { "cloud.google.com/gke-accelerator": "nvidia-l4" },
    tolerations: [{ key: "nvidia.com/gpu", operator: "Exists", effect: "NoSchedule" }],
    initContainers: [{ name: "fetch-model", image: "busybox:1.36", command: ["sh", "-c", "true"] }],
    containers: [
      {
        // No name and no image: the backend sets both on the runner container.
        env: app.env,
        envFrom: app.envFrom,
        resources: { limits: { "nvidia.com/gpu": "1", memory: "8Gi" }, requests: { cpu: "2" } },
        volumeMounts: [{ name: "models", mountPath: "/models" }],
      },
      {
        name: "cloud-sql-proxy",
        image: "gcr.io/cloud-sql-connectors/cloud-sql-proxy:2.11.0",
        args: ["--port=5432", "acme:europe-west1:db"],
        resources: { requests: { cpu: "50m", memory: "64Mi" } },
      },
    ],
    volumes: [
      { name: "models", emptyDir: { sizeLimit: "20Gi" } },
      { name: "scratch", emptyDir: {} },
    ],
  },
});

/** The parent pod with 200 env vars in its app container. */
function parentWith200Env(): PodManifest {
  const parent = parentPod();
  const app = parent.spec!.containers[0];
  app.env = Array.from({ length: 200 }, (_, i) => ({ name: `VAR_${i}`, value: `value-${i}` }));
  return parent;
}

/** Runs the four cases; each call gets a fresh parent so no case profits from another. */
export function benchPure(): PureResult[] {
  const cases: {
    name: string;
    parent: PodManifest;
    template?: RunnerPodTemplate | RunnerPodCallback;
  }[] = [
    { name: "default", parent: parentPod() },
    { name: "template object", parent: parentPod(), template: seedTemplate() },
    { name: "callback full manifest", parent: parentPod(), template: fullManifestCallback },
    { name: "parent with 200 env", parent: parentWith200Env() },
  ];
  const options = { runnerId: "0123456789abcdef0123" };
  return cases.map((c) => {
    const m = pairedMicros(
      () => runnerPodManifest(c.parent, c.template, ENCODED_PARENT, options),
      () => structuredClone(c.parent),
    );
    return {
      case: c.name,
      usPerManifest: round(m.us),
      floorUs: round(m.floorUs),
      ratio: round(m.ratio),
    };
  });
}
