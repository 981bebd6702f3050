/**
 * Secret values out of what a component prints: every warning it logs and
 * every error it throws goes through one {@link SecretRedactor}, which knows
 * the secret values the component met (those `resolve` noted) and
 * shows each as `[secret]`, with any quoted value built from one.
 *
 * The rules and validation stay unaware of secrets: they quote values as
 * they always did (`show`, JSON), and the text is scrubbed once, on its way
 * out. Where a secret can stand in a message:
 *
 * - quoted, as JSON (`"hunter2"`), alone or inside a larger quoted value
 *   (`"postgres://u:hunter2@db"`), or cut short by `show` (`"g3QAAAAD...`):
 *   the whole quoted value becomes `[secret]`;
 * - unquoted (a name, a path, a value written as it is): the secret's text
 *   becomes `[secret]`, wherever it stands, as Pulumi masks secret config in
 *   its log (a text shorter than 4 characters where it stands alone, not
 *   inside a word); a secret number where it stands as a number of its own.
 *
 * A value that is not secret is shown as it was; the path, the rule and what
 * to do stay. Object keys are not secret (a path keeps its field names).
 */
import type { RunnerPodIssue } from "../errors";
import { MAX_DEPTH } from "../rules/caller-data";

/** How a secret value is shown in a message. */
export const SECRET_MARK = "[secret]";

/**
 * The primitive leaves of secret values: their non-empty strings (`texts`)
 * and their other primitives (`others`), each once. A string holding one of
 * `texts` is secret (see `podInputs`), any other value equal to one of `others`.
 * An object is read once (a cycle, or an object met twice, is not read
 * again), down to the rules' {@link MAX_DEPTH}; data whose reading throws is
 * left out (the rules report it).
 *
 * @param secrets - the secret values met (objects included); not modified.
 */
export function secretLeaves(secrets: readonly unknown[]): {
  texts: string[];
  others: Set<unknown>;
} {
  const texts = new Set<string>();
  const others = new Set<unknown>();
  const seen = new Set<object>();
  const collect = (value: unknown, depth: number): void => {
    if (typeof value === "object" && value !== null) {
      if (seen.has(value) || depth > MAX_DEPTH) return;
      seen.add(value);
      for (const v of Object.values(value)) collect(v, depth + 1);
    } else if (typeof value === "string") {
      if (value !== "") texts.add(value);
    } else if (value !== undefined) {
      others.add(value);
    }
  };
  for (const secret of secrets) {
    try {
      collect(secret, 0);
    } catch {
      // A getter that throws: the rules report it at its path.
    }
  }
  return { texts: [...texts], others };
}

/**
 * The secret values one component met, and its messages without them. One
 * per component: values are noted as they resolve (before the rules run),
 * and every message it prints or throws goes through {@link text} or
 * {@link issue}.
 */
export class SecretRedactor {
  /** The forms of each secret text a message may hold, longest first. */
  private forms: string[] = [];
  /** The secret numbers, as text. */
  private numbers: string[] = [];

  /**
   * Notes secret values.
   *
   * @param secrets - values of secret Outputs (objects included); not modified.
   */
  note(secrets: readonly unknown[]): void {
    if (secrets.length === 0) return;
    const { texts, others } = secretLeaves(secrets);
    const forms = new Set(this.forms);
    for (const text of texts) {
      forms.add(text);
      forms.add(JSON.stringify(text).slice(1, -1));
    }
    this.forms = [...forms].sort((a, b) => b.length - a.length);
    const numbers = new Set(this.numbers);
    for (const other of others) {
      if (typeof other === "number" && Number.isFinite(other)) numbers.add(String(other));
    }
    this.numbers = [...numbers];
  }

  /**
   * `message` with each secret value it shows as `[secret]`: a quoted value
   * (JSON string, maybe cut short by `show`) holding a secret as a whole,
   * elsewhere the secret's text.
   *
   * @param message - a warning or an error message.
   */
  text(message: string): string {
    if (this.forms.length === 0 && this.numbers.length === 0) return message;
    let out = "";
    let at = 0;
    for (const literal of quotedValues(message)) {
      out += this.unquoted(message.slice(at, literal.start));
      const quoted = message.slice(literal.start, literal.end);
      out += this.holdsSecret(quoted, literal.cut) ? SECRET_MARK : quoted;
      at = literal.end;
    }
    return out + this.unquoted(message.slice(at));
  }

  /**
   * A copy of `issue` whose path and message show no secret (its other
   * fields as they are).
   *
   * @param issue - an issue of the rules or of validation; not modified.
   */
  issue<T extends RunnerPodIssue>(issue: T): T {
    return { ...issue, path: this.text(issue.path), message: this.text(issue.message) };
  }

  /** Whether a quoted value holds a secret, or (cut short) the start of one. */
  private holdsSecret(quoted: string, cut: boolean): boolean {
    return this.forms.some(
      (form) => quoted.includes(form) || (cut && endsWithStartOf(quoted, CUT.length, form) > 0),
    );
  }

