import { sql } from 'kysely';
import type { Database } from '../../platform/db/database.ts';
import type { AgencyRef, RouteRule, UnitRef } from './complaints.contract.ts';

// Routing rules: a category and a region to the agency (and unit) that can act. A rule's region
// matches itself and everything inside it (region codes nest: 32 ⊃ 32.73 ⊃ 32.73.01); a rule without
// a category or region matches any. The most specific rule wins: a category match first, then the
// deepest region. Unmatched reports stay with the complaints desk.

export interface RouteTarget {
  agency: AgencyRef;
  unit: UnitRef | null;
}

export async function routeFor(db: Database, categoryCode: string, regionCode: string | null): Promise<RouteTarget | undefined> {
  const { rows } = await sql<{
    agencyId: string;
    agencyCode: string;
    agencyNameId: string;
    agencyNameEn: string;
    unitId: string | null;
    unitCode: string | null;
    unitNameId: string | null;
    unitNameEn: string | null;
  }>`
    select a.id as agency_id, a.code as agency_code, a.name_id as agency_name_id, a.name_en as agency_name_en,
      u.id as unit_id, u.code as unit_code, u.name_id as unit_name_id, u.name_en as unit_name_en
    from complaint_route r
    join agency a on a.id = r.agency_id
    left join agency_unit u on u.id = r.unit_id
    where (r.category_code is null or r.category_code = ${categoryCode})
      and (r.region_code is null or r.region_code = ${regionCode} or ${regionCode}::text like r.region_code || '.%')
    order by (r.category_code is not null) desc, length(coalesce(r.region_code, '')) desc
    limit 1`.execute(db);
  const row = rows[0];
  if (!row) return undefined;
  return {
    agency: { id: row.agencyId, code: row.agencyCode, name: { id: row.agencyNameId, en: row.agencyNameEn } },
    unit: row.unitId && row.unitCode ? { id: row.unitId, code: row.unitCode, name: { id: row.unitNameId ?? '', en: row.unitNameEn ?? '' } } : null,
  };
}

export async function listRules(db: Database): Promise<RouteRule[]> {
  const rows = await db
    .selectFrom('complaintRoute as r')
    .innerJoin('agency as a', 'a.id', 'r.agencyId')
    .leftJoin('agencyUnit as u', 'u.id', 'r.unitId')
    .leftJoin('complaintCategory as c', 'c.code', 'r.categoryCode')
    .leftJoin('region as g', 'g.code', 'r.regionCode')
    .select([
      'r.id',
      'r.categoryCode',
      'c.nameId as categoryNameId',
      'c.nameEn as categoryNameEn',
      'r.regionCode',
      'g.name as regionName',
      'a.id as agencyId',
      'a.code as agencyCode',
      'a.nameId as agencyNameId',
      'a.nameEn as agencyNameEn',
      'u.id as unitId',
      'u.code as unitCode',
      'u.nameId as unitNameId',
      'u.nameEn as unitNameEn',
    ])
    .orderBy('r.categoryCode')
    .orderBy('r.regionCode')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    category: r.categoryCode ? { code: r.categoryCode, name: { id: r.categoryNameId ?? '', en: r.categoryNameEn ?? '' } } : null,
    region: r.regionCode ? { code: r.regionCode, name: r.regionName ?? r.regionCode } : null,
    agency: { id: r.agencyId, code: r.agencyCode, name: { id: r.agencyNameId, en: r.agencyNameEn } },
    unit: r.unitId && r.unitCode ? { id: r.unitId, code: r.unitCode, name: { id: r.unitNameId ?? '', en: r.unitNameEn ?? '' } } : null,
  }));
}

/** Saves the rule for its category and region (replacing the one there was); returns its id. */
export async function saveRule(
  rule: { categoryCode: string | null; regionCode: string | null; agencyId: string; unitId: string | null; createdBy: string; createdAt: Date },
  trx: Database,
): Promise<{ id: string }> {
  return trx
    .insertInto('complaintRoute')
    .values(rule)
    .onConflict((oc) => oc.columns(['categoryCode', 'regionCode']).doUpdateSet({ agencyId: rule.agencyId, unitId: rule.unitId, createdBy: rule.createdBy }))
    .returning('id')
    .executeTakeFirstOrThrow();
}

export async function deleteRule(id: string, trx: Database): Promise<boolean> {
  return (await trx.deleteFrom('complaintRoute').where('id', '=', id).returning('id').executeTakeFirst()) !== undefined;
}
