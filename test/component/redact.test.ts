import assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { FlameRunnerPod, FlameRunnerPodError, type FlameRunnerPodArgs } from "../../src";
import { SECRET_MARK, SecretRedactor } from "../../src/component/redact";
import { show } from "../../src/issues/message";
import { ENCODED_PARENT, parentPod } from "../fixtures/parent-pod";
import { assertNamedError, captureEachTest } from "../support/hooks";
import { rejection, settle } from "../support/outputs";

/** The secret of issue 22: lowercase, so that it may also be a container name. */
const SECRET = "hunter2-pa55word";

/** An encoded parent longer than `show` prints: messages cut it short. */
const LONG_PARENT = `${ENCODED_PARENT}${ENCODED_PARENT}`;

/** What a component printed (warnings) and threw (the error, its issues). */
interface Printed {
  /** Every text: the warnings, the error's message, each issue's path and message. */
  texts: string[];
  /** The error the outputs rejected with, if any. */
  error?: FlameRunnerPodError;
}

/** One kind of message, the value it quotes coming from `value`. */
interface MessageKind {
  kind: string;
  backend: "v0.3.3" | "v0.7";
  /** The arguments, with the value at stake (secret or not). */
  args: (value: pulumi.Input<string>) => Partial<FlameRunnerPodArgs>;
  /** The value at stake. Default: {@link SECRET}. */
  value?: string;
  /** How the message shows the plain value (`undefined`: the rule never quotes it). */
  shows?: string;
  /** The start of a text printed: the field path. */
  path: string;
  /** What the message still says with a secret value: the rule and what to do. */
  says: RegExp;
}

/** An env value built from `value` with pulumi.interpolate: secret when `value` is. */
const dsn = (value: pulumi.Input<string>) => pulumi.interpolate`postgres://u:${value}@db/$(NOPE)`;

const KINDS: MessageKind[] = [
  {
    kind: "overwritten value (template)",
    backend: "v0.3.3",
    args: (v) => ({ template: { env: [{ name: "PHX_SERVER", value: v }] } }),
    shows: `PHX_SERVER="${SECRET}" is overwritten with "false"`,
    path: "template.env[0]: ",
    says: /PHX_SERVER=\S+ is overwritten with "false" \(the backend controls PHX_SERVER\)/,
  },
  {
    kind: "a callback's result",
    backend: "v0.3.3",
    args: (v) => ({
      template: () => ({ spec: { containers: [{ env: [{ name: "PHX_SERVER", value: v }] }] } }),
    }),
    shows: `PHX_SERVER="${SECRET}" is overwritten with "false"`,
    path: "callback.spec.containers[0].env[0]: ",
    says: /PHX_SERVER=\S+ is overwritten with "false"/,
  },
  {
    kind: "the encoded parent (cut short by the message)",
    backend: "v0.3.3",
    value: LONG_PARENT,
    args: (v) => ({ template: { env: [{ name: "FLAME_PARENT", value: "x" }] }, encodedParent: v }),
    shows: `FLAME_PARENT="x" is overwritten with ${show(LONG_PARENT)}`,
    path: "template.env[0]: ",
    says: /FLAME_PARENT="x" is overwritten with \S+ \(the backend controls FLAME_PARENT\)/,
  },
  {
    kind: "dead reference (a value built from a secret)",
    backend: "v0.3.3",
    args: (v) => ({ template: { addParentEnv: false, env: [{ name: "DSN", value: dsn(v) }] } }),
    shows: `DSN="postgres://u:${SECRET}@db/$(NOPE)" refers to $(NOPE)`,
    path: "spec.containers[0].env[",
    says: /DSN=\S+ refers to \$\(NOPE\), which is not defined.*Define NOPE before DSN/,
  },
  {
    kind: "rule error",
    backend: "v0.3.3",
    args: (v) => ({ template: { resources: { limits: { memory: v } } } }),
    shows: `"${SECRET}" is not a Kubernetes quantity`,
    path: "spec.containers[0].resources.limits.memory",
    says: /is not a Kubernetes quantity .*write a number/,
  },
  {
    kind: "overwritten value (manifest)",
    backend: "v0.7",
    args: (v) => ({ template: { spec: { containers: [{ name: v }] } } }),
    shows: `"${SECRET}" is overwritten with "runner"`,
    path: "callback.spec.containers[0].name: ",
    says: /is overwritten with "runner" \(the backend controls it\)/,
  },
  {
    kind: "a callback's result",
    backend: "v0.7",
    args: (v) => ({ template: () => ({ spec: { containers: [{ name: v }] } }) }),
    shows: `"${SECRET}" is overwritten with "runner"`,
    path: "callback.spec.containers[0].name: ",
    says: /is overwritten with "runner"/,
  },
  {
    kind: "overwritten value (env option: v0.7 quotes no value)",
    backend: "v0.7",
    args: (v) => ({ env: { POD_NAME: v } }),
    path: "options.env.POD_NAME: ",
    says: /is overwritten \(the backend controls POD_NAME\)/,
  },
  {
    kind: "the encoded parent (v0.7 quotes no value)",
    backend: "v0.7",
    value: LONG_PARENT,
    args: (v) => ({ env: { FLAME_PARENT: "x" }, encodedParent: v }),
    path: "options.env.FLAME_PARENT: ",
    says: /is overwritten \(the backend controls FLAME_PARENT\)/,
  },
  {
    kind: "dead reference (a value built from a secret)",
    backend: "v0.7",
    args: (v) => ({ env: { DSN: dsn(v) } }),
    shows: `DSN="postgres://u:${SECRET}@db/$(NOPE)" refers to $(NOPE)`,
    path: "spec.containers[0].env[",
    says: /DSN=\S+ refers to \$\(NOPE\).*Define NOPE before DSN/,
  },
  {
    kind: "rule error",
    backend: "v0.7",
    args: (v) => ({
      template: { spec: { containers: [{ resources: { limits: { memory: v } } }] } },
    }),
    shows: `"${SECRET}" is not a Kubernetes quantity`,
    path: "spec.containers[0].resources.limits.memory",
    says: /is not a Kubernetes quantity .*write a number/,
  },
];

