/**
 * The parent pod the mocks answer `Pod.get` with: this example's
 * parent-pod.yaml, as `kubectl get pod -o yaml` printed it.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import type { PodManifest } from "pulumi-flame-k8s";

export const parentPodFixture: PodManifest = parse(
  fs.readFileSync(path.join(__dirname, "..", "parent-pod.yaml"), "utf8"),
);
