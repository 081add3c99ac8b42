import type { Database } from '../../platform/db/database.ts';
import { createCatalogueRepository } from './catalogue.repository.ts';
import { type ServiceVersion, toServiceVersion } from './catalogue.service.ts';
import { type VersionRow, versionQuery } from './service.repository.ts';

// The catalogue's published services for open data (src/modules/opendata), read in keyset pages by
// service code so that an export never holds the whole catalogue at once. A service has at most one
// published version at a time (publishing retires the previous one), so this is the latest one.

export function createPublishedServicesReader(db: Database) {
  const catalogue = createCatalogueRepository(db);
  return {
    /** Up to `limit` published versions whose service code sorts after `afterCode`, by code. */
    async page(afterCode: string | undefined, limit: number): Promise<ServiceVersion[]> {
      let query = versionQuery(db).where('v.status', '=', 'published');
      if (afterCode !== undefined) query = query.where('s.code', '>', afterCode);
      const rows = (await query.orderBy('s.code').limit(limit).execute()) as VersionRow[];
      return rows.map(toServiceVersion);
    },

    /**
     * A cheap version of what the export would contain: the catalogue's fingerprint (changes with any
     * write to services, versions or agencies) and the latest publication time.
     */
    async version(): Promise<{ fingerprint: string; lastPublishedAt: Date | null }> {
      const [fingerprint, row] = await Promise.all([
        catalogue.fingerprint(),
        db
          .selectFrom('serviceVersion')
          .select((eb) => eb.fn.max('publishedAt').as('lastPublishedAt'))
          .where('status', '=', 'published')
          .executeTakeFirstOrThrow(),
      ]);
      return { fingerprint, lastPublishedAt: (row.lastPublishedAt as Date | null) ?? null };
    },
  };
}

export type PublishedServicesReader = ReturnType<typeof createPublishedServicesReader>;
