/**
 * The copies generated per Kubernetes type (src/rules/generated/pod-copy.ts):
 * the committed file is what the generator makes from the schema table, and
 * each copy gives exactly the generic copy's result (keys, key order, values,
 * nothing shared) or its error (cycles, depth, getters), on pods holding
 * every field of every type, with values of any kind put anywhere.
 */
import { strict as assert } from "assert";
import * as fs from "fs";
import fc from "fast-check";
import { POD_COPY_PATH, renderPodCopy } from "../../scripts/generate-pod-copy";
import { FlameRunnerPodError } from "../../src/errors";
import { FieldPath } from "../../src/issues/path";
import {
  copyPlain,
  copyPlainList,
  copyPlainOmitting,
  type Omissions,
} from "../../src/rules/caller-data";
import { copyEnvVar, copyPod } from "../../src/rules/generated/pod-copy";
import { POD_SCHEMA, type SchemaKind } from "../../src/validation/table";
import { parentPod } from "../fixtures/parent-pod";

const PATH = FieldPath.root("callback");

/** A value of `kind`: an object type holds every one of its fields (down to `depth` 0). */
function full(kind: SchemaKind, depth: number): unknown {
  if (typeof kind === "string") {
    return kind === "boolean" ? true : kind.endsWith("32") || kind === "integer" ? 1 : "x";
  }
  if ("enum" in kind) return kind.enum[0];
  if ("map" in kind) return { a: full(kind.map, depth), b: full(kind.map, depth) };
  if ("array" in kind) return depth === 0 ? [] : [full(kind.array, depth), full(kind.array, depth)];
  if (depth === 0) return {};
  const out: Record<string, unknown> = {};
  for (const [field, fieldKind] of Object.entries(POD_SCHEMA.types[kind.ref].properties)) {
    out[field] = full(fieldKind, depth - 1);
  }
  return out;
}

/** The paths of every object and list in `value`. */
function containers(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (typeof value !== "object" || value === null) return [];
  const entries = Object.entries(value);
  return [
    path,
    ...entries.flatMap(([k, v]) => containers(v, [...path, Array.isArray(value) ? +k : k])),
  ];
}

/** The object or list at `path` in `root`, read through descriptors; `undefined` when gone. */
function at(root: unknown, path: readonly (string | number)[]): object | undefined {
  let value = root;
  for (const key of path) {
    if (typeof value !== "object" || value === null) return undefined;
    value = Object.getOwnPropertyDescriptor(value, key)?.value;
  }
  return typeof value === "object" && value !== null ? value : undefined;
}

/**
 * What a copy gives: its result, or its error (the issues and cause of the
 * rules' error; a getter that throws while the error is made, as data too
 * deep is explained, throws through: the callers of the copies wrap it).
 */
function outcome(copy: () => unknown): unknown {
  try {
    return { result: copy() };
  } catch (error) {
    if (!(error instanceof FlameRunnerPodError)) return { thrown: error };
    return { issues: error.issues, message: error.message, cause: error.cause };
  }
}

/** Whether `a` and `b` are the same data: same keys in the same order, same prototypes. */
function assertSameData(a: unknown, b: unknown, where = "copy"): void {
  if (typeof a !== "object" || a === null) return assert.ok(Object.is(a, b), where);
  assert.ok(typeof b === "object" && b !== null, where);
  assert.equal(Object.getPrototypeOf(a), Object.getPrototypeOf(b), where);
  assert.deepEqual(Reflect.ownKeys(a), Reflect.ownKeys(b), where);
  for (const key of Object.keys(a)) {
    const [x, y] = [(a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]];
    assertSameData(x, y, `${where}.${key}`);
  }
}

/** Asserts that `copy` shares no object with `input`. */
function assertShares(copy: unknown, input: unknown): void {
  const inputs = new Set<unknown>();
  const collect = (v: unknown, depth: number): void => {
    if (typeof v !== "object" || v === null || inputs.has(v) || depth > 200) return;
    inputs.add(v);
    // Descriptors, not reads: a getter the copy skipped (under `status`) would throw.
    for (const d of Object.values(Object.getOwnPropertyDescriptors(v))) collect(d.value, depth + 1);
  };
  collect(input, 0);
  const check = (v: unknown): void => {
    if (typeof v !== "object" || v === null) return;
    assert.ok(!inputs.has(v), "the copy shares an object with the input");
    for (const k of Object.keys(v)) check((v as Record<string, unknown>)[k]);
  };
  check(copy);
}

