import { type Insertable, sql, type Updateable } from 'kysely';
import type { Database } from '../../platform/db/database.ts';
import { type SearchQuery, termsNeeded } from './catalogue.search.ts';
import type { CostKind } from './catalogue.standard.ts';
import type { ApplicantType, PriorityGroup, ServiceChannel, ServiceVersionStatus, ServiceVersionTable } from './catalogue.tables.ts';

// SQL for services and their versions. Rules (who may, which status may change) are in the services.

/** A version with the codes and names of its service and agency, as pages and the API read it. */
export interface VersionRow {
  id: string;
  serviceId: string;
  serviceCode: string;
  agencyId: string;
  agencyCode: string;
  agencyNameId: string;
  agencyNameEn: string;
  version: number;
  status: ServiceVersionStatus;
  nameId: string;
  nameEn: string;
  summaryId: string;
  summaryEn: string;
  lifeEvents: string[];
  applicantTypes: ApplicantType[];
  channels: ServiceChannel[];
  priorityGroups: PriorityGroup[];
  timeLimitWorkingDays: number;
  costAmount: number;
  standard: unknown;
  form: unknown;
  /** The stored workflow definition (validate with workflowOf); null: the platform's standard workflow. */
  workflow: unknown;
  outputTemplate: unknown;
  createdAt: Date;
  updatedAt: Date;
  publishedAt: Date | null;
  retiredAt: Date | null;
}

/** One line of a search result. */
export interface ServiceHit {
  versionId: string;
  code: string;
  nameId: string;
  nameEn: string;
  summaryId: string;
  summaryEn: string;
  timeLimitWorkingDays: number;
  costAmount: number;
  costKind: CostKind;
  channels: ServiceChannel[];
  applicantTypes: ApplicantType[];
  lifeEvents: string[];
  agencyCode: string;
  agencyNameId: string;
  agencyNameEn: string;
}

export interface SearchFilters {
  query: SearchQuery;
  agencyCode?: string | undefined;
  /** Any of these. */
  lifeEvents?: readonly string[] | undefined;
  applicantType?: ApplicantType | undefined;
  /** Orders an unranked list (no query) by the name in this language. */
  locale: 'id' | 'en';
  limit: number;
  offset: number;
}

export interface ManagedVersion {
  id: string;
  version: number;
  status: ServiceVersionStatus;
  nameId: string;
  nameEn: string;
  updatedAt: Date;
  publishedAt: Date | null;
  retiredAt: Date | null;
}

export interface ManagedService {
  id: string;
  code: string;
  agencyId: string;
  agencyNameId: string;
  agencyNameEn: string;
  versions: ManagedVersion[];
}

export type VersionValues = Omit<
  Insertable<ServiceVersionTable>,
  'id' | 'serviceId' | 'version' | 'status' | 'createdAt' | 'updatedAt' | 'publishedAt' | 'retiredAt'
>;

export function versionQuery(db: Database) {
  return db
    .selectFrom('serviceVersion as v')
    .innerJoin('service as s', 's.id', 'v.serviceId')
    .innerJoin('agency as a', 'a.id', 's.agencyId')
    .select([
      'v.id',
      'v.serviceId',
      's.code as serviceCode',
      's.agencyId',
      'a.code as agencyCode',
      'a.nameId as agencyNameId',
      'a.nameEn as agencyNameEn',
      'v.version',
      'v.status',
      'v.nameId',
      'v.nameEn',
      'v.summaryId',
      'v.summaryEn',
      'v.lifeEvents',
      'v.applicantTypes',
      'v.channels',
      'v.priorityGroups',
      'v.timeLimitWorkingDays',
      'v.costAmount',
      'v.standard',
      'v.form',
      'v.workflow',
      'v.outputTemplate',
      'v.createdAt',
      'v.updatedAt',
      'v.publishedAt',
      'v.retiredAt',
    ]);
}

/** The search: full text (`indonesian`) on the whole query, and each word by full text or by trigrams. */
function searchConditions(query: SearchQuery) {
  const strict = sql`v.search_vector @@ websearch_to_tsquery('indonesian', ${query.text})`;
  const termMatches = query.terms.map((term) => sql`(v.search_vector @@ plainto_tsquery('indonesian', ${term}) or ${term} <% v.search_text)`);
  const loose =
    query.terms.length > 0
      ? sql.join(
          query.terms.map((term) => sql`plainto_tsquery('indonesian', ${term})`),
          sql` || `,
        )
      : sql`''::tsquery`;
  const matched =
    termMatches.length > 0
      ? sql.join(
          termMatches.map((match) => sql`(case when ${match} then 1 else 0 end)`),
          sql` + `,
        )
      : sql`0`;
  const phrase = query.terms.join(' ');
  // Words matched weigh most; then how well the name alone resembles the query (for misspelt names),
  // then full-text rank; matching the whole query adds a step.
  const score = sql`(3.0 * (${matched}) / ${Math.max(query.terms.length, 1)}
      + 2.0 * greatest(word_similarity(${phrase}, v.name_id), word_similarity(${phrase}, v.name_en))
      + ts_rank_cd(v.search_vector, ${loose}, 32)
      + (case when ${strict} then 1 else 0 end))`;
  // Written as one OR of indexable conditions so that PostgreSQL can use the GIN indexes of 0008.
  const candidate = sql.join([strict, ...termMatches], sql` or `);
  return { strict, matched, score, candidate };
}

