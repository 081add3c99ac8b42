import { describe, expect, it } from 'vitest';
import {
  canonicalDocument,
  contentHash,
  type DocumentFields,
  decodeQrPayload,
  documentSigningInput,
  encodeQrPayload,
  generateSigningKeyPair,
  keyId,
  MAX_QR_PAYLOAD_LENGTH,
  privateKeyFromDer,
  publicKeyFromRaw,
  sign,
  verify,
} from './signing.ts';

const FIELDS: DocumentFields = {
  number: 'SKU/2025/000123',
  kind: 'Surat Keterangan Usaha',
  holder: 'Kartika Wulandari',
  validFrom: '2025-04-14',
  validUntil: '2026-04-13',
  copies: 1,
};

function keyPair() {
  const pair = generateSigningKeyPair();
  return { ...pair, privateKey: privateKeyFromDer(pair.privateKeyDer), publicKeyObject: publicKeyFromRaw(pair.publicKey) };
}

describe('canonical form of a document', () => {
  it('sorts the names and leaves no whitespace, as RFC 8785 does', () => {
    expect(canonicalDocument({ number: 'A-1', b: true, a: null, c: 7 })).toBe('{"a":null,"b":true,"c":7,"number":"A-1"}');
  });

  it('does not depend on the order the fields were written in', () => {
    const reversed = Object.fromEntries(Object.entries(FIELDS).reverse()) as DocumentFields;
    expect(canonicalDocument(reversed)).toBe(canonicalDocument(FIELDS));
  });

  it('normalises strings to NFC, so a name with a combining mark signs like its precomposed form', () => {
    const decomposed = { number: 'A-1', holder: 'Jose\u0301' };
    const precomposed = { number: 'A-1', holder: 'Jos\u00e9' };
    expect(canonicalDocument(decomposed)).toBe(canonicalDocument(precomposed));
  });

  it('escapes control characters and quotes the JSON way', () => {
    expect(canonicalDocument({ number: 'a"b\n' })).toBe('{"number":"a\\"b\\n"}');
  });

  it.each([
    ['a fraction', { number: 'A', amount: 1.5 }],
    ['a lone surrogate', { number: '\ud800' }],
    ['a nested object', { number: 'A', holder: { name: 'x' } }],
    ['a name outside the accepted names', { number: 'A', 'Holder Name': 'x' }],
    ['no document number', { holder: 'x' }],
  ])('refuses %s', (_label, fields) => {
    expect(() => canonicalDocument(fields as unknown as DocumentFields)).toThrow(TypeError);
  });

  it('hashes bytes with SHA-256', () => {
    expect(contentHash(Buffer.from('abc')).toString('hex')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});

describe('Ed25519 signatures over documents', () => {
  it('verify what was signed', () => {
    const key = keyPair();
    const signature = sign(key.privateKey, documentSigningInput(FIELDS));
    expect(verify(key.publicKeyObject, documentSigningInput(FIELDS), signature)).toBe(true);
  });

  it('fail when one field changed', () => {
    const key = keyPair();
    const signature = sign(key.privateKey, documentSigningInput(FIELDS));
    expect(verify(key.publicKeyObject, documentSigningInput({ ...FIELDS, validUntil: '2036-04-13' }), signature)).toBe(false);
  });

  it('fail under another key', () => {
    const signature = sign(keyPair().privateKey, documentSigningInput(FIELDS));
    expect(verify(keyPair().publicKeyObject, documentSigningInput(FIELDS), signature)).toBe(false);
  });

  it('fail, without throwing, on a truncated signature', () => {
    const key = keyPair();
    const signature = sign(key.privateKey, documentSigningInput(FIELDS));
    expect(verify(key.publicKeyObject, documentSigningInput(FIELDS), signature.subarray(0, 63))).toBe(false);
  });

  it('name their key by a 16-character kid derived from the public key', () => {
    const key = keyPair();
    expect(key.kid).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(keyId(key.publicKey)).toBe(key.kid);
  });
});

describe('QR payload', () => {
  function signed() {
    const key = keyPair();
    return { key, document: { fields: FIELDS, kid: key.kid, signature: sign(key.privateKey, documentSigningInput(FIELDS)) } };
  }

  it('round-trips the fields, the kid and the signature, short enough to scan', () => {
    const { document } = signed();
    const payload = encodeQrPayload(document);
    expect(payload.length).toBeLessThanOrEqual(MAX_QR_PAYLOAD_LENGTH);
    const decoded = decodeQrPayload(payload);
    expect(decoded).toEqual({ ok: true, document: { fields: FIELDS, kid: document.kid, signature: Buffer.from(document.signature) } });
  });

  it('with a changed field decodes but no longer verifies', () => {
    const { key, document } = signed();
    const [prefix, kid, body, signature] = encodeQrPayload(document).split('.');
    const forged = Buffer.from(
      Buffer.from(body ?? '', 'base64url')
        .toString('utf8')
        .replace('2026-04-13', '2036-04-13'),
    ).toString('base64url');
    const decoded = decodeQrPayload([prefix, kid, forged, signature].join('.'));
    if (!decoded.ok) throw new Error('the forged payload should still be well formed');
    expect(decoded.document.fields.validUntil).toBe('2036-04-13');
    expect(verify(key.publicKeyObject, documentSigningInput(decoded.document.fields), decoded.document.signature)).toBe(false);
  });

  it('refuses a template that would not fit in a scannable QR code', () => {
    const { document } = signed();
    const long = { ...FIELDS, a: 'x'.repeat(300), b: 'y'.repeat(300) };
    expect(() => encodeQrPayload({ ...document, fields: long })).toThrow(RangeError);
  });

  it.each([
    ['not a string', 42],
    ['empty', ''],
    ['another prefix', 'LK2.AAAAAAAAAAAAAAAA.e30.AA'],
    ['too few parts', 'LK1.AAAAAAAAAAAAAAAA.e30'],
    ['far too long', `LK1.${'A'.repeat(5000)}`],
    ['a body that is not JSON', `LK1.AAAAAAAAAAAAAAAA.${Buffer.from('{nope').toString('base64url')}.${'A'.repeat(86)}`],
    ['a body that is not canonical', `LK1.AAAAAAAAAAAAAAAA.${Buffer.from('{ "number": "A" }').toString('base64url')}.${'A'.repeat(86)}`],
    ['a body with a prototype key', `LK1.AAAAAAAAAAAAAAAA.${Buffer.from('{"__proto__":"x","number":"A"}').toString('base64url')}.${'A'.repeat(86)}`],
    ['invalid UTF-8', `LK1.AAAAAAAAAAAAAAAA.${Buffer.from([0x7b, 0xff, 0x7d]).toString('base64url')}.${'A'.repeat(86)}`],
    ['a short signature', `LK1.AAAAAAAAAAAAAAAA.${Buffer.from('{"number":"A"}').toString('base64url')}.AAAA`],
    ['characters outside base64url', `LK1.AAAAAAAAAAAAAAAA.${Buffer.from('{"number":"A"}').toString('base64')}+/.${'A'.repeat(86)}`],
  ])('gives a result value, not an exception, for a payload that is %s', (_label, payload) => {
    expect(decodeQrPayload(payload)).toEqual({ ok: false, reason: 'malformed' });
  });
});
