/**
 * Runs the command line in this process with captured streams, for tests.
 */
import { Readable } from "node:stream";
import { run } from "../../src/cli/main";

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

/** True when `text` looks like it holds a JavaScript stack trace. */
export function hasStackTrace(text: string): boolean {
  return /^\s+at .+[:(]/m.test(text);
}
