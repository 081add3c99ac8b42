import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../../test/helpers/app.ts';
import { sessionTokenFor } from '../../../test/helpers/app.ts';
import { type CsrfPair, csrfPair } from '../../../test/security/forms.ts';
import type { SignedInActor } from '../../platform/auth/actor.ts';
import { createCitizen, createStaff } from '../applications/applications.test-support.ts';
import {
  createConsentTestApp,
  REQUIREMENT,
  registeredCitizen,
  SERVICE,
  socialAssistanceAnswers,
  socialAssistanceDraft,
  submitDraft,
} from './consent.test-support.ts';

// The once-only pages and the consent receipts over HTTP, as a browser (cookie, CSRF, forms) uses
// them, and what they answer to hostile input: always a 4xx in the person's language, never a 5xx.

let t: TestApp;
let csrf: CsrfPair;
let address = 0;

beforeAll(async () => {
  t = await createConsentTestApp();
  csrf = await csrfPair(t.app);
}, 60_000);
afterAll(async () => t?.close());

function nextAddress(): string {
  address += 1;
  return `10.30.${(address >> 8) & 255}.${address & 255}`;
}

async function session(actor: SignedInActor): Promise<string> {
  return `loket_session=${await sessionTokenFor(t.services, actor)}; ${csrf.cookie}`;
}

const get = (cookie: string, url: string, headers: Record<string, string> = {}) =>
  t.app.inject({ url, headers: { cookie, ...headers }, remoteAddress: nextAddress() });

const post = (cookie: string, url: string, fields: Record<string, string>) =>
  t.app.inject({
    method: 'POST',
    url,
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ _csrf: csrf.token, ...fields }).toString(),
    remoteAddress: nextAddress(),
  });

