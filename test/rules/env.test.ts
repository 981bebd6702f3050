/**
 * The env rules: predefined variables and their order, removed names, one
 * entry per name, and the `$(VAR)` warning.
 */
import assert from "node:assert/strict";
import { envReferences } from "../../src/rules";
import type { EnvVar } from "../../src/types";
import { ENCODED_PARENT, RUNNER_NAME_PREFIX, parentPod } from "../fixtures/parent-pod";
import { RUNNER_ID, codePaths, run } from "./support";

const NAME = `${RUNNER_NAME_PREFIX}${RUNNER_ID}`;
const HEAD = [
  `POD_NAME=${NAME}`,
  "POD_NAMESPACE=production",
  "PHX_SERVER=false",
  `FLAME_PARENT=${ENCODED_PARENT}`,
];

/** A callback whose runner container has exactly this env (and no envFrom). */
const withEnv = (env: EnvVar[]) => () => ({ spec: { containers: [{ env }] } });

describe("env: the predefined variables come first, in this order", () => {
  it("puts POD_NAME, POD_NAMESPACE, PHX_SERVER=false, FLAME_PARENT at the head, for a template", () => {
    assert.deepEqual(run(parentPod(), { env: [{ name: "A", value: "1" }] }).envLines.slice(0, 5), [
      ...HEAD,
      "A=1",
    ]);
  });

  it("puts them at the head for a callback too, before the callback's own env", () => {
    assert.deepEqual(run(parentPod(), withEnv([{ name: "A", value: "1" }])).envLines, [
      ...HEAD,
      "A=1",
    ]);
  });

  it("sets FLAME_PARENT to the encoded parent and POD_NAME to metadata.name", () => {
    const { manifest, env } = run(parentPod(), {}, {}, "other-encoded-parent");
    assert.deepEqual(env[3], { name: "FLAME_PARENT", value: "other-encoded-parent" });
    assert.equal(env[0].value, manifest.metadata!.name);
  });
});

describe("env: PHX_SERVER, FLAME_BACKEND, POD_NAME, POD_NAMESPACE and FLAME_PARENT are removed from the rest", () => {
  const reserved: EnvVar[] = [
    { name: "PHX_SERVER", value: "true" },
    { name: "FLAME_BACKEND", value: "FLAMEK8sBackend" },
    { name: "POD_NAME", valueFrom: { fieldRef: { fieldPath: "metadata.name" } } },
    { name: "POD_NAMESPACE", value: "elsewhere" },
    { name: "FLAME_PARENT", value: "stale" },
    { name: "KEEP", value: "1" },
  ];

  it("removes them from the parent's env without warning (the parent's own config)", () => {
    const parent = parentPod();
    parent.spec!.containers[0].env = reserved;
    const { envLines, warnings } = run(parent, {});
    assert.deepEqual(envLines, [...HEAD, "KEEP=1"]);
    // Only the parent check speaks: this parent has no clustering variables.
    assert.deepEqual(
      warnings.filter((w) => !w.startsWith("parentPod.spec.containers[0].env: ")),
      [],
    );
    assert.equal(warnings.length, 1, warnings.join("\n"));
    assert.match(
      warnings[0],
      /^parentPod\.spec\.containers\[0\]\.env: the app container "myapp" has no POD_IP,/,
    );
  });

  it("(better) removes a second FLAME_PARENT, so the runner calls the right parent (v0.3.3 let it win)", () => {
    const parent = parentPod();
    parent.spec!.containers[0].env = [{ name: "FLAME_PARENT", value: "stale" }];
    const { env } = run(parent, {});
    assert.deepEqual(
      env.filter((e) => e.name === "FLAME_PARENT"),
      [{ name: "FLAME_PARENT", value: ENCODED_PARENT }],
    );
  });

  it("removes them from a template's env and warns for each one that differs", () => {
    const { envLines, issues } = run(parentPod(), { env: reserved, addParentEnv: false });
    assert.deepEqual(envLines, [...HEAD, "KEEP=1"]);
    assert.deepEqual(codePaths(issues), [
      "env-overwritten template.env[0]",
      "env-removed template.env[1]",
      "env-overwritten template.env[2]",
      "env-overwritten template.env[3]",
      "env-overwritten template.env[4]",
    ]);
    assert.deepEqual(
      issues.map((i) => i.message),
      [
        'PHX_SERVER="true" is overwritten with "false" (the backend controls PHX_SERVER)',
        'FLAME_BACKEND="FLAMEK8sBackend" is removed (the backend never passes FLAME_BACKEND to a runner)',
        `POD_NAME (valueFrom) is overwritten with "${NAME}" (the backend controls POD_NAME)`,
        'POD_NAMESPACE="elsewhere" is overwritten with "production" (the backend controls POD_NAMESPACE)',
        `FLAME_PARENT="stale" is overwritten with "${ENCODED_PARENT}" (the backend controls FLAME_PARENT)`,
      ],
    );
  });

  it("removes them from a callback's env and warns with the callback's path", () => {
    const { envLines, issues } = run(
      parentPod(),
      withEnv([
        { name: "X", value: "1" },
        { name: "PHX_SERVER", value: "true" },
      ]),
    );
    assert.deepEqual(envLines, [...HEAD, "X=1"]);
    assert.deepEqual(codePaths(issues), ["env-overwritten callback.spec.containers[0].env[1]"]);
    assert.match(issues[0].message, /^PHX_SERVER="true" is overwritten with "false"/);
  });

  it("does not warn when the template sets the very value the backend sets", () => {
    assert.deepEqual(
      run(parentPod(), { env: [{ name: "PHX_SERVER", value: "false" }] }).warnings,
      [],
    );
  });
});