describe("FlameRunnerPod: no secret in a message (issue 22, item 1)", () => {
  const captured = captureEachTest({ unhandled: true });

  /** Declares a runner with `kind`'s value, secret or not, and collects what it printed. */
  async function printed(kind: MessageKind, secret: boolean): Promise<Printed> {
    const value = kind.value ?? SECRET;
    const runner = new FlameRunnerPod("workers", {
      parentPod: parentPod(),
      encodedParent: ENCODED_PARENT,
      backend: kind.backend,
      ...kind.args(secret ? pulumi.secret(value) : value),
    } as FlameRunnerPodArgs);
    let error: FlameRunnerPodError | undefined;
    try {
      await settle(runner.podName);
    } catch (thrown) {
      assert.ok(thrown instanceof FlameRunnerPodError, String(thrown));
      error = thrown;
    }
    const texts = captured.logs.map((c) => c.message);
    if (error !== undefined) {
      texts.push(error.message, ...error.issues.flatMap((i) => [i.path, i.message]));
    }
    return { texts, error };
  }

  /** The texts that name `kind`'s field (its warning, or its issue and the error's message). */
  function about(p: Printed, kind: MessageKind): string[] {
    const found = p.texts.filter((t) => t.startsWith(kind.path) || t.includes(`: ${kind.path}`));
    assert.ok(found.length > 0, `nothing printed about ${kind.path}: ${p.texts.join("\n")}`);
    return found;
  }

  for (const kind of KINDS) {
    describe(`${kind.backend}: ${kind.kind}`, () => {
      const value = kind.value ?? SECRET;

      it("a secret value is [secret]; the path, the rule and what to do stay", async () => {
        const p = await printed(kind, true);
        for (const text of p.texts) {
          assert.ok(!text.includes(value.slice(0, 8)), `the secret shows in: ${text}`);
          assert.ok(!text.includes("postgres://"), `text built from the secret shows in: ${text}`);
        }
        const texts = about(p, kind);
        assert.ok(
          texts.some((t) => kind.says.test(t)),
          `the rule is not said: ${texts.join("\n")}`,
        );
        if (kind.shows !== undefined) {
          assert.ok(
            texts.some((t) => t.includes(SECRET_MARK)),
            texts.join("\n"),
          );
        }
        if (p.error !== undefined) {
          assert.ok(p.error.issues.some((i) => i.path === kind.path));
        }
      });

      it("a plain value is shown as it is", async () => {
        const p = await printed(kind, false);
        const texts = about(p, kind);
        if (kind.shows !== undefined) {
          const shows = kind.shows;
          assert.ok(
            texts.some((t) => t.includes(shows)),
            `${shows} not in:\n${texts.join("\n")}`,
          );
        }
        assert.ok(
          p.texts.every((t) => !t.includes(SECRET_MARK)),
          p.texts.join("\n"),
        );
        assert.ok(texts.some((t) => kind.says.test(t)));
      });
    });
  }

  it("a secret argument the rules refuse (runnerId) is [secret]", async () => {
    const runner = new FlameRunnerPod("workers", {
      parentPod: parentPod(),
      encodedParent: ENCODED_PARENT,
      runnerId: pulumi.secret("Hunter2"),
    });
    const error = await rejection(settle(runner.podName));
    assert.ok(error instanceof FlameRunnerPodError, String(error));
    assert.match(error.message, /runnerId: must be a DNS-1123 label fragment.*\(got \[secret\]\)/);
    assert.ok(!error.message.includes("Hunter2"), error.message);
  });

  it("a secret whose value is a cycle: the rules' error at its path, not a foreign exception", async () => {
    const template: { env: { name: string; value: string; self?: unknown }[] } = {
      env: [{ name: "A", value: "b" }],
    };
    template.env[0].self = template;
    const runner = new FlameRunnerPod("bad", {
      parentPod: parentPod(),
      encodedParent: ENCODED_PARENT,
      template: pulumi.secret("x").apply(() => template),
    } as FlameRunnerPodArgs);
    const error = await rejection(settle(runner.podName));
    assertNamedError(error, "template.env[0].self.env");
    assert.match(error.message, /refers back to template\.env, which contains it \(a cycle\)/);
  });

  it("an error's issues carry the redacted path and message, its message is made of them", async () => {
    const runner = new FlameRunnerPod("workers", {
      parentPod: parentPod(),
      encodedParent: ENCODED_PARENT,
      template: { resources: { limits: { memory: pulumi.secret(SECRET), cpu: "lots" } } },
    });
    const error = await rejection(settle(runner.manifest));
    assert.ok(error instanceof FlameRunnerPodError);
    const messages = Object.fromEntries(error.issues.map((i) => [i.path, i.message]));
    assert.match(messages["spec.containers[0].resources.limits.memory"], /^\[secret\] is not/);
    assert.match(messages["spec.containers[0].resources.limits.cpu"], /^"lots" is not/);
    for (const issue of error.issues) assert.ok(error.message.includes(issue.message));
    assert.ok(!error.message.includes(SECRET));
  });
});

