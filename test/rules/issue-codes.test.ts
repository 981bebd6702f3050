/**
 * Issue codes as the caller meets them: `onWarning`'s second argument, the
 * line it gets first, the error's message, and validation's codes.
 */
import assert from "node:assert/strict";
import { FlameRunnerPodError, type RunnerPodIssue } from "../../src/errors";
import { ISSUE_CODES } from "../../src/issues/codes";
import { formatIssue } from "../../src/issues/issue";
import { FieldPath } from "../../src/issues/path";
import { runnerPodManifest } from "../../src/rules";
import { validatePodManifest } from "../../src/validation";
import { ENCODED_PARENT, parentPod } from "../fixtures/parent-pod";
import { podWith } from "../validation/support";
import { RUNNER_ID, codePaths, errorOf, run } from "./support";

const KNOWN = new Set<string>(ISSUE_CODES.map((e) => e.code));

describe("issue codes: onWarning gets the line and the issue", () => {
  it("gets the issue { code, path, message } second, and its line path: message [code] first", () => {
    const calls: [string, RunnerPodIssue][] = [];
    runnerPodManifest(
      parentPod(),
      { env: [{ name: "PHX_SERVER", value: "true" }] },
      ENCODED_PARENT,
      {
        runnerId: RUNNER_ID,
        onWarning: (line, issue) => calls.push([line, issue]),
      },
    );
    assert.equal(calls.length, 1);
    const [line, issue] = calls[0];
    assert.deepEqual(Object.keys(issue).sort(), ["code", "message", "path"]);
    assert.equal(issue.code, "env-overwritten");
    assert.equal(issue.path, "template.env[0]");
    assert.equal(line, `template.env[0]: ${issue.message} [env-overwritten]`);
  });

  it("gets each warning once: the same code, path and message twice is one warning", () => {
    const { issues } = run(parentPod(), {
      env: [
        { name: "X", value: "$(LATER)-$(LATER)" },
        { name: "LATER", value: "1" },
      ],
      addParentEnv: false,
    });
    const unexpanded = issues.filter((i) => i.code === "env-reference-unexpanded");
    assert.equal(unexpanded.length, 1);
  });

  it("gives every warning a code of the table", () => {
    const parent = parentPod();
    parent.spec!.containers.unshift({ name: "istio-proxy", image: "istio/proxyv2:1" });
    const { issues } = run(parent, () => ({
      apiVersion: "apps/v1",
      spec: { restartPolicy: "Always", containers: [{ env: [{ name: "A", value: "$(NOPE)" }] }] },
    }));
    assert.ok(issues.length >= 3, codePaths(issues).join("\n"));
    for (const issue of issues) assert.ok(KNOWN.has(issue.code), issue.code);
  });
});

describe("issue codes: the error's message shows each issue as path: message [code]", () => {
  it("one issue: context, then its line", () => {
    const error = errorOf(() =>
      runnerPodManifest(parentPod(), { env: "x" } as never, ENCODED_PARENT, {
        runnerId: RUNNER_ID,
      }),
    );
    assert.deepEqual(codePaths(error.issues), ["env-entry-invalid template.env"]);
    assert.equal(error.message, `runner pod: ${formatIssue(error.issues[0])}`);
    assert.match(error.message, / \[env-entry-invalid\]$/);
  });

  it("several issues: one line each, with its code", () => {
    const error = new FlameRunnerPodError([
      { code: "required", path: "spec", message: "is required" },
      { code: "unknown-field", path: "specs", message: 'unknown field "specs"' },
    ]);
    assert.equal(
      error.message,
      'runner pod: 2 problems:\n  - spec: is required [required]\n  - specs: unknown field "specs" [unknown-field]',
    );
  });

  it("every error of bad input carries a code of the table", () => {
    const error = errorOf(() =>
      runnerPodManifest(
        { metadata: {}, spec: { containers: [{ name: "app" }] } },
        { env: [{ value: "x" }], resourcs: {} } as never,
        "",
        { runnerId: "UPPER", omitOwnerReference: "yes" } as never,
      ),
    );
    assert.ok(error.issues.length >= 4, codePaths(error.issues).join("\n"));
    for (const issue of error.issues) assert.ok(KNOWN.has(issue.code), issue.code);
  });
});

describe("issue codes: validation reports Kubernetes' field error types", () => {
  const cases: [string, Record<string, unknown>, string][] = [
    [
      "unknown-field",
      { "spec.containers[0].resources.limimts": {} },
      "spec.containers[0].resources.limimts",
    ],
    ["required", { "spec.containers[0].image": undefined }, "spec.containers[0].image"],
    ["invalid", { "spec.containers[0].env[0].value": 3 }, "spec.containers[0].env[0].value"],
    ["not-supported", { "spec.restartPolicy": "never" }, "spec.restartPolicy"],
    ["duplicate", { "spec.volumes[1]": { name: "data", emptyDir: {} } }, "spec.volumes[1].name"],
    [
      "forbidden",
      { "spec.containers[0].env[0].valueFrom": { fieldRef: { fieldPath: "metadata.name" } } },
      "spec.containers[0].env[0]",
    ],
    [
      "not-found",
      { "spec.containers[0].volumeMounts[0].name": "nope" },
      "spec.containers[0].volumeMounts[0].name",
    ],
    [
      "too-long",
      { "metadata.annotations": { big: "x".repeat(256 * 1024 + 1) } },
      "metadata.annotations",
    ],
  ];
  for (const [code, changes, path] of cases) {
    it(`${code} at ${path}`, () => {
      const found = validatePodManifest(podWith(changes)).map((i) => `${i.code} ${i.path}`);
      assert.ok(found.includes(`${code} ${path}`), found.join("\n"));
    });
  }
});

describe("FieldPath: the one path builder", () => {
  it("spells fields, indexes and keys as formatPath does", () => {
    const env = FieldPath.root().child("spec", "containers").index(0).child("env").index(4);
    assert.equal(env.child("value").toString(), "spec.containers[0].env[4].value");
    assert.equal(
      FieldPath.root().child("metadata", "labels").key("app.kubernetes.io/name").toString(),
      'metadata.labels["app.kubernetes.io/name"]',
    );
    assert.equal(
      FieldPath.root("options").child("env").key("LOG_LEVEL").toString(),
      "options.env.LOG_LEVEL",
    );
    assert.equal(
      FieldPath.root("callback").at("spec", "containers", 1).toString(),
      "callback.spec.containers[1]",
    );
    assert.equal(FieldPath.root().toString(), "manifest");
  });

  it("is immutable: a step returns a new path and leaves its parent as it was", () => {
    const spec = FieldPath.root().child("spec");
    spec.child("containers");
    assert.equal(spec.toString(), "spec");
  });
});
