import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * Envelope encryption with AES-256-GCM. Each subject (a person, an organisation, a document) has its
 * own random data key; the data key is stored wrapped (encrypted) under a master key, whose id is
 * stored beside it, so master keys rotate by re-wrapping data keys and never touch the records.
 * Destroying a subject's data key makes everything encrypted under it unreadable (crypto-shredding).
 */

const IV_BYTES = 12;
const TAG_BYTES = 16;
const FIELD_VERSION = 'v1';

export interface MasterKey {
  /** Short, stable fingerprint of the key, stored beside what it wraps. Not secret. */
  id: string;
  key: Buffer;
}

export function masterKey(key: Buffer): MasterKey {
  if (key.length !== 32) throw new Error('a master key is 32 bytes');
  return { id: createHash('sha256').update('loket-master-key-id').update(key).digest('hex').slice(0, 16), key };
}

function seal(key: Buffer, plaintext: Buffer, aad: string): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]);
}

function open(key: Buffer, sealed: Buffer, aad: string): Buffer {
  if (sealed.length < IV_BYTES + TAG_BYTES) throw new DecryptionError();
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, IV_BYTES));
  decipher.setAAD(Buffer.from(aad, 'utf8'));
  decipher.setAuthTag(sealed.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  try {
    return Buffer.concat([decipher.update(sealed.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
  } catch {
    throw new DecryptionError();
  }
}

export class DecryptionError extends Error {
  constructor() {
    super('ciphertext could not be authenticated');
    this.name = 'DecryptionError';
  }
}

export function newDataKey(): Buffer {
  return randomBytes(32);
}

/** The data key's own id is bound into the wrapping, so a wrapped key cannot be moved to another row. */
export function wrapDataKey(master: MasterKey, dataKeyId: string, dataKey: Buffer): Buffer {
  return seal(master.key, dataKey, `data-key:${dataKeyId}`);
}

export function unwrapDataKey(master: MasterKey, dataKeyId: string, wrapped: Buffer): Buffer {
  return open(master.key, wrapped, `data-key:${dataKeyId}`);
}

/**
 * Encrypts one field. `context` names where the value lives (e.g. `account.nik:<account id>`) and is
 * authenticated, so a ciphertext copied into another row or column fails to decrypt.
 */
export function encryptField(dataKey: Buffer, plaintext: string, context: string): string {
  return `${FIELD_VERSION}.${seal(dataKey, Buffer.from(plaintext, 'utf8'), context).toString('base64url')}`;
}

export function decryptField(dataKey: Buffer, value: string, context: string): string {
  const [version, body] = value.split('.');
  if (version !== FIELD_VERSION || !body) throw new DecryptionError();
  return open(dataKey, Buffer.from(body, 'base64url'), context).toString('utf8');
}
