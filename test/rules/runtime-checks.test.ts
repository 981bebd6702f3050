/**
 * The FLAME runtime checks (docs/rules.md, "Warning: FLAME runtime checks"):
 * for each, the failing case, the fixed case, and FLAME-ready cases that get
 * no warning at all, under both profiles.
 */
import assert from "node:assert/strict";
import { flameParentEnv } from "../../src/kit/parent-env";
import {
  defaultImagePullPolicy,
  RUNTIME_CHECK_CODES,
  RUNTIME_CHECKS,
  runtimeWarnings,
  selectorMatches,
} from "../../src/rules/runtime-checks";
import type { Container, EnvVar, PodManifest, RunnerPodOptions } from "../../src/types";
import { parentPod } from "../fixtures/parent-pod";
import { deepFreeze, run, type LooseCallback } from "./support";

const COOKIE: EnvVar = {
  name: "RELEASE_COOKIE",
  valueFrom: { secretKeyRef: { name: "myapp-secrets", key: "release-cookie" } },
};

/**
 * A FLAME-ready parent: `flameParentEnv()` first, the app's own env, the
 * cookie, a service account (the fixture's), with `extra` laid over the app
 * container.
 */
function readyParent(extra: Partial<Container> = {}): PodManifest {
  const parent = parentPod();
  const app = parent.spec!.containers[0];
  app.env = [
    ...(flameParentEnv("myapp") as EnvVar[]),
    { name: "PHX_HOST", value: "myapp.example.com" },
    COOKIE,
  ];
  delete app.envFrom;
  Object.assign(app, extra);
  return parent;
}

/** A callback that keeps the app container's env less the backend's own names. */
const keepsAppEnv: LooseCallback = (_parent, app) => ({
  spec: {
    containers: [
      {
        env: (app.env ?? []).filter(
          (e) => !["POD_NAME", "POD_NAMESPACE", "PHX_SERVER", "FLAME_PARENT"].includes(e.name),
        ),
      },
    ],
  },
});

/** The codes and paths of the runtime warnings of one run. */
function runtimeOf(
  parent: PodManifest,
  template?: Parameters<typeof run>[1],
  options: RunnerPodOptions = {},
): string[] {
  return run(parent, template, options).runtime.map((w) => `${w.code} ${w.path}`);
}

const V07: RunnerPodOptions = { backend: "v0.7", runnerId: "bcdfg" };

describe("Warning: FLAME runtime checks: a FLAME-ready parent gets no warning", () => {
  const cases: [string, () => string[]][] = [
    ["the empty template (v0.3.3)", () => runtimeOf(readyParent())],
    ["a template object with resources", () => runtimeOf(readyParent(), { resources: {} })],
    ["a callback that keeps the app env", () => runtimeOf(readyParent(), keepsAppEnv)],
    ["the empty manifest (v0.7)", () => runtimeOf(readyParent(), undefined, V07)],
    ["a v0.7 callback that keeps the app env", () => runtimeOf(readyParent(), keepsAppEnv, V07)],
    ["the fixture's parent with its envFrom", () => runtimeOf(parentPod())],
    [
      "with the Deployment's selector known",
      () => runtimeOf(readyParent(), {}, { workloadSelector: { matchLabels: { app: "myapp" } } }),
    ],
  ];
  for (const [name, warnings] of cases) it(name, () => assert.deepEqual(warnings(), []));

  it("the checks run in the order of the codes table", () => {
    assert.deepEqual(
      RUNTIME_CHECKS.map((c) => c.code),
      [...RUNTIME_CHECK_CODES],
    );
  });

  it("reads the inputs without changing them", () => {
    const parent = deepFreeze(readyParent({ imagePullPolicy: "Always" }));
    const runner = deepFreeze(run(readyParent()).manifest);
    const app = parent.spec!.containers[0];
    assert.equal(
      runtimeWarnings({ parentPod: parent, appContainer: app, runner, backend: "v0.3.3" }).length,
      1,
    );
  });

  it("gives onWarning the issue's line and the issue as a second argument", () => {
    const calls: unknown[][] = [];
    run(readyParent(), () => ({}), {
      onWarning: (...args: unknown[]) => void calls.push(args),
    } as RunnerPodOptions);
    const call = calls.find((c) => (c[1] as { code?: string })?.code === "runner-cannot-cluster");
    assert.ok(call, JSON.stringify(calls));
    const issue = call[1] as { code: string; path: string; message: string };
    assert.equal(call[0], `${issue.path}: ${issue.message} [runner-cannot-cluster]`);
  });
});

