/**
 * The API server's pod checks beyond the schema (issue 10, items 5 and 6):
 * one describe per rule area, each named for the Go function it follows in
 * `pkg/apis/core/validation/validation.go`. Each case breaks one field of a
 * valid pod; the "accepts" cases are refusals the API server would not make.
 */
import { strict as assert } from "assert";
import { paths, podWith, problems } from "./support";

const C = "spec.containers[0]";
const probe = (p: unknown) => podWith({ [`${C}.livenessProbe`]: p });
/** The issues of `manifest` are at exactly `expected` (in any order: the order is not a rule). */
const samePaths = (manifest: unknown, expected: string[]) =>
  assert.deepEqual(paths(manifest).sort(), [...expected].sort());
const ok = (changes: Record<string, unknown>) => assert.deepEqual(problems(podWith(changes)), []);

describe("probes and lifecycle handlers (validateProbe, validateHandler)", () => {
  it("needs exactly one handler", () => {
    assert.deepEqual(problems(probe({ periodSeconds: 5 })), [
      `${C}.livenessProbe: must specify a handler: one of exec, httpGet, tcpSocket, grpc [required]`,
    ]);
    assert.deepEqual(paths(probe({ exec: { command: ["true"] }, tcpSocket: { port: 80 } })), [
      `${C}.livenessProbe`,
    ]);
    assert.deepEqual(paths(podWith({ [`${C}.lifecycle.preStop`]: {} })), [
      `${C}.lifecycle.preStop`,
    ]);
  });
  it("takes numeric ports from 1 to 65535 and named ports with a letter", () => {
    for (const port of [0, 65536, -1]) {
      assert.deepEqual(paths(probe({ httpGet: { port } })), [`${C}.livenessProbe.httpGet.port`]);
    }
    assert.deepEqual(paths(probe({ tcpSocket: { port: "8080" } })), [
      `${C}.livenessProbe.tcpSocket.port`,
    ]);
    assert.deepEqual(paths(probe({ grpc: { port: 0 } })), [`${C}.livenessProbe.grpc.port`]);
    assert.deepEqual(problems(probe({ httpGet: { port: "http", path: "/healthz" } })), []);
    assert.deepEqual(problems(probe({ tcpSocket: { port: 65535 } })), []);
  });
  it("refuses negative timing, a liveness success threshold other than 1, a zero probe grace period", () => {
    samePaths(
      probe({
        exec: { command: ["true"] },
        initialDelaySeconds: -1,
        timeoutSeconds: -1,
        periodSeconds: -1,
        failureThreshold: -1,
        successThreshold: 2,
        terminationGracePeriodSeconds: 0,
      }),
      [
        "failureThreshold",
        "initialDelaySeconds",
        "periodSeconds",
        "successThreshold",
        "terminationGracePeriodSeconds",
        "timeoutSeconds",
      ].map((f) => `${C}.livenessProbe.${f}`),
    );
  });
  it("refuses an exec without command and a readiness probe with its own grace period", () => {
    assert.deepEqual(paths(probe({ exec: {} })), [`${C}.livenessProbe.exec.command`]);
    samePaths(
      podWith({
        [`${C}.readinessProbe`]: {
          exec: { command: ["true"] },
          terminationGracePeriodSeconds: 5,
        },
      }),
      [`${C}.readinessProbe.terminationGracePeriodSeconds`],
    );
  });
  it("refuses probes and hooks on an init container that is not a sidecar", () => {
    const init = { name: "init", image: "busybox", livenessProbe: { exec: { command: ["x"] } } };
    assert.deepEqual(paths(podWith({ "spec.initContainers": [init] })), [
      "spec.initContainers[0].livenessProbe",
    ]);
    ok({ "spec.initContainers": [{ ...init, restartPolicy: "Always" }] });
  });
});

describe("pod timing (ValidatePodSpec)", () => {
  it("takes activeDeadlineSeconds from 1 to 2^31-1", () => {
    for (const value of [0, -5, 2147483648]) {
      assert.deepEqual(paths(podWith({ "spec.activeDeadlineSeconds": value })), [
        "spec.activeDeadlineSeconds",
      ]);
    }
    ok({ "spec.activeDeadlineSeconds": 1 });
  });
});

