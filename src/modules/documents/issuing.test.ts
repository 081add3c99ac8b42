import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, sessionTokenFor, type TestApp } from '../../../test/helpers/app.ts';
import { type CsrfPair, csrfPair } from '../../../test/security/forms.ts';
import type { SignedInActor } from '../../platform/auth/actor.ts';
import { birthAnswers, createCitizen, createServiceFixture, createStaff, type ServiceFixture, uploadPdf } from '../applications/applications.test-support.ts';
import type { IssuedDocumentRow } from './issued-documents.repository.ts';
import { addMonths, maskName } from './issuing.service.ts';
import { contentHash, type DocumentFields, documentSigningInput, encodeQrPayload, generateSigningKeyPair, privateKeyFromDer, sign } from './signing.ts';

// Issuing on the workflow's 'issue' action, public verification (page and API), revocation and the
// applicant's download, over a real database and the HTTP app.

const ORIGIN = { ip: '127.0.0.1', requestId: 'test', userAgent: 'test' };

let t: TestApp;
let service: ServiceFixture;
let agencyCode: string;
let csrf: CsrfPair;
let citizen: Awaited<ReturnType<typeof createCitizen>>;
let supervisor: SignedInActor;
let address = 0;

beforeAll(async () => {
  t = await createTestApp();
  service = await createServiceFixture(t.database.db);
  await t.database.db
    .updateTable('serviceVersion')
    .set({
      outputTemplate: JSON.stringify({
        title: { id: 'Surat Keterangan Kelahiran', en: 'Birth Certificate' },
        validityMonths: 12,
        fields: [{ name: 'childName' }, { name: 'childBirthDate', label: { id: 'Lahir', en: 'Born' } }],
      }),
    })
    .where('id', '=', service.versionId)
    .execute();
  agencyCode = (await t.database.db.selectFrom('agency').select('code').where('id', '=', service.agencyId).executeTakeFirstOrThrow()).code;
  csrf = await csrfPair(t.app);
  citizen = await createCitizen(t.services);
  supervisor = await createStaff(t.services, service.agencyId, 'supervisor');
});

afterAll(async () => t?.close());

function nextAddress(): string {
  address += 1;
  return `10.30.${(address >> 8) & 255}.${address & 255}`;
}

async function session(actor: SignedInActor): Promise<string> {
  const token = await sessionTokenFor(t.services, actor);
  return `loket_session=${token}; ${csrf.cookie}`;
}

