/**
 * docs/rules.md is the specification; test/rules/ states it. These tests keep
 * the two from drifting apart: every rules test that names a step, a rule, the
 * invariants, the errors or a warning names a heading of docs/rules.md (the
 * convention is in CONTRIBUTING.md, "Tests name the rules").
 */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";

const ROOT = path.resolve(__dirname, "../..");
const RULES_DOC = path.join(ROOT, "docs/rules.md");
const RULES_TESTS = path.join(ROOT, "test/rules");
const V07_DOC = path.join(ROOT, "docs/rules-v0.7.md");
const V07_TESTS = path.join(ROOT, "test/rules/v07");

/** Titles of rules tests that must name a heading: they start with one of these words. */
const SPEC_TITLE = /^(step|invariant|error|warning|rule)/;

/**
 * A title or heading as compared: lower case, without Markdown backticks, the
 * "(better)" marker or repeated spaces.
 */
function normalize(text: string): string {
  return text
    .toLowerCase()
    .replace(/`/g, "")
    .replace(/\(better\)\s*/g, "")
    .replace(/\s+/g, " ")
    .trim();
}

/** The headings (levels 2 to 4) of a Markdown text, outside code blocks. */
function headings(markdown: string): string[] {
  const out: string[] = [];
  let inCode = false;
  for (const line of markdown.split("\n")) {
    if (line.startsWith("```")) inCode = !inCode;
    const match = inCode ? null : /^#{2,4} (.+)$/.exec(line);
    if (match) out.push(match[1]);
  }
  return out;
}

/**
 * The titles of the top-level `describe` calls of a test file: a `describe(`
 * at the start of a line, with its title as a string literal.
 */
function topLevelDescribes(source: string): string[] {
  const titles: string[] = [];
  const pattern = /^describe\(\s*(["'`])((?:\\.|(?!\1)[^\\])*)\1/gm;
  for (const match of source.matchAll(pattern)) titles.push(match[2].replace(/\\(.)/g, "$1"));
  return titles;
}

/** Whether `title` starts with `heading` followed by the end or a word boundary. */
function namesHeading(title: string, heading: string): boolean {
  return title.startsWith(heading) && !/^[a-z0-9.]/.test(title.slice(heading.length));
}

/**
 * The rules tests of one profile that name a step, a rule, the invariants,
 * the errors or a warning: the top-level describe titles of the `*.test.ts`
 * files directly in `testsDir` (not its subfolders: a profile has its own).
 */
function specTitlesOf(testsDir: string): { file: string; title: string }[] {
  return fs
    .readdirSync(testsDir)
    .filter((file) => file.endsWith(".test.ts"))
    .flatMap((file) =>
      topLevelDescribes(fs.readFileSync(path.join(testsDir, file), "utf8")).map((title) => ({
        file,
        title,
      })),
    )
    .filter(({ title }) => SPEC_TITLE.test(normalize(title)));
}

/** The titles of `specTitles` that start with no heading of the Markdown `doc`. */
function orphansOf(specTitles: { file: string; title: string }[], doc: string): string[] {
  const docHeadings = headings(doc).map(normalize);
  return specTitles
    .filter(({ title }) => !docHeadings.some((heading) => namesHeading(normalize(title), heading)))
    .map(({ file, title }) => `${file}: "${title}"`);
}

describe("docs: every rules test names a heading of docs/rules.md", () => {
  const doc = fs.readFileSync(RULES_DOC, "utf8");
  const specTitles = specTitlesOf(RULES_TESTS);

  it("finds the rules tests that state a step, a rule, the invariants, the errors or a warning", () => {
    assert.ok(specTitles.length >= 10, `found ${specTitles.length} such describe titles`);
    for (const step of ["step 1 ", "step 2", "invariants", "errors"]) {
      assert.ok(
        specTitles.some(({ title }) => normalize(title).startsWith(step)),
        `a test of ${step}`,
      );
    }
  });

  it("each of them starts with the text of a heading", () => {
    assert.deepEqual(
      orphansOf(specTitles, doc),
      [],
      "describe titles that name no heading of docs/rules.md",
    );
  });

  it("reads headings, titles and the word-boundary match as intended", () => {
    assert.deepEqual(headings("## A\n```\n## not a heading\n```\n### `b` (better) c\n"), [
      "A",
      "`b` (better) c",
    ]);
    assert.deepEqual(topLevelDescribes(`describe("a: \\"b\\"", () => {});\n  describe("inner")`), [
      'a: "b"',
    ]);
    assert.ok(namesHeading("step 2: metadata.name is the runner name", "step 2: metadata.name"));
    assert.ok(!namesHeading("step 2: metadata.namespace is kept", "step 2: metadata.name"));
    assert.ok(namesHeading("errors: the parent pod", "errors"));
  });
});

describe("docs: the step 2 table and its sections", () => {
  const doc = fs.readFileSync(RULES_DOC, "utf8");
  const step2 = doc.slice(doc.indexOf("## Step 2:"), doc.indexOf("## Invariants"));

  it("has one section per row of the table, in the table's order", () => {
    const rows = step2
      .split("\n")
      .filter((line) => line.startsWith("| ") && !line.startsWith("| value") && !/^\| -/.test(line))
      .map((line) => normalize(line.split("|")[1]));
    const sections = headings(step2)
      .filter((heading) => heading.startsWith("Step 2: "))
      .map((heading) => normalize(heading.slice("Step 2: ".length)));
    assert.ok(rows.length >= 9, `${rows.length} rows`);
    assert.deepEqual(
      sections.filter((section) => rows.includes(section)),
      rows,
    );
  });
});

describe("docs: every v0.7 rules test names a heading of docs/rules-v0.7.md", () => {
  const doc = fs.readFileSync(V07_DOC, "utf8");
  const specTitles = specTitlesOf(V07_TESTS);

  it("finds a test of step 1, of each row of the step 2 table, of the rule and of the errors", () => {
    const step2 = doc.slice(doc.indexOf("## Step 2:"), doc.indexOf("## Invariants"));
    const rows = step2
      .split("\n")
      .filter((line) => line.startsWith("| ") && !line.startsWith("| row") && !/^\| -/.test(line))
      .map((line) => `step 2: ${normalize(line.split("|")[1])}`);
    assert.ok(rows.length >= 10, `${rows.length} rows`);
    const titles = specTitles.map(({ title }) => normalize(title));
    for (const expected of [
      "step 1: the starting manifest",
      ...rows,
      "rule: the backend option",
      "errors",
    ]) {
      assert.ok(titles.includes(expected), `a describe "${expected}"`);
    }
  });

  it("each of them starts with the text of a heading", () => {
    assert.deepEqual(
      orphansOf(specTitles, doc),
      [],
      "describe titles that name no heading of docs/rules-v0.7.md",
    );
  });
});
