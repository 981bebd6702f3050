import assert from "node:assert/strict";
import * as path from "node:path";
import { spawnSync } from "node:child_process";
import { renderReport } from "../../src/cli/preview/render-report";
import { renderCounts, renderTree } from "../../src/cli/preview/render-tree";
import type { ResourceNode } from "../../src/cli/preview/resource-tree";
import { runProgram } from "../../scripts/preview/run-program";

const ROOT = path.resolve(__dirname, "../..");

describe("examples: the preview's report", () => {
  const nodes: ResourceNode[] = [
    { index: 0, type: "pulumi:pulumi:Stack", name: "p-s", op: "create" },
    { index: 1, type: "kubernetes:core/v1:Pod", name: "parent", op: "read", parent: 0 },
    { index: 2, type: "x:index:FlameRunnerPod", name: "runner", op: "create", parent: 0 },
    { index: 3, type: "kubernetes:core/v1:Pod", name: "runner", op: "create", parent: 2 },
  ];

  it("renders the tree nested by parent, + for creates and = for reads", () => {
    assert.deepEqual(renderTree(nodes), [
      "     Type                          Name    Plan",
      "  +  pulumi:pulumi:Stack           p-s     create",
      "  =  ├─ kubernetes:core/v1:Pod     parent  read",
      "  +  └─ x:index:FlameRunnerPod     runner  create",
      "  +     └─ kubernetes:core/v1:Pod  runner  create",
    ]);
    assert.equal(renderCounts(nodes), "Resources: + 3 to create, = 1 to read");
  });

  it("says it is offline, lists the tree, the count and the runner manifest as YAML", async () => {
    const result = await runProgram({ dir: path.join(ROOT, "examples/basic") });
    const text = renderReport(result, ROOT);
    const lines = text.split("\n");
    assert.equal(
      lines[0],
      "OFFLINE PREVIEW of examples/basic (project flame-basic, stack preview)",
    );
    assert.match(lines[1], /mock engine.*no cluster, no Pulumi CLI/);
    assert.match(text, /^ {2}= {2}├─ kubernetes:core\/v1:Pod +parent +read$/m);
    assert.match(text, /^Resources: \+ 3 to create, = 1 to read$/m);
    assert.match(text, /^---\napiVersion: v1\nkind: Pod\n/m);
  });

  it("for a refused program: the message under Diagnostics, no stack trace", async () => {
    const result = await runProgram({ dir: path.join(ROOT, "test/fixtures/examples/seed-typo") });
    const text = renderReport(result, ROOT);
    assert.match(text, /^ {4}error: FlameRunnerPod "runner": .*limimts.*"limits"/m);
    assert.doesNotMatch(text, /^\s+at /m);
    assert.doesNotMatch(text, /^---$/m);
  });

  it("npm run preview exits 1 for a refused program, without a stack trace", function () {
    this.timeout(40_000);
    const run = spawnSync(
      process.execPath,
      [
        "-r",
        "ts-node/register/transpile-only",
        "scripts/preview.ts",
        "test/fixtures/examples/seed-typo",
      ],
      { cwd: ROOT, encoding: "utf8", timeout: 30_000 },
    );
    assert.equal(run.status, 1, run.stderr);
    assert.match(run.stdout, /error: FlameRunnerPod "runner"/);
    assert.doesNotMatch(run.stdout + run.stderr, /^\s+at /m);
    assert.equal(run.stderr, "");
  });

  it("the root Pulumi.yaml runs examples/basic against the source (npm run preview -- .)", function () {
    this.timeout(40_000);
    const run = spawnSync(
      process.execPath,
      [
        "-r",
        "ts-node/register/transpile-only",
        "scripts/preview.ts",
        ".",
        "--fixtures",
        "examples/basic",
        "-c",
        "parentPod=production/myapp-7d9c8b6f5d-x2x9k",
        "-c",
        "encodedParent=ENC",
      ],
      { cwd: ROOT, encoding: "utf8", timeout: 30_000 },
    );
    assert.equal(run.status, 0, run.stdout + run.stderr);
    assert.match(
      run.stdout,
      /^OFFLINE PREVIEW of \. \(project pulumi-flame-k8s, stack preview\)$/m,
    );
    assert.match(run.stdout, /^ {2}\+ {5}└─ kubernetes:core\/v1:Pod +runner +create$/m);
    assert.match(run.stdout, /value: ENC$/m);
  });

  describe("a program with secrets prints none of them (issue 22, item 3)", () => {
    const dir = path.join(ROOT, "test/fixtures/examples/secrets");
    const fixtureDir = path.join(ROOT, "examples/basic");
    /** The texts of the secrets the program reads with config.requireSecret. */
    const SECRETS = ["hunter2-pa55word", "pinned01", "g3QAAAADZAAJ"];

    it("the warning, the outputs and the manifest show [secret]", async () => {
      const text = renderReport(await runProgram({ dir, fixtureDir }), ROOT);
      for (const secret of SECRETS) assert.ok(!text.includes(secret), `${secret} in:\n${text}`);
      assert.match(
        text,
        /^ {4}warning: runner: template\.env\[1\]: PHX_SERVER=\[secret\] is overwritten/m,
      );
      assert.match(text, /^ {4}runnerPodName: \[secret\]$/m);
      assert.match(text, /^ {4}runnerManifest: \[secret\]$/m);
      assert.match(text, /^spec: "\[secret\]"$/m);
    });

    it("a refused secret value: the error names the field, the value is [secret]", async () => {
      const config = { memory: "hunter2-pa55word" };
      const result = await runProgram({ dir, fixtureDir, config });
      const text = renderReport(result, ROOT);
      for (const secret of SECRETS) assert.ok(!text.includes(secret), `${secret} in:\n${text}`);
      assert.match(
        text,
        /^ {4}error: FlameRunnerPod "runner": spec\.containers\[0\]\.resources\.limits\.memory: \[secret\] is not a Kubernetes quantity/m,
      );
      assert.ok(!JSON.stringify(result.error?.issues).includes("hunter2"));
    });

    it("a plain stack output is shown as it is", async () => {
      const result = await runProgram({ dir: path.join(ROOT, "examples/basic") });
      assert.deepEqual(result.secretOutputs, []);
      assert.match(renderReport(result, ROOT), /^ {4}runnerPodName: "myapp-[a-z0-9-]+"$/m);
    });
  });
});
