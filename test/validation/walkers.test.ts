/**
 * The generated Pod walkers (`src/validation/generated/pod-walkers.ts`): the
 * committed file is what `scripts/generate-pod-walkers.ts` makes now, and the
 * validator built on them reports exactly what the generic walker it
 * replaced reports (`reference-walker.ts`): the same issues, codes, paths and
 * order, on random manifests drawn from the field table (right and wrong
 * types, `null`, holes, unknown and near-miss fields, values that the API
 * server's checks refuse) and on mutated runner pods. Seeded, so a failure
 * replays.
 */
import { strict as assert } from "assert";
import * as fs from "fs";
import fc from "fast-check";
import { POD_WALKERS_PATH, generatePodWalkers } from "../../scripts/generate-pod-walkers";
import { fullManifestCallback } from "../../bench/pure";
import { runnerPodManifest } from "../../src/rules";
import { podValidator, validatePodManifest } from "../../src/validation";
import { API_CHECKS } from "../../src/validation/checks";
import { POD_SCHEMA, type SchemaKind } from "../../src/validation/table";
import { ENCODED_PARENT, parentPod, seedTemplate } from "../fixtures/parent-pod";
import { referenceValidator } from "./reference-walker";
import { validPod } from "./support";

const SEED = 20261207;

/** Strings that pass or fail the formats the API server checks: names, paths, quantities, enums. */
const STRINGS = [
  "",
  "a",
  "myapp",
  "my-app.example.com",
  "MyApp",
  "-bad-",
  "x".repeat(70),
  "POD_IP",
  "A=B",
  "status.podIP",
  "metadata.labels['app']",
  "spec.nodeName",
  "requests.cpu",
  "limits.memory",
  "limits.hugepages-2Mi",
  "cpu",
  "memory",
  "example.com/gpu",
  "gpu",
  "hugepages-1Gi",
  "1",
  "1m",
  "500m",
  "1Gi",
  "1024Mi",
  "-1",
  "2Gi",
  "256MB",
  "1e3",
  "Never",
  "Always",
  "None",
  "NotRequired",
  "RestartContainer",
  "TCP",
  "HTTP",
  "/data",
  "data",
  "../up",
  " image ",
  "http",
  "8080",
  "2026-01-02T15:04:05Z",
  "yesterday",
  "..x",
  "key.txt",
];
const NUMBERS = [0, 1, -1, 0.5, 3, 8080, 65536, 420, 511, 512, 2 ** 31, -(2 ** 31) - 1, 2 ** 53];

/** A value of the wrong shape for most kinds. */
const anyScalar: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(...STRINGS),
  fc.constantFrom(...NUMBERS),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.constant({}),
  fc.constant([]),
);

/** A near miss of a field name: a letter dropped, doubled, or its case changed. */
function typoOf(name: string, at: number): string {
  const i = at % name.length;
  switch (at % 3) {
    case 0:
      return name.slice(0, i) + name.slice(i + 1);
    case 1:
      return name.slice(0, i) + name[i] + name.slice(i);
    default:
      return name.toUpperCase();
  }
}

const MAX_DEPTH = 7;
const objects = new Map<string, fc.Arbitrary<Record<string, unknown>>>();

/** A random object of the table's `type`: a few fields, mostly right, sometimes wrong or unknown. */
function objectOf(type: string, depth: number): fc.Arbitrary<Record<string, unknown>> {
  const key = `${type}@${depth}`;
  let arbitrary = objects.get(key);
  if (arbitrary !== undefined) return arbitrary;
  const properties = Object.entries(POD_SCHEMA.types[type].properties);
  const entry = fc.oneof(
    { weight: 8, arbitrary: fc.constantFrom(...properties) },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom(...properties)
        .chain(([name, kind]) =>
          fc.nat().map((at): [string, SchemaKind] => [typoOf(name, at), kind]),
        ),
    },
  );
  arbitrary =
    depth >= MAX_DEPTH
      ? fc.constant({})
      : fc.array(entry, { maxLength: depth < 3 ? 6 : 3 }).chain((fields) =>
          fc.tuple(...fields.map(([, kind]) => valueOf(kind, depth + 1))).map((values) => {
            const obj: Record<string, unknown> = {};
            fields.forEach(([name], i) => (obj[name] = values[i]));
            return obj;
          }),
        );
  objects.set(key, arbitrary);
  return arbitrary;
}

/** A random value of `kind`, right most of the time. */
function valueOf(kind: SchemaKind, depth: number): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 6, arbitrary: rightValueOf(kind, depth) },
    { weight: 1, arbitrary: anyScalar },
  );
}

