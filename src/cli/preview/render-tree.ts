/**
 * Renders a resource tree the way `pulumi preview` lists it: one line per
 * resource with its operation, nested by parent.
 */
import type { ResourceNode } from "./resource-tree";

const SYMBOL: Record<ResourceNode["op"], string> = { create: "+", read: "=" };

interface Row {
  op: ResourceNode["op"];
  label: string;
  name: string;
}

function rows(nodes: readonly ResourceNode[]): Row[] {
  const children = new Map<number | undefined, ResourceNode[]>();
  for (const node of nodes) {
    children.set(node.parent, [...(children.get(node.parent) ?? []), node]);
  }
  const out: Row[] = [];
  const walk = (node: ResourceNode, prefix: string, branch: string): void => {
    out.push({ op: node.op, label: `${prefix}${branch}${node.type}`, name: node.name });
    const kids = children.get(node.index) ?? [];
    const nextPrefix = branch === "" ? "" : `${prefix}${branch === "└─ " ? "   " : "│  "}`;
    kids.forEach((kid, i) => walk(kid, nextPrefix, i === kids.length - 1 ? "└─ " : "├─ "));
  };
  for (const root of children.get(undefined) ?? []) {
    walk(root, "", "");
  }
  return out;
}

/**
 * The tree as text lines: `+ ` for a create, `= ` for a read, then the type
 * (indented under its parent), the name and the operation, in columns.
 *
 * @param nodes - the nodes in construction order; roots have no `parent`.
 */
export function renderTree(nodes: readonly ResourceNode[]): string[] {
  const all = rows(nodes);
  const typeWidth = Math.max("Type".length, ...all.map((row) => row.label.length));
  const nameWidth = Math.max("Name".length, ...all.map((row) => row.name.length));
  const line = (symbol: string, type: string, name: string, plan: string): string =>
    `  ${symbol.padEnd(3)}${type.padEnd(typeWidth)}  ${name.padEnd(nameWidth)}  ${plan}`.trimEnd();
  return [
    line("", "Type", "Name", "Plan"),
    ...all.map((row) => line(SYMBOL[row.op], row.label, row.name, row.op)),
  ];
}

/**
 * The count line: `Resources: + 3 to create, = 1 to read`.
 *
 * @param nodes - every node of the tree, the stack included.
 */
export function renderCounts(nodes: readonly ResourceNode[]): string {
  const creates = nodes.filter((node) => node.op === "create").length;
  const reads = nodes.filter((node) => node.op === "read").length;
  return `Resources: + ${creates} to create, = ${reads} to read`;
}
