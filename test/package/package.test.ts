/**
 * The npm package as a user installs it: `npm pack` (which runs `prepare`, so
 * builds dist/ afresh), unpacked into a temporary node_modules, then loaded in
 * child processes the way a CommonJS user (Jest on Node 20, a plain `require`)
 * loads it.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { linkDependencies, packInto, ROOT } from "./support";

/** A Node.js process in `cwd`, with `require()` of ES modules turned off. */
function nodeWithoutRequireEsm(
  cwd: string,
  script: string,
): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ["--no-experimental-require-module", "-e", script], {
    cwd,
    encoding: "utf8",
    timeout: 60_000,
    // The package's dependencies come from this checkout's node_modules, as
    // they would from the user's.
    env: { ...process.env, NODE_PATH: path.join(ROOT, "node_modules") },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("package: what npm pack ships, and that CommonJS loads it", function () {
  this.timeout(180_000);
  let work: string;
  let files: string[];
  let installed: string;

  before(function () {
    work = fs.mkdtempSync(path.join(os.tmpdir(), "flame-package-"));
    ({ files, installed } = packInto(work));
  });

  after(() => {
    if (work) fs.rmSync(work, { recursive: true, force: true });
  });

  it("ships dist/ (built by prepare), the LICENSE and the README, not the sources or tests", () => {
    for (const file of ["dist/index.js", "dist/index.d.ts", "dist/cli/main.js", "LICENSE"]) {
      assert.ok(files.includes(file), `${file} is in the package`);
    }
    assert.ok(files.includes("README.md"));
    assert.deepEqual(
      files.filter((file) => /^(src|test|bench|scripts|examples)\//.test(file)),
      [],
    );
  });

  it("ships the Apache-2.0 text that package.json names", () => {
    const license = fs.readFileSync(path.join(installed, "LICENSE"), "utf8");
    assert.match(license, /Apache License\s+Version 2\.0, January 2004/);
    assert.match(license, /END OF TERMS AND CONDITIONS/);
    const manifest = JSON.parse(fs.readFileSync(path.join(installed, "package.json"), "utf8"));
    assert.equal(manifest.license, "Apache-2.0");
  });

  it("ships source maps only with their sources inlined (src/ is not in the package)", () => {
    const maps = files.filter((file) => file.endsWith(".js.map"));
    assert.ok(maps.length > 0);
    for (const file of maps) {
      const map = JSON.parse(fs.readFileSync(path.join(installed, file), "utf8")) as {
        sources: string[];
        sourcesContent?: (string | null)[];
      };
      assert.equal(map.sourcesContent?.length, map.sources.length, `${file} has sourcesContent`);
      assert.ok(
        map.sourcesContent.every((text) => typeof text === "string" && text.length > 0),
        `${file} carries the text of every source`,
      );
    }
  });

  it("loads with require() where ES modules cannot be required (node --no-experimental-require-module)", () => {
    const result = nodeWithoutRequireEsm(
      work,
      `const lib = require("pulumi-flame-k8s");
       const parent = { metadata: { name: "app", namespace: "ns", uid: "u" },
                        spec: { containers: [{ name: "app", image: "app:1" }] } };
       const pod = lib.runnerPodManifest(parent, undefined, "encoded");
       console.log(typeof lib.FlameRunnerPod, pod.metadata.name.length);`,
    );
    assert.equal(result.status, 0, result.stderr);
    // A generated runner id (nanoid, loaded through require) makes the name.
    assert.equal(result.stdout.trim(), "function 23");
  });

  it("runs its command line where ES modules cannot be required", () => {
    const result = spawnSync(
      process.execPath,
      ["--no-experimental-require-module", path.join(installed, "dist/cli/main.js"), "--help"],
      { encoding: "utf8", env: { ...process.env, NODE_PATH: path.join(ROOT, "node_modules") } },
    );
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /flame-runner-pod render/);
  });

  it("loads from an ES module too (import of the CommonJS entry point)", () => {
    const result = spawnSync(
      process.execPath,
      [
        "--input-type=module",
        "-e",
        `import { runnerPodManifest } from "pulumi-flame-k8s"; console.log(typeof runnerPodManifest);`,
      ],
      {
        cwd: work,
        encoding: "utf8",
        env: { ...process.env, NODE_PATH: path.join(ROOT, "node_modules") },
      },
    );
    assert.equal(result.status, 0, result.stderr);
    assert.equal(result.stdout.trim(), "function");
  });

  it("exports pulumi-flame-k8s/rules, which loads no Pulumi, where ES modules cannot be required", () => {
    const result = nodeWithoutRequireEsm(
      work,
      `const rules = require("pulumi-flame-k8s/rules");
       const parent = { metadata: { name: "app", namespace: "ns", uid: "u" },
                        spec: { containers: [{ name: "app", image: "app:1" }] } };
       const pod = rules.runnerPodManifest(parent, undefined, "encoded");
       console.log(pod.metadata.name.length, rules.validatePodManifest(pod).length,
                   rules.RUNTIME_CHECK_CODES.length, typeof rules.runtimeWarnings);
       console.log(JSON.stringify(Object.keys(require.cache).filter((f) => /[\\/]@pulumi[\\/]/.test(f))));`,
    );
    assert.equal(result.status, 0, result.stderr);
    assert.deepEqual(result.stdout.trim().split("\n"), ["23 0 6 function", "[]"]);
  });

  it("runs flame-runner-pod check without loading @pulumi/pulumi", () => {
    const main = JSON.stringify(path.join(installed, "dist/cli/main.js"));
    const parent = JSON.stringify(path.join(ROOT, "examples/basic/parent-pod.yaml"));
    const result = nodeWithoutRequireEsm(
      work,
      `const { run } = require(${main});
       let out = "";
       const sink = { write: (text) => { out += text; } };
       run(["check", "--parent", ${parent}], { stdin: process.stdin, stdout: sink, stderr: sink })
         .then((code) => {
           console.log(code, out.trim());
           console.log(JSON.stringify(Object.keys(require.cache).filter((f) => /[\\/]@pulumi[\\/]/.test(f))));
         });`,
    );
    assert.equal(result.status, 0, result.stderr);
    assert.deepEqual(result.stdout.trim().split("\n"), ["0 0 errors, 0 warnings", "[]"]);
  });

  it("exports only its entry point and package.json: dist/ internals cannot be deep-imported", () => {
    const result = nodeWithoutRequireEsm(
      work,
      `console.log(require("pulumi-flame-k8s/package.json").name);
       try { require("pulumi-flame-k8s/dist/rules/names"); console.log("imported"); }
       catch (error) { console.log(error.code); }`,
    );
    assert.equal(result.status, 0, result.stderr);
    assert.deepEqual(result.stdout.trim().split("\n"), [
      "pulumi-flame-k8s",
      "ERR_PACKAGE_PATH_NOT_EXPORTED",
    ]);
  });
  describe("TypeScript finds the types of both entry points", function () {
    before(() => {
      // What `npm install` of the tarball gives: its dependencies beside it.
      linkDependencies(work);
    });

    // Pulumi's TypeScript template compiles with `"moduleResolution": "node"`
    // (node10), which reads no "exports": there the rules entry's types come
    // from "typesVersions".
    for (const [moduleResolution, module] of [
      ["node", "commonjs"],
      ["node16", "node16"],
      ["bundler", "esnext"],
    ] as const) {
      it(`under moduleResolution ${moduleResolution}`, () => {
        const project = path.join(work, `ts-${moduleResolution}`);
        fs.mkdirSync(project);
        fs.writeFileSync(
          path.join(project, "index.ts"),
          `import { FlameRunnerPod } from "pulumi-flame-k8s";
           import { runnerPodManifest, type PodManifest } from "pulumi-flame-k8s/rules";
           const build = (parent: PodManifest): PodManifest =>
             runnerPodManifest(parent, undefined, "encoded");
           // @ts-expect-error: a name is a string: the types are the package's, not any
           const wrong: number = build({}).metadata?.name;
           export { build, wrong, FlameRunnerPod };
          `,
        );
        fs.writeFileSync(
          path.join(project, "tsconfig.json"),
          JSON.stringify({
            compilerOptions: {
              skipLibCheck: true,
              target: "es2020",
              module,
              moduleResolution,
              strict: true,
              noEmit: true,
            },
            files: ["index.ts"],
          }),
        );
        const tsc = spawnSync(
          process.execPath,
          [path.join(ROOT, "node_modules/typescript/bin/tsc"), "-p", project],
          { encoding: "utf8", timeout: 120_000 },
        );
        assert.equal(tsc.status, 0, `${tsc.stdout}${tsc.stderr}`);
      });
    }
  });
});
