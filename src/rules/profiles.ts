/**
 * The backend profiles of the rules, in one table: for each flame_k8s_backend
 * release the rules follow, everything that differs between them. Every other
 * module asks this table instead of comparing the backend's name, so a third
 * profile is one more entry here (and its rows).
 *
 * | | `"v0.3.3"` (docs/rules.md) | `"v0.7"` (docs/rules-v0.7.md) |
 * |---|---|---|
 * | runner id | 20 of `0-9a-f` | 5 of `bcdfghjklmnpqrstvwxz2456789` |
 * | step 1 from an object | a template object | a pod manifest (`:manifest`) |
 * | step 2 | its nine rows | the first six, then its own four |
 * | runner container's name | the runner name | `runner` |
 * | arguments of its own | none | `env`, `secretEnv`, `releaseCookie` |
 * | a manifest's `generateName` | dropped | the runner name's prefix |
 * | the runner's Secret at run time | none | always (the cookie, `secret_env`) |
 */
import type { RunnerPodIssue } from "../errors";
import { issue } from "../issues/issue";
import type { FieldPath } from "../issues/path";
import type { RunnerPodBackend } from "../types";
import { STEP_2_V033, STEP_2_V07, type Step2Table } from "./controlled";
import {
  newRunnerId,
  newV07RunnerId,
  RUNNER_ID_LENGTH,
  runnerNameOrIssue,
  V07_RUNNER_ID_ALPHABET,
  V07_RUNNER_ID_LENGTH,
  v07RunnerNameOrIssue,
} from "./names";

/** Everything that differs between two backend profiles of the rules. */
export interface BackendProfile {
  /** The profile's name, the value of the `backend` option. */
  readonly backend: RunnerPodBackend;
  /** The runner id: its shape, a fresh random one, one derived from a hash. */
  readonly runnerId: {
    /** How many characters an id has. */
    readonly length: number;
    /** The characters an id is made of. */
    readonly alphabet: string;
    /** A fresh random id (nanoid). */
    readonly fresh: () => string;
    /** A stable id made from the bytes of a hash (at least 32 bytes). */
    readonly fromHash: (hash: Uint8Array) => string;
  };
  /**
   * The runner name for a parent name and a runner id, or the problem with
   * the id (path `options.runnerId`).
   */
  readonly runnerName: (parentName: string, runnerId: unknown) => string | RunnerPodIssue;
  /** What step 1 starts from when given an object: a template object, or a pod manifest. */
  readonly start: "template" | "manifest";
  /** What that object is called in messages. */
  readonly templateKind: string;
  /** The rows of step 2, in the order of the profile's rules page, and the keys they write. */
  readonly step2: Step2Table;
  /** The arguments only this profile takes (an error under any other). */
  readonly ownArguments: readonly string[];
  /** Whether a manifest's own `metadata.generateName` is kept as the runner name's prefix. */
  readonly keepsGenerateName: boolean;
  /**
   * Whether the backend always creates a Secret for each runner at run time
   * (and the runner container reads it through `envFrom`).
   */
  readonly createsRunnerSecret: boolean;
}

const HEX = "0123456789abcdef";

/** The profiles, by name; the first entry is the default. */
export const PROFILES: Readonly<Record<RunnerPodBackend, BackendProfile>> = {
  "v0.3.3": {
    backend: "v0.3.3",
    runnerId: {
      length: RUNNER_ID_LENGTH,
      alphabet: HEX,
      fresh: newRunnerId,
      fromHash: (hash) => Buffer.from(hash).toString("hex").slice(0, RUNNER_ID_LENGTH),
    },
    runnerName: runnerNameOrIssue,
    start: "template",
    templateKind: "a template object { env, resources, addParentEnv }",
    step2: STEP_2_V033,
    ownArguments: [],
    keepsGenerateName: false,
    createsRunnerSecret: false,
  },
  "v0.7": {
    backend: "v0.7",
    runnerId: {
      length: V07_RUNNER_ID_LENGTH,
      alphabet: V07_RUNNER_ID_ALPHABET,
      fresh: newV07RunnerId,
      fromHash: (hash) =>
        Array.from(hash.subarray(0, V07_RUNNER_ID_LENGTH), (byte) =>
          V07_RUNNER_ID_ALPHABET.charAt(byte % V07_RUNNER_ID_ALPHABET.length),
        ).join(""),
    },
    runnerName: v07RunnerNameOrIssue,
    start: "manifest",
    templateKind: "a pod manifest { metadata, spec }",
    step2: STEP_2_V07,
    ownArguments: ["env", "secretEnv", "releaseCookie"],
    keepsGenerateName: true,
    createsRunnerSecret: true,
  },
};

