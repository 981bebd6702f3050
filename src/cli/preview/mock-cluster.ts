/**
 * The Pulumi mock engine's answers for an offline preview: a cluster that
 * holds the example's fixture pods and accepts every create, answering it as
 * pulumi-kubernetes does in a preview that skips the server's dry run (the
 * program's own inputs, nothing the server would write: no uid).
 */
import type * as pulumi from "@pulumi/pulumi";
import { isPlainObject } from "../../plain";
import { podKey, type PodFixtures } from "./fixtures";

/** One resource the program registered, as the engine received it. */
export interface Registration {
  /** The resource type token, for example `kubernetes:core/v1:Pod`. */
  type: string;
  /** The resource's logical name. */
  name: string;
  /** `read` for `Resource.get`, `create` for a declared resource. */
  op: "create" | "read";
  /** The inputs the engine would send to the provider (for a read: the read's inputs). */
  inputs: Record<string, unknown>;
  /** The state the engine answered with. */
  state: Record<string, unknown>;
}

/** Raised by the mock cluster; the message reads like the provider's. */
export class MockClusterError extends Error {
  override readonly name = "MockClusterError";
}

const POD_TYPE = "kubernetes:core/v1:Pod";

function k8sId(name: string, state: Record<string, unknown>): string {
  const metadata = isPlainObject(state.metadata) ? state.metadata : {};
  if (typeof metadata.name !== "string") {
    return `${name}-id`;
  }
  return typeof metadata.namespace === "string"
    ? `${metadata.namespace}/${metadata.name}`
    : metadata.name;
}

/**
 * Builds the mocks of an offline preview.
 *
 * - A read (`k8s.core.v1.Pod.get(name, "namespace/name")`) answers with the
 *   fixture pod of that id; an unknown id fails as the provider would.
 * - A create echoes its inputs, as a preview does when the provider skips
 *   the server's dry run: a pod created in the same program has no uid yet.
 *
 * @param fixtures - the pods of the offline cluster.
 * @param record - receives each registration, in the order the engine sees them.
 */
export function mockCluster(
  fixtures: PodFixtures,
  record: (registration: Registration) => void,
): pulumi.runtime.Mocks {
  return {
    newResource(args: pulumi.runtime.MockResourceArgs): pulumi.runtime.MockResourceResult {
      const inputs: Record<string, unknown> = isPlainObject(args.inputs) ? args.inputs : {};
      if (args.id !== undefined && args.id !== "") {
        const known = args.type === POD_TYPE ? fixtures.get(podKey(args.id)) : undefined;
        if (known === undefined) {
          const have = [...fixtures.keys()].join(", ") || "none";
          throw new MockClusterError(
            `reading ${args.type} "${args.name}": "${args.id}" not found in the offline cluster (fixture pods: ${have})`,
          );
        }
        const state = structuredClone(known) as Record<string, unknown>;
        record({ type: args.type, name: args.name, op: "read", inputs, state });
        return { id: args.id, state };
      }
      // A preview's create answers with the program's own inputs (see the module).
      record({ type: args.type, name: args.name, op: "create", inputs, state: inputs });
      return { id: args.custom ? k8sId(args.name, inputs) : "", state: inputs };
    },
    call(args: pulumi.runtime.MockCallArgs): pulumi.runtime.MockCallResult {
      return isPlainObject(args.inputs) ? args.inputs : {};
    },
  };
}
