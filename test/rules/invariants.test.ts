/**
 * Step 3 of the rules page: what every runner manifest satisfies, checked over
 * templates and callbacks of all kinds.
 */
import assert from "node:assert/strict";
import { isDns1123Label } from "../../src/rules";
import type { PodManifest, RunnerPodCallback, RunnerPodTemplate } from "../../src/types";
import { ENCODED_PARENT, parentPod, seedTemplate } from "../fixtures/parent-pod";
import { deepFreeze, nullPaths, objectsIn, run } from "./support";

/** Starts that exercise every branch: none, templates, and callbacks. */
const STARTS: [string, () => RunnerPodTemplate | RunnerPodCallback | undefined][] = [
  ["no template", () => undefined],
  ["the seed template", seedTemplate],
  ["a template without parent env", () => ({ ...seedTemplate(), addParentEnv: false })],
  [
    "a template with duplicates and reserved names",
    () => ({
      env: [
        { name: "A", value: "1" },
        { name: "A", value: "2" },
        { name: "FLAME_PARENT", value: "x" },
      ],
    }),
  ],
  ["a callback returning a copy of the parent", () => (p: PodManifest) => p],
  [
    "a callback returning the app container (without its mounts)",
    () => (_p: PodManifest, app) => ({
      spec: { containers: [{ ...app, volumeMounts: undefined }] },
    }),
  ],
  ["a callback returning an empty object", () => () => ({})],
  [
    "a callback listing a name twice",
    () => () => ({
      spec: {
        containers: [
          {
            env: [
              { name: "B", value: "1" },
              { name: "B", value: "2" },
              { name: "POD_NAME", value: "x" },
            ],
          },
        ],
      },
    }),
  ],
];

describe("invariants (step 3): every runner manifest, for every kind of start", () => {
  for (const [label, start] of STARTS) {
    describe(label, () => {
      it("has exactly one env entry per name, FLAME_PARENT = encoded parent, POD_NAME = metadata.name", () => {
        const { manifest, env } = run(parentPod(), start());
        const names = env.map((e) => e.name);
        assert.equal(new Set(names).size, names.length, names.join(","));
        assert.deepEqual(
          env.filter((e) => e.name === "FLAME_PARENT"),
          [{ name: "FLAME_PARENT", value: ENCODED_PARENT }],
        );
        assert.deepEqual(
          env.filter((e) => e.name === "POD_NAME"),
          [{ name: "POD_NAME", value: manifest.metadata!.name }],
        );
      });

      it("has a metadata.name and first container name that are DNS-1123 labels", () => {
        const { manifest, runner } = run(parentPod(), start());
        assert.ok(isDns1123Label(manifest.metadata!.name));
        assert.ok(isDns1123Label(runner.name));
      });

      it("has no null anywhere", () => {
        assert.deepEqual(nullPaths(run(parentPod(), start()).manifest), []);
      });

      it("does not mutate the parent, the template or what the callback returned (all deep-frozen)", () => {
        const parent = deepFreeze(parentPod());
        const raw = start();
        let returned: unknown;
        const template =
          typeof raw === "function"
            ? (p: PodManifest, app: Parameters<RunnerPodCallback>[1]) =>
                (returned = deepFreeze(raw(p, app)))
            : deepFreeze(raw);
        const before = structuredClone({
          parent,
          template: typeof raw === "function" ? undefined : raw,
        });
        run(parent, template as RunnerPodTemplate | RunnerPodCallback);
        assert.deepEqual({ parent, template: typeof raw === "function" ? undefined : raw }, before);
        if (typeof raw === "function") assert.ok(Object.isFrozen(returned));
      });

      it("shares no object with the inputs, so changing the output cannot corrupt them", () => {
        const parent = parentPod();
        const raw = start();
        let returned: unknown;
        const template =
          typeof raw === "function"
            ? (p: PodManifest, app: Parameters<RunnerPodCallback>[1]) => (returned = raw(p, app))
            : raw;
        const { manifest } = run(parent, template as RunnerPodTemplate | RunnerPodCallback);
        const inputs = objectsIn([parent, raw, returned]);
        for (const o of objectsIn(manifest)) assert.equal(inputs.has(o), false);
      });
    });
  }

  it("reports each value a callback set that step 2 overwrites (never silently)", () => {
    const { warnings } = run(parentPod(), (p) => p);
    for (const field of [
      "metadata.name",
      "metadata.ownerReferences",
      "spec.restartPolicy",
      "spec.containers[0].name",
    ]) {
      assert.ok(
        warnings.some((w) => w.startsWith(`callback.${field}: `)),
        field,
      );
    }
  });

  it("returns a fresh manifest on each call (no shared state between calls)", () => {
    const parent = parentPod();
    const a = run(parent, seedTemplate()).manifest;
    const b = run(parent, seedTemplate()).manifest;
    assert.deepEqual(a, b);
    assert.equal(
      [...objectsIn(a)].some((o) => objectsIn(b).has(o)),
      false,
    );
  });
});
