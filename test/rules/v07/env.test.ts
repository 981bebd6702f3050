/**
 * docs/rules-v0.7.md, "Step 2: env" and "Step 2: secret env".
 */
import { strict as assert } from "assert";
import { ENCODED_PARENT, parentPod } from "../../fixtures/parent-pod";
import { errorOf, pathsOf } from "../support";
import { entry, indexOf, oneContainer, runV07, V07_NAME, withEnv } from "./support";

describe("Step 2: env", () => {
  it("has the defaults, the fixed entries as v0.7.0 writes them, and FLAME_PARENT last", () => {
    const run = runV07(parentPod());
    assert.deepEqual(run.envLines, [
      "POD_NAME<-valueFrom",
      "POD_NAMESPACE<-valueFrom",
      "POD_IP<-valueFrom",
      "PHX_SERVER=false",
      "RELEASE_DISTRIBUTION=name",
      "RELEASE_NODE=flame_runner@$(POD_IP)",
      `FLAME_PARENT=${ENCODED_PARENT}`,
    ]);
    assert.deepEqual(entry(run, "POD_IP"), {
      name: "POD_IP",
      valueFrom: { fieldRef: { fieldPath: "status.podIP" } },
    });
    assert.deepEqual(entry(run, "POD_NAME"), {
      name: "POD_NAME",
      valueFrom: { fieldRef: { fieldPath: "metadata.name" } },
    });
  });

  it("(better) POD_IP comes before RELEASE_NODE, which refers to it (v0.7.0 listed it after: the node name stayed the literal $(POD_IP))", () => {
    const run = runV07(parentPod());
    assert.ok(indexOf(run, "POD_IP") < indexOf(run, "RELEASE_NODE"));
    assert.ok(!run.warnings.some((w) => w.includes("$(POD_IP)")), run.warnings.join("\n"));
  });

  it("a later source that names an entry again moves it to its own place, as v0.7.0 lists it", () => {
    const run = runV07(
      parentPod(),
      withEnv(
        { name: "RELEASE_NODE", value: "myapp@$(POD_IP)" },
        { name: "LOG_LEVEL", value: "info" },
        { name: "ZED", value: "manifest" },
      ),
      { env: { ZED: "option", ALPHA: "1", LOG_LEVEL: "debug" } },
    );
    assert.deepEqual(run.envLines.slice(3), [
      "PHX_SERVER=false",
      "RELEASE_DISTRIBUTION=name",
      "RELEASE_NODE=myapp@$(POD_IP)",
      "ALPHA=1",
      "LOG_LEVEL=debug",
      "ZED=option",
      `FLAME_PARENT=${ENCODED_PARENT}`,
    ]);
  });

  it("a manifest's RELEASE_NODE follows the manifest entries before it, so its $(APP) expands (it stood before APP, with a warning)", () => {
    const run = runV07(
      parentPod(),
      withEnv({ name: "APP", value: "shop" }, { name: "RELEASE_NODE", value: "$(APP)@$(POD_IP)" }),
    );
    assert.deepEqual(run.envLines.slice(3), [
      "PHX_SERVER=false",
      "RELEASE_DISTRIBUTION=name",
      "APP=shop",
      "RELEASE_NODE=$(APP)@$(POD_IP)",
      `FLAME_PARENT=${ENCODED_PARENT}`,
    ]);
    assert.deepEqual(run.warnings, []);
  });

  it("an env option's PHX_SERVER sits among the env option's names, sorted", () => {
    const run = runV07(parentPod(), undefined, {
      env: { ZED: "z", PHX_SERVER: "true", ALPHA: "a" },
    });
    assert.deepEqual(run.envLines.slice(3), [
      "RELEASE_DISTRIBUTION=name",
      "RELEASE_NODE=flame_runner@$(POD_IP)",
      "ALPHA=a",
      "PHX_SERVER=true",
      "ZED=z",
      `FLAME_PARENT=${ENCODED_PARENT}`,
    ]);
  });

  it("an env option entry that overrides a manifest entry moves after the manifest's entries", () => {
    const run = runV07(
      parentPod(),
      withEnv({ name: "LOG_LEVEL", value: "info" }, { name: "MODE", value: "batch" }),
      { env: { LOG_LEVEL: "debug" } },
    );
    assert.deepEqual(run.envLines.slice(6), [
      "MODE=batch",
      "LOG_LEVEL=debug",
      `FLAME_PARENT=${ENCODED_PARENT}`,
    ]);
  });

  it("a manifest's RELEASE_NODE stays at the manifest's place, after what the manifest defines before it", () => {
    const run = runV07(
      parentPod(),
      withEnv(
        { name: "MY_IP", valueFrom: { fieldRef: { fieldPath: "status.podIP" } } },
        { name: "RELEASE_NODE", value: "myapp@$(MY_IP)" },
      ),
    );
    assert.deepEqual(run.envLines.slice(3, -1), [
      "PHX_SERVER=false",
      "RELEASE_DISTRIBUTION=name",
      "MY_IP<-valueFrom",
      "RELEASE_NODE=myapp@$(MY_IP)",
    ]);
    assert.deepEqual(run.warnings, []);
  });

  it("the env option comes sorted by name", () => {
    const run = runV07(parentPod(), undefined, { env: { B: "2", A: "1", C: "3" } });
    assert.deepEqual(
      run.envLines.filter((l) => /^[ABC]=/.test(l)),
      ["A=1", "B=2", "C=3"],
    );
  });

  it("the fixed entries win, with a warning naming the source", () => {
    const run = runV07(parentPod(), withEnv({ name: "POD_IP", value: "1.2.3.4" }), {
      env: { FLAME_PARENT: "forged" },
    });
    assert.equal(entry(run, "FLAME_PARENT")?.value, ENCODED_PARENT);
    assert.equal(entry(run, "POD_IP")?.value, undefined);
    assert.ok(
      run.warnings.some((w) =>
        /^callback\.spec\.containers\[0\]\.env\[0\]: POD_IP .* \[env-overwritten\]$/.test(w),
      ),
      run.warnings.join("\n"),
    );
    assert.ok(
      run.warnings.some((w) => /^options\.env\.FLAME_PARENT: .* \[env-overwritten\]$/.test(w)),
      run.warnings.join("\n"),
    );
  });

  it("one entry per name", () => {
    const run = runV07(parentPod(), withEnv({ name: "A", value: "1" }, { name: "A", value: "2" }), {
      env: { A: "3" },
    });
    const names = run.env.map((e) => e.name);
    assert.equal(new Set(names).size, names.length);
    assert.equal(entry(run, "A")?.value, "3");
  });

  it("warns for a $(VAR) that never expands", () => {
    const run = runV07(parentPod(), undefined, { env: { URL: "http://$(HOST_NAME):4000" } });
    assert.ok(
      run.warnings.some(
        (w) => w.includes("$(HOST_NAME)") && w.endsWith(" [env-reference-unexpanded]"),
      ),
    );
  });
});

