/** The Kubernetes quantity parser and the exact comparison. */
import { strict as assert } from "assert";
import {
  canonicalQuantity,
  compareQuantities,
  isQuantityError,
  parseQuantity,
  type Quantity,
} from "../../src/validation/quantity";

function parsed(value: string | number): Quantity {
  const q = parseQuantity(value);
  if (isQuantityError(q)) throw new Error(`${value}: ${q.reason}`);
  return q;
}

describe("parseQuantity", () => {
  describe("accepts the API server's grammar: signed number, one point, one suffix or exponent", () => {
    const cases: [string | number, number][] = [
      ["0", 0],
      ["250m", 0.25],
      ["1", 1],
      ["1.5", 1.5],
      [".5", 0.5],
      ["5.", 5],
      ["+2", 2],
      ["-1", -1],
      ["100u", 1e-4],
      ["3n", 3e-9],
      ["2k", 2000],
      ["1M", 1e6],
      ["1G", 1e9],
      ["1T", 1e12],
      ["1P", 1e15],
      ["1E", 1e18],
      ["1Ki", 1024],
      ["512Mi", 512 * 2 ** 20],
      ["1.5Gi", 1.5 * 2 ** 30],
      ["1Ti", 2 ** 40],
      ["1Pi", 2 ** 50],
      ["1Ei", 2 ** 60],
      ["1e3", 1000],
      ["1E3", 1000],
      ["1e-3", 0.001],
      ["1e+3", 1000],
      [" 1Gi ", 2 ** 30],
      [0.5, 0.5],
      [1e21, 1e21],
      [-2, -2],
    ];
    for (const [text, value] of cases) {
      it(`${JSON.stringify(text)} = ${value}`, () => {
        assert.ok(Math.abs(parsed(text).approx - value) <= Math.abs(value) * 1e-12);
      });
    }
  });

  describe("refuses what the API server refuses, saying why", () => {
    const cases: [string | number, RegExp][] = [
      ["", /empty/],
      ["256MB", /unexpected "B"/],
      ["1.5.0", /unexpected "\."/],
      ["1K", /unknown suffix "K"/],
      ["1mi", /unknown suffix "mi"/],
      ["1Gb", /unexpected "b"/],
      ["Gi", /no digits/],
      ["-", /no digits/],
      ["1e", /unknown suffix "e"/],
      ["1e1.5", /unexpected "\."/],
      ["1 Gi", /unexpected " "/],
      ["1,5", /unexpected ","/],
      [Number.NaN, /not a number/],
      [Number.POSITIVE_INFINITY, /not a number/],
    ];
    for (const [text, reason] of cases) {
      it(JSON.stringify(String(text)), () => {
        const q = parseQuantity(text);
        assert.ok(isQuantityError(q), "expected an error");
        assert.match(q.reason, reason);
      });
    }
    it("suggests M and Mi for MB, k and Ki for K, Gi for gi", () => {
      const suggestions = (t: string) => {
        const q = parseQuantity(t);
        return isQuantityError(q) ? q.suggestions : [];
      };
      assert.deepEqual(suggestions("256MB"), ["256M", "256Mi"]);
      assert.deepEqual(suggestions("1K"), ["1k", "1Ki"]);
      assert.deepEqual(suggestions("2gi"), ["2Gi"]);
    });
  });

  describe("negative values are flagged (zero is not negative)", () => {
    it("-1 is negative, -0 and 0 are not", () => {
      assert.equal(parsed("-1").negative, true);
      assert.equal(parsed("-0").negative, false);
      assert.equal(parsed("0").negative, false);
    });
  });
});

describe("compareQuantities", () => {
  const cmp = (a: string, b: string) => Math.sign(compareQuantities(parsed(a), parsed(b)));
  it("orders across units", () => {
    assert.equal(cmp("500m", "400m"), 1);
    assert.equal(cmp("0.5", "500m"), 0);
    assert.equal(cmp("1Gi", "1G"), 1);
    assert.equal(cmp("1k", "1Ki"), -1);
    assert.equal(cmp("-1", "0"), -1);
  });
  it("is exact where floating point is not", () => {
    assert.equal(cmp("1Gi", "1073741824"), 0);
    assert.equal(cmp("9007199254740993", "9007199254740992"), 1);
    assert.equal(cmp("0.1", "100m"), 0);
    assert.equal(cmp("1e-3", "1m"), 0);
    assert.equal(cmp("1.000000000000000001", "1"), 1);
  });
});

describe("canonicalQuantity (Quantity.String() of apimachinery)", () => {
  const TABLE: [string | number, string][] = [
    ["1000m", "1"],
    ["0.5", "500m"],
    ["0.001", "1m"],
    ["1e-3", "1e-3"],
    ["1e3", "1e3"],
    ["1e0", "1"],
    ["1000", "1k"],
    ["1024", "1024"],
    ["1024Mi", "1Gi"],
    ["1536Ki", "1536Ki"],
    ["1.5Ki", "1536"],
    ["0.5Ki", "512"],
    ["0Ki", "0"],
    ["-1", "-1"],
    ["0.0000000001", "1n"],
    ["0.0009999999999", "1m"],
    ["1E", "1E"],
    ["1e21", "1e21"],
    [0.5, "500m"],
  ];
  for (const [text, canonical] of TABLE) {
    it(`${JSON.stringify(text)} is ${canonical}`, () => {
      assert.equal(canonicalQuantity(parseQuantity(text) as Quantity), canonical);
    });
  }
});
