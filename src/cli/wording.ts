/**
 * The rules speak the API (`omitOwnerReference: true`,
 * `options.appContainerName`, "a callback"); the command line rewords their
 * messages in its own terms: the flags, and the `--template` file, whose pod
 * manifest stands for a callback's result.
 */

/** Each API term and the command line's, in the order they are applied. */
const CLI_TERMS: readonly (readonly [RegExp, string])[] = [
  [/\bpass omitOwnerReference: true\b/g, "pass --omit-owner-reference"],
  [/\bomitOwnerReference\b/g, "--omit-owner-reference"],
  [/\boptions\.appContainerName\b/g, "--app-container"],
  [/\bpass appContainerName\b/g, "pass --app-container"],
  [/\boptions\.runnerId\b/g, "--runner-id"],
  [/\boptions\.env\b/g, "--env"],
  [/(^|[\s(])encodedParent\b/gm, "$1--encoded-parent"],
  [/\buse a callback\b/g, "use a pod-manifest template"],
  [/\bor a callback\b/g, "or a pod-manifest template"],
  // A pod manifest given with --template is what the rules call a callback's result.
  [/(^|[\s(])callback\./gm, "$1template."],
];

/**
 * `text` (an error message, a warning) with the rules' API terms replaced by
 * the command line's: `--omit-owner-reference`, `--app-container`,
 * `--runner-id`, `--env`, `--encoded-parent`, "a pod-manifest template"
 * (and `template.` for the paths the rules give as `callback.`).
 *
 * @param text - a message of the rules.
 * @returns the same message in the command line's terms.
 */
export function cliWording(text: string): string {
  return CLI_TERMS.reduce((out, [term, flag]) => out.replace(term, flag), text);
}
