/**
 * Stable runner ids for {@link FlameRunnerPod}: derived from the component's
 * URN, so the same program on the same stack names its runner pod the same
 * way on every run.
 */
import { createHash } from "node:crypto";
import { DEFAULT_BACKEND, profileOf } from "../rules/profiles";
import type { RunnerPodBackend } from "../types";

/** What Pulumi's mocks put before a child's type in its URN, and the engine does not. */
const MOCK_STACK_TYPE = "::pulumi:pulumi:Stack$";

/**
 * The default runner id of a `FlameRunnerPod`, derived from the SHA-256 of
 * the component's URN as the Pulumi engine writes it
 * (`urn:pulumi:STACK::PROJECT::flame-k8s:index:FlameRunnerPod::NAME`):
 *
 * - `"v0.3.3"`: the first 20 hex characters (lowercase) of the hash;
 * - `"v0.7"`: 5 characters of the API server's `generateName` alphabet
 *   (`bcdfghjklmnpqrstvwxz2456789`), one per byte of the hash (the byte
 *   modulo the alphabet's size).
 *
 * The root stack's type, which Pulumi's mocks add to child URNs
 * (`::pulumi:pulumi:Stack$flame-k8s:...`), is left out, so a unit test or an
 * offline preview names the pod as a real `pulumi up` does.
 *
 * The URN holds the stack, the project, the types of the component's parents
 * and its name, so the id is the same on every `pulumi preview` and
 * `pulumi up` of the same program and stack, and differs between two
 * components (or two stacks).
 *
 * @param urn - the component's URN.
 * @param backend - the profile whose id shape to make. Default: `"v0.3.3"`.
 * @returns 20 lowercase hex characters, or with `"v0.7"` 5 characters of the
 *   `generateName` alphabet.
 */
export function runnerIdFromUrn(urn: string, backend: RunnerPodBackend = DEFAULT_BACKEND): string {
  const engineUrn = urn.replace(MOCK_STACK_TYPE, "::");
  const hash = createHash("sha256").update(engineUrn, "utf8").digest();
  return profileOf(backend).runnerId.fromHash(hash);
}
