/**
 * Input and output of the command line: reading a YAML or JSON document from
 * a file or stdin, and the streams `run` writes to.
 */
import { readFileSync, writeSync } from "node:fs";
import type * as Yaml from "yaml";
import { UsageError } from "./usage-error";

/**
 * The `yaml` package, required on first use: it is most of what the command
 * line costs to start (bench/README.md, "check's start time"), and a JSON
 * input or a `--help` never needs it.
 *
 * @returns the `yaml` module (required once; Node caches it).
 */
export function yaml(): typeof Yaml {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require("yaml") as typeof Yaml;
}

/** Something text can be written to (`process.stdout`, a test buffer). */
export interface TextSink {
  /** Writes `text` as is. */
  write(text: string): unknown;
}

/** Something bytes can be written to (`process.stdout`). */
export interface ByteSink {
  /** Writes `bytes` as they are. */
  write(bytes: Uint8Array): unknown;
}

/**
 * Standard output without opening `process.stdout`: each text goes to file
 * descriptor 1 in synchronous writes, as Node.js itself writes to a file, and
 * on Linux and macOS to a pipe or a terminal too. Opening the stream (a pipe
 * or a terminal is a socket) loads some twenty of Node.js's own modules,
 * about 4 ms of `check`'s start (bench/README.md, "check's start time").
 * From the first write that fails on (a pipe that is full or closed), and on
 * Windows from the start (its console takes text through the stream), the
 * rest goes to `process.stdout`, which waits or fails as it always did.
 *
 * @param writeBytes - writes `bytes` from `offset` to a file descriptor and
 *   returns how many it wrote. Default: `fs.writeSync`.
 * @param openStream - the stream that takes over. Default: `process.stdout`.
 * @returns the sink `run` writes its output to.
 */
export function stdoutSink(
  writeBytes: (fd: number, bytes: Uint8Array, offset: number) => number = writeSync,
  openStream: () => ByteSink = () => process.stdout,
): TextSink {
  let stream = process.platform === "win32" ? openStream() : undefined;
  return {
    write(text: string): unknown {
      const bytes = Buffer.from(text, "utf8");
      if (stream !== undefined) return stream.write(bytes);
      let written = 0;
      try {
        while (written < bytes.length) written += writeBytes(1, bytes, written);
      } catch {
        stream = openStream();
        return stream.write(bytes.subarray(written));
      }
      return true;
    },
  };
}

/** The streams of one run of the command line. */
export interface CliIO {
  /** Read when a file argument is `-`. */
  stdin: AsyncIterable<string | Uint8Array>;
  /** Receives the manifest. */
  stdout: TextSink;
  /** Receives warnings and errors. */
  stderr: TextSink;
}

/** Input that was read but is not a usable document; exit code 1. */
export class InputError extends Error {
  override readonly name = "InputError";
}

async function readAll(stream: AsyncIterable<string | Uint8Array>): Promise<string> {
  const chunks: string[] = [];
  const decoder = new TextDecoder();
  for await (const chunk of stream) {
    chunks.push(typeof chunk === "string" ? chunk : decoder.decode(chunk, { stream: true }));
  }
  chunks.push(decoder.decode());
  return chunks.join("");
}

/**
 * Reads the text of a file argument.
 *
 * @param source - a file path, or `-` for stdin.
 * @param flag - the flag it came with, for messages (`--parent`).
 * @param stdin - read when `source` is `-`.
 * @throws UsageError when the file cannot be read.
 */
export async function readSource(
  source: string,
  flag: string,
  stdin: AsyncIterable<string | Uint8Array>,
): Promise<string> {
  if (source === "-") {
    return readAll(stdin);
  }
  try {
    // Read synchronously: the command reads its files one after the other
    // anyway, and node:fs/promises would load some twenty more of Node's own
    // modules (streams, readline), which nothing else loads since stdout is
    // written without its stream (`stdoutSink`): about 3 ms of `check`'s
    // start (bench/README.md, "check's start time").
    return readFileSync(source, "utf8");
  } catch (err) {
    const code = err instanceof Error && "code" in err ? err.code : undefined;
    const why =
      code === "ENOENT"
        ? "no such file"
        : code === "EISDIR"
          ? "is a directory"
          : code === "EACCES"
            ? "permission denied"
            : "cannot read it";
    throw new UsageError(`${flag} ${source}: ${why}`);
  }
}

/**
 * A YAML syntax error as one line: where it is (`line 4, column 1`), what is
 * wrong, and the text of that line; not the parser's own `at line 4,
 * column 1:` tail, which introduces a context block.
 */
function syntaxError(error: Yaml.YAMLError, text: string): string {
  const what = error.message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "");
  const at = error.linePos?.[0];
  if (at === undefined) return what;
  const line = text.split(/\r?\n/)[at.line - 1];
  const shown = line === undefined || line.trim() === "" ? "" : `: ${JSON.stringify(line.trim())}`;
  return `line ${at.line}, column ${at.col}: ${what}${shown}`;
}

/**
 * Parses one YAML (or JSON, a subset of YAML) document.
 *
 * @param text - the file's text.
 * @param label - names the input in messages (`--parent pod.yaml`).
 * @returns the document's value; `undefined` for an empty input.
 * @throws InputError for a syntax error, several documents, or a `List`.
 */
export function parseDocument(text: string, label: string): unknown {
  const json = parseJsonObject(text);
  if (json !== undefined) return notAList(json, label);
  const docs = yaml()
    .parseAllDocuments(text)
    .filter((doc) => doc.contents !== null || doc.errors.length > 0);
  const broken = docs.find((doc) => doc.errors.length > 0);
  if (broken !== undefined) {
    throw new InputError(
      `${label}: not valid YAML or JSON: ${syntaxError(broken.errors[0], text)}`,
    );
  }
  if (docs.length > 1) {
    throw new InputError(`${label}: holds ${docs.length} documents; give one`);
  }
  return notAList(docs[0]?.toJS(), label);
}

/**
 * A JSON object (`kubectl get pod -o json`), parsed without loading the YAML
 * parser; `undefined` when `text` is not one (YAML, or broken JSON, whose
 * error the YAML parser words).
 */
function parseJsonObject(text: string): object | undefined {
  if (!/^\s*\{/.test(text)) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === "object" && value !== null ? value : undefined;
  } catch {
    return undefined;
  }
}

/** `value`, unless it is a `List`. */
function notAList(value: unknown, label: string): unknown {
  if (
    typeof value === "object" &&
    value !== null &&
    "kind" in value &&
    value.kind === "List" &&
    "items" in value
  ) {
    throw new InputError(
      `${label}: is a List (kubectl get pods); give one pod: kubectl get pod <name> -o yaml`,
    );
  }
  return value;
}