describe("volume mounts (ValidateVolumeMounts)", () => {
  it("needs a non-empty mountPath, unique in the container, and a name of a volume", () => {
    assert.deepEqual(
      problems(
        podWith({
          [`${C}.volumeMounts`]: [
            { name: "data", mountPath: "/data" },
            { name: "data", mountPath: "/data" },
            { name: "data", mountPath: "" },
            { name: "", mountPath: "/x" },
          ],
        }),
      ),
      [
        `${C}.volumeMounts[2].mountPath: must not be empty [required]`,
        `${C}.volumeMounts[3].name: must not be empty [required]`,
        `${C}.volumeMounts[1].mountPath: "/data" is mounted twice (also by volumeMounts[0]): each mountPath must be unique in a container [duplicate]`,
      ],
    );
  });
  it("allows the same volume at two paths; takes relative sub-paths, not both kinds", () => {
    ok({ [`${C}.volumeMounts[1]`]: { name: "data", mountPath: "/other", subPath: "a/b" } });
    samePaths(
      podWith({
        [`${C}.volumeMounts[0].subPath`]: "../etc",
        [`${C}.volumeMounts[1]`]: {
          name: "data",
          mountPath: "/y",
          subPath: "a",
          subPathExpr: "b",
        },
      }),
      [`${C}.volumeMounts[0].subPath`, `${C}.volumeMounts[1].subPathExpr`],
    );
  });
});

describe("nodeSelector as labels (ValidateLabels)", () => {
  it("refuses keys and values that are not label keys and values", () => {
    samePaths(podWith({ "spec.nodeSelector": { "bad key": "x", pool: "gpu pool", "a/b": "ok" } }), [
      'spec.nodeSelector["bad key"]',
      "spec.nodeSelector.pool",
    ]);
  });
});

describe("affinity (validateAffinity, ValidateNodeSelector, ValidateLabelSelector)", () => {
  const na = "spec.affinity.nodeAffinity";
  it("refuses operators with the wrong number of values, and bad keys", () => {
    const expr = (e: unknown) => ({
      [`${na}.requiredDuringSchedulingIgnoredDuringExecution`]: {
        nodeSelectorTerms: [{ matchExpressions: [e] }],
      },
    });
    const at = `${na}.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0]`;
    assert.deepEqual(paths(podWith(expr({ key: "zone", operator: "In" }))), [`${at}.values`]);
    assert.deepEqual(paths(podWith(expr({ key: "zone", operator: "Exists", values: ["a"] }))), [
      `${at}.values`,
    ]);
    assert.deepEqual(paths(podWith(expr({ key: "cpu", operator: "Gt", values: ["1", "2"] }))), [
      `${at}.values`,
    ]);
    assert.deepEqual(paths(podWith(expr({ key: "bad key", operator: "In", values: ["a b"] }))), [
      `${at}.key`,
      `${at}.values[0]`,
    ]);
    samePaths(
      podWith({
        [`${na}.requiredDuringSchedulingIgnoredDuringExecution`]: { nodeSelectorTerms: [] },
      }),
      [`${na}.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms`],
    );
  });
  it("weighs preferred terms 1 to 100", () => {
    const pref = (weight: number) => ({
      [`${na}.preferredDuringSchedulingIgnoredDuringExecution`]: [
        { weight, preference: { matchExpressions: [{ key: "zone", operator: "Exists" }] } },
      ],
      "spec.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution": [
        { weight, podAffinityTerm: { topologyKey: "kubernetes.io/hostname" } },
      ],
    });
    assert.deepEqual(paths(podWith(pref(0))), [
      `${na}.preferredDuringSchedulingIgnoredDuringExecution[0].weight`,
      "spec.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight",
    ]);
    assert.equal(paths(podWith(pref(101))).length, 2);
    ok(pref(100));
  });
  it("checks label selector operators and a topology key in pod affinity", () => {
    const at = "spec.affinity.podAffinity.requiredDuringSchedulingIgnoredDuringExecution[0]";
    samePaths(
      podWith({
        [at]: {
          topologyKey: "",
          labelSelector: {
            matchExpressions: [{ key: "app", operator: "Equals", values: ["a"] }],
          },
        },
      }),
      [`${at}.labelSelector.matchExpressions[0].operator`, `${at}.topologyKey`],
    );
  });
});

