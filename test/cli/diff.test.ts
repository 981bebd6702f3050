/**
 * `flame-runner-pod diff --parent <pod> [--template <file>] --from v0.3.3
 * --to v0.7`: the upgrade check (docs/cli.md) on the command line.
 */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { parseCliArgs } from "../../src/cli/args";
import { UsageError } from "../../src/cli/usage-error";
import { USAGE } from "../../src/cli/usage";
import type { BackendUpgradeChange } from "../../src/rules";
import { PARENT_FILE, hasStackTrace, runCli, tempFile } from "./run-cli";

const ROOT = path.resolve(__dirname, "../..");
const SEED_TEMPLATE = path.join(ROOT, "test/fixtures/cli/seed-template.yaml");
const GPU_MANIFEST = path.join(ROOT, "test/fixtures/cli/gpu-runner-manifest.yaml");
const UPGRADE = ["--from", "v0.3.3", "--to", "v0.7"];

async function diffJson(extra: readonly string[]): Promise<BackendUpgradeChange[]> {
  const result = await runCli([
    "diff",
    "--parent",
    PARENT_FILE,
    ...UPGRADE,
    "-o",
    "json",
    ...extra,
  ]);
  assert.equal(result.code, 0, result.stderr);
  return JSON.parse(result.stdout) as BackendUpgradeChange[];
}

describe("cli: parseCliArgs diff", () => {
  it("reads the parent, the template, the upgrade and the output", () => {
    assert.deepEqual(
      parseCliArgs(["diff", "-p", "pod.yaml", "-t", "t.yaml", ...UPGRADE, "-o", "json"]),
      { command: "diff", parent: "pod.yaml", template: "t.yaml", output: "json" },
    );
  });

  it("defaults to text, and --from and --to may be left out", () => {
    assert.deepEqual(parseCliArgs(["diff", "-p", "pod.yaml"]), {
      command: "diff",
      parent: "pod.yaml",
      output: "text",
    });
  });

  it("reads repeated --secret-env NAME, names only, in the order given", () => {
    assert.deepEqual(
      parseCliArgs(["diff", "-p", "pod.yaml", "--secret-env", "API_KEY", "--secret-env", "DB_URL"]),
      { command: "diff", parent: "pod.yaml", secretEnv: ["API_KEY", "DB_URL"], output: "text" },
    );
  });

  for (const [what, argv, message] of [
    ["a --secret-env value", ["diff", "-p", "p", "--secret-env", "API_KEY=s3cret"], /names only/],
    [
      "a --secret-env given twice",
      ["diff", "-p", "p", "--secret-env", "A", "--secret-env", "A"],
      /twice/,
    ],
    [
      "an empty --secret-env",
      ["diff", "-p", "p", "--secret-env", ""],
      /--secret-env needs a value/,
    ],
    ["another upgrade", ["diff", "-p", "p", "--to", "v0.8"], /--to must be v0\.7/],
    ["a downgrade", ["diff", "-p", "p", "--from", "v0.7"], /--from must be v0\.3\.3/],
    ["no --parent", ["diff", ...UPGRADE], /missing --parent/],
    ["yaml output", ["diff", "-p", "p", "-o", "yaml"], /--output of diff must be text or json/],
    ["a render-only flag", ["diff", "-p", "p", "--backend", "v0.7"], /unknown option --backend/],
    ["stdin twice", ["diff", "-p", "-", "-t", "-"], /cannot both read stdin/],
  ] as const) {
    it(`refuses ${what}`, () => {
      assert.throws(
        () => parseCliArgs(argv),
        (err: unknown) => err instanceof UsageError && message.test(err.message),
      );
    });
  }
});

