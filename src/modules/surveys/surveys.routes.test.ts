import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { type CsrfPair, csrfPair, formBody } from '../../../test/security/forms.ts';
import type { SignedInActor } from '../../platform/auth/actor.ts';
import { localDate } from '../../platform/calendar/working-days.ts';
import { ALL_MESSAGES } from '../../platform/i18n/index.ts';
import { createServiceFixture, createStaff, type ServiceFixture } from '../applications/applications.test-support.ts';
import { issuedApplication } from './surveys.test-support.ts';

// The questionnaire, the kiosk and the index page through HTTP, as a browser without JavaScript uses them.

let t: TestApp;
let csrf: CsrfPair;
let fixture: ServiceFixture;
let address = 0;
const today = localDate(new Date());

beforeAll(async () => {
  t = await createTestApp({ env: { LOKET_RATE_LIMIT_MAX: '100000' } });
  csrf = await csrfPair(t.app);
  fixture = await createServiceFixture(t.database.db);
});

afterAll(async () => t?.close());

function nextAddress(): string {
  address += 1;
  return `10.77.${(address >> 8) & 255}.${address & 255}`;
}

async function session(actor: SignedInActor): Promise<string> {
  const token = await t.services.sessions.create({ accountId: actor.accountId, accountKind: actor.kind, kind: 'web', mfaVerified: true, userAgent: 'test' });
  return `loket_session=${token}`;
}

function get(url: string, options: { cookie?: string; language?: string } = {}) {
  return t.app.inject({
    url,
    remoteAddress: nextAddress(),
    headers: { ...(options.cookie ? { cookie: options.cookie } : {}), 'accept-language': options.language ?? 'id' },
  });
}

function post(url: string, fields: Record<string, string>, options: { cookie?: string; language?: string } = {}) {
  return t.app.inject({
    method: 'POST',
    url,
    remoteAddress: nextAddress(),
    headers: {
      cookie: [csrf.cookie, options.cookie].filter(Boolean).join('; '),
      'content-type': 'application/x-www-form-urlencoded',
      'accept-language': options.language ?? 'id',
    },
    payload: formBody(csrf, fields),
  });
}

const FULL = { u1: '4', u2: '4', u3: '3', u4: '4', u5: '4', u6: '4', u7: '4', u8: '3', u9: '4' };

async function invitedToken() {
  const application = await issuedApplication(t.services, fixture);
  const href = await t.services.surveys.pendingSurveyLink('application', application.trackingNumber);
  if (!href) throw new Error('not invited');
  return { application, href, token: href.split('/').pop() as string };
}

