/**
 * Generates `src/validation/generated/pod-schema.json`: the field table of the
 * Kubernetes Pod, read from the `.d.ts` files of `kubernetes-models` (the
 * maintained, OpenAPI-generated models) with the TypeScript compiler API.
 *
 * For each object type reachable from `IPod` the table holds its properties,
 * each with its kind, and the properties the `.d.ts` declares non-optional.
 * The `.d.ts` files say `number` for every numeric field; whether a field is
 * an integer (and int32) is asked of the package's own compiled validators
 * (`_schemas/*.js`), which keep the OpenAPI `type` and `format`.
 *
 * Run with `npm run generate:schema`. A unit test regenerates the table in
 * memory and compares it with the committed file.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import { createRequire } from "module";
import * as path from "path";
import ts from "typescript";
import type { PodSchemaFile, SchemaKind, SchemaObjectType } from "../src/validation/table";

export type { PodSchemaFile, SchemaKind, SchemaObjectType };

/** Where the generated table is committed. */
export const POD_SCHEMA_PATH = path.join(
  __dirname,
  "..",
  "src",
  "validation",
  "generated",
  "pod-schema.json",
);

/**
 * Where the generator's source, `kubernetes-models` at a pinned version, is
 * installed: a package of its own (`scripts/pod-schema-source/`), not a dev
 * dependency of the project, because kubernetes-models 5 asks for Node.js 22
 * (an `EBADENGINE` warning on every `npm ci` under Node.js 20, which the
 * project supports). Its `.d.ts` files and compiled validators are only read.
 */
export const SOURCE_DIR = path.join(__dirname, "pod-schema-source");

/**
 * Installs the pinned source (`npm ci` in {@link SOURCE_DIR}, from its lock
 * file) unless it is installed already. Its output is kept off the console
 * unless the install fails.
 */
export function ensurePodSchemaSource(): void {
  if (fs.existsSync(path.join(SOURCE_DIR, "node_modules", "kubernetes-models", "package.json"))) {
    return;
  }
  execFileSync("npm", ["ci", "--no-audit", "--no-fund", "--ignore-scripts"], {
    cwd: SOURCE_DIR,
    stdio: ["ignore", "pipe", "pipe"],
  });
}

/** Type aliases of apimachinery that the `.d.ts` spell `number | string` or `string`. */
const SPECIAL_ALIASES: Record<string, SchemaKind> = {
  IoK8sApimachineryPkgApiResourceQuantity: "quantity",
  IoK8sApimachineryPkgUtilIntstrIntOrString: "intOrString",
  IoK8sApimachineryPkgApisMetaV1Time: "time",
  IoK8sApimachineryPkgApisMetaV1MicroTime: "time",
};

interface ParsedFile {
  source: ts.SourceFile;
  /** Imported identifier -> resolved `.d.ts` path. */
  imports: Map<string, string>;
}

interface PendingType {
  file: string;
  exportedName: string;
}

interface NumericProbe {
  typeName: string;
  schemaModule: string;
  property: string;
  kind: SchemaKind;
}

