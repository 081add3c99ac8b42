// Small-count protection (issue 9), one rule for every published figure (the dashboard, open data,
// the satisfaction index): a cell that counts fewer than MIN_PUBLISHED_COUNT people could point at
// someone ("the one complaint from this village", "the two respondents of this unit"), so it is
// withheld, and so is any figure derived from fewer people (a median, a share, an average rating).
// Zero is withheld too: "nobody" is as revealing as "one" when the total is known.

/** The smallest count of people that may be published. */
export const MIN_PUBLISHED_COUNT = 5;

/** A published number, or the mark that it was withheld. */
export type Protected<T = number> = { suppressed: false; value: T } | { suppressed: true };

/** A count of people, withheld under MIN_PUBLISHED_COUNT. */
export function protectCount(count: number): Protected {
  return count < MIN_PUBLISHED_COUNT ? { suppressed: true } : { suppressed: false, value: count };
}

/** A figure computed from `basis` people, withheld when they are fewer than MIN_PUBLISHED_COUNT. */
export function protectDerived<T>(value: T | null, basis: number): Protected<T | null> {
  return basis < MIN_PUBLISHED_COUNT ? { suppressed: true } : { suppressed: false, value };
}

/** For CSV and JSON: the value, or null when withheld (the file's schema documents null as "fewer than 5"). */
export function publishedOrNull<T>(cell: Protected<T>): T | null {
  return cell.suppressed ? null : cell.value;
}

/** A count as a file publishes it: itself from MIN_PUBLISHED_COUNT up, null below it or when absent. */
export function publishedCount(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  const count = typeof value === 'number' ? value : Number(value);
  if (!Number.isFinite(count)) return null;
  return count >= MIN_PUBLISHED_COUNT ? count : null;
}

/** True when a published value breaks the rule: a number of people under the threshold. */
export function isDisclosive(value: unknown): boolean {
  return typeof value === 'number' && value < MIN_PUBLISHED_COUNT;
}
