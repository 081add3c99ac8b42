import { sql } from 'kysely';
import { type DemoAccount, seedDemoAccounts } from './modules/accounts/accounts.seed.ts';
import { seedDemoApplications } from './modules/applications/applications.seed.ts';
import { createCatalogueRepository } from './modules/catalogue/catalogue.repository.ts';
import { seedDemoCatalogue } from './modules/catalogue/catalogue.seed.ts';
import { seedDemoComplaints } from './modules/complaints/complaints.seed.ts';
import { seedDemoExchange } from './modules/exchange/exchange.seed.ts';
import { seedDemoSurveys } from './modules/surveys/surveys.seed.ts';
import { seedDemoBudget } from './modules/transparency/budget.seed.ts';
import type { Database } from './platform/db/database.ts';
import type { Services } from './services.ts';

const SEEDED_KEY = 'demo_seeded_at';

export interface SeedReport {
  agencies: number;
  units: number;
  accounts: readonly DemoAccount[];
}

export interface SeedOptions {
  /** How many demo applications to file (default 3,000: queues and dashboards with some depth). Tests ask for a few. */
  applications?: number;
}

/** Runs every module's demo seed, then records that it ran. Idempotent. Never in production. */
export async function seedDemo(db: Database, services: Services, options: SeedOptions = {}): Promise<SeedReport> {
  const catalogue = await db.transaction().execute((trx) => seedDemoCatalogue(createCatalogueRepository(trx)));
  const accounts = await seedDemoAccounts({
    db,
    repository: services.accountsRepository,
    personalData: services.personalData,
    accounts: services.accounts,
    staff: services.staff,
  });
  await seedDemoApplications(
    {
      db,
      catalogue: services.catalogue,
      accountsRepository: services.accountsRepository,
      personalData: services.personalData,
      dataKeys: services.dataKeys,
    },
    options.applications,
  );
  await seedDemoComplaints(db, services);
  // After applications and complaints: it answers the completed and closed ones.
  await seedDemoSurveys(db, services);
  await seedDemoExchange(db, { dataKeys: services.dataKeys, subjectIndexOf: services.exchange.subjectIndexOf });
  await seedDemoBudget(db, services);
  await db
    .insertInto('platformMeta')
    .values({ key: SEEDED_KEY, value: JSON.stringify(new Date().toISOString()) })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: (eb) => eb.ref('excluded.value'), updatedAt: sql`now()` }))
    .execute();
  return { ...catalogue, accounts };
}

export async function isDemoSeeded(db: Database): Promise<boolean> {
  const row = await db.selectFrom('platformMeta').select('key').where('key', '=', SEEDED_KEY).executeTakeFirst();
  return row !== undefined;
}

/** The demo accounts as a table for the terminal: printed at a development start. */
export function demoAccountsTable(accounts: readonly DemoAccount[]): string {
  const lines = accounts.map((a) => `  ${a.role.padEnd(16)} ${a.signIn.padEnd(32)} ${a.password.padEnd(20)} ${a.totpSecret ?? '-'}`);
  return [
    'Demo accounts (development only; TOTP codes: npx loket demo totp):',
    `  ${'role'.padEnd(16)} ${'sign in with'.padEnd(32)} ${'password'.padEnd(20)} TOTP secret`,
    ...lines,
  ].join('\n');
}

/** A demo with few applications: for tests, which need the agencies, services and accounts but not a deep queue. */
export const SMALL_DEMO: SeedOptions = { applications: 40 };
