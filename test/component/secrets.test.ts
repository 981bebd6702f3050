import assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { FlameRunnerPod, type FlameRunnerPodArgs } from "../../src";
import {
  ENCODED_PARENT,
  RUNNER_NAME_PREFIX,
  parentPod,
  seedTemplate,
} from "../fixtures/parent-pod";
import { captureEachTest } from "../support/hooks";
import { isSecretInput, known, plainInput, settle } from "../support/outputs";

/** The paths of the secret values in a registered input, e.g. `spec.containers[0].env[3].value`. */
function secretPaths(value: unknown, path: string): string[] {
  if (isSecretInput(value)) return [path];
  if (Array.isArray(value)) return value.flatMap((v, i) => secretPaths(v, `${path}[${i}]`));
  if (typeof value === "object" && value !== null) {
    return Object.entries(value).flatMap(([k, v]) => secretPaths(v, path ? `${path}.${k}` : k));
  }
  return [];
}

/**
 * Creates a runner and reports where its values are secret: in the pod's
 * inputs as the SDK sends them to the engine (the mock engine's own record
 * marks a whole top-level field secret when anything inside is, as
 * pulumi-kubernetes does).
 */
async function secretness(args: FlameRunnerPodArgs) {
  let podProps: pulumi.Inputs = {};
  const capture: pulumi.ResourceTransformation = (t) => {
    if (t.type === "kubernetes:core/v1:Pod") podProps = t.props;
    return undefined;
  };
  const runner = new FlameRunnerPod("workers", args, { transformations: [capture] });
  await settle(runner.podName);
  const sent = await pulumi.runtime.serializeProperties("pod", podProps);
  return {
    runner,
    manifest: await pulumi.isSecret(runner.manifest),
    podName: await pulumi.isSecret(runner.podName),
    paths: secretPaths({ metadata: sent.metadata, spec: sent.spec }, ""),
    specValue: plainSpec(sent.spec),
  };
}

/** A serialized value without its secret wrappers. */
function plainSpec(value: unknown): unknown {
  if (isSecretInput(value)) return plainSpec(plainInput(value));
  if (Array.isArray(value)) return value.map(plainSpec);
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plainSpec(v)]));
  }
  return value;
}

/** The path of the env entry `name` of the runner container in a registered spec. */
function envValuePath(spec: unknown, name: string): string {
  const env = (spec as { containers: { env: { name: string }[] }[] }).containers[0].env;
  return `spec.containers[0].env[${env.findIndex((e) => e.name === name)}].value`;
}

describe("FlameRunnerPod: secrets stay on the values that are secret (issue 9.5)", () => {
  // Mocks, and the log captured: the runtime checks warn about these bare runners.
  captureEachTest();

  it("keeps nothing secret when no value is secret", async () => {
    const s = await secretness({
      parentPod: parentPod(),
      template: seedTemplate(),
      encodedParent: ENCODED_PARENT,
    });
    assert.deepEqual([s.manifest, s.podName, s.paths], [false, false, []]);
  });

  it("keeps a secret encoded parent secret in FLAME_PARENT only", async () => {
    const s = await secretness({
      parentPod: parentPod(),
      encodedParent: pulumi.secret(ENCODED_PARENT),
    });
    assert.deepEqual(s.paths, [envValuePath(s.specValue, "FLAME_PARENT")]);
    assert.equal(s.podName, false);
    assert.equal(s.manifest, true);
    const manifest = await known(s.runner.manifest);
    const env = manifest.spec?.containers[0].env ?? [];
    assert.equal(env.find((e) => e.name === "FLAME_PARENT")?.value, ENCODED_PARENT);
  });

  it("keeps a secret template env value secret, alone", async () => {
    const s = await secretness({
      parentPod: parentPod(),
      template: { env: [{ name: "API_KEY", value: pulumi.secret("s3cr3t") }] },
      encodedParent: ENCODED_PARENT,
    });
    assert.deepEqual(s.paths, [envValuePath(s.specValue, "API_KEY")]);
    assert.deepEqual([s.manifest, s.podName], [true, false]);
  });

  it("keeps a secret inside a callback's result secret, alone", async () => {
    const s = await secretness({
      parentPod: parentPod(),
      template: () => ({
        spec: { containers: [{ env: [{ name: "TOKEN", value: pulumi.secret("t0k3n") }] }] },
      }),
      encodedParent: ENCODED_PARENT,
    });
    assert.deepEqual(s.paths, [envValuePath(s.specValue, "TOKEN")]);
    assert.deepEqual([s.manifest, s.podName], [true, false]);
    const manifest = await known(s.runner.manifest);
    const env = manifest.spec?.containers[0].env ?? [];
    assert.equal(env.find((e) => e.name === "TOKEN")?.value, "t0k3n");
  });

  it("makes a label secret when the callback's label is", async () => {
    const s = await secretness({
      parentPod: parentPod(),
      template: () => ({ metadata: { labels: { team: pulumi.secret("payments") } } }),
      encodedParent: ENCODED_PARENT,
    });
    assert.deepEqual(s.paths, ["metadata.labels.team"]);
    assert.equal(s.podName, false);
  });

  it("makes the name secret where a secret runnerId flowed into it", async () => {
    const s = await secretness({
      parentPod: parentPod(),
      encodedParent: ENCODED_PARENT,
      runnerId: pulumi.secret("pinned01"),
    });
    assert.ok(s.paths.includes("metadata.name"), s.paths.join());
    assert.ok(s.paths.includes("spec.containers[0].name"), s.paths.join());
    assert.equal(s.podName, true);
    assert.equal(await known(s.runner.podName), `${RUNNER_NAME_PREFIX}pinned01`);
  });

  it("keeps what came from a secret parent pod secret", async () => {
    const s = await secretness({
      parentPod: pulumi.secret(parentPod()),
      encodedParent: ENCODED_PARENT,
    });
    // The runner's name starts with the parent's: it is secret too.
    assert.ok(s.paths.includes("metadata.name"), s.paths.join());
    assert.deepEqual([s.manifest, s.podName], [true, true]);
  });
});
