import { inflateSync } from 'node:zlib';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, sessionTokenFor, type TestApp } from '../../../test/helpers/app.ts';
import { type CsrfPair, csrfPair } from '../../../test/security/forms.ts';
import type { SignedInActor } from '../../platform/auth/actor.ts';
import type { FormSchema } from '../../platform/forms/form-schema.ts';
import { SMALL_DEMO, seedDemo } from '../../seed.ts';
import { DEMO_BUSINESS_OWNER, DEMO_ORGANISATION } from '../accounts/accounts.seed.ts';
import { createCitizen, createServiceFixture, type ServiceFixture } from './applications.test-support.ts';

// Applying for a business over HTTP: the "who are you applying for?" question, the organisation
// shown on what the applicant reads, and who of the organisation may read its applications.

const PROJECT_FORM: FormSchema = {
  schemaVersion: 1,
  pages: [
    {
      id: 'usaha',
      title: { id: 'Rencana usaha', en: 'Business plan' },
      fields: [{ type: 'text', name: 'project', label: { id: 'Nama kegiatan', en: 'Project' }, required: true, maxLength: 200 }],
    },
  ],
};

const ORIGIN = { ip: '127.0.0.1', requestId: 'test', userAgent: 'test' };

let t: TestApp;
let csrf: CsrfPair;
let mixed: ServiceFixture;
let businessOnly: ServiceFixture;
let owner: SignedInActor;
let organisationId: string;
let address = 0;

beforeAll(async () => {
  t = await createTestApp();
  await seedDemo(t.database.db, t.services, SMALL_DEMO);
  csrf = await csrfPair(t.app);
  mixed = await createServiceFixture(t.database.db, { form: PROJECT_FORM, applicantTypes: ['citizen', 'business'] });
  businessOnly = await createServiceFixture(t.database.db, { form: PROJECT_FORM, applicantTypes: ['business'] });
  const account = await t.services.accountsRepository.findByIndex('emailIndex', t.services.personalData.index('email', DEMO_BUSINESS_OWNER.email));
  if (!account) throw new Error('the demo business owner is missing');
  const membership = await t.database.db
    .selectFrom('organisationMember')
    .select(['organisationId', 'role'])
    .where('accountId', '=', account.id)
    .executeTakeFirstOrThrow();
  organisationId = membership.organisationId;
  owner = { kind: 'citizen', accountId: account.id, sessionId: 'test', locale: 'id', organisations: [membership] };
});

afterAll(async () => t?.close());

function nextAddress(): string {
  address += 1;
  return `10.30.${(address >> 8) & 255}.${address & 255}`;
}

async function browserSession(actor: SignedInActor): Promise<string> {
  const token = await sessionTokenFor(t.services, actor);
  return `loket_session=${token}; ${csrf.cookie}`;
}

function get(cookie: string, url: string) {
  return t.app.inject({ url, headers: { cookie }, remoteAddress: nextAddress() });
}

function post(cookie: string, url: string, fields: Record<string, string>) {
  return t.app.inject({
    method: 'POST',
    url,
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ _csrf: csrf.token, ...fields }).toString(),
    remoteAddress: nextAddress(),
  });
}

/** The PDF's streams, inflated, upper-cased: where the text of its pages is. */
function pdfContent(pdf: Buffer): string {
  const raw = pdf.toString('latin1');
  const streams: string[] = [];
  for (const match of raw.matchAll(/stream\r?\n([\s\S]*?)\r?\nendstream/g)) {
    try {
      streams.push(inflateSync(Buffer.from(match[1] ?? '', 'latin1')).toString('latin1'));
    } catch {
      streams.push(match[1] ?? '');
    }
  }
  return streams.join('\n').toUpperCase();
}

function location(response: LightMyRequestResponse): string {
  return String(response.headers.location ?? '');
}

/** The owner's business application to the mixed service, filed through the pages; its tracking number. */
async function fileForBusiness(cookie: string): Promise<string> {
  const start = await get(cookie, `/services/${mixed.code}/apply?for=${organisationId}`);
  const draftUrl = location(start).replace(/\/[^/]+$/, '');
  expect(location(await post(cookie, `${draftUrl}/usaha`, { project: 'Gudang kopi' }))).toBe(`${draftUrl}/check`);
  const check = await get(cookie, `${draftUrl}/check`);
  const key = /name="idempotencyKey" value="([^"]+)"/.exec(check.body)?.[1] ?? '';
  const submitted = await post(cookie, `${draftUrl}/submit`, { idempotencyKey: key });
  return location(submitted).split('/')[2] ?? '';
}

