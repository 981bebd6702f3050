/**
 * The `check` command: runs everything the library knows about a parent and a
 * template (the runner pod rules, the Pod validation, the FLAME runtime
 * checks) and prints every problem with its severity, code and path, and no
 * manifest. Meant for a CI step per runner template.
 */
import { FlameRunnerPodError } from "../errors";
import { runnerPodManifestFromStart } from "../rules/manifest";
import { placeholderRunnerId, profileOf } from "../rules/profiles";
import type { RunnerPodOptions } from "../types";
import type { CheckCommand } from "./args";
import { readCliInputs } from "./inputs";
import { InputError, type CliIO } from "./io";
import { v07SecretEnv } from "./secret-env";

/**
 * The `FLAME_PARENT` and runner ids `check` builds the runner with: it prints
 * no manifest, and a fixed id spares loading the random source.
 */
const CHECK_ENCODED_PARENT = "PLACEHOLDER-check-prints-no-manifest";

/** One problem as `check` prints it. */
export interface CheckProblem {
  /** A stable kebab-case code (`runner-cannot-cluster`, `unknown-field`...). */
  code: string;
  /** The field path (`spec.containers[0].env`), or the input (`--parent pod.yaml`). */
  path: string;
  /** What is wrong and what to do. */
  message: string;
}

/** What `check` found: `-o json` prints exactly this. */
export interface CheckReport {
  /** The problems that refuse the runner. */
  errors: CheckProblem[];
  /** The problems that will fail at run time, or that the backend overwrites. */
  warnings: CheckProblem[];
}

/**
 * Finds every problem of the command's parent and template.
 *
 * @param command - the parsed command line.
 * @param io - the streams (stdin for `-`; stderr gets the note about a workload parent).
 * @returns the errors and warnings, in the order found.
 * @throws UsageError for an unreadable file.
 */
export async function checkReport(command: CheckCommand, io: CliIO): Promise<CheckReport> {
  const report: CheckReport = { errors: [], warnings: [] };
  try {
    const inputs = await readCliInputs(command, io, command.backend);
    const env =
      inputs.env !== undefined || command.env !== undefined
        ? { ...inputs.env, ...command.env }
        : undefined;
    const options: RunnerPodOptions = {
      onWarning: (_line, issue) => {
        report.warnings.push({ code: issue.code, path: issue.path, message: issue.message });
      },
      runnerId: placeholderRunnerId(command.backend),
      ...(command.appContainer !== undefined ? { appContainerName: command.appContainer } : {}),
      ...(command.backend !== undefined ? { backend: command.backend } : {}),
      ...(env !== undefined ? { env } : {}),
      ...(inputs.workloadSelector !== undefined
        ? { workloadSelector: inputs.workloadSelector }
        : {}),
      // The runner reads the Secret the backend creates at run time (v0.7.0: always).
      ...(profileOf(command.backend).createsRunnerSecret ? { secretEnv: v07SecretEnv() } : {}),
    };
    runnerPodManifestFromStart(inputs.parent, inputs.start, CHECK_ENCODED_PARENT, options);
  } catch (error) {
    if (error instanceof FlameRunnerPodError) {
      for (const issue of error.issues) {
        report.errors.push({ code: issue.code, path: issue.path, message: issue.message });
      }
    } else if (error instanceof InputError) {
      const at = error.message.indexOf(": ");
      report.errors.push({
        code: "invalid-input",
        path: at === -1 ? "input" : error.message.slice(0, at),
        message: at === -1 ? error.message : error.message.slice(at + 2),
      });
    } else throw error;
  }
  return report;
}

/** The report as text: one line per problem (`error invalid path: message`), then a summary. */
export function formatReport(report: CheckReport): string {
  const lines = [
    ...report.errors.map((p) => `error ${p.code} ${p.path}: ${p.message}`),
    ...report.warnings.map((p) => `warning ${p.code} ${p.path}: ${p.message}`),
  ];
  const count = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  lines.push(
    `${count(report.errors.length, "error")}, ${count(report.warnings.length, "warning")}`,
  );
  return `${lines.join("\n")}\n`;
}

/**
 * Runs `check`: prints every problem (`-o text`, or the {@link CheckReport}
 * as JSON) on stdout.
 *
 * @param command - the parsed command line.
 * @param io - the streams.
 * @returns the exit code: 0 without errors and with at most `--max-warnings`
 *   warnings, else 1.
 * @throws UsageError for an unreadable file.
 */
export async function check(command: CheckCommand, io: CliIO): Promise<number> {
  const report = await checkReport(command, io);
  io.stdout.write(
    command.output === "json" ? `${JSON.stringify(report, null, 2)}\n` : formatReport(report),
  );
  const tooMany = command.maxWarnings !== undefined && report.warnings.length > command.maxWarnings;
  if (tooMany && command.output === "text") {
    io.stderr.write(
      `error: ${report.warnings.length} warnings, more than --max-warnings ${command.maxWarnings}\n`,
    );
  }
  return report.errors.length > 0 || tooMany ? 1 : 0;
}
