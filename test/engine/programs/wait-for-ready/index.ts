/**
 * Engine test program: a runner that asks pulumi-kubernetes to wait for it
 * to become Ready (`waitForReady: true`).
 */
import { FlameRunnerPod, type FlameRunnerPodArgs } from "../../../../src";
import { ENCODED_PARENT, parentPod, seedTemplate } from "../../../fixtures/parent-pod";

// Spread in so that this program compiles before the argument exists.
const waitForReady: Record<string, unknown> = { waitForReady: true };

const runner = new FlameRunnerPod("runner", {
  parentPod: parentPod(),
  template: seedTemplate(),
  encodedParent: ENCODED_PARENT,
  ...waitForReady,
} as FlameRunnerPodArgs);

/** The runner pod's name. */
export const podName = runner.podName;
