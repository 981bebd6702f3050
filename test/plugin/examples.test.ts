import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import {
  goldenSchema,
  type PackageSchema,
  type SchemaProperty,
  type SchemaResource,
} from "./provider";

const EXAMPLES = path.resolve(__dirname, "../../examples");
const TOKEN = "flame-k8s:index:FlameRunnerPod";
const TYPE_PREFIX = "#/types/";

const schema: PackageSchema = goldenSchema();
const component: SchemaResource = schema.resources[TOKEN];

function read(example: string, file: string): string {
  return fs.readFileSync(path.join(EXAMPLES, example, file), "utf8");
}

/** The schema properties of the local type a `$ref` names, or undefined for any other reference. */
function localType(ref: string | undefined): Record<string, SchemaProperty> | undefined {
  if (ref === undefined || !ref.startsWith(TYPE_PREFIX)) return undefined;
  const type = schema.types[ref.slice(TYPE_PREFIX.length)];
  assert.ok(type, `the schema has no type ${ref}`);
  return type.properties;
}

/**
 * Checks a value of a Pulumi YAML program against the schema property it is
 * given for: every key of an object type must be a property of that type, at
 * any depth. Interpolations (`${...}`) are not looked into.
 */
function checkValue(value: unknown, property: SchemaProperty, at: string): void {
  if (typeof value === "string" && value.startsWith("${")) return;
  const properties = localType(property.$ref);
  if (properties) {
    assert.ok(typeof value === "object" && value !== null, `${at}: expected an object`);
    checkObject(value as Record<string, unknown>, properties, at);
  } else if (property.type === "array") {
    assert.ok(Array.isArray(value), `${at}: expected a list`);
    value.forEach((item, i) => checkValue(item, property.items ?? {}, `${at}[${i}]`));
  }
}

function checkObject(
  value: Record<string, unknown>,
  properties: Record<string, SchemaProperty>,
  at: string,
): void {
  for (const [key, item] of Object.entries(value)) {
    assert.ok(key in properties, `${at}.${key} is not in the schema`);
    checkValue(item, properties[key], `${at}.${key}`);
  }
}

/** `snake_case` as the schema's `camelCase`. */
function camel(name: string): string {
  return name.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());
}

/** A call of the generated SDK in a Python program: the class and its keyword arguments. */
interface PythonCall {
  name: string;
  keywords: string[];
  /** The variable the result is assigned to, if any. */
  variable?: string;
}

/**
 * The calls `<alias>.<Class>(...)` in a Python source, where `alias` is how
 * the program imports the generated SDK; keyword arguments at the call's own
 * depth only (those of nested calls belong to those).
 */
function pythonCalls(source: string, alias: string): PythonCall[] {
  const calls: PythonCall[] = [];
  const start = new RegExp(`(?:(\\w+)\\s*=\\s*)?\\b${alias}\\.(\\w+)\\(`, "g");
  for (const match of source.matchAll(start)) {
    const keywords: string[] = [];
    let depth = 1;
    let i = (match.index ?? 0) + match[0].length;
    let segment = "";
    for (; i < source.length && depth > 0; i++) {
      const c = source[i];
      if ("([{".includes(c)) depth++;
      if (")]}".includes(c)) depth--;
      if (depth === 1 && c === ",") segment = "";
      else if (depth === 1 && c === "=" && /^\s*\w+\s*$/.test(segment)) {
        keywords.push(segment.trim());
      } else if (depth === 1) segment += c;
    }
    calls.push({ name: match[2], keywords, variable: match[1] });
  }
  return calls;
}

describe("plugin examples: every property the YAML and Python programs use is in the golden schema", () => {
  describe("yaml-basic", () => {
    const program = parse(read("yaml-basic", "Pulumi.yaml")) as {
      runtime: string;
      packages: Record<string, string>;
      resources: Record<string, { type: string; properties?: Record<string, unknown> }>;
      outputs: Record<string, string>;
    };
    const runners = Object.entries(program.resources).filter(([, r]) => r.type === TOKEN);

    it("is a Pulumi YAML project that adds the plugin folder as the flame-k8s package", () => {
      assert.equal(program.runtime, "yaml");
      assert.equal(
        path.resolve(EXAMPLES, "yaml-basic", program.packages["flame-k8s"]),
        path.resolve(__dirname, "../../provider"),
      );
      assert.equal(runners.length, 1);
    });

    it("gives the runner only inputs the schema has, at every depth, and the required ones", () => {
      for (const [name, resource] of runners) {
        const properties = resource.properties ?? {};
        checkObject(properties, component.inputProperties, name);
        for (const required of component.requiredInputs) {
          assert.ok(required in properties, `${name} lacks the required ${required}`);
        }
      }
    });

    it("reads only outputs the schema has", () => {
      const used = JSON.stringify(program.outputs).matchAll(/\$\{(\w+)\.(\w+)\}/g);
      const names = new Set(runners.map(([name]) => name));
      let count = 0;
      for (const [, resource, output] of used) {
        if (!names.has(resource)) continue;
        count++;
        assert.ok(output in component.properties, `${resource}.${output} is not an output`);
      }
      assert.ok(count > 0);
    });
  });

  describe("python-basic", () => {
    const source = read("python-basic", "__main__.py");
    const alias = /^import pulumi_flame_k8s as (\w+)$/m.exec(source)?.[1] ?? "";
    const calls = pythonCalls(source, alias);

    it("is a Pulumi Python project that adds the plugin folder as the flame-k8s package", () => {
      const project = parse(read("python-basic", "Pulumi.yaml")) as {
        runtime: { name: string };
        packages: Record<string, string>;
      };
      assert.equal(project.runtime.name, "python");
      assert.equal(
        path.resolve(EXAMPLES, "python-basic", project.packages["flame-k8s"]),
        path.resolve(__dirname, "../../provider"),
      );
      assert.notEqual(alias, "", "the program imports pulumi_flame_k8s as an alias");
      assert.deepEqual(
        calls.map((c) => c.name),
        ["FlameRunnerPod", "FlameRunnerPodTemplateArgs", "EnvVarArgs", "ResourceRequirementsArgs"],
      );
    });

    it("passes only keyword arguments the schema has, and the required ones", () => {
      for (const call of calls) {
        const properties =
          call.name === "FlameRunnerPod"
            ? component.inputProperties
            : localType(`${TYPE_PREFIX}flame-k8s:index:${call.name.replace(/Args$/, "")}`);
        assert.ok(properties, `${call.name} is not in the schema`);
        for (const keyword of call.keywords) {
          assert.ok(camel(keyword) in properties, `${call.name}(${keyword}=) is not in the schema`);
        }
      }
      const runner = calls.find((c) => c.name === "FlameRunnerPod");
      for (const required of component.requiredInputs) {
        assert.ok(runner?.keywords.map(camel).includes(required), `lacks ${required}`);
      }
    });

    it("reads only outputs the schema has", () => {
      const variable = calls.find((c) => c.name === "FlameRunnerPod")?.variable ?? "";
      const used = [...source.matchAll(new RegExp(`\\b${variable}\\.(\\w+)`, "g"))];
      assert.ok(used.length > 0);
      for (const [, output] of used) {
        assert.ok(camel(output) in component.properties, `${variable}.${output} is not an output`);
      }
    });
  });
});
