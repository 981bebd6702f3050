/**
 * The string formats the Kubernetes API server checks in a pod: DNS-1123
 * labels and subdomains, qualified names (label and annotation keys), label
 * values, IANA service names (port names), environment variable names,
 * config map keys and relative paths. Each `is...` function has the rule of
 * `k8s.io/apimachinery/pkg/util/validation` (or of
 * `pkg/apis/core/validation/validation.go`) named in its comment; some have
 * a `why...` partner that says what is wrong, for messages.
 *
 * These are generic Kubernetes formats: the rules (`src/rules`) use them from
 * here, never the reverse.
 */

/** The longest DNS-1123 label: 63 characters. */
export const DNS1123_LABEL_MAX_LENGTH = 63;

// Character loops for the short strings (qualified name parts, port and env
// names): there a loop is faster than a regular expression. DNS-1123 labels and
// subdomains (also the prefix of a qualified name) use one, each in one place:
// a runner's names are some 60 characters long, and the compiled expression
// scans them twice as fast as a loop (a short name costs a few nanoseconds
// more).

function isAlnum(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
}

/** `([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]` over `value[start, end)`. */
function isQualifiedNamePart(value: string, start: number, end: number): boolean {
  if (end <= start) return false;
  if (!isAlnum(value.charCodeAt(start)) || !isAlnum(value.charCodeAt(end - 1))) return false;
  for (let i = start + 1; i < end - 1; i++) {
    const c = value.charCodeAt(i);
    if (!isAlnum(c) && c !== 45 /* - */ && c !== 95 /* _ */ && c !== 46 /* . */) return false;
  }
  return true;
}

/**
 * Whether `value` is a DNS-1123 label (`IsDNS1123Label`), as Kubernetes
 * requires of a container, volume or namespace name: at most 63 characters,
 * lowercase letters, digits and `-`, starting and ending with a letter or digit.
 *
 * @param value - the candidate; any non-string is not a label.
 */
export function isDns1123Label(value: unknown): value is string {
  return (
    typeof value === "string" &&
    value.length <= DNS1123_LABEL_MAX_LENGTH &&
    DNS1123_LABEL.test(value)
  );
}

/**
 * `[a-z0-9]([-a-z0-9]*[a-z0-9])?` (`dns1123LabelFmt`), written so that it
 * never backtracks: alphanumeric runs joined by runs of `-`.
 */
const DNS1123_LABEL = /^[a-z0-9]+(?:-+[a-z0-9]+)*$/;

/** Dot-separated {@link DNS1123_LABEL}s (`dns1123SubdomainFmt`). */
const DNS1123_SUBDOMAIN = /^[a-z0-9]+(?:-+[a-z0-9]+)*(?:\.[a-z0-9]+(?:-+[a-z0-9]+)*)*$/;

/**
 * The DNS-1123 label format, for a message: the one wording of
 * {@link isDns1123Label} (`must be a DNS-1123 label: ${DNS1123_LABEL_FORMAT}`).
 */
export const DNS1123_LABEL_FORMAT =
  'at most 63 lowercase letters, digits or "-", starting and ending with a letter or digit';

/**
 * The DNS-1123 subdomain format, for a message: the one wording of
 * {@link isDns1123Subdomain}.
 */
export const DNS1123_SUBDOMAIN_FORMAT =
  'lowercase letters, digits, "-" and ".", at most 253 characters, starting and ending with a letter or digit';

/**
 * The port name format (an IANA service name), for a message: the one
 * wording of {@link isIanaSvcName}.
 */
export const PORT_NAME_FORMAT =
  '1 to 15 lowercase letters, digits or "-", with at least one letter, no "--", not starting or ending with "-"';

