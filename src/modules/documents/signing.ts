import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject, sign as nodeSign, verify as nodeVerify } from 'node:crypto';

/**
 * The signing core of issued documents: a canonical form of a document's fields, Ed25519 signatures
 * over its hash, and the compact QR payload that lets a verifier app check a document offline with
 * the keys published at /.well-known/jwks.json. Pure: no database, no clock.
 */

/** A field value. Only what serializes identically everywhere: no floats, no nesting. */
export type FieldValue = string | number | boolean | null;

/** The minimal fields a document certifies; `number` (the document number) is required. */
export type DocumentFields = Readonly<Record<string, FieldValue>> & { readonly number: string };

const FIELD_NAME = /^[a-z][A-Za-z0-9_]{0,31}$/;
const MAX_FIELDS = 24;
const MAX_STRING_LENGTH = 300;
const KID = /^[A-Za-z0-9_-]{16}$/;
const SIGNATURE_BYTES = 64;
/** QR codes stay easy to scan from paper below roughly this size (byte mode, error correction M). */
export const MAX_QR_PAYLOAD_LENGTH = 600;
const QR_PREFIX = 'LK1';
/** Separates document signatures from anything else the same key could ever sign. */
const SIGNING_DOMAIN = Buffer.from('loket.document.v1\0', 'utf8');

/** Whether `value` is a set of fields canonicalDocument accepts (checked on hostile input). */
export function isDocumentFields(value: unknown): value is DocumentFields {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const entries = Object.entries(value);
  if (entries.length === 0 || entries.length > MAX_FIELDS) return false;
  if (typeof (value as { number?: unknown }).number !== 'string') return false;
  return entries.every(([name, field]) => FIELD_NAME.test(name) && isFieldValue(field));
}

function isFieldValue(value: unknown): value is FieldValue {
  if (value === null || typeof value === 'boolean') return true;
  // Integers only: JCS number serialization of fractions is exact but easy to get wrong in other languages.
  if (typeof value === 'number') return Number.isSafeInteger(value) && !Object.is(value, -0);
  // Lone surrogates have no UTF-8 form; RFC 8785 rejects them too.
  return typeof value === 'string' && value.length <= MAX_STRING_LENGTH && value.isWellFormed();
}

/**
 * The canonical UTF-8 text of a document's fields, the bytes that are hashed and signed. It follows
 * RFC 8785 (JSON Canonicalization Scheme) on the subset isDocumentFields accepts (one flat object of
 * strings, safe integers, booleans and null; names are ASCII, so UTF-16 key order is code point
 * order), after one step JCS leaves out: strings are NFC-normalised first, so a name typed with
 * combining marks and one typed precomposed sign the same.
 * @throws TypeError when the fields are outside that subset (a programming error: validate hostile
 *   input with isDocumentFields first).
 */
export function canonicalDocument(fields: DocumentFields): string {
  if (!isDocumentFields(fields)) throw new TypeError('document fields outside the canonical subset');
  const names = Object.keys(fields).sort();
  // JSON.stringify escapes strings and prints integers exactly as RFC 8785 section 3.2.2 requires.
  const members = names.map((name) => {
    const value = fields[name] ?? null;
    return `${JSON.stringify(name)}:${JSON.stringify(typeof value === 'string' ? value.normalize('NFC') : value)}`;
  });
  return `{${members.join(',')}}`;
}

export function contentHash(bytes: Uint8Array): Buffer {
  return createHash('sha256').update(bytes).digest();
}

/** What a document signature covers: a domain tag, then the SHA-256 of the canonical fields. */
export function documentSigningInput(fields: DocumentFields): Buffer {
  return Buffer.concat([SIGNING_DOMAIN, contentHash(Buffer.from(canonicalDocument(fields), 'utf8'))]);
}

export function sign(privateKey: KeyObject, payload: Uint8Array): Buffer {
  return nodeSign(null, payload, privateKey);
}

