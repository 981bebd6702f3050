/**
 * `check`'s start time (bench/README.md) comes mostly from the modules it
 * loads, so `check` of a pod given as JSON loads only what it uses: not the
 * YAML parser, not the upgrade rules of `diff`, not the readers of a
 * `--template` file or of a workload parent, not `preview`'s flags, not
 * `node:fs/promises`. Each of them still loads when an input needs it.
 */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { parse, stringify } from "yaml";
import { modulesLoadedBy, PARENT_FILE, tempFile } from "./run-cli";

const ROOT = path.resolve(__dirname, "../..");

/** The modules a JSON pod's `check` must not load, by what they are: is `file` one of them? */
const LAZY_MODULES: Readonly<Record<string, (file: string) => boolean>> = {
  "the YAML parser": (file) => file.startsWith("node_modules/yaml/"),
  "--template's reader": (file) => file === "src/cli/template-file.ts",
  "the kit's template file": (file) => file === "src/kit/runner-template-document.ts",
  "a workload's stand-in pod": (file) => file === "src/kit/stand-in-pod.ts",
  "the rules' index": (file) => file === "src/rules/index.ts",
  "diff's upgrade rules": (file) => file === "src/rules/upgrade.ts",
  "preview's flags": (file) => file === "src/cli/preview/args.ts",
};

/** The names of {@link LAZY_MODULES} among `files`. */
function lazyModulesAmong(files: readonly string[]): string[] {
  return Object.keys(LAZY_MODULES).filter((what) => files.some(LAZY_MODULES[what]));
}

describe("cli: check of a JSON pod loads only what it uses", () => {
  const parent = parse(fs.readFileSync(PARENT_FILE, "utf8")) as Record<string, unknown>;

  it("check --parent pod.json loads none of the modules other inputs need, nor node:fs/promises", function () {
    this.timeout(120_000);
    const pod = tempFile("pod.json", JSON.stringify(parent));
    const { files, builtins } = modulesLoadedBy(["check", "--parent", pod]);
    assert.ok(files.includes("src/cli/check.ts"), "the run did not reach check");
    assert.deepEqual(lazyModulesAmong(files), []);
    assert.ok(!builtins.includes("fs/promises"), "node:fs/promises was loaded");
  });

  it("each of them loads when an input needs it: YAML, --template, a Deployment, diff, preview", function () {
    this.timeout(240_000);
    const deployment = {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "shop", namespace: "shop" },
      spec: { template: { metadata: parent.metadata, spec: parent.spec } },
    };
    const template = path.join(ROOT, "test/fixtures/cli/seed-template.yaml");
    const runs = [
      [
        "check",
        "--parent",
        tempFile("deployment.yaml", stringify(deployment)),
        "--template",
        template,
      ],
      ["diff", "--parent", PARENT_FILE],
      ["preview", "--help"],
    ];
    const files = runs.flatMap((argv) => modulesLoadedBy(argv).files);
    assert.deepEqual(lazyModulesAmong(files), Object.keys(LAZY_MODULES));
  });
});
