/**
 * `npm run preview [-- <example dir>] [--pods <file>] [--config key=value ...]`:
 * `flame-runner-pod preview` on this repository's examples, against its
 * source (`pulumi-flame-k8s` resolves to `src/index.ts`). Offline: no
 * cluster, no Pulumi CLI. Exit code 0 on success, 1 when the program fails
 * (for example a runner pod rule refuses the input), 2 for a bad command line.
 */
import { parseArgs } from "node:util";
import { previewCommand, PREVIEW_OPTIONS } from "../src/cli/preview/args";
import { preview } from "../src/cli/preview/command";
import { PREVIEW_STACK } from "../src/cli/preview/run-program";
import { PACKAGE_ENTRY } from "./preview/run-program";

/** The example the preview runs when none is named. */
export const DEFAULT_EXAMPLE = "examples/basic";

const USAGE = `usage: npm run preview [-- <example dir>] [--pods <file>] [--stack <name>] [--config key=value ...]

Runs the example program offline (Pulumi mock engine, no cluster, no Pulumi CLI),
as flame-runner-pod preview does for a program of one's own.
  <example dir>          default ${DEFAULT_EXAMPLE}
  --pods <file>          answer Pod.get from this file of pods (default <example dir>/parent-pod.yaml)
  --fixtures <dir>       answer Pod.get from <dir>/parent-pod.yaml
  --stack <name>         read config from Pulumi.<name>.yaml (default ${PREVIEW_STACK})
  -c, --config key=value set a config value (repeatable), e.g. --config parentPodFile=parent-pod.yaml
  -h, --help             show this help`;

async function main(argv: readonly string[]): Promise<number> {
  const io = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr };
  try {
    const { values, positionals } = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: { ...PREVIEW_OPTIONS, fixtures: { type: "string" } },
    });
    if (values.help) {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    const command = previewCommand(
      values,
      positionals.length > 0 ? positionals : [DEFAULT_EXAMPLE],
    );
    return await preview(command, io, {
      packageEntry: PACKAGE_ENTRY,
      ...(values.fixtures !== undefined ? { fixtureDir: values.fixtures } : {}),
    });
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    process.stderr.write(`error: ${message}\n\n${USAGE}\n`);
    return 2;
  }
}

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
