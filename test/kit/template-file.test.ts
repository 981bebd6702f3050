/**
 * The runner template file a FlameRunnerTemplate publishes:
 *
 * - what FLAME creates from it is what was checked: the file, run through the
 *   rules the backend applies at run time (the file's manifest as a v0.3.3
 *   callback's result, or as v0.7's :manifest, against the stand-in parent),
 *   gives exactly the `manifest` output; under v0.7, in v0.7.0's own env
 *   order too, the runner's RELEASE_NODE expands;
 * - the Elixir lines of docs/deploying.md read exactly its keys, from where
 *   it is mounted, and only on the parent;
 * - no Pulumi secret is published in it.
 */
import assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { FlameRunnerPodError } from "../../src/errors";
import {
  FLAME_RUNNER_TEMPLATE_TYPE,
  FlameRunnerTemplate,
  POD_FIELD_ALIASES,
  RUNNER_TEMPLATE_FILE,
  RUNTIME_ENCODED_PARENT,
  RUNTIME_RUNNER_ID,
  RUNTIME_RUNNER_ID_V07,
  type FlameRunnerTemplateArgs,
} from "../../src/kit";
import { envReferences, runnerPodManifest } from "../../src/rules";
import type { EnvVar, PodManifest, RunnerPodStartingManifest } from "../../src/types";
import { registrations } from "../support/mocks";
import { drain, known, rejection, settle } from "../support/outputs";
import { assertFailedRunOnce, captureEachTest } from "../support/hooks";
import { parse, stringify } from "yaml";
import { runCli, tempFile } from "../cli/run-cli";
import { elixirBlock, installNamingMocks, phoenixPodTemplate } from "./support";

/** The keys an Elixir block reads from the decoded file with `tpl["key"]`. */
function keysRead(block: string): string[] {
  return [...block.matchAll(/tpl\["(\w+)"\]/g)].map((m) => m[1]);
}

