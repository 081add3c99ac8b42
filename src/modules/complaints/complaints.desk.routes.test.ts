import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, sessionTokenFor, type TestApp } from '../../../test/helpers/app.ts';
import { type CsrfPair, csrfPair } from '../../../test/security/forms.ts';
import type { SignedInActor } from '../../platform/auth/actor.ts';
import { COMPLAINT_ORIGIN, type ComplaintsFixture, createComplaintsFixture, fileComplaint, forwardedComplaint } from './complaints.test-support.ts';

let t: TestApp;
let fx: ComplaintsFixture;
let csrf: CsrfPair;
let address = 0;
const cookies = new Map<string, string>();

beforeAll(async () => {
  t = await createTestApp();
  fx = await createComplaintsFixture(t.services, t.database.db);
  csrf = await csrfPair(t.app);
  for (const [name, actor] of Object.entries({ desk: fx.desk, officer: fx.officer, supervisor: fx.supervisor, other: fx.otherOfficer, citizen: fx.citizen })) {
    cookies.set(name, `loket_session=${await sessionTokenFor(t.services, actor as SignedInActor)}; ${csrf.cookie}`);
  }
});

afterAll(async () => t?.close());

function nextAddress(): string {
  address += 1;
  return `10.31.${(address >> 8) & 255}.${address & 255}`;
}

const as = (who: string) => cookies.get(who) ?? '';

function get(url: string, who: string) {
  return t.app.inject({ url, headers: { cookie: as(who), 'accept-language': 'id' }, remoteAddress: nextAddress() });
}

function post(url: string, fields: Record<string, string>, who: string, token = csrf.token) {
  const body = new URLSearchParams({ _csrf: token, ...fields });
  return t.app.inject({
    method: 'POST',
    url,
    headers: { cookie: as(who), 'content-type': 'application/x-www-form-urlencoded' },
    payload: body.toString(),
    remoteAddress: nextAddress(),
  });
}