const text = (response: LightMyRequestResponse) => response.body.replace(/&#39;|&rsquo;/g, '’');

describe('the questionnaire', () => {
  it('opens from the invitation link in Indonesian by default and in English on request, with nine questions and no script', async () => {
    const { href, token, application } = await invitedToken();
    const id = await get(href);
    expect(id.statusCode).toBe(200);
    expect(id.body).toContain('lang="id"');
    expect(id.body).toContain(ALL_MESSAGES.id['surveys.q1']);
    expect(id.body).toContain(ALL_MESSAGES.id['surveys.scale.cost.4']);
    expect(id.body.match(/type="radio"/g)).toHaveLength(36);
    expect(id.body).not.toContain('<script');
    // The token travels in the form's body, and the page tells no one where it came from.
    expect(id.body).toContain(`name="token" value="${token}"`);
    expect(id.headers['referrer-policy']).toBe('no-referrer');
    expect(id.body).not.toContain(application.trackingNumber);
    const en = await get(href, { language: 'en' });
    expect(en.body).toContain('lang="en"');
    expect(en.body).toContain(ALL_MESSAGES.en['surveys.q9']);
    // The request log never holds the link's token.
    expect(t.logs.filter((line) => line.includes(token))).toEqual([]);
  });

  it('shows the invitation on the applicant’s page of a completed application, until it is answered', async () => {
    const { application, href, token } = await invitedToken();
    const cookie = await session(application.citizen.actor);
    const page = await get(`/applications/${application.trackingNumber}`, { cookie });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`href="${href}"`);
    expect((await post('/survey', { token, ...FULL })).statusCode).toBe(200);
    const after = await get(`/applications/${application.trackingNumber}`, { cookie });
    expect(after.body).not.toContain('/survey/');
  });

  it('answers missing and invalid fields with a localized error summary linked to each field, keeping what was chosen', async () => {
    const { token } = await invitedToken();
    const response = await post('/survey', { token, u1: '4', u2: '9', comment: 'Bagus <script>alert(1)</script>', sex: 'robot' }, { language: 'en' });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('error-summary');
    expect(response.body).toContain('href="#u2"');
    expect(response.body).toContain(ALL_MESSAGES.en['surveys.error.answerRequired'].replace('{number}', '2'));
    expect(response.body).toContain('href="#sex"');
    expect(response.body).toContain(ALL_MESSAGES.en['surveys.error.invalidChoice']);
    expect(response.body).toMatch(/name="u1" value="4" checked/);
    expect(response.body).toContain('&lt;script');
    expect(await t.database.db.selectFrom('surveyResponse').select('id').where('comment', 'like', 'Bagus%').execute()).toEqual([]);
  });

  it('saves a complete answer once: the second submit says it was answered and saves no second row', async () => {
    const { token, href } = await invitedToken();
    const before = (await t.database.db.selectFrom('surveyResponse').select('id').execute()).length;
    const first = await post('/survey', {
      token,
      ...FULL,
      comment: 'Terima kasih',
      ageBand: '40_49',
      sex: 'male',
      education: 'senior',
      occupation: 'self_employed',
    });
    expect(first.statusCode).toBe(200);
    expect(first.body).toContain(ALL_MESSAGES.id['surveys.thanks.title']);
    const second = await post('/survey', { token, ...FULL });
    expect(second.statusCode).toBe(409);
    expect(text(second)).toContain(ALL_MESSAGES.id['surveys.used.title']);
    expect((await get(href)).statusCode).toBe(409);
    expect((await t.database.db.selectFrom('surveyResponse').select('id').execute()).length).toBe(before + 1);
  });

  it('answers an unknown or malformed link as missing, in the reader’s language', async () => {
    for (const token of ['x', 'A'.repeat(43), '../../etc/passwd', '%00', 'A'.repeat(150)]) {
      const response = await get(`/survey/${encodeURIComponent(token)}`, { language: 'en' });
      expect(response.statusCode, token).toBe(404);
      expect(response.body).toContain(ALL_MESSAGES.en['surveys.notFound.title']);
    }
    expect((await post('/survey', { token: 'nope', ...FULL })).statusCode).toBe(404);
    expect((await post('/survey', {})).statusCode).toBe(404);
  });

  it('answers hostile bodies with a real token with a 4xx or the thanks page, never a 5xx', async () => {
    const { token } = await invitedToken();
    const field = fc.oneof(fc.constantFrom('', '0', '1', '4', '5', '-1', '1e9', '٣', ' 3', '3 '), fc.string({ unit: 'binary', maxLength: 30 }));
    const body = fc.record({
      u1: field,
      u2: field,
      u3: field,
      u4: field,
      u5: field,
      u6: field,
      u7: field,
      u8: field,
      u9: field,
      comment: fc.oneof(fc.string({ unit: 'binary', maxLength: 50 }), fc.constant('x'.repeat(2001))),
      ageBand: field,
      sex: field,
      education: field,
      occupation: field,
    });
    await fc.assert(
      fc.asyncProperty(body, async (fields) => {
        const response = await post('/survey', { token, ...fields });
        expect([200, 400, 409]).toContain(response.statusCode);
      }),
      { numRuns: 40, seed: 2017 },
    );
  });
});

describe('the counter kiosk', () => {
  it('lets an officer open a completed application, hands the tablet over, and resets for the next person without script', async () => {
    const { application } = await invitedToken();
    const cookie = await session(application.officer);
    const start = await get('/counter/survey', { cookie });
    expect(start.statusCode).toBe(200);
    expect(start.body).toContain('action="/counter/survey/open"');

    const empty = await post('/counter/survey/open', { trackingNumber: '' }, { cookie });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain(ALL_MESSAGES.id['surveys.kiosk.error.trackingNumber']);
    const unknown = await post('/counter/survey/open', { trackingNumber: 'LKT-0000-000000' }, { cookie });
    expect(unknown.statusCode).toBe(404);

    const opened = await post('/counter/survey/open', { trackingNumber: application.trackingNumber, mode: 'kiosk' }, { cookie });
    expect(opened.statusCode).toBe(200);
    expect(opened.body).toContain('survey--kiosk');
    expect(opened.body).toContain('action="/counter/survey/answer"');
    // The applicant holds the officer's signed-in tablet: no way from the kiosk into the back office or the account.
    expect(opened.body).not.toContain('action="/sign-out"');
    expect(opened.body).not.toContain('href="/applications"');
    const token = /name="token" value="([^"]+)"/.exec(opened.body)?.[1] ?? '';

    const invalid = await post('/counter/survey/answer', { token, mode: 'kiosk', u1: '4' }, { cookie });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.body).toContain('survey--kiosk');

    const done = await post('/counter/survey/answer', { token, mode: 'kiosk', ...FULL }, { cookie });
    expect(done.statusCode).toBe(200);
    expect(done.headers.refresh).toMatch(/^\d+; url=\/counter\/survey$/);
    expect(done.body).toContain('href="/counter/survey"');
    const again = await post('/counter/survey/open', { trackingNumber: application.trackingNumber }, { cookie });
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain(ALL_MESSAGES.id['surveys.kiosk.error.already_answered']);
    const saved = await t.database.db.selectFrom('surveyResponse').select('channel').where('channel', '=', 'kiosk').execute();
    expect(saved.length).toBeGreaterThan(0);
  });

  it('takes a paper questionnaire typed in by the officer as a counter answer', async () => {
    const { application } = await invitedToken();
    const cookie = await session(application.officer);
    const opened = await post('/counter/survey/open', { trackingNumber: application.trackingNumber, mode: 'counter' }, { cookie });
    expect(opened.statusCode).toBe(200);
    expect(opened.body).not.toContain('survey--kiosk');
    expect(opened.body).toContain('name="mode" value="counter"');
    const token = /name="token" value="([^"]+)"/.exec(opened.body)?.[1] ?? '';
    const before = (await t.database.db.selectFrom('surveyResponse').select('id').where('channel', '=', 'counter').execute()).length;
    expect((await post('/counter/survey/answer', { token, mode: 'counter', ...FULL }, { cookie })).statusCode).toBe(200);
    expect((await t.database.db.selectFrom('surveyResponse').select('id').where('channel', '=', 'counter').execute()).length).toBe(before + 1);
  });

  it('is not open to the public or to citizens', async () => {
    const { application } = await invitedToken();
    expect((await get('/counter/survey')).statusCode).toBe(303);
    expect((await get('/counter/survey', { cookie: await session(application.citizen.actor) })).statusCode).toBe(403);
  });
});

