/**
 * Property-based tests of the pure function runnerPodManifest and of
 * validatePodManifest. For every generated parent pod and template (object
 * or callback), with every input deep-frozen, the call either returns a
 * manifest that meets every invariant of the rules page ("Step 3") and the
 * Kubernetes schema, or throws a FlameRunnerPodError. Any other error (a
 * TypeError from inside, a write to a frozen input) is a failure, and so is a
 * function that refuses (nearly) everything: more than a quarter of the runs
 * must give a manifest.
 */
import { strict as assert } from "assert";
import fc from "fast-check";
import { FlameRunnerPodError } from "../../src/errors";
import { runnerPodManifest } from "../../src/rules";
import type {
  Container,
  EnvVar,
  PodManifest,
  RunnerPodCallback,
  RunnerPodOptions,
  RunnerPodTemplate,
} from "../../src/types";
import { validatePodManifest } from "../../src/validation";
import { compareQuantities, isQuantityError, parseQuantity } from "../../src/validation/quantity";
import { PARENT_NAME } from "../fixtures/parent-pod";
import { deepFreeze } from "../validation/support";
import { callFrozen, checkSharedInvariants, noneOrOneContainer, partialRecord } from "./support";

const NUM_RUNS = 1000;

// ---- generators ------------------------------------------------------------

const PREDEFINED = ["POD_NAME", "POD_NAMESPACE", "PHX_SERVER", "FLAME_PARENT", "FLAME_BACKEND"];
const envName = fc.oneof(
  fc.constantFrom(...PREDEFINED, "FOO", "BAR", "POD_IP", "RELEASE_NODE", "SECRET_KEY_BASE"),
  fc.string({ unit: fc.constantFrom(..."ABCXYZ_019"), minLength: 1, maxLength: 6 }),
);
const envValue = fc.oneof(
  fc.constantFrom("bar", "", "true", "myapp@$(POD_IP)", "$(FOO)-$(BAR)", "$$(ESCAPED)", "$(LATER)"),
  fc.string({ maxLength: 12 }),
);
const envEntry: fc.Arbitrary<EnvVar> = fc.oneof(
  fc.record({ name: envName, value: envValue }),
  fc.record({
    name: envName,
    valueFrom: fc.constantFrom(
      { fieldRef: { apiVersion: "v1", fieldPath: "status.podIP" } },
      { fieldRef: { fieldPath: "metadata.name" } },
      { secretKeyRef: { name: "myapp-secrets", key: "secret-key-base" } },
      { resourceFieldRef: { resource: "limits.memory" } },
    ),
  }),
  fc.record({ name: envName }),
);
/** Now and then an entry the rules refuse: no name, or both value and valueFrom. */
const badEnvEntry = fc.constantFrom({ value: "no name" } as unknown as EnvVar, {
  name: "BOTH",
  value: "a",
  valueFrom: { fieldRef: { fieldPath: "metadata.name" } },
});
/** Env lists, with duplicates (names come from a small pool) and now and then a null entry. */
const envList = fc.array(
  fc.oneof(
    { weight: 30, arbitrary: envEntry },
    { weight: 2, arbitrary: fc.constant(null) },
    { weight: 1, arbitrary: badEnvEntry },
  ),
  { maxLength: 9 },
);
const envFrom = fc.array(
  fc.oneof(
    fc.record({ configMapRef: fc.record({ name: fc.constantFrom("myapp-config", "shared") }) }),
    fc.record({ secretRef: fc.record({ name: fc.constantFrom("myapp-env", "db") }) }),
  ),
  { maxLength: 3 },
);
const quantity = fc.constantFrom(
  "100m",
  "250m",
  "1",
  "2",
  "0.5",
  "128Mi",
  "256Mi",
  "1Gi",
  "2Gi",
  "1e3",
  1,
  0.25,
);
const resourceList = fc.dictionary(
  fc.constantFrom("cpu", "memory", "ephemeral-storage"),
  quantity,
  {
    maxKeys: 3,
  },
);
const resources = partialRecord({ requests: resourceList, limits: resourceList });

/** Pod names: Deployment-style labels, names with dots or upper case, long names. */
const podName = fc.oneof(
  fc.constantFrom(PARENT_NAME, "myapp-7d9c8b6f5d-x2x9k", "web-0", "a"),
  fc.string({ unit: fc.constantFrom(..."abcxyz019-"), minLength: 1, maxLength: 70 }),
  fc.string({ unit: fc.constantFrom(..."abcXYZ09.-_"), minLength: 1, maxLength: 90 }),
);
const namespace = fc.option(fc.constantFrom("production", "default", "batch"), { nil: undefined });

const container = (name: fc.Arbitrary<string>) =>
  fc.record(
    {
      name,
      image: fc.constantFrom("ghcr.io/acme/myapp:1.4.2", "envoyproxy/envoy:v1.30", "busybox"),
      env: envList,
      envFrom,
      resources,
      imagePullPolicy: fc.constantFrom("IfNotPresent", "Always"),
    },
    { requiredKeys: ["name", "image"] },
  );

interface GeneratedParent {
  parent: PodManifest;
  appContainerName: string | undefined;
}

