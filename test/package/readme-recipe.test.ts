/**
 * A newcomer's project, from the packed tarball: examples/basic copied into a
 * temporary directory, the package unpacked into its node_modules (the other
 * dependencies linked from this checkout: no network), then
 *
 * - the README's unit-test recipe, written as the project's
 *   test/index.test.ts, run with the project's `npm test` (mocha): it passes
 *   and leaves no "promises were still active" report;
 * - the shipped command line's `flame-runner-pod preview` of that project.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { linkDependencies, packInto, ROOT } from "./support";

/** The README's unit-test recipe: its ```ts block with the mocha suite. */
function readmeRecipe(): string {
  const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
  const blocks = [...readme.matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map((match) => match[1]);
  const recipes = blocks.filter((block) => /^describe\(/m.test(block));
  assert.equal(recipes.length, 1, "the README has one mocha recipe");
  return recipes[0];
}

/** Pulumi's report of promises left pending at exit. */
const LEAK_REPORT = /promises? (were|was) still active/;

describe("package: a newcomer's project runs the README's test recipe and the offline preview", function () {
  this.timeout(240_000);
  let work: string;
  let cli: string;

  /** Runs `command` in the project; stdout and stderr together. */
  function inProject(command: string, args: readonly string[]) {
    const result = spawnSync(command, [...args], {
      cwd: work,
      encoding: "utf8",
      timeout: 120_000,
      env: { ...process.env, PULUMI_DEBUG_PROMISE_LEAKS: "" },
    });
    return { status: result.status, output: `${result.stdout}${result.stderr}` };
  }

  before(function () {
    work = fs.mkdtempSync(path.join(os.tmpdir(), "flame-newcomer-"));
    const { installed } = packInto(work);
    cli = path.join(installed, "dist/cli/main.js");
    linkDependencies(work);
    fs.cpSync(path.join(ROOT, "examples/basic"), work, {
      recursive: true,
      filter: (source) => !source.includes(`${path.sep}node_modules`),
    });
    fs.writeFileSync(path.join(work, "test/index.test.ts"), readmeRecipe());
  });

  after(() => {
    if (work) fs.rmSync(work, { recursive: true, force: true });
  });

  it("npm test passes both tests of the recipe, with no leaked-promise report", () => {
    const { status, output } = inProject("npm", ["test", "--silent"]);
    assert.equal(status, 0, output);
    assert.match(output, /^\s+2 passing/m, output);
    assert.doesNotMatch(output, /failing/, output);
    assert.doesNotMatch(output, LEAK_REPORT, output);
  });

  it("flame-runner-pod preview prints the runner of the project's own program", () => {
    const { status, output } = inProject(process.execPath, [cli, "preview", "."]);
    assert.equal(status, 0, output);
    assert.match(output, /runnerPodName: "myapp-7d9c8b6f5d-x2x9k58f61ff18e4ecd14523a"/);
    assert.match(output, /^Runner pod manifest/m);
  });

  it("flame-runner-pod preview --pods answers Pod.get from the file named", () => {
    const pods = path.join(work, "pods.yaml");
    fs.writeFileSync(
      pods,
      fs
        .readFileSync(path.join(work, "parent-pod.yaml"), "utf8")
        .replace(/myapp:1\.4\.2/g, "myapp:9.9.9"),
    );
    const { status, output } = inProject(process.execPath, [cli, "preview", ".", "--pods", pods]);
    assert.equal(status, 0, output);
    assert.match(output, /^Pods read from pods\.yaml$/m);
    assert.match(output, /image: ghcr\.io\/acme\/myapp:9\.9\.9$/m);
  });

  it("flame-runner-pod preview exits 1 with the rule's message when the program's runner is refused", () => {
    const { status, output } = inProject(process.execPath, [
      cli,
      "preview",
      ".",
      "--config",
      "parentPod=production/gone",
    ]);
    assert.equal(status, 1, output);
    assert.match(output, /"production\/gone" not found/);
    assert.doesNotMatch(output, /^\s+at /m);
  });

  it("flame-runner-pod preview exits 2 for a --pods file that does not exist", () => {
    const { status, output } = inProject(process.execPath, [
      cli,
      "preview",
      ".",
      "--pods",
      "none.yaml",
    ]);
    assert.equal(status, 2, output);
    assert.match(output, /^error: --pods .*none\.yaml: no such file$/m);
  });

  it("flame-runner-pod preview runs a TypeScript program without ts-node in the project (Pulumi's own, with the project's typescript)", () => {
    fs.rmSync(path.join(work, "node_modules", "ts-node"));
    const { status, output } = inProject(process.execPath, [cli, "preview", "."]);
    assert.equal(status, 0, output);
    assert.match(output, /runnerPodName: "myapp-7d9c8b6f5d-x2x9k58f61ff18e4ecd14523a"/);
  });
});