describe("Warning: runner-cannot-cluster", () => {
  it("warns for a callback that returns env: [] (the runner lacks RELEASE_DISTRIBUTION and RELEASE_NODE)", () => {
    const { runtime } = run(readyParent(), () => ({ spec: { containers: [{ env: [] }] } }));
    assert.deepEqual(
      runtime.map((w) => [w.code, w.path]),
      [
        ["runner-cannot-cluster", "spec.containers[0].env"],
        ["release-cookie-missing", "spec.containers[0].env"],
      ],
    );
    assert.match(runtime[0].message, /RELEASE_DISTRIBUTION and RELEASE_NODE/);
    assert.match(runtime[0].message, /flameParentEnv/);
  });

  it("warns for addParentEnv: false", () => {
    assert.deepEqual(runtimeOf(readyParent(), { addParentEnv: false }), [
      "runner-cannot-cluster spec.containers[0].env",
      "release-cookie-missing spec.containers[0].env",
    ]);
  });

  it("does not warn when the parent sets neither (the release decides)", () => {
    const parent = readyParent();
    parent.spec!.containers[0].env = [COOKIE];
    assert.deepEqual(
      runtimeOf(parent, () => ({ spec: { containers: [{ env: [COOKIE] }] } })),
      [],
    );
  });

  const node =
    (value: string, before: EnvVar[] = [], after: EnvVar[] = []): LooseCallback =>
    () => ({
      spec: {
        containers: [
          {
            env: [
              ...before,
              { name: "RELEASE_DISTRIBUTION", value: "name" },
              { name: "RELEASE_NODE", value },
              COOKIE,
              ...after,
            ],
          },
        ],
      },
    });
  const podIp: EnvVar = { name: "POD_IP", valueFrom: { fieldRef: { fieldPath: "status.podIP" } } };
  const table: [string, LooseCallback, boolean][] = [
    ["a constant RELEASE_NODE", node("myapp@runner"), true],
    ["$(POD_IP) defined only after RELEASE_NODE", node("myapp@$(POD_IP)", [], [podIp]), true],
    ["$(POD_IP) defined nowhere", node("myapp@$(POD_IP)"), true],
    ["$(POD_IP) defined before it (fixed)", node("myapp@$(POD_IP)", [podIp]), false],
    ["$(POD_NAME), the runner's name under v0.3.3", node("myapp@$(POD_NAME)"), false],
    ["$$(POD_IP), an escaped literal", node("myapp@$$(POD_IP)", [podIp]), true],
    [
      "a variable from a ConfigMap",
      node("myapp@$(HOST)", [
        { name: "HOST", valueFrom: { configMapKeyRef: { name: "c", key: "host" } } },
      ]),
      true,
    ],
    [
      "a variable that itself refers to $(POD_IP)",
      node("myapp@$(HOST)", [podIp, { name: "HOST", value: "$(POD_IP)" }]),
      false,
    ],
  ];
  for (const [name, callback, warns] of table) {
    it(`${warns ? "warns" : "does not warn"} for ${name}`, () => {
      const { runtime, env } = run(readyParent(), callback);
      const at = env.findIndex((e) => e.name === "RELEASE_NODE");
      assert.deepEqual(
        runtime.map((w) => `${w.code} ${w.path}`),
        warns ? [`runner-cannot-cluster spec.containers[0].env[${at}]`] : [],
      );
    });
  }

  it("under v0.7, warns when the manifest's RELEASE_NODE is constant, not for the default", () => {
    assert.deepEqual(runtimeOf(readyParent(), undefined, V07), []);
    const manifest = { spec: { containers: [{ env: [{ name: "RELEASE_NODE", value: "a@b" }] }] } };
    assert.deepEqual(runtimeOf(readyParent(), manifest as never, V07), [
      "runner-cannot-cluster spec.containers[0].env[5]",
    ]);
  });
});

