import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/db.ts';
import { createDataKeyStore } from '../crypto/data-keys.ts';
import { masterKey } from '../crypto/envelope.ts';
import { createFileSystemBlobStore } from './blob-store.ts';
import { FileIntegrityError } from './chunked-cipher.ts';
import { createStorage, type FileStorage, type StoreInput } from './storage.service.ts';
import { insertAccount, leftovers, MARKER, PNG, pdfBytes } from './storage.test-support.ts';

let database: TestDatabase;
let filesDir: string;
let storage: FileStorage;
let owner: string;

beforeAll(async () => {
  database = await createTestDatabase();
  filesDir = await mkdtemp(path.join(os.tmpdir(), 'loket-files-'));
  const dataKeys = createDataKeyStore(database.db, { current: masterKey(randomBytes(32)), previous: [] });
  storage = createStorage({ db: database.db, dataKeys, blobs: createFileSystemBlobStore(filesDir) });
  owner = await insertAccount(database.db);
});

afterAll(async () => {
  await database.drop();
  await rm(filesDir, { recursive: true, force: true });
});

async function* pieces(data: Buffer, size = 16 * 1024) {
  for (let at = 0; at < data.length; at += size) yield data.subarray(at, at + size);
}

function input(overrides: Partial<StoreInput> = {}): StoreInput {
  return { name: 'KTP Siti Rahayu.pdf', uploader: { ownerAccountId: owner }, accept: ['application/pdf', 'image/png'], maxBytes: 1024 * 1024, ...overrides };
}

async function store(data: Buffer, overrides: Partial<StoreInput> = {}) {
  const outcome = await storage.store(pieces(data), input(overrides));
  if (!outcome.ok) throw new Error(`refused: ${outcome.reason}`);
  return outcome.file;
}

async function readAll(fileId: string): Promise<Buffer> {
  const opened = await storage.openFile(fileId);
  const parts: Buffer[] = [];
  for await (const part of opened.stream) parts.push(part as Buffer);
  return Buffer.concat(parts);
}

async function blobPath(fileId: string): Promise<string> {
  const row = await database.db.selectFrom('storedFile').select('blobKey').where('id', '=', fileId).executeTakeFirstOrThrow();
  return path.join(filesDir, row.blobKey.slice(0, 2), row.blobKey);
}

