import assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { applyInputs } from "../../src/component/outputs";
import { installMocks } from "../support/mocks";
import { UNKNOWN, known, rejection, settle } from "../support/outputs";

/** An Output of `value` that holds `value` itself: apply does not copy what it returns. */
function outputHolding<T>(value: T): pulumi.Output<T> {
  return pulumi.output(0).apply(() => value);
}

/** The values `build` received, resolved. */
function collect(inputs: readonly unknown[]): pulumi.Output<unknown[]> {
  return applyInputs(pulumi.output("base"), inputs, (_base, values) => values);
}

describe("applyInputs: plain data is passed as it is, not copied", () => {
  beforeEach(() => installMocks());

  it("gives build the very objects it was given, and the base's value", async () => {
    const parent = { metadata: { name: "p" }, spec: { containers: [{ name: "app" }] } };
    const template = { env: [{ name: "A", value: "1" }] };
    let seenBase: unknown;
    const out = applyInputs(pulumi.output("the-base"), [parent, "encoded", template], (b, v) => {
      seenBase = b;
      return v;
    });
    const values = await known(out);
    assert.equal(values[0], parent);
    assert.equal(values[2], template);
    assert.equal(values[1], "encoded");
    assert.equal(seenBase, "the-base");
  });

  it("does not change the inputs array", async () => {
    const inputs = [outputHolding({ a: 1 }), undefined];
    await known(collect(inputs));
    assert.ok(pulumi.Output.isInstance(inputs[0]));
  });
});

describe("applyInputs: an Output's value is taken as it is", () => {
  beforeEach(() => installMocks());

  it("passes the object an Output holds, not a copy of it", async () => {
    const pod = { metadata: { name: "p" }, spec: { containers: [] } };
    const values = await known(collect([outputHolding(pod)]));
    assert.equal(values[0], pod);
  });

  it("unwraps an Output whose value holds Outputs itself", async () => {
    const nested = outputHolding({ name: pulumi.output("inner"), list: [Promise.resolve(2)] });
    const values = await known(collect([nested]));
    assert.deepEqual(values[0], { name: "inner", list: [2] });
  });
});

describe("applyInputs: Promises and objects holding Inputs are unwrapped whole", () => {
  beforeEach(() => installMocks());

  it("resolves a Promise and every Input inside an object", async () => {
    const values = await known(
      collect([
        Promise.resolve("from a promise"),
        { env: [{ name: "A", value: pulumi.output("from an output") }] },
        "plain",
      ]),
    );
    assert.deepEqual(values, [
      "from a promise",
      { env: [{ name: "A", value: "from an output" }] },
      "plain",
    ]);
  });
});

describe("applyInputs: secretness and failures of any input reach the result", () => {
  beforeEach(() => installMocks());

  it("is secret when one input holds a secret, and not otherwise", async () => {
    const secret = collect(["plain", { value: pulumi.secret("s3cr3t") }]);
    assert.equal(await pulumi.isSecret(secret), true);
    assert.deepEqual(await known(secret), ["plain", { value: "s3cr3t" }]);
    assert.equal(await pulumi.isSecret(collect(["plain", pulumi.output("open")])), false);
  });

  it("rejects when an input rejects, without running build", async () => {
    let runs = 0;
    const out = applyInputs(pulumi.output(0), [Promise.reject(new Error("boom"))], () => ++runs);
    const error = await rejection(pulumi.isSecret(out));
    assert.match(String(error), /boom/);
    assert.equal(runs, 0);
  });
});

describe("applyInputs: in a preview, an unknown input makes the result unknown", () => {
  beforeEach(() => installMocks({ preview: true }));

  it("does not run build and gives an unknown Output", async () => {
    let runs = 0;
    const out = applyInputs(
      pulumi.output(0),
      ["known", pulumi.output(pulumi.unknown)],
      () => ++runs,
    );
    assert.equal(await settle(out), UNKNOWN);
    assert.equal(runs, 0);
  });
});
