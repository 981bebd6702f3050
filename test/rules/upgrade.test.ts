/**
 * The upgrade check (`backendUpgradeChanges`, src/rules/upgrade.ts): what the
 * runner of one parent and template loses or gains from v0.3.3 to v0.7.
 */
import { strict as assert } from "assert";
import {
  BACKEND_UPGRADE_CHANGE_KINDS,
  backendUpgradeChanges,
  type BackendUpgradeChange,
  type RunnerPodStart,
} from "../../src/rules";
import { FlameRunnerPodError } from "../../src/errors";
import type { PodManifest } from "../../src/types";
import { ENCODED_PARENT, PARENT_NAME, parentPod } from "../fixtures/parent-pod";
import { deepFreeze } from "./support";

const EMPTY_TEMPLATE: RunnerPodStart = { kind: "template" };

function changes(
  start: RunnerPodStart = EMPTY_TEMPLATE,
  parent: PodManifest = parentPod(),
  options?: Parameters<typeof backendUpgradeChanges>[3],
): BackendUpgradeChange[] {
  return backendUpgradeChanges(parent, start, ENCODED_PARENT, options);
}

function ofKind(list: readonly BackendUpgradeChange[], kind: string): BackendUpgradeChange[] {
  return list.filter((change) => change.kind === kind);
}

function envNames(list: readonly BackendUpgradeChange[], kind: string): string[] {
  return ofKind(list, kind).map((change) => /env\[(.+)\]$/.exec(change.path)?.[1] ?? "");
}

/** The parent with its app container's env replaced. */
function parentWithEnv(env: NonNullable<PodManifest["spec"]>["containers"][0]["env"]): PodManifest {
  const parent = parentPod();
  parent.spec!.containers[0].env = env;
  return parent;
}

/** A callback's result: a pod manifest used as is under both profiles. */
function manifestStart(manifest: unknown): RunnerPodStart {
  return { kind: "callback", manifest };
}

