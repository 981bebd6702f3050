/**
 * Pulumi's wire format for property values (what `RegisterResource` carries
 * in its `google.protobuf.Struct`), read and written the way the engine does:
 * secrets, unknowns, output values and resource references are objects or
 * strings with well-known signatures.
 */

/** The key that marks a special object on the wire (`"4dabf1…"`). */
export const SIG_KEY = "4dabf18193072939515e22adb298388d";
/** The signature of a secret: `{ [SIG_KEY]: SECRET_SIG, value }`. */
export const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
/** The signature of an output value: `{ [SIG_KEY]: OUTPUT_VALUE_SIG, value?, secret?, dependencies? }`. */
export const OUTPUT_VALUE_SIG = "d0e6a833031e9bbcd3f4e8bde6ca49a4";
/** The signature of a resource reference: `{ [SIG_KEY]: RESOURCE_SIG, urn, id? }`. */
export const RESOURCE_SIG = "5cf8f73096256a8f31e491e813e4eb8e";
/** An unknown value (a preview's "known after apply"), as the engine writes it. */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** A plain JSON-like object. */
export type WireObject = Record<string, unknown>;

/** A property value as the harness records it. */
export interface RecordedValue {
  /**
   * The value with secrets unwrapped and output values replaced by their
   * value; an unknown stays the string {@link UNKNOWN}.
   */
  value: WireObject;
  /**
   * Paths of the values marked secret on the wire, outermost only (a secret
   * object's own nested paths are not listed), e.g. `spec.containers[0].env[3].value`
   * or `metadata.annotations["pulumi.com/skipAwait"]`.
   */
  secretPaths: string[];
  /** Paths of the unknown values. */
  unknownPaths: string[];
  /** The value exactly as it was on the wire. */
  wire: WireObject;
}

function isObject(value: unknown): value is WireObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Whether `value` is a wire secret. */
export function isSecret(value: unknown): value is { value: unknown } {
  return isObject(value) && value[SIG_KEY] === SECRET_SIG;
}

/** `value` wrapped as a wire secret. */
export function secret(value: unknown): WireObject {
  return { [SIG_KEY]: SECRET_SIG, value };
}

/** The path of `key` under `path`: `a.b`, `a["x.y/z"]` or `a[0]`. */
export function childPath(path: string, key: string | number): string {
  if (typeof key === "number") return `${path}[${key}]`;
  if (/^[A-Za-z_$][\w$]*$/.test(key)) return path === "" ? key : `${path}.${key}`;
  return `${path}[${JSON.stringify(key)}]`;
}

/** Reads a wire value: unwraps secrets and output values, noting their paths. */
export function recordValue(wire: WireObject): RecordedValue {
  const secretPaths: string[] = [];
  const unknownPaths: string[] = [];
  const read = (value: unknown, path: string, inSecret: boolean): unknown => {
    if (value === UNKNOWN) {
      unknownPaths.push(path);
      return UNKNOWN;
    }
    if (Array.isArray(value)) return value.map((v, i) => read(v, childPath(path, i), inSecret));
    if (!isObject(value)) return value;
    if (value[SIG_KEY] === SECRET_SIG) {
      if (!inSecret) secretPaths.push(path);
      return read(value.value, path, true);
    }
    if (value[SIG_KEY] === OUTPUT_VALUE_SIG) {
      if (value.secret === true && !inSecret) secretPaths.push(path);
      if (!("value" in value)) {
        unknownPaths.push(path);
        return UNKNOWN;
      }
      return read(value.value, path, inSecret || value.secret === true);
    }
    if (value[SIG_KEY] === RESOURCE_SIG) return { urn: value.urn, id: value.id };
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, read(v, childPath(path, k), inSecret)]),
    );
  };
  return { value: read(wire, "", false) as WireObject, secretPaths, unknownPaths, wire };
}

/** Whether a wire value holds an unknown anywhere (secrets included). */
export function containsUnknown(value: unknown): boolean {
  if (value === UNKNOWN) return true;
  if (Array.isArray(value)) return value.some(containsUnknown);
  if (!isObject(value)) return false;
  if (value[SIG_KEY] === OUTPUT_VALUE_SIG && !("value" in value)) return true;
  return Object.values(value).some(containsUnknown);
}

/** Whether a wire value holds a secret anywhere. */
export function containsSecret(value: unknown): boolean {
  if (isSecret(value)) return true;
  if (Array.isArray(value)) return value.some(containsSecret);
  if (!isObject(value)) return false;
  if (value[SIG_KEY] === OUTPUT_VALUE_SIG && value.secret === true) return true;
  return Object.values(value).some(containsSecret);
}

/** A wire value without its secret markers (a secret's value in its place). */
export function stripSecrets(value: unknown): unknown {
  if (isSecret(value)) return stripSecrets(value.value);
  if (Array.isArray(value)) return value.map(stripSecrets);
  if (!isObject(value)) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, stripSecrets(v)]));
}

/**
 * Copies the secretness of the inputs `ins` to the provider outputs `outs`,
 * as pulumi-kubernetes' `annotateSecrets` does: where a key is an object on
 * both sides the copy recurses; otherwise an output value whose input holds a
 * secret anywhere is marked secret as a whole (so a list with one secret
 * entry becomes a secret list). Returns a new object.
 */
export function annotateSecrets(outs: WireObject, ins: unknown): WireObject {
  if (!isObject(ins)) return outs;
  const result: WireObject = { ...outs };
  for (const [key, inValue] of Object.entries(ins)) {
    if (!(key in result)) continue;
    const outValue = result[key];
    if (isObject(outValue) && !isSecret(outValue) && isObject(inValue) && !isSecret(inValue)) {
      result[key] = annotateSecrets(outValue, inValue);
    } else if (!isSecret(outValue) && containsSecret(inValue)) {
      result[key] = secret(outValue);
    }
  }
  return result;
}

/** Whether `path` is `ancestor` or lies inside it (`a.b[0]` lies inside `a` and `a.b`). */
export function isUnder(path: string, ancestor: string): boolean {
  if (ancestor === "") return true;
  return (
    path === ancestor ||
    (path.startsWith(ancestor) && (path[ancestor.length] === "." || path[ancestor.length] === "["))
  );
}

/** Whether the value at `path` was secret on the wire (itself or inside a secret). */
export function isSecretAt(recorded: RecordedValue, path: string): boolean {
  return recorded.secretPaths.some((secretPath) => isUnder(path, secretPath));
}

/** Whether the value at `path` was unknown on the wire (itself or inside an unknown). */
export function isUnknownAt(recorded: RecordedValue, path: string): boolean {
  return recorded.unknownPaths.some((unknownPath) => isUnder(path, unknownPath));
}
