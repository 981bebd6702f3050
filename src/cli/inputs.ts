/**
 * Reading the inputs `render` and `diff` share: the parent pod (or the pod a
 * workload will create) and the runner's start from `--template`.
 */
import { objectStart, type RunnerPodStart } from "../rules/manifest";
import type { LabelSelector, PodManifest, RunnerPodBackend } from "../types";
import { parseDocument, readSource, type CliIO } from "./io";
import type * as TemplateFile from "./template-file";
import { parentFromDocument } from "./workload-parent";

/** The parent and the start the rules run on. */
export interface CliInputs {
  /** The parent pod. */
  parent: PodManifest;
  /** Where step 1 starts, decided by the template file's shape. */
  start: RunnerPodStart;
  /** The workload's selector, when `--parent` is a Deployment or StatefulSet. */
  workloadSelector?: LabelSelector;
  /** The `env` map of a v0.7 runner template file (`FlameRunnerTemplate`'s), when given. */
  env?: Record<string, string>;
}

/**
 * Reads `--parent` and `--template`. A Deployment or StatefulSet as parent
 * stands for the pod it will create (a note on stderr names it).
 *
 * @param files - the `--parent` file and the optional `--template` file (`-`: stdin).
 * @param io - the streams.
 * @param backend - the profile whose reading of the template applies. Default: `v0.3.3`.
 * @throws UsageError (unreadable file) or InputError (not a document, or a
 *   parent of another kind).
 */
export async function readCliInputs(
  files: { parent: string; template?: string },
  io: CliIO,
  backend?: RunnerPodBackend,
): Promise<CliInputs> {
  const parentText = await readSource(files.parent, "--parent", io.stdin);
  const parentLabel = `--parent ${files.parent}`;
  const parent = parentFromDocument(parseDocument(parentText, parentLabel), parentLabel);
  if (parent.note !== undefined) io.stderr.write(`note: ${parent.note}\n`);
  const selector = parent.selector !== undefined ? { workloadSelector: parent.selector } : {};
  if (files.template === undefined) {
    // No template: the profile's empty start, as the library starts without one.
    return { parent: parent.pod, start: objectStart(undefined, { backend }), ...selector };
  }
  const label = `--template ${files.template}`;
  const doc = parseDocument(await readSource(files.template, "--template", io.stdin), label);
  const { kitTemplateFile, templateStart } = templateFile();
  const kit = kitTemplateFile(doc, label, backend);
  if (kit !== undefined) return { parent: parent.pod, ...kit, ...selector };
  return { parent: parent.pod, start: templateStart(doc, label, backend), ...selector };
}

/**
 * `./template-file`, required on first use: only a `--template` needs it (and
 * through it the kit's runner template file), so `check --parent` without one
 * starts without them (bench/README.md, "check's start time").
 */
function templateFile(): typeof TemplateFile {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require("./template-file") as typeof TemplateFile;
}
