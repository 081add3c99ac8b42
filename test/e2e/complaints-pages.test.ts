import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ComplaintsFixture, createComplaintsFixture, forwardedComplaint } from '../../src/modules/complaints/complaints.test-support.ts';
import { createTestApp, listenForBrowser, type TestApp } from '../helpers/app.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { expectAxeClean } from './pages/accessibility.ts';
import { t as text } from './pages/base-page.ts';
import { ComplaintFilingPage, ComplaintListPage, PublicComplaintPage, ReporterComplaintPage } from './pages/complaints.ts';

// The complaints' public pages in a real browser without JavaScript: accessible (axe, WCAG 2.2 AA),
// and a guest can file with a typed address and open the follow-up link.

let t: TestApp;
let fx: ComplaintsFixture;
let browser: Browser;
let baseUrl: string;
let publicId: string;
const contexts: BrowserContext[] = [];

async function newPage(): Promise<Page> {
  // The pages ship no script of their own, so this is the no-JavaScript experience; axe itself needs JavaScript.
  const context = await browser.newContext({ baseURL: baseUrl, locale: 'id-ID' });
  contexts.push(context);
  return context.newPage();
}

beforeAll(async () => {
  browser = await launchBrowser();
  t = await createTestApp();
  fx = await createComplaintsFixture(t.services, t.database.db);
  publicId = await forwardedComplaint(t.services, fx, { isSecret: false, isAnonymous: true });
  baseUrl = await listenForBrowser(t.app);
}, 60_000);

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => undefined);
  await browser?.close().catch(() => undefined);
  await t?.close();
}, 30_000);

describe('complaints pages in a browser', () => {
  it('lists, files as a guest with a typed address, follows up and shows a public report, all accessible', async () => {
    const page = await newPage();
    const list = await ComplaintListPage.open(page);
    expect(await list.heading()).toBe(text('complaintPages.title'));
    expect(await list.trackingIds()).toContain(publicId);
    await expectAxeClean(page);

    const form = await list.startFiling();
    expect(await form.heading()).toBe(text('complaintPages.new.title'));
    await expectAxeClean(page);
    const empty = await form.submit();
    expect(await new ComplaintFilingPage(empty.page).errors()).not.toEqual([]);
    await expectAxeClean(page);

    const filing = new ComplaintFilingPage(page);
    await filing.fill({
      category: 'infrastruktur-jalan',
      title: 'Trotoar rusak di depan pasar',
      description: 'Trotoar di depan pasar rusak dan berlubang sehingga pejalan kaki harus turun ke jalan raya.',
      address: 'Jl. Pasar Baru No. 1, Bandung',
      province: '32',
      regency: '32.73',
      email: 'warga@contoh.id',
    });
    const filed = await filing.submit();
    const trackingId = await filed.trackingId();
    const link = await filed.followUpLink();
    await expectAxeClean(page);

    const reporter = await ReporterComplaintPage.open(page, new URL(link).pathname);
    expect(await reporter.heading()).toBe('Trotoar rusak di depan pasar');
    expect(await reporter.timeline()).toContain(text('complaints.event.filed'));
    expect(trackingId).toMatch(/^ADU-/);

    const report = await PublicComplaintPage.open(page, publicId);
    await expectAxeClean(page);
    await report.meToo();
    expect(await report.banner()).toBe(text('complaintPages.meTooDone'));
  }, 60_000);
});
