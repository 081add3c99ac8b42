import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { type Database, openDatabase } from '../../platform/db/database.ts';
import { SMALL_DEMO, seedDemo } from '../../seed.ts';
import { seedScale } from '../../seed-scale/seed-scale.ts';
import { createTransparencyService, percentileOf, protectCount, protectDerived } from './transparency.service.ts';

// The dashboard's rollups against the truth: after the backfill, after a mix of changes, after folding
// twice and on two nodes at once, every rollup equals a recomputation from the base tables. Then the
// pages: both languages, a table for each chart, no count under 5.

let t: TestApp;
let db: Database;

beforeAll(async () => {
  t = await createTestApp();
  db = t.database.db;
  await seedDemo(db, t.services, SMALL_DEMO);
});

afterAll(async () => t?.close());

const TZ = sql.raw(`'Asia/Jakarta'`);

/** Application figures per day, agency and service, recomputed from the applications (units summed). */
async function applicationTruth() {
  const { rows } = await sql<Record<string, unknown>>`
    with a as (
      select agency_id, service_id, (submitted_at at time zone ${TZ})::date as rday,
        case when closed_at is not null and status <> 'withdrawn' then (closed_at at time zone ${TZ})::date end as cday,
        coalesce(closed_at <= due_at, false) as on_time, (closed_at is null and status <> 'withdrawn') as open, (due_at at time zone ${TZ})::date as dday
      from application
    ), x as (
      select rday as day, agency_id, service_id, 1 as received, 0 as completed, 0 as on_time, open::int as open_r, 0 as open_d from a
      union all select cday, agency_id, service_id, 0, 1, on_time::int, 0, 0 from a where cday is not null
      union all select dday, agency_id, service_id, 0, 0, 0, 0, 1 from a where open
    )
    select day::text as day, agency_id, service_id, sum(received)::int as received, sum(completed)::int as completed,
      sum(on_time)::int as on_time, sum(open_r)::int as open_r, sum(open_d)::int as open_d
    from x group by 1, 2, 3 order by 1, 2, 3`.execute(db);
  return rows;
}

async function applicationRollup() {
  const { rows } = await sql<Record<string, unknown>>`
    select day::text as day, agency_id, service_id, sum(received)::int as received, sum(completed)::int as completed,
      sum(completed_on_time)::int as on_time, sum(open_by_received)::int as open_r, sum(open_by_due)::int as open_d
    from transparency_application_daily group by 1, 2, 3
    having sum(received) <> 0 or sum(completed) <> 0 or sum(open_by_received) <> 0 or sum(open_by_due) <> 0
    order by 1, 2, 3`.execute(db);
  return rows;
}

async function durationTruth() {
  const { rows } = await sql<Record<string, unknown>>`
    select (closed_at at time zone ${TZ})::date::text as day, agency_id, service_id,
      least(366, greatest(0, ceil(extract(epoch from (closed_at - submitted_at)) / 86400)))::int as duration_days, count(*)::int as completed
    from application where closed_at is not null and status <> 'withdrawn' group by 1, 2, 3, 4 order by 1, 2, 3, 4`.execute(db);
  return rows;
}

async function durationRollup() {
  const { rows } = await sql<Record<string, unknown>>`
    select day::text as day, agency_id, service_id, duration_days::int as duration_days, sum(completed)::int as completed
    from transparency_application_duration group by 1, 2, 3, 4 having sum(completed) <> 0 order by 1, 2, 3, 4`.execute(db);
  return rows;
}

