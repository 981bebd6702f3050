/**
 * Captures what a program logs through `pulumi.log` while it runs under the
 * mock engine (which has no engine to send logs to and would print them with
 * a `[runtime]` prefix).
 */
import * as pulumi from "@pulumi/pulumi";

/** One captured log message. */
export interface LogEntry {
  /** `warn` or `error`. */
  severity: "warn" | "error";
  /** The message as logged. */
  message: string;
  /** The resource the message was logged for, when one was given. */
  resource?: pulumi.Resource;
}

type LogFunction = typeof pulumi.log.warn;

/**
 * Replaces `pulumi.log.warn` and `pulumi.log.error` with recorders until the
 * returned function is called. Code that calls `pulumi.log.warn(...)` (through
 * the `@pulumi/pulumi` module object) is captured.
 *
 * @param record - receives each message.
 * @returns a function that puts the original functions back.
 */
export function captureLogs(record: (entry: LogEntry) => void): () => void {
  const logModule: object = pulumi.log;
  const originals = { warn: pulumi.log.warn, error: pulumi.log.error };
  const recorder =
    (severity: LogEntry["severity"]): LogFunction =>
    (message, resource) => {
      record({ severity, message, ...(resource ? { resource } : {}) });
      return Promise.resolve();
    };
  Reflect.set(logModule, "warn", recorder("warn"));
  Reflect.set(logModule, "error", recorder("error"));
  return () => {
    Reflect.set(logModule, "warn", originals.warn);
    Reflect.set(logModule, "error", originals.error);
  };
}
