/** The error of a command line that cannot be run. */

/** A command line that cannot be run; exit code 2. The message is for the user. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}