describe("topology spread (validateTopologySpreadConstraints)", () => {
  const tsc = (c: Record<string, unknown>) =>
    podWith({
      "spec.topologySpreadConstraints": [
        { maxSkew: 1, topologyKey: "zone", whenUnsatisfiable: "DoNotSchedule", ...c },
      ],
    });
  it("needs maxSkew >= 1, a topology key, a known action; minDomains only with DoNotSchedule", () => {
    const at = "spec.topologySpreadConstraints[0]";
    assert.deepEqual(paths(tsc({ maxSkew: 0 })), [`${at}.maxSkew`]);
    assert.deepEqual(paths(tsc({ topologyKey: "" })), [`${at}.topologyKey`]);
    assert.deepEqual(paths(tsc({ whenUnsatisfiable: "Never" })), [`${at}.whenUnsatisfiable`]);
    assert.deepEqual(paths(tsc({ minDomains: 2, whenUnsatisfiable: "ScheduleAnyway" })), [
      `${at}.minDomains`,
    ]);
    samePaths(tsc({ labelSelector: { matchExpressions: [{ key: "app", operator: "In" }] } }), [
      `${at}.labelSelector.matchExpressions[0].values`,
    ]);
  });
  it("refuses two constraints with the same key and action", () => {
    const c = { maxSkew: 1, topologyKey: "zone", whenUnsatisfiable: "DoNotSchedule" };
    assert.deepEqual(paths(podWith({ "spec.topologySpreadConstraints": [c, c] })), [
      "spec.topologySpreadConstraints[1]",
    ]);
  });
});

describe("spec.os.name (validateOS)", () => {
  it("is linux or windows", () => {
    assert.deepEqual(paths(podWith({ "spec.os": { name: "Linux" } })), ["spec.os.name"]);
    ok({ "spec.os": { name: "windows" } });
  });
});

describe("security contexts (validatePodSpecSecurityContext, ValidateSecurityContext)", () => {
  it("takes user and group ids from 0 to 2^31-1", () => {
    samePaths(
      podWith({
        "spec.securityContext": {
          runAsUser: -1,
          runAsGroup: 2147483648,
          fsGroup: -2,
          supplementalGroups: [1, -1],
        },
        [`${C}.securityContext.runAsUser`]: -1,
      }),
      [
        "spec.securityContext.fsGroup",
        "spec.securityContext.runAsUser",
        "spec.securityContext.runAsGroup",
        "spec.securityContext.supplementalGroups[1]",
        `${C}.securityContext.runAsUser`,
      ],
    );
  });
  it("refuses allowPrivilegeEscalation: false with privileged or CAP_SYS_ADMIN", () => {
    samePaths(
      podWith({
        [`${C}.securityContext`]: { allowPrivilegeEscalation: false, privileged: true },
      }),
      [`${C}.securityContext.allowPrivilegeEscalation`],
    );
  });
  it("needs localhostProfile exactly with a Localhost seccomp profile", () => {
    samePaths(podWith({ "spec.securityContext.seccompProfile": { type: "Localhost" } }), [
      "spec.securityContext.seccompProfile.localhostProfile",
    ]);
    ok({ "spec.securityContext.seccompProfile": { type: "RuntimeDefault" } });
  });
});

