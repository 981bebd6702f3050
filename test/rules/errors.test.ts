/**
 * The Errors section of the rules page: bad input is a FlameRunnerPodError
 * whose issues name each field path and say what to do.
 */
import assert from "node:assert/strict";
import { FlameRunnerPodError } from "../../src/errors";
import { runnerPodManifest } from "../../src/rules";
import type { PodManifest, RunnerPodTemplate } from "../../src/types";
import { ENCODED_PARENT, parentPod, seedTemplate } from "../fixtures/parent-pod";
import { errorOf, pathsOf } from "./support";

const build = (
  parent: unknown,
  template?: unknown,
  encoded: unknown = ENCODED_PARENT,
  options = {},
) =>
  errorOf(() =>
    runnerPodManifest(
      parent as PodManifest,
      template as RunnerPodTemplate,
      encoded as string,
      options,
    ),
  );

describe("errors: the parent pod", () => {
  it("refuses a parent that is not an object", () => {
    for (const parent of [undefined, null, "pod", [parentPod()]]) {
      assert.deepEqual(pathsOf(build(parent)), ["parentPod"]);
    }
  });

  it("refuses a parent without metadata.name", () => {
    const parent = parentPod();
    delete parent.metadata!.name;
    assert.deepEqual(pathsOf(build(parent)), ["parentPod.metadata.name"]);
  });

  it("refuses a parent without containers", () => {
    const parent = parentPod();
    parent.spec!.containers = [];
    assert.deepEqual(pathsOf(build(parent)), ["parentPod.spec.containers"]);
    delete parent.spec;
    assert.deepEqual(pathsOf(build(parent)), ["parentPod.spec.containers"]);
  });

  it("refuses an appContainerName that names no container, listing the names there are", () => {
    const error = build(parentPod(), {}, ENCODED_PARENT, { appContainerName: "web" });
    assert.deepEqual(pathsOf(error), ["options.appContainerName"]);
    assert.match(
      error.issues[0].message,
      /no container of the parent pod is named "web"; the containers are: "myapp"/,
    );
  });

  it("refuses a parent without uid when an owner reference is needed, and says what to do", () => {
    const parent = parentPod();
    delete (parent.metadata as { uid?: string }).uid;
    const error = build(parent);
    assert.deepEqual(pathsOf(error), ["parentPod.metadata.uid"]);
    assert.match(
      error.message,
      /pass omitOwnerReference: true, or use a pod read from the cluster/,
    );
  });

  it("accepts a parent without uid with omitOwnerReference", () => {
    const parent = parentPod();
    delete (parent.metadata as { uid?: string }).uid;
    const manifest = runnerPodManifest(parent, {}, ENCODED_PARENT, { omitOwnerReference: true });
    assert.equal(manifest.metadata!.ownerReferences, undefined);
  });

  it("refuses an app container without image", () => {
    const parent = parentPod();
    delete parent.spec!.containers[0].image;
    assert.deepEqual(pathsOf(build(parent)), ["parentPod.spec.containers[0].image"]);
  });

  it("lists every problem at once", () => {
    const parent = parentPod();
    delete (parent.metadata as { uid?: string }).uid;
    delete parent.spec!.containers[0].image;
    assert.deepEqual(pathsOf(build(parent, {}, "")), [
      "encodedParent",
      "parentPod.metadata.uid",
      "parentPod.spec.containers[0].image",
    ]);
  });
});

describe("errors: the encoded parent", () => {
  for (const encoded of [undefined, "", 42]) {
    it(`refuses ${JSON.stringify(encoded)}`, () => {
      const error = errorOf(() => runnerPodManifest(parentPod(), {}, encoded as string));
      assert.deepEqual(pathsOf(error), ["encodedParent"]);
      assert.match(error.message, /FLAME_PARENT/);
    });
  }
});

