/**
 * Validation of a finished runner pod manifest against the Kubernetes Pod
 * schema and the API server's own checks. Pure: no Pulumi import.
 */
import type { RunnerPodIssue } from "../errors";

/**
 * Checks a pod manifest the way the Kubernetes API server would on create.
 *
 * @param manifest - the finished runner pod manifest.
 * @returns every problem found, each with its field path; empty when valid.
 */
export function validatePodManifest(manifest: unknown): RunnerPodIssue[] {
  // Placeholder until the schema validator lands (issue 3).
  void manifest;
  return [];
}
