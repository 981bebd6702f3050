/**
 * Acceptance: bad inputs through the public pure function runnerPodManifest.
 * Every row must throw FlameRunnerPodError (and nothing else), name the
 * expected path in both `issues` and the message, and return no manifest.
 * Rows cover schema problems of the final manifest (caught by
 * validatePodManifest) and the FLAME input errors of the rules page.
 */
import { strict as assert } from "assert";
import { FlameRunnerPodError } from "../../src/errors";
import { runnerPodManifest } from "../../src/rules";
import type {
  Container,
  PodManifest,
  RunnerPodCallback,
  RunnerPodOptions,
  RunnerPodTemplate,
} from "../../src/types";
import { ENCODED_PARENT, parentPod, seedTemplate } from "../fixtures/parent-pod";
import { podWith } from "./support";

const RUNNER_ID = "0123456789abcdef0123";

interface Row {
  /** What is wrong. */
  name: string;
  /** The expected path of (one of) the issues. */
  path: string;
  /** What the issue's message must say. */
  message: RegExp;
  /** The parent pod; default `parentPod()`. */
  parent?: unknown;
  /** A template object, or a callback (which may return anything). */
  template?: unknown;
  /** Default: ENCODED_PARENT. */
  encodedParent?: unknown;
  /** Default: a fixed runner id. */
  options?: RunnerPodOptions;
}

/** A callback returning `manifest` (a starting manifest the rules complete). */
const returning = (manifest: unknown) => (): unknown => manifest;

/** A callback whose runner container (the first) gets `container` fields, with extra sidecars. */
const runnerWith = (container: Record<string, unknown>, spec: Record<string, unknown> = {}) =>
  returning({ spec: { containers: [container], ...spec } });

const sidecar = (fields: Record<string, unknown>) =>
  returning({ spec: { containers: [{}, { name: "proxy", image: "envoy:1.30", ...fields }] } });

const seed = seedTemplate();

