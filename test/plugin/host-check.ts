/**
 * Runs the plugin as the Pulumi CLI does, and asks it for its schema over
 * gRPC: `@pulumi/pulumi/cmd/run-plugin provider <engine address>` in the
 * plugin folder (ts-node compiles the plugin and the library's source,
 * type-checked, with `provider/tsconfig.json`), then `GetSchema`. Not part of
 * `npm test` (it takes half a minute); run it after changing how the plugin
 * loads:
 *
 *   npx ts-node --transpile-only test/plugin/host-check.ts
 *
 * Prints the component's input names and exits 0, or prints what failed and
 * exits 1. No engine is needed for GetSchema: the address given is never
 * dialled.
 */
import { spawn } from "node:child_process";
import * as grpc from "@grpc/grpc-js";
import { ResourceProviderClient } from "@pulumi/pulumi/proto/provider_grpc_pb";
import { GetSchemaRequest } from "@pulumi/pulumi/proto/provider_pb";
import { PROVIDER_DIR } from "./provider";

const RUN_PLUGIN = require.resolve("@pulumi/pulumi/cmd/run-plugin");
const TOKEN = "flame-k8s:index:FlameRunnerPod";
const TIMEOUT_MS = 300_000;

function fail(message: string): never {
  console.error(`host-check: ${message}`);
  process.exit(1);
}

const plugin = spawn(process.execPath, [RUN_PLUGIN, PROVIDER_DIR, "127.0.0.1:1"], {
  cwd: PROVIDER_DIR,
  stdio: ["ignore", "pipe", "inherit"],
});
const timer = setTimeout(() => {
  plugin.kill();
  fail(`no schema after ${TIMEOUT_MS / 1000} s`);
}, TIMEOUT_MS);
plugin.on("exit", (code) => fail(`the plugin exited (code ${code}) before serving its schema`));

let output = "";
plugin.stdout.on("data", (chunk: Buffer) => {
  output += chunk.toString();
  const port = /^\s*(\d+)\s*$/m.exec(output)?.[1];
  if (port === undefined) return;
  plugin.stdout.removeAllListeners("data");
  const client = new ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
  client.getSchema(new GetSchemaRequest(), (error, response) => {
    clearTimeout(timer);
    plugin.removeAllListeners("exit");
    plugin.kill();
    if (error || !response) fail(`GetSchema failed: ${error?.message}`);
    const schema = JSON.parse(response.getSchema()) as {
      resources: Record<string, { inputProperties: Record<string, unknown> }>;
    };
    const component = schema.resources[TOKEN];
    if (!component) fail(`the schema has no ${TOKEN}`);
    console.log(`${TOKEN}: ${Object.keys(component.inputProperties).join(", ")}`);
    process.exit(0);
  });
});
