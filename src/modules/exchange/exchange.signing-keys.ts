import { sign } from 'node:crypto';
import { sql } from 'kysely';
import type { DataKeyStore } from '../../platform/crypto/data-keys.ts';
import { decryptField, encryptField } from '../../platform/crypto/envelope.ts';
import type { Database } from '../../platform/db/database.ts';
import { generateSigningKeyPair, privateKeyFromDer } from '../documents/signing.ts';

// The Ed25519 keys that sign exchange API responses. Kept apart from the document-signing keys: a key
// serves one purpose, and rotating one never touches the other. Same sealing as signing_key: the
// private half opens only in its own row.

const ACTIVE_KEY_CACHE_MS = 60_000;

function privateKeyContext(kid: string): string {
  return `exchange_signing_key.private_key_enc:${kid}`;
}

export interface ExchangePublicKey {
  kid: string;
  publicKey: Buffer;
  status: 'active' | 'retired';
}

/** A public key as an RFC 8037 OKP JSON Web Key. */
export function exchangeJwk(key: ExchangePublicKey) {
  return { kty: 'OKP', crv: 'Ed25519', x: key.publicKey.toString('base64url'), kid: key.kid, use: 'sig', alg: 'EdDSA' } as const;
}

export function createExchangeSigningKeys({ db, dataKeys }: { db: Database; dataKeys: DataKeyStore }) {
  let cached: { kid: string; privateKey: ReturnType<typeof privateKeyFromDer>; at: number } | undefined;

  async function insertKey(trx: Database, onlyIfNoActive: boolean) {
    const pair = generateSigningKeyPair();
    const dataKey = await dataKeys.create(trx);
    const values = {
      id: pair.kid,
      publicKey: pair.publicKey,
      dataKeyId: dataKey.id,
      privateKeyEnc: encryptField(dataKey.key, pair.privateKeyDer.toString('base64'), privateKeyContext(pair.kid)),
    };
    const insert = trx.insertInto('exchangeSigningKey').values(values);
    // Two nodes making the first key at once: the partial unique index keeps one, the other reads it.
    await (onlyIfNoActive ? insert.onConflict((oc) => oc.expression(sql`(true)`).where('status', '=', 'active').doNothing()) : insert).execute();
  }

  async function activeKey() {
    if (cached && Date.now() - cached.at < ACTIVE_KEY_CACHE_MS) return cached;
    const load = () => db.selectFrom('exchangeSigningKey').selectAll().where('status', '=', 'active').executeTakeFirst();
    let row = await load();
    if (!row) {
      await db.transaction().execute((trx) => insertKey(trx, true));
      row = await load();
    }
    if (!row) throw new Error('no active exchange signing key after creating one');
    const key = await dataKeys.open(row.dataKeyId);
    const der = Buffer.from(decryptField(key, row.privateKeyEnc, privateKeyContext(row.id)), 'base64');
    cached = { kid: row.id, privateKey: privateKeyFromDer(der), at: Date.now() };
    return cached;
  }

  return {
    /**
     * A detached JWS (RFC 7515 appendix F) over `body`: `<protected header>..<signature>`; put the
     * base64url of the body between the dots to verify it as a compact JWS.
     */
    async signDetached(body: string | Buffer): Promise<string> {
      const key = await activeKey();
      const header = Buffer.from(JSON.stringify({ alg: 'EdDSA', kid: key.kid, typ: 'JOSE' })).toString('base64url');
      const input = `${header}.${Buffer.from(body).toString('base64url')}`;
      return `${header}..${sign(null, Buffer.from(input), key.privateKey).toString('base64url')}`;
    },

    /** Every key, active and retired, for the JWKS (the active key is made on first use). */
    async publicKeys(): Promise<ExchangePublicKey[]> {
      await activeKey();
      return db.selectFrom('exchangeSigningKey').select(['id as kid', 'publicKey', 'status']).orderBy('createdAt').orderBy('id').execute();
    },

    /** Retires the active key and makes a new one; responses signed earlier still verify. */
    async rotate(): Promise<void> {
      await db.transaction().execute(async (trx) => {
        await trx.updateTable('exchangeSigningKey').set({ status: 'retired', retiredAt: sql<Date>`now()` }).where('status', '=', 'active').execute();
        await insertKey(trx, false);
      });
      cached = undefined;
    },
  };
}

export type ExchangeSigningKeys = ReturnType<typeof createExchangeSigningKeys>;
