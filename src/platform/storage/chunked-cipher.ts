import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * The encrypted form of a file: AES-256-GCM in chunks, so that a file of any size streams in and out
 * in constant memory and every byte handed to a reader has been authenticated first.
 *
 *   header  "LKF" 0x01, chunk size (uint32 BE)
 *   chunk*  nonce (12) | ciphertext | tag (16)
 *
 * Every chunk but the last holds exactly `chunk size` bytes of plaintext. Each chunk's associated data
 * binds the header, the file id, the chunk's index and whether it is the last: chunks cannot be
 * reordered, moved to another file, or dropped from the end (the new last chunk was not sealed as last).
 */

const MAGIC = Buffer.from([0x4c, 0x4b, 0x46, 0x01]);
const HEADER_BYTES = 8;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
export const DEFAULT_CHUNK_BYTES = 64 * 1024;
const MAX_CHUNK_BYTES = 16 * 1024 * 1024;

/** A blob that was altered, cut short or belongs to another file: its bytes are never released. */
export class FileIntegrityError extends Error {
  constructor(detail: string) {
    super(`stored file failed its integrity check: ${detail}`);
    this.name = 'FileIntegrityError';
  }
}

function header(chunkBytes: number): Buffer {
  const value = Buffer.alloc(HEADER_BYTES);
  MAGIC.copy(value);
  value.writeUInt32BE(chunkBytes, 4);
  return value;
}

function associatedData(head: Buffer, fileId: string, index: number, last: boolean): Buffer {
  const position = Buffer.alloc(5);
  position.writeUInt32BE(index, 0);
  position[4] = last ? 1 : 0;
  return Buffer.concat([head, Buffer.from(fileId, 'utf8'), position]);
}

function seal(key: Buffer, aad: Buffer, plaintext: Buffer): Buffer {
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(aad);
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([nonce, body, cipher.getAuthTag()]);
}

function open(key: Buffer, aad: Buffer, sealed: Buffer): Buffer {
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, NONCE_BYTES));
  decipher.setAAD(aad);
  decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
  try {
    return Buffer.concat([decipher.update(sealed.subarray(NONCE_BYTES, sealed.length - TAG_BYTES)), decipher.final()]);
  } catch {
    throw new FileIntegrityError('a chunk could not be authenticated');
  }
}

/** Collects buffers and hands them out in exact sizes without copying more than needed. */
class ByteQueue {
  private parts: Buffer[] = [];
  length = 0;

  push(part: Buffer) {
    if (part.length === 0) return;
    this.parts.push(part);
    this.length += part.length;
  }

  take(count: number): Buffer {
    const whole = this.parts.length === 1 ? (this.parts[0] as Buffer) : Buffer.concat(this.parts);
    this.parts = whole.length > count ? [whole.subarray(count)] : [];
    this.length = whole.length - count;
    return whole.subarray(0, count);
  }
}

/** Encrypts a plaintext stream into the chunked format. */
export async function* encryptChunks(source: AsyncIterable<Buffer>, key: Buffer, fileId: string, chunkBytes = DEFAULT_CHUNK_BYTES): AsyncGenerator<Buffer> {
  const head = header(chunkBytes);
  yield head;
  const queue = new ByteQueue();
  let index = 0;
  for await (const part of source) {
    queue.push(part);
    // Strictly more than a chunk: only then is it certain that this chunk is not the last.
    while (queue.length > chunkBytes) {
      yield seal(key, associatedData(head, fileId, index, false), queue.take(chunkBytes));
      index += 1;
    }
  }
  yield seal(key, associatedData(head, fileId, index, true), queue.take(queue.length));
}

export interface DecryptExpectations {
  /** SHA-256 (hex) of the plaintext, as recorded on upload. */
  sha256: string;
  size: number;
}

/**
 * Decrypts the chunked format, releasing each chunk only after it is authenticated, and checks the
 * plaintext's size and SHA-256 against the recorded ones at the end.
 * @throws FileIntegrityError on any tampering, truncation, extension or mismatch.
 */
export async function* decryptChunks(source: AsyncIterable<Buffer>, key: Buffer, fileId: string, expected: DecryptExpectations): AsyncGenerator<Buffer> {
  const queue = new ByteQueue();
  const hash = createHash('sha256');
  let head: Buffer | undefined;
  let sealedBytes = 0;
  let index = 0;
  let size = 0;
  const release = (plaintext: Buffer) => {
    hash.update(plaintext);
    size += plaintext.length;
    if (size > expected.size) throw new FileIntegrityError('longer than recorded');
    return plaintext;
  };
  for await (const part of source) {
    queue.push(part);
    if (!head) {
      if (queue.length < HEADER_BYTES) continue;
      head = Buffer.from(queue.take(HEADER_BYTES));
      const chunkBytes = head.readUInt32BE(4);
      if (!head.subarray(0, 4).equals(MAGIC) || chunkBytes === 0 || chunkBytes > MAX_CHUNK_BYTES) throw new FileIntegrityError('unknown format');
      sealedBytes = NONCE_BYTES + chunkBytes + TAG_BYTES;
    }
    while (queue.length > sealedBytes) {
      yield release(open(key, associatedData(head, fileId, index, false), queue.take(sealedBytes)));
      index += 1;
    }
  }
  if (!head || queue.length < NONCE_BYTES + TAG_BYTES) throw new FileIntegrityError('cut short');
  const last = release(open(key, associatedData(head, fileId, index, true), queue.take(queue.length)));
  if (size !== expected.size || hash.digest('hex') !== expected.sha256) throw new FileIntegrityError('content differs from what was recorded');
  yield last;
}
