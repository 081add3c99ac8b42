import type { Database } from '../../platform/db/database.ts';
import type { PublicComplaintSummary } from './complaints.contract.ts';
import { summary } from './complaints.read-models.ts';
import { type ComplaintRow, createComplaintsRepository } from './complaints.repository.ts';

// Public complaints for open data (src/modules/opendata), in keyset pages by (created_at, id).
// Stricter than the public pages: anonymous reports are left out as well as secret, merged-away and
// unverified ones (issue 9: "anonymous/secret ones excluded"), so that a downloadable file can never
// be joined with anything the reporter said elsewhere. Each row is the public read model's summary;
// the open-data module picks the few fields it publishes (never the title, text, address or point).

export interface OpenDataComplaint {
  /** Keyset position: pass it back as `after` for the next page. */
  key: { createdAt: Date; id: string };
  summary: PublicComplaintSummary;
}

export function createPublicComplaintsReader(db: Database) {
  const repository = createComplaintsRepository(db);
  const published = () =>
    repository
      .base()
      .where('c.isSecret', '=', false)
      .where('c.isAnonymous', '=', false)
      .where('c.mergedIntoId', 'is', null)
      .where('c.status', '<>', 'unverified');

  return {
    /** Up to `limit` public reports filed after the given position, oldest first. */
    async page(after: OpenDataComplaint['key'] | undefined, limit: number, now: Date = new Date()): Promise<OpenDataComplaint[]> {
      let query = published();
      if (after) {
        const { createdAt, id } = after;
        // A row comparison, which PostgreSQL turns into an index range on created_at (complaint_public_idx).
        query = query.where((eb) => eb(eb.refTuple('c.createdAt', 'c.id'), '>', eb.tuple(createdAt, id)));
      }
      const rows = (await query.orderBy('c.createdAt').orderBy('c.id').limit(limit).execute()) as ComplaintRow[];
      // Region names are not published (codes are), so no lookup.
      const noNames = new Map<string, string>();
      return rows.map((row) => ({ key: { createdAt: row.createdAt, id: row.id }, summary: summary(row, noNames, now) }));
    },
  };
}

export type PublicComplaintsReader = ReturnType<typeof createPublicComplaintsReader>;
