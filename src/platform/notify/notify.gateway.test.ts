import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/db.ts';
import { channelsFromConfig } from './notify.channels.ts';
import { createNotifier, type Notifier } from './notify.service.ts';
import { capturedLog, startGateway, type TestGateway, testDataKeys } from './notify.test-support.ts';

const PHONE = '+6281234567890';

/** What a gateway does with each request, written here independently of Loket's own signing code. */
function verifySignature(secret: Buffer, headers: Record<string, string | string[] | undefined>, body: string): boolean {
  const timestamp = String(headers['x-loket-timestamp']);
  const expected = createHmac('sha256', secret).update(`${timestamp}.${body}`).digest();
  const given = Buffer.from(String(headers['x-loket-signature']), 'hex');
  const fresh = Math.abs(Date.now() / 1000 - Number(timestamp)) < 300;
  return fresh && given.length === expected.length && timingSafeEqual(given, expected);
}

describe('SMS and WhatsApp through the HTTP message gateway', () => {
  let database: TestDatabase;
  let gateway: TestGateway;
  let notifier: Notifier;
  const secret = randomBytes(32);
  const logs = capturedLog();

  beforeAll(async () => {
    database = await createTestDatabase();
    gateway = await startGateway();
    notifier = createNotifier({
      db: database.db,
      dataKeys: testDataKeys(database.db).dataKeys,
      // The way production builds them: from LOKET_MESSAGE_GATEWAY_URL and LOKET_MESSAGE_GATEWAY_SECRET.
      channels: channelsFromConfig({ smtpUrl: undefined, mailFrom: '', messageGatewayUrl: gateway.url, messageGatewaySecret: secret.toString('base64') }),
      log: logs.log,
      retry: { baseDelayMs: 50 },
    });
  });
  afterAll(async () => {
    await notifier.close();
    await gateway.close();
    await database.drop();
  });

  it('posts each message as signed JSON that the gateway can verify, in the language of the recipient', async () => {
    const { id: sms } = await notifier.enqueue(
      { kind: 'account.verify_contact', channel: 'sms', recipient: PHONE, locale: 'id', params: { code: '390218' } },
      database.db,
    );
    const { id: whatsapp } = await notifier.enqueue(
      { kind: 'account.sign_in_alert', channel: 'whatsapp', recipient: PHONE, locale: 'en', params: { at: '2027-01-14T02:30:00Z', device: 'Chrome, Android' } },
      database.db,
    );
    expect(await notifier.deliver(sms)).toBe('sent');
    expect(await notifier.deliver(whatsapp)).toBe('sent');

    expect(gateway.requests).toHaveLength(2);
    for (const request of gateway.requests) {
      expect(request.headers['content-type']).toBe('application/json');
      expect(verifySignature(secret, request.headers, request.body)).toBe(true);
      // A tampered body no longer matches its signature.
      expect(verifySignature(secret, request.headers, request.body.replace('Loket', 'L0ket'))).toBe(false);
    }
    expect(JSON.parse(gateway.requests[0]?.body ?? '')).toEqual({
      channel: 'sms',
      to: PHONE,
      text: 'Loket: kode verifikasi Anda 390218. Berlaku 10 menit. Jangan berikan kode ini kepada siapa pun.',
      id: sms,
    });
    expect(JSON.parse(gateway.requests[1]?.body ?? '')).toEqual({
      channel: 'whatsapp',
      to: PHONE,
      text: 'Loket: your account was used to sign in at 14 January 2027 at 09:30 WIB. If this was not you, change your password now.',
      id: whatsapp,
    });
    expect(logs.text()).not.toContain(PHONE);
    expect(logs.text()).not.toContain('390218');
  });

  it('retries when the gateway answers other than 2xx', async () => {
    gateway.respondWith(503);
    const { id } = await notifier.enqueue(
      { kind: 'account.verify_contact', channel: 'sms', recipient: PHONE, locale: 'id', params: { code: '118822' } },
      database.db,
    );
    expect(await notifier.deliver(id)).toBe('retrying');
    const failed = await database.db.selectFrom('notification').select(['status', 'attempts', 'lastError']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(failed).toEqual({ status: 'pending', attempts: 1, lastError: 'gateway answered 503' });

    gateway.respondWith(202);
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(await notifier.deliverDue()).toBe(1);
    const sent = await database.db.selectFrom('notification').select(['status', 'attempts', 'lastError']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(sent).toEqual({ status: 'sent', attempts: 2, lastError: null });
  });
});
