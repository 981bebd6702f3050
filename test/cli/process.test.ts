import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { hasStackTrace } from "./run-cli";

const ROOT = path.resolve(__dirname, "../..");

/**
 * Runs the CLI as its own process, from source under ts-node (a build in
 * dist/ may be stale).
 */
function spawnCli(
  argv: readonly string[],
  stdin = "",
): { status: number | null; stdout: string; stderr: string } {
  const entry = ["-r", "ts-node/register/transpile-only", path.join(ROOT, "src/cli/main.ts")];
  const result = spawnSync(process.execPath, [...entry, ...argv], {
    cwd: ROOT,
    input: stdin,
    encoding: "utf8",
    timeout: 15_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("cli: as a process", () => {
  it("exits 1 for a refused input and 2 for a bad command line, never with a stack trace", function () {
    this.timeout(40_000);
    const parent = fs.readFileSync(path.join(ROOT, "examples/basic/parent-pod.yaml"), "utf8");
    const refused = spawnCli(
      [
        "render",
        "--parent",
        "-",
        "--template",
        path.join(ROOT, "test/fixtures/cli/seed-template-typo.yaml"),
      ],
      parent,
    );
    assert.equal(refused.status, 1);
    assert.match(refused.stderr, /^error: .*limimts/m);
    assert.ok(!hasStackTrace(refused.stderr), refused.stderr);

    const usage = spawnCli(["render", "--nope"]);
    assert.equal(usage.status, 2);
    assert.match(usage.stderr, /^error: unknown option --nope/);
    assert.ok(!hasStackTrace(usage.stderr), usage.stderr);
  });
});
