import { sql } from 'kysely';
import type { Database } from '../../platform/db/database.ts';
import type { DuplicateSuggestion } from './complaints.contract.ts';
import type { ComplaintStatus } from './complaints.tables.ts';

// Similar open reports: trigram similarity of title and description (pg_trgm's `%`, which the gin
// index complaint_text_trgm_idx serves; threshold pg_trgm.similarity_threshold, 0.3 by default),
// raised when the two places are close. Distance is the haversine great-circle distance in SQL.

export const DUPLICATE_LIMIT = 5;
/** Closer than this, two similar reports are probably about the same thing. */
const NEAR_METRES = 1000;
const EARTH_RADIUS_METRES = 6_371_000;

export interface DuplicateQuery {
  title: string;
  description: string;
  latitude?: number | null | undefined;
  longitude?: number | null | undefined;
  /** The report itself, when looking for its duplicates at triage. */
  excludeId?: string | undefined;
  /** Who may see them: public reports only, the desk everything, an agency its own and public ones. */
  audience: { kind: 'public' } | { kind: 'desk' } | { kind: 'agencies'; agencyIds: readonly string[] };
}

export async function findDuplicates(db: Database, query: DuplicateQuery): Promise<DuplicateSuggestion[]> {
  const text = `${query.title.trim()} ${query.description.trim()}`.slice(0, 2000);
  if (text.trim().length < 5) return [];
  const lat = query.latitude ?? null;
  const lng = query.longitude ?? null;
  const point = lat !== null && lng !== null;
  const distance = point
    ? sql<number | null>`case when c.latitude is null then null else
        2 * ${EARTH_RADIUS_METRES} * asin(sqrt(
          power(sin(radians(c.latitude - ${lat}::float8) / 2), 2)
          + cos(radians(${lat}::float8)) * cos(radians(c.latitude)) * power(sin(radians(c.longitude - ${lng}::float8) / 2), 2)
        )) end`
    : sql<number | null>`null::float8`;
  const audience =
    query.audience.kind === 'desk'
      ? sql`true`
      : query.audience.kind === 'public'
        ? sql`(not c.is_secret and c.status <> 'unverified')`
        : sql`((not c.is_secret and c.status <> 'unverified') or c.agency_id = any(${[...query.audience.agencyIds]}::uuid[]))`;
  const { rows } = await sql<{
    trackingId: string;
    title: string;
    status: ComplaintStatus;
    createdAt: Date;
    similarity: number;
    distanceMetres: number | null;
    isPublic: boolean;
  }>`
    with matched as (
      select c.tracking_id, c.title, c.status, c.created_at, c.is_secret,
        similarity(c.title || ' ' || c.description, ${text}) as similarity,
        ${distance} as distance_metres
      from complaint c
      where (c.title || ' ' || c.description) % ${text}
        and c.status in ('unverified', 'not_followed_up', 'in_process', 'done', 'postponed')
        and c.merged_into_id is null
        and c.id is distinct from ${query.excludeId ?? null}::uuid
        and ${audience}
    )
    select tracking_id, title, status, created_at, similarity::float8 as similarity, distance_metres,
      (not is_secret and status <> 'unverified') as is_public
    from matched
    order by similarity + case when distance_metres < ${NEAR_METRES} then 0.3 when distance_metres < ${NEAR_METRES * 5} then 0.1 else 0 end desc,
      created_at
    limit ${DUPLICATE_LIMIT}`.execute(db);
  return rows.map((r) => ({
    trackingId: r.trackingId,
    title: r.title,
    status: r.status,
    createdAt: new Date(r.createdAt),
    similarity: Number(r.similarity),
    distanceMetres: r.distanceMetres === null ? null : Math.round(Number(r.distanceMetres)),
    isPublic: r.isPublic,
  }));
}
