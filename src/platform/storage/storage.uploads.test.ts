import { mkdtemp, readdir, rm } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { type CsrfPair, csrfPair } from '../../../test/security/forms.ts';
import { sendFile } from './storage.download.ts';
import { EXE, insertAccount, JPEG, leftovers, MARKER, multipartBody, type Part, PNG, pdfBytes, waitFor } from './storage.test-support.ts';
import { receiveUploads, type UploadOptions, type UploadRule } from './storage.uploads.ts';

const MiB = 1024 * 1024;
const CEILING = 8 * MiB;
const STRICT: UploadRule = { accept: ['application/pdf', 'image/png'], maxBytesPerFile: MiB, maxFiles: 2 };
// Above the ceiling on purpose: LOKET_UPLOAD_MAX_BYTES still caps it.
const LARGE: UploadRule = { accept: ['application/pdf'], maxBytesPerFile: 20 * MiB, maxFiles: 1 };

let t: TestApp;
let filesDir: string;
let owner: string;
let csrf: CsrfPair;
/** Handlers that have finished, so a test knows when an aborted request is fully processed. */
let settledHandlers = 0;

function uploadRoute(app: FastifyInstance, url: string, rule: UploadRule, extra: Partial<UploadOptions> = {}) {
  app.post(url, { config: { access: 'public', uploads: true } }, async (request, reply) => {
    try {
      const result = await receiveUploads(request, { ...rule, ownerAccountId: owner, ...extra } as UploadOptions);
      if (!result.ok) return reply.code(result.problem.status).send({ problem: result.problem, message: request.t(result.problem.key, result.problem.params) });
      return { files: result.files, fields: result.fields };
    } finally {
      settledHandlers += 1;
    }
  });
}

beforeAll(async () => {
  filesDir = await mkdtemp(path.join(os.tmpdir(), 'loket-uploads-'));
  t = await createTestApp({
    env: { LOKET_FILES_DIR: filesDir, LOKET_UPLOAD_MAX_BYTES: String(CEILING) },
    extend(app) {
      uploadRoute(app, '/test/uploads', STRICT);
      uploadRoute(app, '/test/uploads/large', LARGE);
      uploadRoute(app, '/test/uploads/fields', STRICT, {
        perField: { ktp: { ...STRICT, maxFiles: 1 }, photos: { accept: ['image/jpeg'], maxBytesPerFile: MiB, maxFiles: 3 } },
      });
      app.post('/test/plain', { config: { access: 'public' } }, async () => ({ ok: true }));
      app.get<{ Params: { id: string } }>('/test/files/:id', { config: { access: 'public' } }, async (request, reply) =>
        sendFile(reply, await t.services.storage.openFile(request.params.id)),
      );
    },
  });
  owner = await insertAccount(t.database.db);
  csrf = await csrfPair(t.app);
});

afterAll(async () => {
  await t.close();
  await rm(filesDir, { recursive: true, force: true });
});

function post(url: string, parts: readonly Part[], { token = true, headers = {} }: { token?: boolean; headers?: Record<string, string> } = {}) {
  const { payload, contentType } = multipartBody(token ? [{ name: '_csrf', value: csrf.token }, ...parts] : parts);
  return t.app.inject({ method: 'POST', url, payload, headers: { 'content-type': contentType, cookie: csrf.cookie, 'accept-language': 'en', ...headers } });
}

const pdf = (data: Buffer, filename = 'ktp.pdf'): Part => ({ name: 'ktp', filename, data });
const snapshot = () => leftovers(t.database.db, filesDir);

