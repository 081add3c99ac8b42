import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  birthAnswers,
  createCitizen,
  createServiceFixture,
  createStaff,
  type ServiceFixture,
  uploadPdf,
} from '../../src/modules/applications/applications.test-support.ts';
import type { SignedInActor } from '../../src/platform/auth/actor.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { type CsrfPair, csrfPair } from './forms.ts';
import { injectPatiently, nextAddress } from './fuzzing.ts';

// Injection and XSS (issue 7): SQL and script payloads typed into the text fields a citizen and an
// officer fill in come back on every page that shows them as inert text, and no query breaks.

const SQL_PAYLOADS = ["' OR 1=1 --", "'; DROP TABLE application; --"];
const SCRIPT = '<script>alert(1)</script>';
const IMG = '"><img src=x onerror=alert(1)>';
const JS_URL = 'javascript:alert(1)';
/** One text carrying every payload, so that each field is tried with all of them. */
const PAYLOAD = `${SQL_PAYLOADS.join(' ')} ${SCRIPT} ${IMG} ${JS_URL}`;

let t: TestApp;
let csrf: CsrfPair;
let service: ServiceFixture;
let citizen: Awaited<ReturnType<typeof createCitizen>>;
let officer: SignedInActor;

beforeAll(async () => {
  t = await createTestApp();
  csrf = await csrfPair(t.app);
  service = await createServiceFixture(t.database.db);
  citizen = await createCitizen(t.services);
  officer = await createStaff(t.services, service.agencyId, 'officer');
});

afterAll(async () => t?.close());

async function cookieOf(actor: SignedInActor): Promise<string> {
  const token = await t.services.sessions.create({ accountId: actor.accountId, accountKind: actor.kind, kind: 'web', mfaVerified: true, userAgent: 'test' });
  return `loket_session=${token}; ${csrf.cookie}`;
}

async function get(actor: SignedInActor | undefined, url: string): Promise<LightMyRequestResponse> {
  return injectPatiently(t.app, { url, headers: actor ? { cookie: await cookieOf(actor) } : {}, remoteAddress: nextAddress() });
}

async function post(actor: SignedInActor, url: string, fields: Record<string, string>): Promise<LightMyRequestResponse> {
  return injectPatiently(t.app, {
    method: 'POST',
    url,
    headers: { cookie: await cookieOf(actor), 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ _csrf: csrf.token, ...fields }).toString(),
    remoteAddress: nextAddress(),
  });
}

/** Files an application through the public API with the payload in its free-text answers, and puts it in the officers' queue. */
async function fileWithPayload(): Promise<string> {
  const fileId = await uploadPdf(t.services, { ownerAccountId: citizen.actor.accountId }, `${SCRIPT}.pdf`);
  const answers = birthAnswers(citizen, fileId);
  const token = await t.services.sessions.create({
    accountId: citizen.actor.accountId,
    accountKind: 'citizen',
    kind: 'api',
    mfaVerified: true,
    userAgent: 'test',
  });
  const response = await injectPatiently(t.app, {
    method: 'POST',
    url: '/api/v1/applications',
    headers: { authorization: `Bearer ${token}`, 'idempotency-key': crypto.randomUUID(), 'content-type': 'application/json' },
    payload: JSON.stringify({
      service: service.code,
      answers: { ...answers, childName: PAYLOAD, address: { ...answers.address, district: SQL_PAYLOADS[1], village: IMG, street: PAYLOAD } },
    }),
    remoteAddress: nextAddress(),
  });
  expect(response.statusCode, response.body).toBe(201);
  const { trackingNumber } = response.json() as { trackingNumber: string };
  await t.database.db
    .updateTable('application')
    .set({ stepId: 'check', queueRole: 'officer', queueUnitCode: null })
    .where('trackingNumber', '=', trackingNumber)
    .execute();
  return trackingNumber;
}

