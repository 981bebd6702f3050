/**
 * Lets `require` load a TypeScript program, as the Pulumi language host does
 * for `runtime.options.typescript`: with the program's own `ts-node`, else
 * the one `@pulumi/pulumi` ships, transpile only (no type check).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { ProjectError } from "./project";

/** The part of ts-node's `register` used here. */
interface TsNode {
  register(options: Record<string, unknown>): unknown;
}

/** `module` resolved from the first of `dirs` that has it; `undefined` if none. */
function resolveFrom(module: string, dirs: readonly string[]): string | undefined {
  try {
    return require.resolve(module, { paths: [...dirs] });
  } catch {
    return undefined;
  }
}

/**
 * Makes `.ts` files loadable, unless they are already (under ts-node, as in
 * `npm run preview`). Tries the program's `ts-node`, then the one vendored by
 * the program's `@pulumi/pulumi` with the program's `typescript`.
 *
 * @param dir - the program's directory.
 * @throws ProjectError when no TypeScript compiler can be found.
 */
export function registerTypeScript(dir: string): void {
  if (require.extensions[".ts"] !== undefined) return;
  const tsconfig = path.join(dir, "tsconfig.json");
  const project = fs.existsSync(tsconfig) ? { project: tsconfig } : { skipProject: true };
  const own = resolveFrom("ts-node", [dir]);
  if (own !== undefined) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    (require(own) as TsNode).register({ transpileOnly: true, ...project });
    return;
  }
  const pulumiPackage = resolveFrom("@pulumi/pulumi/package.json", [dir, __dirname]);
  const vendored =
    pulumiPackage && resolveFrom("./vendor/ts-node@7.0.1", [path.dirname(pulumiPackage)]);
  const compiler = resolveFrom("typescript", [dir]);
  if (vendored === undefined || vendored === "" || compiler === undefined) {
    throw new ProjectError(
      `${dir}: cannot run a TypeScript program without a TypeScript compiler: npm install --save-dev typescript ts-node`,
    );
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  (require(vendored) as TsNode).register({
    typeCheck: false,
    compiler,
    skipProject: true,
    compilerOptions: { target: "es2020", module: "commonjs", moduleResolution: "node" },
  });
}