function rightValueOf(kind: SchemaKind, depth: number): fc.Arbitrary<unknown> {
  if (typeof kind === "string") {
    switch (kind) {
      case "boolean":
        return fc.boolean();
      case "number":
      case "integer":
      case "int32":
        return fc.constantFrom(...NUMBERS);
      case "intOrString":
      case "quantity":
        return fc.oneof(fc.constantFrom(...STRINGS), fc.constantFrom(...NUMBERS));
      case "free-form":
        return anyScalar;
      default:
        return fc.constantFrom(...STRINGS);
    }
  }
  if ("enum" in kind) return fc.oneof(fc.constantFrom(...kind.enum), fc.constantFrom(...STRINGS));
  if ("ref" in kind) return objectOf(kind.ref, depth);
  if ("array" in kind) {
    return fc
      .array(valueOf(kind.array, depth), { maxLength: 3 })
      .chain((items) =>
        fc.nat(4).map((hole) => (hole === 0 && items.length > 1 ? holed(items) : items)),
      );
  }
  return fc.dictionary(
    fc.constantFrom(...STRINGS.slice(12, 22), "app", "a b"),
    valueOf(kind.map, depth),
    { maxKeys: 3 },
  );
}

/** `items` with a hole at index 0. */
function holed(items: unknown[]): unknown[] {
  const copy = [...items];
  delete copy[0];
  return copy;
}

/** The issues of `validate`, or what it threw. */
function outcome(validate: (manifest: unknown) => unknown, manifest: unknown): unknown {
  try {
    return validate(manifest);
  } catch (error) {
    return { threw: String(error) };
  }
}

const reference = referenceValidator(API_CHECKS);
const referenceSchemaOnly = referenceValidator({});
const schemaOnly = podValidator({});

/** Asserts both validators, with and without the API checks, report the same on `manifest`. */
function assertSame(manifest: unknown): void {
  assert.deepEqual(outcome(validatePodManifest, manifest), outcome(reference, manifest));
  assert.deepEqual(outcome(schemaOnly, manifest), outcome(referenceSchemaOnly, manifest));
}

/** Sets `value` at a random position of a copy of `pod`. */
function mutated(pod: unknown, choice: number, value: unknown): unknown {
  const copy = structuredClone(pod) as Record<string, unknown>;
  const holders: Record<string | number, unknown>[] = [];
  const visit = (v: unknown): void => {
    if (v !== null && typeof v === "object") {
      holders.push(v as Record<string, unknown>);
      for (const item of Object.values(v)) visit(item);
    }
  };
  visit(copy);
  const holder = holders[choice % holders.length];
  const keys = Object.keys(holder);
  if (keys.length === 0) return copy;
  holder[keys[Math.floor(choice / holders.length) % keys.length]] = value;
  return copy;
}

describe("the generated Pod walkers", () => {
  it("are what scripts/generate-pod-walkers.ts makes now (run npm run generate:walkers if not)", () => {
    const committed = fs.readFileSync(POD_WALKERS_PATH, "utf8");
    assert.ok(
      generatePodWalkers() === committed,
      "src/validation/generated/pod-walkers.ts is out of date: run `npm run generate:walkers`",
    );
  });

  it("refuse a check of a type they do not run (regenerate after adding one to API_CHECKS)", () => {
    assert.throws(
      () => podValidator({ Unknown: () => undefined }),
      /no walker runs a check of Unknown/,
    );
  });

  it("refuse sources that do not fit the table", () => {
    const sources = { extraEnums: {}, emptyAllowed: [], checkedTypes: [] };
    assert.throws(
      () => generatePodWalkers(POD_SCHEMA, { ...sources, extraEnums: { "Container.env": ["x"] } }),
      /not a plain string field/,
    );
    assert.throws(
      () => generatePodWalkers(POD_SCHEMA, { ...sources, emptyAllowed: ["Container.name"] }),
      /not an enum/,
    );
    assert.throws(
      () => generatePodWalkers(POD_SCHEMA, { ...sources, checkedTypes: ["Nope"] }),
      /unknown type Nope/,
    );
  });

  describe("report what the generic walker reports, in the same order", () => {
    it("on random pods drawn from the field table", () => {
      fc.assert(fc.property(objectOf("Pod", 0), assertSame), { seed: SEED, numRuns: 3000 });
    });

    it("on random pod specs and containers in a valid pod", () => {
      const pods = fc
        .tuple(objectOf("PodSpec", 1), objectOf("Container", 3))
        .map(([spec, container]) => {
          const pod = validPod() as unknown as { spec: Record<string, unknown> };
          return { ...pod, spec: { ...pod.spec, ...spec, containers: [container] } };
        });
      fc.assert(fc.property(pods, assertSame), { seed: SEED, numRuns: 3000 });
    });

    it("on runner pods with one value replaced", () => {
      const pods = [
        validPod(),
        parentPod(),
        runnerPodManifest(parentPod(), undefined, ENCODED_PARENT, {
          runnerId: "0123456789abcdef0123",
        }),
        runnerPodManifest(parentPod(), seedTemplate(), ENCODED_PARENT, {
          runnerId: "0123456789abcdef0123",
        }),
        runnerPodManifest(parentPod(), fullManifestCallback, ENCODED_PARENT, {
          runnerId: "0123456789abcdef0123",
        }),
      ];
      for (const pod of pods) assertSame(pod);
      fc.assert(
        fc.property(fc.constantFrom(...pods), fc.nat(), anyScalar, (pod, choice, value) =>
          assertSame(mutated(pod, choice, value)),
        ),
        { seed: SEED, numRuns: 3000 },
      );
    });

    it("on values that are not objects", () => {
      for (const value of [null, undefined, 3, "pod", [], [{}], true]) assertSame(value);
    });
  });
});
