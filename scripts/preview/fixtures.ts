/**
 * The pods of the offline cluster: each example's `parent-pod.yaml`, as
 * `kubectl get pod -o yaml` printed it.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { parseAllDocuments } from "yaml";
import type { PodManifest } from "../../src/types";

/** The fixture file an example ships next to its program. */
export const FIXTURE_FILE = "parent-pod.yaml";

/** Pods known to the offline cluster, by `namespace/name`. */
export type PodFixtures = ReadonlyMap<string, PodManifest>;

/** The `namespace/name` key of a pod id as `Pod.get` takes it (`name` alone means `default`). */
export function podKey(id: string): string {
  return id.includes("/") ? id : `default/${id}`;
}

/**
 * Reads every pod document of `<dir>/parent-pod.yaml` (none when the file is
 * missing).
 *
 * @throws Error when the file is not YAML or a document is not a named pod.
 */
export function loadPodFixtures(dir: string): PodFixtures {
  const file = path.join(dir, FIXTURE_FILE);
  const pods = new Map<string, PodManifest>();
  if (!fs.existsSync(file)) {
    return pods;
  }
  for (const doc of parseAllDocuments(fs.readFileSync(file, "utf8"))) {
    if (doc.errors.length > 0) {
      throw new Error(`${file}: ${doc.errors[0].message}`);
    }
    const pod = doc.toJS() as PodManifest | null;
    if (pod === null) {
      continue;
    }
    const name = pod.metadata?.name;
    if (pod.kind !== "Pod" || typeof name !== "string") {
      throw new Error(`${file}: every document must be a Pod with metadata.name`);
    }
    pods.set(`${pod.metadata?.namespace ?? "default"}/${name}`, pod);
  }
  return pods;
}
