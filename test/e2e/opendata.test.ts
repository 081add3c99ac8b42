import { AxeBuilder } from '@axe-core/playwright';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_MESSAGES } from '../../src/platform/i18n/index.ts';
import { SMALL_DEMO, seedDemo } from '../../src/seed.ts';
import { createTestApp, listenForBrowser, type TestApp } from '../helpers/app.ts';
import { launchBrowser } from '../helpers/browser.ts';

// The open-data index (/data) in a real browser with JavaScript off: readable, accessible, and every
// download link answers.

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

let t: TestApp;
let browser: Browser;
let baseUrl: string;

beforeAll(async () => {
  t = await createTestApp();
  await seedDemo(t.database.db, t.services, SMALL_DEMO);
  baseUrl = await listenForBrowser(t.app);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

describe('the open-data index', () => {
  it.each(['id', 'en'] as const)(
    'is axe-clean in %s, and each of its download links answers',
    async (locale) => {
      // axe runs inside the page, so this check needs JavaScript; the next test reads the page without.
      const context = await browser.newContext({ baseURL: baseUrl, locale: locale === 'id' ? 'id-ID' : 'en-GB' });
      try {
        const page = await context.newPage();
        await page.goto('/data');
        expect((await page.locator('h1').textContent())?.trim()).toBe(ALL_MESSAGES[locale]['opendata.title']);
        const { violations, passes } = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
        expect(passes.length).toBeGreaterThan(10);
        expect(violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`)).toEqual([]);
        const hrefs = await page.locator('a[href^="/data/"]').evaluateAll((links) => links.map((link) => link.getAttribute('href') ?? ''));
        expect(hrefs.length).toBeGreaterThanOrEqual(13);
        for (const href of new Set(hrefs)) {
          // Load shedding answers 503 with Retry-After on a busy machine: designed behaviour, so ask again.
          let response = await context.request.get(href);
          for (let attempt = 1; response.status() === 503 && response.headers()['retry-after'] && attempt < 10; attempt += 1) {
            await new Promise((resolve) => setTimeout(resolve, 300));
            response = await context.request.get(href);
          }
          expect(response.status(), href).toBe(200);
        }
      } finally {
        await context.close();
      }
      // Thirteen downloads, two of them walking every month since 2020: slow on a busy two-core machine.
    },
    90_000,
  );

  it('reads the same without JavaScript: every dataset, its downloads and its column table', async () => {
    const context = await browser.newContext({ baseURL: baseUrl, locale: 'en-GB', javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      await page.goto('/data');
      for (const dataset of t.services.openData.datasets()) {
        await expect(page.locator(`#${dataset.id} h2`).textContent()).resolves.toBe(dataset.title.en);
        expect(await page.locator(`#${dataset.id} table tbody tr`).count()).toBe(dataset.columns.length);
      }
    } finally {
      await context.close();
    }
  });
});
