/**
 * The command line of `flame-runner-pod`, parsed with `node:util` parseArgs.
 * Pure: no I/O.
 */
import { UsageError } from "./usage-error";
import { parseArgs, type ParseArgsConfig } from "node:util";
import { profileOf, RUNNER_POD_BACKENDS } from "../rules/profiles";
import type { RunnerPodBackend } from "../types";
import { didYouMean } from "../validation/hints";
import type * as PreviewArgs from "./preview/args";
import type { PreviewCommand } from "./preview/args";

export type { PreviewCommand } from "./preview/args";

/** The output formats of `render`. */
export const OUTPUT_FORMATS = ["yaml", "json"] as const;

/** An output format of `render`. */
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** The runner's inputs that `render` and `diff` both read from the command line. */
export interface RunnerInputFlags {
  /** The parent pod file, or `-` for stdin. */
  parent: string;
  /**
   * The template file (template object or pod manifest; for `diff`, of the
   * v0.3.3 side), or `-` for stdin.
   */
  template?: string;
  /** The app container's name; absent means the parent's first container. */
  appContainer?: string;
  /** `--env K=V`, in the order given (v0.7 only; for `diff`, of the v0.7 side); absent when none. */
  env?: Readonly<Record<string, string>>;
}

/** `flame-runner-pod render ...`: build and print a runner pod manifest. */
export interface RenderCommand extends RunnerInputFlags {
  /** The command. */
  command: "render";
  /** The encoded parent (`FLAME_PARENT`); absent means the placeholder. */
  encodedParent?: string;
  /** Leave out the owner reference to the parent. */
  omitOwnerReference: boolean;
  /** The runner id; absent means a random one. */
  runnerId?: string;
  /** How to print the manifest. */
  output: OutputFormat;
  /** The backend profile of the rules; absent means the default, v0.3.3. */
  backend?: RunnerPodBackend;
}

/** The output formats of `diff`. */
export const DIFF_OUTPUT_FORMATS = ["text", "json"] as const;

/** An output format of `diff`. */
export type DiffOutputFormat = (typeof DIFF_OUTPUT_FORMATS)[number];

/**
 * `flame-runner-pod diff ...`: what the runner of one parent and template
 * loses or gains when the backend is upgraded from v0.3.3 to v0.7.
 */
export interface DiffCommand extends RunnerInputFlags {
  /** The command. */
  command: "diff";
  /** How to print the changes. */
  output: DiffOutputFormat;
  /**
   * `--secret-env NAME`, in the order given: the names of the v0.7
   * `:secret_env` (names only: the values stay in the secret store); absent
   * when none.
   */
  secretEnv?: readonly string[];
}

/** The output formats of `check`. */
export const CHECK_OUTPUT_FORMATS = ["text", "json"] as const;

/**
 * `flame-runner-pod check ...`: every problem of a parent and template (the
 * rules, validation, the FLAME runtime checks), no manifest.
 */
export interface CheckCommand extends RunnerInputFlags {
  /** The command. */
  command: "check";
  /** The backend profile of the rules; absent means the default, v0.3.3. */
  backend?: RunnerPodBackend;
  /** How many warnings still exit 0; absent means any number. */
  maxWarnings?: number;
  /** How to print the problems. */
  output: (typeof CHECK_OUTPUT_FORMATS)[number];
}

/** `flame-runner-pod --help` (or `help`, or `render --help`). */
export interface HelpCommand {
  /** The command. */
  command: "help";
}

/** What the command line asks for. */
export type CliCommand = RenderCommand | DiffCommand | CheckCommand | PreviewCommand | HelpCommand;

const RENDER_OPTIONS = {
  parent: { type: "string", short: "p" },
  template: { type: "string", short: "t" },
  "encoded-parent": { type: "string" },
  "app-container": { type: "string" },
  "omit-owner-reference": { type: "boolean" },
  "runner-id": { type: "string" },
  output: { type: "string", short: "o" },
  backend: { type: "string" },
  env: { type: "string", multiple: true },
  help: { type: "boolean", short: "h" },
} as const;

const DIFF_OPTIONS = {
  parent: RENDER_OPTIONS.parent,
  template: RENDER_OPTIONS.template,
  "app-container": RENDER_OPTIONS["app-container"],
  env: RENDER_OPTIONS.env,
  "secret-env": { type: "string", multiple: true },
  from: { type: "string" },
  to: { type: "string" },
  output: RENDER_OPTIONS.output,
  help: RENDER_OPTIONS.help,
} as const;

/**
 * parseArgs' own errors carry a code and a long message; keep the first
 * sentence. An unknown flag gets the closest of `flags` (`--tempalte`:
 * did you mean "--template"?).
 */