/** Reads the `.d.ts` model files and builds the table (no file is written). */
export function generatePodSchema(): PodSchemaFile {
  ensurePodSchemaSource();
  const podFile = resolveFrom(SOURCE_DIR, "kubernetes-models/v1/Pod");
  const files = new Map<string, ParsedFile>();
  const types: Record<string, SchemaObjectType> = {};
  const nameOf = new Map<string, string>(); // "file#exportedName" -> short name
  const probes: NumericProbe[] = [];
  const queue: PendingType[] = [];

  const parse = (file: string): ParsedFile => {
    let parsed = files.get(file);
    if (parsed === undefined) {
      const source = ts.createSourceFile(
        file,
        fs.readFileSync(file, "utf8"),
        ts.ScriptTarget.ES2022,
      );
      const imports = new Map<string, string>();
      for (const stmt of source.statements) {
        if (!ts.isImportDeclaration(stmt) || !ts.isStringLiteral(stmt.moduleSpecifier)) continue;
        const bindings = stmt.importClause?.namedBindings;
        if (bindings === undefined || !ts.isNamedImports(bindings)) continue;
        const target = resolveFrom(file, stmt.moduleSpecifier.text);
        for (const el of bindings.elements) imports.set(el.name.text, target);
      }
      parsed = { source, imports };
      files.set(file, parsed);
    }
    return parsed;
  };

  /** The local declaration behind an exported (possibly aliased) name. */
  const declarationOf = (
    file: string,
    exportedName: string,
  ): ts.InterfaceDeclaration | ts.TypeAliasDeclaration => {
    const { source } = parse(file);
    let local = exportedName;
    for (const stmt of source.statements) {
      if (
        ts.isExportDeclaration(stmt) &&
        stmt.exportClause !== undefined &&
        ts.isNamedExports(stmt.exportClause)
      ) {
        for (const el of stmt.exportClause.elements) {
          if (el.name.text === exportedName) local = (el.propertyName ?? el.name).text;
        }
      }
    }
    for (const stmt of source.statements) {
      if (
        (ts.isInterfaceDeclaration(stmt) || ts.isTypeAliasDeclaration(stmt)) &&
        stmt.name.text === local
      ) {
        return stmt;
      }
    }
    throw new Error(`${file}: no declaration of ${exportedName}`);
  };

  const enqueue = (file: string, exportedName: string, decl: ts.InterfaceDeclaration): string => {
    const key = `${file}#${exportedName}`;
    let short = nameOf.get(key);
    if (short === undefined) {
      short = decl.name.text.replace(/^I(?=[A-Z])/, "");
      for (const [otherKey, otherShort] of nameOf) {
        if (otherShort === short) throw new Error(`type name clash: ${key} and ${otherKey}`);
      }
      nameOf.set(key, short);
      queue.push({ file, exportedName });
    }
    return short;
  };

  const kindOf = (node: ts.TypeNode, file: string, where: string): SchemaKind => {
    switch (node.kind) {
      case ts.SyntaxKind.StringKeyword:
        return "string";
      case ts.SyntaxKind.BooleanKeyword:
        return "boolean";
      case ts.SyntaxKind.NumberKeyword:
        return "number"; // refined by the validator probe
      case ts.SyntaxKind.AnyKeyword:
      case ts.SyntaxKind.UnknownKeyword:
      case ts.SyntaxKind.ObjectKeyword:
        return "free-form";
    }
    if (ts.isParenthesizedTypeNode(node)) return kindOf(node.type, file, where);
    if (ts.isArrayTypeNode(node)) return { array: kindOf(node.elementType, file, where) };
    if (ts.isLiteralTypeNode(node) && ts.isStringLiteral(node.literal)) {
      return { enum: [node.literal.text] };
    }
    if (ts.isUnionTypeNode(node)) {
      const values = node.types.map((t) => {
        if (ts.isLiteralTypeNode(t) && ts.isStringLiteral(t.literal)) return t.literal.text;
        throw new Error(`${where}: unsupported union member ${ts.SyntaxKind[t.kind]}`);
      });
      return { enum: values };
    }
    if (ts.isTypeLiteralNode(node)) {
      const [member] = node.members;
      if (node.members.length === 1 && ts.isIndexSignatureDeclaration(member)) {
        return { map: kindOf(member.type, file, where) };
      }
      throw new Error(`${where}: unsupported inline object type`);
    }
    if (ts.isTypeReferenceNode(node) && ts.isIdentifier(node.typeName)) {
      const name = node.typeName.text;
      const args = node.typeArguments ?? [];
      if (name === "Array" && args.length === 1) return { array: kindOf(args[0], file, where) };
      if (name === "Record" && args.length === 2) return { map: kindOf(args[1], file, where) };
      const target = parse(file).imports.get(name);
      if (target === undefined) throw new Error(`${where}: ${name} is not imported`);
      const special = SPECIAL_ALIASES[name.replace(/^I(?=[A-Z])/, "")];
      if (special !== undefined) return special;
      const decl = declarationOf(target, name);
      if (ts.isTypeAliasDeclaration(decl)) return kindOf(decl.type, target, `${where} (${name})`);
      if (decl.members.length === 0) return "free-form";
      return { ref: enqueue(target, name, decl) };
    }
    throw new Error(`${where}: unsupported type ${ts.SyntaxKind[node.kind]}`);
  };

  const podDecl = declarationOf(podFile, "IPod");
  if (!ts.isInterfaceDeclaration(podDecl)) throw new Error("IPod is not an interface");
  const root = enqueue(podFile, "IPod", podDecl);

  while (queue.length > 0) {
    const { file, exportedName } = queue.shift() as PendingType;
    const decl = declarationOf(file, exportedName) as ts.InterfaceDeclaration;
    const short = nameOf.get(`${file}#${exportedName}`) as string;
    const canonical = canonicalName(file, exportedName);
    const type: SchemaObjectType = {
      openapi: openapiName(canonical),
      required: [],
      properties: {},
    };
    for (const member of decl.members) {
      if (!ts.isPropertySignature(member) || member.type === undefined) {
        throw new Error(`${short}: unsupported member ${ts.SyntaxKind[member.kind]}`);
      }
      const prop = propertyName(member.name);
      const kind = kindOf(member.type, file, `${short}.${prop}`);
      type.properties[prop] = kind;
      if (member.questionToken === undefined) type.required.push(prop);
      if (containsNumber(kind)) {
        probes.push({
          typeName: short,
          schemaModule: schemaModuleOf(file, canonical),
          property: prop,
          kind,
        });
      }
    }
    types[short] = type;
  }

  for (const probe of probes) {
    const kind = probeNumber(probe);
    const props = types[probe.typeName].properties;
    props[probe.property] = replaceNumber(props[probe.property], kind);
  }

  const sorted: Record<string, SchemaObjectType> = {};
  for (const name of Object.keys(types).sort()) sorted[name] = types[name];
  return {
    $comment:
      "Generated by scripts/generate-pod-schema.ts (npm run generate:schema) from the .d.ts files of kubernetes-models. Do not edit.",
    source: {
      "kubernetes-models": packageVersion("kubernetes-models"),
      "@kubernetes-models/apimachinery": packageVersion("@kubernetes-models/apimachinery"),
    },
    root,
    types: sorted,
  };
}

