import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** Runs axe-core with the WCAG 2.2 AA rules on the page as it is now, and fails on any violation. */
export async function expectAxeClean(page: Page): Promise<void> {
  const { violations, passes } = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  // axe really looked at a page (not a blank one).
  expect(passes.length).toBeGreaterThan(10);
  const summary = violations.map(
    (violation) => `${violation.id} (${violation.impact ?? 'n/a'}): ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
  );
  expect(violations, `axe violations on ${page.url()}:\n${summary.join('\n')}`).toEqual([]);
}
