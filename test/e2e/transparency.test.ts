import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SMALL_DEMO, seedDemo } from '../../src/seed.ts';
import { createTestApp, listenForBrowser, type TestApp } from '../helpers/app.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { expectAxeClean } from './pages/accessibility.ts';

// The public dashboard in a real browser: it works with JavaScript disabled (the charts are server
// SVG, the region filter a GET form), and every view is axe-clean (WCAG 2.2 AA). axe itself needs
// JavaScript, so it runs in a second profile; the pages ship no script either way.

let t: TestApp;
let browser: Browser;
let baseUrl: string;
let agencyCode: string;
let serviceCode: string;
let unitPath: string | undefined;
const contexts: BrowserContext[] = [];

async function newPage(javaScriptEnabled: boolean, locale = 'id-ID'): Promise<Page> {
  const context = await browser.newContext({ baseURL: baseUrl, locale, javaScriptEnabled });
  contexts.push(context);
  return context.newPage();
}

beforeAll(async () => {
  browser = await launchBrowser();
  t = await createTestApp();
  await seedDemo(t.database.db, t.services, SMALL_DEMO);
  await t.services.transparency.fold();
  const db = t.database.db;
  const service = await db
    .selectFrom('service')
    .innerJoin('agency', 'agency.id', 'service.agencyId')
    .select(['service.code as serviceCode', 'agency.code as agencyCode', 'agency.id as agencyId'])
    .executeTakeFirstOrThrow();
  agencyCode = service.agencyCode;
  serviceCode = service.serviceCode;
  const unit = await db.selectFrom('agencyUnit').select('code').where('agencyId', '=', service.agencyId).executeTakeFirst();
  unitPath = unit ? `/transparency/agencies/${agencyCode}/units/${unit.code}` : undefined;
  baseUrl = await listenForBrowser(t.app);
}, 90_000);

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => undefined);
  await browser?.close().catch(() => undefined);
  await t?.close();
}, 30_000);

describe('transparency dashboard in a browser', () => {
  it('works without JavaScript: charts, their tables, the freshness line and the region filter', async () => {
    const page = await newPage(false);
    await page.goto('/transparency');
    expect(await page.locator('h1').textContent()).toBe('Kinerja layanan publik');
    expect(await page.locator('svg[role="img"] title').count()).toBeGreaterThan(0);
    expect(await page.locator('svg[role="img"]').count()).toBe(await page.locator('figure + .table-wrap table').count());
    expect(await page.getByText(/Diperbarui/).count()).toBeGreaterThan(0);

    const province = await page.locator('#province option').nth(1).getAttribute('value');
    if (province) {
      await page.selectOption('#province', province);
      await page.getByRole('button', { name: 'Terapkan saringan' }).click();
      await page.waitForURL(/province=/);
      expect(page.url()).toContain(`province=${province}`);
      expect(await page.locator('h1').textContent()).toBe('Kinerja layanan publik');
    }

    await page.goto('/transparency');
    await page.locator(`a[href="/transparency/agencies/${agencyCode}"]`).first().click();
    await page.waitForURL(`**/transparency/agencies/${agencyCode}`);
    expect(await page.locator('#skm').count()).toBe(1);
  });

  // axe over the league tables takes a while on a shared CI core.
  for (const locale of ['id-ID', 'en-GB']) {
    it(`every view is accessible (${locale})`, { timeout: 180_000 }, async () => {
      const paths = ['/transparency', `/transparency/agencies/${agencyCode}`, `/transparency/services/${serviceCode}`, ...(unitPath ? [unitPath] : [])];
      const page = await newPage(true, locale);
      for (const path of paths) {
        const response = await page.goto(path);
        expect(response?.status(), path).toBe(200);
        await expectAxeClean(page);
      }
    });
  }
});
