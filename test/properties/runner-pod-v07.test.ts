/**
 * Property-based tests of runnerPodManifest under the v0.7 profile
 * (docs/rules-v0.7.md, "Invariants"). For every generated parent, manifest (or
 * callback), `env` and `secretEnv`, with every input deep-frozen, the call
 * returns a manifest that meets every invariant of the profile and the
 * Kubernetes schema: every generated input is one the profile takes, so any
 * error, a FlameRunnerPodError too, is a failure.
 */
import { strict as assert } from "assert";
import fc from "fast-check";
import { envReferences, runnerPodManifest } from "../../src/rules";
import type { Container, EnvVar, PodManifest, RunnerPodOptions } from "../../src/types";
import { deepFreeze } from "../validation/support";
import { callFrozen, checkSharedInvariants, noneOrOneContainer, partialRecord } from "./support";

const NUM_RUNS = 1000;

/** An independent spelling of the generated name suffix, so the test does not trust the code under test. */
const GENERATED_SUFFIX = /[bcdfghjklmnpqrstvwxz2456789]{5}$/;

const envName = fc.constantFrom(
  "POD_NAME",
  "POD_IP",
  "POD_NAMESPACE",
  "FLAME_PARENT",
  "PHX_SERVER",
  "RELEASE_NODE",
  "RELEASE_COOKIE",
  "FOO",
  "BAR",
);
const envValue = fc.constantFrom("x", "", "myapp@$(POD_IP)", "$(FOO)-$(BAR)", "$$(ESCAPED)");
const envEntry: fc.Arbitrary<EnvVar> = fc.oneof(
  fc.record({ name: envName, value: envValue }),
  fc.record({
    name: envName,
    valueFrom: fc.constant({ fieldRef: { fieldPath: "metadata.name" } }),
  }),
);
const envMap = fc.option(fc.dictionary(envName, envValue, { maxKeys: 4 }), { nil: undefined });

const podName = fc.oneof(
  fc.constantFrom("myapp-7d9c8b6f5d-x2x9k", "web-0", "a"),
  fc.string({ unit: fc.constantFrom(..."abcxyz019-"), minLength: 1, maxLength: 70 }),
  fc.string({ unit: fc.constantFrom(..."abcXYZ09.-_"), minLength: 1, maxLength: 90 }),
);

const parentArb: fc.Arbitrary<PodManifest> = fc
  .record({
    name: podName,
    namespace: fc.option(fc.constantFrom("production", "default"), { nil: undefined }),
    env: fc.array(envEntry, { maxLength: 4 }),
    serviceAccountName: fc.option(fc.constant("myapp"), { nil: undefined }),
    serviceAccount: fc.option(fc.constant("legacy"), { nil: undefined }),
  })
  .map((g): PodManifest => ({
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      name: g.name,
      generateName: "myapp-7d9c8b6f5d-",
      uid: "5b3f4b7e-2f1c-4d2a-9c6e-8a0f3d1e7c42",
      ...(g.namespace !== undefined ? { namespace: g.namespace } : {}),
    },
    spec: {
      ...(g.serviceAccountName !== undefined ? { serviceAccountName: g.serviceAccountName } : {}),
      ...(g.serviceAccount !== undefined ? { serviceAccount: g.serviceAccount } : {}),
      containers: [{ name: "myapp", image: "ghcr.io/acme/myapp:1.4.2", env: g.env }],
    },
    status: { phase: "Running" },
  }));

/** Manifests: with or without spec and containers, nulls, server-written and controlled fields. */
const manifestArb = partialRecord({
  metadata: partialRecord({
    generateName: fc.constant("myapp-"),
    name: fc.constant("chosen"),
    labels: fc.option(fc.constant({ role: "runner" }), { nil: null }),
    uid: fc.constant("server-written"),
  }),
  spec: partialRecord({
    containers: noneOrOneContainer(
      partialRecord({
        name: fc.constant("Not A Label"),
        image: fc.constantFrom("other:image", null),
        env: fc.array(envEntry, { maxLength: 5 }),
        envFrom: fc.constant([{ configMapRef: { name: "cfg" } }]),
      }),
    ),
    restartPolicy: fc.constant("Always"),
    serviceAccountName: fc.option(fc.constant("runner"), { nil: null }),
  }),
});

