/**
 * Runner names: the parent name cut to 41 characters plus a 20-character hex
 * id, always a DNS-1123 label.
 */
import assert from "node:assert/strict";
import { FlameRunnerPodError } from "../../src/errors";
import { isDns1123Label, newRunnerId, runnerName, runnerNamePrefix } from "../../src/rules";
import { RUNNER_NAME_PREFIX, parentPod } from "../fixtures/parent-pod";
import { RUNNER_ID, errorOf, run } from "./support";

describe("names: newRunnerId", () => {
  it("is 20 lowercase hex characters, fresh each time", () => {
    const ids = new Set(Array.from({ length: 100 }, () => newRunnerId()));
    assert.equal(ids.size, 100);
    for (const id of ids) assert.match(id, /^[0-9a-f]{20}$/);
  });

  it("is used when options.runnerId is not given", () => {
    const a = run(parentPod(), {}, { runnerId: undefined }).manifest.metadata!.name!;
    const b = run(parentPod(), {}, { runnerId: undefined }).manifest.metadata!.name!;
    assert.notEqual(a, b);
    assert.match(a, new RegExp(`^${RUNNER_NAME_PREFIX}[0-9a-f]{20}$`));
    assert.equal(a.length, 61);
  });
});

describe("names: runnerName is the parent name cut to 41 characters, then the id", () => {
  it("appends the id to a short name", () => {
    assert.equal(runnerName("myapp-0", RUNNER_ID), `myapp-0${RUNNER_ID}`);
  });

  it("cuts a long name to its first 41 characters: 61 characters in all", () => {
    const name = runnerName("x".repeat(80), RUNNER_ID);
    assert.equal(name, "x".repeat(41) + RUNNER_ID);
    assert.equal(name.length, 61);
  });

  it("generates an id when none is given", () => {
    assert.match(runnerName("app"), /^app[0-9a-f]{20}$/);
  });
});

describe("names: (better) the runner name is a DNS-1123 label even for a parent name with dots or upper case", () => {
  it("lowercases upper case and turns dots and other characters into '-'", () => {
    assert.equal(runnerNamePrefix("My.App_v2"), "my-app-v2");
    assert.equal(runnerName("api.example.com", RUNNER_ID), `api-example-com${RUNNER_ID}`);
  });

  it("drops leading '-' (a label starts with a letter or digit)", () => {
    assert.equal(runnerNamePrefix(".hidden"), "hidden");
  });

  it("cuts after sanitizing, keeping 41 characters", () => {
    assert.equal(runnerNamePrefix("A.".repeat(30)).length, 41);
  });

  it("gives a valid label for awkward parent names", () => {
    for (const parentName of ["A", "a.b.c", "UPPER", "x".repeat(200), "...", "ä-ö"]) {
      assert.ok(isDns1123Label(runnerName(parentName, RUNNER_ID)), parentName);
    }
  });
});

describe("names: a runnerId that does not make a DNS-1123 label is an error", () => {
  for (const id of ["ABC", "has_underscore", "ends-with-dash-", "a".repeat(23), ""]) {
    it(`refuses ${JSON.stringify(id)} after a 41-character prefix`, () => {
      const error = errorOf(() => runnerName("x".repeat(50), id));
      assert.ok(error instanceof FlameRunnerPodError);
      assert.equal(error.issues[0].path, "options.runnerId");
    });
  }

  it("accepts a 22-character id after a 41-character prefix (63 characters)", () => {
    assert.equal(runnerName("x".repeat(50), "a".repeat(22)).length, 63);
  });

  it("refuses it in runnerPodManifest with the path options.runnerId", () => {
    const error = errorOf(() => run(parentPod(), {}, { runnerId: "Not.Valid" }));
    assert.deepEqual(
      error.issues.map((i) => i.path),
      ["options.runnerId"],
    );
  });
});

describe("names: isDns1123Label", () => {
  it("accepts lowercase labels of at most 63 characters", () => {
    assert.ok(isDns1123Label("a"));
    assert.ok(isDns1123Label("a-1"));
    assert.ok(isDns1123Label("a".repeat(63)));
  });
  it("refuses everything else", () => {
    for (const bad of ["", "-a", "a-", "A", "a.b", "a_b", "a".repeat(64), 5, null]) {
      assert.equal(isDns1123Label(bad), false, String(bad));
    }
  });
});
