/**
 * One entry per name in env lists short and long: the last definition of
 * each name is kept, at its place, whatever the list's length.
 */
import assert from "node:assert/strict";
import type { EnvVar } from "../../src/types";
import { ENCODED_PARENT, RUNNER_NAME_PREFIX, parentPod } from "../fixtures/parent-pod";
import { RUNNER_ID, line, run } from "./support";

const HEAD = [
  `POD_NAME=${RUNNER_NAME_PREFIX}${RUNNER_ID}`,
  "POD_NAMESPACE=production",
  "PHX_SERVER=false",
  `FLAME_PARENT=${ENCODED_PARENT}`,
];

/** A callback whose runner container has exactly this env (and no envFrom). */
const withEnv = (env: EnvVar[]) => () => ({ spec: { containers: [{ env }] } });

/** `count` entries named from a pool of `names`, so names repeat; values are unique. */
function entries(count: number, names: number): EnvVar[] {
  return Array.from({ length: count }, (_, i) => ({ name: `V${i % names}`, value: `${i}` }));
}

/** The rule, spelled independently: each entry whose name comes again later is dropped. */
function lastOfEachName(env: EnvVar[]): string[] {
  return env.filter((e, i) => env.slice(i + 1).every((l) => l.name !== e.name)).map(line);
}

describe("env: one entry per name in lists long and short", () => {
  for (const [count, names] of [
    [16, 5],
    [17, 5],
    [40, 7],
    [40, 40],
  ]) {
    it(`keeps the last definition of each name, at its place (${count} entries, ${names} names)`, () => {
      const env = entries(count, names);
      assert.deepEqual(run(parentPod(), withEnv(env)).envLines, [...HEAD, ...lastOfEachName(env)]);
    });
  }

  it("keeps the last of the parent's own duplicates in a long list, after the template's", () => {
    const parent = parentPod();
    parent.spec!.containers[0].env = entries(30, 6);
    const { envLines } = run(parent, { env: [{ name: "T", value: "t" }] });
    assert.deepEqual(envLines, [...HEAD, "T=t", ...lastOfEachName(entries(30, 6))]);
  });
});
