/**
 * The `render` command: reads the parent pod and the template, applies the
 * runner pod rules and prints the runner manifest.
 */
import { runnerPodManifestFromStart } from "../rules/manifest";
import { profileOf } from "../rules/profiles";
import { formatIssue, issue } from "../issues/issue";
import { FieldPath } from "../issues/path";
import type { PodManifest } from "../types";
import type { RenderCommand } from "./args";
import { yaml, type CliIO } from "./io";
import { readCliInputs } from "./inputs";
import { v07SecretEnv } from "./secret-env";
import { cliWording } from "./wording";

/**
 * The `FLAME_PARENT` value used when `--encoded-parent` is not given: clearly
 * not a real encoded parent (FLAME creates that at runtime), so a manifest
 * printed for a look is never mistaken for one to apply as is.
 */
export const PLACEHOLDER_ENCODED_PARENT = "PLACEHOLDER-set-with--encoded-parent";

/** Formats a manifest for stdout. */
export function formatManifest(manifest: PodManifest, output: RenderCommand["output"]): string {
  return output === "json" ? `${JSON.stringify(manifest, null, 2)}\n` : yaml().stringify(manifest);
}

/**
 * Runs `render`: reads the inputs, builds the manifest with the runner pod
 * rules, writes it to stdout and every warning to stderr (in the command
 * line's terms). A Deployment or StatefulSet as parent stands for the pod it
 * will create (a note on stderr names it). Under v0.7 the runner reads the
 * Secret v0.7.0 always creates ({@link v07SecretEnv}). Without `--encoded-parent`, one
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
  const {
    parent,
    start,
    workloadSelector,
    env: fileEnv,
  } = await readCliInputs(command, io, command.backend);
  const env =
    fileEnv !== undefined || command.env !== undefined ? { ...fileEnv, ...command.env } : undefined;
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
      ...(env !== undefined ? { env } : {}),
      ...(workloadSelector !== undefined ? { workloadSelector } : {}),
      ...(profileOf(command.backend).createsRunnerSecret ? { secretEnv: v07SecretEnv() } : {}),
    },
  );
  if (command.encodedParent === undefined) {
    warn(
      formatIssue(
        issue(
          "encoded-parent-placeholder",
          FieldPath.root("encodedParent"),
          `not given: FLAME_PARENT is the placeholder "${PLACEHOLDER_ENCODED_PARENT}"; FLAME sets the real value when it starts a runner`,
        ),
      ),
    );
  }
  io.stdout.write(formatManifest(manifest, command.output));
}
