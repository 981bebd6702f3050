/**
 * The `diff` command: what the runner pod of one parent and template loses or
 * gains when flame_k8s_backend is upgraded from v0.3.3 to v0.7
 * ({@link backendUpgradeChanges}).
 */
import { backendUpgradeChanges, type BackendUpgradeChange } from "../rules";
import type { DiffCommand } from "./args";
import { readCliInputs } from "./inputs";
import type { CliIO } from "./io";
import { PLACEHOLDER_ENCODED_PARENT } from "./render";
import { v07SecretEnv } from "./secret-env";

/**
 * Formats the changes for stdout: JSON (an array), or text with one block
 * per change (kind and field, then the explanation).
 *
 * @param changes - the changes, in their order.
 * @param output - `text` or `json`.
 */
export function formatChanges(
  changes: readonly BackendUpgradeChange[],
  output: DiffCommand["output"],
): string {
  if (output === "json") return `${JSON.stringify(changes, null, 2)}\n`;
  const width = Math.max(0, ...changes.map((change) => change.kind.length));
  const lines = changes.map(
    (change) =>
      `  ${change.kind.padEnd(width)}  ${change.path}\n  ${" ".repeat(width)}  ${change.message}\n`,
  );
  const count = `${changes.length} change${changes.length === 1 ? "" : "s"}`;
  return `Upgrading flame_k8s_backend from v0.3.3 to v0.7: ${count} to the runner pod\n\n${lines.join("\n")}`;
}

/**
 * Runs `diff`: reads the parent and the v0.3.3 template (a template object or
 * a callback's pod manifest), runs the rules under both profiles and prints
 * the changes. The v0.7 runner reads its Secret, which v0.7.0 always creates
 * (the cookie, plus the `--secret-env` names).
 *
 * @param command - the parsed command line.
 * @param io - the streams.
 * @throws UsageError (unreadable file), InputError (not a document, a parent
 *   of another kind) or FlameRunnerPodError (a rule of either profile refused
 *   the input).
 */
export async function diff(command: DiffCommand, io: CliIO): Promise<void> {
  const { parent, start } = await readCliInputs(command, io, "v0.3.3");
  const changes = backendUpgradeChanges(parent, start, PLACEHOLDER_ENCODED_PARENT, {
    ...(command.appContainer !== undefined ? { appContainerName: command.appContainer } : {}),
    ...(command.env !== undefined ? { env: command.env } : {}),
    secretEnv: v07SecretEnv(command.secretEnv),
  });
  io.stdout.write(formatChanges(changes, command.output));
}
