/**
 * Kubernetes resource quantities (`resource.Quantity` of apimachinery): the
 * parser the API server runs on `"500m"`, `"1Gi"` or `"1e3"`, and an exact
 * comparison of two quantities. Pure, no dependencies.
 *
 * Grammar, as in `k8s.io/apimachinery/pkg/api/resource/quantity.go`:
 *
 * ```
 * <quantity>        ::= <signedNumber><suffix>
 * <signedNumber>    ::= <number> | <sign><number>
 * <sign>            ::= "+" | "-"
 * <number>          ::= <digits> | <digits>.<digits> | <digits>. | .<digits>
 * <suffix>          ::= <binarySI> | <decimalExponent> | <decimalSI>
 * <binarySI>        ::= Ki | Mi | Gi | Ti | Pi | Ei
 * <decimalSI>       ::= n | u | m | "" | k | M | G | T | P | E
 * <decimalExponent> ::= "e" <signedInteger> | "E" <signedInteger>
 * ```
 */

/** A parsed quantity: `sign * digits * 10^exp10 * 2^exp2`. */
export interface Quantity {
  /** The text as written (a JSON number is written as JavaScript prints it). */
  readonly text: string;
  /** Whether the value is below zero. */
  readonly negative: boolean;
  /** The power of ten applied to the digits (fraction digits and decimal suffix). */
  readonly exp10: number;
  /** The power of two applied to the digits (binary suffix). */
  readonly exp2: number;
  /** The value as a floating-point number (may round; exact comparison uses the text). */
  readonly approx: number;
  /** The number's digits, point removed, as a floating-point number (exact up to 2^53). */
  readonly mantissa: number;
  /** Where the number's digits are in `text`: integer part `[intStart, intEnd)`, fraction `[intEnd + 1, fracEnd)`. */
  readonly intStart: number;
  /** End of the integer digits. */
  readonly intEnd: number;
  /** End of the fraction digits (equals `intEnd` when there is no point). */
  readonly fracEnd: number;
}

/** Why a text is not a quantity. */
export interface QuantityError {
  /** What is wrong, for a message. */
  readonly reason: string;
  /** A corrected spelling, when the mistake is a well-known one (`256MB` -> `256M`, `256Mi`). */
  readonly suggestions: readonly string[];
}

const BINARY_SUFFIXES: readonly string[] = ["Ki", "Mi", "Gi", "Ti", "Pi", "Ei"];

/** The suffixes a quantity may end with, for messages. */
export const QUANTITY_SUFFIXES: readonly string[] = [
  "n",
  "u",
  "m",
  "k",
  "M",
  "G",
  "T",
  "P",
  "E",
  ...BINARY_SUFFIXES,
];

/** The power of ten of a one-letter decimal suffix, or `undefined`. */
function decimalSuffix(code: number): number | undefined {
  switch (code) {
    case 110 /* n */:
      return -9;
    case 117 /* u */:
      return -6;
    case 109 /* m */:
      return -3;
    case 107 /* k */:
      return 3;
    case 77 /* M */:
      return 6;
    case 71 /* G */:
      return 9;
    case 84 /* T */:
      return 12;
    case 80 /* P */:
      return 15;
    case 69 /* E */:
      return 18;
    default:
      return undefined;
  }
}

/**
 * The power of two of a binary suffix (`Ki`...`Ei`) by its first letter, or
 * `undefined`: 10 for the first of {@link BINARY_SUFFIXES}, 20 for the next...
 */
function binarySuffix(code: number): number | undefined {
  for (let i = 0; i < BINARY_SUFFIXES.length; i++) {
    if (BINARY_SUFFIXES[i].charCodeAt(0) === code) return 10 * (i + 1);
  }
  return undefined;
}

/** Whether the character may start a suffix, as the API server scans it (`eEinumkKMGTP`). */
function isSuffixChar(code: number): boolean {
  switch (code) {
    case 101 /* e */:
    case 69 /* E */:
    case 105 /* i */:
    case 110 /* n */:
    case 117 /* u */:
    case 109 /* m */:
    case 107 /* k */:
    case 75 /* K */:
    case 77 /* M */:
    case 71 /* G */:
    case 84 /* T */:
    case 80 /* P */:
      return true;
    default:
      return false;
  }
}

/** 2^0, 2^10, ... 2^60: the binary suffixes' factors. */
const POW2: readonly number[] = [1, 2 ** 10, 2 ** 20, 2 ** 30, 2 ** 40, 2 ** 50, 2 ** 60];
const POW10: readonly number[] = Array.from({ length: 41 }, (_, i) => Number(`1e${i - 20}`));

