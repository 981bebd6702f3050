/**
 * The generated Pod field table: it matches what the generator makes from
 * its pinned source, kubernetes-models in scripts/pod-schema-source/
 * (installed there on first use; no drift), and the hand-written enums agree
 * with it.
 */
import { strict as assert } from "assert";
import * as fs from "fs";
import {
  POD_SCHEMA_PATH,
  generatePodSchema,
  renderPodSchema,
} from "../../scripts/generate-pod-schema";
import { EXTRA_ENUMS } from "../../src/validation/enums";
import { POD_SCHEMA } from "../../src/validation/table";

describe("the generated Pod field table", () => {
  it("is what scripts/generate-pod-schema.ts makes now (run npm run generate:schema if not)", function () {
    // The first run installs the generator's source (npm ci, from the npm cache or registry).
    this.timeout(120_000);
    const fresh = renderPodSchema(generatePodSchema());
    const committed = fs.readFileSync(POD_SCHEMA_PATH, "utf8");
    assert.ok(
      fresh === committed,
      "src/validation/generated/pod-schema.json is out of date: run `npm run generate:schema`",
    );
  });

  it("holds the Pod's types with required fields, integer kinds, quantities and enums", () => {
    const t = POD_SCHEMA.types;
    assert.equal(POD_SCHEMA.root, "Pod");
    assert.deepEqual(t.Pod.required, ["apiVersion", "kind"]);
    assert.deepEqual(t.Container.required, ["name"]);
    assert.deepEqual(t.PodSpec.required, ["containers"]);
    assert.deepEqual(t.ResourceRequirements.properties.limits, { map: "quantity" });
    assert.equal(t.ContainerPort.properties.containerPort, "int32");
    assert.equal(t.PodSpec.properties.terminationGracePeriodSeconds, "integer");
    assert.equal(t.HTTPGetAction.properties.port, "intOrString");
    assert.equal(t.ObjectMeta.properties.creationTimestamp, "time");
    assert.deepEqual(t.PodSpec.properties.restartPolicy, {
      enum: ["Always", "Never", "OnFailure"],
    });
    assert.deepEqual(t.Container.properties.imagePullPolicy, {
      enum: ["Always", "IfNotPresent", "Never"],
    });
    assert.equal(t.ObjectMeta.openapi, "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta");
  });

  it("has a plain string field for each hand-written enum (else the table now carries it)", () => {
    for (const key of Object.keys(EXTRA_ENUMS)) {
      const [type, field] = key.split(".");
      assert.equal(POD_SCHEMA.types[type]?.properties[field], "string", key);
    }
  });
});