describe("Warning: release-cookie-missing", () => {
  const noCookie: LooseCallback = (_p, app) => ({
    spec: {
      containers: [{ env: (app.env ?? []).filter((e) => e.name !== "RELEASE_COOKIE") }],
    },
  });

  it("warns when the runner has no RELEASE_COOKIE and no envFrom", () => {
    assert.deepEqual(runtimeOf(readyParent(), noCookie), [
      "release-cookie-missing spec.containers[0].env",
    ]);
  });

  it("does not warn when an envFrom might bring it", () => {
    const withEnvFrom: LooseCallback = (p, app) => {
      const m = noCookie(p, app) as PodManifest;
      m.spec!.containers[0].envFrom = [{ secretRef: { name: "myapp-env" } }];
      return m;
    };
    assert.deepEqual(runtimeOf(readyParent(), withEnvFrom), []);
  });

  it("does not warn when the parent has no RELEASE_COOKIE", () => {
    const parent = readyParent();
    parent.spec!.containers[0].env = flameParentEnv("myapp") as EnvVar[];
    assert.deepEqual(runtimeOf(parent, noCookie), []);
  });

  it("under v0.7, FLAME adds the cookie at run time: no warning for the pure function", () => {
    assert.deepEqual(runtimeOf(readyParent(), undefined, V07), []);
  });

  it("under v0.7, a runner created as is warns without the cookie in its Secret", () => {
    const parent = readyParent();
    const input = (cookieInSecret: boolean) => ({
      parentPod: parent,
      appContainer: parent.spec!.containers[0],
      runner: run(parent, undefined, { ...V07, secretEnv: {} }).manifest,
      backend: "v0.7" as const,
      createdAsIs: { cookieInSecret },
    });
    assert.deepEqual(
      runtimeWarnings(input(false)).map((w) => `${w.code} ${w.path}`),
      ["release-cookie-missing spec.containers[0].env"],
    );
    assert.match(runtimeWarnings(input(false))[0].message, /releaseCookie/);
    assert.deepEqual(runtimeWarnings(input(true)), []);
  });
});

describe("Warning: image-pull-secrets-dropped", () => {
  const withSecrets = () => {
    const parent = readyParent();
    parent.spec!.imagePullSecrets = [{ name: "ghcr" }, { name: "quay" }];
    return parent;
  };

  it("warns for a template object, naming the secrets", () => {
    const { runtime } = run(withSecrets(), { resources: {} });
    assert.deepEqual(
      runtime.map((w) => `${w.code} ${w.path}`),
      ["image-pull-secrets-dropped spec.imagePullSecrets"],
    );
    assert.match(runtime[0].message, /"ghcr", "quay"/);
    assert.match(runtime[0].message, /callback/);
  });

  it("warns under v0.7 for a manifest without them", () => {
    assert.deepEqual(runtimeOf(withSecrets(), undefined, V07), [
      "image-pull-secrets-dropped spec.imagePullSecrets",
    ]);
  });

  it("does not warn for a callback that keeps them (fixed)", () => {
    const keeps: LooseCallback = (p, app) => {
      const m = keepsAppEnv(p, app) as PodManifest;
      m.spec!.imagePullSecrets = p.spec!.imagePullSecrets;
      return m;
    };
    assert.deepEqual(runtimeOf(withSecrets(), keeps), []);
  });
});