/** The file a FlameRunnerTemplate publishes: its ConfigMap's JSON, and the component. */
async function published(
  template: FlameRunnerTemplateArgs["template"],
  extra: Partial<FlameRunnerTemplateArgs> = {},
): Promise<{ file: Record<string, unknown>; runners: FlameRunnerTemplate }> {
  const runners = new FlameRunnerTemplate("runners", {
    podTemplate: appPodTemplate(),
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
  return { file: JSON.parse(data[RUNNER_TEMPLATE_FILE]) as Record<string, unknown>, runners };
}

/**
 * A FLAME-ready pod template whose app container reads its secrets and cookie
 * through envFrom, as examples/phoenix-app does.
 */
function appPodTemplate(): ReturnType<typeof phoenixPodTemplate> {
  const podTemplate = phoenixPodTemplate();
  const spec = podTemplate.spec as unknown as { containers: Record<string, unknown>[] };
  spec.containers[0].envFrom = [{ secretRef: { name: "shop-secrets" } }];
  return podTemplate;
}

/**
 * The runner the backend creates from the file at run time, by the rules it
 * applies then: v0.3.3 applies its step-2 values to what the one-argument
 * callback returns (the file's manifest); v0.7 applies its rules to the
 * :manifest and :env, and always creates a Secret per runner, attached first
 * in envFrom unless :app_container_name is given.
 */
function atRunTime(file: Record<string, unknown>, parent: PodManifest, v07: boolean): PodManifest {
  const manifest = file.manifest as RunnerPodStartingManifest;
  const appContainerName = file.appContainerName as string | undefined;
  if (!v07) {
    return runnerPodManifest(parent, () => manifest, RUNTIME_ENCODED_PARENT, {
      runnerId: RUNTIME_RUNNER_ID,
      appContainerName,
    });
  }
  return runnerPodManifest(parent, manifest, RUNTIME_ENCODED_PARENT, {
    backend: "v0.7",
    runnerId: RUNTIME_RUNNER_ID_V07,
    env: file.env as Record<string, string>,
    appContainerName,
    ...(appContainerName === undefined ? { secretEnv: {} } : {}),
  });
}

/**
 * The runner container's env in the order v0.7.0 writes it
 * (`RunnerPodTemplate.pod_manifest/5`): its defaults, merged with the
 * manifest's env, then the :env map, then its fixed entries last (each merge
 * drops the earlier entries of the later source's names and appends them).
 */
function v070EnvOrder(file: Record<string, unknown>): EnvVar[] {
  const merge = (left: EnvVar[], right: EnvVar[]): EnvVar[] => {
    const names = new Set(right.map((e) => e.name));
    return [...left.filter((e) => !names.has(e.name)), ...right];
  };
  const manifest = file.manifest as RunnerPodStartingManifest;
  const map = file.env as Record<string, string>;
  let env: EnvVar[] = [
    { name: "PHX_SERVER", value: "false" },
    { name: "RELEASE_DISTRIBUTION", value: "name" },
    { name: "RELEASE_NODE", value: "flame_runner@$(POD_IP)" },
  ];
  env = merge(env, manifest.spec?.containers?.[0]?.env ?? []);
  env = merge(
    env,
    Object.keys(map)
      .sort()
      .map((name) => ({ name, value: map[name] })),
  );
  return merge(env, [
    { name: "POD_NAME", valueFrom: { fieldRef: { fieldPath: "metadata.name" } } },
    { name: "POD_IP", valueFrom: { fieldRef: { fieldPath: "status.podIP" } } },
    { name: "POD_NAMESPACE", valueFrom: { fieldRef: { fieldPath: "metadata.namespace" } } },
    { name: "FLAME_PARENT", value: RUNTIME_ENCODED_PARENT },
  ]);
}

/** The `$(VAR)` references of an env list to a name not defined before them. */
function deadReferences(env: readonly EnvVar[]): string[] {
  const dead: string[] = [];
  env.forEach((entry, i) => {
    for (const name of envReferences(entry.value ?? "")) {
      if (!env.slice(0, i).some((e) => e.name === name)) dead.push(`${entry.name}->$(${name})`);
    }
  });
  return dead;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

describe("the runner template file: FLAME creates the runner that was checked", () => {
  const captured = captureEachTest({ install: installNamingMocks });

  const v033Cases: [string, FlameRunnerTemplateArgs["template"]][] = [
    ["no template", undefined],
    ["a template object", { resources: { limits: { memory: "2Gi" } } }],
    [
      "a template object whose env replaces the parent's entry of that name",
      { env: [{ name: "PHX_HOST", value: "runner.internal" }] },
    ],
    ["a template object without the parent's env", { addParentEnv: false }],
    [
      "a callback",
      (_parent, app) => ({
        metadata: { labels: { role: "flame-runner" } },
        spec: {
          nodeSelector: { pool: "burst" },
          containers: [{ env: app.env, envFrom: app.envFrom, resources: app.resources }],
        },
      }),
    ],
  ];
  for (const [title, template] of v033Cases) {
    it(`v0.3.3, ${title}: the file as the callback's result gives exactly the manifest output`, async () => {
      const { file, runners } = await published(template);
      const manifest = await known(runners.manifest);
      assert.deepEqual(atRunTime(file, await known(runners.parentPod), false), manifest);
    });
  }

  it("v0.3.3, a template object: the runner keeps the app container's envFrom (its secrets and cookie)", async () => {
    const { file, runners } = await published({ resources: { limits: { memory: "2Gi" } } });
    const runner = atRunTime(file, await known(runners.parentPod), false);
    assert.deepEqual(runner.spec!.containers[0].envFrom, [{ secretRef: { name: "shop-secrets" } }]);
  });

  const v07Cases: [string, RunnerPodStartingManifest | undefined, Record<string, string>?][] = [
    ["no manifest", undefined],
    [
      "a manifest with resources",
      { spec: { containers: [{ resources: { limits: { memory: "2Gi" } } }] } },
    ],
    [
      "a manifest that sets its own RELEASE_NODE, and an env map",
      {
        spec: {
          containers: [
            {
              env: [
                { name: "RELEASE_NODE", value: "shop_runner@$(POD_IP)" },
                { name: "LOG_LEVEL", value: "info" },
              ],
            },
          ],
        },
      },
      { LOG_LEVEL: "debug", REGION: "eu-west-1" },
    ],
  ];
  for (const [title, manifest, env] of v07Cases) {
    it(`v0.7, ${title}: the file as :manifest and :env gives exactly the manifest output`, async () => {
      const { file, runners } = await published(manifest, { backend: "v0.7", env });
      assert.deepEqual(
        atRunTime(file, await known(runners.parentPod), true),
        await known(runners.manifest),
      );
    });

    it(`v0.7, ${title}: in v0.7.0's own env order every $(VAR) is defined before it is used`, async () => {
      const { file } = await published(manifest, { backend: "v0.7", env });
      const env07 = v070EnvOrder(file);
      assert.deepEqual(deadReferences(env07), []);
      const node = env07.find((e) => e.name === "RELEASE_NODE")!;
      assert.match(node.value!, new RegExp(`\\$\\(${POD_FIELD_ALIASES.POD_IP.name}\\)$`));
    });
  }

  it("v0.7: the file as v0.7.0 took it before the fix (the manifest as given) keeps the literal $(POD_IP)", async () => {
    // The model above can fail: without the alias, RELEASE_NODE refers to POD_IP, listed last.
    assert.deepEqual(deadReferences(v070EnvOrder({ manifest: {}, env: {} })), [
      "RELEASE_NODE->$(POD_IP)",
    ]);
  });

  it("v0.7: the manifest output shows the alias, defined before the RELEASE_NODE that uses it", async () => {
    const { runners } = await published(undefined, { backend: "v0.7" });
    const env = (await known(runners.manifest)).spec!.containers[0].env!;
    const alias = env.findIndex((e) => e.name === POD_FIELD_ALIASES.POD_IP.name);
    const node = env.findIndex((e) => e.name === "RELEASE_NODE");
    assert.ok(alias >= 0 && alias < node);
    assert.deepEqual(env[alias].valueFrom, { fieldRef: { fieldPath: "status.podIP" } });
    assert.equal(env[node].value, `flame_runner@$(${POD_FIELD_ALIASES.POD_IP.name})`);
    assert.deepEqual(captured.logs, []);
  });

  it("v0.7: the Secret v0.7.0 creates per runner is referenced in the manifest output, not in the file", async () => {
    const { file, runners } = await published(undefined, { backend: "v0.7" });
    const manifest = await known(runners.manifest);
    assert.deepEqual(manifest.spec!.containers[0].envFrom, [
      { secretRef: { name: manifest.metadata!.name } },
    ]);
    const inFile = (file.manifest as RunnerPodStartingManifest).spec!.containers![0];
    assert.equal(inFile.envFrom, undefined);
  });

  it("a FLAME-ready workload and the empty template: no warning, under either backend", async () => {
    await published(undefined);
    await published(undefined, { backend: "v0.7" });
    assert.deepEqual(captured.logs, []);
  });
});

describe("the runner template file: what it cannot carry is a warning at preview", () => {
  const captured = captureEachTest({ install: installNamingMocks });

  it(`v0.3.3, a workload name with a dot: runner-container-name-refused at spec.containers[0].name`, async () => {
    await published(undefined, { workloadName: "shop.v2" });
    const warnings = captured.logs.filter((l) => l.message.startsWith("spec.containers[0].name: "));
    assert.equal(warnings.length, 1);
    assert.match(warnings[0].message, /"shop\.v2-[a-z0-9]{10}-[a-z0-9]{5}0{20}"/);
    assert.match(warnings[0].message, /v0\.7/);
  });

  it("v0.3.3, a workload name without a dot, and v0.7 with a dot: no such warning", async () => {
    await published(undefined, { workloadName: "shop-v2" });
    await published(undefined, { workloadName: "shop.v2", backend: "v0.7" });
    assert.deepEqual(captured.logs, []);
  });

  const sidecarFirst = () => {
    const podTemplate = phoenixPodTemplate();
    const spec = podTemplate.spec as { containers: unknown[] };
    spec.containers.unshift({ name: "metrics", image: "prom/statsd-exporter:v0.26.0" });
    return podTemplate;
  };

  it(`v0.7, the app container second: appContainerName published, runner-secret-unattached at spec.containers[0].envFrom`, async () => {
    const { file } = await published(undefined, {
      backend: "v0.7",
      podTemplate: sidecarFirst(),
      appContainerName: "web",
    });
    assert.equal(file.appContainerName, "web");
    const warnings = captured.logs.map((l) => l.message);
    assert.equal(warnings.length, 1, warnings.join("\n"));
    assert.match(warnings[0], /^spec\.containers\[0\]\.envFrom: .*RELEASE_COOKIE/);
  });

  it("v0.7, the app container second with RELEASE_COOKIE from a Secret: no warning", async () => {
    const cookie = {
      name: "RELEASE_COOKIE",
      valueFrom: { secretKeyRef: { name: "shop", key: "cookie" } },
    };
    await published(
      { spec: { containers: [{ env: [cookie] }] } },
      { backend: "v0.7", podTemplate: sidecarFirst(), appContainerName: "web" },
    );
    assert.deepEqual(captured.logs, []);
  });

  it("v0.3.3, the app container second: appContainerName published, no warning", async () => {
    const { file } = await published(undefined, {
      podTemplate: sidecarFirst(),
      appContainerName: "web",
    });
    assert.equal(file.appContainerName, "web");
    assert.deepEqual(captured.logs, []);
  });
});

describe("the runner template file: what the Elixir lines of docs/deploying.md read", () => {
  beforeEach(() => installNamingMocks());

  it("both blocks read the file where the component mounts it (its templatePath)", async () => {
    const { runners } = await published(undefined);
    assert.ok(elixirBlock("v0.3.3").includes(`"${runners.templatePath}"`));
    assert.ok(elixirBlock("v0.7").includes(`"${runners.templatePath}"`));
  });

  for (const name of ["v0.3.3", "v0.7"]) {
    it(`${name}: the file is read only on the parent (FLAME.Parent.get() is nil there), as runners boot the app too`, () => {
      const block = elixirBlock(name);
      const guard = block.indexOf("if FLAME.Parent.get() do");
      const orElse = block.indexOf("\n  else\n");
      const read = block.indexOf("File.read!");
      assert.ok(guard >= 0, "the block asks FLAME.Parent.get()");
      assert.ok(guard < orElse && orElse < read, "File.read! is in the parent's branch only");
      assert.equal(block.split("File.read!").length, 2, "one read");
    });
  }

  it("v0.3.3: exactly the keys the lines read, the manifest returned by a one-argument function", async () => {
    const block = elixirBlock("v0.3.3");
    assert.match(block, /runner_pod_tpl: fn _parent_pod_manifest -> manifest end/);
    assert.match(block, /app_container_name: tpl\["appContainerName"\]/);
    assert.deepEqual(keysRead(block), ["manifest", "appContainerName"]);
    const { file } = await published({ env: [{ name: "FOO", value: "bar" }] });
    assert.deepEqual(Object.keys(file), keysRead(block));
    assert.equal(file.appContainerName, "web");
    const manifest = file.manifest;
    // put_in(~w(metadata name)) and update_in([spec, containers, at(0)]) need these maps.
    assert.ok(isObject(manifest) && isObject(manifest.metadata) && isObject(manifest.spec));
    const containers = manifest.spec.containers as unknown[];
    assert.ok(Array.isArray(containers) && isObject(containers[0]));
    // What v0.3.3 sets itself is left to it; the namespace it needs for POD_NAMESPACE is set.
    assert.equal(manifest.metadata.namespace, "shop");
    for (const key of ["name", "ownerReferences"]) assert.ok(!(key in manifest.metadata), key);
    for (const key of ["name", "image"]) assert.ok(!(key in containers[0]), key);
    const names = (containers[0].env as { name: string }[]).map((e) => e.name);
    assert.equal(names[0], "FOO");
    for (const own of ["POD_NAME", "POD_NAMESPACE", "PHX_SERVER", "FLAME_PARENT"]) {
      assert.ok(!names.includes(own), own);
    }
  });

  it("v0.7: exactly the keys the lines read, a manifest map and a map of strings", async () => {
    const block = elixirBlock("v0.7");
    assert.match(
      block,
      /manifest: tpl\["manifest"\],\s+env: tpl\["env"\],\s+app_container_name: tpl\["appContainerName"\]/,
    );
    assert.deepEqual(keysRead(block), ["manifest", "env", "appContainerName"]);
    const { file } = await published(undefined, { backend: "v0.7", env: { FOO: "bar" } });
    // (appContainerName only when the app container is not the first: see above.)
    assert.deepEqual(Object.keys(file), ["manifest", "env"]);
    assert.ok(isObject(file.manifest));
    assert.deepEqual(file.env, { FOO: "bar" });
  });
});

describe("the runner template file: no Pulumi secret in the ConfigMap", () => {
  const captured = captureEachTest({ install: installNamingMocks, unhandled: true });

  const SECRET = "hunter2-Pa55word";

  /** The rules' error of a refused template; the run fails with it, and no ConfigMap is sent. */
  async function refusal(runners: FlameRunnerTemplate): Promise<FlameRunnerPodError> {
    const error = await rejection(settle(runners.manifest));
    await drain(50);
    assertFailedRunOnce(captured, FLAME_RUNNER_TEMPLATE_TYPE, error);
    const rules = error instanceof FlameRunnerPodError ? error : (error as Error).cause;
    assert.ok(rules instanceof FlameRunnerPodError, String(error));
    return rules;
  }

  function newRunners(extra: Partial<FlameRunnerTemplateArgs>): FlameRunnerTemplate {
    return new FlameRunnerTemplate("runners", {
      podTemplate: phoenixPodTemplate(),
      workloadName: "shop",
      namespace: "shop",
      ...extra,
    });
  }

  it("a secret env value of the template is refused, with its path in the file, the variable and what to do", async () => {
    const runners = newRunners({
      template: { env: [{ name: "API_KEY", value: pulumi.secret(SECRET) }] },
    });
    const error = await refusal(runners);
    assert.equal(error.issues.length, 1);
    const issue = error.issues[0];
    assert.equal(issue.code, "secret-in-configmap");
    assert.equal(issue.path, "templateJson.manifest.spec.containers[0].env[0].value");
    assert.match(issue.message, /API_KEY/);
    assert.match(issue.message, /valueFrom\.secretKeyRef/);
    assert.match(issue.message, /secret_env/);
    assert.ok(!error.message.includes(SECRET), "the message does not show the secret");
  });

  it("the same value, plain, is accepted and published", async () => {
    const runners = newRunners({ template: { env: [{ name: "API_KEY", value: SECRET }] } });
    assert.ok((await known(runners.templateJson)).includes(SECRET));
  });

  it("a secret env value of the pod template, copied into the runner, is refused too", async () => {
    const podTemplate = phoenixPodTemplate();
    const spec = podTemplate.spec as { containers: { env: unknown[] }[] };
    spec.containers[0].env.push({ name: "SECRET_KEY_BASE", value: pulumi.secret(SECRET) });
    const error = await refusal(newRunners({ podTemplate }));
    assert.deepEqual(
      error.issues.map((i) => i.path),
      ["templateJson.manifest.spec.containers[0].env[4].value"],
    );
    assert.match(error.issues[0].message, /SECRET_KEY_BASE/);
  });

  it("v0.7: a secret value in the env map is refused at its key", async () => {
    const error = await refusal(
      newRunners({ backend: "v0.7", env: { API_KEY: pulumi.secret(SECRET) } }),
    );
    assert.ok(error.issues.some((i) => i.path === "templateJson.env.API_KEY"));
  });

  it("a callback's result holding a secret is refused", async () => {
    const error = await refusal(
      newRunners({
        template: () => ({ metadata: { annotations: { token: pulumi.secret(SECRET) } } }),
      }),
    );
    assert.deepEqual(
      error.issues.map((i) => i.path),
      ["templateJson.manifest.metadata.annotations.token"],
    );
  });
});

describe("the runner template file as the CLI's --template", () => {
  beforeEach(() => installNamingMocks());

  it("render with the workload as --parent and the file as --template prints the manifest output", async () => {
    const { file, runners } = await published({ resources: { limits: { memory: "2Gi" } } });
    const deployment = {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "shop", namespace: "shop" },
      spec: { selector: { matchLabels: { app: "shop" } }, template: appPodTemplate() },
    };
    const result = await runCli(
      [
        "render",
        "--parent",
        "-",
        "--template",
        tempFile(RUNNER_TEMPLATE_FILE, JSON.stringify(file)),
        "--encoded-parent",
        RUNTIME_ENCODED_PARENT,
        "--runner-id",
        RUNTIME_RUNNER_ID,
      ],
      stringify(deployment),
    );
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(parse(result.stdout), await known(runners.manifest));
  });
});
