/**
 * The runner template file against the Elixir lines of docs/deploying.md that
 * load it for flame_k8s_backend v0.3.3 and v0.7: the file must hold exactly
 * what they read, with the types the backend works with.
 */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import {
  FlameRunnerTemplate,
  RUNNER_TEMPLATE_FILE,
  RUNNER_TEMPLATE_MOUNT_PATH,
  type FlameRunnerTemplateArgs,
} from "../../src/kit";
import { registrations } from "../support/mocks";
import { drain, known } from "../support/outputs";
import { installNamingMocks, phoenixPodTemplate } from "./support";

const DOC = path.resolve(__dirname, "../../docs/deploying.md");

/** The Elixir block after the marker `<!-- elixir:<name> -->` in docs/deploying.md. */
function elixirBlock(name: string): string {
  const text = fs.readFileSync(DOC, "utf8");
  const at = text.indexOf(`<!-- elixir:${name} -->`);
  assert.ok(at >= 0, `docs/deploying.md has the block ${name}`);
  const match = /```elixir\n([\s\S]*?)```/.exec(text.slice(at));
  assert.ok(match);
  return match[1];
}

/** The keys an Elixir block reads from the decoded file with `tpl["key"]`. */
function keysRead(block: string): string[] {
  return [...block.matchAll(/tpl\["(\w+)"\]/g)].map((m) => m[1]);
}

/** The JSON the ConfigMap of a FlameRunnerTemplate holds. */
async function configMapJson(
  template: FlameRunnerTemplateArgs["template"],
  extra: Partial<FlameRunnerTemplateArgs> = {},
): Promise<unknown> {
  const runners = new FlameRunnerTemplate("runners", {
    podTemplate: phoenixPodTemplate(),
    workloadName: "shop",
    namespace: "shop",
    template,
    ...extra,
  });
  await known(runners.volume);
  await drain();
  // (The last one: a test may declare several.)
  const configMap = registrations.filter((r) => r.type === "kubernetes:core/v1:ConfigMap").pop();
  assert.ok(configMap);
  const data = configMap.inputs.data as Record<string, string>;
  assert.deepEqual(Object.keys(data), [RUNNER_TEMPLATE_FILE]);
  assert.equal(data[RUNNER_TEMPLATE_FILE], await known(runners.templateJson));
  return JSON.parse(data[RUNNER_TEMPLATE_FILE]);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

describe("the runner template file: what the Elixir lines of docs/deploying.md read", () => {
  beforeEach(() => installNamingMocks());

  it("both blocks read the file where the volume is mounted", () => {
    const file = `${RUNNER_TEMPLATE_MOUNT_PATH}/${RUNNER_TEMPLATE_FILE}`;
    assert.ok(elixirBlock("template-object").includes(`"${file}"`));
    assert.ok(elixirBlock("manifest").includes(`"${file}"`));
    assert.ok(elixirBlock("v0.7").includes(`"${file}"`));
  });

  it("a template object: exactly the keys the %RunnerPodTemplate{} lines read, typed as v0.3.3 uses them", async () => {
    const block = elixirBlock("template-object");
    assert.match(block, /%FLAMEK8sBackend\.RunnerPodTemplate\{/);
    const read = keysRead(block);
    assert.deepEqual(read, ["env", "resources", "addParentEnv"]);

    const json = await configMapJson({
      env: [{ name: "FOO", value: "bar" }],
      resources: { requests: { memory: "256Mi", cpu: "100m" }, limits: { memory: "256Mi" } },
      addParentEnv: false,
    });
    assert.deepEqual(json, {
      env: [{ name: "FOO", value: "bar" }],
      resources: { requests: { memory: "256Mi", cpu: "100m" }, limits: { memory: "256Mi" } },
      addParentEnv: false,
    });
    assert.ok(isObject(json));
    assert.deepEqual(Object.keys(json), read);
  });

  it("an empty template object: only addParentEnv (v0.3.3 takes nil env and resources as unset)", async () => {
    assert.deepEqual(await configMapJson({}), { addParentEnv: true });
    assert.deepEqual(await configMapJson(undefined), { addParentEnv: true });
  });

  it("a callback: a manifest the one-argument function returns, with what v0.3.3 needs to apply its values", async () => {
    const block = elixirBlock("manifest");
    assert.match(block, /fn _parent_pod_manifest -> manifest end/);
    const json = await configMapJson(() => ({
      metadata: { labels: { role: "flame-runner" } },
      spec: { containers: [{ env: [{ name: "FOO", value: "bar" }] }] },
    }));
    assert.ok(isObject(json));
    // put_in(~w(metadata name)) and update_in([spec, containers, at(0)]) need these maps.
    assert.ok(isObject(json.metadata));
    assert.ok(isObject(json.spec));
    const containers = json.spec.containers as unknown[];
    assert.ok(Array.isArray(containers) && isObject(containers[0]));
    // What v0.3.3 sets itself is left to it; the namespace it needs for POD_NAMESPACE is set.
    assert.equal(json.metadata.namespace, "shop");
    assert.equal(json.metadata.name, undefined);
    assert.equal(json.metadata.ownerReferences, undefined);
    assert.equal(containers[0].name, undefined);
    assert.equal(containers[0].image, undefined);
    const names = (containers[0].env as { name: string }[]).map((e) => e.name);
    assert.equal(names[0], "FOO");
    for (const own of ["POD_NAME", "POD_NAMESPACE", "PHX_SERVER", "FLAME_PARENT"]) {
      assert.ok(!names.includes(own), own);
    }
    assert.deepEqual((json.metadata.labels as Record<string, string>).role, "flame-runner");
  });

  it("v0.7: exactly the keys the :manifest and :env lines read, a manifest map and a map of strings", async () => {
    const block = elixirBlock("v0.7");
    assert.match(block, /\{FLAMEK8sBackend, manifest: tpl\["manifest"\], env: tpl\["env"\]\}/);
    const read = keysRead(block);
    assert.deepEqual(read, ["manifest", "env"]);

    const manifest = {
      metadata: { labels: { role: "flame-runner" } },
      spec: { containers: [{ resources: { limits: { memory: "256Mi" } } }] },
    };
    const json = await configMapJson(manifest, { backend: "v0.7", env: { FOO: "bar" } });
    assert.deepEqual(json, { manifest, env: { FOO: "bar" } });
    assert.ok(isObject(json));
    assert.deepEqual(Object.keys(json), read);

    // Without a manifest or env: both keys still there, as maps (v0.7 merges into them).
    assert.deepEqual(await configMapJson(undefined, { backend: "v0.7" }), {
      manifest: {},
      env: {},
    });
    const fromCallback = await configMapJson(
      (parent) => ({ metadata: { labels: { of: String(parent.metadata?.labels?.app) } } }),
      { backend: "v0.7" },
    );
    assert.deepEqual(fromCallback, { manifest: { metadata: { labels: { of: "shop" } } }, env: {} });
  });
});