const parentArb: fc.Arbitrary<GeneratedParent> = fc
  .record({
    name: podName,
    namespace,
    uid: fc.option(fc.constant("5b3f4b7e-2f1c-4d2a-9c6e-8a0f3d1e7c42"), { nil: undefined }),
    app: container(fc.constant("myapp")),
    sidecarFirst: fc.boolean(),
    sidecar: fc.option(container(fc.constantFrom("istio-proxy", "cloud-sql-proxy", "logger")), {
      nil: undefined,
    }),
    serviceAccountName: fc.option(fc.constantFrom("myapp", "runner"), { nil: undefined }),
    serviceAccount: fc.option(fc.constantFrom("myapp", "legacy"), { nil: undefined }),
    labels: fc.option(fc.constant({ app: "myapp", "pod-template-hash": "7d9c8b6f5d" }), {
      nil: undefined,
    }),
    nameApp: fc.boolean(),
  })
  .map((g) => {
    const containers =
      g.sidecar === undefined ? [g.app] : g.sidecarFirst ? [g.sidecar, g.app] : [g.app, g.sidecar];
    const parent: PodManifest = {
      apiVersion: "v1",
      kind: "Pod",
      metadata: {
        name: g.name,
        ...(g.namespace !== undefined ? { namespace: g.namespace } : {}),
        ...(g.uid !== undefined ? { uid: g.uid } : {}),
        ...(g.labels !== undefined ? { labels: g.labels } : {}),
        resourceVersion: "48213907",
        creationTimestamp: "2026-11-20T09:14:03Z",
        ownerReferences: [
          {
            apiVersion: "apps/v1",
            kind: "ReplicaSet",
            name: "myapp-7d9c8b6f5d",
            uid: "0c8e",
            controller: true,
          },
        ],
      },
      spec: {
        ...(g.serviceAccountName !== undefined ? { serviceAccountName: g.serviceAccountName } : {}),
        ...(g.serviceAccount !== undefined ? { serviceAccount: g.serviceAccount } : {}),
        restartPolicy: "Always",
        containers: containers as Container[],
      },
      status: { phase: "Running", podIP: "10.0.0.7" },
    };
    return { parent, appContainerName: g.nameApp ? "myapp" : undefined };
  });

/** Template objects; quantities may be JSON numbers, which Kubernetes accepts (the types say string). */
const templateObject: fc.Arbitrary<RunnerPodTemplate> = fc
  .record(
    { env: envList as fc.Arbitrary<EnvVar[]>, resources, addParentEnv: fc.boolean() },
    { requiredKeys: [] },
  )
  .map((t) => t as RunnerPodTemplate);

/** What a callback returns: partial manifests with nulls, server-written fields and values the backend controls. */
const callbackResult = partialRecord({
  metadata: partialRecord({
    namespace: fc.oneof(namespace, fc.constant(null)),
    labels: fc.option(fc.constant({ role: "flame-runner" }), { nil: null }),
    uid: fc.constant("server-written"),
    resourceVersion: fc.constant("1"),
    generateName: fc.constant("myapp-"),
    name: fc.constant("chosen-by-callback"),
  }),
  spec: partialRecord({
    containers: noneOrOneContainer(
      partialRecord({
        name: fc.constant("Not A Label"),
        image: fc.constant("other:image"),
        env: envList,
        resources: fc.oneof(resources, fc.constant(null)),
      }),
    ),
    restartPolicy: fc.constantFrom("Always", "OnFailure"),
    serviceAccountName: fc.option(fc.constant("runner"), { nil: null }),
    nodeSelector: fc.option(fc.constant({ gpu: "true" }), { nil: null }),
    tolerations: fc.constant([{ key: "gpu", operator: "Exists", effect: "NoSchedule" }]),
  }),
  status: fc.constant({ phase: "Running" }),
  apiVersion: fc.constant("v1"),
  kind: fc.constant("Pod"),
});

const callbackArb: fc.Arbitrary<{ callback: RunnerPodCallback; result: unknown }> = fc.oneof(
  callbackResult.map((result) => {
    const frozen = deepFreeze(result);
    return { callback: (() => frozen) as unknown as RunnerPodCallback, result: frozen };
  }),
  // A callback that starts from the parent it is given (server-written fields, status and all).
  fc.constant({
    callback: ((parent: PodManifest) => ({
      ...parent,
      metadata: { ...parent.metadata, labels: { copied: "yes" } },
    })) as RunnerPodCallback,
    result: undefined,
  }),
);

const options = (appContainerName: string | undefined) =>
  fc
    .record(
      {
        omitOwnerReference: fc.boolean(),
        runnerId: fc.constantFrom("0123456789abcdef0123", "ffffffffffffffffffff"),
      },
      { requiredKeys: ["runnerId"] },
    )
    .map((o): RunnerPodOptions => ({
      ...o,
      ...(appContainerName !== undefined ? { appContainerName } : {}),
    }));

const encodedParent = fc.oneof(
  { weight: 9, arbitrary: fc.constant("g3QAAAADZAAJY2FsbGJhY2tzZAADbmlsZAAEbm9kZQ") },
  { weight: 1, arbitrary: fc.constant("") },
);

