import type { Generated } from 'kysely';
import type { Json, Timestamp } from '../../platform/db/column-types.ts';

// Tables owned by the documents module, as Kysely sees them (camelCase). Keep in step with
// migrations/0013_signing_keys.sql and 0014_workflow.sql.

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

export interface IssuedDocumentTable {
  id: Generated<string>;
  applicationId: string;
  agencyId: string;
  number: string;
  signingKeyId: string;
  /** Exactly the signed fields: the minimum the public verification page shows. */
  fields: Json<Record<string, string | number | boolean | null>>;
  /** base64url Ed25519 signature over the canonical form of `fields`. */
  signature: string;
  qrPayload: string;
  fileId: string | null;
  issuedBy: string | null;
  issuedAt: Timestamp;
  /** ISO date; null: valid without limit. */
  validUntil: string | null;
  revokedAt: Timestamp | null;
  revokedBy: string | null;
  revocationReason: string | null;
}

export interface DocumentsTables {
  signingKey: SigningKeyTable;
  issuedDocument: IssuedDocumentTable;
}