/** 10^n, from a table for the usual range (Math.pow is slow in V8 for this). */
function pow10(n: number): number {
  return n >= -20 && n <= 20 ? POW10[n + 20] : Number(`1e${n}`);
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/**
 * Parses a quantity the way the API server does when it decodes JSON: a
 * string (surrounding spaces ignored) or a finite number.
 *
 * @param value - the field's value.
 * @returns the quantity, or why it is not one.
 */
export function parseQuantity(value: string | number): Quantity | QuantityError {
  if (typeof value === "number") {
    if (!Number.isFinite(value)) return { reason: `${value} is not a number`, suggestions: [] };
    return parseQuantityText(String(value));
  }
  const last = value.length - 1;
  return last >= 0 && (value.charCodeAt(0) <= 32 || value.charCodeAt(last) <= 32)
    ? parseQuantityText(value.trim())
    : parseQuantityText(value);
}

/** Whether a {@link parseQuantity} result is an error. */
export function isQuantityError(result: Quantity | QuantityError): result is QuantityError {
  return "reason" in result;
}

function parseQuantityText(str: string): Quantity | QuantityError {
  const end = str.length;
  if (end === 0) return { reason: "it is empty", suggestions: [] };
  let pos = 0;
  let negative = false;
  const first = str.charCodeAt(0);
  if (first === 45 /* - */) {
    negative = true;
    pos++;
  } else if (first === 43 /* + */) {
    pos++;
  }
  const intStart = pos;
  let mantissa = 0;
  let code = 0;
  while (pos < end && isDigit((code = str.charCodeAt(pos)))) {
    mantissa = mantissa * 10 + (code - 48);
    pos++;
  }
  const intEnd = pos;
  let fracEnd = pos;
  let fracDigits = 0;
  if (pos < end && str.charCodeAt(pos) === 46 /* . */) {
    pos++;
    while (pos < end && isDigit((code = str.charCodeAt(pos)))) {
      mantissa = mantissa * 10 + (code - 48);
      pos++;
    }
    fracEnd = pos;
    fracDigits = fracEnd - intEnd - 1;
  }
  const nonZero = mantissa !== 0;
  const numberEnd = pos;
  if (intEnd === intStart && fracDigits <= 0) {
    return { reason: "it has no digits", suggestions: [] };
  }
  // As the API server: suffix letters, then an optional sign and digits (an exponent).
  while (pos < end && isSuffixChar(str.charCodeAt(pos))) pos++;
  if (pos < end && (str.charCodeAt(pos) === 43 || str.charCodeAt(pos) === 45)) pos++;
  while (pos < end && isDigit(str.charCodeAt(pos))) pos++;
  if (pos < end) {
    return {
      reason: `unexpected "${str[pos]}" at position ${pos + 1}`,
      suggestions: suggestFor(str, numberEnd),
    };
  }
  let exp10 = 0;
  let exp2 = 0;
  const suffixLength = end - numberEnd;
  if (suffixLength === 0) {
    // no suffix
  } else if (suffixLength === 1 && decimalSuffix(str.charCodeAt(numberEnd)) !== undefined) {
    exp10 = decimalSuffix(str.charCodeAt(numberEnd)) as number;
  } else if (suffixLength === 2 && str.charCodeAt(end - 1) === 105 /* i */) {
    const power = binarySuffix(str.charCodeAt(numberEnd));
    if (power === undefined) {
      return {
        reason: `unknown suffix "${str.slice(numberEnd)}"`,
        suggestions: suggestFor(str, numberEnd),
      };
    }
    exp2 = power;
  } else {
    const suffix = str.slice(numberEnd);
    if (suffix.length > 1 && (suffix[0] === "e" || suffix[0] === "E")) {
      const exponent = suffix.slice(1);
      if (!/^[+-]?\d+$/.test(exponent)) {
        return { reason: `"${suffix}" is not a decimal exponent`, suggestions: [] };
      }
      exp10 = Number(exponent);
    } else {
      return { reason: `unknown suffix "${suffix}"`, suggestions: suggestFor(str, numberEnd) };
    }
  }
  const scale = exp10 - fracDigits;
  const approx = (negative ? -mantissa : mantissa) * pow10(scale) * POW2[exp2 / 10];
  return {
    text: str,
    negative: negative && nonZero,
    exp10: exp10 - (fracDigits > 0 ? fracDigits : 0),
    exp2,
    approx,
    mantissa,
    intStart,
    intEnd,
    fracEnd,
  };
}

/** Corrections for a wrong suffix: `MB` -> `M`, `Mi`; `K` -> `k`, `Ki`; `gi` -> `Gi`. */
function suggestFor(str: string, numberEnd: number): string[] {
  const number = str.slice(0, numberEnd);
  if (number === "" || number === "-" || number === "+") return [];
  const suffix = str.slice(numberEnd).replace(/[Bb]$/, "");
  const matching = (same: (a: string, b: string) => boolean): string[] =>
    QUANTITY_SUFFIXES.filter((c) => same(c, suffix) || same(c, `${suffix}i`)).map(
      (c) => number + c,
    );
  const exact = matching((a, b) => a === b);
  if (suffix === "K") exact.unshift(`${number}k`);
  return exact.length > 0
    ? exact
    : matching((a, b) => a.toLowerCase() === b.toLowerCase() && a.length === b.length);
}

/**
 * Compares two quantities exactly (`"1Gi"` and `"1073741824"` are equal).
 *
 * @returns a negative number when `a < b`, zero when equal, a positive number when `a > b`.
 */
export function compareQuantities(a: Quantity, b: Quantity): number {
  // Fast path: same scale and mantissas small enough to be exact doubles.
  if (
    a.exp10 === b.exp10 &&
    a.exp2 === b.exp2 &&
    a.mantissa <= Number.MAX_SAFE_INTEGER &&
    b.mantissa <= Number.MAX_SAFE_INTEGER
  ) {
    const ma = a.negative ? -a.mantissa : a.mantissa;
    const mb = b.negative ? -b.mantissa : b.mantissa;
    return ma === mb ? 0 : ma < mb ? -1 : 1;
  }
  const diff = a.approx - b.approx;
  const scale = Math.max(Math.abs(a.approx), Math.abs(b.approx));
  if (Number.isFinite(diff) && Math.abs(diff) > scale * 1e-9) return diff;
  if (
    Math.abs(a.exp10) > 400 ||
    Math.abs(b.exp10) > 400 ||
    a.fracEnd - a.intStart > 400 ||
    b.fracEnd - b.intStart > 400
  ) {
    return diff; // beyond any real resource; the approximation decides
  }
  const exact = (q: Quantity, min10: number, min2: number): bigint => {
    const magnitude =
      BigInt(digitsOf(q)) * 10n ** BigInt(q.exp10 - min10) * 2n ** BigInt(q.exp2 - min2);
    return q.negative ? -magnitude : magnitude;
  };
  const min10 = Math.min(a.exp10, b.exp10);
  const min2 = Math.min(a.exp2, b.exp2);
  const ea = exact(a, min10, min2);
  const eb = exact(b, min10, min2);
  return ea === eb ? 0 : ea < eb ? -1 : 1;
}

/** The digits of a quantity's number without its point (`"0"` when there are none). */
function digitsOf(q: Quantity): string {
  const fraction = q.fracEnd > q.intEnd ? q.text.slice(q.intEnd + 1, q.fracEnd) : "";
  return q.text.slice(q.intStart, q.intEnd) + fraction || "0";
}

/** The decimal SI suffixes by power of ten, as the API server prints them. */
const DECIMAL_SUFFIX_BY_EXPONENT: Readonly<Record<number, string>> = {
  [-9]: "n",
  [-6]: "u",
  [-3]: "m",
  0: "",
  3: "k",
  6: "M",
  9: "G",
  12: "T",
  15: "P",
  18: "E",
};

/**
 * The canonical form the API server gives a quantity (`Quantity.String()`
 * of apimachinery), which some of its checks compare with a list
 * (`resourceFieldRef.divisor`): `"1000m"` is `"1"`, `"0.5"` is `"500m"`,
 * `"1024Mi"` is `"1Gi"`, `"1024"` stays `"1024"`, `"1e3"` stays `"1e3"`.
 *
 * As the API server: the value is rounded up (away from zero) to a multiple
 * of 1n; the format is the suffix's (binary `Ki`..., decimal exponent
 * `e3`, else decimal SI); a binary quantity below 1024 in magnitude, or not
 * a whole number, is printed as decimal SI; a decimal one as its digits
 * without trailing zeros and a power of ten that is a multiple of 3.
 *
 * @param q - a parsed quantity ({@link parseQuantity}).
 */
export function canonicalQuantity(q: Quantity): string {
  const suffix = q.text.slice(q.fracEnd);
  const exponentFormat = suffix.length > 1 && (suffix[0] === "e" || suffix[0] === "E");
  // The magnitude is digits * 2^exp2 * 10^exp10, written as n / 10^scale.
  let n = BigInt(digitsOf(q)) * 2n ** BigInt(q.exp2);
  let scale = 0;
  if (q.exp10 >= 0) n *= 10n ** BigInt(q.exp10);
  else scale = -q.exp10;
  if (scale > 9) {
    // Rounded up to 1n (ParseQuantity: inf.RoundUp at scale 9).
    const unit = 10n ** BigInt(scale - 9);
    n = (n + unit - 1n) / unit;
    scale = 9;
  }
  if (n === 0n) return "0";
  const sign = q.negative ? "-" : "";
  if (q.exp2 > 0 && scale === 0 && n >= 1024n) {
    let exponent = 0;
    while (exponent < 6 && n % 1024n === 0n) {
      n /= 1024n;
      exponent++;
    }
    return `${sign}${n}${exponent === 0 ? "" : BINARY_SUFFIXES[exponent - 1]}`;
  }
  let exponent = -scale;
  while (n % 10n === 0n) {
    n /= 10n;
    exponent++;
  }
  const shift = ((exponent % 3) + 3) % 3;
  n *= 10n ** BigInt(shift);
  exponent -= shift;
  if (exponentFormat) return `${sign}${n}${exponent === 0 ? "" : `e${exponent}`}`;
  const si = DECIMAL_SUFFIX_BY_EXPONENT[exponent];
  return `${sign}${n}${si ?? `e${exponent}`}`;
}
