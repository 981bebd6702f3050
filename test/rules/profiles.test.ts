import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import {
  DEFAULT_BACKEND,
  foreignArgumentIssues,
  PROFILES,
  RUNNER_POD_BACKENDS,
} from "../../src/rules/profiles";
import { FieldPath } from "../../src/issues/path";

const ARGS = FieldPath.root("args");

describe("the profile table: one entry per backend", () => {
  it("lists v0.3.3 first (the default) and v0.7", () => {
    assert.deepEqual(RUNNER_POD_BACKENDS, ["v0.3.3", "v0.7"]);
    assert.equal(DEFAULT_BACKEND, "v0.3.3");
  });

  for (const backend of RUNNER_POD_BACKENDS) {
    const profile = PROFILES[backend];
    it(`${backend}: a fresh id and an id from a hash have the profile's length and alphabet`, () => {
      const hash = createHash("sha256").update(backend).digest();
      for (const id of [profile.runnerId.fresh(), profile.runnerId.fromHash(hash)]) {
        assert.equal(id.length, profile.runnerId.length, id);
        for (const c of id) assert.ok(profile.runnerId.alphabet.includes(c), `${id}: ${c}`);
      }
      assert.equal(profile.runnerId.fromHash(hash), profile.runnerId.fromHash(hash));
    });
  }

  it("an argument only v0.7 takes is refused under v0.3.3, with the profile that takes it", () => {
    const args = { env: { A: "1" }, secretEnv: { B: "2" }, releaseCookie: "c", runnerId: "x" };
    const issues = foreignArgumentIssues("v0.3.3", args, ARGS, { env: "or use template.env" });
    assert.deepEqual(
      issues.map((i) => i.path),
      ["args.env", "args.secretEnv", "args.releaseCookie"],
    );
    assert.match(
      issues[0].message,
      /only the v0\.7 backend has env; pass backend: "v0\.7", or use template\.env/,
    );
    assert.deepEqual(foreignArgumentIssues("v0.7", args, ARGS), []);
    assert.deepEqual(
      foreignArgumentIssues("v0.3.3", { env: undefined, secretEnv: null }, ARGS),
      [],
    );
  });
});
