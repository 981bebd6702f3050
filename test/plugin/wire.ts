/**
 * Arguments as they reach the plugin from a program in another language:
 * serialized by the Pulumi SDK as a consumer's SDK sends them, then
 * deserialized by the provider host's own `deserializeInputs` (what
 * `construct` receives). Secrets arrive as secret Outputs, a value with
 * dependencies as an Output, a resource reference as a resource object when
 * this plugin's SDK can stand for the consumer's package version, otherwise
 * as the resource's id (or its URN when it has no id).
 */
import * as pulumi from "@pulumi/pulumi";
import * as server from "@pulumi/pulumi/provider/server";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";

/** The internal part of the provider host these tests drive (not in its `.d.ts`). */
interface HostInternals {
  deserializeInputs(
    inputs: Struct,
    dependencies: Map<string, { getUrnsList(): string[] }>,
  ): Promise<Record<string, unknown>>;
}

const host = server as unknown as HostInternals;

/** A serialized resource reference (`kind: resource` in the wire format). */
interface ResourceReference {
  urn: string;
  id?: string;
  packageVersion?: string;
}

/** Options of {@link overTheWire}. */
export interface WireOptions {
  /**
   * The kubernetes package version the consumer's resource references carry.
   * Default: none (any version of this plugin's SDK stands for it). A version
   * newer than the plugin's makes a reference arrive as an id or URN.
   */
  consumerKubernetesVersion?: string;
  /** Send resource references without their id, as for a pod not created yet. */
  withoutIds?: boolean;
}

/**
 * `inputs` as the plugin's `construct` receives them.
 *
 * @param inputs - the arguments as a consumer's program gives them (Inputs,
 *   resources); each resource they hold counts as a dependency of its property.
 * @param options - how the consumer's resource references look.
 */
export async function overTheWire(
  inputs: Record<string, unknown>,
  options: WireOptions = {},
): Promise<Record<string, unknown>> {
  // As a consumer's SDK registers a remote component: resources as
  // references, Outputs as output values where the engine takes them (the
  // mock engine does not: a nested secret makes its whole argument secret).
  const serialized = await pulumi.runtime.serializeProperties("wire", inputs, {
    keepOutputValues: true,
  });
  const dependencies = new Map<string, { getUrnsList(): string[] }>();
  for (const [key, value] of Object.entries(serialized)) {
    const references = referencesIn(value);
    for (const reference of references) {
      if (options.consumerKubernetesVersion !== undefined) {
        reference.packageVersion = options.consumerKubernetesVersion;
      }
      if (options.withoutIds) reference.id = "";
    }
    const urns = references.map((r) => r.urn);
    dependencies.set(key, { getUrnsList: () => urns });
  }
  return host.deserializeInputs(Struct.fromJavaScript(serialized), dependencies);
}

/** The serialized resource references in `value`, to be rewritten in place. */
function referencesIn(value: unknown): ResourceReference[] {
  if (typeof value !== "object" || value === null) return [];
  const record = value as Record<string, unknown>;
  if (record[pulumi.runtime.specialSigKey] === pulumi.runtime.specialResourceSig) {
    return [record as unknown as ResourceReference];
  }
  return Object.values(record).flatMap(referencesIn);
}
