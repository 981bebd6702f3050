/**
 * The v0.7 profile in the component (issue 13 item 2): `FlameRunnerPod` with
 * `backend: "v0.7"`, `env`, `secretEnv` and `releaseCookie`, and the runner's
 * Secret it declares. The rules themselves are tested as the v0.7 page's rows
 * (docs/rules-v0.7.md) in the rules' tests; these tests cover the wiring.
 */
import assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import {
  FlameRunnerPod,
  FlameRunnerPodError,
  runnerIdFromUrn,
  type FlameRunnerPodArgs,
} from "../../src";
import { ENCODED_PARENT, PARENT_NAME, PARENT_UID, parentPod } from "../fixtures/parent-pod";
import { installMocks, registrations, type Registration } from "../support/mocks";
import {
  captureOptions,
  drain,
  isSecretInput,
  known,
  plainInput,
  rejection,
  settle,
} from "../support/outputs";

const V07_ID = /^[bcdfghjklmnpqrstvwxz2456789]{5}$/;

/** Arguments of a v0.7 runner, with `extra` laid over them. */
function v07Args(extra: Partial<FlameRunnerPodArgs> = {}): FlameRunnerPodArgs {
  return { parentPod: parentPod(), encodedParent: ENCODED_PARENT, backend: "v0.7", ...extra };
}

/** Declares a runner and waits until its pod (and Secret) are registered. */
async function declare(name: string, args: FlameRunnerPodArgs) {
  const runner = new FlameRunnerPod(name, args);
  const podName = await known(runner.podName);
  await drain();
  return { runner, podName };
}

/** The one registration of `type`. */
function registered(type: string): Registration {
  const found = registrations.filter((r) => r.type === type);
  assert.equal(found.length, 1, `${found.length} registrations of ${type}`);
  return found[0];
}

interface RunnerContainer {
  name: string;
  env?: { name: string; value?: string }[];
  envFrom?: { secretRef?: { name: string } }[];
}

/** The registered pod's runner container (secret wrappers removed). */
function runnerContainer(): RunnerContainer {
  const spec = plainInput(registered("kubernetes:core/v1:Pod").inputs.spec) as {
    containers: RunnerContainer[];
  };
  return spec.containers[0];
}

describe("FlameRunnerPod v0.7: the runner pod", () => {
  beforeEach(() => installMocks());

  it("is named <parent name>-<5 characters> derived from the URN, the same on every run", async () => {
    const { runner, podName } = await declare("workers", v07Args());
    const id = runnerIdFromUrn(await known(runner.urn), "v0.7");
    assert.match(id, V07_ID);
    assert.equal(podName, `${PARENT_NAME}-${id}`);

    installMocks();
    const again = await declare("workers", v07Args());
    assert.equal(again.podName, podName);
    installMocks();
    const other = await declare("others", v07Args());
    assert.notEqual(other.podName, podName);
  });

  it("names its container runner and takes a manifest as template", async () => {
    await declare("workers", v07Args({ template: { metadata: { labels: { role: "runner" } } } }));
    const pod = registered("kubernetes:core/v1:Pod").inputs;
    assert.equal(runnerContainer().name, "runner");
    const metadata = plainInput(pod.metadata) as { labels?: Record<string, string> };
    assert.equal(metadata.labels?.role, "runner");
  });

  it("puts env in the runner container, a secret value secret", async () => {
    await declare("workers", v07Args({ env: { LOG_LEVEL: "debug" } }));
    const env = runnerContainer().env ?? [];
    assert.equal(env.find((e) => e.name === "LOG_LEVEL")?.value, "debug");
    assert.equal(isSecretInput(registered("kubernetes:core/v1:Pod").inputs.spec), false);

    installMocks();
    await declare("workers", v07Args({ env: { TOKEN: pulumi.secret("s3cr3t") } }));
    assert.equal(isSecretInput(registered("kubernetes:core/v1:Pod").inputs.spec), true);
    assert.equal(runnerContainer().env?.find((e) => e.name === "TOKEN")?.value, "s3cr3t");
  });
});