describe('the index', () => {
  it('shows a supervisor their agency’s index in both languages, and never a single response', async () => {
    const own = await createServiceFixture(t.database.db);
    for (let i = 0; i < 5; i += 1) {
      const application = await issuedApplication(t.services, own);
      const href = await t.services.surveys.pendingSurveyLink('application', application.trackingNumber);
      await post('/survey', { token: href?.split('/').pop() ?? '', ...FULL, comment: `Saran nomor ${i}` });
    }
    const supervisor = await createStaff(t.services, own.agencyId, 'supervisor');
    const cookie = await session(supervisor);
    const page = await get(`/backoffice/surveys?agency=${own.agencyId}&from=${today}&to=${today}&groupBy=service`, { cookie });
    expect(page.statusCode).toBe(200);
    // 4,4,3,4,4,4,4,3,4 from everyone: NRR sum 34, IKM 3.7778, score 94.44, A.
    expect(page.body).toContain('94,44');
    expect(page.body).toContain(ALL_MESSAGES.id['surveys.grade.A']);
    expect(page.body).toContain('Saran nomor 3');
    // Signed in, the page follows the account's language.
    await t.services.accountsRepository.update(supervisor.accountId, { locale: 'en' });
    const en = await get(`/backoffice/surveys?agency=${own.agencyId}&from=${today}&to=${today}`, { cookie });
    expect(en.body).toContain('lang="en"');
    expect(en.body).toContain('94.44');
    // Another agency's index is not offered: the filter falls back to the supervisor's own.
    const other = await createServiceFixture(t.database.db);
    await t.services.accountsRepository.update(supervisor.accountId, { locale: 'id' });
    const foreign = await get(`/backoffice/surveys?agency=${other.agencyId}&from=${today}&to=${today}`, { cookie });
    expect(foreign.body).toContain(`<option value="${own.agencyId}" selected>`);
    expect(foreign.body).not.toContain(`<option value="${other.agencyId}"`);
    const bad = await get(`/backoffice/surveys?agency=${own.agencyId}&from=2026-99-99&to=${today}`, { cookie });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('href="#from"');
  });

  it('publishes the index as JSON, refusing a bad period as localized problem+json', async () => {
    const spec = (await get('/api/openapi.json')).json() as { paths: Record<string, unknown> };
    // In the published document, so the OpenAPI fuzzer (test/security/fuzz.test.ts) walks it.
    expect(Object.keys(spec.paths)).toContain('/api/v1/surveys/index');
    const ok = await get(`/api/v1/surveys/index?from=${today.slice(0, 4)}-01-01&to=${today}&groupBy=agency`);
    expect(ok.statusCode).toBe(200);
    const body = ok.json() as { overall: { respondents: number; index: { grade: string; gradeLabel: string } | null }; groups: unknown[] };
    expect(body.overall.respondents).toBeGreaterThan(5);
    expect(body.overall.index?.gradeLabel).toBe(ALL_MESSAGES.id[`surveys.gradeLabel.${body.overall.index?.grade as 'A'}`]);
    // The one small-count rule: no published count of people under 5, a group of fewer shown as null.
    const byService = (await get(`/api/v1/surveys/index?from=${today.slice(0, 4)}-01-01&to=${today}&groupBy=service`)).json() as typeof body;
    const cells = [body.overall, ...body.groups, ...byService.groups] as Array<{ respondents: number | null; population: number | null }>;
    expect(cells.some((cell) => cell.respondents === null)).toBe(true);
    for (const cell of cells) {
      for (const count of [cell.respondents, cell.population]) if (count !== null) expect(count).toBeGreaterThanOrEqual(5);
    }
    for (const query of [
      'from=2026-02-30&to=2026-03-01',
      'from=2026-03-01&to=2026-02-01',
      'from=x&to=y',
      'from=2026-01-01',
      'from=2026-01-01&to=2026-01-02&agency=nope',
    ]) {
      const response = await get(`/api/v1/surveys/index?${query}`, { language: 'en' });
      expect(response.statusCode, query).toBe(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
    }
  });
});
