/**
 * Property-based tests of careless and hostile input (issue 10): prototype
 * keys anywhere in a callback's JSON, cycles anywhere, anything thrown, and
 * arguments of any type. The rules answer with a FlameRunnerPodError naming
 * the place, never with another error, and never touch Object.prototype.
 */
import { strict as assert } from "assert";
import fc from "fast-check";
import { checkFlameRunnerPodArgs } from "../../src/component/check-args";
import { FlameRunnerPodError } from "../../src/errors";
import { runnerPodManifestAsync } from "../../src/rules";
import type { RunnerPodOptions } from "../../src/types";
import { ENCODED_PARENT, parentPod } from "../fixtures/parent-pod";
import { errorOf, run, RUNNER_ID, type LooseCallback } from "../rules/support";

const NUM_RUNS = 1000;

/** A valid callback result: every object in it reaches the runner manifest. */
function baseResult(): Record<string, unknown> {
  return {
    metadata: { labels: { app: "runner" }, annotations: { a: "b" } },
    spec: {
      nodeSelector: { disk: "ssd" },
      containers: [
        { resources: { limits: { cpu: "1" }, requests: { memory: "1Gi" } } },
        { name: "sidecar", image: "busybox", securityContext: { runAsUser: 1000 } },
      ],
    },
  };
}

/** The paths of the objects of {@link baseResult}, each as a list of keys. */
function objectPaths(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (typeof value !== "object" || value === null) return [];
  const own = Array.isArray(value) ? [] : [path];
  const entries = Array.isArray(value)
    ? value.map((v, i) => [i, v] as const)
    : Object.entries(value);
  return [...own, ...entries.flatMap(([k, v]) => objectPaths(v, [...path, k]))];
}

const OBJECT_PATHS = objectPaths(baseResult());

function at(root: unknown, path: readonly (string | number)[]): Record<string, unknown> {
  return path.reduce<unknown>((o, k) => (o as Record<string | number, unknown>)[k], root) as Record<
    string,
    unknown
  >;
}

/** The error the rules give for the callback `callback` (with the fixture parent). */
const callbackError = (callback: LooseCallback): FlameRunnerPodError =>
  errorOf(() => run(parentPod(), callback));

const OBJECT_PROTOTYPE_KEYS = Object.getOwnPropertyNames(Object.prototype).sort();