describe("SecretRedactor: one scrub of every message a component prints", () => {
  /** A redactor that knows `secrets`. */
  const knowing = (...secrets: unknown[]): SecretRedactor => {
    const r = new SecretRedactor();
    r.note(secrets);
    return r;
  };

  it("changes nothing while it knows no secret", () => {
    const text = 'template.env[0]: PHX_SERVER="x" is overwritten with "false"';
    assert.equal(new SecretRedactor().text(text), text);
  });

  it("shows a quoted secret as [secret], and a quoted value that holds one", () => {
    const r = knowing("hunter2");
    assert.equal(r.text('A="hunter2" and "B"'), 'A=[secret] and "B"');
    assert.equal(r.text('DSN="postgres://u:hunter2@db" is bad'), "DSN=[secret] is bad");
  });

  it("finds a secret in JSON, escaped, and in the text as it is", () => {
    const secret = 'pa"ss\\word';
    const r = knowing(secret);
    assert.equal(r.text(`x: ${show(secret)} is bad`), "x: [secret] is bad");
    assert.equal(r.text(`x: ${show({ value: secret })}`), 'x: {"value":[secret]}');
    assert.equal(r.text(`x=${secret}!`), "x=[secret]!");
  });

  it("shows the secret part of an unquoted value: a runner name built from a secret id", () => {
    assert.equal(knowing("pinned01").text("name acme-x2xpinned01 is"), "name acme-x2x[secret] is");
  });

  it("hides a secret that show cut short, alone or inside an object, even mid-escape", () => {
    const secret = `${"s".repeat(40)}-${"t".repeat(60)}`;
    const r = knowing(secret);
    const alone = `FLAME_PARENT="x" is overwritten with ${show(secret)} (the backend controls it)`;
    assert.equal(
      r.text(alone),
      'FLAME_PARENT="x" is overwritten with [secret] (the backend controls it)',
    );
    const inObject = show({ name: "TOKEN", value: secret });
    assert.ok(inObject.endsWith("..."), inObject);
    assert.equal(r.text(`got ${inObject} "$(X)"`), 'got {"name":"TOKEN","value":[secret] "$(X)"');
    const escaped = `${"e".repeat(75)}"${"f".repeat(20)}`;
    const cutEscape = show(escaped);
    assert.ok(cutEscape.endsWith("\\..."), cutEscape);
    assert.equal(knowing(escaped).text(`v ${cutEscape} "w"`), 'v [secret] "w"');
  });

  it("keeps a plain quoted value whose start only is like a secret's, when not cut", () => {
    assert.equal(knowing("hunter2").text('"hunt" and "hunter"'), '"hunt" and "hunter"');
  });

  it("hides a short secret text where it stands alone, not inside the message's words", () => {
    const r = knowing("b");
    assert.equal(r.text("x: refers back to b, be b"), "x: refers back to [secret], be [secret]");
    assert.equal(r.text('x: "b" and "abc"'), "x: [secret] and [secret]");
  });

  it("hides a secret number standing alone, not a digit of an index or a larger number", () => {
    const r = knowing({ port: 5432 });
    assert.equal(r.text("port 5432 is"), "port [secret] is");
    assert.equal(r.text("env[5432] and 54321 and 5432.5"), "env[5432] and 54321 and 5432.5");
  });

  it("takes every leaf of a secret object, not its keys", () => {
    const r = knowing({ DB_PASSWORD: "hunter2" });
    assert.equal(r.text('options.env.DB_PASSWORD: "hunter2"'), "options.env.DB_PASSWORD: [secret]");
  });

  it("redacts an issue's path and message and keeps its other fields", () => {
    const r = knowing("hunter2");
    const issue = { code: "invalid", path: "a.hunter2", message: '"hunter2" is bad' };
    assert.deepEqual(r.issue(issue), {
      code: "invalid",
      path: "a.[secret]",
      message: "[secret] is bad",
    });
  });
});
