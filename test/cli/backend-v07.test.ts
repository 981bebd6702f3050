/**
 * `flame-runner-pod render --backend v0.7 [--env K=V]...`: the v0.7 profile of
 * the rules (docs/rules-v0.7.md) on the command line.
 */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import { parse } from "yaml";
import { parseCliArgs } from "../../src/cli/args";
import { UsageError } from "../../src/cli/usage-error";
import { USAGE } from "../../src/cli/usage";
import { runnerPodManifest, type PodManifest } from "../../src/index";
import { PARENT_FILE, renderOk, runCli, tempFile, type CliResult } from "./run-cli";

const ENC = "g3QAAAADZAAJY2FsbGJhY2tzZAADbmlsZAAEbm9kZQ";
/** `render` arguments of the tests: the example's parent, backend v0.7. */
const V07 = ["-p", PARENT_FILE, "--backend", "v0.7"];

/** `render <V07> <extra>`, as `runCli` gives it. */
function runV07(extra: readonly string[]): Promise<CliResult> {
  return runCli(["render", ...V07, ...extra]);
}

/** The manifest of `render <V07>` with ENC, the runner id bcd24 and `extra`. */
function renderV07(extra: readonly string[]): Promise<PodManifest> {
  return renderOk([...V07, "--encoded-parent", ENC, "--runner-id", "bcd24", ...extra]);
}

describe("cli: parseCliArgs --backend and --env", () => {
  it("reads --backend and repeated --env NAME=value (the value may hold = or be empty)", () => {
    assert.deepEqual(
      parseCliArgs([
        "render",
        "-p",
        "pod.yaml",
        "--backend",
        "v0.7",
        "--env",
        "LOG_LEVEL=debug",
        "--env",
        "URL=a=b",
        "--env",
        "EMPTY=",
      ]),
      {
        command: "render",
        parent: "pod.yaml",
        omitOwnerReference: false,
        output: "yaml",
        backend: "v0.7",
        env: { LOG_LEVEL: "debug", URL: "a=b", EMPTY: "" },
      },
    );
  });

  it("an unknown --backend is a usage error with a did-you-mean", () => {
    assert.throws(
      () => parseCliArgs(["render", "-p", "x", "--backend", "0.7"]),
      (e: unknown) => e instanceof UsageError && /did you mean "v0\.7"\?/.test(e.message),
    );
  });

  it("--env without --backend v0.7, without =, or twice is a usage error", () => {
    for (const argv of [
      ["--env", "A=1"],
      ["--backend", "v0.3.3", "--env", "A=1"],
      ["--backend", "v0.7", "--env", "A"],
      ["--backend", "v0.7", "--env", "=1"],
      ["--backend", "v0.7", "--env", "A=1", "--env", "A=2"],
    ]) {
      assert.throws(() => parseCliArgs(["render", "-p", "x", ...argv]), UsageError, argv.join(" "));
    }
  });
});

describe("cli: flame-runner-pod render --backend v0.7", () => {
  it("prints the manifest of the pure function under the v0.7 profile", async () => {
    const manifest = await renderV07(["--env", "LOG_LEVEL=debug"]);
    const parent = parse(fs.readFileSync(PARENT_FILE, "utf8")) as PodManifest;
    const expected = runnerPodManifest(parent, undefined, ENC, {
      backend: "v0.7",
      runnerId: "bcd24",
      env: { LOG_LEVEL: "debug" },
      secretEnv: {},
      omitOwnerReference: false,
    });
    assert.deepEqual(manifest, expected);
    assert.equal(manifest.spec?.containers[0].name, "runner");
    assert.ok(manifest.metadata?.name?.endsWith("-bcd24"));
    const env = manifest.spec?.containers[0].env ?? [];
    assert.deepEqual(
      env.map((e) => e.name),
      [
        "POD_NAME",
        "POD_NAMESPACE",
        "POD_IP",
        "PHX_SERVER",
        "RELEASE_DISTRIBUTION",
        "RELEASE_NODE",
        "LOG_LEVEL",
        "FLAME_PARENT",
      ],
    );
  });

  it("includes the reference to the runner's Secret, which v0.7.0 always creates (the cookie, plus secret_env)", async () => {
    const manifest = await renderV07([]);
    const runner = manifest.spec?.containers[0];
    assert.deepEqual(runner?.envFrom?.[0], { secretRef: { name: manifest.metadata?.name } });
    const template = tempFile(
      "manifest.yaml",
      "spec:\n  containers:\n    - envFrom:\n        - configMapRef:\n            name: cfg\n",
    );
    const withEnvFrom = await renderV07(["--template", template]);
    assert.deepEqual(withEnvFrom.spec?.containers[0].envFrom, [
      { secretRef: { name: withEnvFrom.metadata?.name } },
      { configMapRef: { name: "cfg" } },
    ]);
  });

  it("v0.3.3 has no runner Secret: no reference", async () => {
    const manifest = await renderOk(["-p", PARENT_FILE, "--runner-id", "0123456789abcdef0123"]);
    assert.ok(
      !(manifest.spec?.containers[0].envFrom ?? []).some(
        (e) => e.secretRef?.name === manifest.metadata?.name,
      ),
    );
  });

  it("--template is the :manifest: its image and resources are kept", async () => {
    const template = tempFile(
      "manifest.yaml",
      "spec:\n  containers:\n    - image: ghcr.io/acme/runner:2\n      resources:\n        limits:\n          memory: 2Gi\n",
    );
    const manifest = await renderV07(["--template", template]);
    assert.equal(manifest.spec?.containers[0].image, "ghcr.io/acme/runner:2");
    assert.deepEqual(manifest.spec?.containers[0].resources, { limits: { memory: "2Gi" } });
  });

  it("a v0.3.3 template object is refused with --backend v0.7 (exit 1)", async () => {
    const template = tempFile("template.yaml", "addParentEnv: false\n");
    const result = await runV07(["--template", template]);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /addParentEnv is a template field of v0\.3\.3/);
  });

  it("a bad --runner-id for v0.7 is refused by the rules (exit 1)", async () => {
    const result = await runV07(["--runner-id", "0123456789abcdef0123"]);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /^error: runner pod: --runner-id: /m);
  });

  it("--env with v0.3.3 exits 2", async () => {
    const result = await runCli(["render", "-p", PARENT_FILE, "--env", "A=1"]);
    assert.equal(result.code, 2);
  });

  it("the help names --backend and --env", () => {
    assert.match(USAGE, /--backend v0\.3\.3\|v0\.7/);
    assert.match(USAGE, /--env NAME=value/);
  });
});
