import type { Database } from '../../platform/db/database.ts';
import type { WebhookReferences } from './webhooks.events.ts';

/**
 * The public numbers of applications and complaints, for webhook payloads and links. Neither module
 * exports a lookup by id yet, so these two read-only queries of public identifiers stand in for one;
 * move them behind the owning modules' services when those grow such a function.
 */
export function createWebhookReferences(db: Database): WebhookReferences {
  return {
    async applicationNumber(applicationId) {
      const row = await db.selectFrom('application').select('trackingNumber').where('id', '=', applicationId).executeTakeFirst();
      return row?.trackingNumber;
    },
    async complaintTrackingId(complaintId) {
      const row = await db.selectFrom('complaint').select('trackingId').where('id', '=', complaintId).executeTakeFirst();
      return row?.trackingId;
    },
  };
}
