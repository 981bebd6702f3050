import assert from "node:assert/strict";
import { parseCliArgs } from "../../src/cli/args";
import { UsageError } from "../../src/cli/usage-error";

describe("cli: parseCliArgs", () => {
  it("reads render with only --parent, with the defaults", () => {
    assert.deepEqual(parseCliArgs(["render", "--parent", "pod.yaml"]), {
      command: "render",
      parent: "pod.yaml",
      omitOwnerReference: false,
      output: "yaml",
    });
  });

  it("reads every flag, long and short", () => {
    assert.deepEqual(
      parseCliArgs([
        "render",
        "-p",
        "-",
        "-t",
        "tpl.yaml",
        "--encoded-parent",
        "ENC",
        "--app-container",
        "web",
        "--omit-owner-reference",
        "--runner-id",
        "abc123",
        "-o",
        "json",
      ]),
      {
        command: "render",
        parent: "-",
        template: "tpl.yaml",
        encodedParent: "ENC",
        appContainer: "web",
        omitOwnerReference: true,
        runnerId: "abc123",
        output: "json",
      },
    );
    assert.equal(parseCliArgs(["render", "--parent=p.yaml", "--output=yaml"]).command, "render");
  });

  it("reads --help, -h and help as the help command", () => {
    for (const argv of [["--help"], ["-h"], ["help"], ["render", "--help"], ["render", "-h"]]) {
      assert.deepEqual(parseCliArgs(argv), { command: "help" }, argv.join(" "));
    }
  });

  const usageErrors: [string[], RegExp][] = [
    [[], /missing command/],
    [["draw"], /unknown command "draw"/],
    [["render"], /missing --parent/],
    [["render", "--parent", "p.yaml", "--bogus"], /unknown option --bogus/],
    [["render", "--parent", "p.yaml", "extra"], /unexpected argument "extra"/],
    [["render", "--parent"], /--parent/],
    [["render", "--parent", "p.yaml", "--output", "xml"], /--output must be yaml or json/],
    [["render", "--parent", "p.yaml", "--output", "ymal"], /\(got "ymal"\); did you mean "yaml"\?/],
    [["render", "--parent", "-", "--template", "-"], /cannot both read stdin/],
    [["render", "--parent", "p.yaml", "--runner-id", ""], /--runner-id needs a value/],
  ];
  for (const [argv, message] of usageErrors) {
    it(`refuses ${JSON.stringify(argv)} with a UsageError`, () => {
      assert.throws(
        () => parseCliArgs(argv),
        (err: unknown) => {
          assert.ok(err instanceof UsageError);
          assert.match(err.message, message);
          return true;
        },
      );
    });
  }
});
