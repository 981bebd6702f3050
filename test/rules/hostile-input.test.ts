/**
 * Careless and hostile input (issue 10): callbacks written in plain
 * JavaScript, templates read from JSON, values from other programs. Bad
 * input gets the library's own error naming the field path; it never
 * crashes with a foreign error, hangs, mutates an input or returns a
 * manifest whose JSON differs from what was validated.
 */
import assert from "node:assert/strict";
import { FlameRunnerPodError } from "../../src/errors";
import { runnerPodManifest, runnerPodManifestAsync } from "../../src/rules";
import { MAX_DEPTH } from "../../src/rules/caller-data";
import type {
  PodManifest,
  RunnerPodCallback,
  RunnerPodOptions,
  RunnerPodTemplate,
} from "../../src/types";
import { ENCODED_PARENT, parentPod } from "../fixtures/parent-pod";
import { errorOf, pathsOf, rejectionOf, run, RUNNER_ID, type LooseCallback } from "./support";

const fromCallback = (callback: LooseCallback) =>
  errorOf(() => run(parentPod(), callback as RunnerPodCallback));
const fromTemplate = (template: unknown) =>
  errorOf(() => run(parentPod(), template as RunnerPodTemplate));

/** Every object inside `value` has the prototype a JSON parse would give it. */
function assertPlainData(value: unknown, path = "manifest"): void {
  if (typeof value !== "object" || value === null) return;
  const expected = Array.isArray(value) ? Array.prototype : Object.prototype;
  assert.equal(Object.getPrototypeOf(value), expected, `${path} has a foreign prototype`);
  for (const key of Object.keys(value)) {
    assertPlainData((value as Record<string, unknown>)[key], `${path}.${key}`);
  }
}

const OBJECT_PROTOTYPE_KEYS = Object.getOwnPropertyNames(Object.prototype).sort();

describe("only own enumerable keys of caller data are read and copied", () => {
  afterEach(() => {
    assert.deepEqual(Object.getOwnPropertyNames(Object.prototype).sort(), OBJECT_PROTOTYPE_KEYS);
  });

  for (const [where, json] of [
    ["at the top", '{"__proto__": {"status": {"phase": "Running"}}, "spec": {"containers": [{}]}}'],
    ["in metadata", '{"metadata": {"__proto__": {"labels": {"app": "hidden"}}}}'],
    ["in the spec", '{"spec": {"__proto__": {"hostNetwork": true}, "containers": [{}]}}'],
    [
      "in the runner container",
      '{"spec": {"containers": [{"__proto__": {"securityContext": {"privileged": true}}}]}}',
    ],
    [
      "in a sidecar",
      '{"spec": {"containers": [{}, {"name": "s", "image": "x", "__proto__": {}}]}}',
    ],
  ] as const) {
    it(`refuses a JSON key __proto__ ${where} as an unknown field under its own name`, () => {
      const error = fromCallback(() => JSON.parse(json) as unknown);
      assert.ok(
        error.issues.some(
          (i) => /__proto__/.test(i.path) && /unknown field "__proto__"/.test(i.message),
        ),
        error.message,
      );
    });
  }

  it("refuses own keys named constructor and prototype as unknown fields", () => {
    const error = fromCallback(
      () =>
        JSON.parse(
          '{"metadata": {"constructor": {"a": 1}}, "spec": {"prototype": 1, "containers": [{}]}}',
        ) as unknown,
    );
    assert.deepEqual(pathsOf(error).sort(), ["metadata.constructor", "spec.prototype"]);
  });

  it("refuses __proto__ in a template's resources", () => {
    const template = JSON.parse(
      '{"resources": {"__proto__": {"limits": {"cpu": "1"}}}}',
    ) as unknown;
    assert.deepEqual(pathsOf(fromTemplate(template)), ["spec.containers[0].resources.__proto__"]);
  });

  it("does not take inherited keys of a callback's result", () => {
    const spec = Object.create({ hostNetwork: true }) as Record<string, unknown>;
    spec.containers = [{}];
    const { manifest } = run(parentPod(), () => ({ spec }));
    assert.equal((manifest.spec as unknown as Record<string, unknown>).hostNetwork, undefined);
    assertPlainData(manifest);
  });

  it("does not take inherited keys of a template or of the options", () => {
    const template = Object.create({ resources: { limits: { cpu: "9" } } }) as RunnerPodTemplate;
    const options = Object.assign(Object.create({ omitOwnerReference: true }) as RunnerPodOptions, {
      runnerId: RUNNER_ID,
    });
    const manifest = runnerPodManifest(parentPod(), template, ENCODED_PARENT, options);
    assert.deepEqual(
      manifest.spec!.containers[0].resources,
      parentPod().spec!.containers[0].resources,
    );
    assert.equal(manifest.metadata!.ownerReferences?.length, 1);
  });

  it("returns plain data whose JSON is exactly what was validated", () => {
    const { manifest } = run(
      parentPod(),
      (parent) => JSON.parse(JSON.stringify(parent)) as unknown,
    );
    assertPlainData(manifest);
    assert.deepEqual(JSON.parse(JSON.stringify(manifest)), manifest);
  });
});

