import { createHash } from 'node:crypto';
import type { Insertable } from 'kysely';
import type { Database } from '../../platform/db/database.ts';
import type { ExchangeLogTable } from './exchange.tables.ts';

// The exchange log: one append-only row per API request, answered or refused. Both sides keep the
// request and response bytes; the hashes here prove which ones passed (docs/exchange.md).

export type ExchangeLogEntry = Omit<Insertable<ExchangeLogTable>, 'id' | 'requestSha256' | 'responseSha256'> & {
  requestBody: Uint8Array;
  responseBody: Uint8Array | string;
};

export function sha256(bytes: Uint8Array | string): Buffer {
  return createHash('sha256').update(bytes).digest();
}

export async function appendExchangeLog(db: Database, { requestBody, responseBody, ...entry }: ExchangeLogEntry): Promise<void> {
  await db
    .insertInto('exchangeLog')
    .values({ ...entry, requestSha256: sha256(requestBody), responseSha256: sha256(responseBody) })
    .execute();
}

/** The log rows of one client, newest first (for the agency's own evidence and for tests). */
export function exchangeLogOf(db: Database, clientId: string, limit = 50) {
  return db.selectFrom('exchangeLog').selectAll().where('clientId', '=', clientId).orderBy('id', 'desc').limit(limit).execute();
}
