/**
 * What a callback threw or rejected with, as the rules' error.
 */
import { FlameRunnerPodError } from "../errors";

/**
 * The rules' error for a callback that threw or whose Promise rejected: one
 * issue at path `callback` that quotes what it threw (any value) and says
 * what to fix; that value is kept as `cause`.
 *
 * @param error - what the callback threw or rejected with (any value).
 * @param verb - `threw` or `rejected with`.
 */
export function callbackError(
  error: unknown,
  verb: "threw" | "rejected with",
): FlameRunnerPodError {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  const wrapped = new FlameRunnerPodError([
    {
      path: "callback",
      message: `${verb} ${text}; fix the callback (it gets copies of the parent pod and of its app container and returns the runner's starting manifest)`,
    },
  ]);
  wrapped.cause = error;
  return wrapped;
}