function usageMessage(err: unknown, flags: readonly string[]): string {
  const message = err instanceof Error ? err.message : String(err);
  const code = err instanceof Error && "code" in err ? err.code : undefined;
  if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") {
    const option = /'([^']+)'/.exec(message)?.[1];
    return option ? `unknown option ${option}${didYouMean(option, flags)}` : message;
  }
  if (code === "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL") {
    const value = /'([^']+)'/.exec(message)?.[1];
    return value ? `unexpected argument "${value}"` : message;
  }
  return message.split(". ")[0];
}

function nonEmpty(flag: string, value: string | undefined): string | undefined {
  if (value === "") {
    throw new UsageError(`${flag} needs a value`);
  }
  return value;
}

/** The values of the flags `options` names in `args`; a bad flag is a {@link UsageError}. */
function parseOptions<T extends NonNullable<ParseArgsConfig["options"]>>(
  args: readonly string[],
  options: T,
) {
  return parseWithPositionals(args, options, false).values;
}

/** {@link parseOptions}, with the positionals too when `allowPositionals`. */
function parseWithPositionals<T extends NonNullable<ParseArgsConfig["options"]>>(
  args: readonly string[],
  options: T,
  allowPositionals: boolean,
) {
  try {
    return parseArgs({ args: [...args], options, strict: true, allowPositionals });
  } catch (err) {
    throw new UsageError(
      usageMessage(
        err,
        Object.keys(options).map((name) => `--${name}`),
      ),
    );
  }
}

/** `--parent` (required) and `--template` (optional), not both stdin. */
function parentAndTemplate(values: { parent?: string; template?: string }): {
  parent: string;
  template?: string;
} {
  const parent = nonEmpty("--parent", values.parent);
  if (parent === undefined) {
    throw new UsageError("missing --parent <file|->: the parent pod (kubectl get pod -o yaml)");
  }
  const template = nonEmpty("--template", values.template);
  if (parent === "-" && template === "-") {
    throw new UsageError("--parent and --template cannot both read stdin (-)");
  }
  return { parent, ...given({ template }) };
}

/** `--from` and `--to` of `diff`: the one upgrade the rules know, v0.3.3 → v0.7. */
function checkUpgrade(flag: string, value: string | undefined, only: RunnerPodBackend): void {
  if (value !== undefined && value !== only) {
    throw new UsageError(
      `${flag} must be ${only} (diff compares v0.3.3 with v0.7) (got "${value}")${didYouMean(value, [only])}`,
    );
  }
}

/** `flame-runner-pod diff ...`, after the command word. */
function parseDiff(args: readonly string[]): DiffCommand | HelpCommand {
  const values = parseOptions(args, DIFF_OPTIONS);
  if (values.help) return { command: "help" };
  const files = parentAndTemplate(values);
  checkUpgrade("--from", nonEmpty("--from", values.from), "v0.3.3");
  checkUpgrade("--to", nonEmpty("--to", values.to), "v0.7");
  const output = oneOf("--output of diff", values.output ?? "text", DIFF_OUTPUT_FORMATS);
  const appContainer = nonEmpty("--app-container", values["app-container"]);
  const env = parseEnv(values.env, "v0.7");
  const secretEnv = parseSecretEnvNames(values["secret-env"]);
  return { command: "diff", ...files, ...given({ appContainer, env, secretEnv }), output };
}

/**
 * `--secret-env NAME`, repeated: the names of the v0.7 `:secret_env`. Names
 * only: a value on the command line would end up in the shell's history.
 */
function parseSecretEnvNames(values: readonly string[] | undefined): string[] | undefined {
  if (values === undefined || values.length === 0) return undefined;
  const names: string[] = [];
  for (const value of values) {
    const name = nonEmpty("--secret-env", value) as string;
    if (name.includes("=")) {
      throw new UsageError(
        `--secret-env takes names only, got "${name.slice(0, name.indexOf("="))}=..."; the values stay in your secret store`,
      );
    }
    if (names.includes(name)) {
      throw new UsageError(`--secret-env ${name} is given twice; give each name once`);
    }
    names.push(name);
  }
  return names;
}

const CHECK_OPTIONS = {
  parent: RENDER_OPTIONS.parent,
  template: RENDER_OPTIONS.template,
  "app-container": RENDER_OPTIONS["app-container"],
  backend: RENDER_OPTIONS.backend,
  env: RENDER_OPTIONS.env,
  "max-warnings": { type: "string" },
  output: RENDER_OPTIONS.output,
  help: RENDER_OPTIONS.help,
} as const;

/** `flame-runner-pod check ...`, after the command word. */
function parseCheck(args: readonly string[]): CheckCommand | HelpCommand {
  const values = parseOptions(args, CHECK_OPTIONS);
  if (values.help) return { command: "help" };
  const files = parentAndTemplate(values);
  const backend =
    values.backend === undefined
      ? undefined
      : oneOf("--backend", values.backend, RUNNER_POD_BACKENDS);
  const output = oneOf("--output of check", values.output ?? "text", CHECK_OUTPUT_FORMATS);
  const appContainer = nonEmpty("--app-container", values["app-container"]);
  const env = parseEnv(values.env, backend);
  const max = values["max-warnings"];
  if (max !== undefined && !/^\d+$/.test(max)) {
    throw new UsageError(
      `--max-warnings must be a whole number of warnings (0 or more), got "${max}"`,
    );
  }
  const maxWarnings = max === undefined ? undefined : Number(max);
  return {
    command: "check",
    ...files,
    ...given({ appContainer, backend, env, maxWarnings }),
    output,
  };
}

