/**
 * `flame-runner-pod preview`'s command line (the preview itself runs from the
 * packed package in test/package/readme-recipe.test.ts, and on the examples
 * in test/examples/).
 */
import assert from "node:assert/strict";
import { parseCliArgs } from "../../src/cli/args";
import { UsageError } from "../../src/cli/usage-error";
import { runCli } from "./run-cli";

describe("cli: flame-runner-pod preview <program-dir> [--pods <file>]", () => {
  it("reads the directory, --pods, --stack and repeated --config key=value", () => {
    assert.deepEqual(
      parseCliArgs([
        "preview",
        "infra",
        "--pods",
        "p.yaml",
        "--stack",
        "ci",
        "-c",
        "a=1",
        "--config",
        "p:b=x=y",
      ]),
      {
        command: "preview",
        dir: "infra",
        pods: "p.yaml",
        stack: "ci",
        config: { a: "1", "p:b": "x=y" },
      },
    );
    assert.deepEqual(parseCliArgs(["preview", "."]), { command: "preview", dir: ".", config: {} });
    assert.deepEqual(parseCliArgs(["preview", "--help"]), { command: "help" });
  });

  const refused: [string[], RegExp][] = [
    [["preview"], /^missing <program-dir>/],
    [["preview", "a", "b"], /^one <program-dir> only, got a b$/],
    [["preview", ".", "--pods", ""], /^--pods needs a value$/],
    [["preview", ".", "-c", "novalue"], /^--config must be key=value, got "novalue"$/],
  ];
  for (const [argv, message] of refused) {
    it(`refuses ${argv.join(" ")} (exit 2)`, async () => {
      assert.throws(
        () => parseCliArgs(argv),
        (error: unknown) => error instanceof UsageError && message.test(error.message),
      );
      assert.equal((await runCli(argv)).code, 2);
    });
  }

  it("exits 2 for a directory that is not a Pulumi project, with one message", async () => {
    const result = await runCli(["preview", "test/fixtures/cli"]);
    assert.equal(result.code, 2);
    assert.match(
      result.stderr,
      /^error: .*test\/fixtures\/cli: not a Pulumi project \(no Pulumi\.yaml\)\n$/,
    );
    assert.equal(result.stdout, "");
  });
});
