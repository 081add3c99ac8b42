import type { Generated } from 'kysely';
import type { Timestamp } from '../../platform/db/column-types.ts';

// Tables owned by the documents module, as Kysely sees them (camelCase). Keep in step with
// migrations/0013_signing_keys.sql.

export type SigningKeyStatus = 'active' | 'retired';

export interface SigningKeyTable {
  /** The kid. */
  id: string;
  /** null: the platform's own key. */
  agencyId: string | null;
  /** Raw Ed25519 public key, 32 bytes. */
  publicKey: Buffer;
  dataKeyId: string;
  /** PKCS#8 DER of the private key, base64, sealed with encryptField. */
  privateKeyEnc: string;
  status: Generated<SigningKeyStatus>;
  createdAt: Timestamp;
  retiredAt: Timestamp | null;
}

export interface DocumentsTables {
  signingKey: SigningKeyTable;
}