describe("tolerations (ValidateTolerations)", () => {
  const tol = (t: unknown) => podWith({ "spec.tolerations": [t] });
  const at = "spec.tolerations[0]";
  it("refuses an empty key without Exists, a value with Exists, seconds without NoExecute", () => {
    assert.deepEqual(paths(tol({ operator: "Equal", value: "x" })), [`${at}.operator`]);
    assert.deepEqual(paths(tol({ key: "k", operator: "Exists", value: "x" })), [`${at}.value`]);
    assert.deepEqual(paths(tol({ key: "k", tolerationSeconds: 5, effect: "NoSchedule" })), [
      `${at}.effect`,
    ]);
    assert.deepEqual(paths(tol({ key: "bad key", value: "a b" })), [`${at}.key`, `${at}.value`]);
  });
  it('accepts effect "" (every effect), operator "" (Equal) and the match-all toleration', () => {
    ok({ "spec.tolerations": [{ key: "k", operator: "", value: "v", effect: "" }] });
    ok({ "spec.tolerations": [{ operator: "Exists" }] });
    ok({ "spec.tolerations": [{ key: "k", effect: "NoExecute", tolerationSeconds: 30 }] });
  });
});

describe("annotations (ValidateAnnotations)", () => {
  it("take at most 256 KiB, keys and values together, counted in UTF-8 bytes", () => {
    const big = "é".repeat(128 * 1024); // 2 bytes each: 256 KiB alone
    assert.deepEqual(paths(podWith({ "metadata.annotations": { a: big } })), [
      "metadata.annotations",
    ]);
    ok({ "metadata.annotations": { a: "x".repeat(256 * 1024 - 1) } });
  });
  it("keys are checked without case: an upper-case prefix is accepted", () => {
    ok({ "metadata.annotations": { "Example.COM/Owner": "team" } });
    assert.deepEqual(paths(podWith({ "metadata.annotations": { "Bad_Prefix/x": "" } })), [
      'metadata.annotations["Bad_Prefix/x"]',
    ]);
  });
  it("label keys keep their case rule: an upper-case prefix is refused", () => {
    assert.deepEqual(paths(podWith({ "metadata.labels": { "Example.com/x": "a" } })), [
      'metadata.labels["Example.com/x"]',
    ]);
  });
});

describe("names of referenced config maps and secrets (validateConfigMapVolumeSource, validateSecretVolumeSource, validateConfigMapKeySelector, validateConfigMapEnvSource)", () => {
  it("are required", () => {
    samePaths(
      podWith({
        "spec.volumes": [
          { name: "data", configMap: {} },
          { name: "s", secret: { secretName: "" } },
          { name: "p", projected: { sources: [{ secret: {} }] } },
        ],
        [`${C}.env[1].valueFrom`]: { configMapKeyRef: { key: "k" } },
        [`${C}.envFrom`]: [{ secretRef: { name: "" } }],
      }),
      [
        "spec.volumes[0].configMap.name",
        "spec.volumes[1].secret.secretName",
        "spec.volumes[2].projected.sources[0].secret.name",
        `${C}.env[1].valueFrom.configMapKeyRef.name`,
        `${C}.envFrom[0].secretRef.name`,
      ],
    );
  });
  it("keys are config map keys, item paths relative", () => {
    samePaths(
      podWith({
        [`${C}.env[1].valueFrom`]: { secretKeyRef: { name: "s", key: "a/b" } },
        "spec.volumes[0]": {
          name: "data",
          configMap: { name: "c", items: [{ key: "k", path: "/abs" }] },
        },
      }),
      ["spec.volumes[0].configMap.items[0].path", `${C}.env[1].valueFrom.secretKeyRef.key`],
    );
  });
});

describe("file modes (fileModeErrorMsg): 0 to 0777", () => {
  it("refuses modes outside the range", () => {
    samePaths(
      podWith({
        "spec.volumes": [
          { name: "data", secret: { secretName: "s", defaultMode: 0o1000 } },
          {
            name: "c",
            configMap: {
              name: "c",
              defaultMode: -1,
              items: [{ key: "k", path: "p", mode: 512 }],
            },
          },
          { name: "p", projected: { defaultMode: 1000, sources: [] } },
        ],
      }),
      [
        "spec.volumes[0].secret.defaultMode",
        "spec.volumes[1].configMap.defaultMode",
        "spec.volumes[1].configMap.items[0].mode",
        "spec.volumes[2].projected.defaultMode",
      ],
    );
    ok({ "spec.volumes[0]": { name: "data", secret: { secretName: "s", defaultMode: 0o644 } } });
  });
});

