/**
 * The entry points: the synchronous one refuses a Promise, the async one
 * awaits it, and runnerPodManifestFromStart takes an already-known start.
 */
import assert from "node:assert/strict";
import {
  runnerPodCallbackArguments,
  runnerPodManifest,
  runnerPodManifestAsync,
  runnerPodManifestFromStart,
} from "../../src/rules";
import { checkInputs } from "../../src/rules/inputs";
import type { RunnerPodIssue } from "../../src/errors";
import type { Container, PodManifest } from "../../src/types";
import { validatePodManifest } from "../../src/validation";
import { ENCODED_PARENT, parentPod, seedTemplate } from "../fixtures/parent-pod";
import { RUNNER_ID, deepFreeze, errorOf, nullPaths, objectsIn, rejectionOf } from "./support";

const options = { runnerId: RUNNER_ID };
const callback = (() => ({
  spec: { nodeSelector: { gpu: "l4" }, containers: [{}] },
})) as unknown as () => PodManifest;

describe("runnerPodManifest: synchronous", () => {
  it("refuses a callback that returns a Promise, pointing to runnerPodManifestAsync", () => {
    const error = errorOf(() =>
      runnerPodManifest(parentPod(), async () => callback(), ENCODED_PARENT),
    );
    assert.deepEqual(
      error.issues.map((i) => i.path),
      ["callback"],
    );
    assert.match(error.message, /runnerPodManifestAsync/);
  });

  it("does not leave an unhandled rejection behind when the refused Promise rejects", async () => {
    const unhandled: unknown[] = [];
    const listener = (reason: unknown) => unhandled.push(reason);
    process.on("unhandledRejection", listener);
    try {
      errorOf(() =>
        runnerPodManifest(parentPod(), () => Promise.reject(new Error("late")), ENCODED_PARENT),
      );
      await new Promise((resolve) => setTimeout(resolve, 10));
      assert.deepEqual(unhandled, []);
    } finally {
      process.off("unhandledRejection", listener);
    }
  });
});

describe("runnerPodManifest: each problem is found once", () => {
  // FlameRunnerPodError drops repeats, so the checks are watched directly.
  for (const name of [5, ""]) {
    it(`reports appContainerName: ${JSON.stringify(name)} once, by the options check`, () => {
      const issues: RunnerPodIssue[] = [];
      checkInputs(parentPod(), ENCODED_PARENT, { appContainerName: name }, issues);
      assert.deepEqual(
        issues.map((i) => i.path),
        ["options.appContainerName"],
      );
    });
  }

  it("still reports a bad name given to runnerPodCallbackArguments", () => {
    const error = errorOf(() => runnerPodCallbackArguments(parentPod(), 5 as unknown as string));
    assert.deepEqual(
      error.issues.map((i) => i.path),
      ["options.appContainerName"],
    );
  });
});

describe("runnerPodManifest: both value and valueFrom is the API server's rule", () => {
  const podIp = { fieldRef: { fieldPath: "status.podIP" } };
  const entry = { name: "NODE_IP", value: "", valueFrom: podIp };
  const runnerEnv = (manifest: PodManifest) => manifest.spec!.containers[0].env ?? [];

  it('accepts value: "" beside valueFrom, and the runner is valid and has no null', () => {
    const manifest = runnerPodManifest(parentPod(), { env: [entry] }, ENCODED_PARENT, options);
    assert.deepEqual(
      runnerEnv(manifest).find((e) => e.name === "NODE_IP"),
      entry,
    );
    assert.deepEqual(validatePodManifest(manifest), []);
    assert.deepEqual(nullPaths(manifest), []);
  });

  it('accepts value: "" beside valueFrom in a callback\'s result', () => {
    const fromCallback = (_: PodManifest, app: Container) => ({
      spec: { containers: [{ ...app, env: [entry] }] },
    });
    const manifest = runnerPodManifest(parentPod(), fromCallback, ENCODED_PARENT, options);
    assert.deepEqual(runnerEnv(manifest).at(-1), entry);
    assert.deepEqual(validatePodManifest(manifest), []);
  });

  it("refuses a non-empty value beside valueFrom", () => {
    const both = { ...entry, value: "10.0.0.1" };
    const error = errorOf(() =>
      runnerPodManifest(parentPod(), { env: [both] }, ENCODED_PARENT, options),
    );
    assert.deepEqual(
      error.issues.map((i) => i.path),
      ["template.env[0]"],
    );
  });
});

