/**
 * The `flame-k8s` plugin as the provider host serves it, in-process: one
 * `ComponentProvider` (its schema is built once, by the host's TypeScript
 * analyzer, and cached), the committed golden schema, and the schema types
 * the tests read.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { ComponentProvider } from "@pulumi/pulumi/provider/experimental";
import * as plugin from "../../provider";

/** The plugin folder. */
export const PROVIDER_DIR = path.resolve(__dirname, "../../provider");

/** The committed schema the built one must equal. */
export const GOLDEN_SCHEMA_FILE = path.join(__dirname, "schema.golden.json");

/** The plugin's package name, from its package.json (what the host names the provider). */
export const PACKAGE_NAME = (
  JSON.parse(fs.readFileSync(path.join(PROVIDER_DIR, "package.json"), "utf8")) as { name: string }
).name;

/** A property of the schema: a type, a reference, an array or a map. */
export interface SchemaProperty {
  type?: string;
  $ref?: string;
  items?: SchemaProperty;
  additionalProperties?: SchemaProperty;
  optional?: boolean;
  plain?: boolean;
  description?: string;
}

/** An object type or a component of the schema. */
export interface SchemaObject {
  properties: Record<string, SchemaProperty>;
  required?: string[];
}

/** A component resource of the schema. */
export interface SchemaResource extends SchemaObject {
  isComponent: boolean;
  inputProperties: Record<string, SchemaProperty>;
  requiredInputs: string[];
}

/** The parts of a package schema the tests read. */
export interface PackageSchema {
  name: string;
  version: string;
  resources: Record<string, SchemaResource>;
  types: Record<string, SchemaObject>;
  dependencies: { name: string; version: string }[];
}

let provider: ComponentProvider | undefined;

/**
 * The plugin's provider, as `componentProviderHost` makes it when the
 * Pulumi CLI runs the plugin folder: named after its package.json, serving
 * the classes its entry point exports.
 */
export function pluginProvider(): ComponentProvider {
  provider ??= new ComponentProvider({
    name: PACKAGE_NAME,
    dirname: PROVIDER_DIR,
    // Every class the entry point exports, as the host serves them.
    components: Object.values(plugin),
  });
  return provider;
}

/** The schema the host builds for the plugin (takes seconds the first time: it compiles the plugin). */
export async function builtSchema(): Promise<PackageSchema> {
  return JSON.parse(await pluginProvider().getSchema()) as PackageSchema;
}

/** The committed golden schema. */
export function goldenSchema(): PackageSchema {
  return JSON.parse(fs.readFileSync(GOLDEN_SCHEMA_FILE, "utf8")) as PackageSchema;
}
