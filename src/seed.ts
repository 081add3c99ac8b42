import { sql } from 'kysely';
import { createCatalogueRepository } from './modules/catalogue/catalogue.repository.ts';
import { seedDemoCatalogue } from './modules/catalogue/catalogue.seed.ts';
import type { Database } from './platform/db/database.ts';

const SEEDED_KEY = 'demo_seeded_at';

export interface SeedReport {
  agencies: number;
  units: number;
}

/** Runs every module's demo seed in one transaction and records that it ran. Idempotent. */
export async function seedDemo(db: Database): Promise<SeedReport> {
  return db.transaction().execute(async (trx) => {
    const catalogue = await seedDemoCatalogue(createCatalogueRepository(trx));
    await trx
      .insertInto('platformMeta')
      .values({ key: SEEDED_KEY, value: JSON.stringify(new Date().toISOString()) })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: (eb) => eb.ref('excluded.value'), updatedAt: sql`now()` }))
      .execute();
    return catalogue;
  });
}

export async function isDemoSeeded(db: Database): Promise<boolean> {
  const row = await db.selectFrom('platformMeta').select('key').where('key', '=', SEEDED_KEY).executeTakeFirst();
  return row !== undefined;
}
