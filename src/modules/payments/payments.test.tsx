import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAxeClean } from '../../../test/e2e/pages/accessibility.ts';
import { createTestApp, listenForBrowser, type TestApp } from '../../../test/helpers/app.ts';
import { launchBrowser } from '../../../test/helpers/browser.ts';
import { csrfPair, formBody } from '../../../test/security/forms.ts';
import type { Database } from '../../platform/db/database.ts';
import { pageContext } from '../../platform/http/request-context.ts';
import { CSS_HREF } from '../../platform/ui/assets.ts';
import { Layout } from '../../platform/ui/layout.tsx';
import { createApplicantMessages } from '../applications/applicant-contact.ts';
import { createCitizen, createServiceFixture, type ServiceFixture } from '../applications/applications.test-support.ts';
import { generateBillingCode } from './billing-code.ts';
import { WEBHOOK_PATH } from './payments.routes.tsx';
import { type BillView, createPaymentsService } from './payments.service.ts';
import { PaymentSection } from './views/payment-section.tsx';
import { signWebhook } from './webhook-signature.ts';

// Fees end to end on a real database: billing in the filing transaction, the provider's signed webhook
// (good, replayed and every kind of bad), the development sandbox, and the applicant's payment section.

const SECRET = Buffer.alloc(32, 9);
const FEE = 50_000;
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

let t: TestApp;
let db: Database;
let service: ServiceFixture;
let applicantAccountId: string;
let browser: Browser | undefined;
const contexts: BrowserContext[] = [];
/** Filled by the fixture route that shows PaymentSection. */
let shownBill: BillView | undefined;

beforeAll(async () => {
  t = await createTestApp({
    env: { LOKET_PAYMENT_WEBHOOK_SECRET: SECRET.toString('base64') },
    extend: (app) =>
      app.get('/test/payment-section', { config: { access: 'public' } }, async (request, reply) => {
        const ctx = pageContext(request, reply, CSS_HREF);
        if (!shownBill) throw new Error('no bill to show');
        return reply.html(
          <Layout ctx={ctx} title="Permohonan">
            <h1>Permohonan</h1>
            <PaymentSection ctx={ctx} bill={shownBill} trackingNumber="LKT-0000-0000" sandbox />
          </Layout>,
        );
      }),
  });
  db = t.database.db;
  service = await createServiceFixture(db);
  applicantAccountId = (await createCitizen(t.services)).actor.accountId;
}, 60_000);

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => undefined);
  await browser?.close().catch(() => undefined);
  await t?.close();
}, 30_000);

function trackingNumber(): string {
  const pick = () => Array.from({ length: 4 }, () => ALPHABET[Math.floor(Math.random() * ALPHABET.length)]).join('');
  return `LKT-${pick()}-${pick()}`;
}

/** A filed application of the fixture service, written directly: the payments module only needs the row. */
async function newApplication(): Promise<{ id: string; trackingNumber: string }> {
  const dataKey = await t.services.dataKeys.create();
  const now = new Date();
  return db
    .insertInto('application')
    .values({
      trackingNumber: trackingNumber(),
      agencyId: service.agencyId,
      serviceId: service.serviceId,
      serviceVersionId: service.versionId,
      channel: 'online',
      applicantAccountId,
      applicantNikIndex: 'uji',
      organisationId: null,
      priorityGroup: null,
      dataKeyId: dataKey.id,
      answersEnc: 'uji',
      submittedAt: now,
      dueAt: new Date(now.getTime() + 7 * 86_400_000),
      createdBy: null,
      idempotencyKey: crypto.randomUUID(),
      updatedAt: now,
      stepId: null,
      forwardedUnitCode: null,
      queueUnitCode: null,
      queueRole: null,
      assigneeId: null,
      assignedAt: null,
      stepStartedAt: null,
      stepWarnAt: null,
      stepDueAt: null,
      escalatedAt: null,
      feePaidAt: null,
      decidedAt: null,
      closedAt: null,
    })
    .returning(['id', 'trackingNumber'])
    .executeTakeFirstOrThrow();
}

/** An application with an unpaid bill, billed through the app's own service as the filing would. */
async function billedApplication(amount = FEE) {
  const application = await newApplication();
  await db.transaction().execute((trx) => t.services.payments.billApplication(trx, { applicationId: application.id, agencyId: service.agencyId, amount }));
  const bill = await t.services.payments.billFor(application.id);
  if (!bill) throw new Error('no bill');
  return { application, bill };
}