describe('file storage', () => {
  it('round-trips a file byte for byte, with its detected type and sanitized name', async () => {
    const data = pdfBytes(300 * 1024);
    const file = await store(data, { name: 'C:\\Dokumen\\KTP Siti Rahayu.pdf' });
    expect(file).toMatchObject({ name: 'KTP Siti Rahayu.pdf', size: data.length, mediaType: 'application/pdf' });
    const opened = await storage.openFile(file.id);
    expect(opened).toMatchObject({ name: 'KTP Siti Rahayu.pdf', size: data.length, mediaType: 'application/pdf' });
    opened.stream.destroy();
    expect((await readAll(file.id)).equals(data)).toBe(true);
  });

  it('keeps neither the content nor the name in clear, on disk or in the database', async () => {
    const file = await store(pdfBytes(100 * 1024));
    const blob = await readFile(await blobPath(file.id));
    expect(blob.includes(Buffer.from(MARKER))).toBe(false);
    expect(blob.includes(Buffer.from('%PDF'))).toBe(false);
    const row = await database.db.selectFrom('storedFile').selectAll().where('id', '=', file.id).executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain('Siti');
    expect(row.state).toBe('pending');
  });

  it('detects a tampered blob instead of returning altered bytes', async () => {
    const file = await store(pdfBytes(200 * 1024));
    const where = await blobPath(file.id);
    const blob = await readFile(where);
    blob[Math.floor(blob.length / 2)] = (blob[Math.floor(blob.length / 2)] as number) ^ 0x20;
    await writeFile(where, blob);
    await expect(readAll(file.id)).rejects.toBeInstanceOf(FileIntegrityError);
  });

  it('detects a truncated blob, also one cut at a chunk boundary', async () => {
    for (const keep of [(size: number) => size - 100, () => 8 + (12 + 64 * 1024 + 16)]) {
      const file = await store(pdfBytes(200 * 1024));
      const where = await blobPath(file.id);
      const { length } = await readFile(where);
      await truncate(where, keep(length));
      await expect(readAll(file.id)).rejects.toBeInstanceOf(FileIntegrityError);
    }
  });

  it('detects a blob swapped for another file of the same size', async () => {
    const first = await store(pdfBytes(10_000));
    const second = await store(pdfBytes(10_000));
    await writeFile(await blobPath(first.id), await readFile(await blobPath(second.id)));
    await expect(readAll(first.id)).rejects.toBeInstanceOf(FileIntegrityError);
  });

  it('refuses by content, size and emptiness, and then stores nothing', async () => {
    const before = await leftovers(database.db, filesDir);
    const cases: [Buffer, Partial<StoreInput>, string][] = [
      [PNG, { accept: ['application/pdf'] }, 'wrongType'],
      [Buffer.from('MZ\x90\x00 not a pdf'), {}, 'wrongType'],
      [pdfBytes(2048), { maxBytes: 2047 }, 'tooLarge'],
      [Buffer.alloc(0), {}, 'empty'],
    ];
    for (const [data, overrides, reason] of cases) {
      expect(await storage.store(pieces(data, 512), input(overrides))).toEqual({ ok: false, reason });
    }
    expect(await leftovers(database.db, filesDir)).toEqual(before);
  });

  it('accepts a file of exactly the limit', async () => {
    const file = await store(pdfBytes(4096), { maxBytes: 4096 });
    expect(file.size).toBe(4096);
  });

  it('describes files without reading them, and attaches a file only for its owner', async () => {
    const file = await store(PNG, { name: 'foto.pdf' });
    const [described] = await storage.describeFiles([file.id]);
    expect(described).toMatchObject({ id: file.id, name: 'foto.pdf.png', mediaType: 'image/png', state: 'pending', ownerAccountId: owner, uploadedBy: owner });
    const stranger = await insertAccount(database.db);
    await expect(storage.attachFile(file.id, database.db, { ownerAccountId: stranger })).rejects.toMatchObject({ code: 'storage.not_found' });
    await storage.attachFile(file.id, database.db, { ownerAccountId: owner });
    await storage.attachFile(file.id, database.db, { ownerAccountId: owner });
    expect((await storage.describeFiles([file.id]))[0]?.state).toBe('attached');
    await expect(storage.attachFile(crypto.randomUUID())).rejects.toMatchObject({ code: 'storage.not_found' });
  });

  it('records a counter upload with the officer and no owner', async () => {
    const officer = await insertAccount(database.db);
    const file = await store(PNG, { uploader: { uploadedBy: officer } });
    expect((await storage.describeFiles([file.id]))[0]).toMatchObject({ ownerAccountId: null, uploadedBy: officer });
  });

  it('deletes a file with its blob and its data key', async () => {
    const file = await store(PNG);
    const where = await blobPath(file.id);
    const before = await leftovers(database.db, filesDir);
    await storage.deleteFile(file.id);
    expect(await leftovers(database.db, filesDir)).toEqual({ ...before, rows: before.rows - 1, blobs: before.blobs - 1, dataKeys: before.dataKeys - 1 });
    await expect(readFile(where)).rejects.toMatchObject({ code: 'ENOENT' });
    await expect(storage.openFile(file.id)).rejects.toMatchObject({ code: 'storage.not_found' });
  });

  it('purges pending files older than a day, and keeps attached and recent ones', async () => {
    const abandoned = await store(PNG);
    const attachedOld = await store(PNG);
    const recent = await store(PNG);
    await storage.attachFile(attachedOld.id);
    const dayAndAHourAgo = new Date(Date.now() - 25 * 3600 * 1000);
    await database.db.updateTable('storedFile').set({ createdAt: dayAndAHourAgo }).where('id', 'in', [abandoned.id, attachedOld.id]).execute();
    const abandonedBlob = await blobPath(abandoned.id);

    const purged = await storage.purgeAbandonedUploads();

    expect(purged.files).toBeGreaterThanOrEqual(1);
    const remaining = (await storage.describeFiles([abandoned.id, attachedOld.id, recent.id])).map((file) => file.id).sort();
    expect(remaining).toEqual([attachedOld.id, recent.id].sort());
    await expect(readFile(abandonedBlob)).rejects.toMatchObject({ code: 'ENOENT' });
    expect((await readAll(attachedOld.id)).equals(PNG)).toBe(true);
  });
});