describe("Step 2: secret env", () => {
  it("(better) with secretEnv, envFrom starts with {secretRef: {name}}, no namespace key (v0.7.0 wrote namespace, which SecretEnvSource does not have)", () => {
    const { runner } = runV07(
      parentPod(),
      oneContainer({ envFrom: [{ configMapRef: { name: "cfg" } }] }),
      { secretEnv: { API_KEY: "s3cret" } },
    );
    assert.deepEqual(runner.envFrom, [
      { secretRef: { name: V07_NAME } },
      { configMapRef: { name: "cfg" } },
    ]);
  });

  it("(better) the Secret is attached with appContainerName too (v0.7.0 attached it to no container)", () => {
    const parent = parentPod();
    parent.spec!.containers.unshift({ name: "istio-proxy", image: "istio/proxyv2:1.20" });
    const { runner } = runV07(parent, undefined, {
      appContainerName: "myapp",
      secretEnv: { API_KEY: "s3cret" },
    });
    assert.deepEqual(runner.envFrom, [{ secretRef: { name: V07_NAME } }]);
  });

  it("an empty secretEnv is present: the reference is added", () => {
    const { runner } = runV07(parentPod(), undefined, { secretEnv: {} });
    assert.deepEqual(runner.envFrom, [{ secretRef: { name: V07_NAME } }]);
  });

  it("without secretEnv there is no reference; the manifest's envFrom passes through", () => {
    assert.equal(runV07(parentPod()).runner.envFrom, undefined);
    const { runner } = runV07(
      parentPod(),
      oneContainer({ envFrom: [{ configMapRef: { name: "cfg" } }] }),
    );
    assert.deepEqual(runner.envFrom, [{ configMapRef: { name: "cfg" } }]);
  });

  it("the values of secretEnv never reach the pod", () => {
    const { manifest } = runV07(parentPod(), undefined, { secretEnv: { API_KEY: "s3cret" } });
    assert.ok(!JSON.stringify(manifest).includes("s3cret"));
  });

  it("a secretEnv that is not a map of strings is an error", () => {
    const error = errorOf(() =>
      runV07(parentPod(), undefined, { secretEnv: { API_KEY: 1 } as never }),
    );
    assert.deepEqual(pathsOf(error), ["options.secretEnv"]);
  });
});
