/**
 * The env entry copy (`copyEnvVar`, whose usual forms the generator makes as
 * object literals), through `copyPlainList`, makes exactly the copy
 * `copyPlain` makes of the list: the same keys in the same order,
 * the same values, and the same error (code, path, message) for data that
 * cannot be copied: a getter that throws, a cycle, data nested too deep.
 */
import { strict as assert } from "assert";
import fc from "fast-check";
import { FlameRunnerPodError } from "../../src/errors";
import { FieldPath } from "../../src/issues/path";
import { copyPlain, copyPlainList } from "../../src/rules/caller-data";
import { copyEnvVar } from "../../src/rules/generated/pod-copy";

/** The copies of every entry of a list, each through the env entry copy. */
function copyEnvList(list: unknown[], path: FieldPath): unknown[] {
  return copyPlainList(list, path, copyEnvVar);
}

const PATH = FieldPath.root("template").child("env");

/** The value with its keys in order, so that a different key order compares unequal. */
function ordered(value: unknown): unknown {
  if (typeof value !== "object" || value === null) return value;
  if (Array.isArray(value)) return value.map(ordered);
  return Object.getOwnPropertyNames(value).map((key) => [
    key,
    Object.getOwnPropertyDescriptor(value, key)?.enumerable,
    ordered((value as Record<string, unknown>)[key]),
  ]);
}

/** What a copy gives: its ordered result, or its error's class, issues and cause. */
function outcome(copy: () => unknown): unknown {
  try {
    return { copy: ordered(copy()) };
  } catch (error) {
    assert.ok(error instanceof FlameRunnerPodError, `not the rules' error: ${String(error)}`);
    return { issues: error.issues, cause: (error as { cause?: unknown }).cause };
  }
}

function assertSameCopy(list: unknown[]): void {
  assert.deepEqual(
    outcome(() => copyEnvList(list, PATH)),
    outcome(() => copyPlain(list, PATH)),
  );
}

/** An object nested `depth` levels: `{ a: { a: ... "x" } }`. */
function nested(depth: number): unknown {
  let value: unknown = "x";
  for (let i = 0; i < depth; i++) value = { a: value };
  return value;
}

const BOOM = new Error("boom");

function throwing(key: string, rest: Record<string, unknown> = {}): Record<string, unknown> {
  const entry: Record<string, unknown> = { ...rest };
  Object.defineProperty(entry, key, {
    enumerable: true,
    get() {
      throw BOOM;
    },
  });
  return entry;
}

describe("the env list copy is copyPlain's copy of the list", () => {
  it("copies the usual forms, other key orders, extra keys and null the same", () => {
    assertSameCopy([
      { name: "A", value: "1" },
      { name: "B", valueFrom: { secretKeyRef: { name: "s", key: "k" } } },
      { name: "C" },
      { value: "2", name: "D" },
      { name: "E", value: null, valueFrom: { fieldRef: { fieldPath: "metadata.name" } } },
      { name: "F", value: "3", extra: [1, null, { b: null, c: 2 }] },
      { name: "G", value: 4 },
      { name: null, value: "5" },
      {},
      null,
      "text",
      7,
      [{ name: "H" }, null],
      { 2: "two", name: "I", 1: "one" },
      { name: "J", value: "6", valueFrom: { fieldRef: {} } },
    ]);
  });

  it("keeps a __proto__ key as data, and leaves out inherited keys", () => {
    const proto = JSON.parse('{"name": "K", "__proto__": {"polluted": true}}') as unknown;
    const child = Object.assign(Object.create({ inherited: "x" }) as object, { name: "L" });
    const nameOnly = JSON.parse('{"__proto__": {"a": 1}, "name": "M", "value": "v"}') as unknown;
    assertSameCopy([proto, child, nameOnly]);
  });

  it("gives the same error for a getter that throws, in the entry or below it", () => {
    assertSameCopy([{ name: "A", value: "1" }, throwing("value", { name: "B" })]);
    assertSameCopy([throwing("name")]);
    assertSameCopy([{ name: "A", valueFrom: throwing("secretKeyRef") }]);
    assertSameCopy([{ name: "A", value: "1", extra: throwing("x") }, throwing("name")]);
  });

  it("gives the same error for a cycle through the list, an entry or a value", () => {
    const list: unknown[] = [{ name: "A", value: "1" }, { name: "B" }];
    (list[1] as Record<string, unknown>).loop = list;
    assertSameCopy(list);
    const entry: Record<string, unknown> = { name: "C", valueFrom: {} };
    (entry.valueFrom as Record<string, unknown>).back = entry;
    assertSameCopy([{ name: "A", value: "1" }, entry]);
    const array: unknown[] = [];
    array.push(array);
    assertSameCopy([array]);
  });

  it("gives the same error, or none, for data nested about 100 levels deep", () => {
    for (let depth = 95; depth <= 102; depth++) {
      assertSameCopy([{ name: "A", valueFrom: nested(depth) }]);
      assertSameCopy([{ name: "A", value: "1", deep: nested(depth) }]);
      assertSameCopy([[nested(depth)]]);
    }
  });

  it("copies any JSON-like list the same (property)", () => {
    const key = fc.constantFrom("name", "value", "valueFrom", "__proto__", "x", "0", "constructor");
    const leaf = fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null));
    const { tree } = fc.letrec((tie) => ({
      tree: fc.oneof(
        { depthSize: "small" },
        leaf,
        fc.array(tie("tree"), { maxLength: 3 }),
        fc.dictionary(key, tie("tree"), { maxKeys: 4 }),
      ),
    }));
    const entry = fc.oneof(
      fc.record({ name: fc.string(), value: fc.string() }),
      fc.record({ name: fc.string(), valueFrom: tree }),
      fc.dictionary(key, tree, { maxKeys: 4 }),
      tree,
    );
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 6 }), (list) => assertSameCopy(list)),
      { numRuns: 1000 },
    );
  });
});