/** False for a wrong, truncated or garbled signature; never throws on hostile bytes. */
export function verify(publicKey: KeyObject, payload: Uint8Array, signature: Uint8Array): boolean {
  if (signature.length !== SIGNATURE_BYTES) return false;
  try {
    return nodeVerify(null, payload, publicKey, signature);
  } catch {
    return false;
  }
}

export interface SigningKeyPair {
  kid: string;
  /** Raw public key, 32 bytes: the JWK `x`. */
  publicKey: Buffer;
  /** PKCS#8 DER: what is stored, sealed. */
  privateKeyDer: Buffer;
}

export function generateSigningKeyPair(): SigningKeyPair {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const raw = rawPublicKey(publicKey);
  return { kid: keyId(raw), publicKey: raw, privateKeyDer: privateKey.export({ format: 'der', type: 'pkcs8' }) };
}

/** The kid: the first 96 bits of the SHA-256 of the raw public key, base64url (16 characters). */
export function keyId(rawPublic: Uint8Array): string {
  return contentHash(rawPublic).subarray(0, 12).toString('base64url');
}

export function isKeyId(value: unknown): value is string {
  return typeof value === 'string' && KID.test(value);
}

export function rawPublicKey(publicKey: KeyObject): Buffer {
  const { x } = publicKey.export({ format: 'jwk' });
  return Buffer.from(x ?? '', 'base64url');
}

export function publicKeyFromRaw(raw: Uint8Array): KeyObject {
  return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(raw).toString('base64url') }, format: 'jwk' });
}

export function privateKeyFromDer(der: Buffer): KeyObject {
  return createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
}

export interface SignedDocument {
  fields: DocumentFields;
  kid: string;
  signature: Uint8Array;
}

/**
 * The QR payload: `LK1.<kid>.<base64url of the canonical fields>.<base64url of the signature>`, like
 * a compact JWS. Carrying the canonical bytes themselves lets a verifier app hash them directly.
 * @throws RangeError when the result would be too long to scan reliably (a template carrying too much).
 */
export function encodeQrPayload({ fields, kid, signature }: SignedDocument): string {
  const body = Buffer.from(canonicalDocument(fields), 'utf8').toString('base64url');
  const payload = `${QR_PREFIX}.${kid}.${body}.${Buffer.from(signature).toString('base64url')}`;
  if (payload.length > MAX_QR_PAYLOAD_LENGTH) throw new RangeError(`QR payload of ${payload.length} characters is too long`);
  return payload;
}

export type QrDecodeResult = { ok: true; document: SignedDocument } | { ok: false; reason: 'malformed' };

const BASE64URL = /^[A-Za-z0-9_-]+$/;
const MALFORMED = { ok: false, reason: 'malformed' } as const;
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Reads a scanned payload. Hostile input gives `{ ok: false }`, never an exception. Only the canonical
 * encoding is accepted, so each signed document has exactly one payload. The signature is not checked
 * here (that needs the keys: see the signing keys service).
 */
export function decodeQrPayload(text: unknown): QrDecodeResult {
  if (typeof text !== 'string' || text.length > MAX_QR_PAYLOAD_LENGTH) return MALFORMED;
  const parts = text.split('.');
  if (parts.length !== 4) return MALFORMED;
  const [prefix, kid, body, signaturePart] = parts as [string, string, string, string];
  if (prefix !== QR_PREFIX || !isKeyId(kid) || !BASE64URL.test(body) || !BASE64URL.test(signaturePart)) return MALFORMED;
  const signature = Buffer.from(signaturePart, 'base64url');
  if (signature.length !== SIGNATURE_BYTES || signature.toString('base64url') !== signaturePart) return MALFORMED;
  const bytes = Buffer.from(body, 'base64url');
  if (bytes.toString('base64url') !== body) return MALFORMED;
  let fields: unknown;
  try {
    fields = JSON.parse(strictUtf8.decode(bytes));
  } catch {
    return MALFORMED;
  }
  if (!isDocumentFields(fields) || canonicalDocument(fields) !== bytes.toString('utf8')) return MALFORMED;
  return { ok: true, document: { fields, kid, signature } };
}