async function complaintTruth() {
  const { rows } = await sql<Record<string, unknown>>`
    with c as (
      select c.*, not exists (select 1 from complaint_alert s where s.complaint_id = c.id and s.stage = 'verify' and s.kind = 'breach') as fwd_ok,
        c.status in ('unverified', 'not_followed_up', 'in_process', 'postponed') as is_open
      from complaint c where c.merged_into_id is null
    ), x as (
      select (created_at at time zone ${TZ})::date as day, agency_id, unit_id, 1 as received, 0 as fwd, 0 as fwd_ok, 0 as res, 0 as res_ok,
        0 as ratings, 0 as rating_sum, is_open::int as open, 0 as open_d from c
      union all select (forwarded_at at time zone ${TZ})::date, agency_id, unit_id, 0, 1, fwd_ok::int, 0, 0, 0, 0, 0, 0 from c where forwarded_at is not null
      union all select (responded_at at time zone ${TZ})::date, agency_id, unit_id, 0, 0, 0, 1,
        (resolve_due_at is null or responded_at <= resolve_due_at)::int, 0, 0, 0, 0 from c where responded_at is not null
      union all select (rated_at at time zone ${TZ})::date, agency_id, unit_id, 0, 0, 0, 0, 0, 1, rating, 0, 0 from c where rating is not null
      union all select (stage_due_at at time zone ${TZ})::date, agency_id, unit_id, 0, 0, 0, 0, 0, 0, 0, 0, 1 from c
        where status in ('not_followed_up', 'in_process', 'postponed') and stage_due_at is not null
    )
    select day::text as day, agency_id, unit_id, sum(received)::int as received, sum(fwd)::int as fwd, sum(fwd_ok)::int as fwd_ok,
      sum(res)::int as res, sum(res_ok)::int as res_ok, sum(ratings)::int as ratings, sum(rating_sum)::int as rating_sum,
      sum(open)::int as open, sum(open_d)::int as open_d
    from x group by 1, 2, 3 order by 1, 2 nulls first, 3 nulls first`.execute(db);
  return rows;
}

async function complaintRollup() {
  const { rows } = await sql<Record<string, unknown>>`
    select day::text as day, agency_id, unit_id, received, forwarded as fwd, forwarded_on_time as fwd_ok, resolved as res,
      resolved_on_time as res_ok, ratings, rating_sum, open, open_by_due as open_d
    from transparency_complaint_daily
    where received <> 0 or forwarded <> 0 or resolved <> 0 or ratings <> 0 or open <> 0 or open_by_due <> 0
    order by 1, 2 nulls first, 3 nulls first`.execute(db);
  return rows;
}

async function expectRollupsTrue() {
  expect(await applicationRollup()).toEqual(await applicationTruth());
  expect(await durationRollup()).toEqual(await durationTruth());
  expect(await complaintRollup()).toEqual(await complaintTruth());
}

/** Changes as the workflow and the complaints desk make them: base rows updated, each with its timeline event. */
async function mixOfChanges() {
  const open = await db.selectFrom('application').select(['id', 'agencyId']).where('closedAt', 'is', null).orderBy('id').limit(6).execute();
  const closed = await db.selectFrom('application').select(['id', 'agencyId']).where('closedAt', 'is not', null).orderBy('id').limit(4).execute();
  expect(open.length + closed.length).toBeGreaterThan(5);
  // Reopened (a correction sends it back to work), overdue now.
  for (const app of closed) {
    await sql`update application set status = 'in_review', closed_at = null, due_at = now() - interval '2 days' where id = ${app.id}`.execute(db);
    await db.insertInto('applicationEvent').values({ applicationId: app.id, agencyId: app.agencyId, kind: 'reopened', actorRole: 'system' }).execute();
  }
  for (const [index, app] of open.entries()) {
    const status = index % 3 === 0 ? 'withdrawn' : index % 3 === 1 ? 'issued' : 'rejected';
    // Some late (a due date in the past), some long (submitted weeks ago).
    await sql`update application set status = ${status}, closed_at = now(), step_id = null, queue_unit_code = null,
      submitted_at = case when ${index % 2 === 0} then submitted_at - interval '20 days' else submitted_at end where id = ${app.id}`.execute(db);
    await db.insertInto('applicationEvent').values({ applicationId: app.id, agencyId: app.agencyId, kind: 'closed', actorRole: 'system' }).execute();
  }
  const complaints = await db.selectFrom('complaint').select(['id', 'agencyId', 'status']).orderBy('id').limit(6).execute();
  for (const [index, c] of complaints.entries()) {
    if (index % 2 === 0) {
      await sql`update complaint set responded_at = coalesce(responded_at, now()), status = 'closed', archive_reason = null, closed_at = now(), closed_by = 'reporter',
        rating = ${(index % 5) + 1}, rated_at = now(), stage = null where id = ${c.id}`.execute(db);
    } else {
      await sql`update complaint set status = 'in_process', archive_reason = null, stage = 'resolve', stage_due_at = now() - interval '3 days',
        agency_id = coalesce(agency_id, (select id from agency order by code limit 1)), forwarded_at = coalesce(forwarded_at, now())
        where id = ${c.id}`.execute(db);
    }
    await db
      .insertInto('complaintEvent')
      .values({ complaintId: c.id, agencyId: null, kind: 'changed', actorRole: 'system', visibility: 'internal', details: '{}' })
      .execute();
  }
}

