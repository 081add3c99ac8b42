import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { createCitizen, createServiceFixture, createStaff } from '../applications/applications.test-support.ts';
import { seedComplaintCategories } from '../complaints/complaints.seed.ts';
import { fileComplaint } from '../complaints/complaints.test-support.ts';
import { createPrivacyRepository } from './privacy.repository.ts';
import { PRIVACY_ORIGIN } from './privacy.test-support.ts';
import { createRetentionService } from './retention.service.ts';

// The daily retention run, on a clock the test sets: what is past its period goes (deleted or
// anonymized), what is within it or on legal hold stays, and each run leaves one audit entry.

const DAY_MS = 24 * 3600_000;
const NOW = new Date('2027-06-01T02:30:00Z');
const daysBefore = (days: number) => new Date(NOW.getTime() - days * DAY_MS);

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
  await seedComplaintCategories(t.database.db);
  // The regions complaints are filed in.
  await createServiceFixture(t.database.db);
}, 30_000);

afterAll(async () => t?.close());

async function sessionEndedAt(accountId: string, endedAt: Date): Promise<string> {
  await t.services.sessions.create({ accountId, accountKind: 'citizen', kind: 'web', mfaVerified: false, userAgent: 'test' });
  const row = await t.database.db
    .selectFrom('session')
    .select('idHash')
    .where('accountId', '=', accountId)
    .orderBy('createdAt', 'desc')
    .limit(1)
    .executeTakeFirstOrThrow();
  await t.database.db.updateTable('session').set({ expiresAt: endedAt, lastSeenAt: endedAt }).where('idHash', '=', row.idHash).execute();
  return row.idHash;
}

async function guestComplaintClosedAt(closedAt: Date): Promise<string> {
  const filed = await fileComplaint(t.services, { kind: 'guest', name: 'Tamu', email: 'tamu@contoh.test' });
  const row = await t.database.db.selectFrom('complaint').select('id').where('trackingId', '=', filed.trackingId).executeTakeFirstOrThrow();
  await t.database.db.updateTable('complaint').set({ status: 'closed', closedAt }).where('id', '=', row.id).execute();
  return row.id;
}

async function surveyComment(answeredOn: string): Promise<string> {
  const fixture = await createServiceFixture(t.database.db);
  const id = crypto.randomUUID();
  await t.database.db
    .insertInto('surveyResponse')
    .values({
      id,
      agencyId: fixture.agencyId,
      unitId: null,
      serviceId: fixture.serviceId,
      subjectKind: 'application',
      channel: 'online',
      answeredOn,
      u1: 4,
      u2: 4,
      u3: 4,
      u4: 4,
      u5: 4,
      u6: 4,
      u7: 4,
      u8: 4,
      u9: 4,
      comment: 'Petugas ramah.',
    })
    .execute();
  return id;
}