const ROWS: Row[] = [
  // --- the schema of the final manifest (validatePodManifest) ---
  {
    name: "the seed's own example: limimts",
    template: {
      env: seed.env,
      resources: { requests: seed.resources.requests, limimts: seed.resources.limits },
    },
    path: "spec.containers[0].resources.limimts",
    message: /unknown field "limimts"; did you mean "limits"\?/,
  },
  {
    name: "a request above its limit",
    template: { resources: { requests: { cpu: "500m" }, limits: { cpu: "400m" } } },
    path: "spec.containers[0].resources.requests.cpu",
    message: /^500m is greater than the limit 400m$/,
  },
  {
    name: "memory written 256MB",
    template: { resources: { requests: { memory: "256MB" } } },
    path: "spec.containers[0].resources.requests.memory",
    message: /"256MB" is not a Kubernetes quantity.*did you mean "256M" or "256Mi"\?/,
  },
  {
    name: "a version number as a quantity: 1.5.0",
    template: { resources: { limits: { cpu: "1.5.0" } } },
    path: "spec.containers[0].resources.limits.cpu",
    message: /"1\.5\.0" is not a Kubernetes quantity/,
  },
  {
    name: "a negative request",
    template: { resources: { requests: { cpu: "-1" } } },
    path: "spec.containers[0].resources.requests.cpu",
    message: /must not be negative/,
  },
  {
    name: "an empty quantity",
    template: { resources: { limits: { memory: "" } } },
    path: "spec.containers[0].resources.limits.memory",
    message: /not a Kubernetes quantity \(it is empty\)/,
  },
  {
    name: "a misspelled resource name",
    template: { resources: { requests: { memroy: "1Gi" } } },
    path: "spec.containers[0].resources.requests.memroy",
    message: /unknown resource "memroy".*did you mean "memory"\?/,
  },
  {
    name: "a GPU requested below its limit",
    template: { resources: { requests: { "nvidia.com/gpu": 1 }, limits: { "nvidia.com/gpu": 2 } } },
    path: 'spec.containers[0].resources.requests["nvidia.com/gpu"]',
    message: /must equal the limit 2/,
  },
  {
    name: "a template env value that is a number",
    template: { env: [{ name: "WORKERS", value: 3 }] },
    path: "spec.containers[0].env[4].value",
    message: /^must be a string \(got the number 3\)$/,
  },
  {
    name: "an env fieldRef to a field the kubelet cannot expose",
    template: { env: [{ name: "IP", valueFrom: { fieldRef: { fieldPath: "status.podIp" } } }] },
    path: "spec.containers[0].env[4].valueFrom.fieldRef.fieldPath",
    message: /did you mean "status\.podIP"\?/,
  },
  {
    name: "an env valueFrom without a source",
    template: { env: [{ name: "X", valueFrom: {} }] },
    path: "spec.containers[0].env[4].valueFrom",
    message: /must specify one of fieldRef/,
  },
  {
    name: "a callback's misspelled container field",
    template: runnerWith({ imagePullPolicyy: "Always" }),
    path: "spec.containers[0].imagePullPolicyy",
    message: /did you mean "imagePullPolicy"\?/,
  },
  {
    name: "a callback's misspelled affinity",
    template: returning({ spec: { affinity: { nodeAfinity: {} } } }),
    path: "spec.affinity.nodeAfinity",
    message: /did you mean "nodeAffinity"\?/,
  },
  {
    name: "a callback's unknown top-level field",
    template: returning({ specs: {} }),
    path: "specs",
    message: /unknown field "specs"; did you mean "spec"\?/,
  },
  {
    name: "a dnsPolicy outside its enum",
    template: returning({ spec: { dnsPolicy: "clusterfirst" } }),
    path: "spec.dnsPolicy",
    message: /must be one of .*did you mean "ClusterFirst"\?/,
  },
  {
    name: "a toleration operator outside its enum",
    template: returning({
      spec: { tolerations: [{ key: "gpu", operator: "Equals", value: "true" }] },
    }),
    path: "spec.tolerations[0].operator",
    message: /must be one of "Equal", "Exists"/,
  },
  {
    name: "a nodeSelector value that is not a string",
    template: returning({ spec: { nodeSelector: { gpu: true } } }),
    path: "spec.nodeSelector.gpu",
    message: /must be a string \(got the boolean true\)/,
  },
  {
    name: "a sidecar named like the runner's neighbour twice",
    template: returning({
      spec: {
        containers: [{}, { name: "proxy", image: "envoy" }, { name: "proxy", image: "envoy" }],
      },
    }),
    path: "spec.containers[2].name",
    message: /duplicate container name "proxy"/,
  },
  {
    name: "a sidecar name that is not a DNS-1123 label",
    template: sidecar({ name: "Proxy_1" }),
    path: "spec.containers[1].name",
    message: /must be a DNS-1123 label/,
  },
  {
    name: "a sidecar without an image",
    template: sidecar({ image: undefined }),
    path: "spec.containers[1].image",
    message: /^is required$/,
  },
  {
    name: "a sidecar port out of range",
    template: sidecar({ ports: [{ containerPort: 70000 }] }),
    path: "spec.containers[1].ports[0].containerPort",
    message: /between 1 and 65535/,
  },
  {
    name: "a volume mount without its volume",
    template: runnerWith({ volumeMounts: [{ name: "scratch", mountPath: "/tmp" }] }),
    path: "spec.containers[0].volumeMounts[0].name",
    message: /no volume named "scratch"/,
  },
  {
    name: "a volume without a source",
    template: returning({ spec: { volumes: [{ name: "scratch" }] } }),
    path: "spec.volumes[0]",
    message: /must specify a volume source/,
  },
  {
    name: "a label value Kubernetes refuses",
    template: returning({ metadata: { labels: { team: "data science" } } }),
    path: "metadata.labels.team",
    message: /not a valid label value/,
  },
  {
    name: "a namespace that is not a DNS-1123 label",
    template: returning({ metadata: { namespace: "Batch_Jobs" } }),
    options: { omitOwnerReference: true },
    path: "metadata.namespace",
    message: /must be a DNS-1123 label/,
  },
  // --- FLAME input errors (the rules) ---
  {
    name: "a parent that is not an object",
    parent: "myapp",
    path: "parentPod",
    message: /must be a pod manifest object/,
  },
  {
    name: "a parent without a name",
    parent: podWith({ "metadata.name": undefined }, parentPod()),
    path: "parentPod.metadata.name",
    message: /./,
  },
  {
    name: "a parent without containers (no app container)",
    parent: podWith({ "spec.containers": [] }, parentPod()),
    path: "parentPod.spec.containers",
    message: /./,
  },
  {
    name: "an appContainerName that names no container",
    options: { appContainerName: "web" },
    path: "options.appContainerName",
    message: /myapp/,
  },
  {
    name: "an app container without an image",
    parent: podWith({ "spec.containers[0].image": undefined }, parentPod()),
    path: "parentPod.spec.containers[0].image",
    message: /./,
  },
  {
    name: "an owner reference needed but the parent has no uid",
    parent: podWith({ "metadata.uid": undefined }, parentPod()),
    path: "parentPod.metadata.uid",
    message: /omitOwnerReference/,
  },
  {
    name: "an empty encoded parent",
    encodedParent: "",
    path: "encodedParent",
    message: /non-empty string/,
  },
  {
    name: "no encoded parent at all",
    encodedParent: undefined,
    path: "encodedParent",
    message: /non-empty string/,
  },
  {
    name: "a cross-namespace owner reference",
    template: returning({ metadata: { namespace: "batch" } }),
    path: "callback.metadata.namespace",
    message: /omitOwnerReference/,
  },
  {
    name: "a callback that throws",
    template: () => {
      throw new TypeError("boom");
    },
    path: "callback",
    message: /threw TypeError: boom/,
  },
  {
    name: "a callback that returns a number",
    template: returning(42),
    path: "callback",
    message: /returned/,
  },
  {
    name: "a callback that returns a Promise to the synchronous function",
    template: () => Promise.resolve({}),
    path: "callback",
    message: /returned a Promise/,
  },
  {
    name: "a template env entry without a name",
    template: { env: [{ value: "bar" }] },
    path: "template.env[0].name",
    message: /non-empty string/,
  },
  {
    name: "a template env entry with both value and valueFrom",
    template: {
      env: [{ name: "FOO", value: "bar", valueFrom: { fieldRef: { fieldPath: "metadata.name" } } }],
    },
    path: "template.env[0]",
    message: /both value and valueFrom/,
  },
  {
    name: "a template field that is not env, resources or addParentEnv",
    template: { envv: [] },
    path: "template.envv",
    message: /unknown field/,
  },
];