// ---- the invariants --------------------------------------------------------

/** The invariants of both profiles, and POD_NAME set to metadata.name. */
function checkInvariants(
  manifest: PodManifest,
  parent: PodManifest,
  encoded: string,
  opts: RunnerPodOptions,
): void {
  checkSharedInvariants(manifest, parent, encoded, opts);
  const env = manifest.spec?.containers[0].env ?? [];
  assert.equal(env.find((e) => e.name === "POD_NAME")?.value, manifest.metadata?.name, "POD_NAME");
}

/**
 * Runs the pure function on frozen inputs: the invariants hold, or it throws a
 * FlameRunnerPodError with issues. Whether a manifest came out.
 */
function runFrozen(
  parent: PodManifest,
  template: RunnerPodTemplate | RunnerPodCallback | undefined,
  encoded: string,
  opts: RunnerPodOptions,
  extraInputs: unknown[] = [],
): boolean {
  let manifest: PodManifest;
  try {
    manifest = callFrozen([parent, template, opts, ...extraInputs], () =>
      runnerPodManifest(parent, template, encoded, opts),
    );
  } catch (error) {
    if (!(error instanceof FlameRunnerPodError)) throw error; // any other error fails the property
    assert.ok(error.issues.length > 0);
    return false;
  }
  checkInvariants(manifest, parent, encoded, opts);
  return true;
}

/**
 * Runs `property` NUM_RUNS times, counting the manifests `runFrozen` returns:
 * more than a quarter must be manifests, so a function that refuses
 * everything fails.
 */
function assertMostlyManifests<T>(arb: fc.Arbitrary<T>, runs: (value: T) => boolean): void {
  let manifests = 0;
  fc.assert(
    fc.property(arb, (value) => {
      if (runs(value)) manifests++;
    }),
    { numRuns: NUM_RUNS },
  );
  assert.ok(manifests > NUM_RUNS / 4, `only ${manifests} of ${NUM_RUNS} runs gave a manifest`);
}

// ---- the properties --------------------------------------------------------

describe("properties of runnerPodManifest (deep-frozen inputs)", function () {
  this.timeout(60000);

  it("with a template object or none: the invariants hold, or a FlameRunnerPodError (mostly the invariants)", () => {
    assertMostlyManifests(
      parentArb.chain((p) =>
        fc.tuple(
          fc.constant(p),
          fc.option(templateObject, { nil: undefined }),
          encodedParent,
          options(p.appContainerName),
        ),
      ),
      ([{ parent }, template, encoded, opts]) => runFrozen(parent, template, encoded, opts),
    );
  });

  it("with a callback (nulls, server-written fields, overwritten values): the invariants hold, or a FlameRunnerPodError (mostly the invariants)", () => {
    assertMostlyManifests(
      parentArb.chain((p) =>
        fc.tuple(fc.constant(p), callbackArb, encodedParent, options(p.appContainerName)),
      ),
      ([{ parent }, { callback, result }, encoded, opts]) =>
        runFrozen(parent, callback, encoded, opts, result === undefined ? [] : [result]),
    );
  });
});

describe("properties of validatePodManifest", function () {
  this.timeout(60000);

  it("never throws and never modifies its (frozen) input, whatever JSON it gets", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.jsonValue(),
          fc.record({
            apiVersion: fc.jsonValue(),
            kind: fc.jsonValue(),
            metadata: fc.jsonValue(),
            spec: fc.jsonValue(),
          }),
          fc.record({
            spec: fc.record({
              containers: fc.array(
                fc.dictionary(
                  fc.constantFrom("name", "image", "env", "resources", "ports"),
                  fc.jsonValue(),
                ),
              ),
            }),
          }),
        ),
        (value) => {
          const before = JSON.stringify(value);
          const issues = validatePodManifest(deepFreeze(value));
          assert.ok(Array.isArray(issues));
          for (const issue of issues) {
            assert.equal(typeof issue.path, "string");
            assert.equal(typeof issue.message, "string");
          }
          assert.equal(JSON.stringify(value), before);
        },
      ),
      { numRuns: NUM_RUNS },
    );
  });

  it("orders quantities as their values: the exact comparison agrees with the arithmetic", () => {
    const suffix = fc.constantFrom(
      ["", 1],
      ["m", 1e-3],
      ["k", 1e3],
      ["Ki", 1024],
      ["Mi", 2 ** 20],
      ["Gi", 2 ** 30],
    );
    const q = fc.tuple(fc.integer({ min: 0, max: 4096 }), suffix);
    fc.assert(
      fc.property(q, q, ([a, [sa, fa]], [b, [sb, fb]]) => {
        const pa = parseQuantity(`${a}${sa}`);
        const pb = parseQuantity(`${b}${sb}`);
        assert.ok(!isQuantityError(pa) && !isQuantityError(pb));
        const expected = Math.sign(a * (fa as number) - b * (fb as number));
        assert.equal(Math.sign(compareQuantities(pa, pb)), expected);
      }),
      { numRuns: NUM_RUNS },
    );
  });
});
