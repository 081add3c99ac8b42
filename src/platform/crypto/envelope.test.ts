import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DecryptionError, decryptField, encryptField, masterKey, newDataKey, unwrapDataKey, wrapDataKey } from './envelope.ts';

const context = 'account.nik:9b2f6c1e-3a4d-4e5f-8a9b-0c1d2e3f4a5b';

/** The same ciphertext with one bit of its sealed body flipped. */
function flipBit(value: string, byte: number): string {
  const [version, body = ''] = value.split('.');
  const sealed = Buffer.from(body, 'base64url');
  sealed.writeUInt8((sealed.readUInt8(byte) ^ 1) & 0xff, byte);
  return `${version}.${sealed.toString('base64url')}`;
}

describe('envelope encryption', () => {
  it('reads back what it sealed, and never gives the same ciphertext twice', () => {
    const key = newDataKey();
    const first = encryptField(key, 'Siti Rahayu', context);
    expect(decryptField(key, first, context)).toBe('Siti Rahayu');
    expect(first).toMatch(/^v1\.[A-Za-z0-9_-]+$/);
    expect(first).not.toContain('Siti');
    expect(encryptField(key, 'Siti Rahayu', context)).not.toBe(first);
    expect(decryptField(key, encryptField(key, '', context), context)).toBe('');
  });

  it('refuses a ciphertext moved to another row or column', () => {
    const key = newDataKey();
    const sealed = encryptField(key, '3273015708900003', context);
    expect(() => decryptField(key, sealed, 'account.nik:2e3f4a5b-6c7d-4e8f-9a0b-1c2d3e4f5a6b')).toThrow(DecryptionError);
    expect(() => decryptField(key, sealed, 'account.email:9b2f6c1e-3a4d-4e5f-8a9b-0c1d2e3f4a5b')).toThrow(DecryptionError);
  });

  it('refuses a tampered iv, tag or body, another key, and text that is no ciphertext', () => {
    const key = newDataKey();
    const sealed = encryptField(key, 'Jl. Merdeka 1, Bandung', context);
    for (const byte of [0, 12, 28, 35]) expect(() => decryptField(key, flipBit(sealed, byte), context)).toThrow(DecryptionError);
    expect(() => decryptField(newDataKey(), sealed, context)).toThrow(DecryptionError);
    expect(() => decryptField(key, sealed.replace('v1.', 'v2.'), context)).toThrow(DecryptionError);
    expect(() => decryptField(key, 'v1.', context)).toThrow(DecryptionError);
    expect(() => decryptField(key, 'v1.AAAA', context)).toThrow(DecryptionError);
    expect(() => decryptField(key, 'Jl. Merdeka 1', context)).toThrow(DecryptionError);
  });

  it('binds a wrapped data key to its own id and its master key', () => {
    const master = masterKey(randomBytes(32));
    const dataKey = newDataKey();
    const wrapped = wrapDataKey(master, 'key-1', dataKey);
    expect(unwrapDataKey(master, 'key-1', wrapped)).toEqual(dataKey);
    expect(() => unwrapDataKey(master, 'key-2', wrapped)).toThrow(DecryptionError);
    expect(() => unwrapDataKey(masterKey(randomBytes(32)), 'key-1', wrapped)).toThrow(DecryptionError);
  });

  it('fingerprints a master key without revealing it, and refuses a key of the wrong length', () => {
    const raw = randomBytes(32);
    const master = masterKey(raw);
    expect(master.id).toMatch(/^[0-9a-f]{16}$/);
    expect(masterKey(Buffer.from(raw)).id).toBe(master.id);
    expect(raw.toString('hex')).not.toContain(master.id);
    expect(() => masterKey(randomBytes(16))).toThrow(/32 bytes/);
  });
});
