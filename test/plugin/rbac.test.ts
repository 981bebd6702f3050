import assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { installMocks, registrations } from "../support/mocks";
import { known } from "../support/outputs";
import { pluginProvider } from "./provider";
import { overTheWire } from "./wire";

const TOKEN = "flame-k8s:index:FlameRbac";

describe("plugin: construct() declares FlameRbac for a program in another language", function () {
  // The first construct builds the schema (the host compiles the plugin).
  this.timeout(180_000);
  before(() => pluginProvider().getSchema());
  beforeEach(() => installMocks());

  it("declares the ServiceAccount, the Role and the RoleBinding, and outputs the account's name", async () => {
    const received = await overTheWire({ namespace: "shop", manageSecrets: true });
    const result = await pluginProvider().construct("shop", TOKEN, received, {});
    const state = result.state as {
      serviceAccountName: pulumi.Output<string>;
      roleBinding: pulumi.CustomResource;
    };
    assert.equal(await known(state.serviceAccountName), "shop");
    await known(state.roleBinding.urn);

    const types = registrations.map((r) => r.type).sort();
    assert.deepEqual(types, [
      "flame-k8s:index:FlameRbac",
      "kubernetes:core/v1:ServiceAccount",
      "kubernetes:rbac.authorization.k8s.io/v1:Role",
      "kubernetes:rbac.authorization.k8s.io/v1:RoleBinding",
    ]);
    const role = registrations.find((r) => r.type.endsWith(":Role"))!;
    const rules = role.inputs.rules as { resources: string[] }[];
    assert.deepEqual(
      rules
        .map((r) => r.resources)
        .flat()
        .sort(),
      ["pods", "secrets"],
    );
  });
});