/** Asserts that the typed copy of `input` gives what the generic copy gives. */
function assertSameAsGeneric(input: unknown, omit?: Omissions): void {
  if (omit === undefined) {
    assertSameOutcome(
      input,
      () => copyPlain(input, PATH, copyPod),
      () => copyPlain(input, PATH),
    );
  } else {
    const object = input as Record<string, unknown>;
    assertSameOutcome(
      input,
      () => copyPlainOmitting(object, omit, PATH, copyPod),
      () => copyPlainOmitting(object, omit, PATH),
    );
  }
}

/** Asserts that `typedCopy` of `input` gives what `genericCopy` gives, and shares nothing with it. */
function assertSameOutcome(input: unknown, typedCopy: () => unknown, genericCopy: () => unknown) {
  const generic = outcome(genericCopy) as { result?: unknown };
  const typed = outcome(typedCopy) as { result?: unknown };
  assert.deepEqual(Object.keys(typed), Object.keys(generic));
  if (!("result" in generic)) return assert.deepEqual(typed, generic);
  assertSameData(typed.result, generic.result);
  assertShares(typed.result, input);
}

/** A change at one object or list of a pod: a value of any kind, a cycle, a getter, deep data. */
const change = fc.record({
  at: fc.nat(),
  key: fc.oneof(fc.string(), fc.constantFrom("__proto__", "name", "spec", "env", "containers")),
  value: fc.oneof(
    fc.anything({ withNullPrototype: true, withObjectString: true }),
    fc.constantFrom(null, undefined, "cycle", "getter", "deep", [null, { a: null }], {}),
  ),
});

type Change = { at: number; key: string; value: unknown };

/** Applies `changes` to `root` (changed). */
function applyChanges(root: unknown, changes: readonly Change[]): void {
  const paths = containers(root);
  for (const c of changes) {
    const path = paths[c.at % paths.length];
    const target = at(root, path);
    if (target === undefined) continue;
    const key = Array.isArray(target) ? c.at % (target.length + 1) : c.key;
    let value = c.value;
    if (value === "cycle") value = root;
    else if (value === "deep") {
      // A chain whose last object nests exactly 100 levels deep (allowed) or 101 (refused).
      const length = 100 - path.length + (c.at % 2);
      value = Array.from({ length: Math.max(0, length - 1) }).reduce((v) => ({ v }), {});
    }
    if (c.value === "getter") {
      Object.defineProperty(target, key, {
        enumerable: true,
        configurable: true,
        get: () => {
          throw new Error(`getter at ${String(key)}`);
        },
      });
    } else
      Object.defineProperty(target, key, {
        value,
        enumerable: true,
        configurable: true,
        writable: true,
      });
  }
}

const SERVER_WRITTEN: Omissions = new Map<string, true | ReadonlySet<string>>([
  ["status", true],
  ["metadata", new Set(["uid", "generateName"])],
]);

describe("the copies generated per Kubernetes type", () => {
  it("are what scripts/generate-pod-copy.ts makes now (run it if not)", async () => {
    const committed = fs.readFileSync(POD_COPY_PATH, "utf8");
    assert.ok((await renderPodCopy()) === committed, `${POD_COPY_PATH} is out of date`);
  });

  it("copy a pod with every field of every type as the generic copy does", () => {
    const pod = full({ ref: "Pod" }, 8);
    assertSameAsGeneric(pod);
    assertSameAsGeneric(pod, SERVER_WRITTEN);
    assertSameAsGeneric(parentPod());
    assertSameAsGeneric(parentPod(), SERVER_WRITTEN);
  });

  it("give the generic copy's result or error with any value anywhere", function () {
    this.timeout(60_000);
    fc.assert(
      fc.property(
        fc.boolean(),
        fc.array(change, { minLength: 1, maxLength: 4 }),
        (big, changes) => {
          const pod = big ? full({ ref: "Pod" }, 4) : parentPod();
          applyChanges(pod, changes);
          assertSameAsGeneric(pod);
          assertSameAsGeneric(pod, SERVER_WRITTEN);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("copy a list of env entries (copyPlainList) as the generic copy does", () => {
    fc.assert(
      fc.property(fc.array(change, { minLength: 0, maxLength: 4 }), (changes) => {
        const env = full({ array: { ref: "EnvVar" } }, 4) as unknown[];
        applyChanges(env, changes);
        assertSameOutcome(
          env,
          () => copyPlainList(env, PATH, copyEnvVar),
          () => copyPlain(env, PATH),
        );
      }),
      { numRuns: 200 },
    );
  });
});
