import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { BasePage, t } from './base-page.ts';

/** One access as the page lists it: its heading and its labelled facts. */
export interface TrackerItem {
  heading: string;
  facts: Record<string, string>;
}

/** /account/data-tracker: who accessed the citizen's data, newest first, with CSV and JSON downloads. */
export class TrackerPage extends BasePage {
  static async open(page: Page): Promise<TrackerPage> {
    await page.goto('/account/data-tracker');
    return TrackerPage.expectOn(page);
  }

  static async expectOn(page: Page): Promise<TrackerPage> {
    const tracker = new TrackerPage(page);
    expect(tracker.path).toBe('/account/data-tracker');
    expect(await tracker.heading()).toBe(t('tracker.title'));
    return tracker;
  }

  async items(): Promise<TrackerItem[]> {
    return this.page.locator('main ol > li').evaluateAll((items) =>
      items.map((item) => ({
        heading: (item.querySelector('h2')?.textContent ?? '').trim(),
        facts: Object.fromEntries(
          [...item.querySelectorAll('.summary-list__row')].map((row) => [
            (row.querySelector('dt')?.textContent ?? '').trim(),
            (row.querySelector('dd')?.textContent ?? '').trim(),
          ]),
        ),
      })),
    );
  }

  /** Follows a download link and reads the file the browser saved. */
  async download(format: 'csv' | 'json'): Promise<{ name: string; content: string }> {
    const download = this.page.waitForEvent('download', { timeout: 15_000 });
    await this.page
      .locator('main')
      .getByRole('link', { name: t(format === 'csv' ? 'tracker.export.csv' : 'tracker.export.json'), exact: true })
      .click();
    const file = await download;
    return { name: file.suggestedFilename(), content: await readFile(await file.path(), 'utf8') };
  }

  /** Whether the page fits the window's width without scrolling sideways. */
  async fitsWidth(): Promise<boolean> {
    const viewport = this.page.viewportSize();
    const width = await this.page.evaluate(() => document.documentElement.scrollWidth);
    return viewport !== null && width <= viewport.width;
  }
}
