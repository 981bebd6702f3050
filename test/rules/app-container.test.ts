/**
 * The app container: found by appContainerName or first; the warning for a
 * well-known sidecar in first place.
 */
import assert from "node:assert/strict";
import { WELL_KNOWN_SIDECARS, findAppContainer } from "../../src/rules";
import { parentPod } from "../fixtures/parent-pod";
import type { RunnerPodIssue } from "../../src/errors";
import { formatIssue } from "../../src/issues/issue";
import { codePaths, deepFreeze, errorOf, run } from "./support";

function withSidecarFirst(name = "istio-proxy") {
  const parent = parentPod();
  parent.spec!.containers.unshift({ name, image: "docker.io/istio/proxyv2:1.22.0" });
  return parent;
}

describe("findAppContainer: the named container, else the first", () => {
  it("returns the first container when no name is given", () => {
    assert.equal(findAppContainer(parentPod()).name, "myapp");
  });

  it("returns the container named appContainerName", () => {
    assert.equal(findAppContainer(withSidecarFirst(), "myapp").image, "ghcr.io/acme/myapp:1.4.2");
  });

  it("returns a copy: changing it changes nothing in the parent", () => {
    const parent = deepFreeze(parentPod());
    const app = findAppContainer(parent);
    app.image = "changed";
    assert.equal(parent.spec!.containers[0].image, "ghcr.io/acme/myapp:1.4.2");
  });

  it("throws a FlameRunnerPodError listing the container names when none matches", () => {
    const error = errorOf(() => findAppContainer(withSidecarFirst(), "web"));
    assert.equal(error.issues[0].path, "options.appContainerName");
    assert.match(error.message, /"istio-proxy", "myapp"/);
  });
});

describe("(better) warning: the first container is a well-known sidecar", () => {
  it("warns when no appContainerName is given and the first container is istio-proxy", () => {
    const { issues, runner } = run(withSidecarFirst(), {});
    assert.equal(runner.image, "docker.io/istio/proxyv2:1.22.0");
    assert.deepEqual(codePaths(issues), ["sidecar-as-app-container parentPod.spec.containers[0]"]);
    assert.match(issues[0].message, /^the first container "istio-proxy" is a well-known sidecar/);
    assert.match(issues[0].message, /appContainerName/);
  });

  for (const name of ["linkerd-proxy", "cloud-sql-proxy", "vault-agent"]) {
    it(`warns for ${name}`, () => {
      assert.deepEqual(codePaths(run(withSidecarFirst(name), {}).issues), [
        "sidecar-as-app-container parentPod.spec.containers[0]",
      ]);
    });
  }

  it("does not warn when appContainerName names the sidecar explicitly", () => {
    assert.deepEqual(run(withSidecarFirst(), {}, { appContainerName: "istio-proxy" }).warnings, []);
  });

  it("does not warn for an ordinary first container", () => {
    assert.deepEqual(run(parentPod(), {}).warnings, []);
  });

  it("passes the warning of findAppContainer to onWarning, its line and the issue", () => {
    const warnings: [string, RunnerPodIssue][] = [];
    findAppContainer(withSidecarFirst(), undefined, (m, issue) => warnings.push([m, issue]));
    assert.equal(warnings.length, 1);
    const [line, issue] = warnings[0];
    assert.deepEqual(codePaths([issue]), ["sidecar-as-app-container parentPod.spec.containers[0]"]);
    assert.equal(line, formatIssue(issue));
  });

  it("knows the sidecars of the rules page", () => {
    for (const name of ["istio-proxy", "linkerd-proxy", "cloud-sql-proxy", "vault-agent"]) {
      assert.ok(WELL_KNOWN_SIDECARS.includes(name), name);
    }
  });
});
