import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decryptChunks, encryptChunks, FileIntegrityError } from './chunked-cipher.ts';

const KEY = randomBytes(32);
const FILE = '0b7f6d9e-3c1a-4f2b-8e5d-9a0c1b2d3e4f';
const CHUNK = 1024;

async function collect(source: AsyncIterable<Buffer>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of source) parts.push(part);
  return Buffer.concat(parts);
}

async function* pieces(data: Buffer, size: number) {
  for (let at = 0; at < data.length; at += size) yield data.subarray(at, at + size);
}

const expectations = (plain: Buffer) => ({ sha256: createHash('sha256').update(plain).digest('hex'), size: plain.length });

async function seal(plain: Buffer, fileId = FILE) {
  return collect(encryptChunks(pieces(plain, 700), KEY, fileId, CHUNK));
}

function open(sealed: Buffer, plain: Buffer, fileId = FILE) {
  return collect(decryptChunks(pieces(sealed, 333), KEY, fileId, expectations(plain)));
}

describe('chunked file encryption', () => {
  it.each([1, CHUNK - 1, CHUNK, CHUNK + 1, 5 * CHUNK, 5 * CHUNK + 17])('round-trips %i bytes whatever the piece sizes', async (size) => {
    const plain = randomBytes(size);
    const sealed = await seal(plain);
    expect((await open(sealed, plain)).equals(plain)).toBe(true);
  });

  it('detects a changed byte anywhere', async () => {
    const plain = randomBytes(3 * CHUNK);
    const sealed = await seal(plain);
    for (const at of [2, 8 + 20, Math.floor(sealed.length / 2), sealed.length - 1]) {
      const tampered = Buffer.from(sealed);
      tampered[at] = (tampered[at] as number) ^ 0x01;
      await expect(open(tampered, plain)).rejects.toBeInstanceOf(FileIntegrityError);
    }
  });

  it('detects a blob cut short, even exactly at a chunk boundary', async () => {
    const plain = randomBytes(3 * CHUNK + 10);
    const sealed = await seal(plain);
    const sealedChunk = 12 + CHUNK + 16;
    for (const length of [8 + sealedChunk, 8 + 2 * sealedChunk, sealed.length - 1, 5]) {
      await expect(open(sealed.subarray(0, length), plain)).rejects.toBeInstanceOf(FileIntegrityError);
    }
  });

  it('detects chunks swapped within a file', async () => {
    const plain = randomBytes(3 * CHUNK + 10);
    const sealed = await seal(plain);
    const sealedChunk = 12 + CHUNK + 16;
    const first = sealed.subarray(8, 8 + sealedChunk);
    const second = sealed.subarray(8 + sealedChunk, 8 + 2 * sealedChunk);
    const swapped = Buffer.concat([sealed.subarray(0, 8), second, first, sealed.subarray(8 + 2 * sealedChunk)]);
    await expect(open(swapped, plain)).rejects.toBeInstanceOf(FileIntegrityError);
  });

  it('refuses the blob of another file, even under the same key', async () => {
    const plain = randomBytes(100);
    const sealed = await seal(plain, FILE);
    await expect(open(sealed, plain, '9c1d2e3f-4a5b-4c6d-8e7f-0a1b2c3d4e5f')).rejects.toBeInstanceOf(FileIntegrityError);
  });

  it('refuses content that differs from the recorded digest', async () => {
    const plain = randomBytes(100);
    const sealed = await seal(plain);
    await expect(collect(decryptChunks(pieces(sealed, 50), KEY, FILE, { ...expectations(plain), sha256: '0'.repeat(64) }))).rejects.toBeInstanceOf(
      FileIntegrityError,
    );
  });

  it('never yields a byte of a chunk that fails authentication', async () => {
    const plain = randomBytes(3 * CHUNK);
    const sealed = Buffer.from(await seal(plain));
    // Break the second chunk: only the first chunk may come out before the error.
    const at = 8 + (12 + CHUNK + 16) + 40;
    sealed[at] = (sealed[at] as number) ^ 0xff;
    const released: Buffer[] = [];
    await expect(
      (async () => {
        for await (const part of decryptChunks(pieces(sealed, 4096), KEY, FILE, expectations(plain))) released.push(part);
      })(),
    ).rejects.toBeInstanceOf(FileIntegrityError);
    expect(Buffer.concat(released).equals(plain.subarray(0, CHUNK))).toBe(true);
  });
});