describe("container ports (validateContainerPorts)", () => {
  it("a port name is optional: an empty name is no name", () => {
    ok({
      [`${C}.ports`]: [
        { name: "", containerPort: 80 },
        { name: "", containerPort: 81 },
      ],
    });
  });
});

describe("empty enum values the API server defaults (SetDefaults_*)", () => {
  it('accepts "" for imagePullPolicy, restartPolicy, dnsPolicy and protocol', () => {
    ok({
      [`${C}.imagePullPolicy`]: "",
      [`${C}.ports[0].protocol`]: "",
      "spec.restartPolicy": "",
      "spec.dnsPolicy": "",
    });
  });
});

describe("resourceFieldRef divisors (validateContainerResourceDivisor)", () => {
  const env = (resource: string, divisor: unknown) =>
    podWith({
      [`${C}.env[2]`]: { name: "X", valueFrom: { resourceFieldRef: { resource, divisor } } },
    });
  const at = `${C}.env[2].valueFrom.resourceFieldRef.divisor`;
  const BYTES = ["1", "1k", "1M", "1G", "1T", "1P", "1E", "1Ki", "1Mi", "1Gi", "1Ti", "1Pi", "1Ei"];
  const TABLE: [string, string[], string[]][] = [
    // resource, every allowed divisor (and spellings of the same value), one just outside each
    ["limits.cpu", ["1m", "1", "1000m", "0.001", "1e0", "10e-1"], ["0.5", "2m", "2", "1e-3", "1k"]],
    ["requests.cpu", ["1m", "1"], ["999u", "1001m"]],
    ...[
      "limits.memory",
      "requests.memory",
      "limits.ephemeral-storage",
      "requests.ephemeral-storage",
      "limits.hugepages-2Mi",
    ].map((resource): [string, string[], string[]] => [
      resource,
      [...BYTES, "1024Mi", "1000", "1024Ki"],
      ["0.5", "2", "1m", "1024", "1e3", "1000Ki", "2Ki"],
    ]),
  ];
  for (const [resource, allowed, refused] of TABLE) {
    it(`${resource}: accepts ${allowed.join(", ")}; refuses ${refused.join(", ")}`, () => {
      for (const divisor of allowed)
        assert.deepEqual(problems(env(resource, divisor)), [], divisor);
      for (const divisor of refused) assert.deepEqual(paths(env(resource, divisor)), [at], divisor);
    });
  }
  it("accepts a zero divisor (unset) and any divisor of a resource that has none, refuses a number like a string", () => {
    assert.deepEqual(problems(env("limits.cpu", "0")), []);
    assert.deepEqual(problems(env("limits.cpu", 1)), []);
    assert.deepEqual(paths(env("limits.cpu", 0.5)), [at]);
  });
  it("checks a downward API volume file's divisor, which also names its container", () => {
    const volume = (ref: unknown) =>
      podWith({
        "spec.volumes[1]": {
          name: "info",
          downwardAPI: { items: [{ path: "cpu", resourceFieldRef: ref }] },
        },
      });
    const file = "spec.volumes[1].downwardAPI.items[0].resourceFieldRef";
    assert.deepEqual(
      problems(volume({ containerName: "runner-0123", resource: "limits.cpu", divisor: "1m" })),
      [],
    );
    assert.deepEqual(
      paths(volume({ containerName: "runner-0123", resource: "limits.cpu", divisor: "0.5" })),
      [`${file}.divisor`],
    );
    assert.deepEqual(paths(volume({ resource: "limits.cpu" })), [`${file}.containerName`]);
  });
});