/** `{a: {a: …}}` with `levels` objects below the top one. */
function nested(levels: number): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  let deepest = root;
  for (let i = 0; i < levels; i++) {
    const next: Record<string, unknown> = {};
    deepest.a = next;
    deepest = next;
  }
  return root;
}

/** Where the depth check refuses `{metadata: {annotations: nested(n)}}` for any n ≥ 99: level 101. */
const TOO_DEEP = `callback.metadata.annotations${".a".repeat(99)}`;

describe("caller data is a tree of at most 100 levels", () => {
  it(`documents the limit: ${MAX_DEPTH} levels below the callback's result, and keeps it`, () => {
    assert.equal(MAX_DEPTH, 100);
    // metadata is level 1 and annotations level 2: 98 levels below annotations pass the depth check
    // (and are refused as an annotation that is no string), 99 are one too many.
    const deepest = fromCallback(() => ({ metadata: { annotations: nested(98) } }));
    assert.deepEqual(pathsOf(deepest), ["metadata.annotations.a"]);
    assert.match(deepest.issues[0].message, /must be a string/);
    const tooDeep = fromCallback(() => ({ metadata: { annotations: nested(99) } }));
    assert.deepEqual(pathsOf(tooDeep), [TOO_DEEP]);
    assert.match(tooDeep.issues[0].message, /deeper than 100 levels/);
  });

  it("names the path where a cycle closes in a callback's result", () => {
    const result = { spec: { containers: [{ resources: {} as Record<string, unknown> }] } };
    result.spec.containers[0].resources.self = result.spec;
    const error = fromCallback(() => result);
    assert.deepEqual(pathsOf(error), ["callback.spec.containers[0].resources.self"]);
    assert.match(error.issues[0].message, /refers back to callback\.spec.*cycle/);
  });

  it("names the path where a cycle closes in a template", () => {
    const limits: Record<string, unknown> = {};
    limits.again = limits;
    const error = fromTemplate({ resources: { limits } });
    assert.deepEqual(pathsOf(error), ["template.resources.limits.again"]);
  });

  it("names the path where a cycle closes in the parent's app container", () => {
    const parent = parentPod();
    const env = parent.spec!.containers[0].env! as unknown as Record<string, unknown>[];
    env[1].loop = env;
    const error = errorOf(() => run(parent));
    assert.deepEqual(pathsOf(error), ["parentPod.spec.containers[0].env[1].loop"]);
  });

  it("names the path where a cycle closes in the parent given to a callback", () => {
    const parent = parentPod() as unknown as Record<string, Record<string, unknown>>;
    parent.status.parent = parent;
    const error = errorOf(() => run(parent as unknown as PodManifest, () => ({})));
    assert.deepEqual(pathsOf(error), ["parentPod.status.parent"]);
  });

  it("refuses data nested tens of thousands deep at the level where the limit is passed", () => {
    const error = fromCallback(() => ({ metadata: { annotations: nested(50_000) } }));
    assert.equal(error.issues.length, 1);
    assert.match(error.issues[0].path, /^callback\.metadata\.annotations(\.a)+$/);
    assert.equal(error.issues[0].path, TOO_DEEP);
    assert.match(error.issues[0].message, /deeper than 100 levels/);
  });

  it("accepts the same object twice where it is no cycle", () => {
    const limits = { cpu: "1" };
    const { manifest } = run(parentPod(), () => ({
      spec: { containers: [{ resources: { limits, requests: limits } }] },
    }));
    assert.deepEqual(manifest.spec!.containers[0].resources, { limits, requests: limits });
  });
});

