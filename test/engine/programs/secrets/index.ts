/**
 * Engine test program: the README's `encodedParent: config.requireSecret(...)`.
 * Config `runnerId`, when set, is read as a secret too.
 */
import * as pulumi from "@pulumi/pulumi";
import { FlameRunnerPod } from "../../../../src";
import { parentPod, seedTemplate } from "../../../fixtures/parent-pod";

const config = new pulumi.Config();
const runnerId =
  config.get("runnerId") === undefined ? undefined : config.requireSecret("runnerId");

const runner = new FlameRunnerPod("runner", {
  parentPod: parentPod(),
  template: seedTemplate(),
  encodedParent: config.requireSecret("encodedParent"),
  ...(runnerId === undefined ? {} : { runnerId }),
});

/** The runner pod's name. */
export const podName = runner.podName;
