import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import type { SignedInActor } from '../../platform/auth/actor.ts';
import { SMALL_DEMO, seedDemo } from '../../seed.ts';
import { createCitizen } from './applications.test-support.ts';

// POST /api/v1/files over HTTP as an API client uses it: upload, then name the file in an application.

const PDF = Buffer.from('%PDF-1.4\n% laporan kehilangan\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
/** A demo service whose police report (a required file field, PDF accepted) is asked when the card was lost. */
const KTP_SERVICE = 'penggantian-ktp-el-kota-bandung';

let t: TestApp;
let address = 0;

beforeAll(async () => {
  t = await createTestApp();
  await seedDemo(t.database.db, t.services, SMALL_DEMO);
}, 120_000);

afterAll(async () => t?.close());

function nextAddress(): string {
  address += 1;
  return `10.31.${(address >> 8) & 255}.${address & 255}`;
}

async function token(actor: SignedInActor, kind: 'api' | 'web' = 'api'): Promise<string> {
  return t.services.sessions.create({ accountId: actor.accountId, accountKind: actor.kind, kind, mfaVerified: true, userAgent: 'test' });
}

function upload(headers: Record<string, string>, files: { name: string; body: Buffer; field?: string }[]) {
  const boundary = `----loket${crypto.randomUUID()}`;
  const parts: Buffer[] = [];
  for (const file of files) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\ncontent-disposition: form-data; name="${file.field ?? 'file'}"; filename="${file.name}"\r\ncontent-type: application/pdf\r\n\r\n`,
      ),
      file.body,
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/files',
    headers: { ...headers, 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: Buffer.concat(parts),
    remoteAddress: nextAddress(),
  });
}

function submit(bearer: string, key: string, answers: Record<string, unknown>) {
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/applications',
    headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json', 'idempotency-key': key },
    payload: JSON.stringify({ service: KTP_SERVICE, answers }),
    remoteAddress: nextAddress(),
  });
}

function lostCardAnswers(citizen: { nik: string; fullName: string }, fileId: string) {
  return {
    nik: citizen.nik,
    fullName: citizen.fullName,
    phone: '081234567890',
    reason: 'hilang',
    policeReport: { fileIds: [fileId] },
    domicileAddress: { provinceCode: '32', regencyCode: '32.73', district: 'Coblong', village: 'Dago', street: 'Jl. Dago No. 1' },
    pickupOffice: 'kantor-dinas',
    declaration: ['true'],
  };
}

async function uploadedId(bearer: string): Promise<string> {
  const response = await upload({ authorization: `Bearer ${bearer}` }, [{ name: 'laporan.pdf', body: PDF }]);
  expect(response.statusCode, response.body).toBe(201);
  return (response.json() as { items: { id: string }[] }).items[0]?.id ?? '';
}

describe('POST /api/v1/files', () => {
  it('stores a PDF for a bearer token and lets an application attach it', async () => {
    const citizen = await createCitizen(t.services);
    const bearer = await token(citizen.actor);
    const response = await upload({ authorization: `Bearer ${bearer}` }, [{ name: 'laporan.pdf', body: PDF }]);
    expect(response.statusCode, response.body).toBe(201);
    const { items } = response.json() as { items: { id: string; name: string; size: number; mediaType: string }[] };
    expect(items).toEqual([{ id: expect.any(String), name: 'laporan.pdf', size: PDF.length, mediaType: 'application/pdf' }]);
    const [stored] = await t.services.storage.describeFiles([items[0]?.id ?? '']);
    expect(stored).toMatchObject({ ownerAccountId: citizen.actor.accountId, state: 'pending' });

    const filed = await submit(bearer, 'berkas-api-0001', lostCardAnswers(citizen, items[0]?.id ?? ''));
    expect(filed.statusCode, filed.body).toBe(201);
    const { trackingNumber } = filed.json() as { trackingNumber: string };
    const detail = await t.app.inject({
      url: `/api/v1/applications/${trackingNumber}`,
      headers: { authorization: `Bearer ${bearer}` },
      remoteAddress: nextAddress(),
    });
    expect(detail.json()).toMatchObject({ attachments: [{ field: 'policeReport', fileId: items[0]?.id, name: 'laporan.pdf' }] });
    const [attached] = await t.services.storage.describeFiles([items[0]?.id ?? '']);
    expect(attached?.state).toBe('attached');
  });

  it('takes several files in one request', async () => {
    const bearer = await token((await createCitizen(t.services)).actor);
    const response = await upload({ authorization: `Bearer ${bearer}` }, [
      { name: 'satu.pdf', body: PDF },
      { name: 'dua.pdf', body: PDF },
    ]);
    expect(response.statusCode, response.body).toBe(201);
    expect((response.json() as { items: { name: string }[] }).items.map((item) => item.name)).toEqual(['satu.pdf', 'dua.pdf']);
  });

  it('refuses to file an application with another person’s file id, and leaves the file unattached', async () => {
    const owner = await createCitizen(t.services);
    const fileId = await uploadedId(await token(owner.actor));
    const stranger = await createCitizen(t.services);
    const filed = await submit(await token(stranger.actor), 'berkas-api-asing', lostCardAnswers(stranger, fileId));
    expect(filed.statusCode).toBeGreaterThanOrEqual(400);
    expect(filed.statusCode).toBeLessThan(500);
    const [file] = await t.services.storage.describeFiles([fileId]);
    expect(file?.state).toBe('pending');
    const attachments = await t.database.db.selectFrom('applicationAttachment').select('applicationId').where('fileId', '=', fileId).execute();
    expect(attachments).toEqual([]);
  });

  it('lets the owner name one file in two applications, as storage attaching is idempotent', async () => {
    const citizen = await createCitizen(t.services);
    const bearer = await token(citizen.actor);
    const fileId = await uploadedId(bearer);
    expect((await submit(bearer, 'berkas-api-ulang-1', lostCardAnswers(citizen, fileId))).statusCode).toBe(201);
    expect((await submit(bearer, 'berkas-api-ulang-2', lostCardAnswers(citizen, fileId))).statusCode).toBe(201);
    const attachments = await t.database.db.selectFrom('applicationAttachment').select('applicationId').where('fileId', '=', fileId).execute();
    expect(attachments).toHaveLength(2);
  });

  it('answers 401 to a browser session cookie alone, and to no credentials at all, storing nothing', async () => {
    const citizen = await createCitizen(t.services);
    const cookie = await upload({ cookie: `loket_session=${await token(citizen.actor, 'web')}` }, [{ name: 'laporan.pdf', body: PDF }]);
    expect(cookie.statusCode).toBe(401);
    const anonymous = await upload({}, [{ name: 'laporan.pdf', body: PDF }]);
    expect(anonymous.statusCode).toBe(401);
    const stored = await t.database.db.selectFrom('storedFile').select('id').where('ownerAccountId', '=', citizen.actor.accountId).execute();
    expect(stored).toEqual([]);
  });

  it('refuses a file whose content is not a PDF, JPEG or PNG with 415 and the reason in the person’s language (Indonesian)', async () => {
    const bearer = await token((await createCitizen(t.services)).actor);
    const response = await upload({ authorization: `Bearer ${bearer}` }, [{ name: 'laporan.pdf', body: Buffer.from('MZ\x90\x00 not a pdf at all') }]);
    expect(response.statusCode).toBe(415);
    expect(String(response.headers['content-type'])).toContain('application/problem+json');
    const problem = response.json() as { type: string; invalidParams: { name: string; reason: string }[] };
    expect(problem.type).toBe('/problems/applications.file_wrong_type');
    expect(problem.invalidParams).toEqual([{ name: 'file', reason: 'Berkas yang dipilih harus berjenis PDF, JPG, atau PNG' }]);
  });

  it('refuses an empty file, more than ten files and another part name with 400, keeping none of them', async () => {
    const citizen = await createCitizen(t.services);
    const headers = { authorization: `Bearer ${await token(citizen.actor)}` };
    expect((await upload(headers, [{ name: 'kosong.pdf', body: Buffer.alloc(0) }])).statusCode).toBe(400);
    const eleven = Array.from({ length: 11 }, (_, i) => ({ name: `berkas-${i}.pdf`, body: PDF }));
    const tooMany = await upload(headers, eleven);
    expect(tooMany.statusCode).toBe(400);
    expect((tooMany.json() as { type: string }).type).toBe('/problems/applications.file_too_many');
    expect((await upload(headers, [{ name: 'laporan.pdf', body: PDF, field: 'lampiran' }])).statusCode).toBe(400);
    expect((await upload(headers, [])).statusCode).toBe(400);
    const stored = await t.database.db.selectFrom('storedFile').select('id').where('ownerAccountId', '=', citizen.actor.accountId).execute();
    expect(stored).toEqual([]);
  });

  it('refuses a file above the upload limit with 413', async () => {
    const bearer = await token((await createCitizen(t.services)).actor);
    const big = Buffer.concat([PDF, Buffer.alloc(t.config.uploadMaxBytes)]);
    const response = await upload({ authorization: `Bearer ${bearer}` }, [{ name: 'besar.pdf', body: big }]);
    expect(response.statusCode).toBe(413);
  });

  it('is in the OpenAPI document under the applications tag, taking multipart/form-data', async () => {
    const document = (await t.app.inject({ url: '/api/openapi.json', remoteAddress: nextAddress() })).json() as {
      paths: Record<string, Record<string, { tags?: string[]; requestBody?: { content?: Record<string, unknown> } }>>;
    };
    const operation = document.paths['/api/v1/files']?.post;
    expect(operation?.tags).toEqual(['applications']);
    expect(Object.keys(operation?.requestBody?.content ?? {})).toEqual(['multipart/form-data']);
  });
});
