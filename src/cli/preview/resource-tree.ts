/**
 * Records the resource tree of a program as it is built: every resource with
 * its parent. The mock engine does not receive parents, so a stack
 * transformation (which sees each resource's options) records them.
 */
import * as pulumi from "@pulumi/pulumi";

/** One resource of the tree. */
export interface ResourceNode {
  /** Position in construction order; the stack is 0. */
  index: number;
  /** The resource type token. */
  type: string;
  /** The logical name. */
  name: string;
  /** `read` for a `Resource.get`, else `create`. */
  op: "create" | "read";
  /** Index of the parent node; `undefined` for the stack itself. */
  parent?: number;
}

/** The type token of the root stack resource. */
export const STACK_TYPE = "pulumi:pulumi:Stack";

/** A tree being recorded. */
export interface ResourceTracker {
  /** The nodes so far, in construction order (the stack first). */
  readonly nodes: readonly ResourceNode[];
  /** Register with `pulumi.runtime.registerStackTransformation` inside the stack. */
  readonly transformation: pulumi.ResourceTransformation;
  /** The node recorded for a resource object, if any. */
  nodeOf(resource: pulumi.Resource): ResourceNode | undefined;
}

/**
 * Starts a tree whose root is the stack `stackName`.
 *
 * @param stackName - the stack resource's name (`<project>-<stack>`).
 */
export function trackResources(stackName: string): ResourceTracker {
  const nodes: ResourceNode[] = [{ index: 0, type: STACK_TYPE, name: stackName, op: "create" }];
  const byResource = new Map<pulumi.Resource, ResourceNode>();
  const transformation: pulumi.ResourceTransformation = (args) => {
    const parentNode = args.opts.parent ? byResource.get(args.opts.parent) : undefined;
    const id: unknown = "id" in args.opts ? args.opts.id : undefined;
    const node: ResourceNode = {
      index: nodes.length,
      type: args.type,
      name: args.name,
      op: id !== undefined ? "read" : "create",
      parent: parentNode?.index ?? 0,
    };
    nodes.push(node);
    byResource.set(args.resource, node);
    return undefined;
  };
  return { nodes, transformation, nodeOf: (resource) => byResource.get(resource) };
}
