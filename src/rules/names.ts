/**
 * Runner names: the parent pod's name cut to 41 characters followed by a
 * 20-character lowercase hex id, as flame_k8s_backend names its runners, made a
 * valid DNS-1123 label. The same name is the runner pod's `metadata.name`, its
 * first container's `name` and its `POD_NAME`.
 */
import type * as Nanoid from "nanoid";
import { FlameRunnerPodError, type RunnerPodIssue } from "../errors";
import { issue } from "../issues/issue";
import { kindOf, show } from "../issues/message";
import { FieldPath } from "../issues/path";
import {
  DNS1123_LABEL_FORMAT,
  DNS1123_LABEL_MAX_LENGTH,
  isDns1123Label,
} from "../validation/formats";

const RUNNER_ID_PATH = FieldPath.root("options").child("runnerId");

export { DNS1123_LABEL_MAX_LENGTH, isDns1123Label };

/** How many characters of the parent pod's name start a runner name: 41. */
export const RUNNER_NAME_PREFIX_LENGTH = 41;

/** How many characters a generated runner id has: 20. */
export const RUNNER_ID_LENGTH = 20;

/**
 * nanoid's `customAlphabet`, loaded on first use: nanoid loads `node:crypto`,
 * which a caller that passes its own runner ids (`flame-runner-pod check`)
 * never needs, and which costs a tenth of the command line's start.
 */
function customAlphabet(alphabet: string, size: number): () => string {
  let generate: (() => string) | undefined;
  return () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    generate ??= (require("nanoid") as typeof Nanoid).customAlphabet(alphabet, size);
    return generate();
  };
}

const generateRunnerId = customAlphabet("0123456789abcdef", RUNNER_ID_LENGTH);
const LABEL_CHARS = /^[-a-z0-9]*$/;

/**
 * A fresh random runner id: 20 lowercase hex characters from a secure random
 * source (nanoid's `customAlphabet`).
 */
export function newRunnerId(): string {
  return generateRunnerId();
}

/**
 * The first part of a runner name: the parent pod's name made label-safe and
 * cut to {@link RUNNER_NAME_PREFIX_LENGTH} characters.
 *
 * Sanitizing, one character at a time (so lengths are kept): upper case
 * letters become lower case; every character other than `a-z`, `0-9` and `-`
 * (a dot, an underscore...) becomes `-`. Leading `-` are then removed, since a
 * label starts with a letter or digit. A name that is already a valid label (as
 * every pod name made by a Deployment or StatefulSet is) is only cut.
 *
 * @param parentName - the parent pod's `metadata.name`.
 */
export function runnerNamePrefix(parentName: string): string {
  return labelSafe(parentName).slice(0, RUNNER_NAME_PREFIX_LENGTH);
}

/** A name made label-safe, one character at a time (see {@link runnerNamePrefix}). */
function labelSafe(parentName: string): string {
  let name = parentName;
  if (!LABEL_CHARS.test(name)) {
    let out = "";
    for (let i = 0; i < name.length; i++) {
      const c = name.charCodeAt(i);
      if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 45) out += name[i];
      else if (c >= 65 && c <= 90) out += String.fromCharCode(c + 32);
      else out += "-";
    }
    name = out;
  }
  let start = 0;
  while (start < name.length && name.charCodeAt(start) === 45) start++;
  return name.slice(start);
}

/**
 * The runner name, or the problem with `runnerId`: used by the rules to
 * collect every input problem before throwing.
 *
 * @internal
 */
