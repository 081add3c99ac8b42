// Test fixtures for the storage tests: tiny files of each type, multipart bodies, and a count of
// everything an upload can leave behind (rows, blobs, unfinished writes, data keys).
import { randomBytes } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import type { Database } from '../db/database.ts';
import { createFileSystemBlobStore } from './blob-store.ts';

export const MARKER = 'SITI-RAHAYU-3173042501900001';

/** A small valid PDF whose text carries MARKER, padded to `size` bytes with a comment when asked. */
export function pdfBytes(size = 0): Buffer {
  const head = `%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n% ${MARKER}\n`;
  const tail = 'trailer << /Root 1 0 R >>\n%%EOF\n';
  const padding = Math.max(0, size - head.length - tail.length);
  // Random padding: a repeated byte would hide chunk mix-ups in round-trip tests.
  const filler = Buffer.from(
    randomBytes(Math.ceil(padding / 2))
      .toString('hex')
      .slice(0, padding),
    'latin1',
  );
  return Buffer.concat([Buffer.from(head, 'latin1'), filler, Buffer.from(tail, 'latin1')]);
}

/** A 1×1 PNG. */
export const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');

/** A 1×1 JPEG. */
export const JPEG = Buffer.from(
  '/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////wgALCAABAAEBAREA/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPxA=',
  'base64',
);

/** The start of a Windows program: what a renamed "ktp.pdf" may really be. */
export const EXE = Buffer.concat([
  Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00]),
  Buffer.from('This program cannot be run in DOS mode.', 'latin1'),
]);

export type Part = { name: string; value: string } | { name: string; filename: string; data: Buffer; type?: string };

/** A multipart/form-data body as a browser sends it, parts in the order given. */
export function multipartBody(parts: readonly Part[]): { payload: Buffer; contentType: string } {
  const boundary = `----LoketTest${randomBytes(8).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const part of parts) {
    if ('value' in part) {
      chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"\r\n\r\n${part.value}\r\n`, 'utf8'));
      continue;
    }
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"; filename="${part.filename}"\r\nContent-Type: ${part.type ?? 'application/pdf'}\r\n\r\n`,
        'utf8',
      ),
      part.data,
      Buffer.from('\r\n'),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** A staff account row with placeholder values: stored files must name an uploader. */
export async function insertAccount(db: Database): Promise<string> {
  const id = crypto.randomUUID();
  const key = await db
    .insertInto('dataKey')
    .values({ masterKeyId: 'test', wrapped: Buffer.alloc(60) })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('account')
    .values({ id, kind: 'staff', dataKeyId: key.id, fullNameEnc: 'x', emailIndex: `storage-test-${id}`, passwordHash: 'x' })
    .execute();
  return id;
}

export interface Leftovers {
  rows: number;
  blobs: number;
  unfinished: number;
  dataKeys: number;
}

/** Everything an upload writes; equal before and after a refused or interrupted upload. */
export async function leftovers(db: Database, filesDir: string): Promise<Leftovers> {
  const count = async (table: 'storedFile' | 'dataKey') =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  let blobs = 0;
  for await (const _ of createFileSystemBlobStore(filesDir).list()) blobs += 1;
  const unfinished = (await readdir(path.join(filesDir, 'tmp')).catch(() => [])).length;
  return { rows: await count('storedFile'), blobs, unfinished, dataKeys: await count('dataKey') };
}

export async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
