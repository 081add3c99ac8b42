import { exportJWK, generateKeyPair } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, sessionTokenFor, type TestApp } from '../../../test/helpers/app.ts';
import { type CsrfPair, csrfPair } from '../../../test/security/forms.ts';
import { createStaff } from '../applications/applications.test-support.ts';
import { seedDemoExchange } from './exchange.seed.ts';
import { seedDemoAgencies } from './exchange.test-support.ts';

let t: TestApp;
let csrf: CsrfPair;
let surabayaAdmin: string;
let jakartaAdmin: string;
let clientId: string;

const agencyId = async (code: string) => (await t.database.db.selectFrom('agency').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;

beforeAll(async () => {
  t = await createTestApp();
  await seedDemoAgencies(t.database.db);
  await seedDemoExchange(t.database.db, { dataKeys: t.services.dataKeys, subjectIndexOf: t.services.exchange.subjectIndexOf });
  csrf = await csrfPair(t.app);
  const surabaya = await createStaff(t.services, await agencyId('dinsos-kota-surabaya'), 'agency_admin');
  const jakarta = await createStaff(t.services, await agencyId('dpmptsp-dki-jakarta'), 'agency_admin');
  surabayaAdmin = `loket_session=${await sessionTokenFor(t.services, surabaya)}; ${csrf.cookie}`;
  jakartaAdmin = `loket_session=${await sessionTokenFor(t.services, jakarta)}; ${csrf.cookie}`;
  const { publicKey } = await generateKeyPair('ES256');
  const created = await t.services.exchange.clients.create(
    {
      agencyCode: 'dinsos-kota-surabaya',
      name: 'SIKS <Surabaya>',
      jwk: await exportJWK(publicKey),
      purposes: ['social_assistance'],
      products: ['dtsen-kepesertaan'],
    },
    { accountId: null, role: 'operator', agencyId: null },
  );
  if (!created.ok) throw new Error(created.problem);
  clientId = created.id;
});
afterAll(() => t.close());

const revoke = (cookie: string) =>
  t.app.inject({
    method: 'POST',
    url: `/admin/exchange/clients/${clientId}/revoke`,
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ _csrf: csrf.token }).toString(),
  });

describe('the exchange admin page', () => {
  it("shows an agency admin their agency's products and clients, escaped, and nothing of other agencies' clients", async () => {
    const page = await t.app.inject({ url: '/admin/exchange', headers: { cookie: surabayaAdmin } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('dtsen-kepesertaan');
    expect(page.body).toContain('Kementerian Sosial');
    expect(page.body).toContain('SIKS &lt;Surabaya');
    expect(page.body).toContain(`/admin/exchange/clients/${clientId}/revoke`);
    expect(page.body).not.toContain('oss-nib');

    const other = await t.app.inject({ url: '/admin/exchange', headers: { cookie: jakartaAdmin } });
    expect(other.statusCode).toBe(200);
    expect(other.body).toContain('oss-nib');
    expect(other.body).not.toContain('SIKS');
    expect(other.body).toContain('Belum ada klien API.');
  });

  it("lets only the client's own agency revoke it", async () => {
    expect((await revoke(jakartaAdmin)).statusCode).toBe(303);
    expect((await t.services.exchange.clients.byId(clientId))?.revokedAt).toBeNull();
    expect((await revoke(surabayaAdmin)).statusCode).toBe(303);
    expect((await t.services.exchange.clients.byId(clientId))?.revokedAt).toBeInstanceOf(Date);
    expect(await t.services.exchange.clients.forAssertion(clientId)).toBeUndefined();
  });
});
