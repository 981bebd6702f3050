/**
 * Issue 9, item 8 (under Pulumi's mocks, as a user's unit test runs): a
 * runner whose rules failed must not leave `podName` or `manifest` pending
 * forever; both reject with the rule's error, so a test awaiting them fails
 * at once instead of running into mocha's timeout.
 */
import { strict as assert } from "node:assert";
import type * as pulumi from "@pulumi/pulumi";
import {
  FlameRunnerPod,
  FlameRunnerPodError,
  type FlameRunnerPodArgs,
  type Inputs,
  type RunnerPodTemplate,
} from "../../src";
import { ENCODED_PARENT, parentPod } from "../fixtures/parent-pod";
import { rejection, settle } from "../support/outputs";
import { throwing } from "../support/data";
import { captureEachTest } from "../support/hooks";

/** Long enough for any settled Output; a pending one is reported as hanging. */
const SETTLE_MS = 2_000;

/** `promise`, or a rejection saying it hung when it has not settled within {@link SETTLE_MS}. */
function settledSoon<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const hung = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${what} still pending after ${SETTLE_MS} ms`)),
      SETTLE_MS,
    );
  });
  return Promise.race([promise, hung]).finally(() => clearTimeout(timer));
}

const BROKEN: [string, Partial<FlameRunnerPodArgs>, string][] = [
  [
    "a template with the seed's limimts typo",
    { template: { resources: { limimts: { cpu: "1" } } } as Inputs<RunnerPodTemplate> },
    "spec.containers[0].resources.limimts",
  ],
  [
    "a callback that throws",
    { template: throwing(new Error("no GPU node pool configured")) },
    "callback",
  ],
];

describe("Mocks: a broken runner's outputs reject instead of hanging (issue 9, item 8)", function () {
  captureEachTest({ unhandled: true, drainTurns: 20 });

  for (const [label, extra, path] of BROKEN) {
    for (const output of ["podName", "manifest"] as const) {
      it(`${output} rejects with the rule error: ${label}`, async function () {
        const runner = new FlameRunnerPod("broken", {
          parentPod: parentPod(),
          encodedParent: ENCODED_PARENT,
          ...extra,
        });
        const error = await rejection(
          settledSoon(settle(runner[output] as pulumi.Output<unknown>), `runner.${output}`),
        );
        assert.ok(error instanceof FlameRunnerPodError, `not the rule error: ${String(error)}`);
        assert.match(error.message, /^FlameRunnerPod "broken": /);
        assert.ok(
          error.issues.some((i) => i.path === path),
          JSON.stringify(error.issues),
        );
      });
    }
  }
});