describe("properties of hostile input", function () {
  this.timeout(60000);

  it("a JSON key __proto__, constructor or prototype on any object is refused under its own name", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...OBJECT_PATHS),
        fc.constantFrom("__proto__", "constructor", "prototype"),
        fc.dictionary(fc.string({ maxLength: 5 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }),
        (path, key, value) => {
          // Written as JSON text and parsed, as a YAML or JSON file gives it.
          const root = JSON.parse(JSON.stringify(baseResult())) as Record<string, unknown>;
          const target = JSON.stringify(at(root, path));
          const rest = target === "{}" ? "}" : `,${target.slice(1)}`;
          const withKey = JSON.parse(`{${JSON.stringify(key)}:${JSON.stringify(value)}${rest}`);
          if (path.length === 0)
            Object.defineProperty(root, key, {
              value: withKey[key],
              enumerable: true,
              writable: true,
              configurable: true,
            });
          else {
            const parent = at(root, path.slice(0, -1)) as Record<string | number, unknown>;
            parent[path[path.length - 1]] = withKey;
          }
          const error = callbackError(() => root);
          assert.ok(
            error.issues.some((i) => i.path.includes(key)),
            `no issue names ${key}: ${error.message}`,
          );
          assert.deepEqual(
            Object.getOwnPropertyNames(Object.prototype).sort(),
            OBJECT_PROTOTYPE_KEYS,
          );
        },
      ),
      { numRuns: NUM_RUNS },
    );
  });

  it("a cycle anywhere in a callback's result is refused at the path where it closes", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...OBJECT_PATHS),
        fc.nat(),
        fc.string({ unit: fc.constantFrom(..."abcxyz"), minLength: 1, maxLength: 6 }),
        (path, pick, key) => {
          const root = baseResult();
          const ancestors = [path.slice(0, 0), ...path.map((_, i) => path.slice(0, i + 1))].filter(
            (p) => !Array.isArray(at(root, p)),
          );
          const target = ancestors[pick % ancestors.length];
          at(root, path)[key] = at(root, target);
          const error = callbackError(() => root);
          assert.equal(error.issues.length, 1, error.message);
          assert.ok(error.issues[0].path.endsWith(key), error.message);
          assert.match(error.issues[0].message, /cycle/);
        },
      ),
      { numRuns: NUM_RUNS },
    );
  });

  it("anything a callback throws or rejects with becomes the rules' error at callback, with it as cause", async () => {
    const nullPrototype = Object.create(null) as object;
    const thrown = fc.oneof(
      fc.anything(),
      fc.constantFrom(
        nullPrototype,
        Symbol("s"),
        {
          toString() {
            throw new Error("x");
          },
        },
        new RangeError("r"),
      ),
    );
    fc.assert(
      fc.property(thrown, (value) => {
        const error = callbackError(() => {
          throw value;
        });
        assert.deepEqual(
          error.issues.map((i) => i.path),
          ["callback"],
        );
        assert.ok(Object.is(error.cause, value));
      }),
      { numRuns: NUM_RUNS },
    );
    await fc.assert(
      fc.asyncProperty(thrown, async (value) => {
        const error = await runnerPodManifestAsync(
          parentPod(),
          () => Promise.reject(value),
          ENCODED_PARENT,
          { runnerId: RUNNER_ID },
        ).then(
          () => assert.fail("resolved"),
          (e: unknown) => e,
        );
        assert.ok(error instanceof FlameRunnerPodError);
        assert.ok(Object.is(error.cause, value));
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it("the pure function and the component refuse the same argument values with the same words", () => {
    const TYPES = { omitOwnerReference: "boolean", appContainerName: "string", runnerId: "string" };
    const names = ["omitOwnerReference", "appContainerName", "runnerId"] as const;
    const value = fc.oneof(
      fc.anything(),
      fc.constantFrom("myapp", "", " ", "yes", "0123", "a-b", "Not.Valid", true, false, null),
    );
    fc.assert(
      fc.property(fc.constantFrom(...names), value, (name, v) => {
        let pure: FlameRunnerPodError | undefined;
        try {
          run(parentPod(), {}, { [name]: v } as RunnerPodOptions);
        } catch (error) {
          if (!(error instanceof FlameRunnerPodError)) throw error;
          pure = error;
        }
        let component: FlameRunnerPodError | undefined;
        try {
          checkFlameRunnerPodArgs("c", { parentPod: parentPod(), encodedParent: "e", [name]: v });
        } catch (error) {
          if (!(error instanceof FlameRunnerPodError)) throw error;
          component = error;
        }
        const pureIssue = pure?.issues.find((i) => i.path === `options.${name}`);
        const componentIssue = component?.issues.find((i) => i.path === `args.${name}`);
        // What the component refuses before values are known, the pure
        // function refuses with the same words (it checks more: whether
        // the container exists, whether the runner name fits).
        if (componentIssue !== undefined) assert.equal(pureIssue?.message, componentIssue.message);
        if (pureIssue === undefined) assert.equal(componentIssue, undefined);
        // Never coerced: a value of the wrong type is refused, by both.
        if (name === "omitOwnerReference" && v !== null && v !== undefined) {
          assert.equal(pureIssue === undefined, typeof v === "boolean");
        }
        if (v !== null && v !== undefined && typeof v !== TYPES[name]) {
          assert.ok(pureIssue !== undefined, "the pure function refuses a value of the wrong type");
          assert.ok(
            componentIssue !== undefined,
            "the component refuses a value of the wrong type",
          );
        }
      }),
      { numRuns: NUM_RUNS },
    );
  });
});
