/**
 * The pods of the offline cluster: a file of pod manifests as
 * `kubectl get pod -o yaml` prints them (by default the program's
 * `parent-pod.yaml`).
 */
import * as fs from "node:fs";
import { parseAllDocuments } from "yaml";
import type { PodManifest } from "../../types";
import { ProjectError } from "./project";

/** The fixture file an example ships next to its program. */
export const FIXTURE_FILE = "parent-pod.yaml";

/** Pods known to the offline cluster, by `namespace/name`. */
export type PodFixtures = ReadonlyMap<string, PodManifest>;

/** The `namespace/name` key of a pod id as `Pod.get` takes it (`name` alone means `default`). */
export function podKey(id: string): string {
  return id.includes("/") ? id : `default/${id}`;
}

/**
 * Reads every pod document of `file` (a `kubectl get pod -o yaml`; several
 * pods as several YAML documents).
 *
 * @param file - the file of pod manifests.
 * @param required - whether a missing file is an error (a file the user
 *   named); otherwise it means no pods.
 * @throws ProjectError when a required file is missing, the file is not YAML
 *   or a document is not a named pod.
 */
export function loadPodFixtures(file: string, required = false): PodFixtures {
  const pods = new Map<string, PodManifest>();
  if (!fs.existsSync(file)) {
    if (required) throw new ProjectError(`--pods ${file}: no such file`);
    return pods;
  }
  for (const doc of parseAllDocuments(fs.readFileSync(file, "utf8"))) {
    if (doc.errors.length > 0) {
      throw new ProjectError(`${file}: ${doc.errors[0].message.split("\n")[0]}`);
    }
    const pod = doc.toJS() as PodManifest | null;
    if (pod === null) {
      continue;
    }
    const name = pod.metadata?.name;
    if (pod.kind !== "Pod" || typeof name !== "string") {
      throw new ProjectError(`${file}: every document must be a Pod with metadata.name`);
    }
    pods.set(`${pod.metadata?.namespace ?? "default"}/${name}`, pod);
  }
  return pods;
}
