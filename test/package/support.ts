/**
 * The package as a user installs it, for the tests of test/package/: packed
 * with `npm pack` (which runs `prepare`, so builds dist/ afresh) and unpacked
 * into a node_modules.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

/** The repository. */
export const ROOT = path.resolve(__dirname, "../..");

/** The package's name. */
export const PACKAGE_NAME = "pulumi-flame-k8s";

/** What {@link packInto} made. */
export interface Packed {
  /** The files of the tarball, as `npm pack --json` lists them. */
  files: string[];
  /** Where the package is unpacked: `<work>/node_modules/pulumi-flame-k8s`. */
  installed: string;
}

/**
 * Packs the package into `work` and unpacks it into `work/node_modules`.
 *
 * @param work - an empty temporary directory.
 */
export function packInto(work: string): Packed {
  const out = execFileSync("npm", ["pack", "--json", "--pack-destination", work], {
    cwd: ROOT,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
  const [packed] = JSON.parse(out.slice(out.indexOf("["))) as [
    { filename: string; files: { path: string }[] },
  ];
  const installed = path.join(work, "node_modules", PACKAGE_NAME);
  fs.mkdirSync(installed, { recursive: true });
  execFileSync("tar", [
    "-xzf",
    path.join(work, packed.filename),
    "-C",
    installed,
    "--strip-components=1",
  ]);
  return { files: packed.files.map((file) => file.path), installed };
}

/**
 * Gives `work/node_modules` every package of this repository's node_modules
 * (symbolic links, no network), next to the unpacked package: what
 * `npm install` of the tarball and the project's dependencies would give.
 */
export function linkDependencies(work: string): void {
  const from = path.join(ROOT, "node_modules");
  const to = path.join(work, "node_modules");
  fs.mkdirSync(to, { recursive: true });
  for (const entry of fs.readdirSync(from)) {
    if (entry === PACKAGE_NAME || fs.existsSync(path.join(to, entry))) continue;
    fs.symlinkSync(path.join(from, entry), path.join(to, entry), "dir");
  }
}
