/**
 * Generates `src/validation/generated/pod-walkers.ts`: one walker function per
 * object type of the committed Pod field table (`pod-schema.json`), with the
 * hand-written enums of `src/validation/enums.ts` and a slot for each type
 * that has a check of the API server (`API_CHECKS`).
 *
 * Each walker reads its object's own enumerable keys in their order
 * (`for...in`) and tests each field's type inline in a `switch` on the key: a
 * string field with `typeof`, an enum with a module-level set, an object
 * field by calling that type's walker, a list of objects with a loop that
 * calls it. Whatever fails goes to the shared checks of
 * `src/validation/schema.ts`, which say what is wrong. After the fields come
 * the missing required fields, then the type's check. The issues and their
 * order are those of the generic walker the walkers replace (a property test,
 * `test/validation/walkers.test.ts`, compares both).
 *
 * Run with `npm run generate:walkers` after changing the table, the enums or
 * the set of types in `API_CHECKS`. A unit test regenerates the file in
 * memory and compares it with the committed one.
 */
import * as fs from "fs";
import * as path from "path";
import { API_CHECKS } from "../src/validation/checks";
import { EMPTY_ENUM_VALUE_ALLOWED, EXTRA_ENUMS } from "../src/validation/enums";
import { POD_SCHEMA, type PodSchemaFile, type SchemaKind } from "../src/validation/table";

/** Where the generated walkers are committed. */
export const POD_WALKERS_PATH = path.join(
  __dirname,
  "..",
  "src",
  "validation",
  "generated",
  "pod-walkers.ts",
);

/** What the generator reads besides the table. */
export interface WalkerSources {
  /** Enums the table lacks, by `Type.field` (a plain string field there). */
  extraEnums: Readonly<Record<string, readonly string[]>>;
  /** Enum fields, by `Type.field`, that also take `""`. */
  emptyAllowed: readonly string[];
  /** The types that have a check of the API server. */
  checkedTypes: readonly string[];
}

/** The committed sources: `enums.ts` and the types of `API_CHECKS`. */
export const WALKER_SOURCES: WalkerSources = {
  extraEnums: EXTRA_ENUMS,
  emptyAllowed: EMPTY_ENUM_VALUE_ALLOWED,
  checkedTypes: Object.keys(API_CHECKS),
};

/** The scalar kinds of the table and their `Kind` in `schema.ts`. */
const SCALAR_KINDS: Readonly<Record<string, string>> = {
  string: "Kind.String",
  boolean: "Kind.Boolean",
  number: "Kind.Number",
  integer: "Kind.Integer",
  int32: "Kind.Int32",
  quantity: "Kind.Quantity",
  intOrString: "Kind.IntOrString",
  time: "Kind.Time",
  "free-form": "Kind.FreeForm",
};

/** A field of a type with its kind, enums resolved to the name of their set. */
type Field =
  | { name: string; kind: "scalar"; scalar: string }
  | { name: string; kind: "enum"; set: string }
  | { name: string; kind: "ref"; ref: string }
  | { name: string; kind: "list"; of: Field }
  | { name: string; kind: "map"; of: Field };

/** The generator's state: the enum sets and the types listed. */
interface Context {
  readonly enums: Map<string, readonly string[]>;
  readonly listed: Set<string>;
}

/**
 * The walkers' source for a table.
 *
 * @param table - the Pod field table. Default: the committed one.
 * @param sources - the enums and checked types. Default: the committed ones.
 */
export function generatePodWalkers(
  table: PodSchemaFile = POD_SCHEMA,
  sources: WalkerSources = WALKER_SOURCES,
): string {
  checkSources(table, sources);
  const context: Context = { enums: new Map(), listed: new Set() };
  const walkers: string[] = [];
  for (const [name, type] of Object.entries(table.types)) {
    const fields = Object.entries(type.properties).map(([field, kind]) =>
      fieldOf(name, field, kind, sources, context),
    );
    const checked = sources.checkedTypes.includes(name);
    walkers.push(renderWalker(name, type.openapi, fields, type.required, checked));
  }
  const lists = [...context.listed].sort().map(renderListWalker);
  const checked = Object.keys(table.types).filter((name) => sources.checkedTypes.includes(name));
  const enums = [...context.enums].map(
    ([set, values]) => `const ${set}: ReadonlySet<string> = new Set(${JSON.stringify(values)});`,
  );
  const fieldNames = Object.entries(table.types).map(
    ([name, type]) =>
      `const FIELDS_${name}: readonly string[] = ${JSON.stringify(Object.keys(type.properties))};`,
  );
  return [
    HEADER,
    "// The enums' values, in the order their messages list them.",
    ...enums,
    "",
    "// Each type's fields, for the hint of an unknown field.",
    ...fieldNames,
    renderChecks(checked),
    renderRoot(table.root),
    ...walkers,
    ...lists,
  ].join("\n");
}

