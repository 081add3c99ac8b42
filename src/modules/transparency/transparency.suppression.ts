// Small-count protection (issue 9): a published cell that counts fewer than MIN_PUBLISHED_COUNT people
// is replaced by a suppression mark, and so is any figure derived from fewer people (a median, a share,
// an average rating), so that no one can be recognised from a dashboard or an open-data file.

export const MIN_PUBLISHED_COUNT = 5;

/** A published number, or the mark that it was withheld. Zero is published: it identifies no one. */
export type Protected<T = number> = { suppressed: false; value: T } | { suppressed: true };

/** A count of people, withheld when 1–4. */
export function protectCount(count: number): Protected {
  return count > 0 && count < MIN_PUBLISHED_COUNT ? { suppressed: true } : { suppressed: false, value: count };
}

/** A figure computed from `basis` people; null (nothing to compute from) stays publishable as empty. */
export function protectDerived<T>(value: T | null, basis: number): Protected<T | null> {
  return basis > 0 && basis < MIN_PUBLISHED_COUNT ? { suppressed: true } : { suppressed: false, value };
}

/** For CSV and JSON: the value, or null when withheld (the file's schema documents null as "fewer than 5"). */
export function publishedOrNull<T>(cell: Protected<T>): T | null {
  return cell.suppressed ? null : cell.value;
}
