import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import type { DataKeyStore } from '../crypto/data-keys.ts';
import { decryptField, encryptField } from '../crypto/envelope.ts';
import type { Database } from '../db/database.ts';
import { BlobNotFoundError, type BlobStore } from './blob-store.ts';
import { decryptChunks, encryptChunks, FileIntegrityError } from './chunked-cipher.ts';
import { sanitizeFileName } from './file-name.ts';
import { declaredImageSize, IMAGE_HEADER_BYTES, isImageTooLarge } from './image-dimensions.ts';
import { type MediaType, sniffMediaType } from './media-type.ts';
import { storageErrors } from './storage.errors.ts';
import { createStorageRepository, type StoredFileRow } from './storage.repository.ts';

/** Whose file it is: a person's own upload, or a counter officer's for a walk-in applicant (owner null). */
export type Uploader = { ownerAccountId: string; uploadedBy?: string } | { ownerAccountId?: null; uploadedBy: string };

export interface StoredFileSummary {
  id: string;
  /** Sanitized: safe to show and to offer on download. */
  name: string;
  size: number;
  mediaType: MediaType;
}

export interface StoredFileInfo extends StoredFileSummary {
  state: 'pending' | 'attached';
  ownerAccountId: string | null;
  uploadedBy: string;
  createdAt: Date;
}

export interface OpenedFile extends StoredFileSummary {
  /** The plaintext; errors (FileIntegrityError) instead of yielding bytes that were altered or cut. */
  stream: Readable;
}

export type StoreRefusal = 'empty' | 'wrongType' | 'tooLarge' | 'imageTooLarge';
export type StoreOutcome = { ok: true; file: StoredFileSummary } | { ok: false; reason: StoreRefusal };

export interface StoreInput {
  /** The name the client gave; sanitized here, never used on disk. */
  name: string;
  uploader: Uploader;
  accept: readonly MediaType[];
  maxBytes: number;
}

const PENDING_LIFETIME_MS = 24 * 3600 * 1000;

class TooLarge extends Error {}

/** No space left on the file store's disk, or the quota of its user is used up. */
const isDiskFull = (error: unknown) => ['ENOSPC', 'EDQUOT'].includes((error as NodeJS.ErrnoException | undefined)?.code ?? '');

const nameContext = (fileId: string) => `stored_file.name:${fileId}`;

/**
 * Encrypted, content-addressed files. Each file has its own data key; its body is encrypted in
 * authenticated chunks (chunked-cipher.ts) and kept in a blob store under the SHA-256 of the
 * ciphertext; its name is encrypted too. A file is pending until a module attaches it to a record;
 * abandoned pending files are purged. Access control is the caller's: this service never decides who
 * may read a file.
 */
