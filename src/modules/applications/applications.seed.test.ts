import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { createCalendar } from '../../platform/calendar/calendar.service.ts';
import { isWorkingDay, localDate } from '../../platform/calendar/working-days.ts';
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

  it('puts demo applications in a consistent workflow state, some in the demo officer’s hands, due dates on working days', async () => {
    const rows = await t.database.db
      .selectFrom('application')
      .select(['id', 'status', 'stepId', 'queueRole', 'assigneeId', 'stepDueAt', 'decidedAt', 'closedAt', 'dueAt', 'slaState'])
      .where('idempotencyKey', 'like', 'seed-%')
      .execute();
    const open = rows.filter((row) => ['submitted', 'in_review', 'information_requested'].includes(row.status));
    expect(open.length).toBeGreaterThan(0);
    expect(open.every((row) => row.stepId !== null && row.queueRole !== null && row.stepDueAt !== null)).toBe(true);
    expect(rows.filter((row) => row.status === 'issued').every((row) => row.stepId === null && row.decidedAt && row.closedAt)).toBe(true);
    expect(open.some((row) => row.assigneeId !== null)).toBe(true);
    expect(open.some((row) => row.slaState !== 'on_time')).toBe(true);
    const waiting = rows.filter((row) => row.status === 'information_requested').map((row) => row.id);
    const pauses = await t.database.db.selectFrom('applicationPause').select('applicationId').where('endedAt', 'is', null).execute();
    expect(pauses.map((p) => p.applicationId).sort()).toEqual(waiting.sort());
    const holidays = await createCalendar(t.database.db).holidaysFor();
    for (const row of rows) expect(isWorkingDay(localDate(row.dueAt), holidays)).toBe(true);
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
