import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/db.ts';
import { createCalendar } from './calendar.service.ts';
import type { HolidayTable } from './calendar.tables.ts';
import { addWorkingDays } from './working-days.ts';

describe('calendar service (migrated holiday data)', () => {
  let database: TestDatabase;
  let agencyId: string;
  let otherAgencyId: string;
  let unitId: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    const db = database.db;
    const agency = (code: string) =>
      db
        .insertInto('agency')
        .values({ code, level: 'national', regionCode: null, nameId: code, nameEn: code, website: null })
        .returning('id')
        .executeTakeFirstOrThrow();
    agencyId = (await agency('kalender-satu')).id;
    otherAgencyId = (await agency('kalender-dua')).id;
    // Through SQL: the unit's other columns have defaults the table type does not describe.
    const unit = await sql<{ id: string }>`
      insert into agency_unit (agency_id, code, name_id, name_en, street_address, region_code, time_zone)
      values (${agencyId}, 'kantor-a', 'Kantor A', 'Office A', 'Jl. Satu', '31', 'Asia/Jakarta') returning id`.execute(db);
    unitId = unit.rows[0]?.id ?? '';
  });
  afterAll(async () => {
    await database.drop();
  });

  it('ships the 2025 and 2026 decrees in full and the fixed 2027 holidays', async () => {
    const rows = await database.db
      .withTables<{ holiday: HolidayTable }>()
      .selectFrom('holiday')
      .select([sql<string>`extract(year from date)::text`.as('year'), 'kind', (eb) => eb.fn.countAll<string>().as('n')])
      .groupBy(['year', 'kind'])
      .orderBy('year')
      .orderBy('kind')
      .execute();
    // The decrees' own totals: 2025 has 17 holidays and 10 joint leave days plus 18 August; 2026 has 17 and 8.
    expect(rows.map((r) => `${r.year} ${r.kind} ${r.n}`)).toEqual([
      '2025 joint_leave 11',
      '2025 national 17',
      '2026 joint_leave 8',
      '2026 national 17',
      '2027 national 5',
    ]);
  });

  it('counts due dates across Idulfitri 2025 and 2026 with the shipped data', async () => {
    const holidays = await createCalendar(database.db).holidaysFor();
    expect(addWorkingDays(new Date('2025-03-27T03:00:00Z'), 3, { holidays })).toBe('2025-04-10');
    expect(addWorkingDays(new Date('2026-03-17T03:00:00Z'), 1, { holidays })).toBe('2026-03-25');
    expect(addWorkingDays(new Date('2026-12-23T03:00:00Z'), 5, { holidays })).toBe('2027-01-04');
  });

  it('applies an agency closure to that agency only, and a unit closure to that unit only', async () => {
    const calendar = createCalendar(database.db);
    expect((await calendar.holidaysFor(agencyId)).has('2027-02-03')).toBe(false);
    await database.db
      .withTables<{ holiday: HolidayTable }>()
      .insertInto('holiday')
      .values([
        { date: '2027-02-03', kind: 'agency_closure', nameId: 'Pindah kantor', nameEn: 'Office move', agencyId, unitId: null },
        { date: '2027-02-04', kind: 'agency_closure', nameId: 'Renovasi', nameEn: 'Renovation', agencyId, unitId },
      ])
      .execute();
    // Cached until refreshed.
    expect((await calendar.holidaysFor(agencyId)).has('2027-02-03')).toBe(false);
    await calendar.refresh();
    expect((await calendar.holidaysFor(agencyId)).has('2027-02-03')).toBe(true);
    expect((await calendar.holidaysFor(agencyId)).has('2027-02-04')).toBe(false);
    expect((await calendar.holidaysFor(agencyId, unitId)).has('2027-02-04')).toBe(true);
    expect((await calendar.holidaysFor(otherAgencyId)).has('2027-02-03')).toBe(false);
    expect((await calendar.holidaysFor()).has('2027-02-03')).toBe(false);
    expect((await calendar.holidaysFor(otherAgencyId)).has('2026-03-20')).toBe(true);
  });

  it('refuses a second row for the same date and scope, and a national day with an agency', async () => {
    const holiday = database.db.withTables<{ holiday: HolidayTable }>();
    await expect(
      holiday.insertInto('holiday').values({ date: '2026-03-20', kind: 'joint_leave', nameId: 'x', nameEn: 'x', agencyId: null, unitId: null }).execute(),
    ).rejects.toThrow(/holiday_scope_idx/);
    await expect(
      holiday.insertInto('holiday').values({ date: '2027-03-01', kind: 'national', nameId: 'x', nameEn: 'x', agencyId, unitId: null }).execute(),
    ).rejects.toThrow(/check/);
  });
});
