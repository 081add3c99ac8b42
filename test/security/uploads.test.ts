import { readdir } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCitizen } from '../../src/modules/applications/applications.test-support.ts';
import type { SignedInActor } from '../../src/platform/auth/actor.ts';
import { createTestApp, sessionTokenFor, type TestApp } from '../helpers/app.ts';

// Hostile uploads against POST /api/v1/files (the same receiveUploads as every HTML form with a file
// field): each refused with a clear 4xx in the person's language, and nothing of it stored — no row,
// no blob. Files that are what they claim to be, under a hostile name or a lying declared type, are
// kept with a safe name and the type their content shows.

const LIMIT = 64 * 1024;
const PDF = Buffer.from('%PDF-1.4\n% ktp\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const JPEG_SOI = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, ...Buffer.from('JFIF\0'), 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00]);

/** A PNG header declaring `width` × `height` pixels, with one tiny (bogus) data chunk after it. */
function png(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(25);
  ihdr.writeUInt32BE(13, 0);
  ihdr.write('IHDR', 4, 'latin1');
  ihdr.writeUInt32BE(width, 8);
  ihdr.writeUInt32BE(height, 12);
  ihdr.set([8, 6, 0, 0, 0], 16);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), ihdr, Buffer.from('\0\0\0\0IDAT\0\0\0\0')]);
}

/** A JPEG whose baseline frame header declares `width` × `height`. */
function jpeg(width: number, height: number): Buffer {
  const sof = Buffer.from([0xff, 0xc0, 0x00, 0x11, 0x08, 0, 0, 0, 0, 0x03, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]);
  sof.writeUInt16BE(height, 5);
  sof.writeUInt16BE(width, 7);
  return Buffer.concat([JPEG_SOI, sof, Buffer.from([0xff, 0xd9])]);
}

interface Part {
  name: string;
  body: Buffer;
  type?: string;
  /** The raw filename parameter, for names only the extended (RFC 5987) form can carry. */
  disposition?: string;
}

let t: TestApp;
let address = 0;

beforeAll(async () => {
  t = await createTestApp({ env: { LOKET_UPLOAD_MAX_BYTES: String(LIMIT) } });
}, 60_000);

afterAll(async () => t?.close());

async function bearerFor(locale: 'id' | 'en' = 'id'): Promise<{ actor: SignedInActor; bearer: string }> {
  const { actor } = await createCitizen(t.services);
  if (locale === 'en') await t.services.accounts.setLocale(actor, 'en');
  return { actor, bearer: await sessionTokenFor(t.services, { accountId: actor.accountId, kind: 'citizen' }, 'api') };
}

