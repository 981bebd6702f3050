/**
 * The error of a callback that failed: whatever it threw or rejected with
 * (an Error, a string, a symbol, a null-prototype object, an object whose
 * `toString` throws...) becomes the rules' error at path `callback`, with the
 * original as `cause`.
 */
import { FlameRunnerPodError } from "../errors";
import { issue } from "../issues/issue";
import { describeThrown } from "../issues/message";
import { FieldPath } from "../issues/path";
import { isThenable } from "../plain";

const CALLBACK = FieldPath.root("callback");

const FIX =
  "fix the callback (it gets copies of the parent pod and of its app container and returns the runner's starting manifest)";

/**
 * The rules' error for a callback that threw, or whose Promise rejected.
 *
 * @param error - what the callback threw or rejected with: anything.
 * @param verb - `threw` or `rejected with`.
 * @returns a FlameRunnerPodError at path `callback` whose `cause` is `error`.
 */
export function callbackError(
  error: unknown,
  verb: "threw" | "rejected with",
): FlameRunnerPodError {
  return withCause(
    new FlameRunnerPodError([
      issue("callback-failed", CALLBACK, `${verb} ${describeThrown(error)}; ${FIX}`),
    ]),
    error,
  );
}

/**
 * The rules' error for a callback whose result threw when read (a getter,
 * a thenable whose `then` getter throws).
 *
 * @param error - what the reading threw.
 * @returns a FlameRunnerPodError at path `callback` whose `cause` is `error`.
 */
export function callbackResultError(error: unknown): FlameRunnerPodError {
  return withCause(
    new FlameRunnerPodError([
      issue(
        "callback-result-invalid",
        CALLBACK,
        `returned a value whose reading threw ${describeThrown(error)} (a getter?); return plain data; ${FIX}`,
      ),
    ]),
    error,
  );
}

/**
 * Whether a callback's result is a thenable ({@link isThenable}); a `then`
 * getter that throws is the callback's error.
 *
 * @param result - what the callback returned.
 * @throws FlameRunnerPodError ({@link callbackResultError}) when reading `then` threw.
 */
export function isThenableResult(result: unknown): result is PromiseLike<unknown> {
  try {
    return isThenable(result);
  } catch (error) {
    throw callbackResultError(error);
  }
}

function withCause(wrapped: FlameRunnerPodError, cause: unknown): FlameRunnerPodError {
  wrapped.cause = cause;
  return wrapped;
}