describe('the retention run', () => {
  it('deletes or anonymizes only what is past its period, skips held records, and audits one entry with counts per type', async () => {
    const citizen = await createCitizen(t.services);
    const { accountId } = citizen.actor;
    const oldSession = await sessionEndedAt(accountId, daysBefore(40));
    const heldSession = await sessionEndedAt(accountId, daysBefore(40));
    const recentSession = await sessionEndedAt(accountId, daysBefore(10));
    const oldGuest = await guestComplaintClosedAt(daysBefore(800));
    const recentGuest = await guestComplaintClosedAt(daysBefore(100));
    const oldComment = await surveyComment(daysBefore(800).toISOString().slice(0, 10));
    const recentComment = await surveyComment(daysBefore(30).toISOString().slice(0, 10));
    // Registration verification messages (one per citizen): one sent long ago, one recently.
    await createCitizen(t.services);
    const [oldMessage, recentMessage] = (await t.database.db.selectFrom('notification').select('id').orderBy('createdAt').limit(2).execute()).map((n) => n.id);
    if (!oldMessage || !recentMessage) throw new Error('no registration messages');
    await t.database.db
      .updateTable('notification')
      .set({ status: 'sent', createdAt: daysBefore(400) })
      .where('id', '=', oldMessage)
      .execute();
    await t.database.db
      .updateTable('notification')
      .set({ status: 'sent', createdAt: daysBefore(20) })
      .where('id', '=', recentMessage)
      .execute();

    const admin = await createStaff(t.services, null, 'platform_admin');
    const hold = await t.services.privacy.retention.setHold(
      admin,
      { recordType: 'session', recordId: heldSession.slice(0, 16), reason: 'Investigasi insiden 7' },
      PRIVACY_ORIGIN,
    );
    expect(hold.ok).toBe(true);
    // A hold on a guest's report keeps its contact details too.
    const heldGuest = await guestComplaintClosedAt(daysBefore(800));
    await t.services.privacy.retention.setHold(admin, { recordType: 'complaint', recordId: heldGuest, reason: 'Banding 3/2027' }, PRIVACY_ORIGIN);

    const report = await t.services.privacy.retention.run(NOW);
    expect(report.unfinished).toEqual([]);
    expect(report.counts).toMatchObject({ session: expect.any(Number), notification: expect.any(Number), complaint_guest_contact: 1, survey_comment: 1 });

    const sessions = new Set((await t.database.db.selectFrom('session').select('idHash').where('accountId', '=', accountId).execute()).map((s) => s.idHash));
    expect(sessions.has(oldSession)).toBe(false);
    expect(sessions.has(heldSession)).toBe(true);
    expect(sessions.has(recentSession)).toBe(true);

    const guests = await t.database.db
      .selectFrom('complaint')
      .select(['id', 'reporterEnc', 'followUpHash', 'title'])
      .where('id', 'in', [oldGuest, recentGuest])
      .execute();
    const old = guests.find((g) => g.id === oldGuest);
    const recent = guests.find((g) => g.id === recentGuest);
    expect(old).toMatchObject({ reporterEnc: null, followUpHash: null });
    // Anonymized, not deleted: the report itself stays for the statistics.
    expect(old?.title).toBeTruthy();
    expect(recent?.reporterEnc).not.toBeNull();
    const held = await t.database.db.selectFrom('complaint').select('reporterEnc').where('id', '=', heldGuest).executeTakeFirstOrThrow();
    expect(held.reporterEnc).not.toBeNull();

    const comments = await t.database.db.selectFrom('surveyResponse').select(['id', 'comment', 'u1']).where('id', 'in', [oldComment, recentComment]).execute();
    expect(comments.find((c) => c.id === oldComment)).toMatchObject({ comment: null, u1: 4 });
    expect(comments.find((c) => c.id === recentComment)?.comment).toBe('Petugas ramah.');

    const messages = new Set((await t.database.db.selectFrom('notification').select('id').execute()).map((n) => n.id));
    expect(messages.has(oldMessage)).toBe(false);
    expect(messages.has(recentMessage)).toBe(true);

    const runs = await t.services.audit.search({ action: 'retention.run', limit: 5 });
    expect(runs.entries).toHaveLength(1);
    expect(runs.entries[0]?.details).toMatchObject({ counts: report.counts });
    expect(runs.entries[0]?.actor.role).toBe('system');

    // A second run the same day finds nothing more.
    const again = await t.services.privacy.retention.run(NOW);
    expect(Object.values(again.counts).every((count) => count === 0)).toBe(true);
  });

  it('works in bounded batches and says which types it left for the next run', async () => {
    const citizen = await createCitizen(t.services);
    for (let i = 0; i < 3; i += 1) await sessionEndedAt(citizen.actor.accountId, daysBefore(60));
    // At NOW even the registration's session has long expired: every one of them is due.
    const expired = () =>
      t.database.db.selectFrom('session').select('idHash').where('accountId', '=', citizen.actor.accountId).where('expiresAt', '<', daysBefore(30)).execute();
    const before = (await expired()).length;
    expect(before).toBeGreaterThanOrEqual(3);
    const repository = createPrivacyRepository(t.database.db);
    await t.database.db.updateTable('retentionRule').set({ enabled: false }).where('recordType', '!=', 'session').execute();
    const retention = createRetentionService({
      repository,
      audit: t.services.audit,
      executors: { session: (cutoff, limit, held) => t.services.sessions.deleteEndedBefore(cutoff, limit, held) },
      batchSize: 1,
      maxBatches: 2,
    });
    const report = await retention.run(NOW);
    expect(report).toEqual({ counts: { session: 2 }, unfinished: ['session'] });
    expect(await expired()).toHaveLength(before - 2);
    await t.database.db.updateTable('retentionRule').set({ enabled: true }).execute();
  });

  it('refuses to run a rule that no module implements, rather than silently keeping data', async () => {
    await t.database.db
      .insertInto('retentionRule')
      .values({ recordType: 'unknown_records', action: 'delete', periodDays: 30, basis: 'test', updatedAt: new Date() })
      .execute();
    await expect(t.services.privacy.retention.run(NOW)).rejects.toThrow(/no executor for record type unknown_records/);
    await t.database.db.deleteFrom('retentionRule').where('recordType', '=', 'unknown_records').execute();
  });
});
