#!/usr/bin/env node
/**
 * `flame-runner-pod`: the runner pod rules on the command line. {@link run}
 * does everything and returns the exit code; the entry at the bottom only
 * connects it to the process.
 */
import { FlameRunnerPodError } from "../errors";
import { parseCliArgs, UsageError } from "./args";
import { diff } from "./diff";
import { InputError, type CliIO } from "./io";
import { render } from "./render";
import { USAGE } from "./usage";
import { cliWording } from "./wording";

export type { CliIO } from "./io";

/** Exit codes of {@link run}. */
export const EXIT = { ok: 0, refused: 1, usage: 2 } as const;

/**
 * Runs the command line.
 *
 * @param argv - the arguments after the program name.
 * @param io - stdin, stdout and stderr.
 * @returns the exit code: 0 printed (a manifest, or the changes of `diff`), 1 input refused (rule or document error),
 *   2 bad command line. Errors are written to stderr as one message, never a
 *   stack trace.
 */
export async function run(argv: readonly string[], io: CliIO): Promise<number> {
  try {
    const command = parseCliArgs(argv);
    if (command.command === "help") {
      io.stdout.write(USAGE);
      return EXIT.ok;
    }
    if (command.command === "preview") {
      // Loads @pulumi/pulumi: only for this command.
      const { preview } = await import("./preview/command");
      return await preview(command, io);
    }
    if (command.command === "diff") {
      await diff(command, io);
    } else {
      await render(command, io);
    }
    return EXIT.ok;
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr.write(`error: ${err.message}\nRun flame-runner-pod --help for the flags.\n`);
      return EXIT.usage;
    }
    if (err instanceof FlameRunnerPodError || err instanceof InputError) {
      io.stderr.write(`error: ${cliWording(err.message)}\n`);
      return EXIT.refused;
    }
    const message = err instanceof Error ? err.message : String(err);
    io.stderr.write(`error: unexpected failure: ${message}\n`);
    return EXIT.refused;
  }
}

if (require.main === module) {
  void run(process.argv.slice(2), {
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
  }).then((code) => {
    process.exitCode = code;
  });
}