export function runnerNameOrIssue(parentName: string, runnerId: unknown): string | RunnerPodIssue {
  if (typeof runnerId !== "string" || runnerId === "") {
    return issue(
      "runner-id-invalid",
      RUNNER_ID_PATH,
      `must be a non-empty string of lowercase letters, digits and "-" (got ${
        typeof runnerId === "string" ? "an empty string" : kindOf(runnerId)
      }); leave it out for a fresh random id`,
    );
  }
  const name = runnerNamePrefix(parentName) + runnerId;
  if (!isDns1123Label(name)) {
    return issue(
      "runner-id-invalid",
      RUNNER_ID_PATH,
      `"${runnerId}" makes the runner name "${name}", which is not a DNS-1123 label (${DNS1123_LABEL_FORMAT}); use lowercase letters and digits, at most ${DNS1123_LABEL_MAX_LENGTH - RUNNER_NAME_PREFIX_LENGTH} characters, or leave it out for a fresh random id`,
    );
  }
  return name;
}

/**
 * The runner name: {@link runnerNamePrefix | the parent pod's name, made
 * label-safe and cut to 41 characters}, followed by `runnerId`. It is the
 * runner pod's `metadata.name`, its first container's `name` and its
 * `POD_NAME`, so it is always a valid DNS-1123 label (at most 61 characters
 * with a generated id).
 *
 * @param parentName - the parent pod's `metadata.name`.
 * @param runnerId - the id to append; default: a fresh {@link newRunnerId}.
 * @throws FlameRunnerPodError (path `options.runnerId`) when the result would not
 *   be a valid DNS-1123 label.
 */
export function runnerName(parentName: string, runnerId: string = newRunnerId()): string {
  const result = runnerNameOrIssue(parentName, runnerId);
  if (typeof result !== "string") throw new FlameRunnerPodError([result]);
  return result;
}

/**
 * The alphabet of the 5 characters the API server appends to a
 * `generateName` (no vowels, no `0`, `1`, `3`: no words, no look-alikes).
 */
export const V07_RUNNER_ID_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

/** How many characters a v0.7 runner id has: 5, as the API server's `generateName` suffix. */
export const V07_RUNNER_ID_LENGTH = 5;

/** How many characters of `<parent name>-` start a v0.7 runner name: 58, as `generateName`. */
export const V07_RUNNER_NAME_PREFIX_LENGTH = 58;

const generateV07RunnerId = customAlphabet(V07_RUNNER_ID_ALPHABET, V07_RUNNER_ID_LENGTH);
const V07_RUNNER_ID = new RegExp(`^[${V07_RUNNER_ID_ALPHABET}]{${V07_RUNNER_ID_LENGTH}}$`);

/** A fresh random v0.7 runner id: 5 characters of {@link V07_RUNNER_ID_ALPHABET}. */
export function newV07RunnerId(): string {
  return generateV07RunnerId();
}

/**
 * The v0.7 runner name, or the problem with `runnerId`: the name the API
 * server makes of `generateName: "<parent name>-"`, that is `<parent name>-`
 * (made label-safe) cut to 58 characters, followed by the 5-character id.
 *
 * @internal
 */
export function v07RunnerNameOrIssue(
  parentName: string,
  runnerId: unknown,
): string | RunnerPodIssue {
  if (typeof runnerId !== "string" || !V07_RUNNER_ID.test(runnerId)) {
    return issue(
      "runner-id-invalid",
      RUNNER_ID_PATH,
      `with backend "v0.7" the runner id is ${V07_RUNNER_ID_LENGTH} characters of "${V07_RUNNER_ID_ALPHABET}", as the API server's generateName suffix (got ${show(runnerId)}); leave it out for a fresh random id`,
    );
  }
  return v07RunnerName(labelSafe(`${parentName}-`), runnerId);
}

/**
 * The v0.7 runner name of a `generateName` prefix, as the API server makes
 * it: the prefix cut to {@link V07_RUNNER_NAME_PREFIX_LENGTH} characters,
 * followed by the 5-character id.
 *
 * @param prefix - the `generateName` (the manifest's, or `<parent name>-` made label-safe).
 * @param runnerId - the checked 5-character id.
 * @internal
 */
export function v07RunnerName(prefix: string, runnerId: string): string {
  return prefix.slice(0, V07_RUNNER_NAME_PREFIX_LENGTH) + runnerId;
}
