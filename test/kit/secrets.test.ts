import assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { FlameRunnerPodError } from "../../src/errors";
import { FlameRunnerTemplate, type FlameRunnerTemplateArgs } from "../../src/kit";
import { registrations } from "../support/mocks";
import { displayed, drain, isSecretInput, known, rejection, settle } from "../support/outputs";
import { captureEachTest } from "../support/hooks";
import { installNamingMocks, phoenixPodTemplate } from "./support";

/** A secret; with upper case, so that it is not a valid name. */
const SECRET = "Hunter2-pa55word";

/**
 * The workload's pod template with `value` in it: its `RELEASE_NODE` built
 * from it (`<value>@$(NOPE)` for a reference to an undefined variable,
 * `<value>@$(POD_IP)` for a fine one), or its service account.
 */
function podTemplate(
  value: pulumi.Input<string>,
  where: "dead reference" | "valid reference" | "service account" | "image",
) {
  const template = phoenixPodTemplate();
  const spec = template.spec as {
    serviceAccountName?: pulumi.Input<string>;
    containers: {
      image?: pulumi.Input<string>;
      env: { name: string; value?: pulumi.Input<string> }[];
    }[];
  };
  if (where === "service account") {
    spec.serviceAccountName = value;
  } else if (where === "image") {
    spec.containers[0].image = pulumi.interpolate`registry.example/shop:${value}`;
  } else {
    const env = spec.containers[0].env;
    const ref = where === "dead reference" ? "NOPE" : "POD_IP";
    const at = env.findIndex((e) => e.name === "RELEASE_NODE");
    env[at] = { name: "RELEASE_NODE", value: pulumi.interpolate`${value}@$(${ref})` };
  }
  return template;
}

/** The arguments of a runner template of the `shop` Deployment. */
function args(extra: Partial<FlameRunnerTemplateArgs>): FlameRunnerTemplateArgs {
  return { podTemplate: phoenixPodTemplate(), workloadName: "shop", namespace: "shop", ...extra };
}

for (const backend of ["v0.3.3", "v0.7"] as const) {
  describe(`FlameRunnerTemplate (${backend}): no secret in a message (issue 22, item 1)`, () => {
    const captured = captureEachTest({ install: installNamingMocks, unhandled: true });

    /** The warnings about RELEASE_NODE. */
    async function deadReference(value: pulumi.Input<string>): Promise<string[]> {
      const runners = new FlameRunnerTemplate(
        "runners",
        args({ backend, podTemplate: podTemplate(value, "dead reference") }),
      );
      // A secret value that lands in the file is refused too (no secret in a
      // ConfigMap): the warnings are logged before that.
      await settle(runners.manifest).catch(() => undefined);
      return captured.logs.map((c) => c.message).filter((m) => m.includes("RELEASE_NODE="));
    }

    /** The error the outputs reject with. */
    async function ruleError(value: pulumi.Input<string>): Promise<FlameRunnerPodError> {
      const runners = new FlameRunnerTemplate(
        "runners",
        args({ backend, podTemplate: podTemplate(value, "service account") }),
      );
      const error = await rejection(settle(runners.manifest));
      const rules = error instanceof FlameRunnerPodError ? error : (error as Error).cause;
      assert.ok(rules instanceof FlameRunnerPodError, String(error));
      assert.equal((error as Error).message, rules.message);
      return rules;
    }

    it("dead reference: a secret value is [secret], the path and the rule stay", async () => {
      const warnings = await deadReference(pulumi.secret(SECRET));
      assert.match(
        warnings[0],
        /^parentPod\.spec\.containers\[0\]\.env\[\d+\]\.value: RELEASE_NODE=\[secret\] refers to \$\(NOPE\).*Define NOPE before RELEASE_NODE/,
      );
      for (const warning of warnings) assert.ok(!warning.includes("Hunter2"), warning);
    });

    it("dead reference: a plain value is shown", async () => {
      const [warning] = await deadReference(SECRET);
      assert.ok(warning.includes(`RELEASE_NODE="${SECRET}@$(NOPE)" refers to`), warning);
    });

    it("rule error: a secret value is [secret] in the message and the issues", async () => {
      const error = await ruleError(pulumi.secret(SECRET));
      const issue = error.issues.find((i) => i.path === "spec.serviceAccountName");
      assert.match(issue?.message ?? "", /^\[secret\] is not a valid service account name/);
      assert.ok(!error.message.includes("Hunter2"), error.message);
    });

    it("rule error: a plain value is shown", async () => {
      const error = await ruleError(SECRET);
      assert.ok(
        error.message.includes(`"${SECRET}" is not a valid service account`),
        error.message,
      );
    });
  });
}

describe("FlameRunnerTemplate: its outputs keep secrets secret (issue 22, item 3)", () => {
  captureEachTest({ install: installNamingMocks });

  for (const backend of ["v0.3.3", "v0.7"] as const) {
    it(`${backend}: a secret in the pod template makes templateJson, manifest and the ConfigMap's data secret`, async () => {
      // The image: the runner inherits it, and the file leaves it to the
      // backend (a secret that would land in the file is refused instead).
      const runners = new FlameRunnerTemplate(
        "runners",
        args({ backend, podTemplate: podTemplate(pulumi.secret(SECRET), "image") }),
      );
      const manifest = await known(runners.manifest);
      await drain();
      assert.ok(JSON.stringify(manifest).includes(SECRET), "the runner inherits the secret");
      assert.equal(await pulumi.isSecret(runners.manifest), true, "manifest");
      assert.equal(await pulumi.isSecret(runners.templateJson), true, "templateJson");
      assert.equal(await pulumi.isSecret(runners.parentPod), true, "parentPod");
      const configMap = registrations.find((r) => r.type === "kubernetes:core/v1:ConfigMap");
      assert.ok(configMap !== undefined && isSecretInput(configMap.inputs.data), "ConfigMap data");
      for (const r of registrations) {
        assert.ok(!displayed(r.inputs).includes("Hunter2"), `${r.type} shows the secret`);
      }
    });
  }

  it("without a secret, templateJson and the ConfigMap's data stay readable", async () => {
    const runners = new FlameRunnerTemplate("runners", args({}));
    await known(runners.manifest);
    await drain();
    assert.equal(await pulumi.isSecret(runners.templateJson), false);
    const configMap = registrations.find((r) => r.type === "kubernetes:core/v1:ConfigMap");
    assert.equal(isSecretInput(configMap?.inputs.data), false);
  });
});
