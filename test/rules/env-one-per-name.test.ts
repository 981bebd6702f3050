/**
 * Step 2's env against a plain statement of its rule: the predefined
 * variables, then the entries of step 1 without removed names whose name has
 * no later entry (the last definition, at its place).
 */
import { strict as assert } from "assert";
import fc from "fast-check";
import { FieldPath } from "../../src/issues/path";
import { predefinedEnv, REMOVED_ENV_NAMES, runnerEnv } from "../../src/rules/env";
import type { EnvVar } from "../../src/types";

function expected(env: readonly EnvVar[]): EnvVar[] {
  const removed: readonly string[] = REMOVED_ENV_NAMES;
  const kept = env.filter(
    (entry, i) =>
      !removed.includes(entry.name) && !env.slice(i + 1).some((e) => e.name === entry.name),
  );
  return [...predefinedEnv("runner-1", "ns", "parent"), ...kept];
}

describe("step 2: the first container's `env`: one entry per name, the last at its place, without removed names", () => {
  it("holds for any list of names, removed ones among them (property)", () => {
    const name = fc.constantFrom("A", "B", "C", "D", "POD_NAME", "FLAME_BACKEND", "PHX_SERVER");
    const entry = fc.record({ name, value: fc.string({ maxLength: 3 }) });
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 30 }), (env: EnvVar[]) => {
        const input = {
          env,
          userEnv: { list: FieldPath.root(), present: [] },
          encodedParent: "parent",
          hasEnvFrom: false,
          serviceLinks: true,
        };
        const out = runnerEnv(input, { runnerName: "runner-1", namespace: "ns" });
        assert.deepEqual(out, expected(env));
        out.slice(4).forEach((e) => assert.ok(env.includes(e)));
      }),
      { numRuns: 1000 },
    );
  });
});
