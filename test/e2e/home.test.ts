import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_AGENCIES } from '../../src/modules/catalogue/catalogue.seed.ts';
import { en } from '../../src/platform/i18n/en.ts';
import { id } from '../../src/platform/i18n/id.ts';
import { CSS_HREF } from '../../src/platform/ui/assets.ts';
import { SMALL_DEMO, seedDemo } from '../../src/seed.ts';
import { createTestApp, listenForBrowser, type TestApp } from '../helpers/app.ts';
import { launchBrowser } from '../helpers/browser.ts';

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const PAGE_BUDGET_BYTES = 50 * 1024;

let t: TestApp;
let browser: Browser;
let baseUrl: string;
const contexts: BrowserContext[] = [];

/** A fresh browser profile: an Indonesian reader unless told otherwise. */
async function newPage(options: { javaScriptEnabled?: boolean; locale?: string } = {}): Promise<Page> {
  const context = await browser.newContext({ baseURL: baseUrl, locale: options.locale ?? 'id-ID', javaScriptEnabled: options.javaScriptEnabled ?? true });
  contexts.push(context);
  return context.newPage();
}

async function expectAxeClean(page: Page): Promise<void> {
  const { violations, passes } = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  // axe really looked at a page (not a blank one).
  expect(passes.length).toBeGreaterThan(10);
  const summary = violations.map(
    (violation) => `${violation.id} (${violation.impact ?? 'n/a'}): ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
  );
  expect(violations, `axe violations on ${page.url()}:\n${summary.join('\n')}`).toEqual([]);
}

/** The page's one visible h1. */
async function h1(page: Page): Promise<string> {
  const heading = page.locator('h1');
  expect(await heading.count()).toBe(1);
  expect(await heading.isVisible()).toBe(true);
  return ((await heading.textContent()) ?? '').trim();
}

/** Follows a link and waits until the next document has loaded (the URL alone may not change). */
async function follow(page: Page, linkName: string): Promise<void> {
  const navigated = page.waitForEvent('framenavigated', { predicate: (frame) => frame === page.mainFrame(), timeout: 15_000 });
  await page.getByRole('link', { name: linkName }).click();
  await navigated;
  await page.waitForLoadState('load');
}

const agency = DEMO_AGENCIES.find((candidate) => candidate.code === 'disdukcapil-kota-bandung') ?? DEMO_AGENCIES[0];
if (!agency) throw new Error('no demo agencies');

beforeAll(async () => {
  // Launch first: a missing Chromium fails the file with a clear message before anything else.
  browser = await launchBrowser();
  t = await createTestApp();
  await seedDemo(t.database.db, t.services, SMALL_DEMO);
  baseUrl = await listenForBrowser(t.app);
}, 60_000);

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => undefined);
  await browser?.close().catch(() => undefined);
  await t?.close();
}, 30_000);

describe('home page in a real browser', () => {
  it('shows Indonesian by default, switches to English, and stays accessible', async () => {
    const page = await newPage();
    const response = await page.goto('/');
    expect(response?.status()).toBe(200);
    expect(await page.locator('html').getAttribute('lang')).toBe('id');
    expect(await h1(page)).toBe(id['home.title']);
    expect(await page.locator('table').textContent()).toContain(agency.nameId);
    await expectAxeClean(page);

    await follow(page, id['layout.language.switchToName']);
    expect(new URL(page.url()).pathname).toBe('/');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await h1(page)).toBe(en['home.title']);
    expect(await page.locator('table').textContent()).toContain(agency.nameEn);
    await expectAxeClean(page);

    // And back again: the switch keeps working in English.
    await follow(page, en['layout.language.switchToName']);
    expect(new URL(page.url()).pathname).toBe('/');
    expect(await page.locator('html').getAttribute('lang')).toBe('id');
    expect(await h1(page)).toBe(id['home.title']);
  }, 60_000);

  it('shows a localized, accessible 404 page', async () => {
    const page = await newPage();
    const response = await page.goto('/tidak-ada');
    expect(response?.status()).toBe(404);
    expect(await page.locator('html').getAttribute('lang')).toBe('id');
    expect(await h1(page)).toBe(id['error.notFound.title']);
    expect(await page.locator('main').textContent()).toContain(id['error.notFound.text']);
    await expectAxeClean(page);

    const english = await newPage({ locale: 'en-GB' });
    const englishResponse = await english.goto('/tidak-ada');
    expect(englishResponse?.status()).toBe(404);
    expect(await english.locator('html').getAttribute('lang')).toBe('en');
    expect(await h1(english)).toBe(en['error.notFound.title']);
    await expectAxeClean(english);
  }, 60_000);

  it('works with JavaScript disabled', async () => {
    // Also a browser that asks for neither language: it gets the default, Bahasa Indonesia.
    const page = await newPage({ javaScriptEnabled: false, locale: 'nl-NL' });
    const response = await page.goto('/');
    expect(response?.status()).toBe(200);
    expect(await page.locator('html').getAttribute('lang')).toBe('id');
    expect(await h1(page)).toBe(id['home.title']);
    expect(await page.locator('table').textContent()).toContain(agency.nameId);

    await follow(page, id['layout.language.switchToName']);
    expect(new URL(page.url()).pathname).toBe('/');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await h1(page)).toBe(en['home.title']);
  }, 60_000);
});

describe('page weight', () => {
  it('transfers the home page (HTML and CSS, compressed) in under 50 KB', async () => {
    // The page links the stylesheet measured here, and nothing else that a first visit downloads.
    const plain = await t.app.inject({ url: '/' });
    expect(plain.body).toContain(`href="${CSS_HREF}"`);
    expect(plain.body).not.toContain('<script');

    const headers = { 'accept-encoding': 'br, gzip' };
    const html = await t.app.inject({ url: '/', headers });
    const css = await t.app.inject({ url: CSS_HREF, headers });
    const sizes = [html, css].map((response) => {
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-encoding']).toMatch(/^(br|gzip)$/);
      // Bytes on the wire: light-my-request does not decompress, so the raw payload is what was sent.
      const size = response.rawPayload.length;
      if (response.headers['content-length'] !== undefined) expect(Number(response.headers['content-length'])).toBe(size);
      return size;
    });
    const total = sizes.reduce((sum, size) => sum + size, 0);
    expect(total, `HTML ${sizes[0]} B + CSS ${sizes[1]} B (encodings: ${html.headers['content-encoding']}, ${css.headers['content-encoding']})`).toBeLessThan(
      PAGE_BUDGET_BYTES,
    );
  });
});
