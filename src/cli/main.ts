#!/usr/bin/env node
/**
 * `flame-runner-pod`: the runner pod rules on the command line. {@link run}
 * does everything and returns the exit code; the entry at the bottom only
 * connects it to the process.
 */
import { FlameRunnerPodError } from "../errors";
import { parseCliArgs } from "./args";
import { UsageError } from "./usage-error";
import { InputError, stdoutSink, type CliIO } from "./io";
import { cliWording } from "./wording";

export type { CliIO } from "./io";

/** Exit codes of {@link run}. */
export const EXIT = { ok: 0, refused: 1, usage: 2 } as const;

/**
 * Runs the command line.
 *
 * @param argv - the arguments after the program name.
 * @param io - stdin, stdout and stderr.
 * @returns the exit code: 0 printed (a manifest, or the changes of `diff`), 1 input refused (rule or document error;
 *   `check`: an error, or more warnings than `--max-warnings`), 2 bad command line. Errors are written to stderr as one message, never a
 *   stack trace.
 */
export async function run(argv: readonly string[], io: CliIO): Promise<number> {
  try {
    const command = parseCliArgs(argv);
    // Each command loads only its own modules: `check` starts fast (bench/README.md).
    if (command.command === "help") {
      io.stdout.write((await import("./usage")).USAGE);
      return EXIT.ok;
    }
    if (command.command === "check") return await (await import("./check")).check(command, io);
    if (command.command === "preview") {
      // Loads @pulumi/pulumi: only for this command.
      const { preview } = await import("./preview/command");
      return await preview(command, io);
    }
    if (command.command === "diff") {
      await (await import("./diff")).diff(command, io);
    } else {
      await (await import("./render")).render(command, io);
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
  // stdin and stderr are opened on first use, and stdout is written without
  // its stream: opening them (a pipe loads node:net) is a noticeable part of
  // `check`'s start (bench/README.md). `preview` runs a program that writes
  // to process.stdout itself, so its report takes the same stream, in order.
  const argv = process.argv.slice(2);
  void run(argv, {
    stdin: { [Symbol.asyncIterator]: () => process.stdin[Symbol.asyncIterator]() },
    stdout: argv[0] === "preview" ? process.stdout : stdoutSink(),
    stderr: { write: (text: string) => process.stderr.write(text) },
  }).then((code) => {
    process.exitCode = code;
  });
}
