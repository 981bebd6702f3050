/**
 * Engine test program: examples/basic itself, with `pulumi-flame-k8s` mapped
 * to this repository's src (as scripts/preview/repo-program.ts does for the
 * root Pulumi.yaml). Run it as project `flame-basic`.
 */
import * as path from "node:path";
import { aliasPackage } from "../../../../src/cli/preview/local-package";
import { PACKAGE_NAME } from "../../../../src/cli/preview/package-name";

aliasPackage(PACKAGE_NAME, path.resolve(__dirname, "../../../../src/index.ts"));

// Loaded after the alias is in place, hence `require` and not `import`.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const basic: unknown = require("../../../../examples/basic/index");

export = basic;