describe('rollups', () => {
  it('the first fold backfills everything already there, in batches, equal to a recomputation from the base tables', async () => {
    const before = await db.selectFrom('transparencyWatermark').select(['backfillDone']).execute();
    expect(before.every((row) => !row.backfillDone)).toBe(true);
    await t.services.transparency.fold({ batchSize: 7 });
    const after = await db.selectFrom('transparencyWatermark').select(['backfillDone', 'foldedAt']).execute();
    expect(after.every((row) => row.backfillDone && row.foldedAt !== null)).toBe(true);
    expect((await applicationRollup()).length).toBeGreaterThan(0);
    expect((await complaintRollup()).length).toBeGreaterThan(0);
    await expectRollupsTrue();
  });

  it('after a mix of closings, withdrawals, answers, ratings and overdue complaints, the next fold keeps them equal', async () => {
    await mixOfChanges();
    await t.services.transparency.fold({ batchSize: 5 });
    await expectRollupsTrue();
  });

  it('folding again, on two nodes at once, or re-running the whole backfill never counts anything twice', async () => {
    // A second node: its own connection pool on the same database.
    const node = openDatabase(t.database.url, 3, () => {});
    const secondNode = createTransparencyService({ db: node.db });
    await mixOfChanges();
    await Promise.all([t.services.transparency.fold({ batchSize: 3 }), secondNode.fold({ batchSize: 4 })]);
    await expectRollupsTrue();
    await t.services.transparency.fold();
    await expectRollupsTrue();
    await t.services.transparency.rebuild();
    await Promise.all([t.services.transparency.fold({ batchSize: 6 }), secondNode.fold({ batchSize: 6 })]);
    await expectRollupsTrue();
    await node.close();
  });

  it('data loaded by `loket seed --scale` (COPY, no outbox) is folded in too, and the views show it after the fold', async () => {
    const before = await db
      .selectFrom('application')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    const viewBefore = await t.services.transparency.national({});
    await seedScale({ db, databaseUrl: t.database.url }, t.services, { applications: 300, complaints: 60 });
    // Until the fold, the (cached) view is unchanged; after it, the new work is counted.
    expect(await t.services.transparency.national({})).toEqual(viewBefore);
    await t.services.transparency.fold({ batchSize: 100 });
    expect((await t.services.transparency.national({})).applications.received).not.toEqual(viewBefore.applications.received);
    const { rows } = await sql<{ received: number }>`select sum(received)::int as received from transparency_application_daily`.execute(db);
    expect(rows[0]?.received).toBe(Number(before.n) + 300);
    await expectRollupsTrue();
  }, 60_000);
});

describe('figures', () => {
  it('percentiles from a histogram are nearest-rank, as over the sorted completion times', () => {
    const times = [1, 1, 2, 3, 3, 3, 5, 8, 13, 40];
    const histogram = [...new Set(times)].map((value) => ({ value, count: times.filter((v) => v === value).length }));
    expect(percentileOf(histogram, 0.5)).toBe(3);
    expect(percentileOf(histogram, 0.9)).toBe(13);
    expect(percentileOf([], 0.5)).toBeNull();
  });

  it('counts under 5 (zero included) and figures computed from fewer than 5 people are withheld; 5 is shown', () => {
    expect([0, 1, 4, 5].map((n) => protectCount(n))).toEqual([
      { suppressed: true },
      { suppressed: true },
      { suppressed: true },
      { suppressed: false, value: 5 },
    ]);
    expect(protectDerived(2.5, 3)).toEqual({ suppressed: true });
    expect(protectDerived(2.5, 9)).toEqual({ suppressed: false, value: 2.5 });
    expect(protectDerived(null, 0)).toEqual({ suppressed: true });
  });

  it('the open-data daily statistics hold no count under 5 and sum to the rollups', async () => {
    const rows = await t.services.transparency.dailyStatistics('2000-01-01', '2100-01-01');
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      for (const cell of [row.received, row.completed, row.completedOnTime, row.backlog]) {
        if (!cell.suppressed) expect(cell.value === 0 || cell.value >= 5).toBe(true);
      }
    }
  });
});

/** Numbers shown as plain counts in table cells and chart labels: each must be 0 or at least 5. */
function smallCounts(html: string): string[] {
  const cells = [...html.matchAll(/<td class="num">([^<]*)<\/td>/g)].map((m) => m[1] ?? '');
  const labels = [...html.matchAll(/<text [^>]*text-anchor="middle" fill="#0b0c0c">([^<]*)<\/text>/g)].map((m) => m[1] ?? '');
  return [...cells, ...labels]
    .filter((text) => /^\d+$/.test(text.replace(/[.,\s]/g, '')) && /^[\d.,\s]+$/.test(text))
    .filter((text) => {
      const value = Number(text.replace(/[.,\s]/g, ''));
      return value > 0 && value < 5;
    });
}

