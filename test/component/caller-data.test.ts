/**
 * The component reads caller data with the rules' safeguards: the rules'
 * depth limit, cycles reported where they close (never walked forever), and
 * reads that throw (getters) reported as the library's error at the path of
 * what was read.
 */
import assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import {
  FlameRunnerPod,
  FlameRunnerPodError,
  runnerPodManifest,
  type FlameRunnerPodCallback,
  type RunnerPodTemplate,
} from "../../src";
import { isPlainData, resolveInputs } from "../../src/component/resolve";
import { MAX_DEPTH } from "../../src/rules/caller-data";
import { ENCODED_PARENT, parentPod } from "../fixtures/parent-pod";
import { runnerArgs } from "./args";
import { drain, known, rejection, settle } from "../support/outputs";
import { assertNamedError, captureEachTest } from "../support/hooks";

/** The issues the pure function reports for `template` with the realistic parent. */
function pureIssues(template: unknown): FlameRunnerPodError["issues"] {
  try {
    runnerPodManifest(parentPod(), template as RunnerPodTemplate, ENCODED_PARENT);
  } catch (error) {
    assert.ok(error instanceof FlameRunnerPodError);
    return error.issues;
  }
  assert.fail("the pure function accepted the template");
}

/** The issues the component's `manifest` rejects with for `template`. */
async function componentIssues(template: unknown): Promise<FlameRunnerPodError["issues"]> {
  const runner = new FlameRunnerPod("bad", runnerArgs({ template: template as RunnerPodTemplate }));
  const error = await rejection(settle(runner.manifest));
  assert.ok(error instanceof FlameRunnerPodError);
  await drain(50);
  return error.issues;
}

/** An object whose two keys both refer back to it: walking it as a tree never ends. */
function doublyCyclic(): Record<string, unknown> {
  const t: Record<string, unknown> = {};
  t.a = t;
  t.b = t;
  return t;
}

/** A getter that throws `error`, as an own enumerable key (what a class or a proxy can hand over). */
function throwingGetter(key: string, error: Error): Record<string, unknown> {
  return Object.defineProperty({}, key, {
    enumerable: true,
    get: () => {
      throw error;
    },
  });
}

describe("FlameRunnerPod: caller data is read with the rules' safeguards", () => {
  const captured = captureEachTest({ unhandled: true });

  describe("cycles", () => {
    it("reports a template whose keys refer back to it as the pure function does, without hanging", async function () {
      // Before, the constructor walked 2^64 paths (it never returned).
      this.timeout(5000);
      assert.deepEqual(await componentIssues(doublyCyclic()), pureIssues(doublyCyclic()));
    });

    it("reads each key of a cyclic template a bounded number of times", async () => {
      // A read budget instead of a timeout: a synchronous walk cannot be
      // interrupted, so the walk of old throws once the budget is spent.
      let reads = 0;
      const read = (): unknown => {
        if (++reads > 10_000) throw new Error("read 10,000 times: the walk does not end");
        return template;
      };
      const template: Record<string, unknown> = {};
      Object.defineProperty(template, "a", { enumerable: true, get: read });
      Object.defineProperty(template, "b", { enumerable: true, get: read });
      assert.deepEqual(await componentIssues(template), pureIssues(doublyCyclic()));
    });

    it("reports a cycle at the path where it closes, as the pure function does", async () => {
      const resources: Record<string, unknown> = { limits: { cpu: "1" } };
      resources.again = resources;
      const template = { resources } as RunnerPodTemplate;
      const runner = new FlameRunnerPod("bad", runnerArgs({ template }));
      const error = await rejection(settle(runner.manifest));
      assert.ok(error instanceof FlameRunnerPodError);
      assert.deepEqual(error.issues, pureIssues(template));
      assert.ok(error.issues.some((i) => i.path === "template.resources.again"));
      await drain(50);
    });

    it("reports a cycle in a callback's result at its path", async () => {
      const manifest: Record<string, unknown> = { metadata: { labels: { a: "b" } } };
      (manifest.metadata as Record<string, unknown>).self = manifest;
      const runner = new FlameRunnerPod(
        "bad",
        runnerArgs({ template: (() => manifest) as FlameRunnerPodCallback }),
      );
      const error = await rejection(settle(runner.manifest));
      assertNamedError(error, "callback.metadata.self");
      await drain(50);
    });
  });

  describe("reads that throw", () => {
    it("throws the component's error from the constructor for a template with a throwing getter", () => {
      const cause = new Error("getter");
      const template = throwingGetter("env", cause) as RunnerPodTemplate;
      assert.throws(
        () => new FlameRunnerPod("bad", runnerArgs({ template })),
        (error: unknown) => {
          assertNamedError(error, "args");
          assert.match(error.message, /reading it threw Error: getter/);
          assert.equal(error.cause, cause);
          return true;
        },
      );
    });

    for (const [what, result] of [
      ["a throwing getter in a callback's result", (cause: Error) => throwingGetter("spec", cause)],
      [
        "a callback result whose then getter throws",
        (cause: Error) => throwingGetter("then", cause),
      ],
      [
        "a throwing getter in an async callback's result",
        (cause: Error) => Promise.resolve(throwingGetter("spec", cause)),
      ],
    ] as const) {
      it(`reports ${what} at path callback`, async () => {
        const cause = new Error("getter");
        const runner = new FlameRunnerPod(
          "bad",
          runnerArgs({ template: (() => result(cause)) as unknown as FlameRunnerPodCallback }),
        );
        const error = await rejection(settle(runner.manifest));
        assertNamedError(error, "callback");
        assert.equal(error.cause, cause);
        await drain(50);
        assert.ok(captured.unhandled.every((r) => r === error));
      });
    }
  });
});

describe("resolveInputs: functions", () => {
  captureEachTest();

  it("takes a function as plain data", () => {
    assert.equal(
      isPlainData(() => "abc"),
      true,
    );
  });

  it("waits for a function that has a then method, as for any thenable", async () => {
    const thenable = Object.assign(() => undefined, {
      then: (done: (value: string) => void) => done("abc"),
    });
    assert.equal(isPlainData(thenable), false);
    const resolved = resolveInputs(thenable, (e) => e as Error);
    assert.ok(pulumi.Output.isInstance(resolved));
    assert.equal((await known(resolved)).value, "abc");
  });
});

describe("resolveInputs: the rules' depth limit", () => {
  captureEachTest();

  /** `leaf` under `levels` nested objects. */
  function nested(levels: number, leaf: unknown): unknown {
    let value = leaf;
    for (let i = 0; i < levels; i++) value = { x: value };
    return value;
  }

  it("takes data as deep as the rules allow for plain data", () => {
    assert.equal(isPlainData(nested(MAX_DEPTH - 1, "leaf")), true);
  });

  it("unwraps an Output as deep as the rules allow", async () => {
    const resolved = resolveInputs(nested(MAX_DEPTH - 1, pulumi.output("leaf")), (e) => e as Error);
    assert.ok(pulumi.Output.isInstance(resolved));
    assert.deepEqual((await known(resolved)).value, nested(MAX_DEPTH - 1, "leaf"));
  });
});
