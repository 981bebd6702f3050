/** The string formats of the API server: DNS-1123, qualified names, label values, port and env names. */
import { strict as assert } from "assert";
import {
  isConfigMapKey,
  isDns1123Label,
  isDns1123Subdomain,
  isEnvVarName,
  isIanaSvcName,
  isLabelValue,
  isQualifiedName,
  utf8Length,
  whyNotDns1123Label,
  whyNotLocalDescendingPath,
} from "../../src/validation/formats";

describe("DNS-1123 labels: at most 63 lowercase alphanumerics or '-', alphanumeric at both ends", () => {
  it("accepts and refuses", () => {
    for (const ok of ["a", "my-app-0", "0", "a".repeat(63)]) assert.ok(isDns1123Label(ok), ok);
    for (const bad of ["", "-a", "a-", "A", "a.b", "a_b", "a".repeat(64)]) {
      assert.ok(!isDns1123Label(bad), bad);
    }
  });
  it("says why", () => {
    assert.match(whyNotDns1123Label(""), /empty$/);
    assert.match(whyNotDns1123Label("a".repeat(64)), /has 64 characters$/);
    assert.match(whyNotDns1123Label("My"), /upper case$/);
    assert.match(whyNotDns1123Label("a_b"), /contains "_"$/);
    assert.match(whyNotDns1123Label("a-"), /starts or ends with "-"$/);
  });
});

describe("DNS-1123 subdomains: dot-separated labels, at most 253", () => {
  it("accepts and refuses", () => {
    for (const ok of ["a", "a.b", "my-app.example.com"]) assert.ok(isDns1123Subdomain(ok), ok);
    for (const bad of ["", ".a", "a.", "a..b", "a.-b", "a-.b", "A.b", "a".repeat(254)]) {
      assert.ok(!isDns1123Subdomain(bad), bad);
    }
  });
});

describe("DNS-1123 labels and subdomains are Kubernetes' own expressions", () => {
  // dns1123LabelFmt and dns1123SubdomainFmt of k8s.io/apimachinery/pkg/util/validation.
  const label = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
  const subdomain = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

  /** Every string of up to `length` characters of `alphabet`. */
  function* strings(alphabet: string, length: number): Generator<string> {
    yield "";
    if (length === 0) return;
    for (const rest of strings(alphabet, length - 1)) for (const c of alphabet) yield c + rest;
  }

  it("on every string of up to 5 characters of a0-.A_, and at the length limits", () => {
    const long = (n: number): string[] => [
      "a".repeat(n),
      `a${"-".repeat(n - 2)}a`,
      `${"a.".repeat(n / 2)}a`,
    ];
    for (const value of [
      ...strings("a0-.A_", 5),
      ...long(62),
      ...long(64),
      ...long(252),
      ...long(254),
    ]) {
      const isLabel = value.length <= 63 && label.test(value);
      assert.equal(isDns1123Label(value), isLabel, JSON.stringify(value));
      const isSubdomain = value.length <= 253 && subdomain.test(value);
      assert.equal(isDns1123Subdomain(value), isSubdomain, JSON.stringify(value));
    }
  });
});

describe("qualified names (label and annotation keys)", () => {
  it("accepts and refuses", () => {
    for (const ok of ["app", "app.kubernetes.io/name", "a_b.c-d", "example.com/X"]) {
      assert.ok(isQualifiedName(ok), ok);
    }
    for (const bad of ["", "/a", "a/", "a b", "-a", "a/b/c", "Example.com/a", "a".repeat(64)]) {
      assert.ok(!isQualifiedName(bad), bad);
    }
  });

  it("takes a DNS-1123 subdomain prefix of at most 253 characters, the 254th refused", () => {
    const prefix = (length: number): string =>
      `${"a".repeat(61)}.`.repeat(5).slice(0, length - 1) + "b";
    assert.equal(prefix(253).length, 253);
    assert.ok(isQualifiedName(`${prefix(253)}/name`));
    assert.ok(!isQualifiedName(`${prefix(254)}/name`));
    for (const bad of ["a..b/name", "a-/name", "-a/name", "a.-b/name", "A.b/name"]) {
      assert.ok(!isQualifiedName(bad), bad);
    }
  });
});

describe("label values: empty, or at most 63 alphanumerics, '-', '_', '.' inside", () => {
  it("accepts and refuses", () => {
    for (const ok of ["", "v1", "7d9c8b6f5d", "a.b_c-d"]) assert.ok(isLabelValue(ok), ok);
    for (const bad of ["-a", "a ", "a/b", "a".repeat(64)]) assert.ok(!isLabelValue(bad), bad);
  });
});

describe("IANA service names (port names)", () => {
  it("accepts and refuses", () => {
    for (const ok of ["http", "h2c", "metrics-1", "a".repeat(15)]) assert.ok(isIanaSvcName(ok), ok);
    for (const bad of ["", "HTTP", "123", "a--b", "-a", "a-", "a".repeat(16), "a_b"]) {
      assert.ok(!isIanaSvcName(bad), bad);
    }
  });
});

describe("environment variable names: printable ASCII except '='", () => {
  it("accepts and refuses", () => {
    for (const ok of ["FOO", "my.var", "1X", "a-b"]) assert.ok(isEnvVarName(ok), ok);
    for (const bad of ["", "A=B", "tab\t", "é"]) assert.ok(!isEnvVarName(bad), bad);
  });
});

describe("config map keys (IsConfigMapKey)", () => {
  it("accepts letters, digits, '-', '_' and '.', refuses the rest, '.', '..' and a leading '..'", () => {
    for (const ok of ["a", "app.properties", "KEY_1", "-x", ".env"]) {
      assert.ok(isConfigMapKey(ok), ok);
    }
    for (const bad of ["", ".", "..", "..x", "a/b", "a b", "k".repeat(254)]) {
      assert.ok(!isConfigMapKey(bad), bad);
    }
  });
});

describe("relative paths inside a volume (validateLocalDescendingPath)", () => {
  it("refuses absolute paths and '..' elements, accepts '..' inside a name", () => {
    assert.equal(whyNotLocalDescendingPath("a/b"), undefined);
    assert.equal(whyNotLocalDescendingPath("a..b/c"), undefined);
    assert.match(whyNotLocalDescendingPath("/etc") ?? "", /relative/);
    assert.match(whyNotLocalDescendingPath("a/../b") ?? "", /\.\./);
    assert.match(whyNotLocalDescendingPath("a\\..\\b") ?? "", /\.\./);
  });
});

describe("UTF-8 length (Go's len of a string)", () => {
  it("counts bytes", () => {
    assert.equal(utf8Length("abc"), 3);
    assert.equal(utf8Length("é"), 2);
    assert.equal(utf8Length("€"), 3);
    assert.equal(utf8Length("😀"), 4);
  });
});
