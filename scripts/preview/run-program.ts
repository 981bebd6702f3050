/**
 * The offline preview of this repository's examples: the command line's
 * {@link runProgramIn} with `pulumi-flame-k8s` resolved to this repository's
 * `src/index.ts` (the examples import the package, which is not installed
 * here: it is this repository).
 */
import * as path from "node:path";
import { runProgram as runProgramIn, type PreviewOptions } from "../../src/cli/preview/run-program";

export * from "../../src/cli/preview/run-program";

/** The file `pulumi-flame-k8s` resolves to while an example runs here. */
export const PACKAGE_ENTRY = path.resolve(__dirname, "../../src/index.ts");

/**
 * Runs an example (or any program that imports `pulumi-flame-k8s`) against
 * this repository's source. See the command line's `runProgram`.
 */
export function runProgram(options: PreviewOptions): ReturnType<typeof runProgramIn> {
  return runProgramIn({ packageEntry: PACKAGE_ENTRY, ...options });
}