describe("acceptance: bad input to runnerPodManifest fails with a FlameRunnerPodError naming the path", () => {
  it(`has at least 30 rows (${ROWS.length})`, () => {
    assert.ok(ROWS.length >= 30);
  });

  for (const row of ROWS) {
    it(`${row.name} -> ${row.path}`, () => {
      let manifest: PodManifest | undefined;
      let caught: unknown;
      try {
        manifest = runnerPodManifest(
          (row.parent ?? parentPod()) as PodManifest,
          row.template as RunnerPodTemplate | RunnerPodCallback | undefined,
          ("encodedParent" in row ? row.encodedParent : ENCODED_PARENT) as string,
          { runnerId: RUNNER_ID, ...row.options },
        );
      } catch (error) {
        caught = error;
      }
      assert.equal(manifest, undefined, "no manifest may come back");
      assert.ok(
        caught instanceof FlameRunnerPodError,
        `expected a FlameRunnerPodError, got ${String(caught)}`,
      );
      const issue = caught.issues.find((i) => i.path === row.path);
      assert.ok(
        issue !== undefined,
        `no issue at ${row.path}; issues: ${caught.issues.map((i) => i.path).join(", ")}`,
      );
      assert.match(issue.message, row.message);
      assert.ok(caught.message.includes(`${row.path}: ${issue.message}`), caught.message);
    });
  }

  it("accepts the seed's corrected template (control row)", () => {
    const manifest = runnerPodManifest(parentPod(), seedTemplate(), ENCODED_PARENT, {
      runnerId: RUNNER_ID,
    });
    const container = manifest.spec?.containers[0] as Container;
    assert.deepEqual(container.resources, seedTemplate().resources);
  });
});
