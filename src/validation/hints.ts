/**
 * "Did you mean" hints: the closest known spelling of a mistyped field name,
 * enum value or resource name, by edit distance. Only called when a problem
 * is reported, never on the happy path.
 */

/**
 * The optimal-string-alignment distance (Damerau-Levenshtein restricted to
 * one edit per substring): insertions, deletions, substitutions and swaps of
 * two adjacent characters each cost 1.
 *
 * @param a - one string.
 * @param b - the other string.
 * @returns the number of edits that turn `a` into `b`.
 */
export function editDistance(a: string, b: string): number {
  const n = a.length;
  const m = b.length;
  if (n === 0) return m;
  if (m === 0) return n;
  let prevPrev = new Array<number>(m + 1).fill(0);
  let prev = Array.from({ length: m + 1 }, (_, j) => j);
  let cur = new Array<number>(m + 1).fill(0);
  for (let i = 1; i <= n; i++) {
    cur[0] = i;
    for (let j = 1; j <= m; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d = Math.min(d, prevPrev[j - 2] + 1);
      }
      cur[j] = d;
    }
    [prevPrev, prev, cur] = [prev, cur, prevPrev];
  }
  return prev[m];
}

/**
 * The candidate closest to `word`, if it is close enough to be a likely typo:
 * a difference of case only, or at most 1 edit for words up to 4 characters,
 * 2 up to 8, 3 beyond (compared without case). Ties go to the candidate
 * listed first.
 *
 * @param word - the unknown spelling.
 * @param candidates - the known spellings.
 * @returns the suggestion, or `undefined` when nothing is close.
 */
export function closestMatch(word: string, candidates: Iterable<string>): string | undefined {
  const lower = word.toLowerCase();
  const limit = lower.length <= 4 ? 1 : lower.length <= 8 ? 2 : 3;
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const candidate of candidates) {
    if (candidate === word) continue;
    const d = editDistance(lower, candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

/**
 * `; did you mean "x"?` for the closest candidate, or an empty string.
 *
 * @param word - the unknown spelling.
 * @param candidates - the known spellings.
 */
export function didYouMean(word: string, candidates: Iterable<string>): string {
  const match = closestMatch(word, candidates);
  return match === undefined ? "" : `; did you mean "${match}"?`;
}