/** Throws when an enum of `sources` names no string or enum field of the table. */
function checkSources(table: PodSchemaFile, sources: WalkerSources): void {
  for (const entry of Object.keys(sources.extraEnums)) {
    const [type, field] = entry.split(".");
    if (table.types[type]?.properties[field] !== "string") {
      throw new Error(`${entry} is not a plain string field`);
    }
  }
  for (const entry of sources.emptyAllowed) {
    const [type, field] = entry.split(".");
    const kind = table.types[type]?.properties[field];
    if (kind === undefined) throw new Error(`unknown field ${entry}`);
    if (!(entry in sources.extraEnums) && !(typeof kind === "object" && "enum" in kind)) {
      throw new Error(`${entry} is not an enum`);
    }
  }
  for (const name of sources.checkedTypes) {
    if (table.types[name] === undefined) throw new Error(`check for unknown type ${name}`);
  }
  for (const [name, type] of Object.entries(table.types)) {
    for (const field of type.required) {
      if (type.properties[field] === undefined) {
        throw new Error(`${name}.${field} is required but not a field`);
      }
    }
  }
  if (table.types[table.root] === undefined) throw new Error(`unknown root type ${table.root}`);
}

/** A field of type `type` with its kind resolved. */
function fieldOf(
  type: string,
  name: string,
  kind: SchemaKind,
  sources: WalkerSources,
  context: Context,
): Field {
  const entry = `${type}.${name}`;
  const extra = sources.extraEnums[entry];
  let values: readonly string[] | undefined =
    extra ?? (typeof kind === "object" && "enum" in kind ? kind.enum : undefined);
  if (values !== undefined) {
    values = [...new Set(sources.emptyAllowed.includes(entry) ? [...values, ""] : values)];
    const set = `ENUM_${type}_${name}`;
    context.enums.set(set, values);
    return { name, kind: "enum", set };
  }
  return kindOf(name, kind, entry, context);
}

/** A field of a kind that is not a top-level enum (a list's or a map's items may be). */
function kindOf(name: string, kind: SchemaKind, entry: string, context: Context): Field {
  if (typeof kind === "string") {
    const scalar = SCALAR_KINDS[kind];
    if (scalar === undefined) throw new Error(`unknown kind ${kind}`);
    return { name, kind: "scalar", scalar };
  }
  if ("enum" in kind) {
    const set = `ENUM_${entry.replace(".", "_")}_items`;
    context.enums.set(set, kind.enum);
    return { name, kind: "enum", set };
  }
  if ("ref" in kind) return { name, kind: "ref", ref: kind.ref };
  if ("array" in kind) {
    const of = kindOf(name, kind.array, entry, context);
    if (of.kind === "ref") context.listed.add(of.ref);
    if (of.kind === "list" || of.kind === "map") throw new Error(`${entry}: nested collections`);
    return { name, kind: "list", of };
  }
  const of = kindOf(name, kind.map, entry, context);
  if (of.kind !== "scalar") throw new Error(`${entry}: a map of ${of.kind}`);
  return { name, kind: "map", of };
}

const HEADER = `// Generated by scripts/generate-pod-walkers.ts from pod-schema.json, enums.ts and the
// types of API_CHECKS: do not edit; run \`npm run generate:walkers\`.
/**
 * The Pod walkers: one function per object type of the Pod field table, which
 * checks an object's fields in its key order (the right type inline, anything
 * else through the shared checks of \`../schema.ts\`), then its missing
 * required fields, then the API server's check of the type, if any.
 */
import { isPlainObject } from "../../plain";
import type { IssueCollector } from "../issues";
import {
  Kind,
  checkEnumAt,
  checkEnumItems,
  checkItemAt,
  checkItems,
  checkMapAt,
  checkValueAt,
  isInt32,
  reportMissing,
  reportUnknownField,
  type Obj,
  type ObjectCheck,
} from "../schema";
`;

/** The class of the checks' slots: one per type that has a check. */
function renderChecks(types: readonly string[]): string {
  const slots = types.map((t) => `  readonly ${t}: ObjectCheck | null;\n`).join("");
  const sets = types.map((t) => `    this.${t} = checks.${t} ?? null;\n`).join("");
  return `
/**
 * The API server's checks that the walkers run, one slot per type that has
 * one (\`null\`: the walkers skip it).
 */
export class PodChecks {
${slots}
  /**
   * @param checks - the checks by type name (\`API_CHECKS\`, or fewer).
   * @throws when a check names a type without a slot: add it to \`API_CHECKS\` and regenerate.
   */
  constructor(checks: Readonly<Record<string, ObjectCheck>>) {
    for (const name of Object.keys(checks)) {
      if (!CHECKED_TYPES.includes(name)) throw new Error(\`no walker runs a check of \${name}\`);
    }
${sets}  }
}

const CHECKED_TYPES: readonly string[] = ${JSON.stringify(types)};
`;
}

/** The exported entry: the walker of the root type. */
function renderRoot(root: string): string {
  return `
/**
 * Walks a pod manifest, an object: every issue is reported to \`issues\`.
 *
 * @param pod - the manifest.
 * @param issues - the collector, at the root.
 * @param checks - the API server's checks to run.
 */
export function walkPodManifest(pod: Obj, issues: IssueCollector, checks: PodChecks): void {
  walk${root}(pod, issues, checks);
}
`;
}

