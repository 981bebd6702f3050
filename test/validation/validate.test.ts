/**
 * validatePodManifest: one describe per check, each named for the rule it
 * enforces, each breaking one field of a valid pod.
 */
import { strict as assert } from "assert";
import { validatePodManifest } from "../../src/validation";
import { formatPath } from "../../src/validation/issues";
import { parentPod } from "../fixtures/parent-pod";
import { deepFreeze, paths, podWith, problems, validPod } from "./support";

describe("validatePodManifest", () => {
  describe("a valid manifest has no issues", () => {
    it("accepts the small runner-like pod", () => {
      assert.deepEqual(problems(validPod()), []);
    });
    it("accepts the parent pod as kubectl prints it, status included", () => {
      assert.deepEqual(problems(parentPod()), []);
    });
    it("does not modify a deep-frozen manifest", () => {
      const bad = deepFreeze(podWith({ "spec.containers[0].resources.limimts": {} }));
      const before = JSON.stringify(bad);
      assert.equal(validatePodManifest(bad).length, 1);
      assert.equal(JSON.stringify(bad), before);
    });
    it("ignores fields whose value is undefined (JSON drops them)", () => {
      assert.deepEqual(
        problems(podWith({ "spec.nodeName": undefined, "spec.hostname": undefined })),
        [],
      );
      const pod = validPod() as Record<string, unknown>;
      pod.extra = undefined;
      assert.deepEqual(problems(pod), []);
    });
  });

  describe("the manifest must be an object", () => {
    for (const value of [null, undefined, "pod", 3, []]) {
      it(`refuses ${JSON.stringify(value) ?? "undefined"}`, () => {
        const issues = validatePodManifest(value);
        assert.equal(issues.length, 1);
        assert.equal(issues[0].path, "manifest");
        assert.match(issues[0].message, /must be a pod manifest object/);
      });
    }
  });

  describe("unknown fields are refused, with a did-you-mean for near misses", () => {
    it("reports the seed's limimts typo at its path with the hint limits", () => {
      assert.deepEqual(
        problems(podWith({ "spec.containers[0].resources.limimts": { cpu: "400m" } })),
        [
          'spec.containers[0].resources.limimts: unknown field "limimts"; did you mean "limits"? [unknown-field]',
        ],
      );
    });
    it("finds unknown fields at every depth", () => {
      assert.deepEqual(
        paths(
          podWith({
            specs: {},
            "metadata.label": {},
            "spec.containers[0].env[1].valueFrom.fieldRef.fieldpath": "x",
            "spec.volumes[0].emptyDir.medum": "Memory",
          }),
        ).sort(),
        [
          "metadata.label",
          "spec.containers[0].env[1].valueFrom.fieldRef.fieldpath",
          "spec.volumes[0].emptyDir.medum",
          "specs",
        ],
      );
    });
    it("suggests the right case for a case-only mistake", () => {
      assert.match(
        problems(podWith({ "spec.containers[0].ImagePullPolicy": "Always" }))[0],
        /unknown field "ImagePullPolicy"; did you mean "imagePullPolicy"\? \[unknown-field\]$/,
      );
    });
    it("gives no hint when nothing is close", () => {
      assert.deepEqual(problems(podWith({ "spec.containers[0].frobnicate": true })), [
        'spec.containers[0].frobnicate: unknown field "frobnicate" [unknown-field]',
      ]);
    });
  });

  describe("null is refused everywhere (leave the field out)", () => {
    it("reports a null field, list item and map value", () => {
      assert.deepEqual(
        paths(
          podWith({
            "spec.nodeName": null,
            "spec.containers[0].env[1]": null,
            "metadata.labels.app": null,
          }),
        ).sort(),
        ["metadata.labels.app", "spec.containers[0].env[1]", "spec.nodeName"],
      );
    });
  });

  describe("values must have the schema's type", () => {
    it("reports a number where a string belongs (env value 3)", () => {
      assert.deepEqual(
        problems(podWith({ "spec.containers[0].env[1]": { name: "X", value: 3 } })),
        ["spec.containers[0].env[1].value: must be a string (got the number 3) [invalid]"],
      );
    });
    it("reports objects, lists, booleans and integers of the wrong type", () => {
      assert.deepEqual(
        problems(
          podWith({
            "spec.containers[0].args": "--flag",
            "spec.containers[0].tty": "yes",
            "spec.terminationGracePeriodSeconds": 1.5,
            "spec.containers[0].ports[0].containerPort": "4000",
            "spec.securityContext": [],
            "metadata.labels": "app=myapp",
          }),
        ).sort(),
        [
          'metadata.labels: must be an object (a map) (got the string "app=myapp") [invalid]',
          'spec.containers[0].args: must be a list (got the string "--flag") [invalid]',
          'spec.containers[0].ports[0].containerPort: must be a 32-bit integer (got the string "4000") [invalid]',
          'spec.containers[0].tty: must be a boolean (got the string "yes") [invalid]',
          "spec.securityContext: must be an object (got an array) [invalid]",
          "spec.terminationGracePeriodSeconds: must be an integer (got the number 1.5) [invalid]",
        ],
      );
    });
    it("reports an int32 field out of range", () => {
      assert.deepEqual(paths(podWith({ "spec.priority": 2 ** 31 })), ["spec.priority"]);
    });
    it("accepts a string or an integer for an IntOrString port, nothing else", () => {
      const probe = (port: unknown) =>
        podWith({ "spec.containers[0].livenessProbe": { httpGet: { path: "/", port } } });
      assert.deepEqual(problems(probe("http")), []);
      assert.deepEqual(problems(probe(4000)), []);
      assert.deepEqual(paths(probe(true)), ["spec.containers[0].livenessProbe.httpGet.port"]);
    });
    it("checks RFC 3339 times", () => {
      assert.deepEqual(paths(podWith({ "metadata.creationTimestamp": "yesterday" })), [
        "metadata.creationTimestamp",
      ]);
    });
  });

  describe("enum fields take only their listed values", () => {
    it("refuses restartPolicy never and suggests Never", () => {
      assert.deepEqual(problems(podWith({ "spec.restartPolicy": "never" })), [
        'spec.restartPolicy: must be one of "Always", "Never", "OnFailure" (got "never"); did you mean "Never"? [not-supported]',
      ]);
    });
    it("checks imagePullPolicy, dnsPolicy, port protocol and apiVersion/kind", () => {
      assert.deepEqual(
        paths(
          podWith({
            apiVersion: "apps/v1",
            kind: "Deployment",
            "spec.dnsPolicy": "ClusterFirstWithHostNetwork",
            "spec.containers[0].imagePullPolicy": "Sometimes",
            "spec.containers[0].ports[0].protocol": "tcp",
          }),
        ).sort(),
        [
          "apiVersion",
          "kind",
          "spec.containers[0].imagePullPolicy",
          "spec.containers[0].ports[0].protocol",
          "spec.dnsPolicy",
        ],
      );
    });
    it("checks the hand-written enums the schema lacks", () => {
      assert.deepEqual(
        paths(
          podWith({
            "spec.containers[0].resizePolicy": [{ resourceName: "gpu", restartPolicy: "Never" }],
          }),
        ),
        [
          "spec.containers[0].resizePolicy[0].resourceName",
          "spec.containers[0].resizePolicy[0].restartPolicy",
        ],
      );
    });
  });

  describe("required fields must be present", () => {
    it("reports a container without a name or image, and a pod without apiVersion or spec", () => {
      assert.deepEqual(problems(podWith({ apiVersion: undefined, spec: { containers: [{}] } })), [
        "spec.containers[0].name: is required [required]",
        "spec.containers[0].image: is required [required]",
        "apiVersion: is required [required]",
      ]);
      assert.deepEqual(paths(podWith({ spec: undefined })), ["spec"]);
      assert.deepEqual(paths(podWith({ "metadata.name": undefined })), ["metadata.name"]);
    });
    it("needs at least one container", () => {
      assert.deepEqual(problems(podWith({ "spec.containers": [], "spec.volumes": undefined })), [
        "spec.containers: must have at least one container [required]",
      ]);
    });
  });

  describe("resource quantities must parse as Kubernetes quantities", () => {
    for (const bad of ["256MB", "1.5.0", "", "1K", "1 Gi", "Mi", "0x10", "1e"]) {
      it(`refuses ${JSON.stringify(bad)}`, () => {
        const issues = validatePodManifest(
          podWith({
            "spec.containers[0].resources.requests.memory": bad,
            "spec.containers[0].resources.limits": {},
          }),
        );
        assert.deepEqual(
          issues.map((i) => i.path),
          ["spec.containers[0].resources.requests.memory"],
        );
        assert.match(issues[0].message, /is not a Kubernetes quantity/);
      });
    }
    it("suggests the unit meant for 256MB", () => {
      assert.match(
        problems(podWith({ "spec.containers[0].resources.limits.memory": "256MB" }))[0],
        /did you mean "256M" or "256Mi"\? \[invalid\]$/,
      );
    });
    it("accepts numbers, exponents and every suffix", () => {
      for (const ok of [
        1,
        0.5,
        "1e3",
        "1E-3",
        "2.5Gi",
        "100u",
        "3n",
        "1k",
        "1Ei",
        "+1",
        ".5",
        "5.",
      ]) {
        assert.deepEqual(
          problems(
            podWith({
              "spec.containers[0].resources.requests.cpu": ok,
              "spec.containers[0].resources.limits": {},
            }),
          ),
          [],
          String(ok),
        );
      }
    });
  });

  describe("resource requests and limits: known names, not negative, requests not above limits", () => {
    it("reports a request above its limit with both values", () => {
      assert.deepEqual(
        problems(
          podWith({
            "spec.containers[0].resources": { requests: { cpu: "500m" }, limits: { cpu: "400m" } },
          }),
        ),
        [
          "spec.containers[0].resources.requests.cpu: 500m is greater than the limit 400m [invalid]",
        ],
      );
    });
    it("compares units exactly (1Gi equals 1073741824, 1024Mi, 1.0Gi)", () => {
      for (const limit of ["1073741824", "1024Mi", "1.0Gi", "1Gi"]) {
        assert.deepEqual(
          problems(
            podWith({
              "spec.containers[0].resources": {
                requests: { memory: "1Gi" },
                limits: { memory: limit },
              },
            }),
          ),
          [],
        );
      }
      assert.equal(
        problems(
          podWith({
            "spec.containers[0].resources": {
              requests: { memory: "1073741825" },
              limits: { memory: "1Gi" },
            },
          }),
        ).length,
        1,
      );
    });
    it("refuses negative quantities", () => {
      assert.deepEqual(
        problems(
          podWith({
            "spec.containers[0].resources": { requests: { cpu: "-1" }, limits: { memory: -5 } },
          }),
        ),
        [
          "spec.containers[0].resources.limits.memory: must not be negative (-5) [invalid]",
          "spec.containers[0].resources.requests.cpu: must not be negative (-1) [invalid]",
        ],
      );
    });
    it("refuses unknown resource names, with a hint", () => {
      assert.deepEqual(
        problems(podWith({ "spec.containers[0].resources.requests.memroy": "1Gi" })),
        [
          'spec.containers[0].resources.requests.memroy: unknown resource "memroy" (standard resources are cpu, memory, ephemeral-storage and hugepages-<size>; others need a domain prefix, such as example.com/memroy); did you mean "memory"? [invalid]',
        ],
      );
    });
    it("asks extended resources to be requested exactly at their limit", () => {
      assert.deepEqual(
        paths(podWith({ "spec.containers[0].resources": { requests: { "nvidia.com/gpu": 1 } } })),
        ['spec.containers[0].resources.requests["nvidia.com/gpu"]'],
      );
      assert.deepEqual(
        problems(
          podWith({
            "spec.containers[0].resources": {
              requests: { "nvidia.com/gpu": 1 },
              limits: { "nvidia.com/gpu": 2 },
            },
          }),
        ),
        [
          'spec.containers[0].resources.requests["nvidia.com/gpu"]: must equal the limit 2: nvidia.com/gpu cannot be overcommitted [invalid]',
        ],
      );
      assert.deepEqual(
        problems(podWith({ "spec.containers[0].resources": { limits: { "nvidia.com/gpu": 1 } } })),
        [],
      );
    });
  });

  describe("env entries: a valid name, not both value and valueFrom, one source", () => {
    it("reports an entry without a name", () => {
      assert.deepEqual(problems(podWith({ "spec.containers[0].env[1]": { value: "x" } })), [
        "spec.containers[0].env[1].name: is required [required]",
      ]);
    });
    it("reports an empty or invalid name", () => {
      assert.deepEqual(
        problems(
          podWith({ "spec.containers[0].env": [{ name: "", value: "x" }, { name: "A=B" }] }),
        ),
        [
          "spec.containers[0].env[0].name: must not be empty [required]",
          'spec.containers[0].env[1].name: "A=B" is not a valid environment variable name: printable ASCII characters except "=" [invalid]',
        ],
      );
    });
    it("reports value together with valueFrom", () => {
      assert.deepEqual(
        problems(
          podWith({
            "spec.containers[0].env[1]": {
              name: "X",
              value: "a",
              valueFrom: { fieldRef: { fieldPath: "status.podIP" } },
            },
          }),
        ),
        [
          'spec.containers[0].env[1]: may not have both "value" and "valueFrom"; keep one [forbidden]',
        ],
      );
    });
    it("reports valueFrom with no source or two", () => {
      assert.deepEqual(paths(podWith({ "spec.containers[0].env[1].valueFrom": {} })), [
        "spec.containers[0].env[1].valueFrom",
      ]);
      assert.deepEqual(
        paths(
          podWith({
            "spec.containers[0].env[1].valueFrom.secretKeyRef": { name: "s", key: "k" },
          }),
        ),
        ["spec.containers[0].env[1].valueFrom"],
      );
    });
    it("reports a field path the kubelet cannot expose, with a hint", () => {
      assert.match(
        problems(
          podWith({ "spec.containers[0].env[1].valueFrom.fieldRef.fieldPath": "status.podIp" }),
        )[0],
        /^spec\.containers\[0\]\.env\[1\]\.valueFrom\.fieldRef\.fieldPath: "status\.podIp" is not a field .*did you mean "status\.podIP"\? \[invalid\]$/,
      );
      assert.deepEqual(
        problems(
          podWith({
            "spec.containers[0].env[1].valueFrom.fieldRef.fieldPath": "metadata.labels['app']",
          }),
        ),
        [],
      );
      assert.deepEqual(
        paths(
          podWith({ "spec.containers[0].env[1].valueFrom.fieldRef.fieldPath": "metadata.labels" }),
        ),
        ["spec.containers[0].env[1].valueFrom.fieldRef.fieldPath"],
      );
    });
    it("reports an unknown resourceFieldRef resource", () => {
      assert.deepEqual(
        paths(
          podWith({
            "spec.containers[0].env[1].valueFrom": { resourceFieldRef: { resource: "limits.gpu" } },
          }),
        ),
        ["spec.containers[0].env[1].valueFrom.resourceFieldRef.resource"],
      );
    });
    it("needs exactly one of configMapRef and secretRef in envFrom", () => {
      assert.deepEqual(
        paths(
          podWith({
            "spec.containers[0].envFrom": [
              {},
              { configMapRef: { name: "a" }, secretRef: { name: "b" } },
              { secretRef: { name: "c" } },
            ],
          }),
        ),
        ["spec.containers[0].envFrom[0]", "spec.containers[0].envFrom[1]"],
      );
    });
  });

  describe("names: the pod a DNS subdomain; namespace, containers and volumes DNS-1123 labels", () => {
    it("refuses a pod name with upper case or longer than 253, accepts dots (ValidatePodName)", () => {
      assert.match(
        problems(podWith({ "metadata.name": "My.App" }))[0],
        /^metadata\.name: "My\.App" is not a valid pod name/,
      );
      assert.deepEqual(paths(podWith({ "metadata.name": "a".repeat(254) })), ["metadata.name"]);
      assert.deepEqual(problems(podWith({ "metadata.name": "my.app" })), []);
      assert.deepEqual(problems(podWith({ "metadata.name": "a".repeat(253) })), []);
    });
    it("refuses container, volume and namespace names that are not labels", () => {
      assert.deepEqual(
        paths(
          podWith({
            "metadata.namespace": "Prod",
            "spec.containers[0].name": "-app",
            "spec.volumes[0].name": "data_1",
            "spec.containers[0].volumeMounts[0].name": "data_1",
          }),
        ),
        ["metadata.namespace", "spec.containers[0].name", "spec.volumes[0].name"],
      );
    });
    it("refuses service account names that are not DNS subdomains", () => {
      assert.deepEqual(paths(podWith({ "spec.serviceAccountName": "My App" })), [
        "spec.serviceAccountName",
      ]);
      assert.deepEqual(problems(podWith({ "spec.serviceAccountName": "my.app" })), []);
    });
  });

  describe("container names are unique in a pod, init containers included", () => {
    it("reports the second container of a name and points to the first", () => {
      assert.deepEqual(
        problems(
          podWith({
            "spec.initContainers": [{ name: "runner-0123", image: "busybox" }],
            "spec.containers[1]": { name: "runner-0123", image: "busybox" },
          }),
        ),
        [
          'spec.containers[0].name: duplicate container name "runner-0123" (also at spec.initContainers[0].name); container names must be unique in a pod [duplicate]',
          'spec.containers[1].name: duplicate container name "runner-0123" (also at spec.initContainers[0].name); container names must be unique in a pod [duplicate]',
        ],
      );
    });
    it("refuses ephemeral containers on create", () => {
      assert.deepEqual(
        paths(podWith({ "spec.ephemeralContainers": [{ name: "debug", image: "busybox" }] })),
        ["spec.ephemeralContainers"],
      );
    });
  });

  describe("volumes: unique names, one source each, mounts name a volume", () => {
    it("reports a duplicate volume, a volume without or with two sources, and a dangling mount", () => {
      assert.deepEqual(
        problems(
          podWith({
            "spec.volumes": [
              { name: "data", emptyDir: {} },
              { name: "data", emptyDir: {} },
              { name: "none" },
              { name: "two", emptyDir: {}, configMap: { name: "c" } },
            ],
            "spec.containers[0].volumeMounts[1]": { name: "dta", mountPath: "/x" },
          }),
        ),
        [
          "spec.volumes[2]: must specify a volume source (emptyDir, configMap, secret, ...) [required]",
          "spec.volumes[3]: may specify only one volume source [forbidden]",
          'spec.volumes[1].name: duplicate volume name "data" [duplicate]',
          'spec.containers[0].volumeMounts[1].name: no volume named "dta" in spec.volumes; did you mean "data"? [not-found]',
        ],
      );
    });
  });

  describe("ports: numbers in range, IANA service names, unique names", () => {
    it("reports each", () => {
      assert.deepEqual(
        paths(
          podWith({
            "spec.containers[0].ports": [
              { name: "HTTP", containerPort: 0 },
              { name: "a-very-long-port-name", containerPort: 70000, hostPort: -1 },
              { name: "metrics", containerPort: 9000 },
              { name: "metrics", containerPort: 9001 },
            ],
          }),
        ),
        [
          "spec.containers[0].ports[0].containerPort",
          "spec.containers[0].ports[0].name",
          "spec.containers[0].ports[1].containerPort",
          "spec.containers[0].ports[1].hostPort",
          "spec.containers[0].ports[1].name",
          "spec.containers[0].ports[3].name",
        ],
      );
    });
  });

  describe("labels, annotations and owner references", () => {
    it("refuses invalid label keys and values and annotation keys", () => {
      assert.deepEqual(
        paths(
          podWith({
            "metadata.labels": {
              "app.kubernetes.io/name": "ok",
              "bad key": "v",
              ok: "not ok!",
              "x/": "v",
            },
            "metadata.annotations": { "example.com/fine": "any text at all", "/nope": "" },
          }),
        ),
        [
          'metadata.labels["bad key"]',
          "metadata.labels.ok",
          'metadata.labels["x/"]',
          'metadata.annotations["/nope"]',
        ],
      );
    });
    it("allows one controller owner reference only, each complete", () => {
      const owner = { apiVersion: "v1", kind: "Pod", name: "p", uid: "u", controller: true };
      assert.deepEqual(paths(podWith({ "metadata.ownerReferences": [owner, owner] })), [
        "metadata.ownerReferences[1]",
      ]);
      assert.deepEqual(
        paths(
          podWith({ "metadata.ownerReferences": [{ apiVersion: "v1", kind: "Pod", name: "p" }] }),
        ),
        ["metadata.ownerReferences[0].uid"],
      );
      assert.deepEqual(
        problems(podWith({ "metadata.ownerReferences": [{ ...owner, namespace: "production" }] })),
        ['metadata.ownerReferences[0].namespace: unknown field "namespace" [unknown-field]'],
      );
    });
  });

  describe("every problem is reported in one pass", () => {
    it("returns all issues of a manifest with many mistakes", () => {
      const found = paths(
        podWith({
          "spec.containers[0].resources.limimts": {},
          "spec.containers[0].env[0].value": 3,
          "spec.restartPolicy": "never",
          "metadata.name": "UPPER",
        }),
      );
      assert.deepEqual(found, [
        "metadata.name",
        "spec.restartPolicy",
        "spec.containers[0].env[0].value",
        "spec.containers[0].resources.limimts",
      ]);
    });
  });
});

describe("formatPath: the one spelling of a field path", () => {
  it("joins fields with dots, indexes in brackets, and quotes a key that is not an identifier", () => {
    assert.equal(
      formatPath(["metadata", "labels", "app.kubernetes.io/name"]),
      'metadata.labels["app.kubernetes.io/name"]',
    );
    assert.equal(formatPath(["spec", "containers", 0, "env", 4]), "spec.containers[0].env[4]");
    assert.equal(formatPath([]), "manifest");
  });

  it("puts the segments after a prefix", () => {
    assert.equal(formatPath(["spec", "containers", 0], "callback"), "callback.spec.containers[0]");
    assert.equal(formatPath([2, "a b"], "template.env"), 'template.env[2]["a b"]');
    assert.equal(formatPath([], "callback"), "callback");
  });
});