/** The table as the committed file spells it. */
export function renderPodSchema(schema: PodSchemaFile): string {
  return `${JSON.stringify(schema, null, 2)}\n`;
}

function resolveFrom(containingFile: string, specifier: string): string {
  const from = containingFile.endsWith(".ts") ? containingFile : path.join(containingFile, "x.ts");
  const result = ts.resolveModuleName(
    specifier,
    from,
    { moduleResolution: ts.ModuleResolutionKind.Bundler, module: ts.ModuleKind.ESNext },
    ts.sys,
  );
  const resolved = result.resolvedModule?.resolvedFileName;
  if (resolved === undefined) throw new Error(`cannot resolve ${specifier} from ${containingFile}`);
  return path.resolve(resolved);
}

function propertyName(name: ts.PropertyName): string {
  if (ts.isIdentifier(name) || ts.isStringLiteral(name)) return name.text;
  throw new Error(`unsupported property name ${ts.SyntaxKind[name.kind]}`);
}

/** `IIoK8sApiCoreV1Container` -> `IoK8sApiCoreV1Container`, via the file's `export type { ... as ... }`. */
function canonicalName(file: string, exportedName: string): string {
  if (exportedName.startsWith("IIoK8s")) return exportedName.slice(1);
  const text = fs.readFileSync(file, "utf8");
  const match = new RegExp(`\\b${exportedName} as I(IoK8s\\w+)`).exec(text);
  if (match === null) throw new Error(`${file}: no canonical name for ${exportedName}`);
  return match[1];
}

