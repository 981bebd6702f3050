/**
 * The one way to show a value in a message, and the one style of a message
 * about a wrong value: `must be X (got Y)`. Imports nothing of the library.
 */

/** `text`, cut to 80 characters (the last three `...`). */
function cut(text: string): string {
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/**
 * A short rendering of a value for a message: JSON, cut to 80 characters;
 * never throws.
 *
 * @param value - the value to show.
 */
export function show(value: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = describeThrown(value);
  }
  return cut(text);
}

/**
 * What kind of value `value` is, for a message: `null`, `an array`, `a string`...
 *
 * @param value - any value.
 */
export function kindOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (value === undefined) return "nothing";
  const type = typeof value;
  return type === "object" ? "an object" : `a ${type}`;
}

/**
 * A wrong value for the `got` part of a message: a string, number or boolean
 * with its kind and its value ({@link show}: `the string "x"`, `the number
 * 3`), anything else by its {@link kindOf | kind} (`an object`, `null`...).
 *
 * @param value - any value; only its type (or a scalar's value) is read.
 */
export function describe(value: unknown): string {
  if (typeof value === "string") return `the string ${show(value)}`;
  if (typeof value === "number" || typeof value === "boolean") {
    return `the ${typeof value} ${String(value)}`;
  }
  return kindOf(value);
}

/**
 * The message for a wrong value, in the library's one style:
 * `must be a string (got the number 3)`.
 *
 * @param expected - what the value must be: `a string`, `an object`...
 * @param value - the value given; shown with {@link describe}.
 */
export function mustBe(expected: string, value: unknown): string {
  return `must be ${expected} (got ${describe(value)})`;
}

/**
 * A rendering of anything thrown, for a message; never throws itself (a
 * null-prototype object, an object whose `toString` throws, a symbol).
 *
 * @param error - what was thrown or rejected with.
 */
export function describeThrown(error: unknown): string {
  try {
    if (error instanceof Error) return `${String(error.name)}: ${String(error.message)}`;
    if (typeof error === "object" && error !== null) {
      const json = JSON.stringify(error);
      if (json !== undefined && json !== "{}") return `the object ${cut(json)}`;
    }
    return cut(String(error));
  } catch {
    return `${kindOf(error)} that cannot be shown`;
  }
}
