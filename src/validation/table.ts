/**
 * The types of the generated Pod field table
 * (`src/validation/generated/pod-schema.json`, written by
 * `scripts/generate-pod-schema.ts` from the `.d.ts` files of
 * `kubernetes-models`), and the committed table itself.
 */
import podSchemaJson from "./generated/pod-schema.json";

/**
 * The kind of one property in the generated table:
 *
 * - `"string"`, `"boolean"`, `"number"`, `"integer"` (int64), `"int32"`;
 * - `"quantity"` (`resource.Quantity`), `"intOrString"` (`intstr.IntOrString`),
 *   `"time"` (`metav1.Time` or `MicroTime`, an RFC 3339 string);
 * - `"free-form"`: any JSON value (`FieldsV1`, `RawExtension`);
 * - `{ enum }`: one of the listed strings; `{ ref }`: an object type of the table;
 * - `{ array }`: a list of the kind; `{ map }`: an object with string keys and values of the kind.
 */
export type SchemaKind =
  | "string"
  | "boolean"
  | "number"
  | "integer"
  | "int32"
  | "quantity"
  | "intOrString"
  | "time"
  | "free-form"
  | { enum: string[] }
  | { ref: string }
  | { array: SchemaKind }
  | { map: SchemaKind };

/** One object type of the generated table. */
export interface SchemaObjectType {
  /** The OpenAPI name, for example `io.k8s.api.core.v1.Container`. */
  openapi: string;
  /** Properties the `.d.ts` declares non-optional, in declaration order. */
  required: string[];
  /** Every property with its kind, in declaration order. */
  properties: Record<string, SchemaKind>;
}

/** The generated file: a field table rooted at `root`. */
export interface PodSchemaFile {
  /** Where the table comes from. */
  $comment: string;
  /** The packages read, with their versions. */
  source: Record<string, string>;
  /** The type of the document root (`Pod`). */
  root: string;
  /** Every object type reachable from the root, by short name (`Container`), sorted. */
  types: Record<string, SchemaObjectType>;
}

/**
 * The committed Pod field table. The JSON module's inferred type widens the
 * kind strings, hence the cast; a unit test regenerates the table and
 * compares, so the file always has this shape.
 */
export const POD_SCHEMA: PodSchemaFile = podSchemaJson as unknown as PodSchemaFile;
