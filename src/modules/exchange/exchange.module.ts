import type { AuditLog } from '../../platform/audit/audit.service.ts';
import type { DataKeyStore } from '../../platform/crypto/data-keys.ts';
import type { Database } from '../../platform/db/database.ts';
import { createAssertionVerifier } from './exchange.assertion.ts';
import { createExchangeClientsService } from './exchange.clients.ts';
import { appendExchangeLog, type ExchangeLogEntry } from './exchange.log.ts';
import type { HttpProviderOptions } from './exchange.provider-http.ts';
import { createFetchQueue } from './exchange.queue.ts';
import { createExchangeService } from './exchange.service.ts';
import { createExchangeSigningKeys } from './exchange.signing-keys.ts';

export interface ExchangeOptions {
  db: Database;
  dataKeys: DataKeyStore;
  audit: AuditLog;
  blindIndexKey: Buffer;
  providerOptions?: Partial<HttpProviderOptions> | undefined;
}

/**
 * The exchange module's services, composed once (src/services.ts): fetching from data products and
 * the data tracker (`exchange.fetchFromProduct`, `exchange.listSubjectAccesses`, …), queued fetches
 * (`exchange.queue`), API clients, response signing keys and the client-assertion check.
 */
export function createExchange(options: ExchangeOptions) {
  const service = createExchangeService(options);
  const clients = createExchangeClientsService({ db: options.db, audit: options.audit });
  return {
    ...service,
    queue: createFetchQueue({ db: options.db, dataKeys: options.dataKeys, fetchFromProduct: service.fetchFromProduct }),
    clients,
    /** Appends one row to the exchange log (append-only: the database refuses changes). */
    appendLog: (entry: ExchangeLogEntry) => appendExchangeLog(options.db, entry),
    signingKeys: createExchangeSigningKeys({ db: options.db, dataKeys: options.dataKeys }),
    verifyAssertion: createAssertionVerifier({ client: (id) => clients.forAssertion(id), rememberJti: (...args) => clients.rememberJti(...args) }),
  };
}

export type Exchange = ReturnType<typeof createExchange>;
