/**
 * Engine test program: the parent read from the cluster with `Pod.get`
 * (config `parentPod`: namespace/name) and a runner from the seed's template.
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { FlameRunnerPod } from "../../../../src";
import { ENCODED_PARENT, seedTemplate } from "../../../fixtures/parent-pod";

const config = new pulumi.Config();

const runner = new FlameRunnerPod("runner", {
  parentPod: k8s.core.v1.Pod.get("parent", config.require("parentPod")),
  template: seedTemplate(),
  encodedParent: ENCODED_PARENT,
});

/** The runner pod's name. */
export const podName = runner.podName;
