import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { seedDemoAccounts } from '../accounts/accounts.seed.ts';
import { createCatalogueRepository } from '../catalogue/catalogue.repository.ts';
import { seedDemoCatalogue } from '../catalogue/catalogue.seed.ts';
import { seedDemoApplications } from './applications.seed.ts';
import { createServiceFixture } from './applications.test-support.ts';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
  await seedDemoCatalogue(createCatalogueRepository(t.database.db));
  await seedDemoAccounts({
    db: t.database.db,
    repository: t.services.accountsRepository,
    personalData: t.services.personalData,
    accounts: t.services.accounts,
    staff: t.services.staff,
  });
  await createServiceFixture(t.database.db);
  await createServiceFixture(t.database.db, { channels: ['counter'] });
}, 60_000);

afterAll(async () => t?.close());

const deps = () => ({
  db: t.database.db,
  catalogue: t.services.catalogue,
  accountsRepository: t.services.accountsRepository,
  personalData: t.services.personalData,
  dataKeys: t.services.dataKeys,
});

describe('demo applications', () => {
  it('fills a year of applications in every state, with timelines, quickly, and only once', async () => {
    const started = Date.now();
    const report = await seedDemoApplications(deps(), 600);
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(report.applications).toBeGreaterThan(250);
    const statuses = await t.database.db.selectFrom('application').select('status').distinct().execute();
    expect(statuses.map((row) => row.status).sort()).toEqual(expect.arrayContaining(['in_review', 'issued', 'rejected', 'submitted']));
    const oldest = await t.database.db
      .selectFrom('application')
      .select((eb) => eb.fn.min('submittedAt').as('at'))
      .executeTakeFirstOrThrow();
    expect(Date.now() - new Date(oldest.at as Date).getTime()).toBeGreaterThan(120 * 24 * 3600 * 1000);
    const events = await t.database.db
      .selectFrom('applicationEvent')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(events.n)).toBeGreaterThan(report.applications);
    expect(await seedDemoApplications(deps(), 600)).toEqual({ applications: 0, citizens: 0 });
  });

  it('gives the demo citizen Siti Rahayu applications of her own, one waiting for her answer', async () => {
    const siti = await t.services.accountsRepository.findByIndex('nikIndex', t.services.personalData.index('nik', '3273015708900003'));
    if (!siti) throw new Error('Siti is not seeded');
    const actor = { kind: 'citizen' as const, accountId: siti.id, sessionId: 't', locale: 'id' as const, organisations: [] };
    const mine = await t.services.applications.listMine(actor);
    expect(mine.length).toBeGreaterThanOrEqual(3);
    expect(mine.map((a) => a.status)).toContain('information_requested');
    const waiting = mine.find((a) => a.status === 'information_requested');
    const detail = await t.services.applications.getForApplicant(actor, waiting?.trackingNumber ?? '');
    expect(detail.openRequest).not.toBe('');
  });
});