/**
 * The flags' values that were given: `fields` without its `undefined`
 * entries (a command holds no key for a flag not given).
 *
 * @param fields - the values by key; not modified.
 */
function given<T extends object>(fields: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(fields).filter(([, value]) => value !== undefined),
  ) as Partial<T>;
}

/** `value` when it is one of `choices`; else a {@link UsageError} naming `flag`, with a did-you-mean. */
function oneOf<T extends string>(flag: string, value: string, choices: readonly T[]): T {
  if ((choices as readonly string[]).includes(value)) return value as T;
  throw new UsageError(
    `${flag} must be ${choices.join(" or ")} (got "${value}")${didYouMean(value, choices)}`,
  );
}

/**
 * `--env K=V`, repeated: a map of name → value (the value may hold `=` and
 * be empty). Only with `--backend v0.7` (v0.3.3 takes env from `--template`).
 */
function parseEnv(
  values: readonly string[] | undefined,
  backend: RunnerPodBackend | undefined,
): Record<string, string> | undefined {
  if (values === undefined || values.length === 0) return undefined;
  if (!profileOf(backend).ownArguments.includes("env")) {
    throw new UsageError(
      "--env needs --backend v0.7 (with v0.3.3 the runner's env comes from --template and the parent)",
    );
  }
  const env: Record<string, string> = {};
  for (const value of values) {
    const at = value.indexOf("=");
    const name = at < 0 ? value : value.slice(0, at);
    if (at <= 0) throw new UsageError(`--env must be NAME=value (got "${value}")`);
    if (Object.prototype.hasOwnProperty.call(env, name)) {
      throw new UsageError(`--env ${name} is given twice; give each variable once`);
    }
    env[name] = value.slice(at + 1);
  }
  return env;
}

/**
 * `./preview/args`, required on first use: only `preview` reads its flags, so
 * the other commands start without it (bench/README.md, "check's start time").
 */
function previewArgs(): typeof PreviewArgs {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require("./preview/args") as typeof PreviewArgs;
}

/**
 * Parses the arguments after the program name.
 *
 * @param argv - for example `["render", "--parent", "pod.yaml"]` or
 *   `["diff", "--parent", "pod.yaml", "--from", "v0.3.3", "--to", "v0.7"]`.
 * @returns the command to run.
 * @throws UsageError for an unknown command or option, a missing or bad value
 *   (`--backend v0.8`, `--env FOO`, `diff --to v0.8`), `render --env` without
 *   `--backend v0.7`, or stdin (`-`) named twice.
 */
export function parseCliArgs(argv: readonly string[]): CliCommand {
  const [command, ...rest] = argv;
  if (command === undefined) {
    throw new UsageError("missing command: flame-runner-pod render --parent <file|->");
  }
  if (command === "help" || command === "--help" || command === "-h") {
    return { command: "help" };
  }
  if (command === "diff") {
    return parseDiff(rest);
  }
  if (command === "check") return parseCheck(rest);
  if (command === "preview") {
    const { PREVIEW_OPTIONS, previewCommand } = previewArgs();
    const { values, positionals } = parseWithPositionals(rest, PREVIEW_OPTIONS, true);
    return values.help ? { command: "help" } : previewCommand(values, positionals);
  }
  if (command !== "render") {
    throw new UsageError(
      `unknown command "${command}" (the commands are render, diff, check and preview)${didYouMean(command, ["render", "diff", "check", "preview"])}`,
    );
  }
  const values = parseOptions(rest, RENDER_OPTIONS);
  if (values.help) {
    return { command: "help" };
  }
  const { parent, template } = parentAndTemplate(values);
  const output = oneOf("--output", values.output ?? "yaml", OUTPUT_FORMATS);
  const encodedParent = nonEmpty("--encoded-parent", values["encoded-parent"]);
  const appContainer = nonEmpty("--app-container", values["app-container"]);
  const runnerId = nonEmpty("--runner-id", values["runner-id"]);
  const backend =
    values.backend === undefined
      ? undefined
      : oneOf("--backend", values.backend, RUNNER_POD_BACKENDS);
  const env = parseEnv(values.env, backend);
  return {
    command: "render",
    parent,
    ...given({ template, encodedParent, appContainer }),
    omitOwnerReference: values["omit-owner-reference"] ?? false,
    ...given({ runnerId }),
    output,
    ...given({ backend, env }),
  };
}
