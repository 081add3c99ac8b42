import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestDatabase } from '../../../test/helpers/db.ts';
import type { Services } from '../../services.ts';
import { seedDemoAccounts } from '../accounts/accounts.seed.ts';
import { createCatalogueRepository } from '../catalogue/catalogue.repository.ts';
import { seedDemoCatalogue } from '../catalogue/catalogue.seed.ts';
import { COMPLAINT_CATEGORIES, seedDemoComplaints } from './complaints.seed.ts';
import { createComplaintsTestServices } from './complaints.test-support.ts';

let database: TestDatabase;
let services: Services;
let close: () => Promise<void>;

beforeAll(async () => {
  ({ database, services, close } = await createComplaintsTestServices());
  await seedDemoCatalogue(createCatalogueRepository(database.db));
  await seedDemoAccounts({
    db: database.db,
    repository: services.accountsRepository,
    personalData: services.personalData,
    accounts: services.accounts,
    staff: services.staff,
  });
}, 60_000);

afterAll(async () => {
  await close?.();
});

describe('demo complaints', () => {
  it('files a realistic mix of reports with timelines, quickly, and only once', async () => {
    const started = Date.now();
    const report = await seedDemoComplaints(database.db, services);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(report.reports).toBeGreaterThanOrEqual(20);
    expect((await services.complaints.categories()).map((c) => c.code)).toEqual(COMPLAINT_CATEGORIES.map((c) => c.code));

    const rows = await database.db.selectFrom('complaint').select(['status', 'isSecret', 'isAnonymous', 'mergedIntoId', 'rating', 'createdAt']).execute();
    const statuses = new Set(rows.map((r) => r.status));
    for (const status of ['unverified', 'not_followed_up', 'in_process', 'done', 'closed', 'archived', 'postponed']) expect(statuses, status).toContain(status);
    expect(rows.some((r) => r.isSecret) && rows.some((r) => !r.isSecret)).toBe(true);
    expect(rows.some((r) => r.isAnonymous) && rows.some((r) => !r.isAnonymous)).toBe(true);
    expect(rows.some((r) => r.mergedIntoId !== null)).toBe(true);
    expect(rows.every((r) => r.createdAt.getTime() <= Date.now())).toBe(true);

    // The demo officer at Kota Bandung has a queue; the demo desk triages; the public sees some.
    const officer = await services.accountsRepository.findByIndex('emailIndex', services.personalData.index('email', 'petugas@demo.loket.test'));
    const grants = await database.db
      .selectFrom('staffRole')
      .select(['role', 'agencyId', 'unitId'])
      .where('accountId', '=', officer?.id ?? '')
      .execute();
    const queue = await services.complaints.agencyQueue({ kind: 'staff', accountId: officer?.id ?? '', sessionId: 't', locale: 'id', grants }, {});
    expect(queue.total).toBeGreaterThanOrEqual(5);
    const publicList = await services.complaints.publicList({});
    expect(publicList.total).toBeGreaterThanOrEqual(5);
    const first = publicList.items[0];
    const view = first ? await services.complaints.publicView(first.trackingId) : undefined;
    expect(view?.timeline.length).toBeGreaterThanOrEqual(2);
    const stats = await services.complaints.statistics(
      { kind: 'staff', accountId: officer?.id ?? '', sessionId: 't', locale: 'id', grants: [{ role: 'complaints_desk', agencyId: null, unitId: null }] },
      { from: new Date(0), to: new Date() },
    );
    expect(stats.find((s) => s.agency.code === 'disdukcapil-kota-bandung')?.ratings).toBeGreaterThanOrEqual(1);

    expect(await seedDemoComplaints(database.db, services)).toEqual({ reports: 0 });
    expect(await database.db.selectFrom('complaint').select('id').execute()).toHaveLength(rows.length);
  });
});
