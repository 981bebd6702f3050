/**
 * Helpers of the validation tests: a small valid runner-like pod to break one
 * field at a time, and a shortcut that returns the issues as `path: message`.
 */
import type { RunnerPodIssue } from "../../src/errors";
import { formatIssue } from "../../src/issues/issue";
import type { PodManifest } from "../../src/types";
import { validatePodManifest } from "../../src/validation";

/** A small valid pod: one container with env, resources, a port and a volume. */
export function validPod(): PodManifest {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name: "runner-0123", namespace: "production", labels: { app: "myapp" } },
    spec: {
      restartPolicy: "Never",
      containers: [
        {
          name: "runner-0123",
          image: "ghcr.io/acme/myapp:1.4.2",
          env: [
            { name: "POD_NAME", value: "runner-0123" },
            { name: "POD_IP", valueFrom: { fieldRef: { fieldPath: "status.podIP" } } },
          ],
          resources: { requests: { cpu: "100m", memory: "256Mi" }, limits: { memory: "256Mi" } },
          ports: [{ name: "http", containerPort: 4000, protocol: "TCP" }],
          volumeMounts: [{ name: "data", mountPath: "/data" }],
        },
      ],
      volumes: [{ name: "data", emptyDir: {} }],
    },
  };
}

/** A path as the issues spell it (`spec.containers[0].name`), split into keys and indexes. */
function splitPath(path: string): (string | number)[] {
  const out: (string | number)[] = [];
  for (const match of path.matchAll(/([^.[\]]+)|\[(\d+)\]|\["([^"]*)"\]/g)) {
    if (match[1] !== undefined) out.push(match[1]);
    else if (match[2] !== undefined) out.push(Number(match[2]));
    else out.push(match[3]);
  }
  return out;
}

/**
 * `validPod()` (or `base`) with values set at paths; `undefined` deletes the
 * field. Paths are spelled as in issues: `spec.containers[0].env[1].value`.
 */
export function podWith(changes: Record<string, unknown>, base: unknown = validPod()): unknown {
  const pod = structuredClone(base);
  for (const [path, value] of Object.entries(changes)) {
    const keys = splitPath(path);
    let node = pod as Record<string | number, unknown>;
    for (let i = 0; i < keys.length - 1; i++) {
      const key = keys[i];
      if (typeof node[key] !== "object" || node[key] === null) {
        node[key] = typeof keys[i + 1] === "number" ? [] : {};
      }
      node = node[key] as Record<string | number, unknown>;
    }
    const last = keys[keys.length - 1];
    if (value === undefined) delete node[last];
    else node[last] = value;
  }
  return pod;
}

export { deepFreeze } from "../support/data";

/** The issues of a manifest, each as its line `path: message [code]` (the one formatter). */
export function problems(manifest: unknown): string[] {
  return validatePodManifest(manifest).map((i: RunnerPodIssue) => formatIssue(i));
}

/** The paths of the issues of a manifest. */
export function paths(manifest: unknown): string[] {
  return validatePodManifest(manifest).map((i) => i.path);
}
