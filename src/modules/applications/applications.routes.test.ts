import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, sessionTokenFor, type TestApp } from '../../../test/helpers/app.ts';
import { type CsrfPair, csrfPair } from '../../../test/security/forms.ts';
import type { SignedInActor } from '../../platform/auth/actor.ts';
import { birthAnswers, createCitizen, createServiceFixture, createStaff, type ServiceFixture, testNik, uploadPdf } from './applications.test-support.ts';

// The pages and the API over HTTP, as a browser (cookie, CSRF, forms and multipart) and an API
// client (bearer token, JSON) would use them.

const PDF = Buffer.from('%PDF-1.4\n% akta\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

let t: TestApp;
let service: ServiceFixture;
let csrf: CsrfPair;
let address = 0;

beforeAll(async () => {
  t = await createTestApp();
  service = await createServiceFixture(t.database.db);
  csrf = await csrfPair(t.app);
});

afterAll(async () => t?.close());

function nextAddress(): string {
  address += 1;
  return `10.20.${(address >> 8) & 255}.${address & 255}`;
}

async function browserSession(actor: SignedInActor): Promise<string> {
  const token = await sessionTokenFor(t.services, actor);
  return `loket_session=${token}; ${csrf.cookie}`;
}

async function bearer(actor: SignedInActor): Promise<string> {
  return `Bearer ${await sessionTokenFor(t.services, actor, 'api')}`;
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

/** A multipart post as a browser sends it: the CSRF token first, then the fields, then the files. */
function postMultipart(cookie: string, url: string, fields: Record<string, string>, files: { field: string; name: string; body: Buffer }[]) {
  const boundary = `----loket${crypto.randomUUID()}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries({ _csrf: csrf.token, ...fields })) {
    parts.push(Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  for (const file of files) {
    parts.push(
      Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="${file.field}"; filename="${file.name}"\r\ncontent-type: application/pdf\r\n\r\n`),
    );
    parts.push(file.body, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return t.app.inject({
    method: 'POST',
    url,
    headers: { cookie, 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: Buffer.concat(parts),
    remoteAddress: nextAddress(),
  });
}

function location(response: LightMyRequestResponse): string {
  return String(response.headers.location ?? '');
}

describe('the apply journey', () => {
  it('sends someone who is not signed in to sign in, and back afterwards', async () => {
    const response = await t.app.inject({ url: `/services/${service.code}/apply`, remoteAddress: nextAddress() });
    expect(response.statusCode).toBe(303);
    expect(location(response)).toBe(`/sign-in?done=required&next=${encodeURIComponent(`/services/${service.code}/apply`)}`);
  });

  it('walks a citizen through every page, an upload, a mistake, check answers and submission, to a receipt', async () => {
    const citizen = await createCitizen(t.services);
    const cookie = await browserSession(citizen.actor);

    const start = await get(cookie, `/services/${service.code}/apply`);
    expect(start.statusCode).toBe(303);
    const draftUrl = location(start).replace(/\/pemohon$/, '');
    expect(location(start)).toMatch(/^\/apply\/[0-9a-f-]{36}\/pemohon$/);

    // The first page is prefilled from the profile.
    const first = await get(cookie, `${draftUrl}/pemohon`);
    expect(first.statusCode).toBe(200);
    expect(first.body).toContain(`value="${citizen.fullName}"`);
    expect(first.body).toContain(`value="${citizen.nik}"`);
    expect(location(await post(cookie, `${draftUrl}/pemohon`, { fullName: citizen.fullName, nik: citizen.nik }))).toBe(`${draftUrl}/anak`);

    // A date in the future is refused, and what was typed stays.
    const wrong = await post(cookie, `${draftUrl}/anak`, {
      childName: 'Bayu Pratama',
      'childBirthDate[day]': '1',
      'childBirthDate[month]': '1',
      'childBirthDate[year]': '2999',
      twin: 'tidak',
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain('error-summary');
    expect(wrong.body).toContain('value="Bayu Pratama"');
    expect(
      location(
        await post(cookie, `${draftUrl}/anak`, {
          childName: 'Bayu Pratama',
          'childBirthDate[day]': '1',
          'childBirthDate[month]': '12',
          'childBirthDate[year]': '2024',
          twin: 'tidak',
        }),
      ),
    ).toBe(`${draftUrl}/dokumen`);

    // A file that is not what it claims is refused; a real PDF is kept.
    const fake = await postMultipart(cookie, `${draftUrl}/dokumen`, {}, [
      { field: 'birthLetter', name: 'surat.pdf', body: Buffer.from('MZ not a pdf at all') },
    ]);
    expect(fake.statusCode).toBe(415);
    const upload = await postMultipart(cookie, `${draftUrl}/dokumen`, {}, [{ field: 'birthLetter', name: 'surat lahir.pdf', body: PDF }]);
    expect(location(upload)).toBe(`${draftUrl}/alamat`);

    expect(
      location(
        await post(cookie, `${draftUrl}/alamat`, {
          'address[provinceCode]': '32',
          'address[regencyCode]': '32.73',
          'address[district]': 'Coblong',
          'address[village]': 'Dago',
          'address[street]': 'Jl. Dago No. 1',
        }),
      ),
    ).toBe(`${draftUrl}/check`);

    const check = await get(cookie, `${draftUrl}/check`);
    expect(check.statusCode).toBe(200);
    expect(check.body).toContain('Bayu Pratama');
    expect(check.body).toContain('surat lahir.pdf');
    const key = /name="idempotencyKey" value="([^"]+)"/.exec(check.body)?.[1];
    expect(key).toBeDefined();

    // A double click: both posts land on the same receipt.
    const [one, two] = await Promise.all([
      post(cookie, `${draftUrl}/submit`, { idempotencyKey: key ?? '' }),
      post(cookie, `${draftUrl}/submit`, { idempotencyKey: key ?? '' }),
    ]);
    expect(location(one)).toMatch(/^\/applications\/LKT-[0-9A-Z]{4}-[0-9A-Z]{4}\/receipt$/);
    expect(location(two)).toBe(location(one));
    const again = await post(cookie, `${draftUrl}/submit`, { idempotencyKey: key ?? '' });
    expect(location(again)).toBe(location(one));
    expect(await t.services.applications.listMine(citizen.actor)).toHaveLength(1);

    const receipt = await get(cookie, location(one));
    expect(receipt.statusCode).toBe(200);
    expect(receipt.body).toContain('data:image/svg+xml;base64,');
    expect(receipt.body).toContain('hari kerja');
    const number = location(one).split('/')[2] ?? '';
    const pdf = await get(cookie, `/applications/${number}/receipt.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');

    const detail = await get(cookie, `/applications/${number}`);
    expect(detail.statusCode).toBe(200);
    expect(detail.body).toContain('Permohonan dikirim');
    expect(detail.body).toContain('Bayu Pratama');
    const download = /href="(\/applications\/[^"]+\/files\/[0-9a-f-]{36})"/.exec(detail.body)?.[1];
    const file = await get(cookie, download ?? '');
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.equals(PDF)).toBe(true);
  });

  it('saves a page for later without checking it', async () => {
    const citizen = await createCitizen(t.services);
    const cookie = await browserSession(citizen.actor);
    const draftUrl = location(await get(cookie, `/services/${service.code}/apply`)).replace(/\/pemohon$/, '');
    const saved = await post(cookie, `${draftUrl}/pemohon`, { fullName: '', nik: '12', action: 'later' });
    expect(location(saved)).toBe(`${draftUrl}/saved`);
    const page = await get(cookie, `${draftUrl}/pemohon`);
    expect(page.body).toContain('value="12"');
  });

  it('answers 404 for another person’s draft', async () => {
    const owner = await createCitizen(t.services);
    const stranger = await createCitizen(t.services);
    const draftUrl = location(await get(await browserSession(owner.actor), `/services/${service.code}/apply`));
    expect((await get(await browserSession(stranger.actor), draftUrl)).statusCode).toBe(404);
  });
});

describe('applicant pages and public tracking', () => {
  async function filed(citizen: { actor: SignedInActor; nik: string; fullName: string }) {
    const fileId = await uploadPdf(t.services, { ownerAccountId: citizen.actor.accountId });
    const result = await t.services.applications.submitOnline(
      citizen.actor,
      { serviceCode: service.code, answers: birthAnswers(citizen, fileId), idempotencyKey: crypto.randomUUID() },
      { ip: '127.0.0.1', requestId: 't', userAgent: 't' },
    );
    if (!result.ok) throw new Error('refused');
    return result.application;
  }

  it('tracks publicly with status and timeline and no personal data', async () => {
    const citizen = await createCitizen(t.services);
    const application = await filed(citizen);
    const typed = await t.app.inject({ url: `/track?number=${application.trackingNumber.toLowerCase()}`, remoteAddress: nextAddress() });
    expect(location(typed)).toBe(`/track/${application.trackingNumber}`);
    const page = await t.app.inject({ url: `/track/${application.trackingNumber}`, remoteAddress: nextAddress() });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Diterima');
    expect(page.body).toContain('Permohonan dikirim');
    for (const secret of [citizen.fullName, citizen.nik, 'Bayu']) expect(page.body).not.toContain(secret);
    const last = application.trackingNumber.at(-1) === 'X' ? 'Y' : 'X';
    const typo = await t.app.inject({ url: `/track?number=${application.trackingNumber.slice(0, -1)}${last}`, remoteAddress: nextAddress() });
    expect(typo.statusCode).toBe(400);
    expect(typo.body).toContain('Nomor permohonan tidak dikenali');
    expect((await t.app.inject({ url: '/track/LKT-0000-0000', remoteAddress: nextAddress() })).statusCode).toBe(404);
  });

  it('lists my applications, withdraws one with a reason, and hides it from others', async () => {
    const citizen = await createCitizen(t.services);
    const application = await filed(citizen);
    const cookie = await browserSession(citizen.actor);
    const list = await get(cookie, '/applications');
    expect(list.body).toContain(application.trackingNumber);
    expect(list.body).toContain('Diterima');

    const empty = await post(cookie, `/applications/${application.trackingNumber}/withdraw`, { reason: '' });
    expect(empty.statusCode).toBe(400);
    const done = await post(cookie, `/applications/${application.trackingNumber}/withdraw`, { reason: 'Sudah tidak perlu' });
    expect(location(done)).toBe(`/applications/${application.trackingNumber}?done=withdrawn`);
    expect((await get(cookie, location(done))).body).toContain('Dibatalkan');

    const stranger = await createCitizen(t.services);
    const other = await browserSession(stranger.actor);
    expect((await get(other, `/applications/${application.trackingNumber}`)).statusCode).toBe(404);
    expect((await get(other, `/applications/${application.trackingNumber}/receipt`)).statusCode).toBe(404);
  });

  it('answers 404, not 500, to a file id that is not a UUID, for the applicant and for staff', async () => {
    const citizen = await createCitizen(t.services);
    const application = await filed(citizen);
    const officer = await createStaff(t.services, service.agencyId, 'officer');
    const applicant = await browserSession(citizen.actor);
    const staff = await browserSession(officer);
    for (const fileId of [
      '-'.repeat(36),
      'abcdef01-2345-6789-abcd-ef0123456789-',
      '0123456789abcdef0123456789abcdef0123',
      'abcdef012-345-6789-abcd-ef012345678',
    ]) {
      expect((await get(applicant, `/applications/${application.trackingNumber}/files/${fileId}`)).statusCode, fileId).toBe(404);
      expect((await get(staff, `/backoffice/applications/${application.trackingNumber}/files/${fileId}`)).statusCode, fileId).toBe(404);
    }
  });

  it('takes requested information with a file as multipart', async () => {
    const citizen = await createCitizen(t.services);
    const application = await filed(citizen);
    const officer = await createStaff(t.services, service.agencyId);
    await t.services.workflow.act(
      officer,
      application.trackingNumber,
      { type: 'request_information', message: 'Surat kurang jelas.', deadline: 5 },
      { ip: '127.0.0.1', requestId: 't', userAgent: 't' },
    );
    const cookie = await browserSession(citizen.actor);
    const page = await get(cookie, `/applications/${application.trackingNumber}`);
    expect(page.body).toContain('Surat kurang jelas.');
    expect(page.body).toContain('Perlu tindakan Anda');
    const sent = await postMultipart(cookie, `/applications/${application.trackingNumber}/information`, { message: 'Sudah saya unggah ulang.' }, [
      { field: 'files', name: 'ulang.pdf', body: PDF },
    ]);
    expect(location(sent)).toBe(`/applications/${application.trackingNumber}?done=provided`);
    const detail = await t.services.applications.getForApplicant(citizen.actor, application.trackingNumber);
    expect(detail.status).toBe('in_review');
    expect(detail.attachments.map((a) => a.name)).toContain('ulang.pdf');
  });
});

describe('the counter', () => {
  it('registers a walk-in applicant’s application on one long page, then prints the receipt', async () => {
    const officer = await createStaff(t.services, service.agencyId);
    const cookie = await browserSession(officer);
    // The demo catalogue is not seeded here: the fixture service is found through the catalogue search.
    const start = await get(cookie, '/counter/applications/new');
    expect(start.statusCode).toBe(200);
    const nik = testNik();
    const form = await post(cookie, '/counter/applications/new', { step: 'start', service: service.code, applicantNik: nik });
    expect(form.statusCode).toBe(200);
    const key = /name="idempotencyKey" value="([^"]+)"/.exec(form.body)?.[1] ?? '';
    const fields = {
      step: 'form',
      service: service.code,
      applicantNik: nik,
      idempotencyKey: key,
      fullName: 'Sutrisno',
      nik,
      childName: 'Ayu',
      'childBirthDate[day]': '2',
      'childBirthDate[month]': '2',
      'childBirthDate[year]': '2025',
      twin: 'tidak',
      'address[provinceCode]': '32',
      'address[regencyCode]': '32.73',
      'address[street]': 'Jl. Braga 5',
    };
    const done = await postMultipart(cookie, '/counter/applications/new', fields, [{ field: 'birthLetter', name: 'surat.pdf', body: PDF }]);
    expect(location(done)).toMatch(/^\/applications\/LKT-[0-9A-Z]{4}-[0-9A-Z]{4}\/receipt$/);
    const receipt = await get(cookie, location(done));
    expect(receipt.statusCode).toBe(200);
    expect(receipt.body).toContain('NIK yang sama');
  });

  it('lets the walk-in applicant claim the application from “my applications” after registering with the same NIK', async () => {
    const officer = await createStaff(t.services, service.agencyId);
    const nik = testNik();
    const fileId = await uploadPdf(t.services, { uploadedBy: officer.accountId });
    const filed = await t.services.applications.submitAtCounter(
      officer,
      { serviceCode: service.code, applicantNik: nik, answers: birthAnswers({ nik, fullName: 'Warga Loket' }, fileId), idempotencyKey: crypto.randomUUID() },
      { ip: '127.0.0.1', requestId: 't', userAgent: 't' },
    );
    if (!filed.ok) throw new Error('refused');
    const number = filed.application.trackingNumber;
    const registered = await t.services.accounts.register(
      {
        nik,
        fullName: 'Warga Loket',
        birthDate: { day: '17', month: '8', year: '1990' },
        email: `warga.${nik}@contoh.test`,
        phone: '',
        password: 'es-teh-manis-siang',
        locale: 'id',
      },
      { ip: '127.0.0.1', requestId: 't', userAgent: 't' },
    );
    if (!registered.ok) throw new Error('registration refused');
    await t.services.accountsRepository.update(registered.value.accountId, { emailVerifiedAt: new Date() });
    const cookie = await browserSession({ kind: 'citizen', accountId: registered.value.accountId, sessionId: 't', locale: 'id', organisations: [] });
    const list = await get(cookie, '/applications');
    expect(list.body).toContain(`action="/applications/${number}/claim"`);
    const claimed = await post(cookie, `/applications/${number}/claim`, {});
    expect(location(claimed)).toBe(`/applications?claimed=${number}`);
    const after = await get(cookie, location(claimed));
    expect(after.body).toContain(`href="/applications/${number}"`);
    expect(after.body).not.toContain(`action="/applications/${number}/claim"`);
  });

  it('refuses citizens', async () => {
    const citizen = await createCitizen(t.services);
    expect((await get(await browserSession(citizen.actor), '/counter/applications/new')).statusCode).toBe(403);
  });
});

describe('the applications API', () => {
  async function submit(token: string, key: string | undefined, body: unknown) {
    return t.app.inject({
      method: 'POST',
      url: '/api/v1/applications',
      headers: { authorization: token, 'content-type': 'application/json', ...(key === undefined ? {} : { 'idempotency-key': key }) },
      payload: JSON.stringify(body),
      remoteAddress: nextAddress(),
    });
  }

  it('files an application (201), returns it again for the same key (200), and lists and reads it', async () => {
    const citizen = await createCitizen(t.services);
    const token = await bearer(citizen.actor);
    const fileId = await uploadPdf(t.services, { ownerAccountId: citizen.actor.accountId });
    const body = { service: service.code, answers: birthAnswers(citizen, fileId) };
    const created = await submit(token, 'api-kunci-0001', body);
    expect(created.statusCode, created.body).toBe(201);
    const filedBody = created.json() as { trackingNumber: string; status: string; dueAt: string };
    expect(filedBody.status).toBe('submitted');
    const repeated = await submit(token, 'api-kunci-0001', body);
    expect(repeated.statusCode).toBe(200);
    expect(repeated.json()).toEqual(filedBody);

    const list = await t.app.inject({ url: '/api/v1/applications', headers: { authorization: token }, remoteAddress: nextAddress() });
    expect((list.json() as { trackingNumber: string }[]).map((a) => a.trackingNumber)).toEqual([filedBody.trackingNumber]);
    const one = await t.app.inject({
      url: `/api/v1/applications/${filedBody.trackingNumber}`,
      headers: { authorization: token },
      remoteAddress: nextAddress(),
    });
    expect(one.statusCode).toBe(200);
    expect(one.json()).toMatchObject({
      trackingNumber: filedBody.trackingNumber,
      answers: { childName: 'Bayu Pratama' },
      timeline: [{ kind: 'submitted', agency: null }],
    });

    const stranger = await bearer((await createCitizen(t.services)).actor);
    const hidden = await t.app.inject({
      url: `/api/v1/applications/${filedBody.trackingNumber}`,
      headers: { authorization: stranger },
      remoteAddress: nextAddress(),
    });
    expect(hidden.statusCode).toBe(404);
  });

  it('requires an Idempotency-Key and explains invalid answers field by field (422)', async () => {
    const citizen = await createCitizen(t.services);
    const token = await bearer(citizen.actor);
    const missing = await submit(token, undefined, { service: service.code, answers: {} });
    expect(missing.statusCode).toBe(400);
    expect(missing.json()).toMatchObject({ type: '/problems/applications.idempotency_key_required' });
    const invalid = await submit(token, 'api-kunci-invalid', { service: service.code, answers: { fullName: '' } });
    expect(invalid.statusCode).toBe(422);
    const names = (invalid.json() as { invalidParams: { name: string }[] }).invalidParams.map((p) => p.name);
    expect(names).toEqual(expect.arrayContaining(['fullName', 'childName', 'birthLetter']));
    expect((await submit(token, 'api-kunci-unknown', { service: 'tidak-ada', answers: {} })).statusCode).toBe(404);
  });

  it('makes exactly one application from ten parallel requests with one key', async () => {
    const citizen = await createCitizen(t.services);
    const token = await bearer(citizen.actor);
    const fileId = await uploadPdf(t.services, { ownerAccountId: citizen.actor.accountId });
    const body = { service: service.code, answers: birthAnswers(citizen, fileId) };
    const responses = await Promise.all(Array.from({ length: 10 }, () => submit(token, 'api-kunci-paralel', body)));
    expect(responses.map((r) => r.statusCode).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 200, 201].slice().sort());
    expect(new Set(responses.map((r) => (r.json() as { trackingNumber: string }).trackingNumber)).size).toBe(1);
    const rows = await t.database.db.selectFrom('application').select('id').where('applicantAccountId', '=', citizen.actor.accountId).execute();
    expect(rows).toHaveLength(1);
  });

  it('is in the OpenAPI document under the applications tag', async () => {
    const document = (await t.app.inject({ url: '/api/openapi.json', remoteAddress: nextAddress() })).json() as {
      paths: Record<string, Record<string, { tags?: string[] }>>;
    };
    expect(document.paths['/api/v1/applications']?.post?.tags).toEqual(['applications']);
    expect(document.paths['/api/v1/applications']?.get?.tags).toEqual(['applications']);
    expect(document.paths['/api/v1/applications/{trackingNumber}']?.get?.tags).toEqual(['applications']);
  });
});
