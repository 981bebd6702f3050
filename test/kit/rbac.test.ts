import assert from "node:assert/strict";
import { FlameRunnerPodError } from "../../src/errors";
import { FLAME_RBAC_TYPE, FlameRbac } from "../../src/kit";
import { registrations, registeredAfter } from "../support/mocks";
import { drain, known } from "../support/outputs";
import { installNamingMocks } from "./support";

const SA = "kubernetes:core/v1:ServiceAccount";
const ROLE = "kubernetes:rbac.authorization.k8s.io/v1:Role";
const BINDING = "kubernetes:rbac.authorization.k8s.io/v1:RoleBinding";

function inputsOf(type: string): Record<string, unknown> {
  const found = registrations.filter((r) => r.type === type);
  assert.equal(found.length, 1, `one ${type}`);
  return found[0].inputs;
}

describe("FlameRbac: a ServiceAccount, a Role on pods and the RoleBinding between them", () => {
  beforeEach(() => installNamingMocks());

  it("registers the component and its three children", async () => {
    const rbac = new FlameRbac("shop", { namespace: "shop" });
    assert.deepEqual(await registeredAfter(rbac.serviceAccountName), [
      [FLAME_RBAC_TYPE, "shop"],
      [SA, "shop"],
      [ROLE, "shop"],
      [BINDING, "shop"],
    ]);
  });

  it("names the account after the component by default and outputs its name", async () => {
    const rbac = new FlameRbac("shop", { namespace: "shop" });
    assert.equal(await known(rbac.serviceAccountName), "shop");
    await drain();
    assert.deepEqual(inputsOf(SA).metadata, { name: "shop", namespace: "shop" });
  });

  it("lets the backend create, get, list, watch, delete and patch pods, nothing else", async () => {
    const rbac = new FlameRbac("shop", { namespace: "shop" });
    await known(rbac.role.metadata);
    await drain();
    assert.deepEqual(inputsOf(ROLE).rules, [
      {
        apiGroups: [""],
        resources: ["pods"],
        verbs: ["create", "get", "list", "watch", "delete", "patch"],
      },
    ]);
  });

  it("with manageSecrets, grants the same verbs on secrets", async () => {
    const rbac = new FlameRbac("shop", { namespace: "shop", manageSecrets: true });
    await known(rbac.role.metadata);
    await drain();
    const [rule] = inputsOf(ROLE).rules as { resources: string[]; verbs: string[] }[];
    assert.deepEqual(rule.resources, ["pods", "secrets"]);
    assert.equal(rule.verbs.length, 6);
  });

  it("backend v0.3.3 (the default): nothing on secrets", async () => {
    for (const backend of [undefined, "v0.3.3" as const]) {
      installNamingMocks();
      const rbac = new FlameRbac("shop", { namespace: "shop", backend });
      await known(rbac.role.metadata);
      await drain();
      const rules = inputsOf(ROLE).rules as { resources: string[] }[];
      assert.deepEqual(
        rules.map((r) => r.resources),
        [["pods"]],
      );
    }
  });

  describe('backend "v0.7": the Role lets the backend manage the Secret it creates per runner', () => {
    const expected: [string, boolean][] = [
      ["create", true],
      ["get", true],
      ["list", true],
      ["delete", true],
      ["watch", false],
      ["patch", false],
      ["update", false],
    ];
    let secretVerbs: string[] = [];
    let podRule: unknown;
    before(async () => {
      installNamingMocks();
      const rbac = new FlameRbac("shop", { namespace: "shop", backend: "v0.7" });
      await known(rbac.role.metadata);
      await drain();
      const rules = inputsOf(ROLE).rules as {
        apiGroups: string[];
        resources: string[];
        verbs: string[];
      }[];
      podRule = rules[0];
      const secretRules = rules.filter((r) => r.resources.includes("secrets"));
      assert.equal(secretRules.length, 1);
      assert.deepEqual(secretRules[0].apiGroups, [""]);
      assert.deepEqual(secretRules[0].resources, ["secrets"]);
      secretVerbs = secretRules[0].verbs;
    });
    for (const [verb, granted] of expected) {
      it(`${granted ? "grants" : "does not grant"} ${verb} on secrets`, () => {
        assert.equal(secretVerbs.includes(verb), granted);
      });
    }
    it("grants exactly those four, and the pods rule stays as under v0.3.3", () => {
      assert.deepEqual(secretVerbs, ["create", "get", "list", "delete"]);
      assert.deepEqual(podRule, {
        apiGroups: [""],
        resources: ["pods"],
        verbs: ["create", "get", "list", "watch", "delete", "patch"],
      });
    });
  });

  it("an unknown backend is refused at args.backend, with a did-you-mean", () => {
    assert.throws(
      () => new FlameRbac("shop", { namespace: "shop", backend: "v0.8" as "v0.7" }),
      (e: unknown) =>
        e instanceof FlameRunnerPodError &&
        e.issues.length === 1 &&
        e.issues[0].path === "args.backend" &&
        e.issues[0].message.includes('"v0.7"'),
    );
  });

  it("binds the names the Role and the ServiceAccount report (their outputs)", async () => {
    const rbac = new FlameRbac("shop", {
      namespace: "shop",
      serviceAccountName: "shop-web",
    });
    await known(rbac.roleBinding.metadata);
    await drain();
    const binding = inputsOf(BINDING);
    const role = await known(rbac.role.metadata);
    const account = await known(rbac.serviceAccount!.metadata);
    assert.deepEqual(binding.roleRef, {
      apiGroup: "rbac.authorization.k8s.io",
      kind: "Role",
      name: role.name,
    });
    assert.deepEqual(binding.subjects, [
      { kind: "ServiceAccount", name: account.name, namespace: account.namespace },
    ]);
    assert.equal(account.name, "shop-web");
    assert.equal(role.name, "shop-flame");
    assert.deepEqual(binding.metadata, { name: "shop-flame", namespace: "shop" });
    assert.equal(await known(rbac.serviceAccountName), "shop-web");
  });

  it("with createServiceAccount false, binds the existing account and creates none", async () => {
    const rbac = new FlameRbac("shop", {
      namespace: "shop",
      serviceAccountName: "legacy",
      createServiceAccount: false,
    });
    await known(rbac.roleBinding.metadata);
    await drain();
    assert.equal(rbac.serviceAccount, undefined);
    assert.equal(registrations.filter((r) => r.type === SA).length, 0);
    assert.deepEqual(inputsOf(BINDING).subjects, [
      { kind: "ServiceAccount", name: "legacy", namespace: "shop" },
    ]);
    assert.equal(await known(rbac.serviceAccountName), "legacy");
  });
});

describe("FlameRbac: bad arguments", () => {
  beforeEach(() => installNamingMocks());

  function issuesOf(fn: () => unknown): string[] {
    try {
      fn();
    } catch (error) {
      assert.ok(error instanceof FlameRunnerPodError);
      assert.match(error.message, /^FlameRbac "/);
      return error.issues.map((i) => i.path);
    }
    throw new Error("nothing thrown");
  }

  it("needs a namespace", () => {
    assert.deepEqual(
      issuesOf(() => new FlameRbac("shop", {} as never)),
      ["args.namespace"],
    );
  });

  it("needs the existing account's name when it creates none", () => {
    assert.deepEqual(
      issuesOf(() => new FlameRbac("shop", { namespace: "shop", createServiceAccount: false })),
      ["args.serviceAccountName"],
    );
  });

  it("needs a component name that can name Kubernetes objects", () => {
    assert.deepEqual(
      issuesOf(() => new FlameRbac("My Shop", { namespace: "shop" })),
      ["name"],
    );
  });
});