/** The names of the profiles; the first is the default. */
export const RUNNER_POD_BACKENDS = Object.keys(PROFILES) as readonly RunnerPodBackend[];

/** The default profile's name: `"v0.3.3"`. */
export const DEFAULT_BACKEND: RunnerPodBackend = RUNNER_POD_BACKENDS[0];

/**
 * The profile of a backend.
 *
 * @param backend - the profile's name. Default: {@link DEFAULT_BACKEND}.
 */
export function profileOf(backend: RunnerPodBackend = DEFAULT_BACKEND): BackendProfile {
  return PROFILES[backend];
}

/**
 * A runner id of the profile's shape that stands for the one FLAME makes at
 * run time: the first character of its alphabet, as many times as its ids
 * have characters (`00000000000000000000`, `bbbbb`). For runners that are
 * checked, not created (the kit's `manifest`, `flame-runner-pod check`).
 *
 * @param backend - the profile's name. Default: {@link DEFAULT_BACKEND}.
 */
export function placeholderRunnerId(backend: RunnerPodBackend = DEFAULT_BACKEND): string {
  const { alphabet, length } = PROFILES[backend].runnerId;
  return alphabet.charAt(0).repeat(length);
}

/**
 * The problems of the arguments that only another profile takes: each one
 * given (not absent) is an error, since this profile would ignore it.
 *
 * @param backend - the profile in use.
 * @param args - the caller's arguments (own keys only are read).
 * @param where - the path of `args` (`options`, `args`).
 * @param hints - what else to do, by argument (`env` → `or put the variables in template.env`).
 * @returns one issue per such argument given, in table order.
 */
export function foreignArgumentIssues(
  backend: RunnerPodBackend,
  args: Readonly<Record<string, unknown>>,
  where: FieldPath,
  hints: Readonly<Record<string, string>> = {},
): RunnerPodIssue[] {
  const issues: RunnerPodIssue[] = [];
  for (const { name, backend: other } of FOREIGN_ARGUMENTS.get(backend) ?? []) {
    if (!hasOwn.call(args, name)) continue;
    const value = args[name];
    if (value === undefined || value === null) continue;
    const hint = hints[name] === undefined ? "" : `, ${hints[name]}`;
    issues.push(
      issue(
        "argument-needs-v07",
        where.child(name),
        `only the ${other} backend has ${name}; pass backend: "${other}"${hint}`,
      ),
    );
  }
  return issues;
}

/** An argument that only another profile takes, and the first profile (in table order) that takes it. */
interface ForeignArgument {
  readonly name: string;
  readonly backend: RunnerPodBackend;
}

/**
 * For each profile, the arguments only other profiles take, each once (with
 * the first profile that takes it), in table order.
 */
const FOREIGN_ARGUMENTS: ReadonlyMap<RunnerPodBackend, readonly ForeignArgument[]> = new Map(
  RUNNER_POD_BACKENDS.map((backend) => [backend, foreignArguments(backend)]),
);

/** The arguments only profiles other than `backend` take: see {@link FOREIGN_ARGUMENTS}. */
function foreignArguments(backend: RunnerPodBackend): ForeignArgument[] {
  const own = new Set(PROFILES[backend].ownArguments);
  const foreign: ForeignArgument[] = [];
  for (const other of RUNNER_POD_BACKENDS) {
    for (const name of PROFILES[other].ownArguments) {
      if (own.has(name) || foreign.some((f) => f.name === name)) continue;
      foreign.push({ name, backend: other });
    }
  }
  return foreign;
}

const hasOwn = Object.prototype.hasOwnProperty;
