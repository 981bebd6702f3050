/**
 * docs/rules-v0.7.md, "Invariants": the runner is valid for the API server.
 * The four Pod rules a differential fuzz of runner templates found missing
 * (issue 19): each manifest was returned, and the API server refuses it.
 */
import { strict as assert } from "assert";
import { parentPod } from "../../fixtures/parent-pod";
import { errorOf, pathsOf } from "../support";
import { runV07 } from "./support";

const R = "spec.containers[0]";

describe("Invariants: no manifest the API server would refuse", () => {
  const CASES: { what: string; manifest: object; path: string; fixed: object }[] = [
    {
      what: "a cpu resourceFieldRef divisor of 0.5 (only 1m and 1)",
      manifest: {
        spec: {
          containers: [
            {
              env: [
                {
                  name: "CPUS",
                  valueFrom: { resourceFieldRef: { resource: "limits.cpu", divisor: "0.5" } },
                },
              ],
            },
          ],
        },
      },
      path: `${R}.env[6].valueFrom.resourceFieldRef.divisor`,
      fixed: {
        spec: {
          containers: [
            {
              env: [
                {
                  name: "CPUS",
                  valueFrom: { resourceFieldRef: { resource: "limits.cpu", divisor: "1m" } },
                },
              ],
            },
          ],
        },
      },
    },
    {
      what: "a dnsConfig option without a name",
      manifest: { spec: { containers: [{}], dnsConfig: { options: [{ value: "2" }] } } },
      path: "spec.dnsConfig.options[0].name",
      fixed: {
        spec: { containers: [{}], dnsConfig: { options: [{ name: "ndots", value: "2" }] } },
      },
    },
    {
      what: "a negative emptyDir sizeLimit",
      manifest: {
        spec: { containers: [{}], volumes: [{ name: "tmp", emptyDir: { sizeLimit: "-1Gi" } }] },
      },
      path: "spec.volumes[0].emptyDir.sizeLimit",
      fixed: {
        spec: { containers: [{}], volumes: [{ name: "tmp", emptyDir: { sizeLimit: "1Gi" } }] },
      },
    },
    {
      what: "a persistentVolumeClaim without a claimName",
      manifest: {
        spec: {
          containers: [{}],
          volumes: [{ name: "data", persistentVolumeClaim: { claimName: "" } }],
        },
      },
      path: "spec.volumes[0].persistentVolumeClaim.claimName",
      fixed: {
        spec: {
          containers: [{}],
          volumes: [{ name: "data", persistentVolumeClaim: { claimName: "data" } }],
        },
      },
    },
  ];
  for (const { what, manifest, path, fixed } of CASES) {
    it(`refuses ${what}, at ${path}`, () => {
      assert.deepEqual(pathsOf(errorOf(() => runV07(parentPod(), manifest as never))), [path]);
      assert.doesNotThrow(() => runV07(parentPod(), fixed as never));
    });
  }
});
