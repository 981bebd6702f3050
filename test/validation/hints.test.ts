/** Edit distance and "did you mean" hints. */
import { strict as assert } from "assert";
import { closestMatch, didYouMean, editDistance } from "../../src/validation/hints";

describe("editDistance (optimal string alignment)", () => {
  it("counts insertions, deletions, substitutions and adjacent swaps as one edit", () => {
    assert.equal(editDistance("limits", "limits"), 0);
    assert.equal(editDistance("limimts", "limits"), 1);
    assert.equal(editDistance("limts", "limits"), 1);
    assert.equal(editDistance("limots", "limits"), 1);
    assert.equal(editDistance("memroy", "memory"), 1);
    assert.equal(editDistance("", "abc"), 3);
    assert.equal(editDistance("abc", ""), 3);
    assert.equal(editDistance("kitten", "sitting"), 3);
  });
});

describe("closestMatch", () => {
  const fields = ["claims", "limits", "requests"];
  it("suggests the seed's limits for limimts", () => {
    assert.equal(closestMatch("limimts", fields), "limits");
  });
  it("suggests a case-only difference", () => {
    assert.equal(closestMatch("Requests", fields), "requests");
  });
  it("suggests nothing when no candidate is close", () => {
    assert.equal(closestMatch("frobnicate", fields), undefined);
    assert.equal(closestMatch("ab", ["xy"]), undefined);
  });
  it("formats the hint", () => {
    assert.equal(didYouMean("limimts", fields), '; did you mean "limits"?');
    assert.equal(didYouMean("zzz", fields), "");
  });
});