describe("DNS config (validatePodDNSConfig)", () => {
  const dns = (dnsConfig: unknown, dnsPolicy?: string) =>
    podWith({ "spec.dnsConfig": dnsConfig, ...(dnsPolicy ? { "spec.dnsPolicy": dnsPolicy } : {}) });
  it("refuses an option without a name, accepts one with a name", () => {
    assert.deepEqual(
      paths(dns({ options: [{ name: "ndots", value: "2" }, { value: "2" }, { name: "" }] })),
      ["spec.dnsConfig.options[1].name", "spec.dnsConfig.options[2].name"],
    );
  });
  it("takes 3 nameservers, not 4", () => {
    const servers = ["10.0.0.1", "10.0.0.2", "10.0.0.3", "10.0.0.4"];
    assert.deepEqual(problems(dns({ nameservers: servers.slice(0, 3) })), []);
    assert.deepEqual(paths(dns({ nameservers: servers })), ["spec.dnsConfig.nameservers"]);
  });
  it("takes 32 search domains, not 33, and 2048 characters with the spaces, not 2049", () => {
    const domains = (n: number) => Array.from({ length: n }, (_, i) => `d${i}.example.com`);
    assert.deepEqual(problems(dns({ searches: domains(32) })), []);
    assert.deepEqual(paths(dns({ searches: domains(33) })), ["spec.dnsConfig.searches"]);
    const long = (n: number) => [`${"a".repeat(63)}.${"b".repeat(63)}`, "c".repeat(n)];
    assert.equal(long(1920).join(" ").length, 2048);
    assert.deepEqual(problems(dns({ searches: long(1920) })), []);
    assert.deepEqual(paths(dns({ searches: long(1921) })), ["spec.dnsConfig.searches"]);
  });
  it('needs dnsConfig with a nameserver when dnsPolicy is "None"', () => {
    assert.deepEqual(paths(podWith({ "spec.dnsPolicy": "None" })), ["spec.dnsConfig"]);
    assert.deepEqual(paths(dns({ searches: ["x.example.com"] }, "None")), [
      "spec.dnsConfig.nameservers",
    ]);
    assert.deepEqual(problems(dns({ nameservers: ["10.0.0.1"] }, "None")), []);
  });
});

describe("volume sources (validateVolumeSource, validatePersistentClaimVolumeSource)", () => {
  it("refuses a negative emptyDir sizeLimit; zero and positive pass", () => {
    for (const sizeLimit of ["0", "1Gi", "1m", 0]) {
      assert.deepEqual(
        problems(podWith({ "spec.volumes[0].emptyDir": { sizeLimit } })),
        [],
        String(sizeLimit),
      );
    }
    for (const sizeLimit of ["-1", "-1Gi", "-1m", -1]) {
      assert.deepEqual(paths(podWith({ "spec.volumes[0].emptyDir": { sizeLimit } })), [
        "spec.volumes[0].emptyDir.sizeLimit",
      ]);
    }
  });
  it("requires a persistentVolumeClaim's claimName, empty included", () => {
    const claim = (c: unknown) =>
      podWith({ "spec.volumes[0]": { name: "data", persistentVolumeClaim: c } });
    assert.deepEqual(problems(claim({ claimName: "data" })), []);
    assert.deepEqual(paths(claim({ claimName: "" })), [
      "spec.volumes[0].persistentVolumeClaim.claimName",
    ]);
    assert.deepEqual(paths(claim({ readOnly: true })), [
      "spec.volumes[0].persistentVolumeClaim.claimName",
    ]);
  });
});

describe("resize policies (validateResizePolicy)", () => {
  const resize = (resizePolicy: unknown, restartPolicy = "Never") =>
    podWith({ "spec.restartPolicy": restartPolicy, [`${C}.resizePolicy`]: resizePolicy });
  it('takes only "NotRequired" in a pod that is never restarted, and each resource once', () => {
    assert.deepEqual(problems(resize([{ resourceName: "cpu", restartPolicy: "NotRequired" }])), []);
    assert.deepEqual(
      paths(resize([{ resourceName: "memory", restartPolicy: "RestartContainer" }])),
      [`${C}.resizePolicy[0].restartPolicy`],
    );
    assert.deepEqual(
      problems(resize([{ resourceName: "memory", restartPolicy: "RestartContainer" }], "Always")),
      [],
    );
    assert.deepEqual(
      paths(
        resize([
          { resourceName: "cpu", restartPolicy: "NotRequired" },
          { resourceName: "cpu", restartPolicy: "NotRequired" },
        ]),
      ),
      [`${C}.resizePolicy[1].resourceName`],
    );
  });
});
