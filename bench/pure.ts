/**
 * Benchmark of the pure rules: microseconds per runner manifest for four
 * cases, against the floor of `structuredClone` of the same parent pod, and
 * how much of each is validation (the schema walk and the API server's
 * checks).
 */
import { runnerPodManifest, validatePodManifest } from "../src";
import { podValidator } from "../src/validation";
import type {
  PodManifest,
  RunnerPodCallback,
  RunnerPodStartingManifest,
  RunnerPodTemplate,
} from "../src";
import { ENCODED_PARENT, parentPod, seedTemplate } from "../test/fixtures/parent-pod";
import { pairedMicros, round } from "./stats";

/** The cases, by name (the targets are keyed by these). */
export type PureCase =
  "default" | "template object" | "callback full manifest" | "parent with 200 env";

/** One pure-function case and its figures. */
export interface PureResult {
  case: PureCase;
  /** Median µs per manifest, as measured. */
  usPerManifest: number;
  /** Median µs of the floor, `structuredClone` of the case's parent pod. */
  floorUs: number;
  /** Median of the paired ratios usPerManifest / floorUs. */
  ratio: number;
  /**
   * Of `usPerManifest`: the validation of the finished manifest (schema walk
   * and API-server checks), as its ratio to the floor times this run's floor.
   */
  validationUs: number;
  /** Of `validationUs`: the API server's checks (validation without them, subtracted). */
  apiChecksUs: number;
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

/** Validation without the API server's checks: what they cost is the difference. */
const validateSchemaOnly = podValidator({});

/** One pure case: the parent pod and the template (undefined: the default template). */
export interface PureCaseInput {
  name: PureCase;
  parent: PodManifest;
  template?: RunnerPodTemplate | RunnerPodCallback;
}

/** The runner id of every case: the bench measures the rules, not the random id. */
export const BENCH_OPTIONS = { runnerId: "0123456789abcdef0123" };

/** The four cases, each with a fresh parent so that no case profits from another. */
export function pureCases(): PureCaseInput[] {
  return [
    { name: "default", parent: parentPod() },
    {
      name: "template object",
      parent: parentPod(),
      template: seedTemplate(),
    },
    {
      name: "callback full manifest",
      parent: parentPod(),
      template: fullManifestCallback,
    },
    {
      name: "parent with 200 env",
      parent: parentWith200Env(),
    },
  ];
}

/** Runs the four cases. */
export function benchPure(): PureResult[] {
  const cases = pureCases();
  const options = BENCH_OPTIONS;
  return cases.map((c) => {
    const floor = () => structuredClone(c.parent);
    const m = pairedMicros(
      () => runnerPodManifest(c.parent, c.template, ENCODED_PARENT, options),
      floor,
    );
    const manifest = runnerPodManifest(c.parent, c.template, ENCODED_PARENT, options);
    // The split of validation is explanation, not a target: fewer repetitions.
    const short = { repetitions: 9, warmup: 1000 };
    const validation = pairedMicros(() => validatePodManifest(manifest), floor, short);
    const schemaOnly = pairedMicros(() => validateSchemaOnly(manifest), floor, short);
    const ofFloor = (ratio: number) => round(ratio * m.floorUs);
    return {
      case: c.name,
      usPerManifest: round(m.us),
      floorUs: round(m.floorUs),
      ratio: round(m.ratio),
      validationUs: ofFloor(validation.ratio),
      apiChecksUs: ofFloor(validation.ratio - schemaOnly.ratio),
    };
  });
}
