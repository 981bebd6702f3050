import assert from "node:assert/strict";
import { FlameRunnerPod } from "../../provider";
import { PLUGIN_RUNNER_POD_TYPE } from "../../provider/flame-runner-pod";
import { builtSchema, goldenSchema, PACKAGE_NAME, type PackageSchema } from "./provider";

const TOKEN = "flame-k8s:index:FlameRunnerPod";

describe("plugin: the package schema the provider host builds", function () {
  // The first getSchema compiles the plugin with TypeScript: seconds, not milliseconds.
  this.timeout(180_000);

  let schema: PackageSchema;
  before(async () => {
    schema = await builtSchema();
  });

  it("equals the committed golden schema (regenerate: npx ts-node --transpile-only test/plugin/write-golden.ts)", () => {
    assert.deepEqual(schema, goldenSchema());
  });

  it("names the package flame-k8s and its components flame-k8s:index:FlameRunnerPod and FlameRbac", () => {
    assert.equal(PACKAGE_NAME, "flame-k8s");
    assert.equal(schema.name, "flame-k8s");
    assert.deepEqual(Object.keys(schema.resources), [TOKEN, "flame-k8s:index:FlameRbac"]);
    assert.equal(PLUGIN_RUNNER_POD_TYPE, `${PACKAGE_NAME}:index:${FlameRunnerPod.name}`);
    assert.equal(schema.resources[TOKEN].isComponent, true);
  });

  it("takes exactly the schema-friendly arguments, encodedParent the only required one", () => {
    const component = schema.resources[TOKEN];
    assert.deepEqual(Object.keys(component.inputProperties).sort(), [
      "appContainerName",
      "encodedParent",
      "omitOwnerReference",
      "parentPod",
      "parentPodManifest",
      "runnerId",
      "template",
      "waitForReady",
    ]);
    assert.deepEqual(component.requiredInputs, ["encodedParent"]);
  });

  it("takes the parent as a reference to the kubernetes package's Pod, or as a map", () => {
    const inputs = schema.resources[TOKEN].inputProperties;
    assert.match(
      inputs.parentPod.$ref ?? "",
      /^\/kubernetes\/v\d+\.\d+\.\d+\/schema\.json#\/resources\/kubernetes:core%2Fv1:Pod$/,
    );
    assert.equal(inputs.parentPodManifest.type, "object");
    assert.deepEqual(inputs.parentPodManifest.additionalProperties, { $ref: "pulumi.json#/Any" });
    assert.deepEqual(
      schema.dependencies.map((d) => d.name),
      ["kubernetes"],
    );
  });

  it("takes the template object only, with the kubernetes input types copied as local types", () => {
    const inputs = schema.resources[TOKEN].inputProperties;
    assert.equal(inputs.template.$ref, "#/types/flame-k8s:index:FlameRunnerPodTemplate");
    const template = schema.types["flame-k8s:index:FlameRunnerPodTemplate"];
    assert.deepEqual(Object.keys(template.properties).sort(), ["addParentEnv", "env", "resources"]);
    assert.equal(template.properties.env.items?.$ref, "#/types/flame-k8s:index:EnvVar");
    assert.equal(
      template.properties.resources.$ref,
      "#/types/flame-k8s:index:ResourceRequirements",
    );
  });

  it("outputs podName, manifest (a map) and pod, nothing private and no Promise", () => {
    const outputs = schema.resources[TOKEN].properties;
    assert.deepEqual(Object.keys(outputs).sort(), ["manifest", "pod", "podName"]);
    assert.equal(outputs.podName.type, "string");
    assert.deepEqual(outputs.manifest.additionalProperties, { $ref: "pulumi.json#/Any" });
    assert.match(outputs.pod.$ref ?? "", /#\/resources\/kubernetes:core%2Fv1:Pod$/);
  });

  it("takes FlameRbac's arguments as the library declares them, namespace the only required one", () => {
    const rbac = schema.resources["flame-k8s:index:FlameRbac"];
    assert.equal(rbac.isComponent, true);
    assert.deepEqual(Object.keys(rbac.inputProperties).sort(), [
      "backend",
      "createServiceAccount",
      "manageSecrets",
      "namespace",
      "serviceAccountName",
    ]);
    assert.deepEqual(rbac.requiredInputs, ["namespace"]);
    assert.equal(rbac.properties.serviceAccountName.type, "string");
  });
});
