/**
 * Engine test program: the seed's template with its `limimts` typo (the cast
 * lets it through to the rules, as a JavaScript caller could), exporting the
 * runner's pod name as the README does. The run must fail fast, with the
 * rule's message once.
 */
import { FlameRunnerPod, type Inputs, type RunnerPodTemplate } from "../../../../src";
import { ENCODED_PARENT, parentPod } from "../../../fixtures/parent-pod";

const runner = new FlameRunnerPod("runner", {
  parentPod: parentPod(),
  template: {
    env: [{ name: "FOO", value: "bar" }],
    resources: {
      requests: { memory: "256Mi", cpu: "100m" },
      limimts: { memory: "256Mi", cpu: "400m" },
    },
  } as Inputs<RunnerPodTemplate>,
  encodedParent: ENCODED_PARENT,
});

/** The runner pod's name. */
export const podName = runner.podName;
