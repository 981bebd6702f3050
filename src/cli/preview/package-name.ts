/**
 * The name under which the examples import this library.
 */

/** The package name the examples import (this repository's `package.json` name). */
export const PACKAGE_NAME = "pulumi-flame-k8s";
