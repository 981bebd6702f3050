/**
 * Helpers of the v0.7 profile tests: a run of the rules under
 * `backend: "v0.7"` with a pinned 5-character runner id, and manifests whose
 * one container sets env.
 */
import type {
  EnvVar,
  PodManifest,
  RunnerPodOptions,
  RunnerPodStartingContainer,
  RunnerPodStartingManifest,
} from "../../../src/types";
import { run as runV033, type LooseCallback, type Run } from "../support";

/** A pinned v0.7 runner id: 5 characters of the API server's generateName alphabet. */
export const V07_ID = "bcd24";

/** The runner name made from the fixture parent (`PARENT_NAME` + "-" + {@link V07_ID}). */
export const V07_NAME = "acme-invoicing-phoenix-web-7d9c8b6f5d-x2x9k-bcd24";

/** Runs the rules under the v0.7 profile, recording warnings. */
export function runV07(
  parent: PodManifest,
  manifest?: RunnerPodStartingManifest | LooseCallback,
  options: RunnerPodOptions = {},
): Run {
  return runV033(parent, manifest as LooseCallback, {
    backend: "v0.7",
    runnerId: V07_ID,
    ...options,
  });
}

/** The env entry named `name`, or `undefined`. */
export function entry(run: Run, name: string) {
  return run.env.find((e) => e.name === name);
}

/** The index of the env entry named `name` (-1 when absent). */
export function indexOf(run: Run, name: string): number {
  return run.env.findIndex((e) => e.name === name);
}

/** A v0.7 manifest whose one container has `fields` (its `env`, `envFrom`...). */
export function oneContainer(fields: RunnerPodStartingContainer): RunnerPodStartingManifest {
  return { spec: { containers: [fields] } };
}

/** A v0.7 manifest whose one container has the env entries `env`. */
export function withEnv(...env: EnvVar[]): RunnerPodStartingManifest {
  return oneContainer({ env });
}