describe("Warning: image-pull-policy-changed", () => {
  it("warns for flame_k8s_backend issue #50: :latest with IfNotPresent on the parent", () => {
    const { runtime } = run(
      readyParent({ image: "flame_test:latest", imagePullPolicy: "IfNotPresent" }),
    );
    assert.deepEqual(
      runtime.map((w) => `${w.code} ${w.path}`),
      ["image-pull-policy-changed spec.containers[0].imagePullPolicy"],
    );
    assert.match(runtime[0].message, /gives it Always/);
  });

  it("does not warn when the default is the parent's policy", () => {
    assert.deepEqual(runtimeOf(readyParent({ imagePullPolicy: "IfNotPresent" })), []);
    assert.deepEqual(
      runtimeOf(readyParent({ image: "app:latest", imagePullPolicy: "Always" })),
      [],
    );
  });

  it("does not warn for a callback that sets the parent's policy (fixed)", () => {
    const keeps: LooseCallback = (p, app) => {
      const m = keepsAppEnv(p, app) as PodManifest;
      m.spec!.containers[0].imagePullPolicy = app.imagePullPolicy;
      return m;
    };
    const parent = readyParent({ image: "flame_test:latest", imagePullPolicy: "IfNotPresent" });
    assert.deepEqual(runtimeOf(parent, keeps), []);
  });

  it("warns for Never on the parent", () => {
    assert.deepEqual(runtimeOf(readyParent({ imagePullPolicy: "Never" })), [
      "image-pull-policy-changed spec.containers[0].imagePullPolicy",
    ]);
  });

  const defaults: [string, string][] = [
    ["app", "Always"],
    ["app:latest", "Always"],
    ["ghcr.io/acme/app:latest", "Always"],
    ["registry:5000/app", "Always"],
    ["registry:5000/app:1.0", "IfNotPresent"],
    ["app:1.4.2", "IfNotPresent"],
    ["app@sha256:4f1e", "IfNotPresent"],
    ["app:latest@sha256:4f1e", "Always"],
    ["app:latest-1", "IfNotPresent"],
  ];
  for (const [image, policy] of defaults) {
    it(`the API server's default for ${image} is ${policy}`, () =>
      assert.equal(defaultImagePullPolicy(image), policy));
  }
});