describe("FlameRunnerPod v0.7: the runner's Secret", () => {
  beforeEach(() => installMocks());

  it("is registered, named like the pod, in its namespace, owned like it, values secret", async () => {
    const { runner, podName } = await declare(
      "workers",
      v07Args({ secretEnv: { API_KEY: pulumi.secret("k") }, releaseCookie: "cookie" }),
    );
    assert.ok(runner.secret, "no secret field");
    const secret = registered("kubernetes:core/v1:Secret").inputs;
    const metadata = secret.metadata as {
      name: string;
      namespace: string;
      ownerReferences: { uid: string }[];
    };
    assert.equal(metadata.name, podName);
    assert.equal(metadata.namespace, "production");
    const pod = plainInput(registered("kubernetes:core/v1:Pod").inputs.metadata) as {
      ownerReferences: unknown;
    };
    assert.deepEqual(metadata.ownerReferences, pod.ownerReferences);
    assert.equal(metadata.ownerReferences[0].uid, PARENT_UID);
    assert.ok(isSecretInput(secret.stringData), "stringData is not secret");
    assert.deepEqual(plainInput(secret.stringData), { API_KEY: "k", RELEASE_COOKIE: "cookie" });
  });

  it("is referenced by the pod's envFrom", async () => {
    const { podName } = await declare("workers", v07Args({ releaseCookie: "cookie" }));
    assert.deepEqual(runnerContainer().envFrom?.[0], { secretRef: { name: podName } });
    const secret = registered("kubernetes:core/v1:Secret").inputs;
    assert.deepEqual(plainInput(secret.stringData), { RELEASE_COOKIE: "cookie" });
  });

  it("has no owner reference with omitOwnerReference", async () => {
    await declare("workers", v07Args({ secretEnv: { A: "1" }, omitOwnerReference: true }));
    const metadata = registered("kubernetes:core/v1:Secret").inputs.metadata as object;
    assert.equal("ownerReferences" in metadata, false);
  });

  it("is a child of the component with the pod's options that a Secret uses", async () => {
    const { captured, transformation } = captureOptions();
    const runner = new FlameRunnerPod("workers", v07Args({ releaseCookie: "cookie" }), {
      transformations: [transformation],
      retainOnDelete: true,
      customTimeouts: { create: "1m" },
      ignoreChanges: ["spec"],
    });
    await known(runner.podName);
    const secrets = captured.filter((c) => c.type === "kubernetes:core/v1:Secret");
    assert.equal(secrets.length, 1);
    assert.equal(secrets[0].resource, runner.secret);
    const opts = secrets[0].opts as pulumi.CustomResourceOptions;
    assert.equal(opts.parent, runner);
    assert.equal(opts.deleteBeforeReplace, true);
    assert.equal(opts.retainOnDelete, true);
    assert.deepEqual(opts.customTimeouts, { create: "1m" });
    assert.equal(opts.ignoreChanges, undefined);
    await drain();
  });

  it("is not declared without secretEnv or releaseCookie", async () => {
    const { runner } = await declare("workers", v07Args({ env: { A: "1" } }));
    assert.equal(runner.secret, undefined);
    assert.equal(registrations.filter((r) => r.type === "kubernetes:core/v1:Secret").length, 0);
    assert.equal(runnerContainer().envFrom, undefined);
  });
});

describe("FlameRunnerPod v0.7: arguments", () => {
  beforeEach(() => installMocks());

  /** The issue paths of what the constructor throws. */
  function thrownPaths(args: unknown): string[] {
    try {
      new FlameRunnerPod("bad", args as FlameRunnerPodArgs);
    } catch (error) {
      assert.ok(error instanceof FlameRunnerPodError, String(error));
      return error.issues.map((i) => i.path);
    }
    throw new Error("the constructor did not throw");
  }

  it("refuses a bad backend with the argument's name", () => {
    assert.deepEqual(thrownPaths(v07Args({ backend: "v0.8" as "v0.7" })), ["args.backend"]);
  });

  it("refuses env, secretEnv and releaseCookie without backend v0.7", () => {
    const extra = {
      backend: undefined,
      env: { A: "1" },
      secretEnv: { B: "2" },
      releaseCookie: "c",
    };
    assert.deepEqual(thrownPaths(v07Args(extra)), [
      "args.env",
      "args.secretEnv",
      "args.releaseCookie",
    ]);
  });

  it("refuses an env value that is not a string, and an empty releaseCookie", () => {
    assert.deepEqual(thrownPaths(v07Args({ env: { A: 1 as unknown as string } })), ["args.env"]);
    assert.deepEqual(thrownPaths(v07Args({ releaseCookie: "" })), ["args.releaseCookie"]);
  });

  it("rejects podName on a rule error, and declares no Secret", async function () {
    this.timeout(5000);
    // "aaaaa" fits a runner id's shape, not v0.7's generateName alphabet.
    const runner = new FlameRunnerPod(
      "bad",
      v07Args({ runnerId: pulumi.output("aaaaa"), secretEnv: { A: "1" } }),
    );
    const error = await rejection(settle(runner.podName));
    assert.ok(error instanceof FlameRunnerPodError, String(error));
    assert.match(error.message, /FlameRunnerPod "bad"/);
    assert.ok(
      error.issues.some((i) => i.path.endsWith("runnerId")),
      error.message,
    );
    await drain(50);
    assert.equal(registrations.filter((r) => r.type === "kubernetes:core/v1:Secret").length, 0);
  });
});
