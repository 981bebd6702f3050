// Mocha's spec reporter, followed by one plain closing line that CI reads:
// "N passed, N failed" (pending tests are reported as skipped).
"use strict";
const Mocha = require("mocha");

class SummaryReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    runner.once(Mocha.Runner.constants.EVENT_RUN_END, () => {
      const { passes, failures, pending } = runner.stats;
      process.stdout.write(
        `\n${passes} passed, ${failures} failed${pending ? `, ${pending} skipped` : ""}\n`,
      );
    });
  }
}

module.exports = SummaryReporter;
