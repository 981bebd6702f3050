/**
 * The `yaml` package, loaded on first use: it is most of what the command
 * line costs to start (bench/README.md, "check's start time"), and a JSON
 * input or a `--help` never needs it.
 */
import type * as Yaml from "yaml";

/** The `yaml` module (required once; Node caches it). */
export function yaml(): typeof Yaml {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require("yaml") as typeof Yaml;
}
