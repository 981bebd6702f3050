/**
 * The command line speaks in its own terms: its messages name flags and the
 * `--template` file, not the API's option keys; an unknown flag or command
 * gets a did-you-mean; the placeholder `FLAME_PARENT` warning comes once, and
 * only with a printed manifest; a YAML error shows its line. And `preview`,
 * the only command that needs Pulumi, is the only one that loads it.
 */
import assert from "node:assert/strict";
import { cliWording } from "../../src/cli/wording";
import { modulesLoadedBy, PARENT_FILE, runCli, tempFile } from "./run-cli";

/** The API's terms the command line must not print. */
const API_TERMS = /omitOwnerReference|appContainerName|options\.|runnerId|encodedParent|callback/;

const PLACEHOLDER_WARNING =
  /^warning: --encoded-parent: not given: FLAME_PARENT is the placeholder/gm;

describe("cli: messages name flags and the --template file, not option keys", () => {
  const cases: [string, () => string[], RegExp][] = [
    [
      "no such --app-container",
      () => ["--app-container", "web"],
      /^error: runner pod: --app-container: no container of the parent pod is named "web"/m,
    ],
    [
      "a namespace the owner reference cannot cross",
      () => ["-t", tempFile("t.yaml", "metadata:\n  namespace: other\nspec: {}\n")],
      /^error: runner pod: template\.metadata\.namespace: .*, or pass --omit-owner-reference \[owner-reference-cross-namespace\]$/m,
    ],
    [
      "a template object with a field it does not have",
      () => ["-t", tempFile("t.yaml", "limits: {}\n")],
      /^error: runner pod: template\.limits: .*; use a pod-manifest template to set anything else/m,
    ],
    [
      "a template that is neither a template object nor a pod manifest",
      () => ["-t", tempFile("t.yaml", "- a\n")],
      /^error: runner pod: template: must be a template object .* or a pod-manifest template \(got/m,
    ],
    [
      "a value of the pod-manifest template the backend overwrites (a warning)",
      () => ["-t", tempFile("t.yaml", "metadata:\n  name: mine\nspec: {}\n")],
      /^warning: template\.metadata\.name: "mine" is overwritten with/m,
    ],
  ];
  for (const [label, args, expected] of cases) {
    it(label, async () => {
      const result = await runCli([
        "render",
        "-p",
        PARENT_FILE,
        "--encoded-parent",
        "e",
        ...args(),
      ]);
      assert.match(result.stderr, expected);
      assert.doesNotMatch(result.stderr, API_TERMS);
    });
  }

  it("rewords each API term of the rules (cliWording)", () => {
    const table: [string, string][] = [
      ["or pass omitOwnerReference: true", "or pass --omit-owner-reference"],
      ["options.appContainerName: no container", "--app-container: no container"],
      ["pass appContainerName with the name", "pass --app-container with the name"],
      ["options.runnerId: must be", "--runner-id: must be"],
      ["options.env.FOO: is overwritten", "--env.FOO: is overwritten"],
      ["encodedParent: must be a non-empty string", "--encoded-parent: must be a non-empty string"],
      ["; use a callback to set", "; use a pod-manifest template to set"],
      ["{ env? } or a callback (got 1)", "{ env? } or a pod-manifest template (got 1)"],
      ["callback.spec.serviceAccount: is", "template.spec.serviceAccount: is"],
      ["  - callback.metadata.namespace: x", "  - template.metadata.namespace: x"],
      ["parentPod.spec.containers[0].image: none", "parentPod.spec.containers[0].image: none"],
    ];
    for (const [api, cli] of table) assert.equal(cliWording(api), cli, api);
  });
});

describe("cli: an unknown flag or command gets a did-you-mean", () => {
  const cases: [string[], string][] = [
    [["render", "-p", "x", "--tempalte", "t"], "--template"],
    [["render", "-p", "x", "--app-containr", "web"], "--app-container"],
    [["diff", "-p", "x", "--form", "v0.3.3"], "--from"],
    [["preview", ".", "--posd", "p.yaml"], "--pods"],
    [["rendr", "-p", "x"], "render"],
    [["preveiw", "."], "preview"],
  ];
  for (const [argv, suggestion] of cases) {
    it(`${argv.join(" ")}: did you mean "${suggestion}"?`, async () => {
      const result = await runCli(argv);
      assert.equal(result.code, 2);
      assert.match(
        result.stderr,
        new RegExp(`^error: unknown (option|command) .*; did you mean "${suggestion}"\\?$`, "m"),
      );
    });
  }

  it("no did-you-mean for a flag close to none", async () => {
    const result = await runCli(["render", "-p", "x", "--zzzzzzzz"]);
    assert.match(result.stderr, /^error: unknown option --zzzzzzzz$/m);
  });
});

describe("cli: the placeholder FLAME_PARENT warning, once, only with a printed manifest", () => {
  it("is printed once when render prints a manifest without --encoded-parent", async () => {
    const result = await runCli(["render", "-p", PARENT_FILE]);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stderr.match(PLACEHOLDER_WARNING)?.length, 1, result.stderr);
  });

  const silent: [string, string[]][] = [
    ["render refused by a rule", ["render", "-p", PARENT_FILE, "--app-container", "web"]],
    ["render of a file that is not YAML", ["render", "-p", tempFile("p.yaml", "a: b\n  c: d\n")]],
    ["render with --encoded-parent", ["render", "-p", PARENT_FILE, "--encoded-parent", "e"]],
    ["diff", ["diff", "-p", PARENT_FILE]],
  ];
  for (const [label, argv] of silent) {
    it(`is not printed: ${label}`, async () => {
      const result = await runCli(argv);
      assert.doesNotMatch(result.stderr, PLACEHOLDER_WARNING);
    });
  }
});

describe("cli: a YAML error shows its line", () => {
  it("names the line and column, quotes the line, and ends there (no dangling `column 1:`)", async () => {
    const file = tempFile("p.yaml", "apiVersion: v1\nkind: Pod\nmetadata: {name: a\nspec: x\n");
    const result = await runCli(["render", "-p", file]);
    assert.equal(result.code, 1);
    assert.equal(
      result.stderr,
      `error: --parent ${file}: not valid YAML or JSON: line 4, column 1: Flow map in block collection must be sufficiently indented and end with a }: "spec: x"\n`,
    );
  });
});

describe("cli: only preview loads @pulumi/pulumi", () => {
  /** The @pulumi/pulumi modules loaded by a run of the command line in a fresh process. */
  function pulumiModulesLoadedBy(argv: readonly string[]): number {
    return modulesLoadedBy(argv).files.filter((file) => file.includes("@pulumi")).length;
  }

  it("render, diff and --help load none of it; preview does", function () {
    this.timeout(120_000);
    assert.equal(pulumiModulesLoadedBy(["render", "-p", PARENT_FILE]), 0);
    assert.equal(pulumiModulesLoadedBy(["diff", "-p", PARENT_FILE]), 0);
    assert.equal(pulumiModulesLoadedBy(["--help"]), 0);
    assert.ok(pulumiModulesLoadedBy(["preview", "no-such-dir"]) > 0);
  });
});
