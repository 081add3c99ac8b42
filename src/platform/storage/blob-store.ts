import { createHash } from 'node:crypto';
import { type FileHandle, mkdir, open, readdir, rename, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';

/**
 * Where encrypted file bodies live, by content address (the SHA-256 of the stored bytes). Small on
 * purpose, so that an S3-compatible store can stand beside the filesystem one.
 */
export interface BlobStore {
  /** Stores the bytes; nothing is visible under the returned key unless all of them were stored. */
  put(content: AsyncIterable<Buffer>): Promise<{ key: string; size: number }>;
  /** @throws BlobNotFoundError when nothing is stored under the key. */
  get(key: string): Promise<Readable>;
  /** Removes the blob; removing a missing blob is not an error. */
  delete(key: string): Promise<void>;
  /** Every stored key (maintenance and tests). */
  list(): AsyncIterable<string>;
  /** Removes what interrupted writes left before `before` (a crash between write and rename). */
  sweepIncomplete(before: Date): Promise<number>;
}

export class BlobNotFoundError extends Error {
  constructor() {
    super('blob not found');
    this.name = 'BlobNotFoundError';
  }
}

const KEY = /^[0-9a-f]{64}$/;

function checkedKey(key: string): string {
  // Keys reach paths: anything but a hex digest (say "../x") is refused before touching the disk.
  if (!KEY.test(key)) throw new Error('invalid blob key');
  return key;
}

async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Blobs as files under `root/<first two hex digits>/<key>`. A blob is written to `root/tmp/`, synced,
 * then renamed into place (same filesystem, so the rename is atomic) and its folder synced: a crash or
 * an aborted upload never leaves a partial blob under a final name.
 */
export function createFileSystemBlobStore(root: string): BlobStore {
  const tmpDir = path.join(root, 'tmp');
  const pathOf = (key: string) => path.join(root, checkedKey(key).slice(0, 2), key);

  return {
    async put(content) {
      await mkdir(tmpDir, { recursive: true, mode: 0o700 });
      const tmpPath = path.join(tmpDir, `${crypto.randomUUID()}.part`);
      const hash = createHash('sha256');
      let size = 0;
      let handle: FileHandle | undefined = await open(tmpPath, 'wx', 0o600);
      try {
        for await (const part of content) {
          hash.update(part);
          size += part.length;
          await handle.write(part);
        }
        await handle.sync();
        await handle.close();
        handle = undefined;
        const key = hash.digest('hex');
        const finalPath = pathOf(key);
        await mkdir(path.dirname(finalPath), { recursive: true, mode: 0o700 });
        await rename(tmpPath, finalPath);
        await syncDirectory(path.dirname(finalPath));
        return { key, size };
      } catch (error) {
        await handle?.close().catch(() => {});
        await unlink(tmpPath).catch(() => {});
        throw error;
      }
    },

    async get(key) {
      try {
        const handle = await open(pathOf(key), 'r');
        return handle.createReadStream();
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new BlobNotFoundError();
        throw error;
      }
    },

    async delete(key) {
      await unlink(pathOf(key)).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'ENOENT') throw error;
      });
    },

    async *list() {
      const shards = await readdir(root).catch(() => [] as string[]);
      for (const shard of shards.filter((name) => /^[0-9a-f]{2}$/.test(name)).sort()) {
        for (const name of (await readdir(path.join(root, shard))).sort()) if (KEY.test(name) && name.startsWith(shard)) yield name;
      }
    },

    async sweepIncomplete(before) {
      let removed = 0;
      for (const name of await readdir(tmpDir).catch(() => [] as string[])) {
        const file = path.join(tmpDir, name);
        const info = await stat(file).catch(() => undefined);
        if (info && info.mtime < before) {
          await unlink(file).catch(() => {});
          removed += 1;
        }
      }
      return removed;
    },
  };
}
