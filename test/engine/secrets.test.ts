/**
 * Issue 9, item 5: one secret must not hide the whole pod. With the README's
 * `encodedParent: config.requireSecret(...)`, only FLAME_PARENT's value is
 * secret in the pod's inputs on the wire; the pod's name, namespace, labels,
 * owner reference and `podName` are not, unless a secret flowed into them (a
 * secret runnerId makes the name secret).
 */
import { strict as assert } from "node:assert";
import { ENCODED_PARENT } from "../fixtures/parent-pod";
import { isSecretAt, isUnder, type EngineRun, type RegisteredResource } from "./harness";
import { BEFORE_TIMEOUT_MS, runBefore, runnerPod } from "./runs";

/** The path of the runner container's FLAME_PARENT entry. */
function flameParentPath(pod: RegisteredResource): string {
  const spec = pod.inputs.value.spec as { containers: { env: { name: string }[] }[] };
  const index = spec.containers[0].env.findIndex((e) => e.name === "FLAME_PARENT");
  assert.ok(index >= 0, "no FLAME_PARENT in the runner's env");
  return `spec.containers[0].env[${index}]`;
}

/** The component's registered outputs. */
function componentOutputs(run: EngineRun) {
  const component = run.resource("flame-k8s:index:FlameRunnerPod", "runner");
  assert.ok(component, run.summary());
  const outputs = run.outputs.get(component.urn);
  assert.ok(outputs, "the component registered no outputs");
  return outputs;
}

describe("Engine: secrets stay on their leaves (issue 9, item 5)", function () {
  this.timeout(BEFORE_TIMEOUT_MS);

  describe("a secret encodedParent (up)", function () {
    let pod: RegisteredResource;
    const run = runBefore({
      program: "secrets",
      mode: "up",
      config: { encodedParent: ENCODED_PARENT },
      secretConfig: ["encodedParent"],
    });
    before(function () {
      pod = runnerPod(run());
    });

    it("the run succeeds", function () {
      assert.equal(run().exitCode, 0, run().summary());
    });

    it("FLAME_PARENT's value is secret", function () {
      assert.ok(
        isSecretAt(pod.inputs, `${flameParentPath(pod)}.value`),
        pod.inputs.secretPaths.join(),
      );
    });

    it("nothing else is secret", function () {
      const entry = flameParentPath(pod);
      for (const path of pod.inputs.secretPaths) {
        assert.ok(isUnder(path, entry), `${path} is secret (${pod.inputs.secretPaths.join(", ")})`);
      }
    });

    for (const path of [
      "metadata.name",
      "metadata.namespace",
      "metadata.labels",
      "metadata.ownerReferences",
      "spec.containers[0].name",
      "spec.containers[0].image",
    ]) {
      it(`${path} is not secret`, function () {
        assert.equal(isSecretAt(pod.inputs, path), false, pod.inputs.secretPaths.join(", "));
      });
    }

    it("podName is not secret (stack output and component output)", function () {
      const exports = run().stackOutputs();
      assert.ok(exports, run().summary());
      assert.equal(isSecretAt(exports, "podName"), false, exports.secretPaths.join(", "));
      const outputs = componentOutputs(run());
      assert.equal(isSecretAt(outputs, "podName"), false, outputs.secretPaths.join(", "));
    });
  });

  describe("a secret runnerId too (up)", function () {
    let pod: RegisteredResource;
    const run = runBefore({
      program: "secrets",
      mode: "up",
      config: { encodedParent: ENCODED_PARENT, runnerId: "blue-1" },
      secretConfig: ["encodedParent", "runnerId"],
    });
    before(function () {
      pod = runnerPod(run());
    });

    it("makes the pod's name and podName secret", function () {
      assert.equal(run().exitCode, 0, run().summary());
      assert.ok(isSecretAt(pod.inputs, "metadata.name"), pod.inputs.secretPaths.join(", "));
      const exports = run().stackOutputs();
      assert.ok(exports && isSecretAt(exports, "podName"), run().summary());
    });

    it("leaves the namespace and labels alone", function () {
      assert.equal(isSecretAt(pod.inputs, "metadata.namespace"), false);
      assert.equal(isSecretAt(pod.inputs, "metadata.labels"), false);
    });
  });

  describe("a secret value the backend overwrites and the rules refuse (preview, issue 22)", function () {
    const PASSWORD = "Hunter2-pa55word";
    const run = runBefore({
      program: "secrets",
      mode: "preview",
      config: { encodedParent: ENCODED_PARENT, password: PASSWORD },
      secretConfig: ["encodedParent", "password"],
    });

    it("fails, and nothing the language host prints holds the secret", function () {
      assert.notEqual(run().exitCode, 0, run().summary());
      assert.equal(run().occurrences("Hunter2"), 0, run().summary());
    });

    it("the warning and the error name the field and the rule, the value as [secret]", function () {
      const warnings = run().messages("warning");
      assert.ok(
        warnings.some((w) => w.includes("template.env[0]: PHX_SERVER=[secret] is overwritten")),
        run().summary(),
      );
      assert.equal(
        run().occurrences(
          "spec.containers[0].resources.limits.memory: [secret] is not a Kubernetes quantity",
        ),
        1,
        run().summary(),
      );
    });
  });
});
