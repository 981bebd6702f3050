/**
 * The shipped docs (README.md, docs/*.md) match the package: the argument and
 * output tables of docs/component.md are the exported types' keys, nothing
 * internal is presented as usable, every relative link resolves inside the
 * package, and docs/examples.md lists every example.
 */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import type * as pulumi from "@pulumi/pulumi";
import * as library from "../../src";
import type { FlameRunnerPod, FlameRunnerPodArgs } from "../../src";

const ROOT = path.resolve(__dirname, "../..");

/** Every argument of FlameRunnerPodArgs: the compiler fails on a key missing here, or one too many. */
const ARGUMENTS = {
  parentPod: true,
  template: true,
  backend: true,
  env: true,
  secretEnv: true,
  releaseCookie: true,
  encodedParent: true,
  omitOwnerReference: true,
  appContainerName: true,
  runnerId: true,
  waitForReady: true,
} satisfies Record<keyof FlameRunnerPodArgs, true>;

/** The outputs FlameRunnerPod adds to a ComponentResource, checked the same way. */
const OUTPUTS = {
  pod: true,
  secret: true,
  manifest: true,
  podName: true,
} satisfies Record<Exclude<keyof FlameRunnerPod, keyof pulumi.ComponentResource>, true>;

/** The Markdown files the package ships (package.json `files`: README.md and docs/). */
function shippedMarkdown(): string[] {
  const docs = fs.readdirSync(path.join(ROOT, "docs")).filter((file) => file.endsWith(".md"));
  return ["README.md", ...docs.map((file) => `docs/${file}`)];
}

function read(file: string): string {
  return fs.readFileSync(path.join(ROOT, file), "utf8");
}

/** The first column (a `name`) of each row of the table under the `#` or `##` heading `heading`. */
function tableNames(markdown: string, heading: string): string[] {
  const section = markdown.split(/^#{1,2} /m).find((part) => part.startsWith(`${heading}\n`));
  assert.ok(section, heading);
  return [...section.matchAll(/^\| `([^`]+)` +\|/gm)].map((match) => match[1]);
}

/** GitHub's anchor of a heading: lower case, punctuation dropped, spaces as `-`. */
function anchorOf(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[^a-z0-9 _-]/g, "")
    .replace(/ /g, "-");
}

/** The anchors of a Markdown file's headings. */
function anchors(markdown: string): Set<string> {
  const withoutCode = markdown.replace(/^```[\s\S]*?^```$/gm, "");
  return new Set([...withoutCode.matchAll(/^#{1,6} (.+)$/gm)].map((match) => anchorOf(match[1])));
}

/** The names the package exports: its runtime exports and the types src/index.ts names. */
function exportedNames(): Set<string> {
  const names = new Set(Object.keys(library));
  for (const match of read("src/index.ts").matchAll(/\b([A-Za-z_][A-Za-z0-9_]*)\b/g)) {
    names.add(match[1]);
  }
  return names;
}

/** Names exported by a module of src/ (the command line aside) that the package does not export. */
function internalNames(): Set<string> {
  const exported = exportedNames();
  const names = new Set<string>();
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== "cli") walk(file);
      } else if (file.endsWith(".ts")) {
        const text = fs.readFileSync(file, "utf8");
        const declared = /^export (?:async )?(?:function|const|class|interface|type) (\w+)/gm;
        for (const match of text.matchAll(declared)) {
          if (!exported.has(match[1])) names.add(match[1]);
        }
      }
    }
  };
  walk(path.join(ROOT, "src"));
  return names;
}

describe("docs: the shipped docs match the package", () => {
  it("docs/component.md's argument table lists FlameRunnerPodArgs' keys, in its order", () => {
    assert.deepEqual(tableNames(read("docs/component.md"), "Arguments"), Object.keys(ARGUMENTS));
  });

  it("docs/component.md's output table lists FlameRunnerPod's outputs", () => {
    assert.deepEqual(tableNames(read("docs/component.md"), "Outputs"), Object.keys(OUTPUTS));
  });

  it("presents no internal export as usable (`name` or `name(` of a module the package does not export)", () => {
    const internal = internalNames();
    assert.ok(internal.has("standInParentPod"), "the scan sees internal exports");
    const found: string[] = [];
    for (const file of shippedMarkdown()) {
      for (const match of read(file).matchAll(/`([A-Za-z_]\w*)[`(]/g)) {
        if (internal.has(match[1]) && match[1] !== "then") found.push(`${file}: ${match[1]}`);
      }
    }
    assert.deepEqual(found, []);
  });

  it("has no relative link to a file outside the package, or to a heading that is not there", () => {
    const shipped = new Set(shippedMarkdown());
    const broken: string[] = [];
    for (const file of shipped) {
      const text = read(file).replace(/^```[\s\S]*?^```$/gm, "");
      for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
        if (/^[a-z]+:/.test(target)) continue;
        const [filePart, anchor] = target.split("#");
        const linked =
          filePart === ""
            ? file
            : path.posix.normalize(path.posix.join(path.posix.dirname(file), filePart));
        const inPackage = shipped.has(linked) || linked === "LICENSE";
        if (!inPackage) {
          broken.push(`${file}: ${target} (not in the package)`);
        } else if (anchor !== undefined && !anchors(read(linked)).has(anchor)) {
          broken.push(`${file}: ${target} (no such heading)`);
        }
      }
    }
    assert.deepEqual(broken, []);
  });

  it("docs/examples.md lists every example of examples/", () => {
    const examples = fs
      .readdirSync(path.join(ROOT, "examples"), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort();
    const listed = tableNames(read("docs/examples.md"), "Examples and the offline preview");
    assert.deepEqual([...listed].sort(), examples);
  });
});