describe('applying for a business', () => {
  it('asks whom the person applies for, offering themselves and their organisation with its NIB masked', async () => {
    const page = await get(await browserSession(owner), `/services/${mixed.code}/apply`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Atas nama siapa Anda mengajukan?');
    expect(page.body).toContain('value="self"');
    expect(page.body).toContain(`value="${organisationId}"`);
    expect(page.body).toContain(DEMO_ORGANISATION.name);
    expect(page.body).toContain('912*******567');
    expect(page.body).not.toContain(DEMO_ORGANISATION.nib);
  });

  it('does not offer "myself" for a service only for businesses', async () => {
    const page = await get(await browserSession(owner), `/services/${businessOnly.code}/apply`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`value="${organisationId}"`);
    expect(page.body).not.toContain('value="self"');
  });

  it('asks again, with an error, when the question is sent without an answer', async () => {
    const page = await get(await browserSession(owner), `/services/${mixed.code}/apply?asked=1`);
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain('error-summary');
    expect(page.body).toContain('Pilih atas nama siapa Anda mengajukan permohonan ini');
  });

  it('starts the form for the chosen organisation and names it on the check page, the receipt and the application', async () => {
    const cookie = await browserSession(owner);
    const start = await get(cookie, `/services/${mixed.code}/apply?for=${organisationId}`);
    expect(start.statusCode).toBe(303);
    expect(location(start)).toMatch(/^\/apply\/[0-9a-f-]{36}\/usaha$/);
    const draftUrl = location(start).replace(/\/usaha$/, '');
    await post(cookie, `${draftUrl}/usaha`, { project: 'Gudang kopi' });
    const check = await get(cookie, `${draftUrl}/check`);
    expect(check.statusCode).toBe(200);
    expect(check.body).toContain(DEMO_ORGANISATION.name);

    // Choosing "myself" afterwards moves the same draft to the person, keeping the answers.
    const self = await get(cookie, `/services/${mixed.code}/apply?for=self`);
    expect(location(self)).toBe(`${draftUrl}/check`);
    expect((await get(cookie, `${draftUrl}/check`)).body).not.toContain(DEMO_ORGANISATION.name);

    const number = await fileForBusiness(cookie);
    expect(number).toMatch(/^LKT-/);
    const receipt = await get(cookie, `/applications/${number}/receipt`);
    expect(receipt.body).toContain(DEMO_ORGANISATION.name);
    const pdf = await get(cookie, `/applications/${number}/receipt.pdf`);
    expect(pdf.statusCode).toBe(200);
    // The standard fonts write text as hex strings of its WinAnsi bytes.
    expect(pdfContent(pdf.rawPayload)).toContain(Buffer.from(DEMO_ORGANISATION.name, 'latin1').toString('hex').toUpperCase());
    const application = await get(cookie, `/applications/${number}`);
    expect(application.statusCode).toBe(200);
    expect(application.body).toContain(DEMO_ORGANISATION.name);
  });

  it('answers an organisation the person does not belong to as missing', async () => {
    const stranger = await createCitizen(t.services);
    const registered = await t.services.organisations.register(stranger.actor, { nib: '8120009876543', name: 'PT Orang Lain' }, ORIGIN);
    if (!registered.ok) throw new Error('the other organisation was refused');
    const cookie = await browserSession(owner);
    expect((await get(cookie, `/services/${mixed.code}/apply?for=${registered.value.organisationId}`)).statusCode).toBe(404);
    expect((await get(cookie, `/services/${mixed.code}/apply?for=${crypto.randomUUID()}`)).statusCode).toBe(404);
    expect((await get(cookie, `/services/${mixed.code}/apply?for=bukan-id`)).statusCode).toBe(404);
  });

  it('explains to a person without a business how to register one before a service only for businesses', async () => {
    const citizen = await createCitizen(t.services);
    const page = await get(await browserSession(citizen.actor), `/services/${businessOnly.code}/apply`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Daftarkan badan usaha Anda terlebih dahulu');
    expect(page.body).toContain('href="/account/organisations"');
  });

  it('starts a person without a business straight on the form of a service that also takes citizens', async () => {
    const citizen = await createCitizen(t.services);
    const start = await get(await browserSession(citizen.actor), `/services/${mixed.code}/apply`);
    expect(start.statusCode).toBe(303);
    expect(location(start)).toMatch(/\/usaha$/);
  });
});

describe('reading a business application', () => {
  it('shows the owner’s business application to a staff member of the organisation, and no longer once they leave', async () => {
    const number = await fileForBusiness(await browserSession(owner));
    const staff = await createCitizen(t.services);
    const added = await t.services.organisations.addMember(owner, organisationId, { nik: staff.nik, role: 'staff' }, ORIGIN);
    expect(added.ok).toBe(true);
    const cookie = await browserSession(staff.actor);

    const list = await get(cookie, '/applications');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain(number);
    const application = await get(cookie, `/applications/${number}`);
    expect(application.statusCode).toBe(200);
    expect(application.body).toContain(DEMO_ORGANISATION.name);
    // Only the person who filed it withdraws it.
    expect(application.body).not.toContain(`/applications/${number}/withdraw`);
    expect((await get(cookie, `/applications/${number}/receipt`)).statusCode).toBe(200);

    await t.database.db.deleteFrom('organisationMember').where('organisationId', '=', organisationId).where('accountId', '=', staff.actor.accountId).execute();
    expect((await get(cookie, `/applications/${number}`)).statusCode).toBe(404);
    expect((await get(cookie, '/applications')).body).not.toContain(number);
  });

  it('answers a business application as missing to someone who is not a member', async () => {
    const number = await fileForBusiness(await browserSession(owner));
    const outsider = await createCitizen(t.services);
    const cookie = await browserSession(outsider.actor);
    expect((await get(cookie, `/applications/${number}`)).statusCode).toBe(404);
    expect((await get(cookie, `/applications/${number}/receipt`)).statusCode).toBe(404);
    expect((await get(cookie, '/applications')).body).not.toContain(number);
  });
});
