import type { Database } from '../db/database.ts';

/** The fields that decide who may follow an application live: ownership and agency, nothing personal. */
export interface LiveApplication {
  id: string;
  agencyId: string;
  applicantAccountId: string | null;
  organisationId: string | null;
}

export function createLiveRepository(db: Database) {
  return {
    /** `trackingNumber` in canonical form (parseTrackingNumber). */
    async applicationByTrackingNumber(trackingNumber: string): Promise<LiveApplication | undefined> {
      return db
        .selectFrom('application')
        .select(['id', 'agencyId', 'applicantAccountId', 'organisationId'])
        .where('trackingNumber', '=', trackingNumber)
        .executeTakeFirst();
    },
  };
}

export type LiveRepository = ReturnType<typeof createLiveRepository>;
