import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { localDate } from '../../platform/calendar/working-days.ts';
import { SMALL_DEMO, seedDemo } from '../../seed.ts';
import { seedDemoSurveys } from './surveys.seed.ts';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
  await seedDemo(t.database.db, t.services, SMALL_DEMO);
});

afterAll(async () => t?.close());

describe('the demo seed', () => {
  it('answers most completed applications and closed complaints, so the demo has an index, and leaves the rest invited', async () => {
    const responses = await t.database.db.selectFrom('surveyResponse').select(['subjectKind', 'channel']).execute();
    const pending = await t.database.db.selectFrom('surveyInvitation').select('id').where('used', '=', false).execute();
    expect(responses.length).toBeGreaterThanOrEqual(5);
    expect(pending.length).toBeGreaterThan(0);
    expect(new Set(responses.map((r) => r.subjectKind))).toEqual(new Set(['application', 'complaint']));
    const today = localDate(new Date());
    const year = await t.services.surveys.index({ from: `${Number(today.slice(0, 4)) - 2}-01-01`, to: today });
    expect(year.respondents).toBe(responses.length);
    expect(year.index?.grade).toMatch(/^[ABCD]$/);
    expect(year.index?.score).toBeGreaterThanOrEqual(25);
    const byAgency = await t.services.surveys.indexBy('agency', { from: `${Number(today.slice(0, 4)) - 2}-01-01`, to: today });
    expect(byAgency.length).toBeGreaterThan(0);
    expect(byAgency.every((group) => group.name !== undefined)).toBe(true);
  });

  it('keeps the daily rollup the index reads equal to the responses and invitations themselves', async () => {
    const db = t.database.db;
    const raw = await sql<{ n: number; s: number[] }>`
      select count(*)::int as n, array[sum(u1), sum(u2), sum(u3), sum(u4), sum(u5), sum(u6), sum(u7), sum(u8), sum(u9)]::int[] as s
      from survey_response`.execute(db);
    const rolled = await sql<{ n: number; s: number[]; served: number }>`
      select sum(respondents)::int as n, array[sum(s1), sum(s2), sum(s3), sum(s4), sum(s5), sum(s6), sum(s7), sum(s8), sum(s9)]::int[] as s,
             sum(served)::int as served
      from survey_daily`.execute(db);
    const invitations = await db.selectFrom('surveyInvitation').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
    expect(rolled.rows[0]?.n).toBe(raw.rows[0]?.n);
    expect(rolled.rows[0]?.s).toEqual(raw.rows[0]?.s);
    expect(rolled.rows[0]?.served).toBe(invitations.n);
  });

  it('runs once: seeding again adds nothing', async () => {
    const before = (await t.database.db.selectFrom('surveyResponse').select('id').execute()).length;
    expect(await seedDemoSurveys(t.database.db, t.services)).toEqual({ responses: 0, invited: 0 });
    expect((await t.database.db.selectFrom('surveyResponse').select('id').execute()).length).toBe(before);
  });
});
