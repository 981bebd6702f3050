/**
 * Helpers of the kit tests: a mock engine that names objects as the
 * Kubernetes provider does (auto-naming), a FLAME-ready pod template, and the
 * Elixir blocks of docs/deploying.md.
 */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import type * as k8s from "@pulumi/kubernetes";
import { flameParentEnv } from "../../src/kit";
import { registrations } from "../support/mocks";

/** The suffix the mock provider appends to an auto-named object. */
export const AUTONAME_SUFFIX = "-ab12cd34";

/**
 * Installs mocks that record each registration (in `registrations` of
 * test/support/mocks) and echo its inputs, giving a Kubernetes object without
 * `metadata.name` the name `<resource name>-ab12cd34` (as the provider's
 * auto-naming would).
 */
export function installNamingMocks(preview = false): void {
  registrations.length = 0;
  pulumi.runtime.setMocks(
    {
      newResource(args: pulumi.runtime.MockResourceArgs) {
        registrations.push({ type: args.type, name: args.name, inputs: args.inputs, id: args.id });
        const state: Record<string, unknown> = { ...args.inputs };
        if (args.type.startsWith("kubernetes:")) {
          const metadata = (state.metadata ?? {}) as Record<string, unknown>;
          state.metadata = { name: `${args.name}${AUTONAME_SUFFIX}`, ...metadata };
        }
        return { id: `${args.name}-id`, state };
      },
      call(args: pulumi.runtime.MockCallArgs) {
        return args.inputs;
      },
    },
    "project",
    "stack",
    preview,
  );
}

/** A FLAME-ready pod template of a Phoenix application (fresh on each call). */
export function phoenixPodTemplate(): k8s.types.input.core.v1.PodTemplateSpec {
  return {
    metadata: { labels: { app: "shop" } },
    spec: {
      serviceAccountName: "shop",
      containers: [
        {
          name: "web",
          image: "ghcr.io/acme/shop:2.1.0",
          ports: [{ name: "http", containerPort: 4000 }],
          env: [...flameParentEnv("shop"), { name: "PHX_HOST", value: "shop.example.com" }],
          resources: { requests: { cpu: "250m", memory: "512Mi" }, limits: { memory: "1Gi" } },
        },
      ],
    },
  };
}

/** The Elixir block after the marker `<!-- elixir:<name> -->` in docs/deploying.md. */
export function elixirBlock(name: string): string {
  const text = fs.readFileSync(path.resolve(__dirname, "../../docs/deploying.md"), "utf8");
  const at = text.indexOf(`<!-- elixir:${name} -->`);
  assert.ok(at >= 0, `docs/deploying.md has the block ${name}`);
  const match = /```elixir\n([\s\S]*?)```/.exec(text.slice(at));
  assert.ok(match);
  return match[1];
}
