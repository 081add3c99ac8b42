import { type Insertable, type Selectable, sql } from 'kysely';
import { localDate } from '../../platform/calendar/working-days.ts';
import type { Database } from '../../platform/db/database.ts';
import type { ElementTotals } from './skm.ts';
import type { SurveyInvitationTable, SurveyResponseTable, SurveySubjectKind } from './surveys.tables.ts';

// SQL of the surveys module, nothing else. Aggregates are computed by PostgreSQL (sums per element,
// grouped) and turned into an index by skm.ts: no query ever hands out a single response.

export type InvitationRow = Selectable<SurveyInvitationTable>;

/** Which answers an index covers. Dates are ISO days in WIB, both ends included. */
export interface ResponseFilter {
  agencyId?: string | undefined;
  unitId?: string | undefined;
  serviceId?: string | undefined;
  subjectKind?: SurveySubjectKind | undefined;
  from: string;
  to: string;
}

export type GroupBy = 'agency' | 'unit' | 'service' | 'month';

export interface TotalsRow extends ElementTotals {
  /** The group's key: an agency, unit or service id, or a month (yyyy-mm); null for answers with no unit or service. */
  key: string | null;
  /** People served in the group over the period (invitations made): the sample's population. */
  served: number;
}

/** Stands for "no unit" and "no service" in survey_daily's key. */
export const NO_KEY = '00000000-0000-0000-0000-000000000000';

export interface GroupName {
  key: string;
  code: string;
  nameId: string;
  nameEn: string;
}

const SUMS = [1, 2, 3, 4, 5, 6, 7, 8, 9] as const;

export type ProfileQuestion = 'ageBand' | 'sex' | 'education' | 'occupation';
const PROFILE_COLUMNS: readonly (readonly [ProfileQuestion, string])[] = [
  ['ageBand', 'age_band'],
  ['sex', 'sex'],
  ['education', 'education'],
  ['occupation', 'occupation'],
];

function keyColumn(groupBy: GroupBy | undefined) {
  switch (groupBy) {
    case 'agency':
      return sql<string | null>`d.agency_id::text`;
    case 'unit':
      return sql<string | null>`nullif(d.unit_key, ${NO_KEY}::uuid)::text`;
    case 'service':
      return sql<string | null>`nullif(d.service_key, ${NO_KEY}::uuid)::text`;
    case 'month':
      return sql<string | null>`to_char(d.day, 'YYYY-MM')`;
    case undefined:
      return sql<string | null>`null::text`;
  }
}

/** Adds to one day's group in survey_daily, creating it on first use. */
async function bumpDaily(
  trx: Database,
  key: { agencyId: string; day: string; unitId: string | null | undefined; serviceId: string | null | undefined; subjectKind: SurveySubjectKind },
  add: { served: number; respondents: number; sums: readonly number[] },
): Promise<void> {
  const sums = Object.fromEntries(SUMS.map((n) => [`s${n}`, add.sums[n - 1] ?? 0])) as Record<`s${(typeof SUMS)[number]}`, number>;
  await trx
    .insertInto('surveyDaily')
    .values({
      agencyId: key.agencyId,
      day: key.day,
      unitKey: key.unitId ?? NO_KEY,
      serviceKey: key.serviceId ?? NO_KEY,
      subjectKind: key.subjectKind,
      served: add.served,
      respondents: add.respondents,
      ...sums,
    })
    .onConflict((oc) =>
      oc.columns(['agencyId', 'day', 'unitKey', 'serviceKey', 'subjectKind']).doUpdateSet((eb) => ({
        served: eb('surveyDaily.served', '+', eb.ref('excluded.served')),
        respondents: eb('surveyDaily.respondents', '+', eb.ref('excluded.respondents')),
        ...Object.fromEntries(SUMS.map((n) => [`s${n}`, eb(`surveyDaily.s${n}`, '+', eb.ref(`excluded.s${n}`))])),
      })),
    )
    .execute();
}