function expectChartsWithTables(html: string) {
  const charts = [...html.matchAll(/<svg class="chart"[^>]*role="img"[^>]*>\s*<title id="([^"]+)">[^<]+<\/title>\s*<desc id="([^"]+)">[^<]+<\/desc>/g)];
  expect(charts.length).toBeGreaterThan(0);
  for (const chart of charts) {
    // The same numbers follow in a table, right after the figure.
    const after = html.slice((chart.index ?? 0) + chart[0].length);
    const figureEnd = after.indexOf('</figure>');
    expect(after.slice(figureEnd, figureEnd + 200)).toContain('<table class="table">');
  }
  expect((html.match(/<svg class="chart"/g) ?? []).length).toBe(charts.length);
}

describe('pages', () => {
  const get = (url: string, lang: 'id' | 'en') => t.app.inject({ url, headers: { 'accept-language': lang } });

  it('the national view renders in Indonesian and English with its freshness, charts and tables, and no count under 5', async () => {
    for (const lang of ['id', 'en'] as const) {
      const response = await get('/transparency', lang);
      expect(response.statusCode, response.body.slice(0, 500)).toBe(200);
      const html = response.body;
      expect(html).toContain(lang === 'id' ? 'Kinerja layanan publik' : 'Public service performance');
      expect(html).toMatch(lang === 'id' ? /Diperbarui (baru saja|\d+ menit lalu)/ : /Updated (just now|\d+ minutes ago)/);
      expect(html).toContain('id="suppression-note"');
      expectChartsWithTables(html);
      expect(smallCounts(html)).toEqual([]);
    }
  });

  it('the agency, unit and service views render in both languages; unknown codes answer 404', async () => {
    const agency = await db
      .selectFrom('agency')
      .innerJoin('service', 'service.agencyId', 'agency.id')
      .select(['agency.code', 'agency.id'])
      .executeTakeFirstOrThrow();
    const service = await db.selectFrom('service').select('code').where('agencyId', '=', agency.id).executeTakeFirstOrThrow();
    const unit = await db.selectFrom('agencyUnit').select('code').where('agencyId', '=', agency.id).executeTakeFirst();
    const urls = [
      `/transparency/agencies/${agency.code}`,
      `/transparency/services/${service.code}`,
      ...(unit ? [`/transparency/agencies/${agency.code}/units/${unit.code}`] : []),
    ];
    for (const url of urls) {
      for (const lang of ['id', 'en'] as const) {
        const response = await get(url, lang);
        expect(response.statusCode, `${url} ${response.body.slice(0, 300)}`).toBe(200);
        expectChartsWithTables(response.body);
        expect(smallCounts(response.body), url).toEqual([]);
      }
    }
    const agencyPage = (await get(`/transparency/agencies/${agency.code}`, 'id')).body;
    expect(agencyPage).toContain('id="skm"');
    // The surveys module is wired in: the index's place shows its score (or its suppression mark).
    expect(agencyPage).toContain('Nilai SKM');
    for (const url of ['/transparency/agencies/tidak-ada', '/transparency/services/tidak-ada', `/transparency/agencies/${agency.code}/units/tidak-ada`]) {
      expect((await get(url, 'en')).statusCode).toBe(404);
    }
  });

  it('the league table filters by province and by regency, and ignores malformed codes', async () => {
    const regional = await db.selectFrom('agency').select(['code', 'regionCode', 'nameId']).where('regionCode', 'is not', null).executeTakeFirst();
    const ok = await get('/transparency?province=%3Cscript%3E&regency=zz', 'id');
    expect(ok.statusCode).toBe(200);
    expect(ok.body).not.toContain('&lt;script');
    if (regional?.regionCode) {
      const province = regional.regionCode.slice(0, 2);
      const filtered = await get(`/transparency?province=${province}`, 'id');
      expect(filtered.statusCode).toBe(200);
      expect(filtered.body).toContain(`/transparency/agencies/${regional.code}`);
      const elsewhere = await get(`/transparency?province=${province === '11' ? '12' : '11'}`, 'id');
      expect(elsewhere.body).not.toContain(`/transparency/agencies/${regional.code}"`);
    }
  });
});