function get(url: string, cookie = '') {
  return t.app.inject({ url, headers: cookie ? { cookie } : {}, remoteAddress: nextAddress() });
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

async function issued(): Promise<{ row: IssuedDocumentRow; trackingNumber: string; applicationId: string }> {
  const fileId = await uploadPdf(t.services, { ownerAccountId: citizen.actor.accountId });
  const result = await t.services.applications.submitOnline(
    citizen.actor,
    { serviceCode: service.code, answers: birthAnswers(citizen, fileId), idempotencyKey: crypto.randomUUID() },
    ORIGIN,
  );
  if (!result.ok) throw new Error(`submission refused: ${JSON.stringify(result.problems)}`);
  const application = await t.database.db
    .selectFrom('application')
    .select('id')
    .where('trackingNumber', '=', result.application.trackingNumber)
    .executeTakeFirstOrThrow();
  const row = await t.database.db
    .transaction()
    .execute((trx) => t.services.issuing.issue(trx, { applicationId: application.id, actorAccountId: supervisor.accountId }));
  return { row, trackingNumber: result.application.trackingNumber, applicationId: application.id };
}

async function api(query: string) {
  const response = await get(`/api/v1/documents/verify?${query}`);
  return {
    statusCode: response.statusCode,
    body: response.json<{ status: string; reason?: string; fields?: Record<string, unknown>; revocationReason?: string }>(),
  };
}

async function pdfBytes(fileId: string): Promise<Buffer> {
  const file = await t.services.storage.openFile(fileId);
  const chunks: Buffer[] = [];
  for await (const chunk of file.stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

describe('small rules', () => {
  it('masks every letter of a name but the first of each word', () => {
    expect(maskName(' Rina  Marlina ')).toBe('R*** M******');
  });

  it('ends a validity the day before the same date months later, at a month end', () => {
    expect(addMonths('2026-01-15', 12)).toBe('2027-01-14');
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-27');
  });
});

describe('issuing a document', () => {
  it('signs the minimum fields, stores the PDF for the applicant, registers, audits, publishes and notifies', async () => {
    const { row, applicationId, trackingNumber } = await issued();
    const fields = row.fields as DocumentFields;
    expect(fields).toMatchObject({
      kind: 'Surat Keterangan Kelahiran',
      agency: agencyCode,
      holder: 'R*** M******',
      validUntil: row.validUntil ? expect.any(String) : null,
    });
    expect(Object.keys(fields).sort()).toEqual(['agency', 'agencyName', 'holder', 'issued', 'kind', 'number', 'validUntil']);
    expect(row.number).toMatch(/^[A-Z0-9-]+-\d{4}-[0-9A-Z]{8}$/);
    expect(JSON.stringify(fields)).not.toContain('Rina');
    expect(row.qrPayload.startsWith('LK1.')).toBe(true);

    const file = (await t.services.storage.describeFiles([row.fileId ?? '']))[0];
    expect(file).toMatchObject({ state: 'attached', ownerAccountId: citizen.actor.accountId, mediaType: 'application/pdf' });
    const pdf = await pdfBytes(row.fileId ?? '');
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');

    const db = t.database.db;
    const audit = await db.selectFrom('auditEvent').select('action').where('subjectId', '=', row.id).execute();
    expect(audit.map((a) => a.action)).toEqual(['document.issued']);
    const events = await db.selectFrom('outboxEvent').select(['topic', 'payload']).where('aggregateId', '=', row.id).execute();
    expect(events).toEqual([{ topic: 'document.issued', payload: { applicationId, number: row.number } }]);
    const notices = await db.selectFrom('notification').select('params').where('kind', '=', 'application.document_ready').execute();
    expect(notices.map((n) => n.params)).toContainEqual({ trackingNumber, link: `${t.config.publicUrl}/applications/${trackingNumber}` });
  });

  it('refuses a second document in force for the same application, leaving nothing behind', async () => {
    const { applicationId } = await issued();
    await expect(
      t.database.db.transaction().execute((trx) => t.services.issuing.issue(trx, { applicationId, actorAccountId: supervisor.accountId })),
    ).rejects.toThrow(/already has a document/);
    const rows = await t.database.db.selectFrom('issuedDocument').select('id').where('applicationId', '=', applicationId).execute();
    expect(rows).toHaveLength(1);
  });
});

describe('verification', () => {
  it('says valid by number and by QR payload, with only the signed fields', async () => {
    const { row } = await issued();
    const byNumber = await api(`number=${row.number.toLowerCase()}`);
    expect(byNumber).toMatchObject({ statusCode: 200, body: { status: 'valid', fields: { number: row.number, holder: 'R*** M******' } } });
    const byPayload = await api(`payload=${row.qrPayload}`);
    expect(byPayload.body.status).toBe('valid');

    const page = await get(`/verify?d=${row.qrPayload}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Asli dan berlaku');
    expect(page.body).toContain(row.number);
    expect(page.body).not.toContain('Rina');
  });

  it('says invalid for a payload with a changed field', async () => {
    const { row } = await issued();
    const [prefix, kid, body, signature] = row.qrPayload.split('.');
    const text = Buffer.from(body ?? '', 'base64url').toString('utf8');
    const forged = Buffer.from(text.replace(/"holder":"[^"]*"/, '"holder":"X*** Y******"')).toString('base64url');
    expect(await api(`payload=${[prefix, kid, forged, signature].join('.')}`)).toMatchObject({
      statusCode: 200,
      body: { status: 'invalid', reason: 'bad_signature' },
    });
    const page = await get(`/verify?d=${[prefix, kid, forged, signature].join('.')}`);
    expect(page.body).toContain('Tidak asli');
  });

  it('tells a PDF as issued from one whose content was altered', async () => {
    const { row } = await issued();
    const pdf = await pdfBytes(row.fileId ?? '');
    expect(await t.services.issuing.verifyPdf(pdf)).toMatchObject({ status: 'valid' });
    const altered = Buffer.from(pdf);
    // One bit in the middle of the file: enough to change what it says, or to break it.
    const middle = Math.floor(altered.length / 2);
    altered.writeUInt8(altered.readUInt8(middle) ^ 1, middle);
    expect(contentHash(altered).equals(contentHash(pdf))).toBe(false);
    expect(await t.services.issuing.verifyPdf(altered)).toEqual({ status: 'invalid', reason: 'unknown_file' });

    const send = (payload: Buffer) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/documents/verify-pdf',
        headers: { 'content-type': 'application/pdf' },
        payload,
        remoteAddress: nextAddress(),
      });
    expect((await send(pdf)).json()).toMatchObject({ status: 'valid', fields: { number: row.number } });
    expect((await send(altered)).json()).toEqual({ status: 'invalid', reason: 'unknown_file' });
    expect((await send(Buffer.alloc(0))).statusCode).toBe(400);
  });

  it('still verifies a document after its agency key was rotated', async () => {
    const { row } = await issued();
    await t.services.signingKeys.rotate(service.agencyId);
    expect((await api(`payload=${row.qrPayload}`)).body.status).toBe('valid');
    expect((await api(`number=${row.number}`)).body.status).toBe('valid');
    const next = await issued();
    expect(next.row.signingKeyId).not.toBe(row.signingKeyId);
  });

  it('says invalid for a payload signed by an unknown key', async () => {
    const { row } = await issued();
    const stranger = generateSigningKeyPair();
    const fields = row.fields as DocumentFields;
    const payload = encodeQrPayload({ fields, kid: stranger.kid, signature: sign(privateKeyFromDer(stranger.privateKeyDer), documentSigningInput(fields)) });
    expect((await api(`payload=${payload}`)).body).toMatchObject({ status: 'invalid', reason: 'unknown_key' });
  });

  it('says invalid for a payload signed with the key of another agency than it names', async () => {
    const { row } = await issued();
    const other = await createServiceFixture(t.database.db);
    const fields = { ...(row.fields as DocumentFields), holder: 'Z*** Z******' };
    const signed = await t.services.signingKeys.signDocument(other.agencyId, fields);
    expect((await api(`payload=${encodeQrPayload({ fields, ...signed })}`)).body).toMatchObject({ status: 'invalid', reason: 'wrong_agency' });
  });

  it('says not found for an unknown number, and "not in the register" for a genuine signature it does not know', async () => {
    expect((await api('number=TIDAK-ADA-2026-AAAAAAAA')).body).toEqual({ status: 'not_found' });
    const fields: DocumentFields = { number: `${agencyCode.toUpperCase()}-2026-ZZZZZZZZ`, kind: 'Palsu', agency: agencyCode, holder: 'A***' };
    const signed = await t.services.signingKeys.signDocument(service.agencyId, fields);
    expect((await api(`payload=${encodeQrPayload({ fields, ...signed })}`)).body).toMatchObject({ status: 'not_found', reason: 'not_registered' });
  });

  it('says expired after the validity ended', async () => {
    const { row } = await issued();
    await sql`update issued_document set valid_until = '2020-01-01' where id = ${row.id}`.execute(t.database.db);
    expect((await api(`number=${row.number}`)).body.status).toBe('expired');
  });

  it.each([
    ['a very long payload', `/api/v1/documents/verify?payload=LK1.${'A'.repeat(5000)}`],
    ['no parameter', '/api/v1/documents/verify'],
    ['both parameters', '/api/v1/documents/verify?number=ABCDEF&payload=LK1.x'],
    ['a very long page input', `/verify?q=${'A'.repeat(5000)}`],
    ['an empty page input', '/verify?q='],
  ])('answers %s with a 4xx', async (_label, url) => {
    const response = await get(url);
    expect(response.statusCode).toBeGreaterThanOrEqual(400);
    expect(response.statusCode).toBeLessThan(500);
  });

  it.each([
    ['garbage', 'LK1.%%%'],
    ['a payload of the wrong shape', `LK1.AAAAAAAAAAAAAAAA.${Buffer.from('{"number":5}').toString('base64url')}.${'A'.repeat(86)}`],
    ['script', '<script>alert(1)</script>'],
  ])('answers %s with an "invalid" or "not found" page, never a 5xx', async (_label, text) => {
    const response = await get(`/verify?q=${encodeURIComponent(text)}`);
    expect([200, 404]).toContain(response.statusCode);
    expect(response.body).not.toContain('<script>alert');
    const apiResponse = await get(`/api/v1/documents/verify?payload=${encodeURIComponent(text)}`);
    expect(apiResponse.statusCode).toBe(200);
    expect(apiResponse.json<{ status: string }>().status).toBe('invalid');
  });

  it('is described in the OpenAPI document', async () => {
    const spec = (await get('/api/openapi.json')).json<{ paths: Record<string, { get?: { responses?: Record<string, unknown> } }> }>();
    expect(spec.paths['/api/v1/documents/verify']?.get?.responses).toHaveProperty('200');
  });

  it('shows the empty form without JavaScript', async () => {
    const response = await get('/verify');
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('action="/verify"');
  });
});

describe('revocation', () => {
  it('needs a reason of 5 to 500 characters, then says revoked with the reason, audited', async () => {
    const { row } = await issued();
    const cookie = await session(supervisor);
    const page = await get(`/backoffice/documents/${row.id}`, cookie);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`/backoffice/documents/${row.id}/revoke`);

    const short = await post(cookie, `/backoffice/documents/${row.id}/revoke`, { reason: 'abc' });
    expect(short.statusCode).toBe(400);
    expect((await api(`number=${row.number}`)).body.status).toBe('valid');

    const done = await post(cookie, `/backoffice/documents/${row.id}/revoke`, { reason: 'Diterbitkan atas data yang keliru' });
    expect(done.statusCode).toBe(303);
    expect((await api(`number=${row.number}`)).body).toMatchObject({ status: 'revoked', revocationReason: 'Diterbitkan atas data yang keliru' });
    expect((await api(`payload=${row.qrPayload}`)).body.status).toBe('revoked');
    const result = await get(`/verify?d=${row.qrPayload}`);
    expect(result.body).toContain('Diterbitkan atas data yang keliru');

    const again = await post(cookie, `/backoffice/documents/${row.id}/revoke`, { reason: 'Sekali lagi dicabut' });
    expect(again.statusCode).toBe(409);
    const audit = await t.database.db.selectFrom('auditEvent').select('action').where('subjectId', '=', row.id).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['document.issued', 'document.revoked']);
    const events = await t.database.db.selectFrom('outboxEvent').select('topic').where('aggregateId', '=', row.id).orderBy('id').execute();
    expect(events.map((e) => e.topic)).toEqual(['document.issued', 'document.revoked']);
  });

  it('is not found for a supervisor of another agency, and forbidden to an officer', async () => {
    const { row } = await issued();
    const other = await createServiceFixture(t.database.db);
    const stranger = await createStaff(t.services, other.agencyId, 'supervisor');
    const response = await post(await session(stranger), `/backoffice/documents/${row.id}/revoke`, { reason: 'Bukan instansi saya' });
    expect(response.statusCode).toBe(404);
    const officer = await createStaff(t.services, service.agencyId, 'officer');
    expect((await get(`/backoffice/documents/${row.id}`, await session(officer))).statusCode).toBe(403);
    expect((await api(`number=${row.number}`)).body.status).toBe('valid');
  });
});

describe('download by the applicant', () => {
  it('streams the PDF to its owner, audited, and is not found for anyone else', async () => {
    const { row, trackingNumber } = await issued();
    const documents = await t.services.issuing.documentsOf(trackingNumber);
    expect(documents.map((d) => d.id)).toEqual([row.id]);
    const href = documents[0]?.href ?? '';

    const response = await get(href, await session(citizen.actor));
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['content-disposition']).toMatch(/^attachment;/);
    expect(response.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const audit = await t.database.db
      .selectFrom('auditEvent')
      .select(['action', 'actorAccountId'])
      .where('subjectId', '=', row.id)
      .where('action', '=', 'document.downloaded')
      .execute();
    expect(audit).toEqual([{ action: 'document.downloaded', actorAccountId: citizen.actor.accountId }]);

    const other = await createCitizen(t.services);
    expect((await get(href, await session(other.actor))).statusCode).toBe(404);
    expect((await get(`/applications/${trackingNumber}/documents/${crypto.randomUUID()}`, await session(citizen.actor))).statusCode).toBe(404);
  });
});
