import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAxeClean } from '../../../test/e2e/pages/accessibility.ts';
import { createTestApp, listenForBrowser, type TestApp } from '../../../test/helpers/app.ts';
import { launchBrowser } from '../../../test/helpers/browser.ts';
import { birthAnswers, createCitizen, createServiceFixture, uploadPdf } from '../../modules/applications/applications.test-support.ts';
import { pageContext } from '../http/request-context.ts';
import { CSS_HREF } from '../ui/assets.ts';
import { Layout } from '../ui/layout.tsx';
import { publishEvent } from './outbox.ts';

// live.js in Chromium, on a fixture page that opts in like the application page does (Layout's
// `live` prop and a data-live-region): a published event updates it without a reload, keeps focus,
// announces the update, and leaves alone what the person is typing.

let t: TestApp;
let browser: Browser;
let baseUrl: string;
let application: { id: string; trackingNumber: string };
let agencyId: string;
let cookie: string;

beforeAll(async () => {
  browser = await launchBrowser();
  t = await createTestApp({
    extend(app) {
      app.get<{ Params: { id: string } }>('/test/live/:id', { config: { access: 'public' } }, async (request, reply) => {
        const row = await t.database.db
          .selectFrom('outboxEvent')
          .select((eb) => eb.fn.countAll<number>().as('count'))
          .where('aggregateId', '=', request.params.id)
          .executeTakeFirstOrThrow();
        return reply.html(
          <Layout ctx={pageContext(request, reply, CSS_HREF)} title="Uji" live={`/events/applications/${application.trackingNumber}`}>
            <h1>Uji</h1>
            <div data-live-region="status">
              <p id="count">{`Perubahan: ${row.count}`}</p>
              <label for="note">Catatan</label>
              <input id="note" name="note" type="text" />
            </div>
          </Layout>,
        );
      });
    },
  });
  const service = await createServiceFixture(t.database.db);
  agencyId = service.agencyId;
  const citizen = await createCitizen(t.services);
  const fileId = await uploadPdf(t.services, { ownerAccountId: citizen.actor.accountId });
  const result = await t.services.applications.submitOnline(
    citizen.actor,
    { serviceCode: service.code, answers: birthAnswers(citizen, fileId), idempotencyKey: crypto.randomUUID() },
    { ip: '127.0.0.1', requestId: 'test', userAgent: 'test' },
  );
  if (!result.ok) throw new Error('submission refused');
  application = { id: result.application.id, trackingNumber: result.application.trackingNumber };
  cookie = await t.services.sessions.create({ accountId: citizen.actor.accountId, accountKind: 'citizen', kind: 'web', mfaVerified: true, userAgent: 'test' });
  baseUrl = await listenForBrowser(t.app);
}, 60_000);

afterAll(async () => {
  await browser?.close().catch(() => undefined);
  await t?.close();
}, 30_000);

async function publish(): Promise<void> {
  await t.database.db.transaction().execute((trx) => publishEvent(trx, { topic: 'application.step_entered', aggregateId: application.id, agencyId }));
}

async function outboxCount(): Promise<number> {
  const row = await t.database.db
    .selectFrom('outboxEvent')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('aggregateId', '=', application.id)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

const countText = (page: Page) => page.locator('#count').textContent();

describe('a live page in a real browser', () => {
  it('updates without a reload, keeps focus, announces the update, and keeps what is being typed', async () => {
    const context = await browser.newContext({ baseURL: baseUrl, locale: 'id-ID' });
    await context.addCookies([{ name: 'loket_session', value: cookie, url: baseUrl }]);
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));

    const before = await outboxCount();
    await page.goto(`/test/live/${application.id}`);
    await expectAxeClean(page);
    await expect.poll(() => t.app.liveEvents.subscriberCount).toBe(1);
    // Marks the document: a reload would lose it.
    await page.evaluate(() => Object.assign(window, { notReloaded: true }));
    await page.locator('#note').focus();

    await publish();
    await expect.poll(() => countText(page)).toBe(`Perubahan: ${before + 1}`);
    expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('note');
    await expect.poll(() => page.locator('[data-live-status]').textContent()).toBe('Halaman diperbarui');

    // Something typed in the region is never thrown away: that update waits for a reload.
    await page.locator('#note').fill('sedang mengetik');
    await publish();
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await countText(page)).toBe(`Perubahan: ${before + 1}`);
    expect(await page.locator('#note').inputValue()).toBe('sedang mengetik');

    expect(problems).toEqual([]);
    await context.close();
    await expect.poll(() => t.app.liveEvents.subscriberCount).toBe(0);
  });
});
