import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, sessionTokenFor, type TestApp } from '../../../test/helpers/app.ts';
import { type CsrfPair, csrfPair } from '../../../test/security/forms.ts';
import type { SignedInActor } from '../../platform/auth/actor.ts';
import { ALL_MESSAGES } from '../../platform/i18n/index.ts';
import { createStaff } from '../applications/applications.test-support.ts';
import { actOk, COMPLAINT_ORIGIN, type ComplaintsFixture, createComplaintsFixture, fileComplaint, forwardedComplaint } from './complaints.test-support.ts';

let t: TestApp;
let fx: ComplaintsFixture;
let csrf: CsrfPair;
let address = 0;
const cookies = new Map<string, string>();

beforeAll(async () => {
  t = await createTestApp();
  fx = await createComplaintsFixture(t.services, t.database.db);
  csrf = await csrfPair(t.app);
  // Staff who chose English on their account page, and a platform admin who did too.
  const deskEn = await createStaff(t.services, fx.otherAgencyId, 'complaints_desk');
  const officerEn = await createStaff(t.services, fx.agencyId, 'officer');
  for (const actor of [deskEn, officerEn]) await t.services.accounts.setLocale(actor, 'en');
  const admin = await createStaff(t.services, null, 'platform_admin');
  await t.services.accounts.setLocale(admin, 'en');
  const people = { desk: fx.desk, officer: fx.officer, supervisor: fx.supervisor, other: fx.otherOfficer, citizen: fx.citizen, deskEn, officerEn, admin };
  for (const [name, actor] of Object.entries(people)) {
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

/** The links of a staff menu (back office or administration) on a page, and the one marked as the current page. */
function menu(body: string, label: string): { links: string[]; current: string[] } {
  const nav = new RegExp(`<nav class="backoffice-nav" aria-label="${label}">(.*?)</nav>`, 's').exec(body)?.[1] ?? '';
  const anchors = [...nav.matchAll(/<a href="([^"]+)"( aria-current="page")?>/g)];
  return { links: anchors.map((a) => a[1] ?? ''), current: anchors.filter((a) => a[2]).map((a) => a[1] ?? '') };
}

const BACKOFFICE_ID = ALL_MESSAGES.id['backoffice.nav.label'];
const COMPLAINT_LINKS = [
  '/backoffice/complaints/triage',
  '/backoffice/complaints',
  '/backoffice/complaints/routes',
  '/backoffice/complaints/statistics',
  '/backoffice/complaints/agency-statistics',
];

describe('staff navigation to the complaints pages', () => {
  it('offers the desk its triage queue, routing rules and statistics, marking the page shown as current', async () => {
    const { trackingId } = await fileComplaint(t.services, { kind: 'account', accountId: fx.citizen.accountId });
    const triage = menu((await get('/backoffice/complaints/triage', 'desk')).body, BACKOFFICE_ID);
    expect(triage.links).toEqual(['/backoffice/complaints/triage', '/backoffice/complaints/routes', '/backoffice/complaints/statistics']);
    expect(triage.current).toEqual(['/backoffice/complaints/triage']);
    expect(menu((await get(`/backoffice/complaints/triage/${trackingId}`, 'desk')).body, BACKOFFICE_ID).current).toEqual(['/backoffice/complaints/triage']);
    expect(menu((await get('/backoffice/complaints/routes', 'desk')).body, BACKOFFICE_ID).current).toEqual(['/backoffice/complaints/routes']);
    expect(menu((await get('/backoffice/complaints/statistics', 'desk')).body, BACKOFFICE_ID).current).toEqual(['/backoffice/complaints/statistics']);
    // Signing in lands on the account page: it leads there too, and to nothing the desk may not open.
    const account = (await get('/account', 'desk')).body;
    for (const href of ['/backoffice/complaints/triage', '/backoffice/complaints/routes', '/backoffice/complaints/statistics'])
      expect(account).toContain(`href="${href}"`);
    expect(account).not.toContain('href="/backoffice/complaints"');
    expect(account).not.toContain('href="/backoffice/queue"');
    expect(account).not.toContain('href="/admin/open311-keys"');
  });

  it('offers an agency officer the agency queue but not the desk pages, and a supervisor the agency statistics', async () => {
    const trackingId = await forwardedComplaint(t.services, fx);
    const queue = menu((await get('/backoffice/complaints', 'officer')).body, BACKOFFICE_ID);
    expect(queue.links).toEqual(['/backoffice/queue', '/backoffice/complaints']);
    expect(queue.current).toEqual(['/backoffice/complaints']);
    expect(menu((await get(`/backoffice/complaints/${trackingId}`, 'officer')).body, BACKOFFICE_ID).current).toEqual(['/backoffice/complaints']);
    const account = (await get('/account', 'officer')).body;
    expect(account).toContain('href="/backoffice/complaints"');
    expect(account).not.toContain('href="/backoffice/complaints/triage"');
    expect(account).not.toContain('href="/backoffice/complaints/routes"');

    const statistics = menu((await get('/backoffice/complaints/agency-statistics', 'supervisor')).body, BACKOFFICE_ID);
    expect(statistics.links).toEqual(['/backoffice/queue', '/backoffice/supervisor', '/backoffice/complaints', '/backoffice/complaints/agency-statistics']);
    expect(statistics.current).toEqual(['/backoffice/complaints/agency-statistics']);
  });

  it('offers a citizen none of the staff pages', async () => {
    const account = await get('/account', 'citizen');
    expect(account.statusCode).toBe(200);
    expect(account.body).not.toContain('backoffice-nav');
    for (const href of [...COMPLAINT_LINKS, '/backoffice/queue', '/admin/open311-keys']) expect(account.body).not.toContain(`href="${href}"`);
  });

  it('leads a platform admin to the Open311 keys from the account page and the administration menu', async () => {
    expect((await get('/account', 'admin')).body).toContain('href="/admin/open311-keys"');
    const keys = await get('/admin/open311-keys', 'admin');
    expect(keys.statusCode).toBe(200);
    const admin = menu(keys.body, ALL_MESSAGES.en['layout.nav.admin']);
    expect(admin.links).toContain('/admin/open311-keys');
    expect(admin.links).not.toContain('/backoffice/complaints/triage');
    expect(admin.current).toEqual(['/admin/open311-keys']);
    expect((await get('/account', 'desk')).body).not.toContain('href="/admin/open311-keys"');
  });
});

/** The page's text as a reader hears it: without markup, with the accessible names given in attributes. */
function visibleText(body: string): string {
  const names = [...body.matchAll(/ (?:aria-label|title|alt|placeholder)="([^"]*)"/g)].map((match) => match[1]);
  return [body, ...names]
    .join(' ')
    .replace(/<script.*?<\/script>/gs, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

// Every Indonesian message long enough to be unmistakable and not also the English one (e.g. "Status").
const INDONESIAN_ONLY = Object.entries(ALL_MESSAGES.id)
  .filter(([key, text]) => text.length >= 8 && text !== ALL_MESSAGES.en[key as keyof typeof ALL_MESSAGES.en] && !text.includes('{'))
  .map(([, text]) => text);

describe('complaints staff pages in English', () => {
  it('renders the desk pages with no Indonesian label left when the officer chose English', async () => {
    const { trackingId } = await fileComplaint(t.services, { kind: 'account', accountId: fx.citizen.accountId });
    const pages = {
      '/backoffice/complaints/triage': [
        'Complaints to verify',
        'Search title or number',
        'Not yet verified',
        'Back office menu',
        'Routing rules',
        'Skip to main content',
      ],
      [`/backoffice/complaints/triage/${trackingId}`]: ['Forward to the agency', 'Destination agency', 'History', 'Report received', 'Archive'],
      '/backoffice/complaints/routes': ['Complaint routing rules', 'Where complaints are suggested to go', 'Add rule', 'Delete rule'],
      '/backoffice/complaints/statistics?month=2026-12': ['Complaint statistics', 'Forwarded on time', 'Average rating'],
    };
    for (const [url, english] of Object.entries(pages)) {
      const response = await get(url, 'deskEn');
      expect(response.statusCode, url).toBe(200);
      expect(response.body, url).toContain('<html lang="en">');
      const text = visibleText(response.body);
      for (const phrase of english) expect(text, url).toContain(phrase);
      for (const phrase of INDONESIAN_ONLY) expect(text, `${url}: "${phrase}"`).not.toContain(phrase);
    }
    // The check bites: the same queue for an officer reading Indonesian is full of those labels.
    const indonesian = visibleText((await get('/backoffice/complaints/triage', 'desk')).body);
    expect(INDONESIAN_ONLY.filter((phrase) => indonesian.includes(phrase)).length).toBeGreaterThan(10);
  });

  it('renders the agency queue and the response composer in English', async () => {
    const trackingId = await forwardedComplaint(t.services, fx);
    await actOk(t.services, fx.officer, trackingId, { type: 'plan', message: 'Kami periksa minggu ini.' });
    const pages = {
      '/backoffice/complaints': ['Complaints for your agency', 'Complaints, nearest deadline first', 'Deadline'],
      [`/backoffice/complaints/${trackingId}?template=done`]: [
        'Send response',
        'Response template',
        'We have dealt with the problem you reported',
        'Add internal note',
      ],
    };
    for (const [url, english] of Object.entries(pages)) {
      const response = await get(url, 'officerEn');
      expect(response.statusCode, url).toBe(200);
      const text = visibleText(response.body);
      for (const phrase of english) expect(text, url).toContain(phrase);
      for (const phrase of INDONESIAN_ONLY) expect(text, `${url}: "${phrase}"`).not.toContain(phrase);
    }
  });

  it('renders the Open311 keys page in English for a platform admin who chose it', async () => {
    const text = visibleText((await get('/admin/open311-keys', 'admin')).body);
    for (const phrase of ['Open311 API keys', 'Partner app name', 'Create key', 'Administration menu']) expect(text).toContain(phrase);
    for (const phrase of INDONESIAN_ONLY) expect(text, phrase).not.toContain(phrase);
  });
});
