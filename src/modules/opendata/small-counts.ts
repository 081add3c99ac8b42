// Small-count protection (issue 9): a published cell that counts fewer than five people could point
// at someone ("the one complaint from this village", "the two respondents of this unit"), so it is
// never published. Suppressed cells are empty (CSV) or null (JSON); each person-count column says so
// in its schema. Zero is suppressed too: "nobody" is as revealing as "one" when the total is known.

/** The smallest count of people that may be published. */
export const MIN_PUBLISHED_COUNT = 5;

/** The count as published: itself from MIN_PUBLISHED_COUNT up, null (suppressed) below it or when absent. */
export function protectCount(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  const count = typeof value === 'number' ? value : Number(value);
  if (!Number.isFinite(count)) return null;
  return count >= MIN_PUBLISHED_COUNT ? count : null;
}

/** True when a published value breaks the rule: a number of people under the threshold. */
export function isDisclosive(value: unknown): boolean {
  return typeof value === 'number' && value < MIN_PUBLISHED_COUNT;
}