describe("Warning: controller-adopts-runner", () => {
  const copiesLabels: LooseCallback = (p, app) => {
    const m = keepsAppEnv(p, app) as PodManifest;
    m.metadata = { labels: { ...p.metadata!.labels } };
    return m;
  };

  it("warns for a callback that copies the parent's pod-template-hash", () => {
    const { runtime } = run(readyParent(), copiesLabels);
    assert.deepEqual(
      runtime.map((w) => `${w.code} ${w.path}`),
      ["controller-adopts-runner metadata.labels.pod-template-hash"],
    );
    assert.match(runtime[0].message, /ReplicaSet/);
  });

  it("warns for a StatefulSet's controller-revision-hash", () => {
    const parent = readyParent();
    parent.metadata!.labels = { app: "myapp", "controller-revision-hash": "myapp-5d8f" };
    assert.deepEqual(runtimeOf(parent, copiesLabels), [
      "controller-adopts-runner metadata.labels.controller-revision-hash",
    ]);
  });

  it("does not warn for a callback that drops the hash (fixed), without the selector", () => {
    const dropsHash: LooseCallback = (p, app) => {
      const m = copiesLabels(p, app) as PodManifest;
      delete m.metadata!.labels!["pod-template-hash"];
      return m;
    };
    assert.deepEqual(runtimeOf(readyParent(), dropsHash), []);
    assert.deepEqual(
      runtimeOf(readyParent(), dropsHash, {
        workloadSelector: { matchLabels: { app: "acme-invoicing-phoenix-web" } },
      }),
      ["controller-adopts-runner metadata.labels"],
    );
  });

  it("under v0.7 too", () => {
    const manifest = { metadata: { labels: { "pod-template-hash": "7d9c8b6f5d" } } };
    assert.deepEqual(runtimeOf(readyParent(), manifest as never, V07), [
      "controller-adopts-runner metadata.labels.pod-template-hash",
    ]);
  });

  it("spares a runner created as is with the parent as its controller", () => {
    const parent = readyParent();
    const runner = run(parent, copiesLabels).manifest;
    const input = {
      parentPod: parent,
      appContainer: parent.spec!.containers[0],
      runner,
      backend: "v0.3.3" as const,
      createdAsIs: { cookieInSecret: false },
    };
    assert.deepEqual(runtimeWarnings(input), []);
    const orphan = { ...runner, metadata: { ...runner.metadata, ownerReferences: undefined } };
    assert.equal(
      runtimeWarnings({ ...input, runner: orphan })[0]?.code,
      "controller-adopts-runner",
    );
  });

  const labels = { app: "web", tier: "front" };
  const selectors: [string, Parameters<typeof selectorMatches>[0], boolean][] = [
    ["matchLabels equal", { matchLabels: { app: "web" } }, true],
    ["matchLabels differ", { matchLabels: { app: "api" } }, false],
    ["matchLabels on a missing key", { matchLabels: { team: "x" } }, false],
    ["In", { matchExpressions: [{ key: "tier", operator: "In", values: ["front"] }] }, true],
    [
      "In, not in values",
      { matchExpressions: [{ key: "tier", operator: "In", values: ["back"] }] },
      false,
    ],
    ["NotIn", { matchExpressions: [{ key: "tier", operator: "NotIn", values: ["back"] }] }, true],
    [
      "NotIn, in values",
      { matchExpressions: [{ key: "tier", operator: "NotIn", values: ["front"] }] },
      false,
    ],
    [
      "NotIn, missing key",
      { matchExpressions: [{ key: "x", operator: "NotIn", values: ["a"] }] },
      true,
    ],
    ["Exists", { matchExpressions: [{ key: "tier", operator: "Exists" }] }, true],
    ["Exists, missing key", { matchExpressions: [{ key: "x", operator: "Exists" }] }, false],
    ["DoesNotExist", { matchExpressions: [{ key: "x", operator: "DoesNotExist" }] }, true],
    [
      "DoesNotExist, present key",
      { matchExpressions: [{ key: "app", operator: "DoesNotExist" }] },
      false,
    ],
    [
      "matchLabels and an expression, both required",
      { matchLabels: { app: "web" }, matchExpressions: [{ key: "x", operator: "Exists" }] },
      false,
    ],
    ["the empty selector (a workload refuses one)", {}, false],
  ];
  for (const [name, selector, matches] of selectors) {
    it(`selector: ${name} ${matches ? "matches" : "does not match"}`, () =>
      assert.equal(selectorMatches(selector, labels), matches));
  }
});

describe("Warning: ipv6-distribution-dropped", () => {
  const ipv6: EnvVar = { name: "ERL_AFLAGS", value: "-proto_dist inet6_tcp" };

  it("warns when the runner drops the parent's -proto_dist inet6_tcp", () => {
    const parent = readyParent();
    parent.spec!.containers[0].env!.push(ipv6);
    const { runtime } = run(parent, {
      addParentEnv: false,
      env: [...(flameParentEnv("myapp") as EnvVar[]), COOKIE],
    });
    assert.deepEqual(
      runtime.map((w) => `${w.code} ${w.path}`),
      ["ipv6-distribution-dropped spec.containers[0].env"],
    );
    assert.match(runtime[0].message, /ERL_AFLAGS/);
  });

  for (const name of ["ERL_AFLAGS", "ERL_FLAGS", "ELIXIR_ERL_OPTIONS"]) {
    it(`reads the parent's ${name}; no warning when the runner keeps it (fixed)`, () => {
      const parent = readyParent();
      parent.spec!.containers[0].env!.push({ name, value: "-proto_dist inet6_tcp" });
      assert.deepEqual(runtimeOf(parent), []);
      assert.deepEqual(runtimeOf(parent, undefined, V07), [
        "ipv6-distribution-dropped spec.containers[0].env",
      ]);
    });
  }
});
