/**
 * `npm run preview [-- <example dir>] [--config key=value ...]`: runs an
 * example program in this process under the Pulumi mock engine and prints
 * what `pulumi preview` would, plus the runner pod manifest. Offline: no
 * cluster, no Pulumi CLI. Exit code 0 on success, 1 when the program fails
 * (for example a runner pod rule refuses the input), 2 for a bad command line.
 */
import { parseArgs } from "node:util";
import { renderReport } from "./preview/render-report";
import { ProjectError } from "./preview/project";
import { PREVIEW_STACK, runProgram } from "./preview/run-program";

/** The example the preview runs when none is named. */
export const DEFAULT_EXAMPLE = "examples/basic";

const USAGE = `usage: npm run preview [-- <example dir>] [--stack <name>] [--config key=value ...]

Runs the example program offline (Pulumi mock engine, no cluster, no Pulumi CLI).
  <example dir>          default ${DEFAULT_EXAMPLE}
  --stack <name>         read config from Pulumi.<name>.yaml (default ${PREVIEW_STACK})
  --fixtures <dir>       answer reads from <dir>/parent-pod.yaml (default: the example dir)
  -c, --config key=value set a config value (repeatable), e.g. --config parentPodFile=parent-pod.yaml
  -h, --help             show this help`;

function parseConfig(pairs: readonly string[]): Record<string, string> {
  const config: Record<string, string> = {};
  for (const pair of pairs) {
    const at = pair.indexOf("=");
    if (at <= 0) {
      throw new TypeError(`--config expects key=value, got "${pair}"`);
    }
    config[pair.slice(0, at)] = pair.slice(at + 1);
  }
  return config;
}

async function main(argv: readonly string[]): Promise<number> {
  let dir: string;
  let stack: string | undefined;
  let fixtureDir: string | undefined;
  let config: Record<string, string>;
  try {
    const { values, positionals } = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        stack: { type: "string" },
        fixtures: { type: "string" },
        config: { type: "string", short: "c", multiple: true },
        help: { type: "boolean", short: "h" },
      },
    });
    if (values.help) {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    if (positionals.length > 1) {
      throw new TypeError(`one example directory at most, got ${positionals.join(" ")}`);
    }
    dir = positionals[0] ?? DEFAULT_EXAMPLE;
    stack = values.stack;
    fixtureDir = values.fixtures;
    config = parseConfig(values.config ?? []);
  } catch (err) {
    process.stderr.write(
      `error: ${err instanceof Error ? err.message : String(err)}\n\n${USAGE}\n`,
    );
    return 2;
  }
  try {
    const result = await runProgram({
      dir,
      config,
      ...(stack ? { stack } : {}),
      ...(fixtureDir ? { fixtureDir } : {}),
    });
    process.stdout.write(renderReport(result));
    return result.error === undefined ? 0 : 1;
  } catch (err) {
    if (err instanceof ProjectError) {
      process.stderr.write(`error: ${err.message}\n`);
      return 2;
    }
    process.stderr.write(`error: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
}

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
