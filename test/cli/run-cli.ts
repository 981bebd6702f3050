/**
 * Runs the command line in this process with captured streams, for tests.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { Readable } from "node:stream";
import { parse } from "yaml";
import { run } from "../../src/cli/main";
import type { PodManifest } from "../../src/types";

/** The parent pod file of examples/basic (`kubectl get pod -o yaml` of a Deployment's pod). */
export const PARENT_FILE = path.resolve(__dirname, "../../examples/basic/parent-pod.yaml");

/** What one run of the command line produced. */
export interface CliResult {
  /** The exit code `run` returned. */
  code: number;
  /** Everything written to stdout. */
  stdout: string;
  /** Everything written to stderr. */
  stderr: string;
}

/**
 * Runs `flame-runner-pod <argv>` with `stdin` as its standard input.
 *
 * @param argv - the arguments after the program name.
 * @param stdin - the text on stdin. Default: empty.
 */
export async function runCli(argv: readonly string[], stdin = ""): Promise<CliResult> {
  let stdout = "";
  let stderr = "";
  const code = await run(argv, {
    stdin: Readable.from([Buffer.from(stdin)]),
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
  });
  return { code, stdout, stderr };
}

/**
 * Runs `flame-runner-pod render <argv>`, asserts it exits 0, and gives the
 * manifest it printed.
 *
 * @param argv - the arguments after `render`.
 * @param stdin - the text on stdin. Default: empty.
 */
export async function renderOk(argv: readonly string[], stdin = ""): Promise<PodManifest> {
  const result = await runCli(["render", ...argv], stdin);
  assert.equal(result.code, 0, result.stderr);
  return parse(result.stdout) as PodManifest;
}

/**
 * Writes `text` to a file named `name` in a fresh temporary directory.
 *
 * @returns the file's path.
 */
export function tempFile(name: string, text: string): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "flame-cli-")), name);
  fs.writeFileSync(file, text);
  return file;
}

/** True when `text` looks like it holds a JavaScript stack trace. */
export function hasStackTrace(text: string): boolean {
  return /^\s+at .+[:(]/m.test(text);
}

/** What one run of the command line loaded (see {@link modulesLoadedBy}). */
export interface LoadedModules {
  /** The files of the `require` cache, relative to the repository (`src/cli/check.ts`, `node_modules/yaml/...`). */
  files: string[];
  /** Node.js's own modules (`fs/promises`, `internal/streams/readable`...). */
  builtins: string[];
}

/**
 * Runs the command line once in a fresh process, from source (under
 * ts-node), with stdin unused and the output discarded, and lists what it
 * loaded.
 *
 * @param argv - the arguments after the program name.
 */
export function modulesLoadedBy(argv: readonly string[]): LoadedModules {
  const root = path.resolve(__dirname, "../..");
  const script = `const { run } = require("./src/cli/main");
    const sink = { write: () => true };
    run(${JSON.stringify(argv)}, { stdin: process.stdin, stdout: sink, stderr: sink }).then(() => {
      console.log(JSON.stringify({
        files: Object.keys(require.cache),
        builtins: process.moduleLoadList.filter((m) => m.startsWith("NativeModule ")).map((m) => m.slice(13)),
      }));
    });`;
  const result = spawnSync(
    process.execPath,
    ["-r", "ts-node/register/transpile-only", "-e", script],
    {
      cwd: root,
      encoding: "utf8",
      timeout: 60_000,
    },
  );
  assert.equal(result.status, 0, result.stderr);
  const loaded = JSON.parse(result.stdout) as LoadedModules;
  return {
    files: loaded.files.map((file) => path.relative(root, file).split(path.sep).join("/")),
    builtins: loaded.builtins,
  };
}
