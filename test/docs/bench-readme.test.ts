/**
 * bench/README.md states the bench's targets for readers; bench/targets.ts
 * holds the limits the bench checks. This test keeps the two the same (it
 * reads text and constants; nothing is timed).
 */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import {
  CHECK_START_LIMIT,
  COMPONENT_LIMITS,
  ELIXIR_LIMIT,
  PURE_FLOOR_LIMIT,
  SCALE_LIMIT_MS,
  WHOLE_BENCH_LIMIT_S,
} from "../../bench/targets";

const README = fs.readFileSync(path.resolve(__dirname, "../../bench/README.md"), "utf8");

/** The rows of the "Targets" table: first cell → second cell. */
function targetRows(markdown: string): Map<string, string> {
  const section = markdown.split(/^## Targets$/m)[1]?.split(/^## /m)[0] ?? "";
  const rows = new Map<string, string>();
  for (const line of section.split("\n")) {
    const cells = line.split("|").map((cell) => cell.trim());
    if (cells.length < 4 || cells[1] === "what" || /^-+$/.test(cells[1])) continue;
    rows.set(cells[1], cells[2]);
  }
  return rows;
}

describe("bench/README.md states the limits bench/targets.ts checks", () => {
  const rows = targetRows(README);

  it("has a row per target", () => {
    assert.equal(rows.size, 8, [...rows.keys()].join("; "));
  });

  it("states every limit as a ratio or a bound that is not in microseconds", () => {
    for (const [what, limit] of rows) assert.doesNotMatch(limit, /µs/, what);
  });

  for (const [what, expected] of [
    [
      "pure rules against the Elixir reference (median of the cases, where Elixir runs)",
      `at most ${ELIXIR_LIMIT}× flame_k8s_backend v0.3.3's \`manifest/4\``,
    ],
    ["pure rules, every case", `under ${PURE_FLOOR_LIMIT}× its \`structuredClone\` floor`],
    [
      "a list of 100,000 entries through validation (each of the five)",
      `under ${SCALE_LIMIT_MS} ms (linear, not quadratic)`,
    ],
    [
      "component against the empty-component floor (paired, N = 1,000)",
      `within ${COMPONENT_LIMITS.againstFloor}×`,
    ],
    [
      "growth from N = 1,000 to 5,000 (`--large`)",
      `at most ${COMPONENT_LIMITS.growth}× the plain pods' growth`,
    ],
    ["memory per component", `under ${COMPONENT_LIMITS.heap}× a plain pod, at every N`],
    ["`check`'s start time (JSON parent) against `node -e 0`", `within ${CHECK_START_LIMIT}×`],
    ["the whole bench (without `--large`)", `within ${WHOLE_BENCH_LIMIT_S / 60} minutes`],
  ] as const) {
    it(what, () => assert.equal(rows.get(what), expected));
  }
});