describe("cli: diff", () => {
  it("prints each change with its field and explanation, exit 0", async () => {
    const result = await runCli(["diff", "--parent", PARENT_FILE, ...UPGRADE]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /^Upgrading flame_k8s_backend from v0\.3\.3 to v0\.7: \d+ changes/);
    assert.match(result.stdout, /env-removed +spec\.containers\[0\]\.env\[SECRET_KEY_BASE\]/);
    assert.match(result.stdout, /container-name +spec\.containers\[0\]\.name\n +.*"runner"/);
    assert.match(result.stdout, /resources +spec\.containers\[0\]\.resources/);
    assert.equal(result.stderr, "");
  });

  it("-o json prints the changes as an array, in the function's order", async () => {
    const changes = await diffJson([]);
    assert.equal(changes[0].kind, "name");
    assert.ok(changes.some((change) => change.path === "spec.containers[0].env[RELEASE_COOKIE]"));
    assert.ok(changes.every((change) => typeof change.message === "string"));
  });

  it("a template object is reported as lost under v0.7", async () => {
    const changes = await diffJson(["--template", SEED_TEMPLATE]);
    assert.equal(changes[0].kind, "template-ignored");
    assert.ok(changes.some((change) => change.path === "spec.containers[0].env[FOO]"));
  });

  it("a pod manifest template is the :manifest under v0.7 (its resources are kept)", async () => {
    const changes = await diffJson(["--template", GPU_MANIFEST]);
    assert.ok(!changes.some((change) => change.kind === "template-ignored"));
    assert.ok(!changes.some((change) => change.kind === "resources"));
    assert.ok(changes.some((change) => change.kind === "container-name"));
  });

  it("--env adds the :env variables of the v0.7 side", async () => {
    const changes = await diffJson(["--env", "LOG_LEVEL=debug"]);
    assert.ok(changes.some((c) => c.kind === "env-added" && c.path.endsWith("[LOG_LEVEL]")));
  });

  it("the runner reads the Secret v0.7.0 always creates, with RELEASE_COOKIE", async () => {
    const changes = await diffJson([]);
    const secret = changes.find((c) => c.kind === "env-from-added");
    assert.ok(secret !== undefined, JSON.stringify(changes.map((c) => c.kind)));
    assert.match(secret.message, /the runner's own Secret \(RELEASE_COOKIE\)/);
    const cookie = changes.find((c) => c.path === "spec.containers[0].env[RELEASE_COOKIE]");
    assert.equal(cookie?.kind, "env-changed");
    assert.match(cookie?.message ?? "", /comes from the runner's Secret/);
  });

  it("--secret-env NAME: the variable comes from the runner's Secret, not lost", async () => {
    const without = await diffJson([]);
    assert.equal(
      without.find((c) => c.path === "spec.containers[0].env[SECRET_KEY_BASE]")?.kind,
      "env-removed",
    );
    const changes = await diffJson(["--secret-env", "SECRET_KEY_BASE", "--secret-env", "API_KEY"]);
    const moved = changes.find((c) => c.path === "spec.containers[0].env[SECRET_KEY_BASE]");
    assert.equal(moved?.kind, "env-changed");
    assert.match(moved?.message ?? "", /comes from the runner's Secret/);
    const secret = changes.find((c) => c.kind === "env-from-added");
    assert.match(secret?.message ?? "", /\(RELEASE_COOKIE, SECRET_KEY_BASE, API_KEY\)/);
  });

  it("reads the parent from stdin, with the same output as from the file", async () => {
    const result = await runCli(
      ["diff", "-p", "-", ...UPGRADE],
      fs.readFileSync(PARENT_FILE, "utf8"),
    );
    assert.equal(result.code, 0, result.stderr);
    const fromFile = await runCli(["diff", "--parent", PARENT_FILE, ...UPGRADE]);
    assert.equal(fromFile.code, 0, fromFile.stderr);
    assert.equal(result.stdout, fromFile.stdout);
  });

  it("a parent the rules refuse exits 1 with the field path, no stack trace", async () => {
    const file = tempFile(
      "pod.yaml",
      "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: []}\n",
    );
    const result = await runCli(["diff", "-p", file, ...UPGRADE]);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /^error: /);
    assert.match(result.stderr, /parentPod\.spec\.containers/);
    assert.ok(!hasStackTrace(result.stderr));
  });

  it("a bad command line exits 2", async () => {
    const result = await runCli(["diff", "-p", PARENT_FILE, "--to", "v0.8"]);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /--to must be v0\.7/);
  });

  it("is in the help", () => {
    assert.match(USAGE, /flame-runner-pod diff --parent/);
    assert.match(USAGE, /--output text\|json/);
    assert.match(USAGE, /--secret-env NAME/);
  });
});
