import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parse } from "yaml";
import { PLACEHOLDER_ENCODED_PARENT } from "../../src/cli/render";
import { USAGE } from "../../src/cli/usage";
import { runnerPodManifest, type PodManifest, type RunnerPodTemplate } from "../../src/index";
import {
  ENCODED_PARENT,
  RUNNER_NAME_PREFIX,
  parentPod as fixtureParentPod,
} from "../fixtures/parent-pod";
import { envOf } from "../support/data";
import { PARENT_FILE as PARENT, hasStackTrace, renderOk, runCli } from "./run-cli";

const ROOT = path.resolve(__dirname, "../..");
const SEED = path.join(ROOT, "test/fixtures/cli/seed-template.yaml");
const SEED_TYPO = path.join(ROOT, "test/fixtures/cli/seed-template-typo.yaml");
const GPU_MANIFEST = path.join(ROOT, "test/fixtures/cli/gpu-runner-manifest.yaml");
const ENC = "g3QAAAADZAAJY2FsbGJhY2tzZAADbmlsZAAEbm9kZWQADm15YXBwQDEwLjAuMC43";
const RUNNER_ID = "0123456789abcdef0123";
/** The name in examples/basic/parent-pod.yaml (the examples have their own fixtures). */
const EXAMPLE_PARENT_NAME = "myapp-7d9c8b6f5d-x2x9k";
const PARENT_UID = "5b3f4b7e-2f1c-4d2a-9c6e-8a0f3d1e7c42";

function readYaml<T>(file: string): T {
  return parse(fs.readFileSync(file, "utf8")) as T;
}

