/**
 * Runs the command line in this process with captured streams, for tests.
 */
import assert from "node:assert/strict";
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
