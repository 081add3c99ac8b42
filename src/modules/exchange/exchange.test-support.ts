import { randomBytes } from 'node:crypto';
import { createTestDatabase } from '../../../test/helpers/db.ts';
import { createAuditLog } from '../../platform/audit/audit.service.ts';
import { createDataKeyStore } from '../../platform/crypto/data-keys.ts';
import { masterKey } from '../../platform/crypto/envelope.ts';
import type { Database } from '../../platform/db/database.ts';
import { createCatalogueRepository } from '../catalogue/catalogue.repository.ts';
import { DEMO_AGENCIES } from '../catalogue/catalogue.seed.ts';
import { DEMO_REGIONS } from '../catalogue/seed/demo-regions.ts';
import { createExchange } from './exchange.module.ts';
import type { ProductDefinition } from './exchange.products.ts';
import type { HttpProviderOptions } from './exchange.provider-http.ts';
import { seedDemoExchange } from './exchange.seed.ts';

/** The demo regions and agencies only: the exchange needs agencies, not the demo services. */
export async function seedDemoAgencies(db: Database): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const catalogue = createCatalogueRepository(trx);
    await catalogue.upsertRegions(DEMO_REGIONS);
    for (const { units: _units, ...agency } of DEMO_AGENCIES) await catalogue.upsertAgency(agency);
  });
}

/** A fresh database with the demo agencies and data products, and the exchange services on it. */
export async function createExchangeTestEnv({ providerOptions }: { providerOptions?: Partial<HttpProviderOptions> } = {}) {
  const database = await createTestDatabase({ poolSize: 4 });
  const { db } = database;
  await seedDemoAgencies(db);
  const dataKeys = createDataKeyStore(db, { current: masterKey(randomBytes(32)), previous: [] });
  const exchange = createExchange({ db, dataKeys, audit: createAuditLog(db), blindIndexKey: randomBytes(32), providerOptions });
  await seedDemoExchange(db, { dataKeys, subjectIndexOf: exchange.subjectIndexOf });
  const agencyId = async (code: string) => (await db.selectFrom('agency').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
  return {
    database,
    db,
    dataKeys,
    exchange,
    agencyId,
    /** Adds (or replaces) a product, e.g. an http one pointing at a test server. */
    defineProduct: (definition: ProductDefinition) => exchange.products.upsert(definition),
    close: () => database.drop(),
  };
}

export type ExchangeTestEnv = Awaited<ReturnType<typeof createExchangeTestEnv>>;