/** The payload is shown, but only as text: no tag or handler it carries reaches the HTML as markup. */
function expectInert(response: LightMyRequestResponse, where: string, expectShown = true): void {
  expect(response.statusCode, `${where}: ${response.body.slice(0, 300)}`).toBeLessThan(500);
  const html = response.body;
  expect(html, where).not.toContain(SCRIPT);
  expect(html, where).not.toMatch(/<img[^>]*onerror=/i);
  expect(html, where).not.toMatch(/(href|src|action|formaction)\s*=\s*["']?\s*javascript:/i);
  // Preact escapes `<` (and `>` only in some places): either way no tag can open.
  if (expectShown) expect(html, `${where} shows the escaped text`).toMatch(/&lt;script(&gt;|>)alert\(1\)&lt;\/script/);
}

async function applicationTableExists(): Promise<boolean> {
  const result = await sql<{ exists: boolean }>`select to_regclass('public.application') is not null as exists`.execute(t.database.db);
  return result.rows[0]?.exists === true;
}

describe('SQL and script payloads in free text', () => {
  it('answers, an internal note, a request for information and the reply are stored as text and shown escaped', async () => {
    const number = await fileWithPayload();
    const workspace = `/backoffice/applications/${number}`;

    expect((await post(officer, `${workspace}/claim`, {})).statusCode).toBe(303);
    const note = await post(officer, `${workspace}/notes`, { note: `Catatan ${PAYLOAD}` });
    expect(note.statusCode, note.body.slice(0, 300)).toBe(303);
    const asked = await post(officer, `${workspace}/act`, { action: 'request_information', message: `Mohon ${PAYLOAD}`, deadline: '5' });
    expect(asked.statusCode, asked.body.slice(0, 300)).toBe(303);

    // The applicant sees the officer's request (not the internal note) and answers it with the payload too.
    const own = await get(citizen.actor, `/applications/${number}`);
    expect(own.statusCode).toBe(200);
    expectInert(own, 'applicant’s application page');
    const reply = await post(citizen.actor, `/applications/${number}/information`, { message: `Jawaban ${PAYLOAD}` });
    expect(reply.statusCode, reply.body.slice(0, 300)).toBeLessThan(500);

    expectInert(await get(citizen.actor, `/applications/${number}`), 'applicant’s application page after the reply');
    const work = await get(officer, workspace);
    expectInert(work, 'back-office workspace');
    for (const marker of ['Catatan', 'Mohon', 'Jawaban']) expect(work.body, `${marker} in the workspace`).toContain(`${marker} ${SQL_PAYLOADS[0]}`);
    expectInert(await get(officer, '/backoffice/queue'), 'back-office queue', false);
    expectInert(await get(undefined, `/track/${number}`), 'public tracking page', false);

    // The JSON API returns the text as data, never as HTML.
    const token = await t.services.sessions.create({
      accountId: citizen.actor.accountId,
      accountKind: 'citizen',
      kind: 'api',
      mfaVerified: true,
      userAgent: 'test',
    });
    const api = await injectPatiently(t.app, {
      url: `/api/v1/applications/${number}`,
      headers: { authorization: `Bearer ${token}` },
      remoteAddress: nextAddress(),
    });
    expect(api.statusCode).toBe(200);
    expect(api.headers['content-type']).toContain('application/json');

    expect(await applicationTableExists()).toBe(true);
  });

  it('a withdrawal reason is stored as text and shown escaped', async () => {
    const number = await fileWithPayload();
    const withdrawn = await post(citizen.actor, `/applications/${number}/withdraw`, { reason: `Alasan ${PAYLOAD}` });
    expect(withdrawn.statusCode, withdrawn.body.slice(0, 300)).toBe(303);
    const own = await get(citizen.actor, `/applications/${number}`);
    expectInert(own, 'applicant’s page of a withdrawn application');
    const work = await get(officer, `/backoffice/applications/${number}`);
    expectInert(work, 'back-office workspace of a withdrawn application');
    for (const page of [own, work]) expect(page.body).toContain(`Alasan ${SQL_PAYLOADS[0]}`);
    expectInert(await get(undefined, `/track/${number}`), 'public tracking page of a withdrawn application', false);
    expect(await applicationTableExists()).toBe(true);
  });

  it('payloads in search and filter parameters change nothing and break no query', async () => {
    for (const payload of [...SQL_PAYLOADS, SCRIPT, IMG]) {
      const query = encodeURIComponent(payload);
      for (const url of [`/services?q=${query}`, `/api/v1/services?q=${query}`, `/track?number=${query}`]) {
        const response = await get(undefined, url);
        expect(response.statusCode, url).toBeLessThan(500);
        if (String(response.headers['content-type']).includes('text/html')) expectInert(response, url, false);
      }
      const queue = await get(officer, `/backoffice/queue?service=${query}`);
      expect(queue.statusCode).toBeLessThan(500);
      expectInert(queue, 'queue filtered by a payload', false);
    }
    expect(await applicationTableExists()).toBe(true);
  });
});
