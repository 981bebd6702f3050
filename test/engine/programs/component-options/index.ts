/**
 * Engine test program: a runner given resource options that only mean
 * something on a custom resource, and an explicit provider.
 */
import * as k8s from "@pulumi/kubernetes";
import { FlameRunnerPod } from "../../../../src";
import { ENCODED_PARENT, parentPod, seedTemplate } from "../../../fixtures/parent-pod";

const provider = new k8s.Provider("cluster", { namespace: "production" });

// Options of a custom resource, which ComponentResourceOptions does not list:
// spread in so that this program compiles whatever the component's type says.
const customOptions: Record<string, unknown> = {
  deleteBeforeReplace: true,
  additionalSecretOutputs: ["status"],
};

const runner = new FlameRunnerPod(
  "runner",
  { parentPod: parentPod(), template: seedTemplate(), encodedParent: ENCODED_PARENT },
  {
    provider,
    protect: true,
    customTimeouts: { create: "3m", update: "4m", delete: "5m" },
    ignoreChanges: ["metadata.annotations"],
    replaceOnChanges: ["spec.containers[0].image"],
    retainOnDelete: true,
    ...customOptions,
  },
);

/** The runner pod's name. */
export const podName = runner.podName;
