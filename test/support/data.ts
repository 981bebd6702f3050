/**
 * Plain-data helpers shared by the tests: freezing inputs to prove the rules
 * never mutate them, reading a runner manifest's env, and a callback that
 * throws.
 */
import type { PodManifest } from "../../src/types";

/** Freezes `value` and everything in it; returns it. */
export function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  }
  return value;
}

/** The first container's env as name → value (`undefined` for `valueFrom` entries). */
export function envOf(manifest: PodManifest): Record<string, string | undefined> {
  return Object.fromEntries((manifest.spec?.containers[0].env ?? []).map((e) => [e.name, e.value]));
}

/** A callback that throws `error` (whatever it is called with). */
export function throwing(error: unknown): () => never {
  return () => {
    throw error;
  };
}