describe("cli: flame-runner-pod render", () => {
  it("reads the parent from a file and prints the runner manifest as YAML", async () => {
    const manifest = await renderOk(["--parent", PARENT, "--encoded-parent", ENC]);
    assert.equal(manifest.kind, "Pod");
    assert.equal(manifest.metadata?.namespace, "production");
    assert.equal(manifest.spec?.restartPolicy, "Never");
    assert.equal(manifest.spec?.containers[0].image, "ghcr.io/acme/myapp:1.4.2");
    assert.equal(envOf(manifest).FLAME_PARENT, ENC);
  });

  it("reads the parent from stdin with --parent -", async () => {
    const fromStdin = await runCli(
      ["render", "--parent", "-", "--encoded-parent", ENC, "--runner-id", RUNNER_ID],
      fs.readFileSync(PARENT, "utf8"),
    );
    const fromFile = await runCli([
      "render",
      "--parent",
      PARENT,
      "--encoded-parent",
      ENC,
      "--runner-id",
      RUNNER_ID,
    ]);
    assert.equal(fromStdin.code, 0, fromStdin.stderr);
    assert.equal(fromStdin.stdout, fromFile.stdout);
  });

  it("reads a JSON parent (kubectl get pod -o json)", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "flame-cli-"));
    try {
      const jsonFile = path.join(dir, "parent.json");
      fs.writeFileSync(jsonFile, JSON.stringify(readYaml(PARENT), null, 2));
      const manifest = await renderOk(["--parent", jsonFile, "--encoded-parent", ENC]);
      assert.equal(manifest.metadata?.ownerReferences?.[0].uid, PARENT_UID);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("--template with a template object: extra env and the template's resources", async () => {
    const manifest = await renderOk([
      "--parent",
      PARENT,
      "--template",
      SEED,
      "--encoded-parent",
      ENC,
    ]);
    const container = manifest.spec?.containers[0];
    assert.equal(envOf(manifest).FOO, "bar");
    assert.deepEqual(container?.resources, {
      requests: { memory: "256Mi", cpu: "100m" },
      limits: { memory: "256Mi", cpu: "400m" },
    });
  });

  it("--template with a pod manifest: used as a callback's result, overwrites warned on stderr", async () => {
    const result = await runCli([
      "render",
      "--parent",
      PARENT,
      "--template",
      GPU_MANIFEST,
      "--encoded-parent",
      ENC,
    ]);
    assert.equal(result.code, 0, result.stderr);
    const manifest = parse(result.stdout) as PodManifest;
    assert.deepEqual(manifest.spec?.nodeSelector, { "nvidia.com/gpu.present": "true" });
    assert.equal(manifest.spec?.containers[0].resources?.limits?.["nvidia.com/gpu"], "1");
    assert.equal(manifest.spec?.restartPolicy, "Never");
    // Each warning line shows its path first and its code last, as ESLint shows its rule ids.
    assert.match(
      result.stderr,
      /^warning: template\.spec\.restartPolicy: .*OnFailure.* \[backend-value-overwritten\]$/m,
    );
    assert.match(
      result.stderr,
      /^warning: template\.spec\.containers\[0\]\.name: .* \[backend-value-overwritten\]$/m,
    );
  });

  it("--template mixing manifest and template fields is refused (exit 1)", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "flame-cli-"));
    try {
      const mixed = path.join(dir, "mixed.yaml");
      fs.writeFileSync(mixed, "spec: {containers: [{name: x}]}\nenv: [{name: A, value: b}]\n");
      const result = await runCli(["render", "--parent", PARENT, "--template", mixed]);
      assert.equal(result.code, 1);
      assert.match(
        result.stderr,
        /mixes pod manifest fields \(spec\) with template fields \(env\)/,
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("--template from stdin", async () => {
    const manifest = await renderOk(
      ["--parent", PARENT, "--template", "-", "--encoded-parent", ENC],
      fs.readFileSync(SEED, "utf8"),
    );
    assert.equal(envOf(manifest).FOO, "bar");
  });

  it("without --encoded-parent: the placeholder, with a warning", async () => {
    const result = await runCli(["render", "--parent", PARENT]);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(
      envOf(parse(result.stdout) as PodManifest).FLAME_PARENT,
      PLACEHOLDER_ENCODED_PARENT,
    );
    assert.match(
      result.stderr,
      /^warning: --encoded-parent: not given: .* \[encoded-parent-placeholder\]$/m,
    );
  });

  it("--app-container picks the app container; an unknown name is refused with the names there are", async () => {
    const manifest = await renderOk([
      "--parent",
      PARENT,
      "--app-container",
      "myapp",
      "--encoded-parent",
      ENC,
    ]);
    assert.equal(manifest.spec?.containers[0].image, "ghcr.io/acme/myapp:1.4.2");
    const result = await runCli([
      "render",
      "--parent",
      PARENT,
      "--app-container",
      "web",
      "--encoded-parent",
      ENC,
    ]);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /web/);
    assert.match(result.stderr, /myapp/);
  });

  it("--omit-owner-reference leaves out the owner reference", async () => {
    const withRef = await renderOk(["--parent", PARENT, "--encoded-parent", ENC]);
    assert.equal(withRef.metadata?.ownerReferences?.[0].name, EXAMPLE_PARENT_NAME);
    const without = await renderOk([
      "--parent",
      PARENT,
      "--encoded-parent",
      ENC,
      "--omit-owner-reference",
    ]);
    assert.equal(without.metadata?.ownerReferences, undefined);
  });

  it("--runner-id makes the name; a bad id is refused (exit 1)", async () => {
    const manifest = await renderOk([
      "--parent",
      PARENT,
      "--encoded-parent",
      ENC,
      "--runner-id",
      RUNNER_ID,
    ]);
    assert.equal(manifest.metadata?.name, `${EXAMPLE_PARENT_NAME}${RUNNER_ID}`);
    assert.equal(envOf(manifest).POD_NAME, `${EXAMPLE_PARENT_NAME}${RUNNER_ID}`);
    const long = await renderOk(
      ["--parent", "-", "--encoded-parent", ENCODED_PARENT, "--runner-id", RUNNER_ID],
      JSON.stringify(fixtureParentPod()),
    );
    const longName = `${RUNNER_NAME_PREFIX}${RUNNER_ID}`;
    assert.equal(longName.length, 61);
    assert.equal(long.metadata?.name, longName);
    assert.equal(long.spec?.containers[0].name, longName);
    assert.equal(envOf(long).POD_NAME, longName);
    const bad = await runCli([
      "render",
      "--parent",
      PARENT,
      "--encoded-parent",
      ENC,
      "--runner-id",
      "Not_Valid",
    ]);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /^error: runner pod: --runner-id: /m);
  });

  it("--output json prints the same manifest as JSON", async () => {
    const argv = ["render", "--parent", PARENT, "--encoded-parent", ENC, "--runner-id", RUNNER_ID];
    const yaml = await runCli(argv);
    const json = await runCli([...argv, "--output", "json"]);
    assert.equal(json.code, 0, json.stderr);
    assert.deepEqual(JSON.parse(json.stdout), parse(yaml.stdout));
  });

  describe("round trip: the YAML output parses back to what runnerPodManifest returns", () => {
    const parent = (): PodManifest => readYaml<PodManifest>(PARENT);
    const cases: [string, string[], () => PodManifest][] = [
      [
        "no template",
        [],
        () => runnerPodManifest(parent(), undefined, ENC, { runnerId: RUNNER_ID }),
      ],
      [
        "a template object",
        ["--template", SEED],
        () =>
          runnerPodManifest(parent(), readYaml<RunnerPodTemplate>(SEED), ENC, {
            runnerId: RUNNER_ID,
          }),
      ],
      [
        "a pod manifest",
        ["--template", GPU_MANIFEST],
        () =>
          runnerPodManifest(parent(), () => readYaml<PodManifest>(GPU_MANIFEST), ENC, {
            runnerId: RUNNER_ID,
          }),
      ],
      [
        "--omit-owner-reference and --app-container",
        ["--omit-owner-reference", "--app-container", "myapp"],
        () =>
          runnerPodManifest(parent(), undefined, ENC, {
            runnerId: RUNNER_ID,
            omitOwnerReference: true,
            appContainerName: "myapp",
          }),
      ],
    ];
    for (const [label, extra, expected] of cases) {
      it(label, async () => {
        const printed = await renderOk([
          "--parent",
          PARENT,
          "--encoded-parent",
          ENC,
          "--runner-id",
          RUNNER_ID,
          ...extra,
        ]);
        assert.deepEqual(printed, expected());
      });
    }
  });

  describe("exit codes and messages", () => {
    it("1 for the seed's limimts typo, with the path and a hint, no stack trace", async () => {
      const result = await runCli([
        "render",
        "--parent",
        PARENT,
        "--template",
        SEED_TYPO,
        "--encoded-parent",
        ENC,
      ]);
      assert.equal(result.code, 1);
      assert.equal(result.stdout, "");
      assert.match(
        result.stderr,
        /^error: .*spec\.containers\[0\]\.resources\.limimts: .*"limits".* \[unknown-field\]$/m,
      );
      assert.ok(!hasStackTrace(result.stderr), result.stderr);
    });

    it("1 for a parent that is not YAML", async () => {
      const result = await runCli(["render", "--parent", "-"], "metadata: [unclosed\n");
      assert.equal(result.code, 1);
      assert.match(result.stderr, /^error: --parent -: not valid YAML or JSON/m);
      assert.ok(!hasStackTrace(result.stderr));
    });

    it("1 for a parent without containers (a rule of the input)", async () => {
      const result = await runCli(
        ["render", "--parent", "-"],
        "kind: Pod\nmetadata: {name: p, uid: u}\n",
      );
      assert.equal(result.code, 1);
      assert.match(result.stderr, /parentPod/);
    });

    it("1 for a List instead of one pod", async () => {
      const result = await runCli(["render", "--parent", "-"], "kind: List\nitems: []\n");
      assert.equal(result.code, 1);
      assert.match(result.stderr, /is a List/);
    });

    const usage: [string, string[]][] = [
      ["no command", []],
      ["an unknown command", ["draw"]],
      ["an unknown flag", ["render", "--parent", PARENT, "--colour"]],
      ["no --parent", ["render"]],
      ["a bad --output", ["render", "--parent", PARENT, "--output", "xml"]],
      ["a missing file", ["render", "--parent", path.join(ROOT, "no-such-pod.yaml")]],
    ];
    for (const [label, argv] of usage) {
      it(`2 for ${label}, with a message and a pointer to --help`, async () => {
        const result = await runCli(argv);
        assert.equal(result.code, 2);
        assert.equal(result.stdout, "");
        assert.match(result.stderr, /^error: .+\nRun flame-runner-pod --help/);
        assert.ok(!hasStackTrace(result.stderr));
      });
    }
  });

  describe("--help", () => {
    it("prints the usage on stdout and exits 0", async () => {
      const result = await runCli(["--help"]);
      assert.equal(result.code, 0);
      assert.equal(result.stdout, USAGE);
      assert.equal((await runCli(["render", "--help"])).stdout, USAGE);
    });

    it("documents every flag, the exit codes and the template shapes", () => {
      for (const flag of [
        "--parent",
        "--template",
        "--encoded-parent",
        "--app-container",
        "--omit-owner-reference",
        "--runner-id",
        "--output",
        "--help",
      ]) {
        assert.ok(USAGE.includes(flag), flag);
      }
      assert.match(USAGE, /Exit codes:/);
      assert.match(USAGE, /template object/);
      assert.match(USAGE, /pod manifest/);
      assert.ok(USAGE.includes(PLACEHOLDER_ENCODED_PARENT));
    });
  });
});
