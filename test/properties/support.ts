/**
 * What the property tests share: generators (partial records, a manifest's
 * containers as a callback or a v0.7 manifest may give them), a call on
 * deep-frozen inputs, and the invariants every runner manifest meets whatever
 * the profile.
 */
import { strict as assert } from "assert";
import fc from "fast-check";
import type { Container, PodManifest, RunnerPodOptions } from "../../src/types";
import { validatePodManifest } from "../../src/validation";
import { deepFreeze, nullPaths } from "../rules/support";

/** An independent spelling of the DNS-1123 label rule, so the tests do not trust the code under test. */
export const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

/** Records of `model` in which every key may be absent. */
export function partialRecord<T extends Record<string, fc.Arbitrary<unknown>>>(model: T) {
  return fc.record(model, { requiredKeys: [] });
}

/** A `containers` list: absent, empty, or one container of `container`. */
export function noneOrOneContainer<T>(container: fc.Arbitrary<T>) {
  return fc.oneof(fc.constant(undefined), fc.constant([]), fc.tuple(container));
}

/**
 * Deep-freezes every one of `inputs` (functions are left as they are), runs
 * `call`, and checks the inputs' JSON is what it was, whether `call` returns
 * or throws. Returns what `call` returns; lets what it throws through.
 */
export function callFrozen<T>(inputs: readonly unknown[], call: () => T): T {
  const before = JSON.stringify(inputs);
  for (const input of inputs) deepFreeze(input);
  try {
    return call();
  } finally {
    assert.equal(JSON.stringify(inputs), before, "inputs unchanged");
  }
}

/**
 * Checks the invariants of the rules page ("Step 3") that hold under both
 * profiles: the names are DNS-1123 labels, one env entry per name,
 * FLAME_PARENT is `encoded`, no `null` anywhere, `restartPolicy: Never`, the
 * parent as controlling owner (none with `omitOwnerReference`), and the
 * manifest passes the schema.
 */
export function checkSharedInvariants(
  manifest: PodManifest,
  parent: PodManifest,
  encoded: string,
  opts: RunnerPodOptions,
): void {
  const runner = manifest.spec?.containers[0] as Container;
  assert.match(
    manifest.metadata?.name as string,
    DNS1123_LABEL,
    "metadata.name is a DNS-1123 label",
  );
  assert.match(runner.name, DNS1123_LABEL, "the runner container's name is a DNS-1123 label");
  const env = runner.env ?? [];
  const names = env.map((e) => e.name);
  assert.equal(new Set(names).size, names.length, `one env entry per name: ${names.join(", ")}`);
  assert.equal(env.find((e) => e.name === "FLAME_PARENT")?.value, encoded, "FLAME_PARENT");
  assert.deepEqual(nullPaths(manifest), [], "no null anywhere");
  assert.equal(manifest.spec?.restartPolicy, "Never");
  const owners = manifest.metadata?.ownerReferences;
  if (opts.omitOwnerReference === true) {
    assert.equal(owners, undefined, "no owner reference with omitOwnerReference");
  } else {
    assert.deepEqual(owners, [
      {
        apiVersion: "v1",
        kind: "Pod",
        name: parent.metadata?.name,
        uid: parent.metadata?.uid,
        controller: true,
      },
    ]);
  }
  assert.deepEqual(validatePodManifest(manifest), [], "the manifest passes the schema");
}