describe('complaints desk pages', () => {
  it('serves each queue to its role only', async () => {
    const { trackingId } = await fileComplaint(t.services, { kind: 'account', accountId: fx.citizen.accountId }, { title: 'Antrean meja uji' });
    const triage = await get('/backoffice/complaints/triage', 'desk');
    expect(triage.statusCode).toBe(200);
    expect(triage.body).toContain(trackingId);
    expect((await get('/backoffice/complaints/triage', 'officer')).statusCode).toBe(403);
    expect((await get('/backoffice/complaints', 'officer')).statusCode).toBe(200);
    expect((await get('/backoffice/complaints', 'desk')).statusCode).toBe(403);
    expect((await get('/backoffice/complaints', 'citizen')).statusCode).toBe(403);
    expect((await get('/backoffice/complaints/triage?status=bogus', 'desk')).statusCode).toBe(400);
  });

  it('lets the desk forward a report, which the officer then plans and answers from a template', async () => {
    const { trackingId } = await fileComplaint(t.services, { kind: 'account', accountId: fx.citizen.accountId });
    const workspace = await get(`/backoffice/complaints/triage/${trackingId}`, 'desk');
    expect(workspace.statusCode).toBe(200);
    expect(workspace.body).toContain('name="agencyId"');
    expect((await get(`/backoffice/complaints/${trackingId}`, 'officer')).statusCode).toBe(404);

    const refused = await post(`/backoffice/complaints/triage/${trackingId}/act`, { action: 'forward', agencyId: fx.agencyId }, 'desk', 'wrong-token');
    expect(refused.statusCode).toBe(403);

    const forwarded = await post(`/backoffice/complaints/triage/${trackingId}/act`, { action: 'forward', agencyId: fx.agencyId, unitId: fx.unitId }, 'desk');
    expect(forwarded.statusCode).toBe(303);
    expect((await t.services.complaints.staffView(fx.officer, trackingId, COMPLAINT_ORIGIN))?.status).toBe('not_followed_up');

    expect((await get(`/backoffice/complaints/${trackingId}`, 'other')).statusCode).toBe(404);
    const plan = await post(`/backoffice/complaints/${trackingId}/act`, { action: 'plan', message: 'Kami periksa data perekaman minggu ini.' }, 'officer');
    expect(plan.statusCode).toBe(303);
    expect(plan.headers.location).toBe(`/backoffice/complaints/${trackingId}?done=1`);

    const composer = await get(`/backoffice/complaints/${trackingId}?template=done`, 'officer');
    expect(composer.body).toContain('Masalah yang Anda laporkan sudah kami tindak lanjuti');
    const respond = await post(`/backoffice/complaints/${trackingId}/act`, { action: 'respond', message: 'KTP-el Anda sudah dicetak.' }, 'officer');
    expect(respond.statusCode).toBe(303);
    const after = await get(`/backoffice/complaints/${trackingId}`, 'officer');
    expect(after.body).toContain('KTP-el Anda sudah dicetak.');

    const empty = await post(`/backoffice/complaints/${trackingId}/act`, { action: 'note', message: '' }, 'officer');
    expect([409, 422]).toContain(empty.statusCode);
    expect((await post(`/backoffice/complaints/${trackingId}/act`, { action: 'explode' }, 'officer')).statusCode).toBe(400);
  });

  it('hides an anonymous reporter from the agency but not from the desk', async () => {
    const trackingId = await forwardedComplaint(t.services, fx, {
      isAnonymous: true,
      reporter: { kind: 'guest', name: 'Sitinurbaya Rahasia', email: 'siti.rahasia@example.test' },
    });
    const officer = await get(`/backoffice/complaints/${trackingId}`, 'officer');
    expect(officer.statusCode).toBe(200);
    expect(officer.body).not.toContain('Sitinurbaya Rahasia');
    expect(officer.body).not.toContain('siti.rahasia@example.test');
    expect(officer.body).toContain('Pelapor anonim — identitas dirahasiakan');
    const desk = await get(`/backoffice/complaints/triage/${trackingId}`, 'desk');
    expect(desk.statusCode).toBe(200);
    expect(desk.body).toContain('Sitinurbaya Rahasia');
  });

  it('shows statistics to the desk and supervisors, and lets the desk delete a routing rule', async () => {
    const desk = await get('/backoffice/complaints/statistics?month=2026-12', 'desk');
    expect(desk.statusCode).toBe(200);
    expect(desk.body).toContain('Diteruskan tepat waktu');
    expect((await get('/backoffice/complaints/statistics', 'officer')).statusCode).toBe(403);
    expect((await get('/backoffice/complaints/agency-statistics', 'supervisor')).statusCode).toBe(200);
    expect((await get('/backoffice/complaints/agency-statistics', 'officer')).statusCode).toBe(403);
    expect((await get('/backoffice/complaints/statistics?month=2026-13', 'desk')).statusCode).toBe(400);

    const [rule] = await t.services.complaints.routeRules(fx.desk);
    expect(rule).toBeDefined();
    const rules = await get('/backoffice/complaints/routes', 'desk');
    expect(rules.statusCode).toBe(200);
    expect(rules.body).toContain(`/backoffice/complaints/routes/${rule?.id}/delete`);
    expect((await get('/backoffice/complaints/routes', 'officer')).statusCode).toBe(403);
    const added = await post('/backoffice/complaints/routes', { categoryCode: 'kebersihan', regionCode: '32.73', agencyId: fx.otherAgencyId }, 'desk');
    expect(added.statusCode).toBe(303);
    expect((await t.services.complaints.routeRules(fx.desk)).some((one) => one.category?.code === 'kebersihan' && one.agency.id === fx.otherAgencyId)).toBe(
      true,
    );
    expect((await post('/backoffice/complaints/routes', { agencyId: 'nope' }, 'desk')).statusCode).toBe(422);
    const deleted = await post(`/backoffice/complaints/routes/${rule?.id}/delete`, {}, 'desk');
    expect(deleted.statusCode).toBe(303);
    expect((await t.services.complaints.routeRules(fx.desk)).map((one) => one.id)).not.toContain(rule?.id);
  });
});
