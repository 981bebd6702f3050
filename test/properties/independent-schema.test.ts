/**
 * Differential property tests of validation (issue 10, item 10): realistic
 * runner pods and callback results, mutated the way careless or hostile input
 * goes wrong (typos of field names, unknown fields, values of the wrong type,
 * invalid quantities, enum values and names, missing fields), checked against
 * an independent strict Pod schema read from `@kubernetes/client-node`
 * (`test/support/independent-pod-schema.ts`). Seeded, so a failure replays.
 *
 * - Every manifest the independent schema refuses, `validatePodManifest`
 *   refuses too.
 * - Every mutation that is invalid by construction (a bad quantity, enum
 *   value or name, which that schema cannot see: it types them as strings) is
 *   refused too.
 * - `runnerPodManifest` with a callback returning a mutated pod either throws
 *   a FlameRunnerPodError or returns a manifest the independent schema accepts.
 */
import { strict as assert } from "assert";
import fc from "fast-check";
import { FlameRunnerPodError } from "../../src/errors";
import { runnerPodManifest } from "../../src/rules";
import type { PodManifest, RunnerPodStartingManifest } from "../../src/types";
import { validatePodManifest } from "../../src/validation";
import { fullManifestCallback } from "../../bench/pure";
import { ENCODED_PARENT, parentPod, seedTemplate } from "../fixtures/parent-pod";
import { strictSchemaProblems } from "../support/independent-pod-schema";
import { podWith, validPod } from "../validation/support";

const SEED = 20261201;
const NUM_RUNS = 1500;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Segment = string | number;

const OPTIONS = { runnerId: "0123456789abcdef0123" };

/** Realistic pods: the finished runner pods of the bench cases, a small pod, the parent itself. */
function realisticPods(): Json[] {
  return [
    validPod(),
    parentPod(),
    runnerPodManifest(parentPod(), undefined, ENCODED_PARENT, OPTIONS),
    runnerPodManifest(parentPod(), seedTemplate(), ENCODED_PARENT, OPTIONS),
    runnerPodManifest(parentPod(), fullManifestCallback, ENCODED_PARENT, OPTIONS),
  ].map((pod) => JSON.parse(JSON.stringify(pod)) as Json);
}
const PODS = realisticPods();

/** Every position in a JSON value with its path, the root excepted. */
function positions(value: Json, at: Segment[] = [], out: Segment[][] = []): Segment[][] {
  if (Array.isArray(value)) {
    value.forEach((item, i) => {
      out.push([...at, i]);
      positions(item, [...at, i], out);
    });
  } else if (value !== null && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) {
      out.push([...at, key]);
      positions(item, [...at, key], out);
    }
  }
  return out;
}

/** One way to break a value at a position, and whether the result is invalid by construction. */
interface Mutation {
  kind: string;
  apply: (parent: Json[] | { [key: string]: Json }, key: Segment) => void;
  /** True when the API server refuses the result whatever the schema says. */
  invalid: boolean;
}

const typo = (word: string, how: number, at: number): string => {
  const i = at % Math.max(word.length, 1);
  switch (how % 4) {
    case 0:
      return word.slice(0, i) + word.slice(i + 1); // a letter dropped
    case 1:
      return word.slice(0, i) + word[i] + word.slice(i); // a letter doubled
    case 2:
      return word.slice(0, i) + word.slice(i + 1, i + 2) + word[i] + word.slice(i + 2); // swapped
    default:
      return word.slice(0, i) + word.charAt(i).toUpperCase() + word.slice(i + 1); // case
  }
};

const WRONG_TYPES: Json[] = [3, -1, 1.5, "3", "", true, [], {}, null, ["a"], { a: 1 }];
const BAD_QUANTITIES = ["256MB", "1.5.5", "abc", "1Gi ", "-", "1e", "0x10", "ten"];
const BAD_ENUMS = ["always", "Sometimes", "never", "TCP ", "ifnotpresent"];
const BAD_NAMES = ["Bad_Name", "-x", "x-", "UPPER", "a".repeat(64), "with space"];
const ENUM_FIELDS = new Set(["restartPolicy", "imagePullPolicy", "dnsPolicy", "protocol"]);
const NAME_FIELDS = new Set(["name"]);

