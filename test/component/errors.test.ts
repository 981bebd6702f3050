import assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import * as k8s from "@pulumi/kubernetes";
import {
  FlameRunnerPod,
  FlameRunnerPodError,
  type FlameRunnerPodArgs,
  type FlameRunnerPodCallback,
  type Inputs,
  type RunnerPodTemplate,
} from "../../src";
import { parentPod } from "../fixtures/parent-pod";
import { runnerArgs } from "./args";
import { installMocks, registrations } from "../support/mocks";
import { drain, rejection, settle } from "../support/outputs";
import { throwing } from "../support/data";
import { assertFailedRunOnce, assertNamedError, captureEachTest } from "../support/hooks";

const NAMED = 'FlameRunnerPod "bad"';

const args = runnerArgs;

describe("FlameRunnerPod: arguments of the wrong shape throw from the constructor", () => {
  beforeEach(() => installMocks());

  const cases: [string, unknown, string][] = [
    ["a template that is a number", { ...args(), template: 42 }, "args.template"],
    ["a template that is an array", { ...args(), template: [] }, "args.template"],
    ["a template that is null", { ...args(), template: null }, "args.template"],
    ["a missing encodedParent", { ...args(), encodedParent: undefined }, "args.encodedParent"],
    ["an empty encodedParent", { ...args(), encodedParent: "" }, "args.encodedParent"],
    ["a missing parentPod", { ...args(), parentPod: undefined }, "args.parentPod"],
    ["a parentPod that is a string", { ...args(), parentPod: "myapp" }, "args.parentPod"],
    [
      "an omitOwnerReference that is a string",
      { ...args(), omitOwnerReference: "yes" },
      "args.omitOwnerReference",
    ],
    [
      "an appContainerName that is a number",
      { ...args(), appContainerName: 1 },
      "args.appContainerName",
    ],
    ["an empty appContainerName", { ...args(), appContainerName: "" }, "args.appContainerName"],
    ["a runnerId with upper case", { ...args(), runnerId: "ABC" }, "args.runnerId"],
    ["a runnerId ending with -", { ...args(), runnerId: "abc-" }, "args.runnerId"],
    ["an empty runnerId", { ...args(), runnerId: "" }, "args.runnerId"],
    ["a runnerId that is a number", { ...args(), runnerId: 7 }, "args.runnerId"],
    ["a runnerId that is a function", { ...args(), runnerId: () => "abc" }, "args.runnerId"],
    [
      "an encodedParent that is a function",
      { ...args(), encodedParent: () => "parent" },
      "args.encodedParent",
    ],
    ["a waitForReady that is a string", { ...args(), waitForReady: "yes" }, "args.waitForReady"],
    ["an unknown argument", { ...args(), templete: {} }, "args.templete"],
    ["no arguments", undefined, "args"],
  ];

  it("throws for a parentPod that is another kind of resource", async () => {
    const service = new k8s.core.v1.Service("svc", { metadata: { name: "svc" } });
    assert.throws(
      () => new FlameRunnerPod("bad", args({ parentPod: service as unknown as k8s.core.v1.Pod })),
      (error: unknown) => {
        assertNamedError(error, "args.parentPod");
        return true;
      },
    );
    await drain();
    assert.deepEqual(
      registrations.map((r) => r.type),
      ["kubernetes:core/v1:Service"],
    );
  });

  for (const [label, given, path] of cases) {
    it(`throws for ${label}, registering nothing`, () => {
      let thrown: unknown;
      try {
        new FlameRunnerPod("bad", given as FlameRunnerPodArgs);
      } catch (error) {
        thrown = error;
      }
      assertNamedError(thrown, path);
      assert.ok(thrown.message.startsWith(NAMED));
      assert.deepEqual(registrations, []);
    });
  }

  it("lists every problem at once", () => {
    assert.throws(
      () =>
        new FlameRunnerPod("bad", {
          ...args(),
          template: 1,
          runnerId: "X",
        } as unknown as FlameRunnerPodArgs),
      (error: unknown) =>
        error instanceof FlameRunnerPodError &&
        error.issues.map((i) => i.path).join() === "args.template,args.runnerId",
    );
  });
});

/**
 * The error a failed runner reports: the rules' FlameRunnerPodError named
 * after the component, which the language host takes for a
 * pulumi.ResourceError on the component without stack (it prints the
 * message once, on the component).
 */
