/**
 * Engine test program: the README's `encodedParent: config.requireSecret(...)`.
 * Config `runnerId`, when set, is read as a secret too; so is `password`.
 */
import * as pulumi from "@pulumi/pulumi";
import { FlameRunnerPod } from "../../../../src";
import { parentPod, seedTemplate } from "../../../fixtures/parent-pod";

const config = new pulumi.Config();
const runnerId =
  config.get("runnerId") === undefined ? undefined : config.requireSecret("runnerId");

// Config `password`, when set, is a secret env value the backend overwrites
// (PHX_SERVER) and the memory limit (not a quantity): issue 22.
const password =
  config.get("password") === undefined ? undefined : config.requireSecret("password");
const template =
  password === undefined
    ? seedTemplate()
    : {
        env: [{ name: "PHX_SERVER", value: password }],
        resources: { limits: { memory: password } },
      };

const runner = new FlameRunnerPod("runner", {
  parentPod: parentPod(),
  template,
  encodedParent: config.requireSecret("encodedParent"),
  ...(runnerId === undefined ? {} : { runnerId }),
});

/** The runner pod's name. */
export const podName = runner.podName;
