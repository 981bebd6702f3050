/**
 * The one path builder of the library, in the spirit of Kubernetes'
 * `field.Path`: every issue names where it is with a path built here, spelled
 * `spec.containers[0].env[4].value`, a map key that is not an identifier
 * quoted: `metadata.labels["app.kubernetes.io/name"]`. Imports nothing of the
 * library.
 */

/** One step of a path: a field name or map key (string), or a list index (number). */
export type PathSegment = string | number;

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/**
 * Spells a path: `spec.containers[0].env[4].value`; a map key that is not
 * an identifier is quoted: `metadata.labels["app.kubernetes.io/name"]`.
 *
 * @param segments - field names, map keys and list indexes, from the root.
 * @param prefix - the path of the root, which the segments follow
 *   (`callback` + `spec`, `containers`, 0 → `callback.spec.containers[0]`).
 *   Default: none, and the empty path is called `manifest`.
 */
export function formatPath(segments: readonly PathSegment[], prefix?: string): string {
  let out = prefix ?? "";
  for (const segment of segments) {
    if (typeof segment === "number") out += `[${segment}]`;
    else if (!IDENTIFIER.test(segment)) out += `[${JSON.stringify(segment)}]`;
    else out += out === "" ? segment : `.${segment}`;
  }
  return out === "" ? "manifest" : out;
}

/**
 * A field path, immutable: each step returns a new path and shares its
 * parent, so building a path costs one small object per step and spelling it
 * happens only when an issue is reported ({@link FieldPath.toString}).
 *
 * @example
 * ```ts
 * FieldPath.root("callback").child("spec", "containers").index(0).child("env").index(4);
 * // callback.spec.containers[0].env[4]
 * FieldPath.root().child("metadata", "labels").key("app.kubernetes.io/name");
 * // metadata.labels["app.kubernetes.io/name"]
 * ```
 */
export class FieldPath {
  private constructor(
    private readonly parent: FieldPath | undefined,
    private readonly segment: PathSegment | undefined,
  ) {}

  /**
   * A path's root.
   *
   * @param name - the root's name (`parentPod`, `callback`, `options`,
   *   `args`...). Default: none, the root of a manifest, whose children are
   *   spelled `spec`, `metadata`... (and which alone is spelled `manifest`).
   */
  static root(name?: string): FieldPath {
    const root = new FieldPath(undefined, undefined);
    return name === undefined ? root : root.child(name);
  }

  /**
   * The path of a field below this one.
   *
   * @param names - one field name, or several for a path down several fields.
   */
  child(...names: string[]): FieldPath {
    return this.at(...names);
  }

  /**
   * The path of a list item.
   *
   * @param index - its index in the list.
   */
  index(index: number): FieldPath {
    return new FieldPath(this, index);
  }

  /**
   * The path of a map entry (a label, an env map's variable...): spelled as
   * a field when the key is an identifier, else quoted.
   *
   * @param key - the map key.
   */
  key(key: string): FieldPath {
    return new FieldPath(this, key);
  }

  /**
   * The path of what `segments` name below this one: numbers are list
   * indexes, strings field names or map keys.
   *
   * @param segments - from this path down.
   */
  at(...segments: readonly PathSegment[]): FieldPath {
    return segments.reduce<FieldPath>((path, segment) => new FieldPath(path, segment), this);
  }

  /** The segments from the root down. */
  segments(): PathSegment[] {
    const out = this.parent === undefined ? [] : this.parent.segments();
    if (this.segment !== undefined) out.push(this.segment);
    return out;
  }

  /** The path spelled out, as {@link formatPath} spells it. */
  toString(): string {
    return formatPath(this.segments());
  }
}