export function createStorage({ db, dataKeys, blobs }: { db: Database; dataKeys: DataKeyStore; blobs: BlobStore }) {
  const repository = createStorageRepository(db);

  /** Deletes a blob unless another row still names it (content addresses could, in principle, repeat). */
  async function releaseBlob(blobKey: string) {
    if (!(await repository.isBlobReferenced(blobKey))) await blobs.delete(blobKey);
  }

  function summary(row: StoredFileRow, key: Buffer): StoredFileSummary {
    return { id: row.id, name: decryptField(key, row.nameEnc, nameContext(row.id)), size: row.sizeBytes, mediaType: row.mediaType };
  }

  return {
    /**
     * Stores one file from a stream, checking its type by magic bytes, its size as it arrives, and
     * refusing empty files. A refusal stores nothing (the blob, the data key and the row are all
     * left out or removed). The file starts pending.
     * @throws what the source throws (a client that went away), after removing what was written.
     * @throws AppError storage.full (507) when the blob store's disk is full, after the same clean-up.
     */
    async store(source: AsyncIterable<Buffer>, input: StoreInput): Promise<StoreOutcome> {
      const iterator = source[Symbol.asyncIterator]();
      const head: Buffer[] = [];
      let headBytes = 0;
      let ended = false;
      // Enough of the start to find the type and, for an image, the size it declares.
      while (headBytes < IMAGE_HEADER_BYTES) {
        const next = await iterator.next();
        if (next.done) {
          ended = true;
          break;
        }
        head.push(next.value);
        headBytes += next.value.length;
      }
      const stop = async () => {
        if (!ended) await iterator.return?.();
      };
      if (headBytes === 0) return { ok: false, reason: 'empty' };
      const mediaType = sniffMediaType(Buffer.concat(head));
      if (!mediaType || !input.accept.includes(mediaType)) {
        await stop();
        return { ok: false, reason: 'wrongType' };
      }
      if (isImageTooLarge(declaredImageSize(Buffer.concat(head), mediaType))) {
        await stop();
        return { ok: false, reason: 'imageTooLarge' };
      }

      const id = crypto.randomUUID();
      const dataKey = await dataKeys.create();
      const hash = createHash('sha256');
      let size = 0;
      const count = (part: Buffer) => {
        size += part.length;
        if (size > input.maxBytes) throw new TooLarge();
        hash.update(part);
        return part;
      };
      async function* plaintext() {
        try {
          for (const part of head) yield count(part);
          while (!ended) {
            const next = await iterator.next();
            if (next.done) ended = true;
            else yield count(next.value);
          }
        } finally {
          await stop();
        }
      }

      let blobKey: string;
      try {
        blobKey = (await blobs.put(encryptChunks(plaintext(), dataKey.key, id))).key;
      } catch (error) {
        await dataKeys.destroy(dataKey.id);
        if (error instanceof TooLarge) return { ok: false, reason: 'tooLarge' };
        if (isDiskFull(error)) throw storageErrors.full();
        throw error;
      }

      const name = sanitizeFileName(input.name, mediaType);
      try {
        await repository.insert({
          id,
          ownerAccountId: input.uploader.ownerAccountId ?? null,
          uploadedBy: input.uploader.uploadedBy ?? (input.uploader.ownerAccountId as string),
          mediaType,
          sizeBytes: size,
          sha256: hash.digest('hex'),
          blobKey,
          dataKeyId: dataKey.id,
          nameEnc: encryptField(dataKey.key, name, nameContext(id)),
        });
      } catch (error) {
        await releaseBlob(blobKey).catch(() => {});
        await dataKeys.destroy(dataKey.id).catch(() => {});
        throw error;
      }
      return { ok: true, file: { id, name, size, mediaType } };
    },

    /**
     * A file's decrypted content and what to serve it as. The caller has checked that the actor may
     * read it (and records the access).
     * @throws AppError storage.not_found when there is no such file.
     * @throws FileIntegrityError when its blob is missing; tampering or truncation surfaces as a
     *   FileIntegrityError on the stream, before any unauthenticated byte is released.
     */
    async openFile(fileId: string): Promise<OpenedFile> {
      const row = await repository.find(fileId);
      if (!row) throw storageErrors.notFound();
      const key = await dataKeys.open(row.dataKeyId);
      const blob = await blobs.get(row.blobKey).catch((error: unknown) => {
        throw error instanceof BlobNotFoundError ? new FileIntegrityError('blob missing') : error;
      });
      const plaintext = decryptChunks(blob, key, row.id, { sha256: row.sha256, size: row.sizeBytes });
      return { ...summary(row, key), stream: Readable.from(plaintext, { objectMode: false }) };
    },

    /** Name, size, type, state and owner of files, without their content (for lists of attachments). */
    async describeFiles(fileIds: readonly string[]): Promise<StoredFileInfo[]> {
      const rows = await repository.findMany(fileIds);
      const described: StoredFileInfo[] = [];
      for (const row of rows) {
        const key = await dataKeys.open(row.dataKeyId);
        described.push({ ...summary(row, key), state: row.state, ownerAccountId: row.ownerAccountId, uploadedBy: row.uploadedBy, createdAt: row.createdAt });
      }
      return described;
    },

    /**
     * Keeps a file: it stops being an abandoned upload. Idempotent. Pass `expected` (the uploader the
     * record belongs to) so that a file id posted by someone else is refused.
     * @throws AppError storage.not_found when there is no such file, or not of the expected owner.
     */
    async attachFile(fileId: string, trx: Database = db, expected: { ownerAccountId?: string; uploadedBy?: string } = {}): Promise<void> {
      if (!(await repository.attach(fileId, expected, trx))) throw storageErrors.notFound();
    },

    /** Removes a file: row, data key (what remains anywhere is unreadable) and blob. Missing files are ignored. */
    async deleteFile(fileId: string): Promise<void> {
      const removed = await db.transaction().execute(async (trx) => {
        const row = await repository.delete(fileId, trx);
        if (row) await dataKeys.destroy(row.dataKeyId, trx);
        return row;
      });
      if (removed) await releaseBlob(removed.blobKey);
    },

    /**
     * Deletes pending files older than a day (uploads never attached: a form left half-way) with
     * their blobs and keys, and what interrupted writes left in the blob store. For a periodic job;
     * safe on several nodes at once.
     */
    async purgeAbandonedUploads({
      now = new Date(),
      batchSize = 500,
    }: {
      now?: Date;
      batchSize?: number;
    } = {}): Promise<{ files: number; incomplete: number }> {
      const cutoff = new Date(now.getTime() - PENDING_LIFETIME_MS);
      let files = 0;
      for (;;) {
        const removed = await db.transaction().execute(async (trx) => {
          const rows = await repository.deletePendingBefore(cutoff, batchSize, trx);
          for (const row of rows) await dataKeys.destroy(row.dataKeyId, trx);
          return rows;
        });
        for (const row of removed) await releaseBlob(row.blobKey);
        files += removed.length;
        if (removed.length < batchSize) break;
      }
      const incomplete = await blobs.sweepIncomplete(cutoff);
      return { files, incomplete };
    },
  };
}

export type FileStorage = ReturnType<typeof createStorage>;
