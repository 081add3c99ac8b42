import { blindIndex } from '../../platform/crypto/blind-index.ts';
import type { DataKeyStore } from '../../platform/crypto/data-keys.ts';
import { decryptField, encryptField } from '../../platform/crypto/envelope.ts';
import type { Database } from '../../platform/db/database.ts';

export type PersonalField = 'nik' | 'fullName' | 'birthDate' | 'email' | 'phone' | 'totpSecret';
export type IndexedField = 'nik' | 'email' | 'phone' | 'nib';

/**
 * Encryption of one account's personal data under that account's own data key, with the field and the
 * account id bound into each ciphertext; blind indexes for the fields people are looked up by.
 */
export function createPersonalData(dataKeys: DataKeyStore, blindIndexKey: Buffer) {
  const context = (field: PersonalField, accountId: string) => `account.${field}:${accountId}`;
  return {
    index(field: IndexedField, normalizedValue: string): string {
      return blindIndex(blindIndexKey, `account.${field}`, normalizedValue);
    },

    async newKey(trx: Database) {
      return dataKeys.create(trx);
    },

    async sealer(dataKeyId: string, accountId: string, trx?: Database) {
      const key = await dataKeys.open(dataKeyId, trx);
      return {
        seal: (field: PersonalField, value: string) => encryptField(key, value, context(field, accountId)),
        open: (field: PersonalField, value: string) => decryptField(key, value, context(field, accountId)),
        openOptional: (field: PersonalField, value: string | null) => (value === null ? null : decryptField(key, value, context(field, accountId))),
      };
    },
  };
}

export type PersonalData = ReturnType<typeof createPersonalData>;
