import type { Generated } from 'kysely';
import type { Timestamp } from '../db/column-types.ts';
import type { MediaType } from './media-type.ts';

// Tables owned by the storage module, as Kysely sees them (camelCase). Keep in step with
// migrations/0009_files.sql.

export type StoredFileState = 'pending' | 'attached';

export interface StoredFileTable {
  id: string;
  ownerAccountId: string | null;
  uploadedBy: string;
  state: Generated<StoredFileState>;
  mediaType: MediaType;
  sizeBytes: number;
  /** SHA-256 (hex) of the plaintext. */
  sha256: string;
  /** SHA-256 (hex) of the ciphertext: the blob's address. */
  blobKey: string;
  dataKeyId: string;
  nameEnc: string;
  createdAt: Generated<Date>;
  attachedAt: Timestamp | null;
}

export interface StorageTables {
  storedFile: StoredFileTable;
}