/** One type's walker. */
function renderWalker(
  name: string,
  openapi: string,
  fields: readonly Field[],
  required: readonly string[],
  checked: boolean,
): string {
  const cases = fields.map((f) => renderCase(f, required.includes(f.name))).join("");
  const usesPath = fields.some((f) => f.kind === "ref" || f.kind === "list");
  const usesChecks =
    checked || fields.some((f) => f.kind === "ref" || (f.kind === "list" && f.of.kind === "ref"));
  const lines = [
    `/** Walks a \`${name}\` (\`${openapi}\`). */`,
    `function walk${name}(obj: Obj, issues: IssueCollector, ${usesChecks ? "c" : "_c"}: PodChecks): void {`,
  ];
  if (usesPath) lines.push("  const path = issues.path;");
  if (required.length > 0) lines.push("  let required = 0;");
  lines.push(
    "  for (const key in obj) {",
    "    const v = obj[key];",
    "    if (v === undefined) continue;",
    "    switch (key) {",
    cases + "      default:",
    `        reportUnknownField(key, FIELDS_${name}, issues);`,
    "    }",
    "  }",
  );
  if (required.length > 0) {
    lines.push(
      `  if (required < ${required.length}) reportMissing(obj, ${JSON.stringify(required)}, issues);`,
    );
  }
  if (checked) lines.push(`  if (c.${name} !== null) c.${name}(obj, issues);`);
  lines.push("}", "");
  return lines.join("\n");
}

/** The `case` of one field: its type test inline, the failure to the shared checks. */
function renderCase(field: Field, required: boolean): string {
  const head =
    `      case ${JSON.stringify(field.name)}:\n` + (required ? "        required++;\n" : "");
  return `${head}${renderTest(field)
    .map((line) => `        ${line}\n`)
    .join("")}        break;\n`;
}

/** The statements that check a field's value `v` at `key`. */
function renderTest(field: Field): string[] {
  switch (field.kind) {
    case "scalar":
      return [scalarTest(field.scalar, "v", "key", "checkValueAt")];
    case "enum":
      return [
        `if (typeof v !== "string" || !${field.set}.has(v)) checkEnumAt(${field.set}, v, issues, key);`,
      ];
    case "ref":
      return [
        "if (isPlainObject(v)) {",
        "  path.push(key);",
        `  walk${field.ref}(v, issues, c);`,
        "  path.pop();",
        "} else checkValueAt(Kind.Object, v, issues, key);",
      ];
    case "list":
      return [
        "if (Array.isArray(v)) {",
        "  path.push(key);",
        `  ${listCall(field.of)}`,
        "  path.pop();",
        "} else checkValueAt(Kind.List, v, issues, key);",
      ];
    case "map":
      return [`checkMapAt(${(field.of as { scalar: string }).scalar}, v, issues, key);`];
  }
}

/** The call that checks a list's items `v`. */
function listCall(of: Field): string {
  if (of.kind === "ref") return `walk${of.ref}Items(v, issues, c);`;
  if (of.kind === "enum") return `checkEnumItems(${of.set}, v, issues);`;
  return `checkItems(${(of as { scalar: string }).scalar}, v, issues);`;
}

/**
 * The test of a scalar `value`: inline for the kinds one expression decides
 * (string, boolean, integers, int-or-string, free-form), the shared check for
 * the others (numbers, quantities, times).
 */
function scalarTest(scalar: string, value: string, at: string, check: string): string {
  const call = `${check}(${scalar}, ${value}, issues, ${at});`;
  switch (scalar) {
    case "Kind.String":
      return `if (typeof ${value} !== "string") ${call}`;
    case "Kind.Boolean":
      return `if (typeof ${value} !== "boolean") ${call}`;
    case "Kind.Integer":
      return `if (!Number.isSafeInteger(${value})) ${call}`;
    case "Kind.Int32":
      return `if (!isInt32(${value})) ${call}`;
    case "Kind.IntOrString":
      return `if (typeof ${value} !== "string" && !isInt32(${value})) ${call}`;
    case "Kind.FreeForm":
      return `if (${value} === null) ${call}`;
    default:
      return call;
  }
}

/** The walker of a list of objects of type `name`. */
function renderListWalker(name: string): string {
  return `/** Walks a list of \`${name}\`. */
function walk${name}Items(list: readonly unknown[], issues: IssueCollector, c: PodChecks): void {
  const path = issues.path;
  for (let i = 0; i < list.length; i++) {
    const item: unknown = list[i];
    if (isPlainObject(item)) {
      path.push(i);
      walk${name}(item, issues, c);
      path.pop();
    } else checkItemAt(Kind.Object, item, issues, i);
  }
}
`;
}

if (require.main === module) {
  fs.writeFileSync(POD_WALKERS_PATH, generatePodWalkers());
  console.log(`wrote ${path.relative(path.join(__dirname, ".."), POD_WALKERS_PATH)}`);
}