describe('the consent screen in the apply journey', () => {
  it('takes the applicant from the requirement page to the consent screen, which pre-selects nothing', async () => {
    const citizen = await registeredCitizen(t);
    const cookie = await session(citizen.actor);
    const start = await get(cookie, `/services/${SERVICE}/apply`);
    const draftPath = String(start.headers.location);
    const draftId = draftPath.split('/')[2];
    const page = await get(cookie, `/apply/${draftId}/dtsen`);
    expect(page.statusCode).toBe(303);
    expect(page.headers.location).toBe(`/apply/${draftId}/once-only/${REQUIREMENT}`);

    const screen = await get(cookie, `/apply/${draftId}/once-only/${REQUIREMENT}`);
    expect(screen.statusCode).toBe(200);
    expect(screen.body).toContain('Ambil data Anda dari Kementerian Sosial?');
    for (const text of [
      'Dinas Sosial Kota Surabaya',
      'Terdaftar di DTSEN',
      'Desil kesejahteraan',
      'Penyaluran bantuan sosial',
      'Undang-Undang Nomor 13 Tahun 2011',
      '12 bulan',
    ]) {
      expect(screen.body).toContain(text);
    }
    expect(screen.body).toContain('value="agree"');
    expect(screen.body).toContain('value="decline"');
    expect(screen.body).not.toMatch(/checked|selected/);
  });

  it('on consent shows exactly what was fetched, and on declining goes to the upload', async () => {
    const citizen = await registeredCitizen(t);
    const cookie = await session(citizen.actor);
    const draft = await socialAssistanceDraft(t, citizen.actor);
    const url = `/apply/${draft.id}/once-only/${REQUIREMENT}`;
    const agreed = await post(cookie, url, { decision: 'agree' });
    expect(agreed.statusCode).toBe(303);
    expect(agreed.headers.location).toBe(url);
    const result = await get(cookie, url);
    expect(result.body).toContain('Data Anda sudah diambil');
    expect(result.body).toContain('Desil kesejahteraan');
    expect(result.body).toContain('PKH');
    expect(result.body).toContain(`href="/apply/${draft.id}/pernyataan"`);

    const declined = await post(cookie, url, { decision: 'decline' });
    expect(declined.headers.location).toBe(`/apply/${draft.id}/dtsen`);
    const upload = await get(cookie, `/apply/${draft.id}/dtsen`);
    expect(upload.statusCode).toBe(200);
    expect(upload.body).toContain('type="file"');
  });

  it('asks for the upload before submitting when the data was not fetched, and not when it was', async () => {
    const citizen = await registeredCitizen(t);
    const cookie = await session(citizen.actor);
    const draft = await socialAssistanceDraft(t, citizen.actor);
    // Every other answer given, as the form pages would save them.
    const open = await t.services.applicationDrafts.open(citizen.actor, draft.id);
    await t.services.applicationDrafts.savePage(
      citizen.actor,
      open,
      { id: 'all', title: { id: 'x', en: 'x' }, fields: [] },
      socialAssistanceAnswers(citizen),
      false,
    );
    await post(cookie, `/apply/${draft.id}/once-only/${REQUIREMENT}`, { decision: 'decline' });
    const check = await get(cookie, `/apply/${draft.id}/check`);
    expect(check.body).toContain('Unggah surat keterangan terdaftar di DTSEN');
    expect(check.body).not.toContain(`action="/apply/${draft.id}/submit"`);
    expect(check.body).not.toContain('Data yang diambil dari instansi lain');
    const refused = await post(cookie, `/apply/${draft.id}/submit`, { idempotencyKey: draft.submissionKey });
    expect(refused.statusCode).toBe(400);
    expect(await t.database.db.selectFrom('application').select('id').where('applicantAccountId', '=', citizen.actor.accountId).execute()).toEqual([]);

    await post(cookie, `/apply/${draft.id}/once-only/${REQUIREMENT}`, { decision: 'agree' });
    const checked = await get(cookie, `/apply/${draft.id}/check`);
    expect(checked.body).toContain(`action="/apply/${draft.id}/submit"`);
    expect(checked.body).toContain('Diambil dari Kementerian Sosial dengan persetujuan Anda');
    expect(checked.body).toContain(`href="/apply/${draft.id}/once-only/${REQUIREMENT}"`);
    const submitted = await post(cookie, `/apply/${draft.id}/submit`, { idempotencyKey: draft.submissionKey });
    expect(submitted.statusCode).toBe(303);
    expect(String(submitted.headers.location)).toMatch(/^\/applications\/LKT-[0-9A-Z-]+\/receipt$/);
  });

  it('answers hostile input with a 4xx, never a 5xx', async () => {
    const citizen = await registeredCitizen(t);
    const cookie = await session(citizen.actor);
    const draft = await socialAssistanceDraft(t, citizen.actor);
    const url = `/apply/${draft.id}/once-only/${REQUIREMENT}`;
    const cases = [
      await post(cookie, url, { decision: 'maybe' }),
      await post(cookie, url, { decision: 'agree'.repeat(1000) }),
      await post(cookie, url, {}),
      await post(cookie, `/apply/${draft.id}/once-only/ktp-el`, { decision: 'agree' }),
      await post(cookie, `/apply/${draft.id}/once-only/${'x'.repeat(300)}`, { decision: 'agree' }),
      await post(cookie, `/apply/not-a-draft/once-only/${REQUIREMENT}`, { decision: 'agree' }),
      await get(cookie, `/apply/${draft.id}/once-only/%3Cscript%3E`),
      await get(cookie, '/account/consents/not-a-uuid.json'),
      await get(cookie, `/account/consents/${crypto.randomUUID()}.json`),
      await post(cookie, `/account/consents/${crypto.randomUUID()}/revoke`, {}),
      await post(cookie, '/account/consents/%27%20or%201%3D1/revoke', {}),
      await t.app.inject({ method: 'POST', url, headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: 'decision=agree' }),
    ];
    expect(cases.map((response) => response.statusCode)).toEqual([400, 400, 400, 404, 414, 404, 404, 404, 404, 404, 404, 403]);
    expect(cases[0]?.body).toContain('Isian tidak valid');
    expect(await t.database.db.selectFrom('consent').select('id').where('accountId', '=', citizen.actor.accountId).execute()).toEqual([]);
  });

  it("refuses another person's draft and staff", async () => {
    const owner = await registeredCitizen(t);
    const draft = await socialAssistanceDraft(t, owner.actor);
    const stranger = await createCitizen(t.services);
    const url = `/apply/${draft.id}/once-only/${REQUIREMENT}`;
    expect((await get(await session(stranger.actor), url)).statusCode).toBe(404);
    expect((await post(await session(stranger.actor), url, { decision: 'agree' })).statusCode).toBe(404);
    const agency = await t.database.db.selectFrom('agency').select('id').where('code', '=', 'dinsos-kota-surabaya').executeTakeFirstOrThrow();
    const officer = await createStaff(t.services, agency.id);
    expect((await get(await session(officer), '/account/consents')).statusCode).toBe(200);
    expect((await get('', '/account/consents')).statusCode).toBe(303);
  });
});

