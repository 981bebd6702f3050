/**
 * docs/codes.md lists the issue codes for readers; src/issues/codes.ts for the
 * code. These tests keep the two tables equal, entry by entry, and every code
 * well formed.
 */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { ISSUE_CODES, type IssueSeverity } from "../../src/issues/codes";
import { RUNTIME_CHECK_CODES } from "../../src/rules/runtime-checks";

const CODES_DOC = path.resolve(__dirname, "../../docs/codes.md");

/** One row of the docs table: code, error or warning, what, what to do. */
interface DocRow {
  code: string;
  severity: string;
  what: string;
  todo: string;
}

/** The rows of the Markdown table whose header starts with `| code |`. */
function docRows(markdown: string): DocRow[] {
  const lines = markdown.split("\n");
  const start = lines.findIndex((l) => /^\|\s*code\s*\|/.test(l));
  assert.ok(start >= 0, "docs/codes.md has no table starting with | code |");
  const rows: DocRow[] = [];
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith("|")) break;
    const cells = line
      .slice(1, -1)
      .split(/(?<!\\)\|/)
      .map((c) => c.trim().replace(/\\\|/g, "|"));
    assert.equal(cells.length, 4, `a row of docs/codes.md has ${cells.length} cells: ${line}`);
    const [code, severity, what, todo] = cells;
    rows.push({ code: code.replace(/^`|`$/g, ""), severity, what, todo });
  }
  return rows;
}

const DOC_ROWS = docRows(fs.readFileSync(CODES_DOC, "utf8"));

describe("issue codes: docs/codes.md and src/issues/codes.ts agree", () => {
  it("list the same codes in the same order", () => {
    assert.deepEqual(
      DOC_ROWS.map((r) => r.code),
      ISSUE_CODES.map((e) => e.code),
    );
  });

  for (const entry of ISSUE_CODES) {
    it(`${entry.code}: the same severity, what and what to do`, () => {
      const row = DOC_ROWS.find((r) => r.code === entry.code);
      assert.ok(row, `docs/codes.md has no row for ${entry.code}`);
      assert.deepEqual(row, {
        code: entry.code,
        severity: entry.severity,
        what: entry.what,
        todo: entry.todo,
      });
    });
  }

  it("has each code once, in kebab-case", () => {
    const codes = ISSUE_CODES.map((e) => e.code);
    assert.equal(new Set(codes).size, codes.length);
    for (const code of codes) assert.match(code, /^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  // Validation's codes are Kubernetes' field error types and unknown-field,
  // all errors; the FLAME runtime checks' codes (issue 18) are warnings.
  const SEVERITIES: readonly [string, IssueSeverity][] = [
    ["required", "error"],
    ["invalid", "error"],
    ["not-supported", "error"],
    ["duplicate", "error"],
    ["forbidden", "error"],
    ["too-long", "error"],
    ["too-many", "error"],
    ["not-found", "error"],
    ["unknown-field", "error"],
    ["runner-cannot-cluster", "warning"],
    ["release-cookie-missing", "warning"],
    ["image-pull-secrets-dropped", "warning"],
    ["image-pull-policy-changed", "warning"],
    ["controller-adopts-runner", "warning"],
    ["ipv6-distribution-dropped", "warning"],
  ];
  for (const [code, severity] of SEVERITIES) {
    it(`has ${code}, a ${severity}`, () => {
      assert.equal(ISSUE_CODES.find((e) => e.code === code)?.severity, severity);
    });
  }

  it("lists the runtime checks' codes in the order the checks run", () => {
    const runtime = SEVERITIES.filter(([, severity]) => severity === "warning").map(([c]) => c);
    assert.deepEqual(RUNTIME_CHECK_CODES, runtime);
  });
});