/** The mutations that make sense at `path` in `pod`. */
function mutationsAt(path: Segment[], pick: number): Mutation[] {
  const key = path[path.length - 1];
  const parentKey = path[path.length - 2];
  const out: Mutation[] = [
    {
      kind: "wrong type",
      invalid: false,
      apply: (p, k) => ((p as Record<Segment, Json>)[k] = WRONG_TYPES[pick % WRONG_TYPES.length]),
    },
  ];
  if (typeof key === "string") {
    out.push(
      {
        kind: "typo of a field name",
        invalid: false,
        apply: (p, k) => {
          const o = p as Record<string, Json>;
          const renamed = typo(String(k), pick, pick >> 3);
          if (renamed === k) return;
          o[renamed] = o[k as string];
          delete o[k as string];
        },
      },
      {
        kind: "unknown field",
        invalid: false,
        apply: (p) => ((p as Record<string, Json>).frobnicate = 1),
      },
      {
        kind: "field removed",
        invalid: false,
        apply: (p, k) => delete (p as Record<string, Json>)[k as string],
      },
    );
    if (parentKey === "limits" || parentKey === "requests") {
      out.push({
        kind: "invalid quantity",
        invalid: true,
        apply: (p, k) =>
          ((p as Record<string, Json>)[k as string] = BAD_QUANTITIES[pick % BAD_QUANTITIES.length]),
      });
    }
    if (ENUM_FIELDS.has(key)) {
      out.push({
        kind: "invalid enum value",
        invalid: true,
        apply: (p, k) =>
          ((p as Record<string, Json>)[k as string] = BAD_ENUMS[pick % BAD_ENUMS.length]),
      });
    }
    if (
      NAME_FIELDS.has(key) &&
      (path[path.length - 3] === "containers" || path[path.length - 3] === "volumes")
    ) {
      out.push({
        kind: "invalid name",
        invalid: true,
        apply: (p, k) =>
          ((p as Record<string, Json>)[k as string] = BAD_NAMES[pick % BAD_NAMES.length]),
      });
    }
  }
  return out;
}

/** A realistic pod with 1 to 3 mutations; whether one was invalid by construction. */
const mutatedPod = fc
  .record({
    pod: fc.nat(PODS.length - 1),
    picks: fc.array(fc.tuple(fc.nat(), fc.nat(), fc.nat()), { minLength: 1, maxLength: 3 }),
  })
  .map(({ pod, picks }) => {
    const value = structuredClone(PODS[pod]);
    const applied: string[] = [];
    let invalid = false;
    for (const [where, which, pick] of picks) {
      const all = positions(value);
      if (all.length === 0) break;
      const path = all[where % all.length];
      let parent = value as Record<Segment, Json>;
      for (const segment of path.slice(0, -1)) parent = parent[segment] as Record<Segment, Json>;
      const choices = mutationsAt(path, pick);
      const mutation = choices[which % choices.length];
      mutation.apply(parent as { [key: string]: Json }, path[path.length - 1]);
      applied.push(`${mutation.kind} at ${path.join(".")}`);
      invalid ||= mutation.invalid;
    }
    return { value, applied, invalid };
  });

describe("validation agrees with an independent strict Pod schema (@kubernetes/client-node)", () => {
  it("the realistic pods are valid for both", () => {
    for (const pod of PODS) {
      assert.deepEqual(strictSchemaProblems(pod), []);
      assert.deepEqual(validatePodManifest(pod), []);
    }
  });

  it("the independent schema refuses a typo of a field name and a value of the wrong type", () => {
    const typo = podWith({
      "spec.containers[0].resources.limits": undefined,
      "spec.containers[0].resources.limimts": { memory: "256Mi" },
    });
    assert.deepEqual(strictSchemaProblems(typo), [
      "spec.containers[0].resources.limimts: unknown field",
    ]);
    assert.deepEqual(strictSchemaProblems(podWith({ "spec.containers[0].image": 42 })), [
      "spec.containers[0].image: not a string",
    ]);
  });

  it(`refuses every mutated pod the independent schema refuses, and every invalid-by-construction one (${NUM_RUNS} seeded runs)`, () => {
    let refusedByIndependent = 0;
    fc.assert(
      fc.property(mutatedPod, ({ value, applied, invalid }) => {
        const independent = strictSchemaProblems(value);
        const ours = validatePodManifest(value);
        if (independent.length > 0) refusedByIndependent++;
        if (independent.length > 0 || invalid) {
          assert.ok(
            ours.length > 0,
            `accepted; the independent schema says ${JSON.stringify(independent)} after ${applied.join("; ")}`,
          );
        }
      }),
      { seed: SEED, numRuns: NUM_RUNS },
    );
    assert.ok(refusedByIndependent > 0, "the independent schema refused no mutated pod");
  });

  it(`never returns a runner manifest the independent schema refuses, from a mutated callback result (${NUM_RUNS} seeded runs)`, () => {
    let refused = 0;
    let manifests = 0;
    fc.assert(
      fc.property(mutatedPod, ({ value, applied }) => {
        const callback = (): RunnerPodStartingManifest => value as RunnerPodStartingManifest;
        let manifest: PodManifest;
        try {
          manifest = runnerPodManifest(parentPod(), callback, ENCODED_PARENT, OPTIONS);
        } catch (error) {
          assert.ok(
            error instanceof FlameRunnerPodError,
            `${String(error)} after ${applied.join("; ")}`,
          );
          refused++;
          return;
        }
        manifests++;
        assert.deepEqual(
          strictSchemaProblems(JSON.parse(JSON.stringify(manifest))),
          [],
          applied.join("; "),
        );
      }),
      { seed: SEED, numRuns: NUM_RUNS },
    );
    assert.ok(refused > 0, "no mutated callback result was refused");
    assert.ok(manifests > 0, "no mutated callback result reached a manifest");
  });
});