export function createSurveysRepository(db: Database) {
  /** Names for group keys: agencies, units or services (a service's name from its latest version). */
  async function names(groupBy: Exclude<GroupBy, 'month'>, keys: readonly string[], trx: Database = db): Promise<GroupName[]> {
    if (keys.length === 0) return [];
    if (groupBy === 'agency') return trx.selectFrom('agency').select(['id as key', 'code', 'nameId', 'nameEn']).where('id', 'in', keys).execute();
    if (groupBy === 'unit') return trx.selectFrom('agencyUnit').select(['id as key', 'code', 'nameId', 'nameEn']).where('id', 'in', keys).execute();
    return trx
      .selectFrom('service as s')
      .innerJoinLateral(
        (eb) =>
          eb
            .selectFrom('serviceVersion as v')
            .select(['v.nameId', 'v.nameEn'])
            .whereRef('v.serviceId', '=', 's.id')
            .orderBy(sql`v.status = 'published'`, 'desc')
            .orderBy('v.version', 'desc')
            .limit(1)
            .as('v'),
        (join) => join.onTrue(),
      )
      .select(['s.id as key', 's.code', 'v.nameId', 'v.nameEn'])
      .where('s.id', 'in', keys)
      .execute();
  }

  return {
    names,

    /** Inserts the invitation unless the subject already has one, and counts the person served; the new row, or undefined. */
    async insertInvitation(values: Insertable<SurveyInvitationTable>, trx: Database = db): Promise<InvitationRow | undefined> {
      const row = await trx
        .insertInto('surveyInvitation')
        .values(values)
        .onConflict((oc) => oc.columns(['subjectKind', 'subjectId']).doNothing())
        .returningAll()
        .executeTakeFirst();
      // One more person served that day: the population the sample is judged against.
      if (row) await bumpDaily(trx, { ...row, day: localDate(row.invitedAt) }, { served: 1, respondents: 0, sums: [] });
      return row;
    },

    async invitationByTokenHash(tokenHash: string, trx: Database = db, lock = false): Promise<InvitationRow | undefined> {
      let query = trx.selectFrom('surveyInvitation').selectAll().where('tokenHash', '=', tokenHash);
      if (lock) query = query.forUpdate();
      return query.executeTakeFirst();
    },

    async invitationByReference(subjectKind: SurveySubjectKind, reference: string, trx: Database = db): Promise<InvitationRow | undefined> {
      return trx.selectFrom('surveyInvitation').selectAll().where('subjectKind', '=', subjectKind).where('reference', '=', reference).executeTakeFirst();
    },

    /** Marks it used if it was not; false when someone else's answer came first. */
    async markUsed(id: string, trx: Database = db): Promise<boolean> {
      const row = await trx
        .updateTable('surveyInvitation')
        .set({ used: true })
        .where('id', '=', id)
        .where('used', '=', false)
        .returning('id')
        .executeTakeFirst();
      return row !== undefined;
    },

    /** Inserts a response and adds it to its day's sums, in the caller's transaction. */
    async insertResponse(values: Insertable<SurveyResponseTable> & { answeredOn: string }, trx: Database = db): Promise<void> {
      await trx.insertInto('surveyResponse').values(values).execute();
      const scores = [values.u1, values.u2, values.u3, values.u4, values.u5, values.u6, values.u7, values.u8, values.u9];
      await bumpDaily(
        trx,
        { agencyId: values.agencyId, day: values.answeredOn, unitId: values.unitId, serviceId: values.serviceId, subjectKind: values.subjectKind },
        { served: 0, respondents: 1, sums: scores },
      );
    },

    /**
     * Per group, over the filter's days: the people served, the answers, and the sum of each element
     * (U1–U9). Read from survey_daily, so its cost follows days × groups, not people served.
     */
    async aggregate(filter: ResponseFilter, groupBy?: GroupBy, trx: Database = db): Promise<TotalsRow[]> {
      const key = keyColumn(groupBy);
      let query = trx
        .selectFrom('surveyDaily as d')
        .select([
          key.as('key'),
          sql<number>`coalesce(sum(d.served), 0)::int`.as('served'),
          sql<number>`coalesce(sum(d.respondents), 0)::int`.as('respondents'),
          ...SUMS.map((n) => sql<number>`coalesce(sum(${sql.ref(`d.s${n}`)}), 0)::int`.as(`s${n}`)),
        ])
        .where('d.day', '>=', filter.from)
        .where('d.day', '<=', filter.to);
      if (filter.agencyId) query = query.where('d.agencyId', '=', filter.agencyId);
      if (filter.unitId) query = query.where('d.unitKey', '=', filter.unitId);
      if (filter.serviceId) query = query.where('d.serviceKey', '=', filter.serviceId);
      if (filter.subjectKind) query = query.where('d.subjectKind', '=', filter.subjectKind);
      if (groupBy) query = query.groupBy(sql`1`).orderBy(sql`1`);
      const rows = (await query.execute()) as unknown as (Record<`s${(typeof SUMS)[number]}`, number> & {
        key: string | null;
        served: number;
        respondents: number;
      })[];
      return rows.map((row) => ({ key: row.key, served: row.served, respondents: row.respondents, sums: SUMS.map((n) => row[`s${n}`]) }));
    },

    /**
     * Comments in the filter, in no meaningful order (random ids), without their scores, days or
     * profiles: what a comment says is shown, never who or when. The caller enforces a minimum group size.
     */
    async comments(filter: ResponseFilter, limit: number, trx: Database = db): Promise<string[]> {
      let query = trx
        .selectFrom('surveyResponse as r')
        .select('r.comment')
        .where('r.comment', 'is not', null)
        .where('r.answeredOn', '>=', filter.from)
        .where('r.answeredOn', '<=', filter.to);
      if (filter.agencyId) query = query.where('r.agencyId', '=', filter.agencyId);
      if (filter.unitId) query = query.where('r.unitId', '=', filter.unitId);
      if (filter.serviceId) query = query.where('r.serviceId', '=', filter.serviceId);
      const rows = await query.orderBy('r.id').limit(limit).execute();
      return rows.flatMap((row) => (row.comment ? [row.comment] : []));
    },

    /** Counts of the respondent profile's answers (unanswered as null), one group-by per question. */
    async profileCounts(filter: ResponseFilter, trx: Database = db): Promise<{ question: ProfileQuestion; value: string | null; count: number }[]> {
      const out: { question: ProfileQuestion; value: string | null; count: number }[] = [];
      for (const [question, column] of PROFILE_COLUMNS) {
        let query = trx
          .selectFrom('surveyResponse as r')
          .select([sql<string | null>`${sql.ref(`r.${column}`)}::text`.as('value'), sql<number>`count(*)::int`.as('count')])
          .where('r.answeredOn', '>=', filter.from)
          .where('r.answeredOn', '<=', filter.to);
        if (filter.agencyId) query = query.where('r.agencyId', '=', filter.agencyId);
        if (filter.unitId) query = query.where('r.unitId', '=', filter.unitId);
        if (filter.serviceId) query = query.where('r.serviceId', '=', filter.serviceId);
        if (filter.subjectKind) query = query.where('r.subjectKind', '=', filter.subjectKind);
        const rows = await query.groupBy(sql`1`).orderBy(sql`1`).execute();
        out.push(...rows.map((row) => ({ question, value: row.value, count: row.count })));
      }
      return out;
    },

    /** The unit an application was handled at: the named unit of its agency, else the agency's first office (as the workflow's calendar does). */
    async unitOf(agencyId: string, unitCode: string | null, trx: Database = db): Promise<string | null> {
      let query = trx.selectFrom('agencyUnit').select('id').where('agencyId', '=', agencyId);
      query = unitCode ? query.where('code', '=', unitCode) : query.orderBy('code').limit(1);
      const row = await query.executeTakeFirst();
      return row?.id ?? null;
    },

    async serviceName(serviceId: string, trx: Database = db): Promise<{ nameId: string; nameEn: string } | undefined> {
      const [row] = await names('service', [serviceId], trx);
      return row;
    },

    async agencyName(agencyId: string, trx: Database = db): Promise<{ nameId: string; nameEn: string } | undefined> {
      return trx.selectFrom('agency').select(['nameId', 'nameEn']).where('id', '=', agencyId).executeTakeFirst();
    },

    /** The invitations sent for these applications or complaints (a person's data export lists them). */
    async invitationsFor(subjectKind: SurveySubjectKind, subjectIds: readonly string[], trx: Database = db) {
      if (subjectIds.length === 0) return [];
      return trx
        .selectFrom('surveyInvitation')
        .select(['id', 'subjectKind', 'subjectId', 'reference', 'invitedAt', 'used'])
        .where('subjectKind', '=', subjectKind)
        .where('subjectId', 'in', subjectIds)
        .orderBy('invitedAt')
        .execute();
    },

    /** Retention (privacy module): removes free-text comments answered before `cutoff`; the scores stay for the index. */
    async eraseCommentsBefore(cutoff: Date, limit: number, held: readonly string[]): Promise<number> {
      const ids = db
        .selectFrom('surveyResponse')
        .select('id')
        .where('comment', 'is not', null)
        .where('answeredOn', '<', sql<string>`${cutoff.toISOString().slice(0, 10)}::date`)
        .$if(held.length > 0, (q) => q.where(sql<boolean>`id::text <> all(${sql.val(held)}::text[])`))
        .limit(limit);
      const result = await db.updateTable('surveyResponse').set({ comment: null }).where('id', 'in', ids).executeTakeFirst();
      return Number(result.numUpdatedRows);
    },
  };
}

export type SurveysRepository = ReturnType<typeof createSurveysRepository>;
