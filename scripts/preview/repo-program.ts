/**
 * The Pulumi program of the repository's root `Pulumi.yaml`: runs
 * `examples/basic` with the real Pulumi CLI (`pulumi preview` in the
 * repository root, on a cluster) against this repository's source, without
 * building or installing the package. `pulumi-flame-k8s` is mapped to
 * `src/index.ts` before the example loads (the language host's ts-node
 * compiles it), and the example's exports become the stack outputs.
 *
 * Config keys carry the root project's name: `pulumi config set parentPod
 * namespace/name`, `pulumi config set encodedParent ...`.
 */
import * as path from "node:path";
import { aliasPackage } from "../../src/cli/preview/local-package";
import { PACKAGE_NAME } from "../../src/cli/preview/package-name";

aliasPackage(PACKAGE_NAME, path.resolve(__dirname, "../../src/index.ts"));

// Loaded after the alias is in place, hence `require` and not `import`.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const basic: unknown = require("../../examples/basic/index");

export = basic;
