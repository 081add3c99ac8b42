import { describe, expect, it } from 'vitest';
import { webhookEventFor } from './webhooks.events.ts';

const references = {
  applicationNumber: async (id: string) => (id === 'app-1' ? 'LKT-7QKM-4XR2' : undefined),
  complaintTrackingId: async () => 'ADU-3HJW-9PTC',
};
const base = { aggregateId: 'app-1', agencyId: 'agency-1', createdAt: new Date('2026-12-05T03:15:22.481Z') };

describe('webhook payloads', () => {
  it('carry only allow-listed ids, codes and links, whatever else the outbox payload holds', async () => {
    const hostile = {
      status: 'in_review',
      stepId: 'verify',
      nik: '3273010101900001',
      fullName: 'Rina Wati',
      email: 'rina@contoh.test',
      address: 'Jl. Merdeka 1',
    };
    const event = await webhookEventFor({ ...base, topic: 'application.changed', payload: hostile }, references, 'https://loket.example.go.id');
    expect(event?.type).toBe('application.status_changed');
    expect(JSON.parse(event?.body ?? '{}')).toEqual({
      type: 'application.status_changed',
      timestamp: '2026-12-05T03:15:22.481Z',
      data: {
        applicationId: 'app-1',
        trackingNumber: 'LKT-7QKM-4XR2',
        agencyId: 'agency-1',
        status: 'in_review',
        stepId: 'verify',
        links: { backoffice: 'https://loket.example.go.id/backoffice/applications/LKT-7QKM-4XR2' },
      },
    });
    expect(event?.body).not.toMatch(/3273010101900001|Rina|@|Merdeka/);
  });

  it('keep non-text values out of text fields, and say nothing for topics that are not webhook events', async () => {
    const odd = await webhookEventFor(
      { ...base, topic: 'document.issued', payload: { applicationId: { $ne: 1 }, number: 42 } },
      references,
      'https://loket.example.go.id',
    );
    expect(JSON.parse(odd?.body ?? '{}').data).toMatchObject({ applicationId: null, documentNumber: null, trackingNumber: null });
    expect(await webhookEventFor({ ...base, topic: 'complaint.filed', payload: {} }, references, 'https://x.example')).toBeUndefined();
    expect(await webhookEventFor({ ...base, topic: 'payment.paid', payload: {} }, references, 'https://x.example')).toBeUndefined();
  });
});
