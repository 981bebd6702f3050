/**
 * The `preview` command: runs a Pulumi program offline under the mock engine
 * and prints what `pulumi preview` would, plus the runner pod manifests.
 * Loaded by the command line only for `preview` (it loads `@pulumi/pulumi`).
 */
import * as path from "node:path";
import type { CliIO } from "../io";
import type { PreviewCommand } from "./args";
import { ProjectError } from "./project";
import { renderReport } from "./render-report";
import { runProgram, type PreviewOptions } from "./run-program";
import { registerTypeScript } from "./typescript";

/**
 * Runs the offline preview of `command.dir` and prints the report on stdout.
 *
 * @param command - the parsed command line (or, for `npm run preview`, the
 *   same with the repository's options).
 * @param io - the streams.
 * @param extra - options for the repository's own examples (`packageEntry`,
 *   `fixtureDir`).
 * @returns the exit code: 0 the program ran, 1 it failed (a rule refused its
 *   input, it threw), 2 the directory is not a runnable project, or a pods
 *   file is missing or not pods.
 */
export async function preview(
  command: PreviewCommand,
  io: CliIO,
  extra: Pick<PreviewOptions, "packageEntry" | "fixtureDir"> = {},
): Promise<number> {
  try {
    const dir = path.resolve(command.dir);
    registerTypeScript(dir);
    const result = await runProgram({
      dir,
      config: command.config,
      ...(command.stack !== undefined ? { stack: command.stack } : {}),
      ...(command.pods !== undefined ? { pods: command.pods } : {}),
      ...extra,
    });
    io.stdout.write(renderReport(result));
    return result.error === undefined ? 0 : 1;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    io.stderr.write(`error: ${message}\n`);
    return err instanceof ProjectError ? 2 : 1;
  }
}
