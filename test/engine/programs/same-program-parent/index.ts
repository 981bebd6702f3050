/**
 * Engine test program: the parent pod declared in the same program (as
 * examples/same-program-parent does) and its runner. Config `typo: "true"`
 * gives the runner the seed's `limimts` typo, which a preview must still
 * refuse.
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { FlameRunnerPod, type Inputs, type RunnerPodTemplate } from "../../../../src";
import { ENCODED_PARENT } from "../../../fixtures/parent-pod";

const config = new pulumi.Config();

const parent = new k8s.core.v1.Pod("parent", {
  metadata: { name: "counter", namespace: "flame-demo", labels: { app: "counter" } },
  spec: {
    serviceAccountName: "counter",
    containers: [
      {
        name: "counter",
        image: "ghcr.io/acme/counter:0.9.1",
        env: [
          { name: "PHX_SERVER", value: "true" },
          { name: "FLAME_BACKEND", value: "FLAMEK8sBackend" },
        ],
        resources: { requests: { cpu: "100m", memory: "256Mi" }, limits: { memory: "512Mi" } },
      },
    ],
  },
});

const limits = { memory: "1Gi" };
const runner = new FlameRunnerPod("runner", {
  parentPod: parent,
  template: {
    resources:
      config.get("typo") === "true"
        ? { requests: { cpu: "500m" }, limimts: limits }
        : { requests: { cpu: "500m" }, limits },
  } as Inputs<RunnerPodTemplate>,
  encodedParent: ENCODED_PARENT,
});

/** The runner pod's name. */
export const podName = runner.podName;