describe("a callback that throws is an error that names the callback, with the original as cause", () => {
  const nullPrototype = Object.assign(Object.create(null) as object, { code: 42 });
  const badToString = {
    toString() {
      throw new Error("no string for you");
    },
  };
  const thrown: [string, unknown][] = [
    ["an Error", new TypeError("boom")],
    ["a string", "boom"],
    ["undefined", undefined],
    ["a null-prototype object", nullPrototype],
    ["an object whose toString throws", badToString],
    ["a symbol", Symbol("boom")],
    [
      "an Error whose message getter throws",
      Object.defineProperty(new Error(), "message", {
        get: () => {
          throw new Error("x");
        },
      }),
    ],
  ];

  for (const [what, value] of thrown) {
    it(`wraps ${what} thrown by the callback`, () => {
      const error = fromCallback(() => {
        throw value;
      });
      assert.deepEqual(pathsOf(error), ["callback"]);
      assert.match(error.issues[0].message, /^threw /);
      assert.equal(error.cause, value);
    });

    it(`wraps ${what} a callback's Promise rejects with`, async () => {
      const error = await rejectionOf(
        runnerPodManifestAsync(parentPod(), () => Promise.reject(value), ENCODED_PARENT, {
          runnerId: RUNNER_ID,
        }),
      );
      assert.deepEqual(pathsOf(error), ["callback"]);
      assert.match(error.issues[0].message, /^rejected with /);
      assert.equal(error.cause, value);
    });
  }

  it("wraps a thenable whose then throws", async () => {
    const cause = new Error("then throws");
    const thenable = {
      then() {
        throw cause;
      },
    };
    const error = await rejectionOf(
      runnerPodManifestAsync(
        parentPod(),
        (() => thenable) as unknown as RunnerPodCallback,
        ENCODED_PARENT,
      ),
    );
    assert.deepEqual(pathsOf(error), ["callback"]);
    assert.equal(error.cause, cause);
    // The synchronous function refuses it too, without calling a throwing then.
    assert.deepEqual(pathsOf(fromCallback(() => thenable)), ["callback"]);
  });

  it("wraps a result whose then getter throws", () => {
    const cause = new Error("then getter");
    const error = fromCallback(() => ({
      get then(): never {
        throw cause;
      },
    }));
    assert.deepEqual(pathsOf(error), ["callback"]);
    assert.equal(error.cause, cause);
  });

  for (const [where, make] of [
    [
      "on the result",
      (g: object) =>
        Object.defineProperty({}, "spec", { get: g as () => unknown, enumerable: true }),
    ],
    [
      "on the spec",
      (g: object) => ({
        spec: Object.defineProperty({}, "containers", {
          get: g as () => unknown,
          enumerable: true,
        }),
      }),
    ],
    [
      "deep inside",
      (g: object) => ({
        spec: {
          containers: [
            {
              resources: Object.defineProperty({}, "limits", {
                get: g as () => unknown,
                enumerable: true,
              }),
            },
          ],
        },
      }),
    ],
  ] as const) {
    it(`wraps a getter that throws ${where}`, () => {
      const cause = new Error("getter");
      const error = fromCallback(() =>
        make(() => {
          throw cause;
        }),
      );
      assert.ok(pathsOf(error)[0].startsWith("callback"), error.message);
      assert.equal(error.cause, cause);
    });
  }

  it("wraps a getter that throws in the parent or in the template", () => {
    const getter = {
      get: () => {
        throw new Error("getter");
      },
      enumerable: true,
    };
    const parent = parentPod();
    Object.defineProperty(parent.spec!.containers[0], "resources", getter);
    assert.ok(pathsOf(errorOf(() => run(parent)))[0].startsWith("parentPod"));
    const template = Object.defineProperty({}, "env", getter);
    assert.deepEqual(pathsOf(fromTemplate(template)), ["template"]);
  });
});

describe("every problem of the input is reported in one error", () => {
  it("reports an env mistake, a bad quantity and an unknown field of a template together", () => {
    const error = fromTemplate({
      env: [{ value: "no name" }, { name: "OK", value: "1" }],
      resources: { limits: { memory: "256MB" }, limimts: { cpu: "1" } },
    });
    assert.deepEqual(pathsOf(error).sort(), [
      "spec.containers[0].resources.limimts",
      "spec.containers[0].resources.limits.memory",
      "template.env[0].name",
    ]);
  });

  it("reports an env mistake of a callback with the schema problems of its result", () => {
    const error = fromCallback(() => ({
      spec: {
        restartPolicy: "Sometimes",
        containers: [
          {
            env: [{ name: "A", value: "1", valueFrom: {} }],
            resources: { limits: { cpu: "1.5.0" } },
          },
        ],
      },
    }));
    assert.deepEqual(pathsOf(error).sort(), [
      "callback.spec.containers[0].env[0]",
      "spec.containers[0].resources.limits.cpu",
    ]);
  });

  it("reports problems of the inputs and of the template together", () => {
    const error = errorOf(() =>
      runnerPodManifest(
        parentPod(),
        { env: [{ value: "x" }] } as unknown as RunnerPodTemplate,
        "",
        {
          omitOwnerReference: "yes",
        } as unknown as object,
      ),
    );
    assert.deepEqual(pathsOf(error).sort(), [
      "encodedParent",
      "options.omitOwnerReference",
      "template.env[0].name",
    ]);
  });

  it("reports a problem found twice (same code, path and message) once", () => {
    const error = new FlameRunnerPodError([
      { code: "invalid", path: "a", message: "m" },
      { code: "invalid", path: "a", message: "m" },
      { code: "invalid", path: "a", message: "other" },
      { code: "required", path: "a", message: "m" },
      { code: "invalid", path: "b", message: "m" },
    ]);
    assert.deepEqual(error.issues, [
      { code: "invalid", path: "a", message: "m" },
      { code: "invalid", path: "a", message: "other" },
      { code: "required", path: "a", message: "m" },
      { code: "invalid", path: "b", message: "m" },
    ]);
  });

  it("gives no warnings for input it refuses", () => {
    const warnings: string[] = [];
    errorOf(() =>
      runnerPodManifest(
        parentPod(),
        (() => ({
          spec: { restartPolicy: "Always", containers: [{ env: [{ value: "x" }] }] },
        })) as unknown as RunnerPodCallback,
        ENCODED_PARENT,
        { runnerId: RUNNER_ID, onWarning: (m) => warnings.push(m) },
      ),
    );
    assert.deepEqual(warnings, []);
  });
});
