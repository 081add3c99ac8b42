import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';

const NIK = '3174054507900002';
const PASSWORD = 'kuda-lumping-merah-42';
const EMAIL = 'siti.rahayu@example.id';
const PHONE = '081234567890';
const TOKEN = 'tok_9f8e7d6c5b4a39281706';

function fixtures(app: FastifyInstance) {
  // A handler that logs what careless code might log: the redaction must catch it.
  app.post('/api/v1/test/careless', { config: { access: 'public' } }, async (request) => {
    request.log.info({ body: request.body }, 'received');
    request.log.info({ user: { nik: NIK, password: PASSWORD, email: EMAIL, phone: PHONE } }, 'nested');
    throw new Error('failed');
  });
}

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ extend: fixtures });
});
afterAll(async () => t.close());

describe('logs', () => {
  it('carry no NIK, password, e-mail, phone, token or secret, wherever they came from', async () => {
    await t.app.inject({ url: `/?nik=${NIK}&token=${TOKEN}` });
    await t.app.inject({
      url: `/api/v1/agencies?email=${encodeURIComponent(EMAIL)}`,
      headers: { authorization: `Bearer ${TOKEN}`, cookie: `session=${TOKEN}` },
    });
    await t.app.inject({ method: 'POST', url: '/api/v1/test/careless', payload: { nik: NIK, password: PASSWORD, email: EMAIL, phone: PHONE, token: TOKEN } });
    await t.app.inject({
      method: 'POST',
      url: '/language',
      payload: `password=${PASSWORD}&nik=${NIK}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });

    const text = t.logs.join('\n');
    expect(t.logs.length).toBeGreaterThan(5);
    expect(text).toContain('[redacted]');
    for (const secret of [NIK, PASSWORD, EMAIL, PHONE, TOKEN]) expect(text).not.toContain(secret);
  });

  it('carry the request id on every request line', async () => {
    const response = await t.app.inject({ url: '/healthz' });
    const id = String(response.headers['x-request-id']);
    const lines = t.logs.filter((line) => line.includes(id));
    expect(lines.length).toBeGreaterThanOrEqual(2);
    for (const line of lines) expect(JSON.parse(line).reqId).toBe(id);
  });
});