  /** Text outside quoted values: each secret text, or the start of one cut short, as `[secret]`. */
  private unquoted(text: string): string {
    if (text === "") return text;
    const spans: [number, number][] = [];
    for (const form of this.forms) {
      for (let i = text.indexOf(form); i !== -1; i = text.indexOf(form, i + 1)) {
        const end = i + form.length;
        if (form.length >= WITHIN_WORDS || standsAlone(text, i, end, WORD)) spans.push([i, end]);
      }
      for (let i = text.indexOf(CUT); i !== -1; i = text.indexOf(CUT, i + 1)) {
        const k = endsWithStartOf(text.slice(0, i + CUT.length), CUT.length, form);
        if (k > 0) spans.push([i - k, i + CUT.length]);
      }
    }
    for (const number of this.numbers) {
      for (let i = text.indexOf(number); i !== -1; i = text.indexOf(number, i + 1)) {
        const end = i + number.length;
        if (standsAlone(text, i, end, NUMBER_NEIGHBOUR)) spans.push([i, end]);
      }
    }
    if (spans.length === 0) return text;
    spans.sort((a, b) => a[0] - b[0]);
    let out = "";
    let at = 0;
    for (const [start, end] of spans) {
      if (end <= at) continue; // inside the span before
      if (start >= at) out += text.slice(at, start) + SECRET_MARK; // else it extends that span
      at = end;
    }
    return out + text.slice(at);
  }
}

/**
 * Characters that make a number part of something larger: a digit, a
 * letter, a point, an index bracket (`env[0]`), a sign.
 */
const NUMBER_NEIGHBOUR = /[\w.[\]+-]/;

/** A character of a word. */
const WORD = /\w/;

/**
 * How long a secret text must be to be hidden inside words of a message
 * (a runner name built from a secret id: `...x2x[secret]`). A shorter one is
 * hidden where it stands alone: a secret `b` does not eat the message's words.
 * (Inside a quoted value, any secret text makes it `[secret]`.)
 */
const WITHIN_WORDS = 4;

/** Whether `text[start, end)` has no `neighbour` character on either side. */
function standsAlone(text: string, start: number, end: number, neighbour: RegExp): boolean {
  return !neighbour.test(text[start - 1] ?? "") && !neighbour.test(text[end] ?? "");
}

/**
 * How `show` ends a value it cut short: its first 77 characters, then `...`
 * (80 in all). Kept in step with `show` (src/issues/message.ts) by the tests
 * of this module.
 */
const CUT = "...";
const CUT_AT = 77;

/**
 * How many characters before the last `tail` characters of `text` are the
 * first characters of `form` (0 when none, or when `text` does not end with
 * the cut mark).
 */
function endsWithStartOf(text: string, tail: number, form: string): number {
  if (!text.endsWith(CUT)) return 0;
  const end = text.length - tail;
  for (let k = Math.min(form.length, end); k > 0; k--) {
    if (text.startsWith(form.slice(0, k), end - k)) return k;
  }
  return 0;
}

/** A quoted value (a JSON string) in a message: where it starts and ends, and whether `show` cut it. */
interface QuotedValue {
  start: number;
  end: number;
  cut: boolean;
}

/**
 * The JSON strings of a message, quotes included, in order. A string `show`
 * cut short has no closing quote: it ends with the cut mark, 77 characters
 * after the start of what `show` rendered (the string's own quote, or the
 * `{` or `[` of the object or array it is in). A quote without its closing
 * quote on the same line is text.
 */
function quotedValues(message: string): QuotedValue[] {
  const found: QuotedValue[] = [];
  let i = message.indexOf('"');
  while (i !== -1) {
    const end = quotedEnd(message, i);
    if (end === undefined) {
      i = message.indexOf('"', i + 1);
      continue;
    }
    found.push({ start: i, end: end.at, cut: end.cut });
    i = message.indexOf('"', end.at);
  }
  return found;
}

/** Where the JSON string opening at `open` ends, or `undefined` (no end on its line). */
function quotedEnd(message: string, open: number): { at: number; cut: boolean } | undefined {
  for (let j = open + 1; j < message.length; j++) {
    if (isCutAt(message, j, open)) return { at: j + CUT.length, cut: true };
    const c = message[j];
    if (c === '"') return { at: j + 1, cut: false };
    if (c === "\n") return undefined;
    if (c === "\\") {
      // An escape cut in two by show: the cut mark comes after the backslash.
      if (isCutAt(message, j + 1, open)) return { at: j + 1 + CUT.length, cut: true };
      j++;
    }
  }
  return undefined;
}

/** Whether `show`'s cut mark stands at `j`, for a rendering that started at or before `open`. */
function isCutAt(message: string, j: number, open: number): boolean {
  const start = j - CUT_AT;
  return (
    start >= 0 && start <= open && message.startsWith(CUT, j) && '"{['.includes(message[start])
  );
}