/** Published services matching the filters and the query, best first; `total` counts every match. */
async function searchServices(db: Database, filters: SearchFilters): Promise<{ hits: ServiceHit[]; total: number }> {
  const { query } = filters;
  const where = [sql`v.status = 'published'`];
  if (filters.agencyCode !== undefined) where.push(sql`a.code = ${filters.agencyCode}`);
  if (filters.lifeEvents !== undefined && filters.lifeEvents.length > 0) where.push(sql`v.life_events && ${[...filters.lifeEvents]}::text[]`);
  if (filters.applicantType !== undefined) where.push(sql`${filters.applicantType} = any(v.applicant_types)`);
  const searching = query.text !== '';
  const { strict, matched, score, candidate } = searchConditions(query);
  if (searching) where.push(sql`(${candidate})`);
  const name = filters.locale === 'id' ? sql`lower(v.name_id)` : sql`lower(v.name_en)`;
  const { rows } = await sql<ServiceHit & { total: number; score: number; sortName: string; matched: number; strict: boolean }>`
      select r.*, count(*) over () as "total" from (
        select v.id as "versionId", s.code as "code", v.name_id as "nameId", v.name_en as "nameEn",
               v.summary_id as "summaryId", v.summary_en as "summaryEn",
               v.time_limit_working_days as "timeLimitWorkingDays", v.cost_amount as "costAmount",
               coalesce(v.standard->'cost'->>'kind', 'free') as "costKind",
               v.channels as "channels", v.applicant_types as "applicantTypes", v.life_events as "lifeEvents",
               a.code as "agencyCode", a.name_id as "agencyNameId", a.name_en as "agencyNameEn",
               ${searching ? score : sql`0`} as "score", ${name} as "sortName",
               ${searching ? matched : sql`0`} as "matched", ${searching ? strict : sql`true`} as "strict"
        from service_version v
        join service s on s.id = v.service_id
        join agency a on a.id = s.agency_id
        where ${sql.join(where, sql` and `)}
      ) r
      where r."strict" or r."matched" >= ${termsNeeded(query.terms.length)}
      order by r."score" desc, r."sortName", r."code"
      limit ${filters.limit} offset ${filters.offset}`.execute(db);
  // Past the last page no row carries the count: ask for the first page's.
  if (rows.length === 0 && filters.offset > 0) return { hits: [], total: (await searchServices(db, { ...filters, limit: 1, offset: 0 })).total };
  const total = rows[0]?.total ?? 0;
  const hits = rows.map(({ total: _total, score: _score, sortName: _sortName, matched: _matched, strict: _strict, ...hit }) => hit as ServiceHit);
  return { hits, total: Number(total) };
}

