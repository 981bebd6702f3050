/**
 * Arguments of the wrong runtime type: plain JavaScript callers pass
 * anything. runnerPodManifest (its encodedParent and options) and the
 * FlameRunnerPod component check every argument they share with one check:
 * refused with the argument's name, never coerced, the same words in both.
 */
import assert from "node:assert/strict";
import { checkFlameRunnerPodArgs } from "../../src/component/check-args";
import { FlameRunnerPodError } from "../../src/errors";
import { runnerPodManifest } from "../../src/rules";
import { argumentNames } from "../../src/rules/options";
import type { PodManifest, RunnerPodOptions } from "../../src/types";
import { ENCODED_PARENT, parentPod } from "../fixtures/parent-pod";
import { errorOf, pathsOf, RUNNER_ID } from "./support";

const pure = (encodedParent: unknown, options: Record<string, unknown>) =>
  errorOf(() =>
    runnerPodManifest(parentPod(), {}, encodedParent as string, options as RunnerPodOptions),
  );

/** The component's check of the same arguments, or `undefined` when it passes. */
function component(args: Record<string, unknown>): FlameRunnerPodError | undefined {
  try {
    checkFlameRunnerPodArgs('FlameRunnerPod "x"', { parentPod: parentPod(), ...args });
  } catch (error) {
    if (error instanceof FlameRunnerPodError) return error;
    throw error;
  }
  return undefined;
}

const WRONG: [string, unknown[]][] = [
  ["omitOwnerReference", ["yes", "false", 0, 1, {}, []]],
  ["appContainerName", [3, "", true, {}, ["myapp"]]],
  ["runnerId", [12345, "", "Not.Valid", "abc-", ["a"], {}, "x".repeat(63)]],
];

describe("arguments of the wrong type are refused with their name, never coerced", () => {
  for (const [name, values] of WRONG) {
    for (const value of values) {
      it(`refuses ${name}: ${JSON.stringify(value)} in the pure function and the component alike`, () => {
        const p = pure(ENCODED_PARENT, { runnerId: RUNNER_ID, [name]: value });
        assert.deepEqual(pathsOf(p), [`options.${name}`]);
        const c = component({ encodedParent: ENCODED_PARENT, [name]: value });
        assert.ok(c !== undefined, "the component accepted it");
        assert.deepEqual(pathsOf(c), [`args.${name}`]);
        assert.equal(c.issues[0].message, p.issues[0].message);
      });
    }
  }

  for (const value of [undefined, null, "", "   ", "\n\t", 42, {}, ["x"]]) {
    it(`refuses encodedParent: ${JSON.stringify(value)} in the pure function and the component alike`, () => {
      const p = pure(value, { runnerId: RUNNER_ID });
      assert.deepEqual(pathsOf(p), ["encodedParent"]);
      const c = component({ encodedParent: value });
      assert.ok(c !== undefined, "the component accepted it");
      assert.deepEqual(pathsOf(c), ["args.encodedParent"]);
      assert.equal(c.issues[0].message, p.issues[0].message);
    });
  }

  it("refuses onWarning that is not a function", () => {
    assert.deepEqual(pathsOf(pure(ENCODED_PARENT, { onWarning: "console.log" })), [
      "options.onWarning",
    ]);
  });

  it("refuses options that are not an object", () => {
    assert.deepEqual(
      pathsOf(
        errorOf(() => runnerPodManifest(parentPod(), {}, ENCODED_PARENT, "x" as unknown as object)),
      ),
      ["options"],
    );
  });

  it("accepts null as absent, as everywhere in the rules", () => {
    const manifest = runnerPodManifest(parentPod(), {}, ENCODED_PARENT, {
      runnerId: RUNNER_ID,
      appContainerName: null,
      omitOwnerReference: null,
      onWarning: null,
    } as unknown as RunnerPodOptions);
    assert.equal(manifest.metadata!.ownerReferences!.length, 1);
    assert.equal(component({ encodedParent: ENCODED_PARENT, omitOwnerReference: null }), undefined);
  });

  it("leaves Outputs and Promises of the component to be checked once resolved", () => {
    assert.equal(
      component({ encodedParent: Promise.resolve(""), runnerId: Promise.resolve("X") }),
      undefined,
    );
  });
});

describe("unknown options and arguments are refused with a did-you-mean", () => {
  it("refuses a misspelt option of the pure function instead of ignoring it", () => {
    const error = pure(ENCODED_PARENT, { runnerId: RUNNER_ID, omitOwnerRefrence: true });
    assert.deepEqual(pathsOf(error), ["options.omitOwnerRefrence"]);
    assert.match(error.issues[0].message, /unknown option.*did you mean "omitOwnerReference"\?$/);
  });

  it("refuses a misspelt argument of the component", () => {
    const error = component({ encodedParent: ENCODED_PARENT, appContainerNmae: "myapp" });
    assert.deepEqual(pathsOf(error!), ["args.appContainerNmae"]);
    assert.match(error!.issues[0].message, /did you mean "appContainerName"\?$/);
  });

  it("knows the component's waitForReady argument, a boolean", () => {
    assert.equal(component({ encodedParent: ENCODED_PARENT, waitForReady: true }), undefined);
    assert.deepEqual(pathsOf(component({ encodedParent: ENCODED_PARENT, waitForReady: "no" })!), [
      "args.waitForReady",
    ]);
  });

  it("refuses a misspelt template field with a did-you-mean", () => {
    const error = errorOf(() =>
      runnerPodManifest(parentPod(), { resource: {} } as object, ENCODED_PARENT, {
        runnerId: RUNNER_ID,
      }),
    );
    assert.deepEqual(pathsOf(error), ["template.resource"]);
    assert.match(error.issues[0].message, /did you mean "resources"\?/);
  });

  it("does not read the parent pod's inherited keys", () => {
    const parent = Object.create(parentPod()) as PodManifest;
    assert.deepEqual(pathsOf(errorOf(() => runnerPodManifest(parent, {}, ENCODED_PARENT))), [
      "parentPod.metadata.name",
      "parentPod.metadata.uid",
      "parentPod.spec.containers",
    ]);
  });
});

describe("the argument-name lists follow the Args interfaces", () => {
  it("a list that leaves out a key of its interface does not compile", () => {
    // @ts-expect-error `b` is missing: an argument added to an interface must be listed.
    const names = argumentNames<{ a?: string; b?: number }>({ a: true });
    assert.deepEqual(names, ["a"]);
    assert.deepEqual(argumentNames<{ a?: string; b?: number }>({ a: true, b: true }), ["a", "b"]);
  });
});