describe("errors: template env entries", () => {
  it("refuses an entry without a string name, with its path", () => {
    const error = build(parentPod(), {
      env: [{ name: "A", value: "1" }, { value: "x" }, { name: 3, value: "y" }],
    });
    assert.deepEqual(pathsOf(error), ["template.env[1].name", "template.env[2].name"]);
  });

  it("refuses an entry with both value and valueFrom", () => {
    const error = build(parentPod(), {
      env: [{ name: "A", value: "1", valueFrom: { fieldRef: { fieldPath: "metadata.name" } } }],
    });
    assert.deepEqual(pathsOf(error), ["template.env[0]"]);
    assert.match(error.message, /both value and valueFrom/);
  });

  it("refuses an env that is not a list, and a non-object entry", () => {
    assert.deepEqual(pathsOf(build(parentPod(), { env: { FOO: "bar" } })), ["template.env"]);
    assert.deepEqual(pathsOf(build(parentPod(), { env: ["FOO=bar"] })), ["template.env[0]"]);
  });

  it("refuses a bad entry in a callback's env, with the callback's path", () => {
    const error = build(parentPod(), () => ({ spec: { containers: [{ env: [{ value: "x" }] }] } }));
    assert.deepEqual(pathsOf(error), ["callback.spec.containers[0].env[0].name"]);
  });
});

describe("errors: the template object", () => {
  it("refuses a field a template does not have, pointing to callbacks", () => {
    const error = build(parentPod(), { ...seedTemplate(), envFrom: [] });
    assert.deepEqual(pathsOf(error), ["template.envFrom"]);
    assert.match(error.message, /use a callback/);
  });

  it("refuses resources and addParentEnv of the wrong type", () => {
    assert.deepEqual(pathsOf(build(parentPod(), { resources: "1Gi", addParentEnv: "yes" })), [
      "template.resources",
      "template.addParentEnv",
    ]);
  });
});

describe("errors: the owner reference cannot cross namespaces", () => {
  it("refuses a callback namespace other than the parent's unless omitOwnerReference", () => {
    const callback = () => ({ metadata: { namespace: "elsewhere" } });
    assert.deepEqual(pathsOf(build(parentPod(), callback)), ["callback.metadata.namespace"]);
    const ok = runnerPodManifest(parentPod(), callback, ENCODED_PARENT, {
      omitOwnerReference: true,
    });
    assert.equal(ok.metadata!.namespace, "elsewhere");
  });
});

describe("errors: the callback", () => {
  it("reports a callback that throws, keeping the cause", () => {
    const cause = new Error("boom");
    const error = build(parentPod(), () => {
      throw cause;
    });
    assert.deepEqual(pathsOf(error), ["callback"]);
    assert.match(error.message, /threw Error: boom/);
    assert.equal(error.cause, cause);
  });

  for (const [label, value] of [
    ["null", null],
    ["a string", "pod"],
    ["an array", []],
    ["undefined", undefined],
  ] as const) {
    it(`reports a callback that returns ${label}`, () => {
      const error = build(parentPod(), () => value);
      assert.deepEqual(pathsOf(error), ["callback"]);
      assert.match(error.message, /a callback must return a pod manifest object/);
    });
  }

  it("reports a callback spec, containers or container of the wrong type", () => {
    assert.deepEqual(pathsOf(build(parentPod(), () => ({ spec: "x" }))), ["callback.spec"]);
    assert.deepEqual(pathsOf(build(parentPod(), () => ({ spec: { containers: {} } }))), [
      "callback.spec.containers",
    ]);
    assert.deepEqual(pathsOf(build(parentPod(), () => ({ spec: { containers: ["c"] } }))), [
      "callback.spec.containers[0]",
    ]);
    assert.deepEqual(pathsOf(build(parentPod(), () => ({ metadata: [] }))), ["callback.metadata"]);
  });

  it("does not call the callback when the other inputs are already wrong", () => {
    let called = false;
    build(parentPod(), () => ((called = true), {}), "");
    assert.equal(called, false);
  });
});

describe("errors: the finished manifest is checked against the Pod schema", () => {
  it("throws the validator's issues for an unknown field (the seed's limimts)", () => {
    const error = build(parentPod(), {
      resources: { requests: { memory: "256Mi" }, limimts: { memory: "256Mi" } },
    });
    assert.ok(error instanceof FlameRunnerPodError);
    assert.ok(
      pathsOf(error).includes("spec.containers[0].resources.limimts"),
      pathsOf(error).join(),
    );
  });
});