export function createServiceRepository(db: Database) {
  return {
    /** Creates the service unless its code is taken; undefined when it is. */
    async insertService(values: { agencyId: string; code: string }, trx: Database = db): Promise<string | undefined> {
      const row = await trx
        .insertInto('service')
        .values(values)
        .onConflict((oc) => oc.column('code').doNothing())
        .returning('id')
        .executeTakeFirst();
      return row?.id;
    },

    async findService(id: string, trx: Database = db): Promise<{ id: string; agencyId: string; code: string } | undefined> {
      return trx.selectFrom('service').select(['id', 'agencyId', 'code']).where('id', '=', id).executeTakeFirst();
    },

    async findServiceByCode(code: string, trx: Database = db): Promise<{ id: string; agencyId: string; code: string } | undefined> {
      return trx.selectFrom('service').select(['id', 'agencyId', 'code']).where('code', '=', code).executeTakeFirst();
    },

    /** Takes the service's row lock until the transaction ends: version changes of one service queue behind it. */
    async lockService(id: string, trx: Database): Promise<boolean> {
      const row = await trx.selectFrom('service').select('id').where('id', '=', id).forUpdate().executeTakeFirst();
      return row !== undefined;
    },

    async insertVersion(
      values: VersionValues & { serviceId: string; version: number; status?: ServiceVersionStatus; publishedAt?: Date },
      trx: Database = db,
    ): Promise<string> {
      const row = await trx.insertInto('serviceVersion').values(values).returning('id').executeTakeFirstOrThrow();
      return row.id;
    },

    async findVersion(id: string, trx: Database = db): Promise<VersionRow | undefined> {
      return versionQuery(trx).where('v.id', '=', id).executeTakeFirst() as Promise<VersionRow | undefined>;
    },

    async latestVersion(serviceId: string, trx: Database = db): Promise<VersionRow | undefined> {
      return versionQuery(trx).where('v.serviceId', '=', serviceId).orderBy('v.version', 'desc').limit(1).executeTakeFirst() as Promise<VersionRow | undefined>;
    },

    async findPublishedByCode(code: string): Promise<VersionRow | undefined> {
      return versionQuery(db).where('s.code', '=', code).where('v.status', '=', 'published').executeTakeFirst() as Promise<VersionRow | undefined>;
    },

    /** Changes a draft; 0 when the version is no longer a draft (published meanwhile). */
    async updateDraft(id: string, values: Updateable<ServiceVersionTable>, trx: Database = db): Promise<number> {
      const result = await trx
        .updateTable('serviceVersion')
        .set({ ...values, updatedAt: sql`now()` })
        .where('id', '=', id)
        .where('status', '=', 'draft')
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    },

    /** Retires the published version of a service, if any; returns its id. */
    async retirePublished(serviceId: string, trx: Database): Promise<string | undefined> {
      const row = await trx
        .updateTable('serviceVersion')
        .set({ status: 'retired', retiredAt: sql`now()` })
        .where('serviceId', '=', serviceId)
        .where('status', '=', 'published')
        .returning('id')
        .executeTakeFirst();
      return row?.id;
    },

    async publishDraft(id: string, trx: Database): Promise<number> {
      const result = await trx
        .updateTable('serviceVersion')
        .set({ status: 'published', publishedAt: sql`now()`, updatedAt: sql`now()` })
        .where('id', '=', id)
        .where('status', '=', 'draft')
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    },

    /** Published services matching the filters and the query, best first; `total` counts every match. */
    search: (filters: SearchFilters) => searchServices(db, filters),

    /** Agencies that have at least one published service, for the catalogue's agency filter. */
    async agenciesWithPublishedServices(): Promise<{ code: string; nameId: string; nameEn: string }[]> {
      return db
        .selectFrom('agency as a')
        .select(['a.code', 'a.nameId', 'a.nameEn'])
        .where((eb) =>
          eb.exists(
            eb
              .selectFrom('service as s')
              .innerJoin('serviceVersion as v', 'v.serviceId', 's.id')
              .select('s.id')
              .whereRef('s.agencyId', '=', 'a.id')
              .where('v.status', '=', 'published'),
          ),
        )
        .orderBy('a.nameId')
        .execute();
    },

    /** Services of the given agencies ('all': every agency) with all their versions, newest first. */
    async listManaged(scope: 'all' | readonly string[], agencyId: string | undefined): Promise<ManagedService[]> {
      if (scope !== 'all' && scope.length === 0) return [];
      let query = db
        .selectFrom('service as s')
        .innerJoin('agency as a', 'a.id', 's.agencyId')
        .innerJoin('serviceVersion as v', 'v.serviceId', 's.id')
        .select([
          's.id as serviceId',
          's.code',
          's.agencyId',
          'a.nameId as agencyNameId',
          'a.nameEn as agencyNameEn',
          'v.id',
          'v.version',
          'v.status',
          'v.nameId',
          'v.nameEn',
          'v.updatedAt',
          'v.publishedAt',
          'v.retiredAt',
        ]);
      if (scope !== 'all') query = query.where('s.agencyId', 'in', [...scope]);
      if (agencyId !== undefined) query = query.where('s.agencyId', '=', agencyId);
      const rows = await query.orderBy('a.nameId').orderBy('s.code').orderBy('v.version', 'desc').limit(2000).execute();
      const services = new Map<string, ManagedService>();
      for (const { serviceId, code, agencyId: agency, agencyNameId, agencyNameEn, ...version } of rows) {
        const service = services.get(serviceId) ?? { id: serviceId, code, agencyId: agency, agencyNameId, agencyNameEn, versions: [] };
        service.versions.push(version);
        services.set(serviceId, service);
      }
      return [...services.values()];
    },

    /** The codes of the agency's units: what a workflow step's responsible unit may name. */
    async unitCodes(agencyId: string, trx: Database = db): Promise<Set<string>> {
      const rows = await trx.selectFrom('agencyUnit').select('code').where('agencyId', '=', agencyId).execute();
      return new Set(rows.map((row) => row.code));
    },

    async agencyNames(agencyId: string, trx: Database = db): Promise<{ nameId: string; nameEn: string } | undefined> {
      return trx.selectFrom('agency').select(['nameId', 'nameEn']).where('id', '=', agencyId).executeTakeFirst();
    },
  };
}

export type ServiceRepository = ReturnType<typeof createServiceRepository>;
