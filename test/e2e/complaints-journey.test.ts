import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SMALL_DEMO, seedDemo } from '../../src/seed.ts';
import { createTestApp, listenForBrowser, sessionTokenFor, type TestApp } from '../helpers/app.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { expectAxeClean } from './pages/accessibility.ts';
import { ComplaintFilingPage, PublicComplaintPage, ReporterComplaintPage } from './pages/complaints.ts';

// Issue 8's browser acceptance: an anonymous guest files with a typed address and gets the follow-up
// link; the desk verifies and forwards it to Disdukcapil Kota Bandung; the agency officer writes the
// plan and responds; the reporter accepts through the link; the public page shows the report without
// identity. axe-core on every page. Staff sign-in (password + TOTP) is covered by the accounts journeys.

let loket: TestApp;
let browser: Browser;
let baseUrl: string;
const contexts: BrowserContext[] = [];

async function newPage(): Promise<Page> {
  const context = await browser.newContext({ baseURL: baseUrl, locale: 'id-ID' });
  contexts.push(context);
  return context.newPage();
}

async function staffPage(email: string): Promise<Page> {
  const account = await loket.services.accountsRepository.findByIndex('emailIndex', loket.services.personalData.index('email', email));
  if (!account) throw new Error(`no account ${email}`);
  const page = await newPage();
  const token = await sessionTokenFor(loket.services, { accountId: account.id, kind: 'staff' });
  await page.context().addCookies([{ name: 'loket_session', value: token, url: baseUrl }]);
  return page;
}

async function submit(page: Page, form: string): Promise<void> {
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.locator(`${form} button[type="submit"]`).first().click()]);
}

beforeAll(async () => {
  browser = await launchBrowser();
  loket = await createTestApp();
  await seedDemo(loket.database.db, loket.services, SMALL_DEMO);
  baseUrl = await listenForBrowser(loket.app);
}, 120_000);

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => undefined);
  await browser?.close().catch(() => undefined);
  await loket?.close();
}, 30_000);

describe('a complaint from an anonymous guest to an accepted response', () => {
  it('is filed, forwarded by the desk, answered by the agency and accepted, without revealing the reporter', async () => {
    const guest = await newPage();
    const filing = await ComplaintFilingPage.open(guest);
    await expectAxeClean(guest);
    await filing.fill({
      category: 'pelayanan-kependudukan',
      title: 'Antrean KK di kantor kecamatan tidak jelas',
      description: 'Saya sudah tiga kali datang untuk mengurus Kartu Keluarga, tetapi nomor antrean selalu habis sebelum jam delapan pagi.',
      address: 'Jl. Wastukencana No. 2, Bandung',
      province: '32',
      regency: '32.73',
      secret: false,
      anonymous: true,
      email: 'warga.anonim@contoh.id',
    });
    const filed = await filing.submit();
    const trackingId = await filed.trackingId();
    const followUp = new URL(await filed.followUpLink()).pathname;
    await expectAxeClean(guest);

    const desk = await staffPage('pengaduan@demo.loket.test');
    await desk.goto('/backoffice/complaints/triage');
    await expectAxeClean(desk);
    await Promise.all([desk.waitForNavigation({ waitUntil: 'load' }), desk.locator(`a[href="/backoffice/complaints/triage/${trackingId}"]`).click()]);
    await expectAxeClean(desk);
    await desk.locator('#forward-agency').selectOption({ label: 'Dinas Kependudukan dan Pencatatan Sipil Kota Bandung' });
    await submit(desk, 'form:has(input[name="action"][value="forward"])');
    expect(new URL(desk.url()).pathname).toBe('/backoffice/complaints/triage');

    const officer = await staffPage('petugas@demo.loket.test');
    await officer.goto(`/backoffice/complaints/${trackingId}`);
    await expectAxeClean(officer);
    expect(await officer.locator('main').textContent()).not.toContain('warga.anonim@contoh.id');
    await officer.locator('#plan-message').fill('Kami periksa jadwal antrean kantor kecamatan minggu ini.');
    await submit(officer, 'form:has(input[name="action"][value="plan"])');
    await officer.goto(`/backoffice/complaints/${trackingId}?template=scheduled`);
    await expectAxeClean(officer);
    await submit(officer, 'form:has(input[name="action"][value="respond"])');
    expect(officer.url()).toContain('done=1');

    const reporter = await ReporterComplaintPage.open(guest, followUp);
    await expectAxeClean(guest);
    expect(await reporter.canAccept()).toBe(true);
    await reporter.accept();
    await expectAxeClean(guest);

    const report = await PublicComplaintPage.open(guest, trackingId);
    await expectAxeClean(guest);
    expect(await report.bodyText()).not.toContain('warga.anonim@contoh.id');
    expect(await report.bodyText()).toContain('Antrean KK di kantor kecamatan tidak jelas');
  }, 90_000);
});
