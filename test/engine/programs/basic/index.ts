/**
 * Engine test program: one runner from a plain parent manifest and the seed's
 * template (typo corrected), exporting the runner's pod name as the README
 * does.
 */
import { FlameRunnerPod } from "../../../../src";
import { ENCODED_PARENT, parentPod, seedTemplate } from "../../../fixtures/parent-pod";

const runner = new FlameRunnerPod("runner", {
  parentPod: parentPod(),
  template: seedTemplate(),
  encodedParent: ENCODED_PARENT,
});

/** The runner pod's name. */
export const podName = runner.podName;
