/** The event types an agency system may subscribe to, and the outbox topics they come from. */
export const WEBHOOK_EVENT_TYPES = ['application.status_changed', 'document.issued', 'complaint.forwarded'] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** Keep in step with the trigger's topic list in migrations/0025_webhooks.sql. */
const EVENT_TYPE_OF_TOPIC: Readonly<Record<string, WebhookEventType>> = {
  'application.changed': 'application.status_changed',
  'document.issued': 'document.issued',
  'complaint.forwarded': 'complaint.forwarded',
};

export function isWebhookEventType(value: string): value is WebhookEventType {
  return (WEBHOOK_EVENT_TYPES as readonly string[]).includes(value);
}

/** Identifiers other modules own, looked up through them (webhook payloads name records by number and link). */
export interface WebhookReferences {
  applicationNumber(applicationId: string): Promise<string | undefined>;
  complaintTrackingId(complaintId: string): Promise<string | undefined>;
}

export interface CapturedEvent {
  topic: string;
  aggregateId: string;
  agencyId: string;
  payload: Record<string, unknown>;
  createdAt: Date;
}

export interface WebhookEvent {
  type: WebhookEventType;
  /** The JSON body sent, exactly: ids, status codes and links, never personal data. */
  body: string;
}

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/**
 * The webhook body for an outbox event, built from an allow-list of fields: whatever else an outbox
 * payload may carry never reaches an agency system. Undefined for a topic that is not a webhook event.
 */
export async function webhookEventFor(event: CapturedEvent, references: WebhookReferences, publicUrl: string): Promise<WebhookEvent | undefined> {
  const type = Object.hasOwn(EVENT_TYPE_OF_TOPIC, event.topic) ? EVENT_TYPE_OF_TOPIC[event.topic] : undefined;
  if (!type) return undefined;
  const link = (path: string) => new URL(path, publicUrl).toString();
  let data: Record<string, unknown>;
  switch (type) {
    case 'application.status_changed': {
      const trackingNumber = (await references.applicationNumber(event.aggregateId)) ?? null;
      data = {
        applicationId: event.aggregateId,
        trackingNumber,
        agencyId: event.agencyId,
        status: text(event.payload.status),
        stepId: text(event.payload.stepId),
        links: { backoffice: trackingNumber ? link(`/backoffice/applications/${encodeURIComponent(trackingNumber)}`) : null },
      };
      break;
    }
    case 'document.issued': {
      const applicationId = text(event.payload.applicationId);
      const trackingNumber = applicationId ? ((await references.applicationNumber(applicationId)) ?? null) : null;
      data = {
        documentId: event.aggregateId,
        documentNumber: text(event.payload.number),
        applicationId,
        trackingNumber,
        agencyId: event.agencyId,
        links: {
          backoffice: link(`/backoffice/documents/${event.aggregateId}`),
          application: trackingNumber ? link(`/backoffice/applications/${encodeURIComponent(trackingNumber)}`) : null,
        },
      };
      break;
    }
    case 'complaint.forwarded': {
      const trackingId = (await references.complaintTrackingId(event.aggregateId)) ?? null;
      data = {
        complaintId: event.aggregateId,
        trackingId,
        agencyId: event.agencyId,
        unitId: text(event.payload.unitId),
        status: 'not_followed_up',
        links: { backoffice: trackingId ? link(`/backoffice/complaints/${encodeURIComponent(trackingId)}`) : null },
      };
      break;
    }
  }
  return { type, body: JSON.stringify({ type, timestamp: event.createdAt.toISOString(), data }) };
}