describe("upgrade check: env no longer copied from the parent", () => {
  it("names each env entry the v0.3.3 runner copied from the parent's app container", () => {
    const list = changes();
    assert.deepEqual(envNames(list, "env-removed"), ["SECRET_KEY_BASE", "FOO"]);
    const foo = ofKind(list, "env-removed")[1];
    assert.equal(foo.path, "spec.containers[0].env[FOO]");
    assert.deepEqual(foo.from, { name: "FOO", value: "from-parent" });
    assert.equal(foo.to, undefined);
    assert.match(foo.message, /copied from the parent's app container/);
    assert.match(foo.message, /"from-parent"/);
  });

  it("names DATABASE_URL and says where a secretKeyRef pointed", () => {
    const parent = parentWithEnv([
      {
        name: "DATABASE_URL",
        valueFrom: { secretKeyRef: { name: "db", key: "url" } },
      },
    ]);
    const [removed] = ofKind(changes(EMPTY_TEMPLATE, parent), "env-removed");
    assert.equal(removed.path, "spec.containers[0].env[DATABASE_URL]");
    assert.match(removed.message, /DATABASE_URL \(secretKeyRef db\/url\)/);
  });

  it("points RELEASE_COOKIE at the component's releaseCookie", () => {
    const parent = parentWithEnv([{ name: "RELEASE_COOKIE", value: "c" }]);
    const [removed] = ofKind(changes(EMPTY_TEMPLATE, parent), "env-removed");
    assert.match(removed.message, /releaseCookie/);
  });

  it("reports nothing removed when the parent's app container has no env", () => {
    assert.deepEqual(
      envNames(changes(EMPTY_TEMPLATE, parentWithEnv(undefined)), "env-removed"),
      [],
    );
  });
});

describe("upgrade check: envFrom no longer copied from the parent", () => {
  it("lists each envFrom entry of the parent's app container", () => {
    const removed = ofKind(changes(), "env-from-removed");
    assert.deepEqual(
      removed.map((change) => change.from),
      [{ configMapRef: { name: "myapp-config" } }, { secretRef: { name: "myapp-env" } }],
    );
    assert.match(removed[0].message, /configMapRef myapp-config/);
    assert.match(removed[1].message, /secretRef myapp-env/);
  });
});

describe("upgrade check: the Secret reference", () => {
  it("with secretEnv, the runner reads its own Secret, named like the runner", () => {
    const [added] = ofKind(
      changes(EMPTY_TEMPLATE, parentPod(), { secretEnv: {} }),
      "env-from-added",
    );
    assert.deepEqual(added.to, { secretRef: { name: `${PARENT_NAME}-bcd24` } });
    assert.match(added.message, /the runner's own Secret/);
  });

  it("without secretEnv, no Secret is referenced", () => {
    assert.deepEqual(ofKind(changes(), "env-from-added"), []);
  });
});

describe("upgrade check: a v0.3.3 template object under v0.7", () => {
  it("is lost: v0.7 starts from {}, and its env names are listed", () => {
    const list = changes({
      kind: "template",
      template: { env: [{ name: "WORKER", value: "1" }], resources: { limits: { cpu: "2" } } },
    });
    const [ignored] = ofKind(list, "template-ignored");
    assert.equal(ignored.path, "template");
    assert.match(ignored.message, /template\.env, template\.resources are lost \(env WORKER\)/);
    const worker = ofKind(list, "env-removed").find((change) => change.path.endsWith("[WORKER]"));
    assert.match(
      worker?.message ?? "",
      /set by the template; v0.7 does not read a template object/,
    );
  });

  it("the empty template loses nothing of its own", () => {
    assert.deepEqual(ofKind(changes(), "template-ignored"), []);
  });

  it("a callback's pod manifest is the :manifest under v0.7: its env stays", () => {
    const list = changes(
      manifestStart({ spec: { containers: [{ env: [{ name: "WORKER", value: "1" }] }] } }),
    );
    assert.deepEqual(ofKind(list, "template-ignored"), []);
    assert.ok(!envNames(list, "env-removed").includes("WORKER"));
  });
});

describe("upgrade check: resources", () => {
  it("the parent's resources, copied by v0.3.3, are dropped", () => {
    const [resources] = ofKind(changes(), "resources");
    assert.deepEqual(resources.from, {
      requests: { cpu: "250m", memory: "512Mi" },
      limits: { memory: "1Gi" },
    });
    assert.equal(resources.to, undefined);
    assert.match(resources.message, /no requests, no limits/);
  });

  it("a manifest's resources are kept under both: no change", () => {
    const list = changes(
      manifestStart({ spec: { containers: [{ resources: { limits: { cpu: "1" } } }] } }),
    );
    assert.deepEqual(ofKind(list, "resources"), []);
  });
});

describe("upgrade check: the runner container's name", () => {
  it("was the runner pod's name, is runner", () => {
    const [name] = ofKind(changes(), "container-name");
    assert.equal(name.to, "runner");
    assert.match(String(name.from), /^acme-invoicing-phoenix-web-7d9c8b6f5d-x2x[0-9a-f]{20}$/);
  });
});

describe("upgrade check: the name form", () => {
  it("20-hex id after 41 characters becomes <parent name>- plus a 5-character id", () => {
    const [name] = ofKind(changes(), "name");
    assert.equal(name.path, "metadata.name");
    assert.equal(name.from, "acme-invoicing-phoenix-web-7d9c8b6f5d-x2x0123456789abcdef0123");
    assert.equal(name.to, `${PARENT_NAME}-bcd24`);
    assert.match(name.message, /41 characters plus a 20-hex id/);
    assert.match(name.message, /58 characters plus a 5-character id/);
    assert.match(name.message, /generateName/);
  });
});

describe("upgrade check: image", () => {
  it("a manifest's image was overwritten by v0.3.3 and is kept by v0.7", () => {
    const [image] = ofKind(
      changes(manifestStart({ spec: { containers: [{ image: "ghcr.io/acme/gpu:1" }] } })),
      "image",
    );
    assert.equal(image.from, "ghcr.io/acme/myapp:1.4.2");
    assert.equal(image.to, "ghcr.io/acme/gpu:1");
  });

  it("without a manifest image, both use the app container's: no change", () => {
    assert.deepEqual(ofKind(changes(), "image"), []);
  });
});

describe("upgrade check: service account", () => {
  it("is the same under both profiles (v0.7's better row): no change", () => {
    assert.deepEqual(ofKind(changes(), "service-account"), []);
    const parent = parentPod();
    delete parent.spec!.serviceAccount;
    assert.deepEqual(ofKind(changes(EMPTY_TEMPLATE, parent), "service-account"), []);
  });
});

describe("upgrade check: new and changed variables", () => {
  it("POD_IP, RELEASE_DISTRIBUTION and RELEASE_NODE are new when the parent had none", () => {
    const list = changes(EMPTY_TEMPLATE, parentWithEnv([{ name: "FOO", value: "x" }]));
    assert.deepEqual(envNames(list, "env-added"), [
      "POD_IP",
      "RELEASE_DISTRIBUTION",
      "RELEASE_NODE",
    ]);
    const node = ofKind(list, "env-added").find((change) => change.path.endsWith("[RELEASE_NODE]"));
    assert.match(node?.message ?? "", /flame_runner@\$\(POD_IP\)/);
  });

  it("RELEASE_NODE copied from the parent changes to flame_runner@$(POD_IP)", () => {
    const list = changes();
    const node = ofKind(list, "env-changed").find((change) =>
      change.path.endsWith("[RELEASE_NODE]"),
    );
    assert.equal(node?.message, 'RELEASE_NODE was "myapp@$(POD_IP)", is "flame_runner@$(POD_IP)"');
  });

  it("POD_NAME and POD_NAMESPACE become downward API references", () => {
    assert.deepEqual(envNames(changes(), "env-changed"), [
      "POD_NAME",
      "POD_NAMESPACE",
      "RELEASE_NODE",
    ]);
  });

  it("the same fieldRef without its default apiVersion is no change", () => {
    assert.ok(!envNames(changes(), "env-changed").includes("POD_IP"));
  });

  it("the :env option's variables are new", () => {
    const list = changes(EMPTY_TEMPLATE, parentPod(), { env: { LOG_LEVEL: "debug" } });
    assert.ok(envNames(list, "env-added").includes("LOG_LEVEL"));
  });
});

describe("upgrade check: order and purity", () => {
  it("lists changes by kind in the documented order", () => {
    const list = changes(
      { kind: "template", template: { env: [{ name: "W", value: "1" }] } },
      parentPod(),
      { secretEnv: { K: "v" } },
    );
    const ranks = list.map((change) => BACKEND_UPGRADE_CHANGE_KINDS.indexOf(change.kind));
    assert.deepEqual(
      ranks,
      [...ranks].sort((a, b) => a - b),
    );
    assert.deepEqual(changes(), changes());
  });

  it("does not modify its inputs", () => {
    const parent = deepFreeze(parentPod());
    const start = deepFreeze(manifestStart({ spec: { containers: [{ image: "x:1" }] } }));
    assert.doesNotThrow(() => backendUpgradeChanges(parent, start, ENCODED_PARENT));
  });

  it("a manifest both profiles read alike changes nothing else (no field rows)", () => {
    const list = changes(
      manifestStart({
        metadata: { labels: { role: "runner" } },
        spec: { nodeSelector: { gpu: "yes" }, containers: [{ ports: [{ containerPort: 4000 }] }] },
      }),
    );
    assert.deepEqual(ofKind(list, "field"), []);
  });
});

describe("upgrade check: errors", () => {
  it("a parent the rules refuse is a FlameRunnerPodError naming the path", () => {
    const parent = parentPod();
    delete (parent.metadata as { uid?: string }).uid;
    assert.throws(
      () => changes(EMPTY_TEMPLATE, parent),
      (err: unknown) =>
        err instanceof FlameRunnerPodError && /parentPod\.metadata\.uid/.test(err.message),
    );
  });
});