describe("env: exactly one entry per name, the last definition wins", () => {
  it("keeps the last of a callback's duplicate entries, at its place", () => {
    const { envLines } = run(
      parentPod(),
      withEnv([
        { name: "A", value: "1" },
        { name: "B", value: "2" },
        { name: "A", value: "3" },
      ]),
    );
    assert.deepEqual(envLines, [...HEAD, "B=2", "A=3"]);
  });

  it("keeps the last of a template's duplicates and drops the parent's entry of that name", () => {
    const { env } = run(parentPod(), {
      env: [
        { name: "FOO", value: "first" },
        { name: "FOO", value: "second" },
      ],
    });
    assert.deepEqual(
      env.filter((e) => e.name === "FOO"),
      [{ name: "FOO", value: "second" }],
    );
  });

  it("keeps the last of the parent's own duplicates", () => {
    const parent = parentPod();
    parent.spec!.containers[0].env = [
      { name: "X", value: "old" },
      { name: "X", value: "new" },
    ];
    assert.deepEqual(run(parent, {}).envLines, [...HEAD, "X=new"]);
  });
});

describe("env: $(VAR) references that Kubernetes never expands are warned about", () => {
  it("warns for a reference to a variable defined only later in the list", () => {
    const { issues } = run(parentPod(), {
      env: [{ name: "URL", value: "http://$(POD_IP):4000" }],
    });
    assert.deepEqual(codePaths(issues), [
      "env-reference-unexpanded spec.containers[0].env[4].value",
    ]);
    assert.match(issues[0].message, /^URL=.* refers to \$\(POD_IP\), which is defined only later/);
  });

  it("does not warn for the parent's RELEASE_NODE=myapp@$(POD_IP), since POD_IP comes before it", () => {
    assert.deepEqual(run(parentPod(), {}).warnings, []);
  });

  it("does not warn for references to the predefined variables", () => {
    assert.deepEqual(
      run(parentPod(), withEnv([{ name: "N", value: "$(POD_NAME).$(POD_NAMESPACE)" }])).warnings,
      [],
    );
  });

  it("warns for an undefined name when the container has no envFrom", () => {
    const { issues } = run(parentPod(), withEnv([{ name: "X", value: "$(NOWHERE)" }]));
    assert.deepEqual(codePaths(issues), [
      "env-reference-unexpanded spec.containers[0].env[4].value",
    ]);
    assert.match(
      issues[0].message,
      /refers to \$\(NOWHERE\), which is not defined in the runner's env/,
    );
  });

  it("does not warn for an undefined name when envFrom may define it", () => {
    const { warnings } = run(parentPod(), () => ({
      spec: {
        containers: [
          {
            env: [{ name: "X", value: "$(FROM_CONFIG)" }],
            envFrom: [{ configMapRef: { name: "c" } }],
          },
        ],
      },
    }));
    assert.deepEqual(warnings, []);
  });

  it("still warns with envFrom when the name is defined later in the list", () => {
    const { warnings } = run(parentPod(), () => ({
      spec: {
        containers: [
          {
            env: [
              { name: "X", value: "$(Y)" },
              { name: "Y", value: "y" },
            ],
            envFrom: [{ configMapRef: { name: "c" } }],
          },
        ],
      },
    }));
    assert.equal(warnings.length, 1);
    assert.match(warnings[0], /defined only later.* \[env-reference-unexpanded\]$/);
  });

  it("does not warn for service link variables while service links are on, and warns when they are off", () => {
    const env = [{ name: "DB", value: "$(POSTGRES_SERVICE_HOST):$(POSTGRES_SERVICE_PORT)" }];
    assert.deepEqual(run(parentPod(), withEnv(env)).warnings, []);
    const off = run(parentPod(), () => ({
      spec: { enableServiceLinks: false, containers: [{ env }] },
    }));
    assert.deepEqual(codePaths(off.issues), [
      "env-reference-unexpanded spec.containers[0].env[4].value",
      "env-reference-unexpanded spec.containers[0].env[4].value",
    ]);
  });

  it("does not warn for $$(VAR), the escaped literal", () => {
    assert.deepEqual(run(parentPod(), withEnv([{ name: "X", value: "$$(NOWHERE)" }])).warnings, []);
  });

  it("ignores valueFrom entries (Kubernetes expands only value)", () => {
    const { warnings } = run(
      parentPod(),
      withEnv([{ name: "X", valueFrom: { fieldRef: { fieldPath: "metadata.labels['$(A)']" } } }]),
    );
    assert.deepEqual(warnings, []);
  });
});

describe("envReferences: reads $(NAME) as Kubernetes does", () => {
  it("finds each reference in order", () => {
    assert.deepEqual(envReferences("a$(B)c$(D)"), ["B", "D"]);
  });
  it("treats $$ as an escaped $", () => {
    assert.deepEqual(envReferences("$$(A) $$$(B)"), ["B"]);
  });
  it("treats $( without ) as literal text, and $x as literal", () => {
    assert.deepEqual(envReferences("$(A"), []);
    assert.deepEqual(envReferences("$A $(B)"), ["B"]);
  });
  it("ignores $() and a trailing $", () => {
    assert.deepEqual(envReferences("$() $"), []);
  });
});
