/**
 * gpu-callback: flame_k8s_backend's advanced use case. A callback builds the
 * runner pod from the running parent pod, so the runner can differ from it:
 * here it runs on GPU nodes (node affinity, a toleration for the GPU taint, an
 * `nvidia.com/gpu` limit) and mounts the model weights from a volume, while it
 * copies from the parent what the FLAME runner needs to be the same
 * application: env, envFrom, pull secrets and security context.
 *
 * The backend still controls the pod and container names, the image (the
 * parent's), `restartPolicy: Never`, the service account and the FLAME
 * variables; the callback only sets everything else.
 *
 * Config: `parentPod` (namespace/name, read from the cluster), `encodedParent`
 * (required), `gpuCount` (default 1), `modelCacheClaim` (default model-cache).
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import {
  FlameRunnerPod,
  REMOVED_ENV_NAMES,
  type Container,
  type PodManifest,
  type RunnerPodStartingContainer,
  type RunnerPodStartingManifest,
} from "pulumi-flame-k8s";

const config = new pulumi.Config();
const gpuCount = config.getNumber("gpuCount", { min: 1 }) ?? 1;
const modelCacheClaim = config.get("modelCacheClaim") ?? "model-cache";

/** Where the parent's model weights live; Bumblebee reads BUMBLEBEE_CACHE_DIR. */
const MODEL_DIR = "/models";

/** Labels of the parent that name the application (not the ReplicaSet's `pod-template-hash`). */
function appLabels(parent: PodManifest): Record<string, string> {
  const labels = parent.metadata?.labels ?? {};
  return Object.fromEntries(
    Object.entries(labels).filter(([key]) => key.startsWith("app.kubernetes.io/")),
  );
}

/**
 * The runner pod template: GPU scheduling and the model volume, plus what the
 * runner copies from the parent. Pure: reads the parent, never changes it.
 */
function gpuRunner(parent: PodManifest, app: Container): RunnerPodStartingManifest {
  const parentSpec = parent.spec;
  // The parent's env without what the backend sets itself (PHX_SERVER,
  // FLAME_BACKEND, POD_NAME...): it would overwrite those, with a warning.
  const backendNames: readonly string[] = REMOVED_ENV_NAMES;
  const env = (app.env ?? []).filter((entry) => !backendNames.includes(entry.name));
  // No `name` and no `image`: the backend sets both (to the runner name and the
  // parent's image) and warns about any other value.
  const runnerContainer: RunnerPodStartingContainer = {
    ...(env.length > 0 ? { env } : {}),
    ...(app.envFrom ? { envFrom: app.envFrom } : {}),
    resources: {
      requests: { cpu: "4", memory: "16Gi" },
      limits: { memory: "24Gi", "nvidia.com/gpu": String(gpuCount) },
    },
    volumeMounts: [{ name: "model-cache", mountPath: MODEL_DIR, readOnly: true }],
  };
  return {
    metadata: {
      namespace: parent.metadata?.namespace,
      labels: { ...appLabels(parent), "app.kubernetes.io/component": "flame-runner" },
    },
    spec: {
      affinity: {
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: {
            nodeSelectorTerms: [
              {
                matchExpressions: [
                  { key: "nvidia.com/gpu.present", operator: "In", values: ["true"] },
                ],
              },
            ],
          },
        },
      },
      tolerations: [{ key: "nvidia.com/gpu", operator: "Exists", effect: "NoSchedule" }],
      ...(parentSpec?.imagePullSecrets ? { imagePullSecrets: parentSpec.imagePullSecrets } : {}),
      ...(parentSpec?.securityContext ? { securityContext: parentSpec.securityContext } : {}),
      volumes: [
        {
          name: "model-cache",
          persistentVolumeClaim: { claimName: modelCacheClaim, readOnly: true },
        },
      ],
      // The type asks for a name; the backend gives the container its name.
      containers: [runnerContainer],
    },
  };
}

const parentPodRef = config.require("parentPod");
if (!/^[^/]+\/[^/]+$/.test(parentPodRef)) {
  throw new pulumi.RunError(`config parentPod must be "namespace/name", got "${parentPodRef}"`);
}

const runner = new FlameRunnerPod("gpu-runner", {
  parentPod: k8s.core.v1.Pod.get("parent", parentPodRef),
  template: gpuRunner,
  encodedParent: config.require("encodedParent"),
});

/** The runner pod's name: the parent's name and an id derived from the component's URN (stable across runs). */
export const runnerPodName = runner.podName;
