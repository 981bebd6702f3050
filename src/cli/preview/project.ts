/**
 * Reads a Pulumi project directory the way the Pulumi CLI does for a nodejs
 * program: `Pulumi.yaml` (name, main) and the stack's `Pulumi.<stack>.yaml`
 * (config).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";

/** A Pulumi project ready to run. */
export interface PulumiProject {
  /** The project name: the prefix of its config keys. */
  name: string;
  /** The stack name. */
  stack: string;
  /** The absolute project directory (where `Pulumi.yaml` is). */
  dir: string;
  /** The absolute path of the program entry (`main`, or the directory's `index.ts`). */
  program: string;
  /** Stack config, keys in `<project>:<key>` form, values as Pulumi stores them (strings). */
  config: Record<string, string>;
}

/** Thrown when a project directory cannot be run; the message is for the user. */
export class ProjectError extends Error {
  override readonly name = "ProjectError";
}

function readYamlObject(file: string): Record<string, unknown> | undefined {
  if (!fs.existsSync(file)) {
    return undefined;
  }
  const value: unknown = parse(fs.readFileSync(file, "utf8"));
  if (value === null || value === undefined) {
    return {};
  }
  if (typeof value !== "object" || Array.isArray(value)) {
    throw new ProjectError(`${file}: expected a YAML mapping`);
  }
  return value as Record<string, unknown>;
}

/** Pulumi keeps config values as strings; structured values as JSON. */
function configValue(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}

function programEntry(dir: string, main: unknown): string {
  const base = typeof main === "string" ? path.resolve(dir, main) : dir;
  const candidates = [base, `${base}.ts`, path.join(base, "index.ts")];
  const found = candidates.find((file) => fs.existsSync(file) && fs.statSync(file).isFile());
  if (found === undefined) {
    throw new ProjectError(`${dir}: no program found (looked for ${candidates.join(", ")})`);
  }
  return found;
}

/**
 * Loads a project and the config of one of its stacks.
 *
 * @param dir - the project directory (absolute or relative to the cwd).
 * @param stack - the stack whose `Pulumi.<stack>.yaml` holds the config; a
 *   missing file means no config.
 * @param overrides - config that wins over the stack file, keys with or
 *   without the `<project>:` prefix.
 * @throws ProjectError when there is no `Pulumi.yaml`, no name or no program.
 */
export function loadProject(
  dir: string,
  stack: string,
  overrides: Readonly<Record<string, string>> = {},
): PulumiProject {
  const projectDir = path.resolve(dir);
  const projectFile = path.join(projectDir, "Pulumi.yaml");
  const project = readYamlObject(projectFile);
  if (project === undefined) {
    throw new ProjectError(`${projectDir}: not a Pulumi project (no Pulumi.yaml)`);
  }
  if (typeof project.name !== "string" || project.name === "") {
    throw new ProjectError(`${projectFile}: no project name`);
  }
  const name = project.name;
  const stackFile = readYamlObject(path.join(projectDir, `Pulumi.${stack}.yaml`)) ?? {};
  const stackConfig = stackFile.config;
  const config: Record<string, string> = {};
  if (typeof stackConfig === "object" && stackConfig !== null && !Array.isArray(stackConfig)) {
    for (const [key, value] of Object.entries(stackConfig)) {
      config[key] = configValue(value);
    }
  }
  for (const [key, value] of Object.entries(overrides)) {
    config[key.includes(":") ? key : `${name}:${key}`] = value;
  }
  return { name, stack, dir: projectDir, program: programEntry(projectDir, project.main), config };
}
