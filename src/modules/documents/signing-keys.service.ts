import type { KeyObject } from 'node:crypto';
import type { DataKeyStore } from '../../platform/crypto/data-keys.ts';
import { decryptField, encryptField } from '../../platform/crypto/envelope.ts';
import type { Database } from '../../platform/db/database.ts';
import type { SigningKeyStatus } from './documents.tables.ts';
import {
  type DocumentFields,
  decodeQrPayload,
  documentSigningInput,
  generateSigningKeyPair,
  isDocumentFields,
  isKeyId,
  privateKeyFromDer,
  publicKeyFromRaw,
  sign,
  verify,
} from './signing.ts';
import { createSigningKeysRepository, type PublicKeyRow, type SigningKeyRow } from './signing-keys.repository.ts';

export interface PublicSigningKey {
  kid: string;
  /** null: the platform's key. */
  agencyId: string | null;
  status: SigningKeyStatus;
  /** Raw Ed25519 public key, 32 bytes. */
  publicKey: Buffer;
  createdAt: Date;
  retiredAt: Date | null;
}

export interface ActiveSigningKey extends PublicSigningKey {
  privateKey: KeyObject;
}

export type DocumentVerification = { ok: true; key: PublicSigningKey } | { ok: false; reason: 'unknown_key' | 'bad_signature' | 'malformed' };

/** Binds a sealed private key to its table, column and kid: copied to another row, it does not open. */
function privateKeyContext(kid: string): string {
  return `signing_key.private_key_enc:${kid}`;
}

function publicOf(row: PublicKeyRow): PublicSigningKey {
  return { kid: row.id, agencyId: row.agencyId, status: row.status, publicKey: row.publicKey, createdAt: row.createdAt, retiredAt: row.retiredAt };
}

/**
 * The Ed25519 keys that sign issued documents: one active key per agency (null: the platform), made
 * on first use; rotation retires the active key, which stays published and valid for verification.
 */
export function createSigningKeysService({ db, dataKeys }: { db: Database; dataKeys: DataKeyStore }) {
  const repository = createSigningKeysRepository(db);

  async function open(row: SigningKeyRow, trx: Database): Promise<ActiveSigningKey> {
    const dataKey = await dataKeys.open(row.dataKeyId, trx);
    const der = Buffer.from(decryptField(dataKey, row.privateKeyEnc, privateKeyContext(row.id)), 'base64');
    return { ...publicOf(row), privateKey: privateKeyFromDer(der) };
  }

  async function newKey(agencyId: string | null, trx: Database) {
    const pair = generateSigningKeyPair();
    const dataKey = await dataKeys.create(trx);
    return {
      id: pair.kid,
      agencyId,
      publicKey: pair.publicKey,
      dataKeyId: dataKey.id,
      privateKeyEnc: encryptField(dataKey.key, pair.privateKeyDer.toString('base64'), privateKeyContext(pair.kid)),
    };
  }

  async function create(agencyId: string | null, trx: Database): Promise<SigningKeyRow> {
    return repository.insert(await newKey(agencyId, trx), trx);
  }

  /**
   * The agency's active key with its private half, created on first use (safe across nodes). Given a
   * transaction, everything runs on it: issuing calls this while holding the application's row lock,
   * and must not wait for a second pool connection then.
   */
  async function activeKey(agencyId: string | null, trx?: Database): Promise<ActiveSigningKey> {
    if (!trx) return db.transaction().execute((own) => activeKey(agencyId, own));
    const existing = await repository.active(agencyId, trx);
    if (existing) return open(existing, trx);
    // Another transaction may be creating the first key at the same time: the unique index decides, and
    // the loser reads the winner's key (its unused data key row stays behind, harmless).
    const created = await repository.insertIfNoActive(await newKey(agencyId, trx), trx);
    const row = created ?? (await repository.active(agencyId, trx));
    if (!row) throw new Error('no active signing key after creating one');
    return open(row, trx);
  }

  /**
   * Checks a signature against the published keys, retired ones included. Hostile input gives a
   * result value, never an exception.
   */
  async function verifyDocument({ fields, kid, signature }: { fields: unknown; kid: unknown; signature: unknown }): Promise<DocumentVerification> {
    if (!isDocumentFields(fields) || !isKeyId(kid) || !(signature instanceof Uint8Array)) return { ok: false, reason: 'malformed' };
    const row = await repository.byKid(kid);
    if (!row) return { ok: false, reason: 'unknown_key' };
    const good = verify(publicKeyFromRaw(row.publicKey), documentSigningInput(fields), signature);
    return good ? { ok: true, key: publicOf(row) } : { ok: false, reason: 'bad_signature' };
  }

  return {
    activeKey,

    /** Retires the agency's active key (if any) and makes a new one; documents signed earlier still verify. */
    async rotate(agencyId: string | null): Promise<ActiveSigningKey> {
      return db.transaction().execute(async (trx) => {
        await repository.lockAgency(agencyId, trx);
        const current = await repository.active(agencyId, trx);
        if (current) await repository.retire(current.id, trx);
        return open(await create(agencyId, trx), trx);
      });
    },

    /** Every key, active and retired, for the JWKS. */
    async publicKeys(): Promise<PublicSigningKey[]> {
      return (await repository.all()).map(publicOf);
    },

    /** Signs a document's fields with the agency's active key (on the caller's transaction when given one). */
    async signDocument(agencyId: string | null, fields: DocumentFields, trx?: Database): Promise<{ kid: string; signature: Buffer }> {
      const key = await activeKey(agencyId, trx);
      return { kid: key.kid, signature: sign(key.privateKey, documentSigningInput(fields)) };
    },

    verifyDocument,

    /** decodeQrPayload, then verifyDocument. */
    async verifyQrPayload(text: unknown): Promise<DocumentVerification> {
      const decoded = decodeQrPayload(text);
      return decoded.ok ? verifyDocument(decoded.document) : decoded;
    },
  };
}

export type SigningKeysService = ReturnType<typeof createSigningKeysService>;
