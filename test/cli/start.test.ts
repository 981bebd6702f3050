/**
 * `check`'s start time (bench/README.md) comes mostly from the modules it
 * loads, so `check` of a pod given as JSON loads only what it uses: not the
 * YAML parser, not the upgrade rules of `diff`, not the readers of a
 * `--template` file or of a workload parent, not `preview`'s flags, not
 * `node:fs/promises`. Each of them still loads when an input needs it. And
 * the process writes its output without opening `process.stdout`'s stream.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { parse, stringify } from "yaml";
import { stdoutSink, type ByteSink } from "../../src/cli/io";
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

describe("cli: stdout is written without opening process.stdout", () => {
  /** A stream that records what it was given, as text. */
  function recordingStream(): ByteSink & { text: string; opened: number } {
    const stream = {
      text: "",
      opened: 0,
      write: (bytes: Uint8Array) => (stream.text += Buffer.from(bytes).toString("utf8")),
    };
    return stream;
  }

  it("writes every byte to file descriptor 1, in order, however few each write takes", function () {
    if (process.platform === "win32") this.skip();
    let written = "";
    const stream = recordingStream();
    const sink = stdoutSink(
      (fd, bytes, offset) => {
        assert.equal(fd, 1);
        const part = bytes.subarray(offset, offset + 3); // at most 3 bytes a write
        written += Buffer.from(part).toString("latin1");
        return part.length;
      },
      () => (stream.opened++, stream),
    );
    sink.write("héllo, ");
    sink.write("");
    sink.write("wörld\n");
    assert.equal(Buffer.from(written, "latin1").toString("utf8"), "héllo, wörld\n");
    assert.equal(stream.opened, 0);
  });

  it("from a write that fails on (a full or closed pipe), process.stdout takes the rest, in order", function () {
    if (process.platform === "win32") this.skip();
    let written = "";
    let calls = 0;
    const stream = recordingStream();
    const sink = stdoutSink(
      (_fd, bytes, offset) => {
        if (++calls > 1) throw Object.assign(new Error("EAGAIN"), { code: "EAGAIN" });
        const part = bytes.subarray(offset, offset + 4);
        written += Buffer.from(part).toString("utf8");
        return part.length;
      },
      () => (stream.opened++, stream),
    );
    sink.write("first line\n");
    sink.write("second line\n");
    assert.equal(written, "firs");
    assert.equal(stream.text, "t line\nsecond line\n");
    assert.equal(stream.opened, 1);
    assert.equal(calls, 2);
  });

  it("the command line as a process prints its report without reading process.stdout, except preview", function () {
    this.timeout(60_000);
    if (process.platform === "win32") this.skip();
    // Loaded after ts-node (which reads process.stdout itself): counts the reads from then on.
    const counter = tempFile(
      "count-stdout.js",
      `const get = Object.getOwnPropertyDescriptor(process, "stdout").get;
      let reads = 0;
      Object.defineProperty(process, "stdout", { configurable: true, get() { reads++; return get.call(this); } });
      process.on("exit", () => require("fs").writeSync(2, "process.stdout read " + reads + " times"));`,
    );
    const pod = tempFile("pod.json", JSON.stringify(parse(fs.readFileSync(PARENT_FILE, "utf8"))));
    const runWith = (argv: readonly string[]) =>
      spawnSync(
        process.execPath,
        ["-r", "ts-node/register/transpile-only", "-r", counter, "src/cli/main.ts", ...argv],
        { cwd: ROOT, encoding: "utf8", timeout: 60_000 },
      );
    const result = runWith(["check", "--parent", pod]);
    assert.equal(result.status, 0, result.stderr);
    assert.equal(result.stdout, "0 errors, 0 warnings\n");
    assert.equal(result.stderr, "process.stdout read 0 times");
    // preview runs a program that writes to process.stdout: its own output takes that stream too.
    const preview = runWith(["preview", "--help"]);
    assert.equal(preview.status, 0, preview.stderr);
    assert.match(preview.stdout, /flame-runner-pod preview/);
    assert.match(preview.stderr, /^process\.stdout read [1-9]\d* times$/);
  });
});