describe("runnerPodManifestAsync: awaits a callback's Promise, then the same rules", () => {
  it("gives the same manifest for an async callback as the sync one for the sync callback", async () => {
    const sync = runnerPodManifest(parentPod(), callback, ENCODED_PARENT, options);
    const async_ = await runnerPodManifestAsync(
      parentPod(),
      async () => callback(),
      ENCODED_PARENT,
      options,
    );
    assert.deepEqual(async_, sync);
  });

  it("accepts a template and a sync callback too", async () => {
    assert.deepEqual(
      await runnerPodManifestAsync(parentPod(), seedTemplate(), ENCODED_PARENT, options),
      runnerPodManifest(parentPod(), seedTemplate(), ENCODED_PARENT, options),
    );
    assert.deepEqual(
      await runnerPodManifestAsync(parentPod(), callback, ENCODED_PARENT, options),
      runnerPodManifest(parentPod(), callback, ENCODED_PARENT, options),
    );
  });

  it("rejects with a FlameRunnerPodError at path callback when the Promise rejects, keeping the cause", async () => {
    const cause = new Error("lookup failed");
    const error = await rejectionOf(
      runnerPodManifestAsync(parentPod(), () => Promise.reject(cause), ENCODED_PARENT),
    );
    assert.deepEqual(
      error.issues.map((i) => i.path),
      ["callback"],
    );
    assert.match(error.message, /rejected with Error: lookup failed/);
    assert.equal(error.cause, cause);
  });

  it("rejects (never throws synchronously) for bad input", async () => {
    const promise = runnerPodManifestAsync(parentPod(), {}, "");
    assert.ok(promise instanceof Promise);
    assert.deepEqual(
      (await rejectionOf(promise)).issues.map((i) => i.path),
      ["encodedParent"],
    );
  });
});

describe("runnerPodManifestFromStart: a start that is already known", () => {
  it("gives for { kind: template } what runnerPodManifest gives for the template", () => {
    assert.deepEqual(
      runnerPodManifestFromStart(
        parentPod(),
        { kind: "template", template: seedTemplate() },
        ENCODED_PARENT,
        options,
      ),
      runnerPodManifest(parentPod(), seedTemplate(), ENCODED_PARENT, options),
    );
  });

  it("gives for { kind: callback } what runnerPodManifest gives for the callback", () => {
    assert.deepEqual(
      runnerPodManifestFromStart(
        parentPod(),
        { kind: "callback", manifest: callback() },
        ENCODED_PARENT,
        options,
      ),
      runnerPodManifest(parentPod(), callback, ENCODED_PARENT, options),
    );
  });

  it("checks the callback's result like the callback entry does", () => {
    const error = errorOf(() =>
      runnerPodManifestFromStart(parentPod(), { kind: "callback", manifest: 5 }, ENCODED_PARENT),
    );
    assert.deepEqual(
      error.issues.map((i) => i.path),
      ["callback"],
    );
  });
});

describe("runnerPodCallbackArguments: copies to call a callback with", () => {
  it("returns deep copies of the parent and of the app container", () => {
    const parent = deepFreeze(parentPod());
    const [p, app] = runnerPodCallbackArguments(parent);
    assert.deepEqual(p, parent);
    assert.deepEqual(app, parent.spec!.containers[0]);
    const originals = objectsIn(parent);
    for (const o of objectsIn([p, app])) assert.equal(originals.has(o), false);
  });

  it("finds the app container by name", () => {
    const parent = parentPod();
    parent.spec!.containers.unshift({ name: "istio-proxy", image: "istio/proxyv2" });
    assert.equal(runnerPodCallbackArguments(parent, "myapp")[1].name, "myapp");
  });
});
