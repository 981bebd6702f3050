/**
 * Engine test program: a callback that throws, exporting the runner's pod
 * name. The run must fail fast, with the component's message once.
 */
import { FlameRunnerPod } from "../../../../src";
import { ENCODED_PARENT, parentPod } from "../../../fixtures/parent-pod";

const runner = new FlameRunnerPod("runner", {
  parentPod: parentPod(),
  template: () => {
    throw new Error("no GPU node pool configured");
  },
  encodedParent: ENCODED_PARENT,
});

/** The runner pod's name. */
export const podName = runner.podName;
