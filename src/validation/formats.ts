/**
 * The string formats the Kubernetes API server checks in a pod: DNS-1123
 * labels and subdomains, qualified names (label and annotation keys), label
 * values, IANA service names (port names) and environment variable names.
 * Each `is...` function has a `why...` partner that says what is wrong, for
 * messages. Rules as in `k8s.io/apimachinery/pkg/util/validation`.
 *
 * The DNS-1123 label test itself belongs to the runner name rules
 * (`src/rules/names.ts`) and is re-exported from here, so there is one.
 */
import { DNS1123_LABEL_MAX_LENGTH, isDns1123Label } from "../rules/names";

export { DNS1123_LABEL_MAX_LENGTH, isDns1123Label };

// Character loops rather than regular expressions: these run on every name
// of every manifest, and a loop is several times faster on short strings.

function isLowerAlnum(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
}

function isAlnum(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
}

/** `[a-z0-9]([-a-z0-9]*[a-z0-9])?` over `value[start, end)`, or with dots between labels. */
function isDnsRun(value: string, start: number, end: number, dots: boolean): boolean {
  if (end <= start) return false;
  let prev = 46; // as if after a dot: the first character must be alphanumeric
  for (let i = start; i < end; i++) {
    const c = value.charCodeAt(i);
    if (isLowerAlnum(c)) {
      prev = c;
      continue;
    }
    if (c === 45 /* - */ && prev !== 46 && i + 1 < end && value.charCodeAt(i + 1) !== 46) {
      prev = c;
      continue;
    }
    if (dots && c === 46 /* . */ && isLowerAlnum(prev) && i + 1 < end) {
      prev = c;
      continue;
    }
    return false;
  }
  return true;
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

/** What keeps `value` from being a DNS-1123 label (for a message). */
export function whyNotDns1123Label(value: string): string {
  const rule =
    'must be a DNS-1123 label: at most 63 lowercase letters, digits or "-", starting and ending with a letter or digit';
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
  return value.length <= 253 && isDnsRun(value, 0, value.length, true);
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
    slash <= 253 &&
    isDnsRun(value, 0, slash, true) &&
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