describe('consent receipts in the account', () => {
  it('lists consents with a JSON receipt, and revoking one is honoured by the next application', async () => {
    const citizen = await registeredCitizen(t);
    const cookie = await session(citizen.actor);
    const draft = await socialAssistanceDraft(t, citizen.actor);
    await post(cookie, `/apply/${draft.id}/once-only/${REQUIREMENT}`, { decision: 'agree' });
    const application = await submitDraft(t, citizen.actor, draft, citizen);
    const [consent] = await t.database.db.selectFrom('consent').selectAll().where('accountId', '=', citizen.actor.accountId).execute();
    if (!consent) throw new Error('no consent');

    const account = await get(cookie, '/account');
    expect(account.body).toContain('href="/account/consents"');
    const list = await get(cookie, '/account/consents');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('Kepesertaan DTSEN untuk program bantuan sosial');
    expect(list.body).toContain('Berlaku');
    expect(list.body).toContain(application.trackingNumber);
    expect(list.body).toContain(`href="/account/consents/${consent.id}.json"`);

    const receipt = await get(cookie, `/account/consents/${consent.id}.json`);
    expect(receipt.statusCode).toBe(200);
    expect(receipt.headers['content-type']).toContain('application/json');
    const body = receipt.json();
    expect(body).toMatchObject({
      version: 'KI-CR-v1.1.0',
      jurisdiction: 'ID',
      consentReceiptID: consent.id,
      piiPrincipalId: `loket-account:${citizen.actor.accountId}`,
      piiControllers: [{ piiController: 'Dinas Sosial Kota Surabaya' }],
      services: [{ purposes: [{ consentType: 'EXPLICIT', thirdPartyName: 'Kementerian Sosial', purpose: 'Penyaluran bantuan sosial' }] }],
      loket: { state: 'active', productCode: 'dtsen-kepesertaan', revokedAt: null, applicationTrackingNumber: application.trackingNumber },
    });
    expect(receipt.body).not.toContain(citizen.nik);
    expect(receipt.body).not.toContain(citizen.fullName);
    const stranger = await createCitizen(t.services);
    expect((await get(await session(stranger.actor), `/account/consents/${consent.id}.json`)).statusCode).toBe(404);

    const revoked = await post(cookie, `/account/consents/${consent.id}/revoke`, {});
    expect(revoked.headers.location).toBe('/account/consents?done=revoked');
    expect((await get(cookie, '/account/consents?done=revoked')).body).toContain('Persetujuan dicabut');
    expect((await get(cookie, `/account/consents/${consent.id}.json`)).json().loket.state).toBe('revoked');
    expect((await post(cookie, `/account/consents/${consent.id}/revoke`, {})).headers.location).toBe('/account/consents?done=alreadyRevoked');

    const next = await socialAssistanceDraft(t, citizen.actor);
    const screen = await get(cookie, `/apply/${next.id}/once-only/${REQUIREMENT}`);
    expect(screen.body).toContain('value="agree"');
    expect(screen.body).not.toContain('Anda sudah menyetujui');
  });
});