describe('uploads', () => {
  it('stores an accepted file and returns it with the other form fields', async () => {
    const response = await post('/test/uploads', [{ name: 'note', value: 'halo' }, pdf(pdfBytes(), 'KTP Siti Rahayu.pdf'), { name: 'after', value: 'x' }]);
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.fields).toEqual({ _csrf: csrf.token, note: 'halo', after: 'x' });
    expect(body.files).toEqual([{ id: expect.any(String), name: 'KTP Siti Rahayu.pdf', size: pdfBytes().length, mediaType: 'application/pdf', field: 'ktp' }]);
  });

  it.each([
    ['an EXE renamed .pdf', '/test/uploads', [pdf(EXE, 'ktp.pdf')], 415, 'The selected file must be a PDF or PNG'],
    ['a JPEG where only PDF and PNG are accepted', '/test/uploads', [pdf(JPEG, 'foto.jpg')], 415, 'The selected file must be a PDF or PNG'],
    ['a PNG where only PDF is accepted', '/test/uploads/large', [pdf(PNG, 'scan.pdf')], 415, 'The selected file must be a PDF'],
    ['a file one byte over the field limit', '/test/uploads', [pdf(pdfBytes(MiB + 1))], 413, 'The selected file must be smaller than 1 MB'],
    ['a file over LOKET_UPLOAD_MAX_BYTES', '/test/uploads/large', [pdf(pdfBytes(CEILING + 1))], 413, 'The selected file must be smaller than 8 MB'],
    ['three files where two are allowed', '/test/uploads', [pdf(pdfBytes()), pdf(PNG, 'a.png'), pdf(pdfBytes())], 413, 'You can upload at most 2 files'],
    ['a zero-byte file', '/test/uploads', [pdf(Buffer.alloc(0), 'empty.pdf')], 400, 'The selected file is empty'],
    ['a good file followed by an empty one', '/test/uploads', [pdf(pdfBytes()), pdf(Buffer.alloc(0), 'empty.pdf')], 400, 'The selected file is empty'],
  ])('refuses %s with a clear message and stores nothing', async (_case, url, parts, status, message) => {
    const before = await snapshot();
    const response = await post(url, parts as Part[]);
    expect(response.statusCode).toBe(status);
    expect(response.json().message).toBe(message);
    expect(await snapshot()).toEqual(before);
  });

  it('speaks the applicant’s language', async () => {
    const response = await post('/test/uploads', [pdf(EXE)], { headers: { 'accept-language': 'id' } });
    expect(response.json().message).toBe('Berkas yang dipilih harus berjenis PDF atau PNG');
  });

  it('names the field of the refused file, and refuses files in fields without a rule', async () => {
    const tooMany = await post('/test/uploads/fields', [pdf(pdfBytes()), pdf(pdfBytes())]);
    expect(tooMany.json().problem).toMatchObject({ field: 'ktp', key: 'storage.upload.tooMany', params: { max: 1 } });
    const wrong = await post('/test/uploads/fields', [{ name: 'photos', filename: 'x.jpg', data: PNG }]);
    expect(wrong.json().problem).toMatchObject({ field: 'photos', key: 'storage.upload.wrongType' });
    const before = await snapshot();
    const stray = await post('/test/uploads/fields', [pdf(pdfBytes()), { name: 'other', filename: 'x.pdf', data: pdfBytes() }]);
    expect(stray.statusCode).toBe(400);
    expect(stray.json().problem).toMatchObject({ field: 'other', key: 'storage.upload.unexpected' });
    expect(await snapshot()).toEqual(before);
  });

  it('stores a PNG named .pdf as the PNG it is, when PNG is accepted', async () => {
    const response = await post('/test/uploads', [pdf(PNG, 'scan.pdf')]);
    expect(response.statusCode).toBe(200);
    expect(response.json().files[0]).toMatchObject({ mediaType: 'image/png', name: 'scan.pdf.png' });
  });

  it('skips a file input left empty (a part with no name and no bytes)', async () => {
    const response = await post('/test/uploads', [{ name: 'ktp', filename: '', data: Buffer.alloc(0), type: 'application/octet-stream' }]);
    expect(response.statusCode).toBe(200);
    expect(response.json().files).toEqual([]);
  });

  it.each([
    ['../../etc/passwd.pdf', 'passwd.pdf'],
    ['C:\\x\\y.pdf', 'y.pdf'],
    ['ktp\u0000\u001b\tnama\u202e.pdf', 'ktp nama.pdf'],
    [`${'panjang '.repeat(40)}.pdf`, `${'panjang '.repeat(40).slice(0, 116).trimEnd()}.pdf`],
  ])('sanitizes the name %j and never uses it on disk', async (filename, expected) => {
    const response = await post('/test/uploads', [{ name: 'ktp', filename, data: pdfBytes() }]);
    expect(response.statusCode).toBe(200);
    expect(response.json().files[0].name).toBe(expected);
    const shards = (await readdir(filesDir)).filter((name) => name !== 'tmp');
    expect(shards.every((name) => /^[0-9a-f]{2}$/.test(name))).toBe(true);
  });

  it('round-trips a 5 MB file byte for byte and serves it as a safe download', async () => {
    const data = pdfBytes(5 * 1000 * 1000);
    const uploaded = await post('/test/uploads/large', [pdf(data, 'Akta Kelahiran – Budi ñ.pdf')]);
    expect(uploaded.statusCode).toBe(200);
    const { id } = uploaded.json().files[0];
    const download = await t.app.inject({ url: `/test/files/${id}` });
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(data)).toBe(true);
    expect(download.headers).toMatchObject({
      'content-type': 'application/pdf',
      'content-disposition': `attachment; filename="Akta Kelahiran _ Budi _.pdf"; filename*=UTF-8''Akta%20Kelahiran%20%E2%80%93%20Budi%20%C3%B1.pdf`,
      'x-content-type-options': 'nosniff',
      'cache-control': 'private, no-store',
    });
    const row = await t.database.db.selectFrom('storedFile').select('blobKey').where('id', '=', id).executeTakeFirstOrThrow();
    const { readFile } = await import('node:fs/promises');
    const blob = await readFile(path.join(filesDir, row.blobKey.slice(0, 2), row.blobKey));
    expect(blob.includes(Buffer.from(MARKER))).toBe(false);
  });
});

