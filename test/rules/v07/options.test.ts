/**
 * docs/rules-v0.7.md, "Rule: the backend option" and "Errors".
 */
import { strict as assert } from "assert";
import { runnerPodManifest } from "../../../src/rules";
import { ENCODED_PARENT, parentPod } from "../../fixtures/parent-pod";
import { errorOf, pathsOf, run } from "../support";
import { runV07 } from "./support";

describe("Rule: the backend option", () => {
  it('defaults to "v0.3.3": the runner container is named after the runner, the parent env copied', () => {
    const { runner, envLines } = run(parentPod());
    assert.notEqual(runner.name, "runner");
    assert.ok(envLines.includes("FOO=from-parent"));
    assert.deepEqual(run(parentPod(), undefined, { backend: "v0.3.3" }).envLines, envLines);
  });

  it('"v0.7" selects the profile', () => {
    assert.equal(runV07(parentPod()).runner.name, "runner");
  });

  it("an unknown backend is refused with a did-you-mean", () => {
    const error = errorOf(() => run(parentPod(), undefined, { backend: "v0.8" as never }));
    assert.deepEqual(pathsOf(error), ["options.backend"]);
    assert.match(error.message, /did you mean "v0\.7"\?/);
  });

  it("env and secretEnv exist only under v0.7", () => {
    const error = errorOf(() =>
      run(parentPod(), undefined, { env: { A: "1" }, secretEnv: { B: "2" } }),
    );
    assert.deepEqual(pathsOf(error), ["options.env", "options.secretEnv"]);
  });

  it("a misspelt option is refused with a did-you-mean", () => {
    const error = errorOf(() =>
      runnerPodManifest(parentPod(), undefined, ENCODED_PARENT, { backnd: "v0.7" } as never),
    );
    assert.match(error.message, /did you mean "backend"\?/);
  });

  it("a v0.7 runnerId is 5 characters of the generateName alphabet", () => {
    for (const id of ["0123456789abcdef0123", "bcd2", "abcde", "bcd241"]) {
      const error = errorOf(() => runV07(parentPod(), undefined, { runnerId: id }));
      assert.deepEqual(pathsOf(error), ["options.runnerId"], id);
    }
  });
});

describe("Errors", () => {
  it("env must be a map of strings", () => {
    for (const env of [["A=1"], { A: 1 }, "A=1"]) {
      const error = errorOf(() => runV07(parentPod(), undefined, { env: env as never }));
      assert.deepEqual(pathsOf(error), ["options.env"], JSON.stringify(env));
    }
  });

  it("reports every problem at once: the inputs and the manifest", () => {
    const error = errorOf(() =>
      runV07(parentPod(), { spec: { containers: [{ resources: { limimts: {} } }] } } as never, {
        appContainerName: "web",
      }),
    );
    assert.ok(pathsOf(error).includes("options.appContainerName"), pathsOf(error).join(","));
  });

  it("a manifest Kubernetes would refuse is an error naming the field", () => {
    const error = errorOf(() =>
      runV07(parentPod(), { spec: { containers: [{ resources: { limimts: {} } }] } } as never),
    );
    assert.ok(
      pathsOf(error).some((p) => p.includes("limimts")),
      pathsOf(error).join(","),
    );
  });
});

describe("Errors: hostile options", () => {
  it("an env map whose getter throws is the rules' error at options, not a foreign exception", () => {
    const env = Object.defineProperty({}, "A", {
      enumerable: true,
      get: () => {
        throw new Error("boom");
      },
    });
    const error = errorOf(() => runV07(parentPod(), undefined, { env }));
    assert.deepEqual(pathsOf(error), ["options"]);
  });

  it("does not modify the env and secretEnv maps", () => {
    const env = Object.freeze({ B: "2", A: "1" });
    const secretEnv = Object.freeze({ K: "v" });
    runV07(parentPod(), undefined, { env, secretEnv });
    assert.deepEqual(Object.keys(env), ["B", "A"]);
  });
});
