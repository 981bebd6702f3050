/**
 * Arguments of a FlameRunnerPod as the component tests start from them: the
 * realistic parent pod, the seed's template and an encoded parent.
 */
import type { FlameRunnerPodArgs } from "../../src";
import { ENCODED_PARENT, parentPod, seedTemplate } from "../fixtures/parent-pod";

/** Fresh default arguments, with `extra` laid over them. */
export function runnerArgs(extra: Partial<FlameRunnerPodArgs> = {}): FlameRunnerPodArgs {
  return {
    parentPod: parentPod(),
    template: seedTemplate(),
    encodedParent: ENCODED_PARENT,
    ...extra,
  };
}
