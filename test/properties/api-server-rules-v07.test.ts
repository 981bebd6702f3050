/**
 * A differential property test of the v0.7 profile against the API server's
 * Pod rules of issue 19 (divisors, DNS config, emptyDir size limits, claim
 * names), spelled independently in `test/support/independent-pod-schema.ts`.
 * Unlike the mutation-based tests of independent-schema.test.ts, it builds
 * runner manifests from parts (a generator of v0.7 manifests, its own seed):
 * for each, `runnerPodManifest` under `backend: "v0.7"` refuses exactly the
 * manifests the independent rules refuse (at their paths), and what it returns
 * the independent strict schema accepts.
 */
import { strict as assert } from "assert";
import fc from "fast-check";
import { FlameRunnerPodError } from "../../src/errors";
import { runnerPodManifest } from "../../src/rules";
import type { RunnerPodStartingManifest } from "../../src/types";
import { ENCODED_PARENT, parentPod } from "../fixtures/parent-pod";
import {
  DIVISOR_CANONICAL,
  independentApiRuleProblems,
  strictSchemaProblems,
} from "../support/independent-pod-schema";

const SEED = 19190719;
const NUM_RUNS = 800;

const RESOURCES = [
  "limits.cpu",
  "requests.cpu",
  "limits.memory",
  "requests.memory",
  "limits.ephemeral-storage",
  "requests.hugepages-2Mi",
];
const divisorRef = fc.record(
  {
    resource: fc.constantFrom(...RESOURCES),
    divisor: fc.constantFrom(...Object.keys(DIVISOR_CANONICAL)),
  },
  { requiredKeys: ["resource"] },
);
const envEntry = fc.oneof(
  fc.record({ name: fc.constantFrom("A", "B"), value: fc.constant("x") }),
  fc.record({
    name: fc.constantFrom("CPUS", "MEM"),
    valueFrom: divisorRef.map((r) => ({ resourceFieldRef: r })),
  }),
);
const domain = fc.oneof(
  fc.constantFrom("svc.cluster.local", "example.com"),
  fc.nat(70).map((n) => `${"a".repeat(63)}.${"b".repeat(n)}`.replace(/\.$/, "")),
);
const dnsConfig = fc.record(
  {
    nameservers: fc.array(fc.constantFrom("10.0.0.10", "1.1.1.1", "8.8.8.8"), { maxLength: 4 }),
    searches: fc.oneof(
      fc.array(domain, { maxLength: 4 }),
      fc
        .integer({ min: 30, max: 34 })
        .map((n) => Array.from({ length: n }, (_, i) => `d${i}.example.com`)),
      fc.integer({ min: 13, max: 17 }).map((n) => Array.from({ length: n }, () => "x".repeat(130))),
    ),
    options: fc.array(
      fc.record(
        { name: fc.constantFrom("ndots", "timeout", ""), value: fc.constant("2") },
        { requiredKeys: [] },
      ),
      { maxLength: 2 },
    ),
  },
  { requiredKeys: [] },
);
const SIZE_LIMITS = ["1Gi", "0", "-1Gi", "-0", "-0.5", "500Mi", "-1m", "0.0"];
const volume = fc.oneof(
  fc.record({
    name: fc.constant("tmp"),
    emptyDir: fc.record({ sizeLimit: fc.constantFrom(...SIZE_LIMITS) }, { requiredKeys: [] }),
  }),
  fc.record({
    name: fc.constant("data"),
    persistentVolumeClaim: fc.record(
      { claimName: fc.constantFrom("", "data") },
      { requiredKeys: [] },
    ),
  }),
);
/** A v0.7 manifest built from parts: a runner container with env, a DNS config, volumes. */
const manifest: fc.Arbitrary<RunnerPodStartingManifest> = fc
  .record(
    {
      env: fc.uniqueArray(envEntry, { maxLength: 3, selector: (e) => e.name }),
      dnsPolicy: fc.constantFrom("ClusterFirst", "None", "Default"),
      dnsConfig,
      volumes: fc.uniqueArray(volume, { maxLength: 2, selector: (v) => v.name }),
    },
    { requiredKeys: ["env"] },
  )
  .map(
    ({ env, ...spec }) =>
      ({ spec: { ...spec, containers: [{ env }] } }) as RunnerPodStartingManifest,
  );

describe("the v0.7 runner agrees with the API server's Pod rules, spelled independently (issue 19)", () => {
  it(`refuses exactly what those rules refuse, and returns only manifests the strict schema accepts (${NUM_RUNS} seeded runs)`, () => {
    let refused = 0;
    let built = 0;
    fc.assert(
      fc.property(manifest, (m) => {
        let result;
        try {
          result = runnerPodManifest(parentPod(), m, ENCODED_PARENT, {
            backend: "v0.7",
            runnerId: "bcd24",
          });
        } catch (error) {
          assert.ok(error instanceof FlameRunnerPodError, String(error));
          // The expected paths: the runner's env has the 3 downward API entries and 3 defaults first.
          const expected = independentApiRuleProblems(shifted(m));
          assert.deepEqual(
            error.issues.map((i) => i.path).sort(),
            [...new Set(expected)].sort(),
            JSON.stringify(m),
          );
          refused++;
          return;
        }
        built++;
        assert.deepEqual(independentApiRuleProblems(result), [], JSON.stringify(m));
        assert.deepEqual(strictSchemaProblems(JSON.parse(JSON.stringify(result))), []);
      }),
      { seed: SEED, numRuns: NUM_RUNS },
    );
    assert.ok(refused > 50 && built > 50, `refused ${refused}, built ${built}`);
  });
});

/** `m` with its env where the runner lists it: after the 3 downward API entries and the 3 defaults (none of the generated names is a default). */
function shifted(m: RunnerPodStartingManifest): unknown {
  const copy = structuredClone(m) as { spec: { containers: { env: unknown[] }[] } };
  copy.spec.containers[0].env = [{}, {}, {}, {}, {}, {}, ...copy.spec.containers[0].env];
  return copy;
}
