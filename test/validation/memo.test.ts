/** The memory of string tests: same answers, each valid string tested once, bounded. */
import { strict as assert } from "assert";
import {
  REMEMBERED_STRINGS_MAX,
  REMEMBERED_STRING_MAX_LENGTH,
  rememberValid,
} from "../../src/validation/memo";

/** A test that counts its calls: strings starting with "ok" are valid. */
function countingTest() {
  const calls: string[] = [];
  const test = (value: string) => {
    calls.push(value);
    return value.startsWith("ok");
  };
  return { calls, test };
}

describe("rememberValid: a string test that remembers the strings it passed", () => {
  it("gives the answers of the test it wraps", () => {
    const remembering = rememberValid((value) => value.startsWith("ok"));
    for (const value of ["ok", "ok-1", "", "no", "ok", "no"]) {
      assert.equal(remembering(value), value.startsWith("ok"), value);
    }
  });

  it("tests a valid string once, an invalid one each time", () => {
    const { calls, test } = countingTest();
    const remembering = rememberValid(test);
    for (let i = 0; i < 3; i++) {
      assert.equal(remembering("ok-a"), true);
      assert.equal(remembering("bad"), false);
    }
    assert.deepEqual(calls, ["ok-a", "bad", "bad", "bad"]);
  });

  it(`keeps at most ${REMEMBERED_STRINGS_MAX} strings, and none longer than ${REMEMBERED_STRING_MAX_LENGTH} characters`, () => {
    const { calls, test } = countingTest();
    const remembering = rememberValid(test);
    for (let i = 0; i < REMEMBERED_STRINGS_MAX; i++) remembering(`ok-${i}`);
    const long = `ok${"x".repeat(REMEMBERED_STRING_MAX_LENGTH)}`;
    calls.length = 0;
    for (let i = 0; i < 2; i++) {
      assert.equal(remembering("ok-0"), true);
      assert.equal(remembering("ok-one-too-many"), true);
      assert.equal(remembering(long), true);
    }
    assert.deepEqual(calls, ["ok-one-too-many", long, "ok-one-too-many", long]);
  });
});
