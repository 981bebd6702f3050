/**
 * Issue 9, item 7: one clear message per failure, naming the component:
 * no `error serializing property` prefix, no second report of the same error
 * as an unhandled exception (with a stack and the error's own fields).
 */
import { strict as assert } from "node:assert";
import { BEFORE_TIMEOUT_MS, CALLBACK_THROWS, TEMPLATE_TYPO, userText, runBefore } from "./runs";

describe("Engine: one clear message per failure (issue 9, item 7)", function () {
  this.timeout(BEFORE_TIMEOUT_MS);

  for (const [label, options] of [
    ["a template with the seed's limimts typo", TEMPLATE_TYPO],
    ["a callback that throws", CALLBACK_THROWS],
  ] as const) {
    describe(label, function () {
      const run = runBefore(options);

      it("is reported at all (the host ends by itself)", function () {
        assert.equal(run().timedOut, false, `the harness killed the host:\n${run().summary()}`);
        assert.notEqual(run().exitCode, 0, run().summary());
      });

      it("reports exactly one error, and it names the component", function () {
        const errors = run().messages("error");
        assert.equal(errors.length, 1, run().summary());
        assert.match(errors[0], /FlameRunnerPod "runner"/);
      });

      it("has no serializer prefix", function () {
        assert.match(userText(run()), /FlameRunnerPod "runner"/, run().summary());
        assert.doesNotMatch(userText(run()), /error serializing property/, run().summary());
      });

      it("is not reported again as an unhandled exception", function () {
        const text = userText(run());
        assert.match(text, /FlameRunnerPod "runner"/, run().summary());
        assert.doesNotMatch(text, /unhandled exception/i, run().summary());
        assert.doesNotMatch(text, /^\s+at /m, `a stack trace is printed:\n${run().summary()}`);
      });
    });
  }
});
