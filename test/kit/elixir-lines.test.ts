/**
 * The Elixir lines of docs/deploying.md, run with Elixir: as a parent they
 * read the published file into the backend's options; as a runner (which
 * boots the same application, child specs included, without the file) they
 * do not read it. A stub FLAME.Parent says which one the node is; a stub
 * Jason decodes the file, written here as an Elixir term. Skipped, with a
 * message, where `elixir` is not installed.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { FlameRunnerTemplate, type FlameRunnerTemplateArgs } from "../../src/kit";
import { known } from "../support/outputs";
import { elixirBlock, installNamingMocks, phoenixPodTemplate } from "./support";

/** The lines docs/deploying.md gave before runners were taken into account: they read the file unguarded. */
const UNGUARDED = `
defp flame_backend do
  tpl = "/etc/flame/runners/runner-template.json" |> File.read!() |> Jason.decode!()
  {FLAMEK8sBackend, manifest: tpl["manifest"], env: tpl["env"]}
end
`;

/** Whether `elixir` runs here. */
function hasElixir(): boolean {
  const probe = spawnSync("elixir", ["--version"], { encoding: "utf8", timeout: 60_000 });
  return probe.status === 0;
}

/** A JSON value written as an Elixir term (maps with string keys, as Jason.decode! gives). */
function elixirTerm(value: unknown): string {
  if (value === null) return "nil";
  if (Array.isArray(value)) return `[${value.map(elixirTerm).join(", ")}]`;
  if (typeof value === "object") {
    const pairs = Object.entries(value).map(([k, v]) => `${JSON.stringify(k)} => ${elixirTerm(v)}`);
    return `%{${pairs.join(", ")}}`;
  }
  if (typeof value === "string") return JSON.stringify(value).replace(/#\{/g, "\\#{");
  return String(value);
}

/** What a run of the lines printed, or how it failed. */
interface Outcome {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `block` (the body of a module) as a parent (the file there) and as a
 * runner (no file): each prints what `flame_backend()` gave.
 */
function runLines(block: string, file: unknown, templatePath: string): Outcome {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "flame-elixir-"));
  const filePath = path.join(dir, "runner-template.json");
  const script = `
defmodule FLAME.Parent do
  def get, do: Process.get(:flame_parent)
end

defmodule FLAMEK8sBackend do
end

defmodule Jason do
  def decode!(text), do: text |> Code.eval_string() |> elem(0)
end

defmodule MyApp.Application do
${block.split(templatePath).join(filePath)}
  def backend, do: flame_backend()
end

expected = ${elixirTerm(file)}

Process.put(:flame_parent, nil)
case MyApp.Application.backend() do
  {FLAMEK8sBackend, opts} ->
    IO.puts("parent options: " <> Enum.map_join(Keyword.keys(opts), ",", &to_string/1))
    IO.puts("parent app_container_name: " <> inspect(opts[:app_container_name] == expected["appContainerName"]))
    if opts[:runner_pod_tpl] do
      IO.puts("parent manifest: " <> inspect(opts[:runner_pod_tpl].(%{"kind" => "Pod"}) == expected["manifest"]))
    else
      IO.puts("parent manifest: " <> inspect(opts[:manifest] == expected["manifest"] and opts[:env] == expected["env"]))
    end
  other ->
    IO.puts("parent backend: " <> inspect(other))
end

File.rm!(${JSON.stringify(filePath)})
Process.put(:flame_parent, %{pid: self()})
IO.puts("runner backend: " <> inspect(MyApp.Application.backend()))
`;
  fs.writeFileSync(filePath, elixirTerm(file));
  const scriptPath = path.join(dir, "lines.exs");
  fs.writeFileSync(scriptPath, script);
  try {
    const run = spawnSync("elixir", [scriptPath], { encoding: "utf8", timeout: 120_000 });
    return { status: run.status, stdout: run.stdout, stderr: run.stderr };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The file and the template path of a FlameRunnerTemplate. */
async function publishedFile(
  extra: Partial<FlameRunnerTemplateArgs>,
): Promise<{ file: unknown; templatePath: string }> {
  installNamingMocks();
  const runners = new FlameRunnerTemplate("runners", {
    podTemplate: phoenixPodTemplate(),
    workloadName: "shop",
    namespace: "shop",
    ...extra,
  });
  return {
    file: JSON.parse(await known(runners.templateJson)),
    templatePath: runners.templatePath,
  };
}

describe("the Elixir lines of docs/deploying.md, run with Elixir as a parent and as a runner", function () {
  this.timeout(240_000);

  before(function () {
    if (!hasElixir()) {
      console.warn(
        "    (skipped: `elixir` is not installed; apt-get install -y elixir runs these tests)",
      );
      this.skip();
    }
  });

  const cases: [string, Partial<FlameRunnerTemplateArgs>, string][] = [
    ["v0.3.3", {}, "runner_pod_tpl,app_container_name"],
    ["v0.7", { backend: "v0.7", env: { FOO: "bar" } }, "manifest,env,app_container_name"],
  ];
  for (const [name, extra, options] of cases) {
    it(`${name}: the parent reads the file into the backend's options; a runner boots without it`, async () => {
      const { file, templatePath } = await publishedFile(extra);
      const run = runLines(elixirBlock(name), file, templatePath);
      assert.equal(run.status, 0, run.stderr);
      assert.deepEqual(run.stdout.trim().split("\n"), [
        `parent options: ${options}`,
        "parent app_container_name: true",
        "parent manifest: true",
        "runner backend: FLAMEK8sBackend",
      ]);
    });
  }

  it("the harness can fail: the lines as they were, unguarded, crash a runner (File.Error)", async () => {
    const { file, templatePath } = await publishedFile({ backend: "v0.7" });
    const run = runLines(UNGUARDED, file, templatePath);
    assert.notEqual(run.status, 0);
    assert.match(run.stderr, /File\.Error/);
    assert.doesNotMatch(run.stdout, /runner backend/);
  });
});
