/**
 * Helpers to read Pulumi values in tests run under the mock engine, without
 * hanging on an Output that rejects or stays unknown.
 */
import * as pulumi from "@pulumi/pulumi";

/** What {@link settle} gives for an Output whose value is unknown (a preview). */
export const UNKNOWN: unique symbol = Symbol("unknown");

/**
 * The value of an Output: resolves with the value, with {@link UNKNOWN} when
 * the value is unknown (preview), rejects with the Output's error. Only public
 * APIs: `apply` (not run for unknown values or errors) and `pulumi.isSecret`
 * (which settles once the value has, rejecting with its error).
 */
export function settle<T>(output: pulumi.Output<T>): Promise<T | typeof UNKNOWN> {
  return new Promise((resolve, reject) => {
    let applied = false;
    output.apply((value) => {
      applied = true;
      resolve(value);
      return value;
    });
    pulumi.isSecret(output).then(
      () => setImmediate(() => (applied ? undefined : resolve(UNKNOWN))),
      (error: unknown) => reject(error),
    );
  });
}

/** The value of an Output that must be known: rejects when it is unknown. */
export async function known<T>(output: pulumi.Output<T>): Promise<T> {
  const value = await settle(output);
  if (value === UNKNOWN) throw new Error("the Output is unknown");
  return value;
}

/** The error a promise rejects with; fails when it resolves. */
export async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected a rejection, but the promise resolved");
}

/** A log call the component made. */
export interface LogCall {
  severity: "warn" | "error";
  message: string;
  resource: pulumi.Resource | undefined;
}

type LogFunction = typeof pulumi.log.warn;
type MutableLog = { warn: LogFunction; error: LogFunction };

/**
 * Replaces `pulumi.log.warn` and `pulumi.log.error` with recorders until
 * `restore` is called (call it in `afterEach`). Nothing is printed meanwhile.
 */
export function captureLogs(): { calls: LogCall[]; restore: () => void } {
  const log = pulumi.log as unknown as MutableLog;
  const original = { warn: log.warn, error: log.error };
  const calls: LogCall[] = [];
  log.warn = (message, resource) => {
    calls.push({ severity: "warn", message, resource });
    return Promise.resolve();
  };
  log.error = (message, resource) => {
    calls.push({ severity: "error", message, resource });
    return Promise.resolve();
  };
  return {
    calls,
    restore: () => {
      log.warn = original.warn;
      log.error = original.error;
    },
  };
}

/**
 * Records every unhandled rejection until `restore` is called: what the
 * Pulumi language host would report (and fail the run with) in a real
 * `pulumi preview` or `pulumi up`. While installed, mocha does not see them.
 */
export function captureUnhandledRejections(): { reasons: unknown[]; restore: () => void } {
  const reasons: unknown[] = [];
  const listener = (reason: unknown): void => {
    reasons.push(reason);
  };
  const others = process.listeners("unhandledRejection");
  process.removeAllListeners("unhandledRejection");
  process.on("unhandledRejection", listener);
  return {
    reasons,
    restore: () => {
      process.removeListener("unhandledRejection", listener);
      for (const other of others) process.on("unhandledRejection", other);
    },
  };
}

/** Waits until pending promise callbacks and a few event loop turns have run. */
export function drain(turns = 10): Promise<void> {
  return new Promise((resolve) => {
    const step = (left: number): void => {
      if (left === 0) resolve();
      else setImmediate(() => step(left - 1));
    };
    step(turns);
  });
}

/** The options a resource was registered with, as a transformation saw them. */
export interface CapturedOptions {
  type: string;
  name: string;
  resource: pulumi.Resource;
  opts: pulumi.ResourceOptions;
}

/**
 * A transformation that records each resource's options and changes nothing:
 * the mock engine's `newResource` does not see options, so pass this in the
 * component's `transformations` (which also apply to its children).
 */
export function captureOptions(): {
  captured: CapturedOptions[];
  transformation: pulumi.ResourceTransformation;
} {
  const captured: CapturedOptions[] = [];
  return {
    captured,
    transformation: (args) => {
      captured.push({ type: args.type, name: args.name, resource: args.resource, opts: args.opts });
      return undefined;
    },
  };
}

/** The key under which the mock engine marks a secret input. */
export const SECRET_SIG_KEY = "4dabf18193072939515e22adb298388d";

/** The value under {@link SECRET_SIG_KEY} that marks a secret. */
export const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

/** Whether a mock registration's input value is a secret. */
export function isSecretInput(value: unknown): boolean {
  return (
    typeof value === "object" &&
    value !== null &&
    (value as Record<string, unknown>)[SECRET_SIG_KEY] === SECRET_SIG
  );
}

/** A mock registration's input value with the secret wrapper removed. */
export function plainInput(value: unknown): unknown {
  return isSecretInput(value) ? (value as { value: unknown }).value : value;
}

/** Whether a mock registration's input value is unknown (preview). */
export function isUnknownInput(value: unknown): boolean {
  return (
    typeof value === "object" &&
    value !== null &&
    (value as { __pulumiUnknown?: unknown }).__pulumiUnknown === true
  );
}

/**
 * A registered value as JSON, each secret input as `"[secret]"`: what a
 * display of it may show. A secret's text must never be found in it.
 */
export function displayed(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (isSecretInput(v) ? "[secret]" : v));
}
