/**
 * Writes the plugin's schema, as the provider host builds it, to the golden
 * file `test/plugin/schema.golden.json`. Run it after a deliberate change of
 * the plugin's types (or of `@pulumi/kubernetes`, whose version and input
 * types the schema holds), then review the diff:
 *
 *   npx ts-node --transpile-only test/plugin/write-golden.ts
 */
import * as fs from "node:fs";
import * as prettier from "prettier";
import { GOLDEN_SCHEMA_FILE, pluginProvider } from "./provider";

async function main(): Promise<void> {
  const schema = await pluginProvider().getSchema();
  const options = await prettier.resolveConfig(GOLDEN_SCHEMA_FILE);
  const text = await prettier.format(schema, { ...options, parser: "json" });
  fs.writeFileSync(GOLDEN_SCHEMA_FILE, text);
  console.log(`wrote ${GOLDEN_SCHEMA_FILE}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