/** `IoK8sApiCoreV1Container` -> `io.k8s.api.core.v1.Container`. */
function openapiName(canonical: string): string {
  const parts = canonical.match(/[A-Z][a-z0-9]*/g) ?? [];
  const typeStart = parts.findIndex((p, i) => i > 2 && /^V\d/.test(parts[i - 1]) && p !== "");
  const pkg = parts.slice(0, typeStart).map((p) => p.toLowerCase());
  return `${pkg.join(".")}.${parts.slice(typeStart).join("")}`;
}

function packageRootOf(file: string): string {
  let dir = path.dirname(file);
  while (!fs.existsSync(path.join(dir, "package.json"))) dir = path.dirname(dir);
  return dir;
}

function schemaModuleOf(file: string, canonical: string): string {
  return path.join(packageRootOf(file), "_schemas", `${canonical}.js`);
}

function packageVersion(name: string): string {
  const file = path.join(SOURCE_DIR, "node_modules", name, "package.json");
  return (JSON.parse(fs.readFileSync(file, "utf8")) as { version: string }).version;
}

function containsNumber(kind: SchemaKind): boolean {
  if (kind === "number") return true;
  if (typeof kind === "string") return false;
  if ("array" in kind) return containsNumber(kind.array);
  if ("map" in kind) return containsNumber(kind.map);
  return false;
}

/** A sample value shaped like `kind`, with `value` where the number goes. */
function wrapLike(kind: SchemaKind, value: number): unknown {
  if (typeof kind === "string") return value;
  if ("array" in kind) return [wrapLike(kind.array, value)];
  if ("map" in kind) return { k: wrapLike(kind.map, value) };
  return value;
}

function replaceNumber(kind: SchemaKind, by: SchemaKind): SchemaKind {
  if (kind === "number") return by;
  if (typeof kind === "string") return kind;
  if ("array" in kind) return { array: replaceNumber(kind.array, by) };
  if ("map" in kind) return { map: replaceNumber(kind.map, by) };
  return kind;
}

interface AjvError {
  instancePath: string;
  keyword: string;
  params: { type?: string; format?: string };
}

type AjvValidate = ((data: unknown) => boolean) & { errors?: AjvError[] | null };

const loadModule = createRequire(__filename);

/**
 * Asks the package's compiled validator whether a numeric property is an
 * integer (OpenAPI `type: integer`) and whether it is an int32.
 */
function probeNumber(probe: NumericProbe): SchemaKind {
  const { validate } = loadModule(probe.schemaModule) as { validate: AjvValidate };
  const errorsFor = (value: number): AjvError[] => {
    validate({ [probe.property]: wrapLike(probe.kind, value) });
    return (validate.errors ?? []).filter((e) => e.instancePath.startsWith(`/${probe.property}`));
  };
  const fractional = errorsFor(0.5);
  const isInteger = fractional.some((e) => e.keyword === "type" && e.params.type === "integer");
  if (!isInteger) return "number";
  const large = errorsFor(2 ** 40);
  const isInt32 = large.some((e) => e.keyword === "format" && e.params.format === "int32");
  return isInt32 ? "int32" : "integer";
}

if (require.main === module) {
  const started = Date.now();
  const schema = generatePodSchema();
  fs.mkdirSync(path.dirname(POD_SCHEMA_PATH), { recursive: true });
  fs.writeFileSync(POD_SCHEMA_PATH, renderPodSchema(schema));
  const count = Object.keys(schema.types).length;
  console.log(
    `wrote ${path.relative(path.join(__dirname, ".."), POD_SCHEMA_PATH)}: ${count} types in ${Date.now() - started} ms`,
  );
}
