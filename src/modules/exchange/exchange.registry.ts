import type { DataKeyStore } from '../../platform/crypto/data-keys.ts';
import { decryptField, encryptField } from '../../platform/crypto/envelope.ts';
import type { Database } from '../../platform/db/database.ts';

// Registry rows: the payload of one subject in one product, sealed so that it opens only in its own
// row (the context names the product and the subject's index).

function context(productCode: string, subjectIndex: string): string {
  return `exchange_registry_record.payload:${productCode}:${subjectIndex}`;
}

export function sealPayload(dataKey: Buffer, productCode: string, subjectIndex: string, payload: Record<string, unknown>): string {
  return encryptField(dataKey, JSON.stringify(payload), context(productCode, subjectIndex));
}

/** The subject's payload in a registry product, or undefined when the registry has no row for it. */
export async function readRegistryPayload(
  db: Database,
  dataKeys: DataKeyStore,
  productCode: string,
  subjectIndex: string,
): Promise<Record<string, unknown> | undefined> {
  const row = await db
    .selectFrom('exchangeRegistryRecord')
    .select(['dataKeyId', 'payloadEnc'])
    .where('productCode', '=', productCode)
    .where('subjectIndex', '=', subjectIndex)
    .executeTakeFirst();
  if (!row) return undefined;
  const key = await dataKeys.open(row.dataKeyId, db);
  return JSON.parse(decryptField(key, row.payloadEnc, context(productCode, subjectIndex))) as Record<string, unknown>;
}

/** Writes one subject's row (seeds, tests); bulk loads go through `loket import registry`. */
export async function upsertRegistryRecord(
  trx: Database,
  dataKeys: DataKeyStore,
  input: { productCode: string; subjectIndex: string; payload: Record<string, unknown>; dataKeyId?: string },
): Promise<void> {
  const dataKey = input.dataKeyId ? { id: input.dataKeyId, key: await dataKeys.open(input.dataKeyId, trx) } : await dataKeys.create(trx);
  const payloadEnc = sealPayload(dataKey.key, input.productCode, input.subjectIndex, input.payload);
  await trx
    .insertInto('exchangeRegistryRecord')
    .values({ productCode: input.productCode, subjectIndex: input.subjectIndex, dataKeyId: dataKey.id, payloadEnc })
    .onConflict((oc) => oc.columns(['productCode', 'subjectIndex']).doUpdateSet({ dataKeyId: dataKey.id, payloadEnc, loadedAt: new Date() }))
    .execute();
}