function assertReported(
  error: unknown,
  runner: FlameRunnerPod,
  path: string,
): asserts error is FlameRunnerPodError {
  assertNamedError(error, path);
  assert.ok(error.message.startsWith(NAMED));
  assert.ok(
    pulumi.ResourceError.isInstance(error),
    "the host would not take it for a ResourceError",
  );
  assert.equal(error.resource, runner);
  assert.equal(error.hideStack, true);
  // The host formats the stack of what it reports: on Node 20 with source
  // maps into @pulumi/pulumi, that loops for a minute (issue 9.1).
  assert.equal(error.stack, undefined);
  assert.doesNotMatch(error.message, /error serializing/);
}

describe("FlameRunnerPod: an error found once values are known fails the run once, on the component", () => {
  const captured = captureEachTest({ unhandled: true });

  const withoutUid = { ...parentPod(), metadata: { ...parentPod().metadata, uid: undefined } };

  const cases: [string, Partial<FlameRunnerPodArgs>, string][] = [
    [
      "an appContainerName no container has",
      { appContainerName: "nope" },
      "options.appContainerName",
    ],
    [
      "an appContainerName no container has, with a callback",
      { appContainerName: "nope", template: () => ({}) },
      "options.appContainerName",
    ],
    ["a parent without uid", { parentPod: withoutUid }, "parentPod.metadata.uid"],
    [
      "an encodedParent Output that is empty",
      { encodedParent: pulumi.output("") },
      "encodedParent",
    ],
    ["a runnerId Output with upper case", { runnerId: pulumi.output("ABC") }, "options.runnerId"],
    [
      "a template env entry with value and valueFrom",
      {
        template: {
          env: [{ name: "A", value: "1", valueFrom: { fieldRef: { fieldPath: "metadata.name" } } }],
        },
      },
      "template.env[0]",
    ],
    [
      "a template with the seed's limimts typo",
      {
        // What a JavaScript caller (or a cast) can pass: the seed's own typo.
        template: pulumi.output({
          resources: { limimts: { cpu: "1" } },
        }) as unknown as Inputs<RunnerPodTemplate>,
      },
      "spec.containers[0].resources.limimts",
    ],
    ["a callback that throws", { template: throwing(new Error("boom")) }, "callback"],
    [
      "a callback whose Promise rejects",
      { template: () => Promise.reject(new Error("boom")) },
      "callback",
    ],
    [
      "a callback that returns a number",
      { template: (() => pulumi.output(42)) as unknown as FlameRunnerPodCallback },
      "callback",
    ],
  ];

  for (const [label, extra, path] of cases) {
    it(`reports ${label}`, async function () {
      this.timeout(5000);
      const runner = new FlameRunnerPod("bad", args(extra));

      // manifest and podName reject with it (they used to hang: issue 9.8).
      const fromManifest = await rejection(settle(runner.manifest));
      assertReported(fromManifest, runner, path);
      assert.equal(await rejection(settle(runner.podName)), fromManifest);

      await drain(50);
      // Pulumi's serializer met it (the component's outputs): the message stays.
      assert.doesNotMatch(fromManifest.message, /error serializing/);
      // What the language host of a real run reports (deduplicated by
      // identity) and fails with: that one error; the pod never reached the engine.
      assertFailedRunOnce(captured, "flame-k8s:index:FlameRunnerPod", fromManifest);
    });
  }

  it("keeps what a callback threw as the cause of the rules' error", async () => {
    const thrown = new Error("boom");
    const runner = new FlameRunnerPod("bad", args({ template: throwing(thrown) }));
    const error = await rejection(settle(runner.manifest));
    assertReported(error, runner, "callback");
    assert.equal(error.cause, thrown);
    assert.match(error.message, /threw Error: boom/);
    await drain(50);
  });

  it("reports an argument Output that rejects with a value String() cannot show, with the cause", async function () {
    this.timeout(5000);
    const cause = Object.create(null) as object;
    const runner = new FlameRunnerPod(
      "bad",
      args({ encodedParent: pulumi.output(Promise.reject(cause)) as pulumi.Output<string> }),
    );
    const error = await rejection(settle(runner.podName));
    assertReported(error, runner, "args");
    assert.equal(error.cause, cause);
    await drain(50);
  });

  it("reports a callback Output that rejects, with the cause", async function () {
    this.timeout(5000);
    const cause = new Error("lookup failed");
    const runner = new FlameRunnerPod(
      "bad",
      args({ template: () => pulumi.output(Promise.reject(cause)) }),
    );
    const error = await rejection(settle(runner.podName));
    assertReported(error, runner, "args");
    assert.equal(error.cause, cause);
    await drain(50);
    assert.ok(captured.unhandled.includes(cause));
    assert.ok(captured.unhandled.every((r) => r === cause || r === error));
  });
});