function notification(bill: { billingCode: string; amount: number }, overrides: Record<string, unknown> = {}): string {
  return JSON.stringify({
    eventId: crypto.randomUUID(),
    billingCode: bill.billingCode,
    amount: bill.amount,
    paidAt: new Date().toISOString(),
    providerReference: 'NTPN-0001',
    ...overrides,
  });
}

function postWebhook(body: string, signature: string | undefined = signWebhook(SECRET, body, new Date()), contentType = 'application/json') {
  return t.app.inject({
    method: 'POST',
    url: WEBHOOK_PATH,
    headers: { 'content-type': contentType, ...(signature ? { 'x-loket-signature': signature } : {}) },
    payload: body,
  });
}

async function state(applicationId: string) {
  const bill = await db
    .selectFrom('applicationBill')
    .select(['status', 'paidAt', 'providerReference'])
    .where('applicationId', '=', applicationId)
    .executeTakeFirstOrThrow();
  const application = await db.selectFrom('application').select('feePaidAt').where('id', '=', applicationId).executeTakeFirstOrThrow();
  const received = await db.selectFrom('auditEvent').select('id').where('action', '=', 'payment.received').where('subjectId', '=', applicationId).execute();
  const paid = await db.selectFrom('outboxEvent').select('id').where('topic', '=', 'payment.paid').where('aggregateId', '=', applicationId).execute();
  return { bill, feePaidAt: application.feePaidAt, audited: received.length, published: paid.length };
}

describe('billing an application', () => {
  it('creates one unpaid bill with a valid code, tells the applicant and publishes payment.billed', async () => {
    const before = Date.now();
    const { application, bill } = await billedApplication();
    expect(bill).toMatchObject({ amount: FEE, status: 'unpaid', paidAt: null });
    expect(bill.billingCode).toMatch(/^[7-9]\d{14}$/);
    expect(bill.expiresAt.getTime() - before).toBeGreaterThanOrEqual(48 * 3_600_000 - 1000);
    expect(bill.expiresAt.getTime() - before).toBeLessThan(48 * 3_600_000 + 60_000);

    // Billing again (a retried filing) makes no second bill.
    await db
      .transaction()
      .execute((trx) => t.services.payments.billApplication(trx, { applicationId: application.id, agencyId: service.agencyId, amount: FEE }));
    expect(await db.selectFrom('applicationBill').select('id').where('applicationId', '=', application.id).execute()).toHaveLength(1);

    const messages = await db.selectFrom('notification').select(['params', 'locale']).where('kind', '=', 'application.payment_due').execute();
    const mine = messages.filter((row) => row.params.billingCode === bill.billingCode);
    expect(mine).toHaveLength(1);
    expect(mine[0]?.params).toEqual({
      trackingNumber: application.trackingNumber,
      billingCode: bill.billingCode,
      amount: 'Rp\u00a050.000',
      expiresAt: bill.expiresAt.toISOString(),
      link: `${t.config.publicUrl}/applications/${application.trackingNumber}`,
    });
    const billed = await db
      .selectFrom('outboxEvent')
      .select('payload')
      .where('topic', '=', 'payment.billed')
      .where('aggregateId', '=', application.id)
      .execute();
    expect(billed).toHaveLength(1);
  });

  it('shows an unpaid bill past its time as expired, and the applicant can get a new code', async () => {
    const { application, bill } = await billedApplication();
    await expect(t.services.payments.reissue(applicantAccountId, application.trackingNumber)).rejects.toMatchObject({ code: 'payments.nothing_to_reissue' });
    await db
      .updateTable('applicationBill')
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where('billingCode', '=', bill.billingCode)
      .execute();
    expect((await t.services.payments.billFor(application.id))?.status).toBe('expired');
    // Someone else's application is not found.
    const stranger = await createCitizen(t.services);
    await expect(t.services.payments.reissue(stranger.actor.accountId, application.trackingNumber)).rejects.toMatchObject({ statusCode: 404 });

    const fresh = await t.services.payments.reissue(applicantAccountId, application.trackingNumber);
    expect(fresh).toMatchObject({ status: 'unpaid', amount: FEE });
    expect(fresh.billingCode).not.toBe(bill.billingCode);
    expect((await t.services.payments.billFor(application.id))?.billingCode).toBe(fresh.billingCode);
    expect((await t.services.payments.findByCode(bill.billingCode))?.status).toBe('expired');
  });
});

