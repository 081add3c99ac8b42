import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  birthAnswers,
  createCitizen,
  createServiceFixture,
  createStaff,
  type ServiceFixture,
  uploadPdf,
} from '../../src/modules/applications/applications.test-support.ts';
import type { SignedInActor } from '../../src/platform/auth/actor.ts';
import { createTestApp, listenForBrowser, sessionTokenFor, type TestApp } from '../helpers/app.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { expectAxeClean } from './pages/accessibility.ts';

// The back office on a phone without JavaScript: queue, workspace and supervisor page at 360 px,
// each axe-clean, and an officer working an item with the keyboard-free forms alone.

let loket: TestApp;
let browser: Browser;
let baseUrl: string;
let service: ServiceFixture;
let officer: SignedInActor;
let supervisor: SignedInActor;
let trackingNumber: string;
const contexts: BrowserContext[] = [];

/**
 * A phone-sized browser, already signed in as `actor` (TOTP done). Without JavaScript unless asked:
 * axe-core runs inside the page, so the accessibility checks need it on.
 */
async function phoneAs(actor: SignedInActor, javaScriptEnabled = false): Promise<Page> {
  const context = await browser.newContext({ baseURL: baseUrl, locale: 'id-ID', javaScriptEnabled, viewport: { width: 360, height: 740 } });
  contexts.push(context);
  const token = await sessionTokenFor(loket.services, { accountId: actor.accountId, kind: 'staff' });
  await context.addCookies([{ name: 'loket_session', value: token, url: baseUrl }]);
  return context.newPage();
}

/** The page does not scroll sideways at 360 px: wide tables scroll inside their own box. */
async function expectNoSidewaysScroll(page: Page): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(1);
}

beforeAll(async () => {
  browser = await launchBrowser();
  loket = await createTestApp();
  service = await createServiceFixture(loket.database.db);
  officer = await createStaff(loket.services, service.agencyId, 'officer');
  supervisor = await createStaff(loket.services, service.agencyId, 'supervisor');
  const citizen = await createCitizen(loket.services);
  const fileId = await uploadPdf(loket.services, { ownerAccountId: citizen.actor.accountId });
  const result = await loket.services.applications.submitOnline(
    citizen.actor,
    { serviceCode: service.code, answers: birthAnswers(citizen, fileId), idempotencyKey: crypto.randomUUID() },
    { ip: '127.0.0.1', requestId: 'e2e', userAgent: 'e2e' },
  );
  if (!result.ok) throw new Error('submission refused');
  trackingNumber = result.application.trackingNumber;
  baseUrl = await listenForBrowser(loket.app);
}, 60_000);

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => undefined);
  await browser?.close().catch(() => undefined);
  await loket?.close();
}, 30_000);

describe('the back office on a phone without JavaScript', () => {
  it('lets an officer claim, tick, note and advance an item with forms alone', async () => {
    const page = await phoneAs(officer);
    await page.goto('/backoffice/queue');
    expect(await page.locator('h1').textContent()).toBe('Antrean kerja');
    await page.getByRole('button', { name: `Ambil ${trackingNumber}` }).click();
    expect(await page.locator('.banner--success').textContent()).toContain(trackingNumber);
    await page.getByRole('link', { name: trackingNumber }).first().click();
    expect(await page.locator('h1').textContent()).toBe(`Permohonan ${trackingNumber}`);

    await page.getByRole('button', { name: /Tandai selesai/ }).click();
    await page.getByLabel('Catatan baru').fill('Berkas lengkap.');
    await page.getByRole('button', { name: 'Simpan catatan' }).click();
    expect(await page.locator('.banner--success').textContent()).toContain('Catatan internal disimpan.');

    // A refusal: the error summary names the problem; nothing moved.
    await page.getByRole('button', { name: 'Minta informasi dari pemohon' }).click();
    expect(await page.locator('.error-summary').textContent()).toContain('Tulis informasi apa yang perlu dikirim pemohon.');

    await page.getByRole('button', { name: 'Lanjutkan ke langkah berikutnya' }).click();
    expect(await page.locator('.banner--success').textContent()).toContain('dilanjutkan ke langkah berikutnya');
  }, 60_000);

  it('keeps the queue and the workspace axe-clean and within 360 px, refusals included', async () => {
    const page = await phoneAs(officer, true);
    await page.goto('/backoffice/queue?tab=all');
    await expectAxeClean(page);
    await expectNoSidewaysScroll(page);
    await page.goto(`/backoffice/applications/${trackingNumber}`);
    await expectAxeClean(page);
    await expectNoSidewaysScroll(page);
    await page.getByRole('button', { name: 'Minta informasi dari pemohon' }).click();
    expect(await page.locator('.error-summary').textContent()).toContain('Tulis informasi apa yang perlu dikirim pemohon.');
    await expectAxeClean(page);
  }, 60_000);

  it('shows the supervisor page, axe-clean at 360 px', async () => {
    const page = await phoneAs(supervisor, true);
    await page.goto('/backoffice/supervisor');
    expect(await page.locator('h1').textContent()).toBe('Halaman supervisor');
    await expectAxeClean(page);
    await expectNoSidewaysScroll(page);
  }, 60_000);
});