const optionsArb: fc.Arbitrary<RunnerPodOptions> = fc
  .record(
    {
      omitOwnerReference: fc.boolean(),
      runnerId: fc.constantFrom("bcd24", "zz999"),
      env: envMap,
      secretEnv: fc.option(fc.dictionary(fc.constantFrom("API_KEY", "TOKEN"), fc.string()), {
        nil: undefined,
      }),
    },
    { requiredKeys: [] },
  )
  .map((o): RunnerPodOptions => {
    const out: RunnerPodOptions = { ...o, backend: "v0.7" };
    if (o.env === undefined) delete out.env;
    if (o.secretEnv === undefined) delete out.secretEnv;
    return out;
  });

const ENCODED = "g3QAAAADZAAJY2FsbGJhY2tzZAADbmlsZAAEbm9kZQ";

/**
 * The invariants of both profiles, and the v0.7 ones: a generated name, no
 * generateName, the container named `runner`, POD_IP before every entry that
 * refers to it, the Secret as the first envFrom, serviceAccount as
 * serviceAccountName.
 */
function checkInvariants(manifest: PodManifest, parent: PodManifest, opts: RunnerPodOptions): void {
  checkSharedInvariants(manifest, parent, ENCODED, opts);
  const name = manifest.metadata?.name as string;
  assert.match(name, GENERATED_SUFFIX, "the name ends with a generateName suffix");
  assert.ok(name.length <= 63);
  assert.equal(manifest.metadata?.generateName, undefined, "no generateName");
  const runner = manifest.spec?.containers[0] as Container;
  assert.equal(runner.name, "runner");
  const env = runner.env ?? [];
  const podIp = env.findIndex((e) => e.name === "POD_IP");
  assert.ok(podIp >= 0, "POD_IP is there");
  env.forEach((e, i) => {
    if (typeof e.value === "string" && envReferences(e.value).includes("POD_IP")) {
      assert.ok(podIp < i, `POD_IP precedes ${e.name}`);
    }
  });
  if (opts.secretEnv !== undefined) {
    assert.deepEqual(runner.envFrom?.[0], { secretRef: { name } }, "the Secret comes first");
  }
  assert.equal(manifest.spec?.serviceAccount, manifest.spec?.serviceAccountName);
}

/**
 * Runs the pure function on frozen inputs: it returns a manifest that meets
 * the invariants. Every generated input is one the v0.7 profile takes, so any
 * error, a FlameRunnerPodError too, fails the property.
 */
function runFrozen(parent: PodManifest, start: unknown, opts: RunnerPodOptions): void {
  const manifest = callFrozen([parent, start, opts], () =>
    runnerPodManifest(parent, start as PodManifest, ENCODED, opts),
  );
  checkInvariants(manifest, parent, opts);
}

describe("properties of runnerPodManifest under the v0.7 profile (deep-frozen inputs)", function () {
  this.timeout(60000);

  it("with a manifest or none: the invariants hold", () => {
    fc.assert(
      fc.property(
        parentArb,
        fc.option(manifestArb, { nil: undefined }),
        optionsArb,
        (parent, manifest, opts) => runFrozen(parent, manifest, opts),
      ),
      { numRuns: NUM_RUNS },
    );
  });

  it("with a callback (which may return the parent it gets): the invariants hold", () => {
    fc.assert(
      fc.property(
        parentArb,
        fc.oneof(
          manifestArb.map((m) => {
            const frozen = deepFreeze(m);
            return () => frozen;
          }),
          fc.constant((parent: PodManifest) => parent),
        ),
        optionsArb,
        (parent, callback, opts) => runFrozen(parent, callback, opts),
      ),
      { numRuns: NUM_RUNS },
    );
  });
});
