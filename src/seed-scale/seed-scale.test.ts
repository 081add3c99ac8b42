import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, sessionTokenFor, type TestApp } from '../../test/helpers/app.ts';
import { answersContext, openJson } from '../modules/applications/application-records.ts';
import { parseTrackingNumber } from '../modules/applications/tracking-number.ts';
import { reporterContext } from '../modules/complaints/complaints.context.ts';
import { decryptField } from '../platform/crypto/envelope.ts';
import { freeTrackingNumber, parseScale, type ScaleSeedReport, seedScale, trackingNumberFor } from './seed-scale.ts';

describe('loket seed --scale', () => {
  let t: TestApp;
  let report: ScaleSeedReport;
  let indexesBefore: string[];
  const phases = new Set<string>();

  const indexNames = async () =>
    (
      await t.database.pool.query<{ indexname: string }>(
        `select indexname from pg_indexes where tablename in ('account', 'application', 'application_event', 'application_pause', 'complaint', 'complaint_event') order by 1`,
      )
    ).rows.map((r) => r.indexname);

  beforeAll(async () => {
    t = await createTestApp();
    indexesBefore = await indexNames();
    // Small, but through the path the large runs take: indexes dropped and rebuilt.
    report = await seedScale({ db: t.database.db, databaseUrl: t.database.url }, t.services, {
      applications: 400,
      rebuildIndexes: true,
      onProgress: (phase) => phases.add(phase),
    });
  }, 60_000);

  afterAll(async () => {
    await t?.close();
  });

  it('never gives a generated row a number a random one already holds, nor one another serial gets', () => {
    const taken = new Set([trackingNumberFor(7), trackingNumberFor(7 + 2 ** 33)]);
    const number = freeTrackingNumber(7, taken);
    expect(taken.has(number)).toBe(false);
    expect(parseTrackingNumber(number)).toBe(number);
    const generated = new Set(Array.from({ length: 20_000 }, (_, serial) => trackingNumberFor(serial)));
    expect(generated.size).toBe(20_000);
    expect(generated.has(number)).toBe(false);
    expect(freeTrackingNumber(8, taken)).toBe(trackingNumberFor(8));
  });

  it('reads the scale as people write it', () => {
    expect(parseScale('10k')).toBe(10_000);
    expect(parseScale('1m')).toBe(1_000_000);
    expect(parseScale('10M')).toBe(10_000_000);
    expect(parseScale('2.5m')).toBe(2_500_000);
    expect(parseScale('1_000')).toBe(1000);
    expect(parseScale('ten')).toBeUndefined();
    expect(parseScale('0')).toBeUndefined();
  });

  it('adds the applications, a tenth as many citizens, timelines and pauses, and rebuilds every index', async () => {
    expect(report).toMatchObject({ applications: 400, citizens: 40, rebuiltIndexes: expect.any(Number) });
    expect(report.rebuiltIndexes).toBeGreaterThan(5);
    expect(await indexNames()).toEqual(indexesBefore);
    const scaled = t.database.db.selectFrom('application').where('idempotencyKey', 'like', 'scale-%');
    const counted = await scaled.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    expect(Number(counted.n)).toBe(400);
    const statuses = await scaled.select('status').groupBy('status').execute();
    expect(statuses.length).toBeGreaterThanOrEqual(5);
    const events = await t.database.db
      .selectFrom('applicationEvent as e')
      .innerJoin('application as a', 'a.id', 'e.applicationId')
      .where('a.idempotencyKey', 'like', 'scale-%')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(events.n)).toBe(report.events);
    expect(report.events).toBeGreaterThan(400);
    expect(phases).toEqual(new Set(['citizens', 'applications', 'complaints', 'indexes']));
  });

  it('writes rows the pages can read: valid tracking numbers, answers that decrypt, open work in queues', async () => {
    const rows = await t.database.db
      .selectFrom('application')
      .select(['id', 'trackingNumber', 'dataKeyId', 'answersEnc', 'status', 'stepId', 'queueRole', 'dueAt', 'submittedAt'])
      .where('idempotencyKey', 'like', 'scale-%')
      .execute();
    for (const row of rows) {
      expect(parseTrackingNumber(row.trackingNumber)).toBe(row.trackingNumber);
      expect(row.dueAt.getTime()).toBeGreaterThan(row.submittedAt.getTime());
    }
    const open = rows.filter((r) => ['submitted', 'in_review', 'information_requested'].includes(r.status));
    expect(open.length).toBeGreaterThan(0);
    expect(open.every((r) => r.stepId !== null && r.queueRole !== null)).toBe(true);
    const first = rows[0];
    if (!first) throw new Error('no rows');
    const answers = openJson(await t.services.dataKeys.open(first.dataKeyId), first.answersEnc, answersContext(first.id));
    expect(Object.keys(answers).length).toBeGreaterThan(0);

    const tracked = rows.find((r) => r.status === 'information_requested') ?? first;
    const page = await t.app.inject({ method: 'GET', url: `/track/${tracked.trackingNumber}` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(tracked.trackingNumber);
  });

  it('gives the demo officer a work queue from the scaled rows', async () => {
    const officer = await t.services.accountsRepository.findByIndex('emailIndex', t.services.personalData.index('email', 'petugas@demo.loket.test'));
    if (!officer) throw new Error('demo officer missing');
    const token = await sessionTokenFor(t.services, { accountId: officer.id, kind: 'staff' });
    const queue = await t.app.inject({ method: 'GET', url: '/backoffice/queue?tab=unassigned', headers: { cookie: `loket_session=${token}` } });
    expect(queue.statusCode).toBe(200);
    const mine = await t.database.db
      .selectFrom('application')
      .select('trackingNumber')
      .where('idempotencyKey', 'like', 'scale-%')
      .where('stepId', 'is not', null)
      .where('assigneeId', 'is', null)
      .where('queueRole', '=', 'officer')
      .where('agencyId', '=', (eb) => eb.selectFrom('agency').select('id').where('code', '=', 'disdukcapil-kota-bandung'))
      .orderBy('dueAt')
      .limit(1)
      .executeTakeFirst();
    if (mine) expect(queue.body).toContain(mine.trackingNumber);
  });

  it('adds a fifth as many complaints in a realistic mix, consistent with the complaint pages and the clock', async () => {
    expect(report.complaints).toBe(80);
    // Their ids carry the serial past 2^31 (src/seed-scale/seed-scale.ts), unlike the demo's reports.
    const generated = await t.database.db.selectFrom('complaint').selectAll().where(sql`id::text`, 'like', '%-0000-8000-%').execute();
    expect(generated).toHaveLength(80);
    expect(new Set(generated.map((row) => row.status)).size).toBeGreaterThanOrEqual(4);
    for (const row of generated) {
      expect(parseTrackingNumber(row.trackingId, 'ADU')).toBe(row.trackingId);
      // Forwarded reports have an agency and the resolution deadline; only unverified and archived ones have none.
      expect(row.agencyId === null).toBe(row.status === 'unverified' || row.status === 'archived');
      if (row.agencyId) expect(row.resolveDueAt?.getTime()).toBeGreaterThan(row.verifiedAt?.getTime() ?? 0);
      expect(row.stage === null).toBe(row.status === 'closed' || row.status === 'archived');
      if (row.rating !== null) expect(row.closedBy).toBe('reporter');
    }
    const events = await t.database.db
      .selectFrom('complaintEvent')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where(
        'complaintId',
        'in',
        generated.map((row) => row.id),
      )
      .executeTakeFirstOrThrow();
    expect(Number(events.n)).toBe(report.complaintEvents);
    // A guest's contact is real ciphertext bound to its report.
    const guest = generated.find((row) => row.reporterEnc !== null);
    if (guest) {
      const key = await t.services.dataKeys.open(guest.dataKeyId);
      expect(JSON.parse(decryptField(key, guest.reporterEnc as string, reporterContext(guest.id)))).toMatchObject({ name: expect.any(String) });
    }
    // The public list and a public report page read them.
    const shown = generated.find((row) => !row.isSecret && row.status !== 'unverified');
    expect((await t.app.inject({ url: '/complaints' })).statusCode).toBe(200);
    if (shown) expect((await t.app.inject({ url: `/complaints/${shown.trackingId}` })).body).toContain(shown.title);
  });
});
