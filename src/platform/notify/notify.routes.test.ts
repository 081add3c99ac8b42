import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';

describe('development mailbox page', () => {
  let testApp: TestApp | undefined;
  afterEach(async () => {
    await testApp?.close();
    testApp = undefined;
  });

  it('lists sent messages newest first with the recipient and the text, so a person can read the code', async () => {
    testApp = await createTestApp();
    const { app, services, database } = testApp;
    const { notifier } = services;
    const { id: older } = await notifier.enqueue(
      { kind: 'account.verify_contact', channel: 'email', recipient: 'dewi@contoh.go.id', locale: 'en', params: { code: '246810' } },
      database.db,
    );
    // No SMTP server or gateway is configured: the development mailbox keeps them.
    expect(await notifier.deliver(older)).toBe('mailbox');
    const { id: newer } = await notifier.enqueue(
      { kind: 'account.verify_contact', channel: 'sms', recipient: '+6281311112222', locale: 'id', params: { code: '135790' } },
      database.db,
    );
    expect(await notifier.deliver(newer)).toBe('mailbox');

    const response = await app.inject({ method: 'GET', url: '/dev/mailbox', headers: { 'accept-language': 'id' } });
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    const html = response.body;
    expect(html).toContain('<h1>Kotak pesan pengembangan</h1>');
    expect(html).toContain('+6281311112222');
    expect(html).toContain('dewi@contoh.go.id');
    // Each message in its recipient's language, marked as such for screen readers.
    expect(html).toContain('<span lang="en">Your Loket verification code</span>');
    expect(html).toContain('<div lang="id"><p>Loket: kode verifikasi Anda 135790.');
    expect(html).toContain('Terkirim');
    expect(html.indexOf('135790')).toBeLessThan(html.indexOf('246810'));
    // The page shows them; the logs never do.
    for (const secret of ['135790', '246810', 'dewi@contoh.go.id', '+6281311112222']) expect(testApp.logs.join('\n')).not.toContain(secret);
  });

  it('does not exist when the development mailbox is off', async () => {
    testApp = await createTestApp({ env: { LOKET_DEV_MAILBOX: 'false' } });
    const response = await testApp.app.inject({ method: 'GET', url: '/dev/mailbox' });
    expect(response.statusCode).toBe(404);
    expect(testApp.app.hasRoute({ method: 'GET', url: '/dev/mailbox' })).toBe(false);
  });
});
