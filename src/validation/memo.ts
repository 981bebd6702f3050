/**
 * Memory for string tests: the same few names (the runner name, container,
 * volume and env names, label keys, resource names) come back in every
 * manifest, and a set lookup is cheaper than a character loop over them.
 */

/** How many strings a {@link rememberValid} test keeps, so odd input cannot grow it without limit. */
export const REMEMBERED_STRINGS_MAX = 1024;

/** The longest string a {@link rememberValid} test keeps: longer ones are tested each time. */
export const REMEMBERED_STRING_MAX_LENGTH = 320;

/**
 * Wraps a pure string test so that it remembers the strings it found valid:
 * the wrapped test gives the same answers, and a string already found valid
 * costs a set lookup. Only valid strings are kept (an invalid one goes on to
 * an error message, which is rare): at most {@link REMEMBERED_STRINGS_MAX},
 * each at most {@link REMEMBERED_STRING_MAX_LENGTH} characters long.
 *
 * @param test - a pure test: same string, same answer.
 * @returns the remembering test.
 */
export function rememberValid(test: (value: string) => boolean): (value: string) => boolean {
  const valid = new Set<string>();
  return (value: string): boolean => {
    if (valid.has(value)) return true;
    if (!test(value)) return false;
    if (valid.size < REMEMBERED_STRINGS_MAX && value.length <= REMEMBERED_STRING_MAX_LENGTH) {
      valid.add(value);
    }
    return true;
  };
}