function upload(bearer: string, parts: Part[]) {
  const boundary = `----loket${crypto.randomUUID()}`;
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const disposition = part.disposition ?? `filename="${part.name}"`;
    chunks.push(
      Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="file"; ${disposition}\r\ncontent-type: ${part.type ?? 'application/pdf'}\r\n\r\n`),
      part.body,
      Buffer.from('\r\n'),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  address += 1;
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/files',
    headers: { authorization: `Bearer ${bearer}`, 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: Buffer.concat(chunks),
    remoteAddress: `10.77.${address >> 8}.${address & 255}`,
  });
}

/** Rows and blobs on disk: a refusal must change neither. */
async function stored(): Promise<{ rows: number; blobs: number }> {
  const { rows } = await t.database.db
    .selectFrom('storedFile')
    .select((eb) => eb.fn.countAll<number>().as('rows'))
    .executeTakeFirstOrThrow();
  let blobs = 0;
  for (const shard of await readdir(t.config.filesDir).catch(() => [] as string[])) {
    if (/^[0-9a-f]{2}$/.test(shard)) blobs += (await readdir(`${t.config.filesDir}/${shard}`)).length;
  }
  return { rows: Number(rows), blobs };
}

interface Refusal {
  case: string;
  parts: Part[];
  status: number;
  code: string;
  /** The localized reason, Indonesian (the default). */
  reason: string | RegExp;
}

const many = (count: number): Part[] => Array.from({ length: count }, (_, i) => ({ name: `lampiran-${i}.pdf`, body: PDF }));

const REFUSALS: Refusal[] = [
  {
    case: 'an HTML page with a script, named and declared a PDF',
    parts: [{ name: 'surat.pdf', body: Buffer.from('<!doctype html><html><script>fetch("/api/v1/me")</script></html>') }],
    status: 415,
    code: 'applications.file_wrong_type',
    reason: 'Berkas yang dipilih harus berjenis PDF, JPG, atau PNG',
  },
  {
    case: 'a Windows program whose extension says JPEG',
    parts: [{ name: 'foto.jpg', type: 'image/jpeg', body: Buffer.concat([Buffer.from('MZ\x90\x00\x03'), Buffer.alloc(200)]) }],
    status: 415,
    code: 'applications.file_wrong_type',
    reason: /harus berjenis/,
  },
  {
    case: 'an SVG with a script, named and declared a PNG',
    parts: [{ name: 'ttd.png', type: 'image/png', body: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>') }],
    status: 415,
    code: 'applications.file_wrong_type',
    reason: /harus berjenis/,
  },
  {
    case: 'a PDF with a script placed before its signature (browsers sniff HTML there)',
    parts: [{ name: 'ganda.pdf', body: Buffer.concat([Buffer.from('<script>alert(1)</script>\n'), PDF]) }],
    status: 415,
    code: 'applications.file_wrong_type',
    reason: /harus berjenis/,
  },
  {
    case: 'a PNG declaring 100 000 × 100 000 pixels (a pixel flood)',
    parts: [{ name: 'bom.png', type: 'image/png', body: png(100_000, 100_000) }],
    status: 413,
    code: 'applications.file_image_too_large',
    reason: 'Gambar yang dipilih terlalu besar: paling banyak 50 megapiksel',
  },
  {
    case: 'a JPEG declaring 65 535 × 65 535 pixels',
    parts: [{ name: 'bom.jpg', type: 'image/jpeg', body: jpeg(65_535, 65_535) }],
    status: 413,
    code: 'applications.file_image_too_large',
    reason: /terlalu besar/,
  },
  {
    case: 'a PNG declaring no pixels at all',
    parts: [{ name: 'nol.png', type: 'image/png', body: png(0, 10) }],
    status: 413,
    code: 'applications.file_image_too_large',
    reason: /terlalu besar/,
  },
  {
    case: 'a zero-byte file',
    parts: [{ name: 'kosong.pdf', body: Buffer.alloc(0) }],
    status: 400,
    code: 'applications.file_empty',
    reason: 'Berkas yang dipilih kosong',
  },
  {
    case: 'a file one byte over the limit',
    parts: [{ name: 'besar.pdf', body: Buffer.concat([PDF, Buffer.alloc(LIMIT + 1 - PDF.length, 0x20)]) }],
    status: 413,
    code: 'applications.file_too_large',
    reason: 'Berkas yang dipilih harus lebih kecil dari 64 KB',
  },
  {
    case: 'eleven files where ten are allowed',
    parts: many(11),
    status: 400,
    code: 'applications.file_too_many',
    reason: 'Anda hanya dapat mengunggah paling banyak 10 berkas',
  },
  {
    case: 'a good file followed by a bad one (the good one is not kept either)',
    parts: [
      { name: 'baik.pdf', body: PDF },
      { name: 'buruk.pdf', body: Buffer.from('#!/bin/sh\nrm -rf /\n') },
    ],
    status: 415,
    code: 'applications.file_wrong_type',
    reason: /harus berjenis/,
  },
];

describe('hostile uploads are refused with a clear, localized 4xx and nothing stored', () => {
  for (const refusal of REFUSALS) {
    it(refusal.case, async () => {
      const { bearer } = await bearerFor();
      const before = await stored();
      const response = await upload(bearer, refusal.parts);
      expect(response.statusCode, response.body).toBe(refusal.status);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      const problem = response.json() as { code?: string; invalidParams: { name: string; reason: string }[] };
      expect(problem.invalidParams).toHaveLength(1);
      expect(problem.invalidParams[0]?.name).toBe('file');
      expect(problem.invalidParams[0]?.reason).toMatch(refusal.reason);
      expect(JSON.stringify(problem)).toContain(refusal.code);
      expect(await stored()).toEqual(before);
    });
  }

  it('gives the reason in English to a person who chose English', async () => {
    const { bearer } = await bearerFor('en');
    const response = await upload(bearer, [{ name: 'bom.png', type: 'image/png', body: png(100_000, 100_000) }]);
    expect(response.statusCode).toBe(413);
    expect((response.json() as { invalidParams: { reason: string }[] }).invalidParams[0]?.reason).toBe(
      'The selected image is too large: at most 50 megapixels',
    );
  });
});

describe('files that are what they are, under hostile names or lying declared types', () => {
  it('takes a file of exactly the limit', async () => {
    const { bearer } = await bearerFor();
    const response = await upload(bearer, [{ name: 'pas.pdf', body: Buffer.concat([PDF, Buffer.alloc(LIMIT - PDF.length, 0x20)]) }]);
    expect(response.statusCode, response.body).toBe(201);
  });

  it('keeps the type the content shows, not the declared one, and fixes the extension', async () => {
    const { bearer } = await bearerFor();
    const response = await upload(bearer, [{ name: 'scan.png', type: 'image/png', body: PDF }]);
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json()).toMatchObject({ items: [{ name: 'scan.png.pdf', mediaType: 'application/pdf' }] });
  });

  it('takes an ordinary photo size and a JPEG with a script appended as an image, never as a page', async () => {
    const { bearer } = await bearerFor();
    const withScript = Buffer.concat([jpeg(4000, 3000), Buffer.from('<script>alert(document.cookie)</script>')]);
    const response = await upload(bearer, [
      { name: 'foto.jpg', type: 'text/html', body: withScript },
      { name: 'layar.png', type: 'image/png', body: png(1920, 1080) },
    ]);
    expect(response.statusCode, response.body).toBe(201);
    // Served later only as image/jpeg with nosniff, attachment and a sandboxing CSP (storage.download.ts).
    expect(response.json()).toMatchObject({ items: [{ mediaType: 'image/jpeg' }, { mediaType: 'image/png' }] });
  });

  it('keeps only a safe display name: no path, no control or direction characters', async () => {
    const { bearer } = await bearerFor();
    const hostile: [Part, string][] = [
      [{ name: '', disposition: 'filename="../../../etc/passwd.pdf"', body: PDF }, 'passwd.pdf'],
      [{ name: '', disposition: 'filename="C:\\\\Windows\\\\system32\\\\ktp.pdf"', body: PDF }, 'ktp.pdf'],
      [{ name: '', disposition: "filename*=UTF-8''ktp%E2%80%AEfdp.exe", body: PDF }, 'ktpfdp.exe.pdf'],
      [{ name: '', disposition: "filename*=UTF-8''surat%00%07%1B%5B31m.pdf", body: PDF }, 'surat[31m.pdf'],
      [{ name: '', disposition: 'filename="...pdf"', body: PDF }, 'pdf.pdf'],
    ];
    const response = await upload(
      bearer,
      hostile.map(([part]) => part),
    );
    expect(response.statusCode, response.body).toBe(201);
    const names = (response.json() as { items: { name: string }[] }).items.map((item) => item.name);
    expect(names).toEqual(hostile.map(([, name]) => name));
  });
});
