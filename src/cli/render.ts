/**
 * The `render` command: reads the parent pod and the template, applies the
 * runner pod rules and prints the runner manifest.
 */
import { stringify } from "yaml";
import { runnerPodManifestFromStart } from "../rules";
import type { PodManifest } from "../types";
import type { RenderCommand } from "./args";
import type { CliIO } from "./io";
import { readCliInputs } from "./inputs";
import { cliWording } from "./wording";

/**
 * The `FLAME_PARENT` value used when `--encoded-parent` is not given: clearly
 * not a real encoded parent (FLAME creates that at runtime), so a manifest
 * printed for a look is never mistaken for one to apply as is.
 */
export const PLACEHOLDER_ENCODED_PARENT = "PLACEHOLDER-set-with--encoded-parent";

/** Formats a manifest for stdout. */
export function formatManifest(manifest: PodManifest, output: RenderCommand["output"]): string {
  return output === "json" ? `${JSON.stringify(manifest, null, 2)}\n` : stringify(manifest);
}

/**
 * Runs `render`: reads the inputs, builds the manifest with the runner pod
 * rules, writes it to stdout and every warning to stderr (in the command
 * line's terms). A Deployment or StatefulSet as parent stands for the pod it
 * will create (a note on stderr names it). Without `--encoded-parent`, one
 * warning says `FLAME_PARENT` is the placeholder: only when a manifest is
 * printed.
 *
 * @param command - the parsed command line.
 * @param io - the streams.
 * @throws UsageError (unreadable file), InputError (not a document, or a
 *   parent of another kind) or
 *   FlameRunnerPodError (a rule refused the input).
 */
export async function render(command: RenderCommand, io: CliIO): Promise<void> {
  const { parent, start } = await readCliInputs(command, io, command.backend);
  const warn = (message: string): void => {
    io.stderr.write(`warning: ${cliWording(message)}\n`);
  };
  const manifest = runnerPodManifestFromStart(
    parent,
    start,
    command.encodedParent ?? PLACEHOLDER_ENCODED_PARENT,
    {
      omitOwnerReference: command.omitOwnerReference,
      onWarning: warn,
      ...(command.appContainer !== undefined ? { appContainerName: command.appContainer } : {}),
      ...(command.runnerId !== undefined ? { runnerId: command.runnerId } : {}),
      ...(command.backend !== undefined ? { backend: command.backend } : {}),
      ...(command.env !== undefined ? { env: command.env } : {}),
    },
  );
  if (command.encodedParent === undefined) {
    warn(
      `no --encoded-parent: FLAME_PARENT is the placeholder "${PLACEHOLDER_ENCODED_PARENT}"; FLAME sets the real value when it starts a runner`,
    );
  }
  io.stdout.write(formatManifest(manifest, command.output));
}