describe('uploads and CSRF', () => {
  it('refuses a multipart post without a token, before storing anything', async () => {
    const before = await snapshot();
    const response = await post('/test/uploads', [pdf(pdfBytes())], { token: false });
    expect(response.statusCode).toBe(403);
    expect(await snapshot()).toEqual(before);
  });

  it('refuses a token that comes after the file', async () => {
    const before = await snapshot();
    const response = await post('/test/uploads', [pdf(pdfBytes()), { name: '_csrf', value: csrf.token }], { token: false });
    expect(response.statusCode).toBe(403);
    expect(await snapshot()).toEqual(before);
  });

  it('refuses a wrong token and accepts the right one in the x-csrf-token header', async () => {
    const wrong = await post('/test/uploads', [{ name: '_csrf', value: 'forged' }, pdf(pdfBytes())], { token: false });
    expect(wrong.statusCode).toBe(403);
    const header = await post('/test/uploads', [pdf(pdfBytes())], { token: false, headers: { 'x-csrf-token': csrf.token } });
    expect(header.statusCode).toBe(200);
  });

  it('answers 415 to files posted to a route that takes none, and 404 to an unknown address', async () => {
    const before = await snapshot();
    expect((await post('/test/plain', [pdf(pdfBytes())])).statusCode).toBe(415);
    expect((await post('/test/nowhere', [pdf(pdfBytes())], { headers: { 'x-csrf-token': csrf.token } })).statusCode).toBe(404);
    expect(await snapshot()).toEqual(before);
  });

  it('answers 400, not 500, to a malformed multipart body', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/test/uploads',
      payload: 'not multipart at all',
      headers: { 'content-type': 'multipart/form-data', cookie: csrf.cookie, 'x-csrf-token': csrf.token },
    });
    expect(response.statusCode).toBe(400);
  });
});

describe('uploads over a real connection', () => {
  let port: number;

  beforeAll(async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    port = (t.app.server.address() as AddressInfo).port;
  });

  it('leaves no blob, row or key behind when the client aborts mid-body', async () => {
    const before = await snapshot();
    const { payload, contentType } = multipartBody([{ name: '_csrf', value: csrf.token }, pdf(pdfBytes(4 * MiB))]);
    const handled = settledHandlers;
    const socket = net.connect(port, '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.write(
      `POST /test/uploads/large HTTP/1.1\r\nHost: localhost\r\nCookie: ${csrf.cookie}\r\nContent-Type: ${contentType}\r\nContent-Length: ${payload.length}\r\n\r\n`,
    );
    socket.write(payload.subarray(0, MiB));
    // The upload is under way once its temporary blob exists.
    await waitFor(async () => (await readdir(path.join(filesDir, 'tmp')).catch(() => [])).length > 0);
    socket.destroy();
    await waitFor(() => settledHandlers > handled);
    expect(await snapshot()).toEqual(before);
  });

  it('drains a refused body so that the connection carries the next request', async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const send = (method: string, url: string, body?: { payload: Buffer; contentType: string }) =>
      new Promise<{ status: number; reused: boolean }>((resolve, reject) => {
        const request = http.request({
          host: '127.0.0.1',
          port,
          method,
          path: url,
          agent,
          headers: body ? { 'content-type': body.contentType, cookie: csrf.cookie } : {},
        });
        request.on('response', (response) => {
          response.resume();
          response.on('end', () => resolve({ status: response.statusCode ?? 0, reused: request.reusedSocket }));
        });
        request.on('error', reject);
        request.end(body?.payload);
      });
    try {
      const refused = await send('POST', '/test/uploads', multipartBody([{ name: '_csrf', value: csrf.token }, pdf(pdfBytes(3 * MiB))]));
      expect(refused.status).toBe(413);
      const next = await send('GET', '/healthz');
      expect(next).toEqual({ status: 200, reused: true });
    } finally {
      agent.destroy();
    }
  });
});
