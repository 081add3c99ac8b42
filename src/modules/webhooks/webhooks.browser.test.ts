import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, listenForBrowser, sessionTokenFor, type TestApp } from '../../../test/helpers/app.ts';
import { launchBrowser } from '../../../test/helpers/browser.ts';
import type { SignedInActor } from '../../platform/auth/actor.ts';
import { publishEvent } from '../../platform/events/outbox.ts';
import { createServiceFixture, createStaff } from '../applications/applications.test-support.ts';
import { startReceiver } from './webhooks.test-support.ts';

// The agency admin's journey in a real browser with JavaScript off (plain forms and links), then
// axe-core (WCAG 2.2 AA) on each page in both languages.

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

let t: TestApp;
let browser: Browser;
let baseUrl: string;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
let agencyId: string;
let admin: SignedInActor;
const contexts: BrowserContext[] = [];

async function newPage(javaScript: boolean): Promise<Page> {
  const context = await browser.newContext({ baseURL: baseUrl, javaScriptEnabled: javaScript });
  context.setDefaultTimeout(15_000);
  contexts.push(context);
  const token = await sessionTokenFor(t.services, { accountId: admin.accountId, kind: 'staff' });
  await context.addCookies([{ name: 'loket_session', value: token, url: baseUrl }]);
  return context.newPage();
}

async function expectAxeClean(page: Page): Promise<void> {
  const { violations, passes } = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  expect(passes.length).toBeGreaterThan(10);
  const summary = violations.map((v) => `${v.id} (${v.impact ?? 'n/a'}): ${v.nodes.map((node) => node.target.join(' ')).join(', ')}`);
  expect(violations, `axe violations on ${page.url()}:\n${summary.join('\n')}`).toEqual([]);
}

beforeAll(async () => {
  browser = await launchBrowser();
  t = await createTestApp();
  baseUrl = await listenForBrowser(t.app);
  receiver = await startReceiver();
  agencyId = (await createServiceFixture(t.database.db)).agencyId;
  admin = await createStaff(t.services, agencyId, 'agency_admin');
}, 60_000);

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => undefined);
  await browser?.close().catch(() => undefined);
  await receiver?.close();
  await t?.close();
}, 30_000);

describe('webhook administration in a browser', () => {
  it('an agency admin subscribes, copies the secret, reads the delivery log, redelivers and disables, without JavaScript', async () => {
    const page = await newPage(false);
    await page.goto('/admin/webhooks');
    await page.getByRole('button', { name: 'Buat langganan' }).click();
    await expect.poll(() => page.locator('.error-summary').textContent()).toContain('Pilih paling sedikit satu peristiwa');

    await page.getByLabel('Alamat tujuan (URL)').fill(receiver.url('/browser'));
    await page.getByLabel('Status permohonan berubah').check();
    await page.getByRole('button', { name: 'Buat langganan' }).click();
    const secret = await page.locator('#signing-secret').textContent();
    expect(secret).toMatch(/^whsec_/);

    // A delivery for the log: 503 first, so the log shows a retry.
    receiver.script('/browser', [503]);
    await publishEvent(t.database.db, {
      topic: 'application.changed',
      aggregateId: crypto.randomUUID(),
      agencyId,
      payload: { status: 'submitted', stepId: null },
    });
    await t.services.webhooks.dispatchPending();
    const [subscription] = await t.services.webhooks.list(admin);
    const [entry] = (await t.services.webhooks.deliveryLog(admin, subscription?.id ?? '')) ?? [];
    expect(await t.services.webhooks.attempt(entry?.message.id ?? '')).toBe('retrying');

    await page.getByRole('link', { name: 'Lihat langganan' }).click();
    await expect.poll(() => page.locator('main').textContent()).toContain('Percobaan ke-1');
    expect(await page.locator('main').textContent()).toContain('503');
    await page.getByRole('button', { name: /Kirim ulang/ }).click();
    expect(await page.locator('.banner').textContent()).toContain('dijadwalkan untuk dikirim ulang');
    expect(await t.services.webhooks.attempt(entry?.message.id ?? '', true)).toBe('delivered');
    expect(receiver.at('/browser')).toHaveLength(2);

    await page.reload();
    expect(await page.locator('main').textContent()).toContain('kirim ulang manual');
    await page.getByRole('button', { name: 'Nonaktifkan' }).click();
    expect(await page.locator('main').textContent()).toContain('Nonaktif');
    expect(page.url()).toBe(`${baseUrl}/admin/webhooks/${subscription?.id}`);
  });

  it('the list, the form with errors and the delivery log are accessible in both languages', async () => {
    const page = await newPage(true);
    const [subscription] = await t.services.webhooks.list(admin);
    for (const language of ['id', 'en'] as const) {
      // A signed-in person's language is their account's setting.
      await t.services.accounts.setLocale(admin, language);
      await page.goto('/admin/webhooks');
      await expectAxeClean(page);
      await page.locator('button[type=submit].button').last().click();
      await expect.poll(() => page.locator('.error-summary').count()).toBe(1);
      await expectAxeClean(page);
      await page.goto(`/admin/webhooks/${subscription?.id}`);
      expect(await page.locator('html').getAttribute('lang')).toBe(language);
      await expectAxeClean(page);
    }
    expect(await page.locator('h1').textContent()).toBe('Webhook subscription');
  });
});
