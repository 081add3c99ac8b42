import { type Insertable, sql } from 'kysely';
import type { Database } from '../../platform/db/database.ts';
import type { AgencyLevel, AgencyTable, AgencyUnitTable, OpeningHours, TimeZone } from '../../platform/db/schema.ts';
import { createServiceRepository } from './service.repository.ts';

export interface AgencySummary {
  id: string;
  code: string;
  level: AgencyLevel;
  regionCode: string | null;
  regionName: string | null;
  nameId: string;
  nameEn: string;
  unitCount: number;
}

export interface UnitRecord {
  id: string;
  agencyId: string;
  code: string;
  nameId: string;
  nameEn: string;
  streetAddress: string;
  regionCode: string;
  postalCode: string | null;
  timeZone: TimeZone;
  openingHours: OpeningHours[];
}

const LEVEL_ORDER = { national: 0, provincial: 1, regency: 2, city: 2 } as const;

/** Agencies, units and regions here; services and their versions in `services` (service.repository.ts). */
export function createCatalogueRepository(db: Database) {
  return {
    services: createServiceRepository(db),

    async listAgencies(): Promise<AgencySummary[]> {
      const rows = await db
        .selectFrom('agency as a')
        .leftJoin('region as r', 'r.code', 'a.regionCode')
        .leftJoin('agencyUnit as u', 'u.agencyId', 'a.id')
        .select((eb) => [
          'a.id',
          'a.code',
          'a.level',
          'a.regionCode',
          'r.name as regionName',
          'a.nameId',
          'a.nameEn',
          eb.fn.count<number>('u.id').as('unitCount'),
        ])
        .groupBy(['a.id', 'r.name'])
        .execute();
      return rows.sort((x, y) => LEVEL_ORDER[x.level] - LEVEL_ORDER[y.level] || x.nameId.localeCompare(y.nameId, 'id'));
    },

    async listUnits(agencyId: string): Promise<UnitRecord[]> {
      const rows = await db
        .selectFrom('agencyUnit')
        .select(['id', 'agencyId', 'code', 'nameId', 'nameEn', 'streetAddress', 'regionCode', 'postalCode', 'timeZone', 'openingHours'])
        .where('agencyId', '=', agencyId)
        .orderBy('nameId')
        .execute();
      return rows.map((row) => ({ ...row, openingHours: row.openingHours as OpeningHours[] }));
    },

    /** Inserts an agency unless its code exists; returns its id either way. */
    async upsertAgency(agency: Insertable<AgencyTable>): Promise<string> {
      const inserted = await db
        .insertInto('agency')
        .values(agency)
        .onConflict((oc) => oc.column('code').doNothing())
        .returning('id')
        .executeTakeFirst();
      if (inserted) return inserted.id;
      const existing = await db.selectFrom('agency').select('id').where('code', '=', agency.code).executeTakeFirstOrThrow();
      return existing.id;
    },

    async upsertUnit(unit: Insertable<AgencyUnitTable>): Promise<void> {
      await db
        .insertInto('agencyUnit')
        .values(unit)
        .onConflict((oc) => oc.columns(['agencyId', 'code']).doNothing())
        .execute();
    },

    /** Inserts the regions that are missing, in one statement; parents must come before their children. */
    async upsertRegions(
      regions: readonly { code: string; parentCode: string | null; level: 'regency' | 'district' | 'village'; name: string }[],
    ): Promise<void> {
      if (regions.length === 0) return;
      await db
        .insertInto('region')
        .values([...regions])
        .onConflict((oc) => oc.column('code').doNothing())
        .execute();
    },

    /**
     * Changes whenever any row of the catalogue's tables is inserted, updated or deleted, by whatever
     * path (the admin pages, a seed, plain SQL, another node): the row count and the sum of the rows'
     * xmin (the id of the transaction that wrote each row version). A scan of a few hundred rows, far
     * cheaper than a search: what the in-memory search results are checked against.
     */
    async fingerprint(): Promise<string> {
      const { rows } = await sql<{ fingerprint: string }>`
        select concat_ws('/',
          (select count(*) || ':' || coalesce(sum(xmin::text::bigint), 0) from service_version),
          (select count(*) || ':' || coalesce(sum(xmin::text::bigint), 0) from service),
          (select count(*) || ':' || coalesce(sum(xmin::text::bigint), 0) from agency)) as fingerprint`.execute(db);
      return rows[0]?.fingerprint ?? '';
    },

    async countAgencies(): Promise<number> {
      const row = await db
        .selectFrom('agency')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
  };
}

export type CatalogueRepository = ReturnType<typeof createCatalogueRepository>;
