/**
 * The README's TypeScript snippets compile against the library's source, as
 * a user's program would: a renamed argument or export breaks this test, not
 * the user who copies the snippet.
 */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import ts from "typescript";

const ROOT = path.resolve(__dirname, "../..");
const README = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
/** Where the snippets live while they are compiled: in memory only, never on disk. */
const SNIPPETS = path.join(ROOT, "test/docs/readme-snippets");

/** The ```ts blocks of a Markdown text, in order. */
function tsBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map((match) => match[1]);
}

/**
 * The program files the README's snippets make: the component snippets (the
 * second continues the first) as `index.ts`, the pure function with the
 * names it takes for granted, and the mocha test with its fixture.
 */
function snippetFiles(blocks: string[]): Map<string, string> {
  const [component, callback, pure, unitTest] = blocks;
  return new Map([
    [path.join(SNIPPETS, "index.ts"), `${component}\n${callback}\nexport { gpu };\n`],
    [
      path.join(SNIPPETS, "pure.ts"),
      `import type { PodManifest } from "pulumi-flame-k8s";\n` +
        `declare const parentManifest: PodManifest;\ndeclare const encoded: string;\n` +
        `${pure}\nexport { manifest };\n`,
    ],
    [path.join(SNIPPETS, "test/program.test.ts"), unitTest],
    [
      path.join(SNIPPETS, "test/fixtures.ts"),
      `import type { PodManifest } from "pulumi-flame-k8s";\n` +
        `export declare const parentPodFixture: PodManifest;\n`,
    ],
  ]);
}

/** Type errors of `files` compiled with the project's options, `pulumi-flame-k8s` mapped to src/. */
function typeErrors(files: Map<string, string>): string[] {
  const parsed = ts.getParsedCommandLineOfConfigFile(
    path.join(ROOT, "tsconfig.json"),
    {},
    { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined },
  );
  assert.ok(parsed, "tsconfig.json parses");
  const options: ts.CompilerOptions = {
    ...parsed.options,
    noEmit: true,
    // Snippets may leave a value unused (the reader continues them).
    noUnusedLocals: false,
  };
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  const getSourceFile = host.getSourceFile.bind(host);
  host.readFile = (file) => files.get(file) ?? readFile(file);
  host.fileExists = (file) => files.has(file) || fileExists(file);
  host.directoryExists = (dir) =>
    [...files.keys()].some((file) => file.startsWith(dir + path.sep)) ||
    ts.sys.directoryExists(dir);
  host.getSourceFile = (file, language, ...rest) => {
    const text = files.get(file);
    return text !== undefined
      ? ts.createSourceFile(file, text, language)
      : getSourceFile(file, language, ...rest);
  };
  const program = ts.createProgram([...files.keys()], options, host);
  return ts
    .getPreEmitDiagnostics(program)
    .filter((diagnostic) => diagnostic.file === undefined || files.has(diagnostic.file.fileName))
    .map((diagnostic) => {
      const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n");
      if (diagnostic.file === undefined || diagnostic.start === undefined) return message;
      const { line } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
      return `${path.relative(SNIPPETS, diagnostic.file.fileName)}:${line + 1}: ${message}`;
    });
}

describe("docs: the README", () => {
  it("is a README: at most about 11 KB, with the set-up and test commands", () => {
    assert.ok(Buffer.byteLength(README) <= 11_264, `${Buffer.byteLength(README)} bytes`);
    assert.match(README, /^npm ci\b/m);
    assert.match(README, /^npm test\b/m);
  });

  it("declares each Pod.get resource name once", () => {
    const names = [...README.matchAll(/Pod\.get\("([^"]+)"/g)].map((match) => match[1]);
    assert.ok(names.length > 0);
    assert.deepEqual(names, [...new Set(names)]);
  });

  it("has as its unit-test recipe examples/basic/test/index.test.ts, verbatim, and the command that runs it", () => {
    const example = path.join(ROOT, "examples/basic");
    assert.equal(
      tsBlocks(README)[3],
      fs.readFileSync(path.join(example, "test/index.test.ts"), "utf8"),
    );
    const mocharc = JSON.parse(fs.readFileSync(path.join(example, ".mocharc.json"), "utf8"));
    assert.deepEqual(mocharc.require, ["ts-node/register/transpile-only"]);
    assert.equal(
      JSON.parse(fs.readFileSync(path.join(example, "package.json"), "utf8")).scripts.test,
      "mocha",
    );
    assert.match(README, /^npx mocha\b/m);
    assert.match(README, /"require": \["ts-node\/register\/transpile-only"\]/);
  });

  it("has TypeScript snippets that compile against the library", function () {
    this.timeout(120_000);
    const blocks = tsBlocks(README);
    assert.equal(blocks.length, 4, "the component, the callback, the pure function, the test");
    assert.deepEqual(typeErrors(snippetFiles(blocks)), []);
  });
});
