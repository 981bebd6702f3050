/**
 * The command line of `flame-runner-pod preview`. Pure: no I/O, and no
 * `@pulumi/pulumi` (loaded only when the preview runs).
 */
import { UsageError } from "../usage-error";

/** `flame-runner-pod preview <program-dir> [--pods <file>] ...`: the offline preview of a Pulumi program. */
export interface PreviewCommand {
  /** The command. */
  command: "preview";
  /** The Pulumi project directory (where `Pulumi.yaml` is). */
  dir: string;
  /** The file of pod manifests that answers `Pod.get`; absent: `<dir>/parent-pod.yaml`. */
  pods?: string;
  /** The stack whose `Pulumi.<stack>.yaml` holds the config; absent: `preview`. */
  stack?: string;
  /** `--config key=value`, in the order given. */
  config: Readonly<Record<string, string>>;
}

/** The flags of `preview`, in parseArgs' form. */
export const PREVIEW_OPTIONS = {
  pods: { type: "string" },
  stack: { type: "string" },
  config: { type: "string", short: "c", multiple: true },
  help: { type: "boolean", short: "h" },
} as const;

/**
 * `--config key=value`, repeated: a map of key → value (the value may hold
 * `=`; the key may carry the `<project>:` prefix).
 *
 * @throws UsageError for a pair without `=` or with an empty key.
 */
export function parseConfigPairs(pairs: readonly string[]): Record<string, string> {
  const config: Record<string, string> = {};
  for (const pair of pairs) {
    const at = pair.indexOf("=");
    if (at <= 0) throw new UsageError(`--config must be key=value, got "${pair}"`);
    config[pair.slice(0, at)] = pair.slice(at + 1);
  }
  return config;
}

/**
 * Builds the `preview` command from the parsed flags and positionals.
 *
 * @throws UsageError without a program directory, with more than one, or
 *   with an empty `--pods` or `--stack`.
 */
export function previewCommand(
  values: { pods?: string; stack?: string; config?: string[] },
  positionals: readonly string[],
): PreviewCommand {
  if (positionals.length === 0) {
    throw new UsageError("missing <program-dir>: flame-runner-pod preview <program-dir>");
  }
  if (positionals.length > 1) {
    throw new UsageError(`one <program-dir> only, got ${positionals.join(" ")}`);
  }
  for (const flag of ["pods", "stack"] as const) {
    if (values[flag] === "") throw new UsageError(`--${flag} needs a value`);
  }
  return {
    command: "preview",
    dir: positionals[0],
    ...(values.pods !== undefined ? { pods: values.pods } : {}),
    ...(values.stack !== undefined ? { stack: values.stack } : {}),
    config: parseConfigPairs(values.config ?? []),
  };
}