/** What keeps `value` from being a DNS-1123 label (for a message). */
export function whyNotDns1123Label(value: string): string {
  const rule = `must be a DNS-1123 label: ${DNS1123_LABEL_FORMAT}`;
  if (value === "") return `${rule}; it is empty`;
  if (value.length > DNS1123_LABEL_MAX_LENGTH) {
    return `${rule}; "${value}" has ${value.length} characters`;
  }
  if (/[A-Z]/.test(value)) return `${rule}; "${value}" has upper case`;
  const bad = /[^-a-z0-9]/.exec(value);
  if (bad !== null) return `${rule}; "${value}" contains "${bad[0]}"`;
  return `${rule}; "${value}" starts or ends with "-"`;
}

/** Whether `value` is a DNS-1123 subdomain: dot-separated labels, at most 253 characters. */
export function isDns1123Subdomain(value: string): boolean {
  return value.length <= 253 && DNS1123_SUBDOMAIN.test(value);
}

/**
 * Whether `value` is a qualified name, as label and annotation keys must be:
 * an optional DNS-1123 subdomain prefix and `/`, then a name of 1 to 63
 * letters, digits, `-`, `_` or `.`, starting and ending with a letter or digit.
 */
export function isQualifiedName(value: string): boolean {
  const end = value.length;
  const slash = value.indexOf("/");
  if (slash === -1) return end <= 63 && isQualifiedNamePart(value, 0, end);
  return (
    isDns1123Subdomain(value.slice(0, slash)) &&
    end - slash - 1 <= 63 &&
    isQualifiedNamePart(value, slash + 1, end)
  );
}

/** Whether `value` is a label value: empty, or a qualified name part of at most 63 characters. */
export function isLabelValue(value: string): boolean {
  return value === "" || (value.length <= 63 && isQualifiedNamePart(value, 0, value.length));
}

/**
 * Whether `value` is an IANA service name, as container port names must be:
 * 1 to 15 lowercase letters, digits or `-`, with at least one letter, no `--`,
 * not starting or ending with `-`.
 */
export function isIanaSvcName(value: string): boolean {
  const end = value.length;
  if (end < 1 || end > 15) return false;
  let letters = 0;
  for (let i = 0; i < end; i++) {
    const c = value.charCodeAt(i);
    if (c >= 97 && c <= 122) letters++;
    else if (c === 45 /* - */) {
      if (i === 0 || i === end - 1 || value.charCodeAt(i + 1) === 45) return false;
    } else if (c < 48 || c > 57) return false;
  }
  return letters > 0;
}

/**
 * Whether `value` is an environment variable name as the API server accepts
 * it since Kubernetes 1.32 (RelaxedEnvironmentVariableValidation): printable
 * ASCII characters except `=`, at least one.
 */
export function isEnvVarName(value: string): boolean {
  if (value.length === 0) return false;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 32 || c > 126 || c === 61) return false;
  }
  return true;
}

/** Whether `value` is a port number, 1 to 65535 (`IsValidPortNum`). */
export function isPortNumber(value: number): boolean {
  return Number.isInteger(value) && value >= 1 && value <= 65535;
}

/**
 * Whether `value` is a config map or secret key (`IsConfigMapKey`): 1 to 253
 * letters, digits, `-`, `_` or `.`, not `.` or `..` and not starting with `..`.
 */
export function isConfigMapKey(value: string): boolean {
  if (value.length === 0 || value.length > 253 || value.startsWith("..")) return false;
  if (value === ".") return false;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (!isAlnum(c) && c !== 45 /* - */ && c !== 95 /* _ */ && c !== 46 /* . */) return false;
  }
  return true;
}

/**
 * What keeps `value` from being a relative path inside a volume
 * (`validateLocalDescendingPath`): it must not be absolute nor contain a `..`
 * element; `undefined` when it is fine.
 */
export function whyNotLocalDescendingPath(value: string): string | undefined {
  if (value.startsWith("/")) return "must be a relative path";
  if (value.split(/[/\\]/).includes("..")) return 'must not contain ".."';
  return undefined;
}

/** The length of `value` in UTF-8 bytes, as Go's `len` counts a string. */
export function utf8Length(value: string): number {
  let bytes = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < value.length) {
      bytes += 4; // a surrogate pair: one code point of 4 bytes
      i++;
    } else bytes += 3;
  }
  return bytes;
}
