import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BlobNotFoundError, type BlobStore, createFileSystemBlobStore } from './blob-store.ts';

let root: string;
let store: BlobStore;

beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'loket-blobs-'));
  store = createFileSystemBlobStore(root);
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

async function* from(...parts: Buffer[]) {
  for (const part of parts) yield part;
}

async function read(key: string): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of await store.get(key)) parts.push(part as Buffer);
  return Buffer.concat(parts);
}

describe('filesystem blob store', () => {
  it('stores content under its SHA-256, in a folder named by the first two hex digits', async () => {
    const content = Buffer.from('encrypted bytes');
    const { key, size } = await store.put(from(content.subarray(0, 4), content.subarray(4)));
    expect(key).toBe(createHash('sha256').update(content).digest('hex'));
    expect(size).toBe(content.length);
    expect(await readFile(path.join(root, key.slice(0, 2), key))).toEqual(content);
    expect(await read(key)).toEqual(content);
  });

  it('leaves nothing, not even a temporary file, when the content stream fails half-way', async () => {
    async function* failing() {
      yield Buffer.from('first half');
      throw new Error('client went away');
    }
    await expect(store.put(failing())).rejects.toThrow('client went away');
    expect(await readdir(path.join(root, 'tmp'))).toEqual([]);
    const keys: string[] = [];
    for await (const key of store.list()) keys.push(key);
    expect(keys).toEqual([]);
  });

  it('lists and deletes blobs; deleting a missing blob is fine', async () => {
    const { key } = await store.put(from(Buffer.from('a')));
    const keys: string[] = [];
    for await (const listed of store.list()) keys.push(listed);
    expect(keys).toEqual([key]);
    await store.delete(key);
    await store.delete(key);
    await expect(store.get(key)).rejects.toBeInstanceOf(BlobNotFoundError);
  });

  it('refuses keys that are not hex digests before touching the disk', async () => {
    await expect(store.get('../../etc/passwd')).rejects.toThrow('invalid blob key');
    await expect(store.delete(`${'a'.repeat(63)}/`)).rejects.toThrow('invalid blob key');
  });

  it('sweeps temporary files that a crash left behind, and only old ones', async () => {
    await store.put(from(Buffer.from('a')));
    const old = path.join(root, 'tmp', 'crashed.part');
    const fresh = path.join(root, 'tmp', 'writing-now.part');
    await writeFile(old, 'partial');
    await writeFile(fresh, 'partial');
    const dayAgo = new Date(Date.now() - 25 * 3600 * 1000);
    await utimes(old, dayAgo, dayAgo);
    expect(await store.sweepIncomplete(new Date(Date.now() - 24 * 3600 * 1000))).toBe(1);
    expect(await readdir(path.join(root, 'tmp'))).toEqual(['writing-now.part']);
  });
});