describe('the payment webhook', () => {
  it('marks the bill paid, records the fee on the application once, and acknowledges a replay without changing anything', async () => {
    const { application, bill } = await billedApplication();
    const body = notification(bill);
    const signature = signWebhook(SECRET, body, new Date());

    const first = await postWebhook(body, signature);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({ outcome: 'paid' });
    const paid = await state(application.id);
    expect(paid).toMatchObject({ bill: { status: 'paid', providerReference: 'NTPN-0001' }, audited: 1, published: 1 });
    expect(paid.feePaidAt).toBeInstanceOf(Date);

    const replay = await postWebhook(body, signature);
    expect(replay.statusCode).toBe(200);
    expect(replay.json()).toEqual({ outcome: 'duplicate' });
    expect(await state(application.id)).toEqual(paid);

    // Another event for the same, already paid bill: refused, nothing changes.
    const again = await postWebhook(notification(bill));
    expect(again.statusCode).toBe(409);
    expect(again.json().type).toBe('/problems/payments.already_paid');
    expect(await state(application.id)).toEqual(paid);
  });

  it('calls onPaid exactly once per payment, in the transaction that marks the bill paid', async () => {
    const calls: string[] = [];
    const payments = createPaymentsService({
      db,
      notifier: t.services.notifier,
      audit: t.services.audit,
      contactOf: createApplicantMessages({
        accountsRepository: t.services.accountsRepository,
        personalData: t.services.personalData,
        notices: { notifier: t.services.notifier, publicUrl: t.config.publicUrl },
      }).contactOf,
      publicUrl: t.config.publicUrl,
      webhookSecret: SECRET,
      onPaid: async (trx, applicationId, paidAt) => {
        calls.push(applicationId);
        await trx.updateTable('application').set({ feePaidAt: paidAt }).where('id', '=', applicationId).execute();
      },
    });
    const application = await newApplication();
    await db.transaction().execute((trx) => payments.billApplication(trx, { applicationId: application.id, agencyId: service.agencyId, amount: FEE }));
    const bill = await payments.billFor(application.id);
    if (!bill) throw new Error('no bill');
    const event = JSON.parse(notification(bill));
    const paidAt = new Date(event.paidAt);

    expect(await payments.receive(event)).toEqual({ outcome: 'paid' });
    expect(await payments.receive(event)).toEqual({ outcome: 'duplicate' });
    expect(calls).toEqual([application.id]);
    expect((await state(application.id)).feePaidAt).toEqual(paidAt);
  });

  it.each([
    ['an unsigned request', 401, 'payments.signature_invalid', (body: string) => postWebhook(body, '')],
    [
      'a signature with another secret',
      401,
      'payments.signature_invalid',
      (body: string) => postWebhook(body, signWebhook(Buffer.alloc(32, 1), body, new Date())),
    ],
    ['a signature over other bytes', 401, 'payments.signature_invalid', (body: string) => postWebhook(`${body}\n`, signWebhook(SECRET, body, new Date()))],
    ['a stale signature', 401, 'payments.signature_stale', (body: string) => postWebhook(body, signWebhook(SECRET, body, new Date(Date.now() - 6 * 60_000)))],
    ['malformed JSON', 400, 'payments.malformed_event', (body: string) => postWebhook(body.slice(0, -2))],
    ['a huge body', 413, 'platform.too_large', (body: string) => postWebhook(`${body.slice(0, -1)},"padding":"${'x'.repeat(20_000)}"}`)],
    ['a body of the wrong type', 415, 'platform.unsupported_media_type', (body: string) => postWebhook(body, undefined, 'application/xml')],
  ])('refuses %s with %i and changes nothing', async (_name, status, type, send) => {
    const { application, bill } = await billedApplication();
    const response = await send(notification(bill));
    expect(response.statusCode).toBe(status);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json().type).toBe(`/problems/${type}`);
    expect(await state(application.id)).toMatchObject({ bill: { status: 'unpaid', paidAt: null }, feePaidAt: null, audited: 0, published: 0 });
  });

  it.each([
    ['a wrong amount', 422, 'payments.amount_mismatch', { amount: FEE - 1 }],
    ['an unknown billing code', 422, 'payments.unknown_billing_code', { billingCode: generateBillingCode() }],
    ['a missing field', 400, 'platform.validation', { providerReference: undefined }],
    ['a settlement time in the future', 400, 'payments.malformed_event', { paidAt: new Date(Date.now() + 3_600_000).toISOString() }],
  ])('refuses a signed notification with %s (%i) and changes nothing', async (_name, status, type, overrides) => {
    const { application, bill } = await billedApplication();
    const body = notification(bill, overrides);
    const response = await postWebhook(body);
    expect(response.statusCode).toBe(status);
    expect(response.json()).toMatchObject({ type: `/problems/${type}`, status });
    expect(await state(application.id)).toMatchObject({ bill: { status: 'unpaid' }, feePaidAt: null, audited: 0 });
    const eventId = JSON.parse(body).eventId as string;
    expect(await db.selectFrom('paymentEvent').select('providerEventId').where('providerEventId', '=', eventId).execute()).toEqual([]);
  });

  it('refuses payment of an expired code with a clear message in the request language', async () => {
    const { application, bill } = await billedApplication();
    await db
      .updateTable('applicationBill')
      .set({ expiresAt: new Date(Date.now() - 60_000) })
      .where('billingCode', '=', bill.billingCode)
      .execute();
    const body = notification(bill);
    const response = await t.app.inject({
      method: 'POST',
      url: WEBHOOK_PATH,
      headers: { 'content-type': 'application/json', 'x-loket-signature': signWebhook(SECRET, body, new Date()), 'accept-language': 'en' },
      payload: body,
    });
    expect(response.statusCode).toBe(409);
    expect(response.json()).toMatchObject({
      type: '/problems/payments.not_payable',
      detail: 'This billing code has expired or was cancelled. Nothing was changed.',
    });
    expect(await state(application.id)).toMatchObject({ bill: { status: 'unpaid' }, feePaidAt: null });
  });

  /** An application whose first code expired at `expiredAt` and was replaced by a new one. */
  async function reissuedApplication(expiredAt = new Date(Date.now() - 60_000)) {
    const { application, bill } = await billedApplication();
    await db.updateTable('applicationBill').set({ expiresAt: expiredAt }).where('billingCode', '=', bill.billingCode).execute();
    const fresh = await t.services.payments.reissue(applicantAccountId, application.trackingNumber);
    return { application, old: { ...bill, expiresAt: expiredAt }, fresh };
  }

  async function statuses(applicationId: string) {
    const rows = await db.selectFrom('applicationBill').select(['billingCode', 'status']).where('applicationId', '=', applicationId).execute();
    return Object.fromEntries(rows.map((row) => [row.billingCode, row.status]));
  }

  it('accepts a late notification for an old code paid before it expired, and cancels the newer code', async () => {
    const { application, old, fresh } = await reissuedApplication();
    const response = await postWebhook(notification(old, { paidAt: new Date(old.expiresAt.getTime() - 5_000).toISOString() }));
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ outcome: 'paid' });
    expect(await statuses(application.id)).toEqual({ [old.billingCode]: 'paid', [fresh.billingCode]: 'cancelled' });
    expect(await t.services.payments.billFor(application.id)).toMatchObject({ billingCode: old.billingCode, status: 'paid' });
    const fee = await db.selectFrom('application').select('feePaidAt').where('id', '=', application.id).executeTakeFirstOrThrow();
    expect(fee.feePaidAt).toBeInstanceOf(Date);

    // The cancelled code can no longer be paid.
    const cancelled = await postWebhook(notification(fresh));
    expect(cancelled.statusCode).toBe(409);
    expect(cancelled.json().type).toBe('/problems/payments.not_payable');
  });

  it('refuses an old code paid after it expired, and one paid when the newer code was paid already', async () => {
    const late = await reissuedApplication();
    const refused = await postWebhook(notification(late.old, { paidAt: new Date(late.old.expiresAt.getTime() + 5_000).toISOString() }));
    expect(refused.statusCode).toBe(409);
    expect(refused.json().type).toBe('/problems/payments.not_payable');
    expect(await statuses(late.application.id)).toEqual({ [late.old.billingCode]: 'expired', [late.fresh.billingCode]: 'unpaid' });

    const twice = await reissuedApplication();
    expect((await postWebhook(notification(twice.fresh))).statusCode).toBe(200);
    const second = await postWebhook(notification(twice.old, { paidAt: new Date(twice.old.expiresAt.getTime() - 5_000).toISOString() }));
    expect(second.statusCode).toBe(409);
    expect(second.json().type).toBe('/problems/payments.already_paid');
    expect(await statuses(twice.application.id)).toEqual({ [twice.old.billingCode]: 'expired', [twice.fresh.billingCode]: 'paid' });
  });

  it('gives no new code for a closed application', async () => {
    const { application, bill } = await billedApplication();
    await db
      .updateTable('applicationBill')
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where('billingCode', '=', bill.billingCode)
      .execute();
    await db.updateTable('application').set({ status: 'withdrawn', stepId: null }).where('id', '=', application.id).execute();
    await expect(t.services.payments.reissue(applicantAccountId, application.trackingNumber)).rejects.toMatchObject({
      code: 'payments.application_closed',
      statusCode: 409,
    });
    expect(await statuses(application.id)).toEqual({ [bill.billingCode]: 'unpaid' });
  });

  it('is described in the OpenAPI document', async () => {
    const spec = (await t.app.inject({ url: '/api/openapi.json' })).json();
    expect(spec.paths[WEBHOOK_PATH]?.post?.requestBody).toBeDefined();
  });
});

describe('the development sandbox', () => {
  it('finds a bill by its code and pays it through the signed webhook, without JavaScript', async () => {
    const { application, bill } = await billedApplication();
    const page = await t.app.inject({ url: `/dev/payments?code=${bill.billingCode}` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Rp\u00a050.000');

    const csrf = await csrfPair(t.app);
    const paid = await t.app.inject({
      method: 'POST',
      url: '/dev/payments',
      headers: { cookie: csrf.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: formBody(csrf, { code: bill.billingCode }),
    });
    expect(paid.statusCode).toBe(303);
    expect(paid.headers.location).toBe(`/dev/payments?code=${bill.billingCode}&paid=1`);
    expect(await state(application.id)).toMatchObject({ bill: { status: 'paid' }, audited: 1 });
    expect((await t.app.inject({ url: String(paid.headers.location) })).body).toContain('Lunas');

    const typo = await t.app.inject({ url: `/dev/payments?code=${bill.billingCode.slice(0, -1)}${(Number(bill.billingCode.at(-1)) + 1) % 10}` });
    expect(typo.statusCode).toBe(400);

    // A code that expired meanwhile: the sandbox shows Loket's refusal, and nothing is paid.
    const late = await billedApplication();
    await db
      .updateTable('applicationBill')
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where('billingCode', '=', late.bill.billingCode)
      .execute();
    const refused = await t.app.inject({
      method: 'POST',
      url: '/dev/payments',
      headers: { cookie: csrf.cookie, 'content-type': 'application/x-www-form-urlencoded', 'accept-language': 'en' },
      payload: formBody(csrf, { code: late.bill.billingCode }),
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain('Loket refused this payment: This billing code has expired or was cancelled.');
    expect(await state(late.application.id)).toMatchObject({ bill: { status: 'unpaid' }, feePaidAt: null });
  });

  it('is not there when the sandbox is off (as in production)', async () => {
    const off = await createTestApp({ database: t.database, secrets: t.secrets, env: { LOKET_PAYMENT_SANDBOX: 'false' } });
    try {
      expect((await off.app.inject({ url: '/dev/payments' })).statusCode).toBe(404);
    } finally {
      await off.close();
    }
  });

  // axe runs as a script in the page, so these pages have JavaScript on; the no-JavaScript path is the form post above.
  it('and the applicant’s payment section are accessible in a real browser, in both languages', async () => {
    browser = await launchBrowser();
    const baseUrl = await listenForBrowser(t.app);
    const { bill } = await billedApplication();
    shownBill = bill;
    for (const locale of ['id-ID', 'en-GB']) {
      const context = await browser.newContext({ baseURL: baseUrl, locale });
      contexts.push(context);
      const page = await context.newPage();
      await page.goto('/test/payment-section');
      await expectAxeClean(page);
      await page.getByRole('link', { name: locale === 'id-ID' ? /simulasi pembayaran/ : /payment sandbox/ }).click();
      await page.waitForURL(/\/dev\/payments\?code=/);
      await expectAxeClean(page);
      await page.getByRole('button', { name: locale === 'id-ID' ? /^Bayar/ : /^Pay/ }).click();
      await page.waitForURL(/paid=1/);
      await expectAxeClean(page);
      // The second language finds the bill paid; give it a fresh one.
      shownBill = (await billedApplication()).bill;
    }
    // An expired code: the section offers a new one.
    const { bill: old } = await billedApplication();
    await db
      .updateTable('applicationBill')
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where('billingCode', '=', old.billingCode)
      .execute();
    shownBill = { ...old, status: 'expired' };
    const context = await browser.newContext({ baseURL: baseUrl, locale: 'id-ID' });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto('/test/payment-section');
    await expectAxeClean(page);
  }, 60_000);
});
