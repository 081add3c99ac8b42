import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestDatabase } from '../../../test/helpers/db.ts';
import type { Services } from '../../services.ts';
import { birthAnswers, createServiceFixture, createStaff, uploadPdf } from '../applications/applications.test-support.ts';
import type { Reporter } from './complaints.contract.ts';
import { complaintsMessages } from './complaints.messages.ts';
import { MASK } from './complaints.redact.ts';
import { ARCHIVE_REASONS, COMPLAINT_KINDS, COMPLAINT_STATUSES } from './complaints.tables.ts';
import {
  actOk,
  COMPLAINT_ORIGIN,
  type ComplaintsFixture,
  createComplaintsFixture,
  createComplaintsTestServices,
  fileComplaint,
  forwardedComplaint,
  respondedComplaint,
  validComplaint,
} from './complaints.test-support.ts';

let database: TestDatabase;
let services: Services;
let close: () => Promise<void>;
let fx: ComplaintsFixture;
let citizen: Reporter;

beforeAll(async () => {
  ({ database, services, close } = await createComplaintsTestServices());
  fx = await createComplaintsFixture(services, database.db);
  citizen = { kind: 'account', accountId: fx.citizen.accountId };
});

afterAll(async () => {
  await close?.();
});

const rowOf = (trackingId: string) => database.db.selectFrom('complaint').selectAll().where('trackingId', '=', trackingId).executeTakeFirstOrThrow();

async function eventKinds(trackingId: string) {
  const row = await rowOf(trackingId);
  const events = await database.db.selectFrom('complaintEvent').select(['kind', 'visibility']).where('complaintId', '=', row.id).orderBy('id').execute();
  return events.map((e) => `${e.kind}/${e.visibility}`);
}

/** Messages to one recipient about a report, as their kinds. */
async function noticesTo(recipient: string, trackingId: string) {
  const entries = await services.notifier.mailbox(1000);
  // The mailbox lists the newest first.
  return entries
    .filter((e) => e.recipient === recipient && e.text?.includes(trackingId))
    .map((e) => e.kind)
    .toReversed();
}

async function citizenEmail() {
  const account = await services.accountsRepository.findById(fx.citizen.accountId);
  if (!account?.emailEnc) throw new Error('citizen without e-mail');
  return (await services.personalData.sealer(account.dataKeyId, account.id)).open('email', account.emailEnc);
}

describe('filing', () => {
  it('names each problem with its field', async () => {
    const cases: [Partial<Parameters<typeof validComplaint>[0]>, string, string][] = [
      [{ kind: 'gossip' as never }, 'field-kind', 'complaints.error.kind'],
      [{ categoryCode: 'tidak-ada' }, 'field-categoryCode', 'complaints.error.category'],
      [{ title: 'KTP' }, 'field-title', 'complaints.error.titleTooShort'],
      [{ title: 'x'.repeat(201) }, 'field-title', 'complaints.error.titleTooLong'],
      [{ description: 'terlalu pendek' }, 'field-description', 'complaints.error.descriptionTooShort'],
      [{ description: 'x'.repeat(10_001) }, 'field-description', 'complaints.error.descriptionTooLong'],
      [{ incidentDate: '2025-02-30' }, 'field-incidentDate', 'complaints.error.incidentDateInvalid'],
      [{ incidentDate: '2999-01-01' }, 'field-incidentDate', 'complaints.error.incidentDateFuture'],
      [{ incidentDate: '1999-12-31' }, 'field-incidentDate', 'complaints.error.incidentDateTooOld'],
      [{ regionCode: '99.99' }, 'field-regionCode', 'complaints.error.region'],
      [{ latitude: -6.9 }, 'field-longitude', 'complaints.error.pointIncomplete'],
      [{ latitude: 95, longitude: 107.6 }, 'field-latitude', 'complaints.error.latitude'],
      [{ latitude: -6.9, longitude: 200 }, 'field-longitude', 'complaints.error.longitude'],
      [{ applicationTrackingNumber: 'LKT-0000-0000' }, 'field-applicationTrackingNumber', 'complaints.error.application'],
      [{ suggestedAgencyCode: 'tidak-ada' }, 'field-suggestedAgencyCode', 'complaints.error.agency'],
      [{ fileIds: [crypto.randomUUID()] }, 'field-fileIds', 'complaints.error.fileNotYours'],
      [{ address: 'x'.repeat(501) }, 'field-address', 'complaints.error.addressTooLong'],
    ];
    for (const [override, field, key] of cases) {
      const result = await services.complaints.file(validComplaint(override), citizen, COMPLAINT_ORIGIN);
      expect(result, key).toMatchObject({ ok: false, problems: [{ field, key }] });
    }
    const guest = await services.complaints.file(validComplaint({ fileIds: [crypto.randomUUID()] }), { kind: 'guest', email: 'bukan surel' }, COMPLAINT_ORIGIN);
    expect(guest.ok ? [] : guest.problems.map((p) => p.key).toSorted()).toEqual(['complaints.error.email', 'complaints.error.filesNeedAccount']);
    // Nothing was stored by a refused filing.
    const count = await database.db
      .selectFrom('complaint')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(0);
  });

  it('files a report: unverified in the verify stage, with its event, audit entry, outbox event and receipt', async () => {
    const fileId = await uploadPdf(services, { ownerAccountId: fx.citizen.accountId }, 'bukti.pdf');
    const { trackingId } = await fileComplaint(services, citizen, { fileIds: [fileId], isSecret: undefined, isAnonymous: undefined });
    expect(trackingId).toMatch(/^ADU-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    const row = await rowOf(trackingId);
    expect(row).toMatchObject({ status: 'unverified', stage: 'verify', stageSeq: 1, isSecret: true, isAnonymous: true, agencyId: null });
    expect(row.stageDueAt && row.stageWarnAt && row.stageWarnAt < row.stageDueAt).toBe(true);
    // Three working days: due at least three calendar days later.
    expect((row.stageDueAt as Date).getTime() - row.createdAt.getTime()).toBeGreaterThan(3 * 24 * 3600 * 1000 - 1);
    expect(await eventKinds(trackingId)).toEqual(['filed/public']);
    const audit = await database.db.selectFrom('auditEvent').select(['action', 'details']).where('subjectId', '=', row.id).execute();
    expect(audit.map((a) => a.action)).toEqual(['complaint.filed']);
    expect(JSON.stringify(audit)).not.toContain('Wastukencana');
    const outbox = await database.db.selectFrom('outboxEvent').select(['topic', 'payload']).where('aggregateId', '=', row.id).execute();
    expect(outbox).toMatchObject([{ topic: 'complaint.filed' }]);
    // The routing rule (category + province 32) matches the report in 32.73.
    expect(outbox[0]?.payload).toMatchObject({ routedAgencyId: fx.agencyId });
    expect(await noticesTo(await citizenEmail(), trackingId)).toEqual(['complaint.received']);
    const mine = await services.complaints.reporterView({ kind: 'account', accountId: fx.citizen.accountId }, trackingId);
    expect(mine?.attachments).toMatchObject([{ fileId, name: 'bukti.pdf', mediaType: 'application/pdf' }]);
    // A file already attached cannot be attached to a second report.
    const again = await services.complaints.file(validComplaint({ fileIds: [fileId] }), { kind: 'account', accountId: fx.officer.accountId }, COMPLAINT_ORIGIN);
    expect(again).toMatchObject({ ok: false, problems: [{ key: 'complaints.error.fileNotYours' }] });
  });

  it('accepts only the reporter’s own application as the linked one', async () => {
    const service = await createServiceFixture(database.db);
    const nik = fx.citizenNik;
    const fileId = await uploadPdf(services, { ownerAccountId: fx.citizen.accountId });
    const submitted = await services.applications.submitOnline(
      fx.citizen,
      { serviceCode: service.code, answers: birthAnswers({ nik, fullName: 'Rina Marlina' }, fileId), idempotencyKey: crypto.randomUUID() },
      COMPLAINT_ORIGIN,
    );
    if (!submitted.ok) throw new Error('application refused');
    const trackingNumber = submitted.application.trackingNumber;
    const other = await services.complaints.file(
      validComplaint({ applicationTrackingNumber: trackingNumber }),
      { kind: 'account', accountId: fx.officer.accountId },
      COMPLAINT_ORIGIN,
    );
    expect(other).toMatchObject({ ok: false, problems: [{ key: 'complaints.error.application' }] });
    const { trackingId } = await fileComplaint(services, citizen, { applicationTrackingNumber: trackingNumber.toLowerCase(), isAnonymous: true });
    expect((await rowOf(trackingId)).applicationId).not.toBeNull();
    const desk = await services.complaints.staffView(fx.desk, trackingId, COMPLAINT_ORIGIN);
    expect(desk?.applicationTrackingNumber).toBe(trackingNumber);
  });

  it('gives a guest a follow-up secret, stored only as its hash, and keeps their contact encrypted', async () => {
    const guest: Reporter = { kind: 'guest', name: 'Budi Santoso', email: 'Budi.Santoso@Contoh.test', phone: '0812 3456 7890' };
    const result = await services.complaints.file(validComplaint({ locale: 'en' }), guest, COMPLAINT_ORIGIN);
    if (!result.ok || !result.followUpSecret) throw new Error('guest filing refused');
    expect(Buffer.from(result.followUpSecret, 'base64url')).toHaveLength(32);
    const row = await rowOf(result.trackingId);
    expect(row.followUpHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain(result.followUpSecret);
    expect(JSON.stringify(row)).not.toContain('budi.santoso');
    expect(JSON.stringify(row)).not.toContain('Budi');
    expect(await services.complaints.trackingIdForFollowUp(result.followUpSecret)).toBe(result.trackingId);
    expect(await services.complaints.trackingIdForFollowUp(`${result.followUpSecret}x`)).toBeUndefined();
    const view = await services.complaints.reporterView({ kind: 'follow_up', secret: result.followUpSecret }, result.trackingId);
    expect(view).toMatchObject({ trackingId: result.trackingId, status: 'unverified', actions: { canReply: true, canAccept: false } });
    expect(await services.complaints.reporterView({ kind: 'follow_up', secret: 'salah'.repeat(10) }, result.trackingId)).toBeUndefined();
    // The receipt goes to the address given, in the filing's language, with the secret link.
    const [receipt] = (await services.notifier.mailbox(1000)).filter((e) => e.recipient === 'budi.santoso@contoh.test');
    expect(receipt).toMatchObject({ kind: 'complaint.received' });
    expect(receipt?.text).toContain(`/complaints/follow/${result.followUpSecret}`);
    // The desk sees who it was.
    const desk = await services.complaints.staffView(fx.desk, result.trackingId, COMPLAINT_ORIGIN);
    expect(desk?.reporter).toEqual({ name: 'Budi Santoso', email: 'budi.santoso@contoh.test', phone: expect.stringContaining('812'), hasAccount: false });
  });

  it('returns the first report for a replayed idempotency key', async () => {
    const key = crypto.randomUUID();
    const [first, second] = await Promise.all([
      services.complaints.file(validComplaint({ idempotencyKey: key }), citizen, COMPLAINT_ORIGIN),
      services.complaints.file(validComplaint({ idempotencyKey: key }), citizen, COMPLAINT_ORIGIN),
    ]);
    const third = await services.complaints.file(validComplaint({ idempotencyKey: key }), citizen, COMPLAINT_ORIGIN);
    if (!first?.ok || !second?.ok || !third.ok) throw new Error('refused');
    expect(new Set([first.trackingId, second.trackingId, third.trackingId]).size).toBe(1);
    expect([first.replayed, second.replayed].toSorted()).toEqual([false, true]);
    expect(third.replayed).toBe(true);
    // Another person's same key is another report.
    const other = await services.complaints.file(
      validComplaint({ idempotencyKey: key }),
      { kind: 'account', accountId: fx.officer.accountId },
      COMPLAINT_ORIGIN,
    );
    expect(other).toMatchObject({ ok: true, replayed: false });
  });

  it('files a guest form posted twice at once under one key only once', async () => {
    const key = crypto.randomUUID();
    const guest: Reporter = { kind: 'guest', email: 'dua.kali@contoh.test' };
    const results = await Promise.all(
      Array.from({ length: 4 }, () => services.complaints.file(validComplaint({ idempotencyKey: key }), guest, COMPLAINT_ORIGIN)),
    );
    const ids = results.map((r) => (r.ok ? r.trackingId : 'refused'));
    expect(new Set(ids).size).toBe(1);
    expect(results.filter((r) => r.ok && !r.replayed)).toHaveLength(1);
    const stored = await database.db.selectFrom('complaint').select('trackingId').where('idempotencyKey', '=', key).execute();
    expect(stored.map((r) => r.trackingId)).toEqual([ids[0]]);
  });
});

describe('the lifecycle', () => {
  it('forwards, plans, asks, hears back, responds and closes on acceptance, telling the reporter', async () => {
    const { trackingId } = await fileComplaint(services, citizen, {
      description: 'KTP-el saya belum jadi. NIK saya 3273011708900001, hubungi rina@contoh.test atau 081234567890.',
    });
    const email = await citizenEmail();
    const me = { kind: 'account' as const, accountId: fx.citizen.accountId };

    // The agency cannot see it before it is forwarded; the public neither (unverified).
    expect(await services.complaints.staffView(fx.officer, trackingId, COMPLAINT_ORIGIN)).toBeUndefined();
    expect(await services.complaints.publicView(trackingId)).toBeUndefined();
    const triage = await services.complaints.triageQueue(fx.desk, {});
    expect(triage.items.map((i) => i.trackingId)).toContain(trackingId);
    const atDesk = await services.complaints.staffView(fx.desk, trackingId, COMPLAINT_ORIGIN);
    expect(atDesk?.actions).toEqual(expect.arrayContaining(['forward', 'archive', 'merge']));
    expect(atDesk?.routedTo?.agency.id).toBe(fx.agencyId);

    // The agency cannot forward.
    expect(
      await services.complaints.act(fx.officer, trackingId, { type: 'forward', agencyId: fx.agencyId, isSecret: false, isAnonymous: false }, COMPLAINT_ORIGIN),
    ).toEqual({
      ok: false,
      reason: 'not_found',
    });
    expect(
      await services.complaints.act(
        fx.desk,
        trackingId,
        { type: 'forward', agencyId: crypto.randomUUID(), isSecret: false, isAnonymous: false },
        COMPLAINT_ORIGIN,
      ),
    ).toEqual({ ok: false, reason: 'unknown_agency' });
    await actOk(services, fx.desk, trackingId, {
      type: 'forward',
      agencyId: fx.agencyId,
      unitId: fx.unitId,
      isSecret: false,
      isAnonymous: false,
      message: 'Mohon dicek.',
    });
    let row = await rowOf(trackingId);
    expect(row).toMatchObject({ status: 'not_followed_up', stage: 'plan', stageSeq: 2, agencyId: fx.agencyId, unitId: fx.unitId });
    expect(row.resolveDueAt && row.verifiedAt && row.resolveDueAt.getTime() - row.verifiedAt.getTime()).toBe(60 * 24 * 3600 * 1000);
    expect((await services.complaints.agencyQueue(fx.officer, {})).items.map((i) => i.trackingId)).toContain(trackingId);
    expect((await services.complaints.agencyQueue(fx.otherOfficer, {})).items.map((i) => i.trackingId)).not.toContain(trackingId);

    // Responding before a plan is not possible.
    expect(await services.complaints.act(fx.officer, trackingId, { type: 'respond', message: 'Sudah.' }, COMPLAINT_ORIGIN)).toEqual({
      ok: false,
      reason: 'not_allowed_now',
    });
    expect(await services.complaints.act(fx.officer, trackingId, { type: 'plan', message: '  ' }, COMPLAINT_ORIGIN)).toEqual({
      ok: false,
      reason: 'message_required',
    });
    await actOk(services, fx.officer, trackingId, { type: 'plan', message: 'Kami cek ke bagian pencetakan.' });
    row = await rowOf(trackingId);
    expect(row).toMatchObject({ status: 'in_process', stage: 'resolve', stageSeq: 3 });
    expect(row.stageDueAt?.getTime()).toBe(row.resolveDueAt?.getTime());

    await actOk(services, fx.officer, trackingId, { type: 'message', message: 'Kapan Anda merekam? Mohon kirim nomor antrean.', requestInformation: true });
    let mine = await services.complaints.reporterView(me, trackingId);
    expect(mine?.actions).toMatchObject({ canReply: true, informationRequested: true });
    expect(await services.complaints.reporterAct(me, trackingId, { type: 'reply', message: 'Tanggal 14 Juli, antrean A-031.' }, COMPLAINT_ORIGIN)).toEqual({
      ok: true,
    });
    mine = await services.complaints.reporterView(me, trackingId);
    expect(mine?.actions.informationRequested).toBe(false);
    await actOk(services, fx.officer, trackingId, { type: 'note', message: 'Blanko habis minggu lalu.' });

    await actOk(services, fx.officer, trackingId, { type: 'respond', message: 'KTP-el sudah dicetak; silakan ambil di kantor dinas.' });
    row = await rowOf(trackingId);
    expect(row).toMatchObject({ status: 'done', stage: 'confirm', stageSeq: 4 });
    mine = await services.complaints.reporterView(me, trackingId);
    expect(mine?.actions).toMatchObject({ canAccept: true, canReject: true, canRate: true, canReply: false });
    expect(mine?.autoCloseAt).toEqual(row.stageDueAt);
    // The reporter sees public and reporter events, never internal notes.
    expect(mine?.timeline.map((e) => e.kind)).toEqual(['filed', 'forwarded', 'plan', 'information_requested', 'reporter_reply', 'responded']);

    expect(await services.complaints.reporterAct(me, trackingId, { type: 'accept' }, COMPLAINT_ORIGIN)).toEqual({ ok: true });
    expect(await services.complaints.reporterAct(me, trackingId, { type: 'rate', rating: 6 }, COMPLAINT_ORIGIN)).toEqual({
      ok: false,
      reason: 'invalid_rating',
    });
    expect(await services.complaints.reporterAct(me, trackingId, { type: 'rate', rating: 5 }, COMPLAINT_ORIGIN)).toEqual({ ok: true });
    expect(await services.complaints.reporterAct(me, trackingId, { type: 'rate', rating: 4 }, COMPLAINT_ORIGIN)).toEqual({
      ok: false,
      reason: 'already_rated',
    });
    row = await rowOf(trackingId);
    expect(row).toMatchObject({ status: 'closed', closedBy: 'reporter', stage: null, rating: 5 });

    // Closing invites the reporter to the satisfaction survey (issue 9).
    expect(await noticesTo(email, trackingId)).toEqual([
      'complaint.received',
      'complaint.forwarded',
      'complaint.information_requested',
      'complaint.responded',
      'survey.invitation',
    ]);
    expect(await eventKinds(trackingId)).toEqual([
      'filed/public',
      'note/internal',
      'forwarded/public',
      'plan/public',
      'information_requested/reporter',
      'reporter_reply/reporter',
      'note/internal',
      'responded/public',
      'accepted/public',
      'rated/public',
    ]);
    const audit = await database.db.selectFrom('auditEvent').select('action').where('subjectId', '=', row.id).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['complaint.filed', 'complaint.forwarded', 'complaint.planned', 'complaint.responded', 'complaint.accepted', 'complaint.rated']),
    );

    // The public sees the report, masked, with public events only.
    const pub = await services.complaints.publicView(trackingId);
    expect(pub?.description).toContain(MASK.nik);
    expect(pub?.description).toContain(MASK.email);
    expect(pub?.description).toContain(MASK.phone);
    expect(pub?.description).not.toContain('3273011708900001');
    expect(pub?.timeline.map((e) => e.kind)).toEqual(['filed', 'forwarded', 'plan', 'responded', 'accepted', 'rated']);
    expect(pub).toMatchObject({ status: 'closed', rating: 5, reportedBy: 1, agency: { code: fx.agencyCode } });
    expect(JSON.stringify(pub)).not.toContain('Rina');
    const list = await services.complaints.publicList({ q: 'KTP-el', agencyCode: fx.agencyCode, regionCode: '32' });
    expect(list.items.map((i) => i.trackingId)).toContain(trackingId);
    expect((await services.complaints.publicList({ regionCode: '31' })).items.map((i) => i.trackingId)).not.toContain(trackingId);

    const stats = await services.complaints.statistics(fx.supervisor, { from: new Date(Date.now() - 3600_000), to: new Date(Date.now() + 3600_000) });
    expect(stats).toHaveLength(1);
    expect(stats[0]).toMatchObject({ agency: { id: fx.agencyId }, received: expect.any(Number), averageRating: 5 });
    expect(await services.complaints.statistics(fx.officer, { from: new Date(0), to: new Date() })).toEqual([]);
  });

  it('lets the reporter reject a response once, reopening it in a new resolve stage', async () => {
    const trackingId = await respondedComplaint(services, fx);
    const me = { kind: 'account' as const, accountId: fx.citizen.accountId };
    const before = await rowOf(trackingId);
    expect(await services.complaints.reporterAct(me, trackingId, { type: 'reject', reason: '' }, COMPLAINT_ORIGIN)).toEqual({
      ok: false,
      reason: 'message_required',
    });
    expect(await services.complaints.reporterAct(me, trackingId, { type: 'reject', reason: 'KTP-el belum bisa diambil.' }, COMPLAINT_ORIGIN)).toEqual({
      ok: true,
    });
    const after = await rowOf(trackingId);
    expect(after).toMatchObject({ status: 'in_process', stage: 'resolve', reopened: true, stageSeq: before.stageSeq + 1 });
    await actOk(services, fx.officer, trackingId, { type: 'respond', message: 'Sudah bisa diambil mulai besok.' });
    const view = await services.complaints.reporterView(me, trackingId);
    expect(view?.actions).toMatchObject({ canAccept: true, canReject: false });
    expect(await services.complaints.reporterAct(me, trackingId, { type: 'reject', reason: 'Masih belum.' }, COMPLAINT_ORIGIN)).toEqual({
      ok: false,
      reason: 'already_rejected',
    });
    // Someone else cannot act on it, or see it.
    const stranger = { kind: 'account' as const, accountId: fx.officer.accountId };
    expect(await services.complaints.reporterAct(stranger, trackingId, { type: 'accept' }, COMPLAINT_ORIGIN)).toEqual({ ok: false, reason: 'not_found' });
    expect(await services.complaints.reporterView(stranger, trackingId)).toBeUndefined();
  });

  it('postpones and resumes, moving the deadline by the time waited, and reroutes carrying the clock', async () => {
    const trackingId = await forwardedComplaint(services, fx);
    await actOk(services, fx.officer, trackingId, { type: 'plan', message: 'Kami jadwalkan pengecekan.' });
    const before = await rowOf(trackingId);
    await actOk(services, fx.officer, trackingId, { type: 'postpone', reason: 'Menunggu blanko dari pusat.' });
    expect((await rowOf(trackingId)).status).toBe('postponed');
    await actOk(services, fx.officer, trackingId, { type: 'resume' });
    const resumed = await rowOf(trackingId);
    expect(resumed.status).toBe('in_process');
    expect(resumed.stageDueAt?.getTime()).toBeGreaterThanOrEqual(before.stageDueAt?.getTime() ?? 0);

    // An officer cannot reroute; the supervisor can, and the new agency takes over with the same deadline.
    expect(
      await services.complaints.act(fx.officer, trackingId, { type: 'reroute', agencyId: fx.otherAgencyId, message: 'Bukan wewenang kami.' }, COMPLAINT_ORIGIN),
    ).toEqual({
      ok: false,
      reason: 'not_allowed_now',
    });
    await actOk(services, fx.supervisor, trackingId, { type: 'reroute', agencyId: fx.otherAgencyId, message: 'Ini wewenang instansi lain.' });
    const moved = await rowOf(trackingId);
    expect(moved).toMatchObject({ agencyId: fx.otherAgencyId, unitId: null, status: 'in_process' });
    expect(moved.resolveDueAt?.getTime()).toBe(resumed.resolveDueAt?.getTime());
    expect(await services.complaints.staffView(fx.officer, trackingId, COMPLAINT_ORIGIN)).toBeUndefined();
    const there = await services.complaints.staffView(fx.otherOfficer, trackingId, COMPLAINT_ORIGIN);
    expect(there?.timeline.map((e) => e.kind)).toEqual(expect.arrayContaining(['filed', 'forwarded', 'plan', 'postponed', 'resumed', 'rerouted']));
  });

  it('archives with a reason the reporter is told, and merges a duplicate into its report', async () => {
    const email = await citizenEmail();
    const { trackingId: unclear } = await fileComplaint(services, citizen);
    expect(await services.complaints.act(fx.desk, unclear, { type: 'archive', reason: 'unclear', message: '' }, COMPLAINT_ORIGIN)).toEqual({
      ok: false,
      reason: 'message_required',
    });
    await actOk(services, fx.desk, unclear, { type: 'archive', reason: 'unclear', message: 'Mohon jelaskan lokasi dan waktu kejadian.' });
    expect(await rowOf(unclear)).toMatchObject({ status: 'archived', archiveReason: 'unclear', stage: null });
    expect(await noticesTo(email, unclear)).toEqual(['complaint.received', 'complaint.archived']);
    expect(
      await services.complaints.act(fx.desk, unclear, { type: 'forward', agencyId: fx.agencyId, isSecret: false, isAnonymous: false }, COMPLAINT_ORIGIN),
    ).toEqual({
      ok: false,
      reason: 'not_allowed_now',
    });
    expect((await services.complaints.publicView(unclear))?.archiveReason).toBe('unclear');

    const target = await forwardedComplaint(services, fx);
    const { trackingId: duplicate } = await fileComplaint(services, citizen);
    expect(await services.complaints.act(fx.desk, duplicate, { type: 'merge', intoTrackingId: duplicate }, COMPLAINT_ORIGIN)).toEqual({
      ok: false,
      reason: 'merge_into_self',
    });
    expect(await services.complaints.act(fx.desk, duplicate, { type: 'merge', intoTrackingId: 'ADU-0000-0000' }, COMPLAINT_ORIGIN)).toEqual({
      ok: false,
      reason: 'unknown_report',
    });
    await actOk(services, fx.desk, duplicate, { type: 'merge', intoTrackingId: target });
    const merged = await rowOf(duplicate);
    expect(merged).toMatchObject({ status: 'archived', archiveReason: 'duplicate', mergedIntoId: (await rowOf(target)).id });
    expect(await services.complaints.publicView(duplicate)).toBeUndefined();
    expect((await services.complaints.publicView(target))?.reportedBy).toBe(2);
    expect(await noticesTo(email, duplicate)).toEqual(['complaint.received', 'complaint.archived']);
    const staff = await services.complaints.staffView(fx.desk, duplicate, COMPLAINT_ORIGIN);
    expect(staff?.mergedInto).toBe(target);
    // The reporter still reads their own merged report.
    expect((await services.complaints.reporterView({ kind: 'account', accountId: fx.citizen.accountId }, duplicate))?.archiveReason).toBe('duplicate');

    // "Me too" counts once per supporter.
    const key = 'a'.repeat(64);
    expect(await services.complaints.support(target, key)).toEqual({ ok: true, reportedBy: 3 });
    expect(await services.complaints.support(target, key)).toEqual({ ok: true, reportedBy: 3 });
    expect(await services.complaints.support(duplicate, key)).toEqual({ ok: false, reason: 'not_found' });
  });
});

describe('privacy and scope', () => {
  it('answers 404 (undefined / not_found) to another agency’s staff', async () => {
    const trackingId = await forwardedComplaint(services, fx);
    expect(await services.complaints.staffView(fx.otherOfficer, trackingId, COMPLAINT_ORIGIN)).toBeUndefined();
    expect(await services.complaints.act(fx.otherOfficer, trackingId, { type: 'note', message: 'Halo' }, COMPLAINT_ORIGIN)).toEqual({
      ok: false,
      reason: 'not_found',
    });
    expect(await services.complaints.staffView(fx.citizen, trackingId, COMPLAINT_ORIGIN)).toBeUndefined();
    expect((await services.complaints.triageQueue(fx.officer, {})).items).toEqual([]);
    expect(await services.complaints.staffView(fx.officer, trackingId, COMPLAINT_ORIGIN)).toBeDefined();
  });

  it('masks personal data in the title for the public, never for the reporter', async () => {
    const trackingId = await forwardedComplaint(services, fx, { overrides: { title: 'Pungli di loket, hubungi saya 081298765432' } });
    expect((await services.complaints.publicView(trackingId))?.title).toBe(`Pungli di loket, hubungi saya ${MASK.phone}`);
    const listed = (await services.complaints.publicList({ q: 'Pungli di loket' })).items.find((i) => i.trackingId === trackingId);
    expect(listed?.title).not.toContain('081298765432');
    expect((await services.complaints.reporterView({ kind: 'account', accountId: fx.citizen.accountId }, trackingId))?.title).toContain('081298765432');
  });

  it('limits an officer whose grant names a unit to that unit’s reports and those not yet given to a unit', async () => {
    const unit = await database.db
      .insertInto('agencyUnit')
      .values({
        agencyId: fx.agencyId,
        code: `loket-${crypto.randomUUID().slice(0, 6)}`,
        nameId: 'Loket Kecamatan',
        nameEn: 'District Desk',
        streetAddress: 'Jl. Uji 2',
        regionCode: '32.73',
        timeZone: 'Asia/Jakarta',
        openingHours: '[]',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const { accountId } = await services.staff.create(
      {
        email: `unit.${crypto.randomUUID().slice(0, 8)}@instansi.test`,
        fullName: 'Petugas Unit',
        roles: [{ role: 'officer', agencyId: fx.agencyId, unitId: unit.id }],
      },
      { accountId: null, role: 'system' },
    );
    const unitOfficer = {
      kind: 'staff' as const,
      accountId,
      sessionId: 'test',
      locale: 'id' as const,
      grants: [{ role: 'officer' as const, agencyId: fx.agencyId, unitId: unit.id }],
    };
    const otherUnit = await forwardedComplaint(services, fx);
    const { trackingId: noUnit } = await fileComplaint(services, citizen);
    await actOk(services, fx.desk, noUnit, { type: 'forward', agencyId: fx.agencyId, unitId: null, isSecret: false, isAnonymous: false });
    const { trackingId: ownUnit } = await fileComplaint(services, citizen);
    await actOk(services, fx.desk, ownUnit, { type: 'forward', agencyId: fx.agencyId, unitId: unit.id, isSecret: false, isAnonymous: false });

    const queue = (await services.complaints.agencyQueue(unitOfficer, {})).items.map((i) => i.trackingId);
    expect(queue).toEqual(expect.arrayContaining([noUnit, ownUnit]));
    expect(queue).not.toContain(otherUnit);
    expect(await services.complaints.staffView(unitOfficer, otherUnit, COMPLAINT_ORIGIN)).toBeUndefined();
    expect(await services.complaints.staffView(unitOfficer, ownUnit, COMPLAINT_ORIGIN)).toBeDefined();
    // The agency-wide officer sees all three.
    const all = (await services.complaints.agencyQueue(fx.officer, {})).items.map((i) => i.trackingId);
    expect(all).toEqual(expect.arrayContaining([noUnit, ownUnit, otherUnit]));
  });

  it('never shows an anonymous reporter, or their linked application, to the handling agency', async () => {
    const service = await createServiceFixture(database.db);
    const fileId = await uploadPdf(services, { ownerAccountId: fx.citizen.accountId });
    const submitted = await services.applications.submitOnline(
      fx.citizen,
      { serviceCode: service.code, answers: birthAnswers({ nik: fx.citizenNik, fullName: 'Rina Marlina' }, fileId), idempotencyKey: crypto.randomUUID() },
      COMPLAINT_ORIGIN,
    );
    if (!submitted.ok) throw new Error('application refused');
    const applicationTrackingNumber = submitted.application.trackingNumber;
    const anonymous = await forwardedComplaint(services, fx, { isAnonymous: true, isSecret: true, overrides: { applicationTrackingNumber } });
    const named = await forwardedComplaint(services, fx, { isAnonymous: false, isSecret: true, overrides: { applicationTrackingNumber } });
    const email = await citizenEmail();

    for (const actor of [fx.officer, fx.supervisor]) {
      const view = await services.complaints.staffView(actor, anonymous, COMPLAINT_ORIGIN);
      expect(view).toBeDefined();
      expect(view && 'reporter' in view).toBe(false);
      expect(view?.applicationTrackingNumber).toBeNull();
      const text = JSON.stringify(view);
      expect(text).not.toContain('Rina');
      expect(text).not.toContain(email);
      expect(text).not.toContain(applicationTrackingNumber);
      const queue = JSON.stringify(await services.complaints.agencyQueue(actor, {}));
      expect(queue).not.toContain('Rina');
      expect(queue).not.toContain(email);
    }
    expect((await services.complaints.staffView(fx.officer, named, COMPLAINT_ORIGIN))?.reporter).toMatchObject({
      name: 'Rina Marlina',
      email,
      hasAccount: true,
    });
    expect((await services.complaints.staffView(fx.officer, named, COMPLAINT_ORIGIN))?.applicationTrackingNumber).toBe(applicationTrackingNumber);
    // The desk knows who it was.
    expect((await services.complaints.staffView(fx.desk, anonymous, COMPLAINT_ORIGIN))?.reporter).toMatchObject({ name: 'Rina Marlina', email });

    // Agency staff may protect the reporter more, never less.
    expect(await services.complaints.act(fx.officer, anonymous, { type: 'set_flags', isSecret: true, isAnonymous: false }, COMPLAINT_ORIGIN)).toEqual({
      ok: false,
      reason: 'not_allowed_now',
    });
    await actOk(services, fx.officer, named, { type: 'set_flags', isSecret: true, isAnonymous: true });
    expect((await services.complaints.staffView(fx.officer, named, COMPLAINT_ORIGIN))?.reporter).toBeUndefined();
    // Secret reports never reach the public.
    expect(await services.complaints.publicView(anonymous)).toBeUndefined();
    expect((await services.complaints.publicList({ perPage: 100 })).items.map((i) => i.trackingId)).not.toContain(anonymous);
  });
});

describe('routing, channels and hostile input', () => {
  it('routes by the most specific rule: category and regency, then province, then category anywhere', async () => {
    const { agencyId: regencyAgency } = await createServiceFixture(database.db);
    const { agencyId: anywhereAgency } = await createServiceFixture(database.db);
    expect(
      await services.complaints.saveRouteRule(
        fx.officer,
        { categoryCode: 'perizinan', regionCode: null, agencyId: anywhereAgency, unitId: null },
        COMPLAINT_ORIGIN,
      ),
    ).toEqual({ ok: false, reason: 'not_found' });
    for (const rule of [
      { categoryCode: 'perizinan', regionCode: null, agencyId: anywhereAgency, unitId: null },
      { categoryCode: 'perizinan', regionCode: '32', agencyId: fx.agencyId, unitId: null },
      { categoryCode: 'perizinan', regionCode: '32.73', agencyId: regencyAgency, unitId: null },
    ]) {
      expect(await services.complaints.saveRouteRule(fx.desk, rule, COMPLAINT_ORIGIN)).toEqual({ ok: true });
    }
    expect(
      await services.complaints.saveRouteRule(fx.desk, { categoryCode: 'perizinan', regionCode: null, agencyId: 'bukan-uuid', unitId: null }, COMPLAINT_ORIGIN),
    ).toEqual({ ok: false, reason: 'unknown_agency' });
    const routed = async (regionCode: string | undefined) => {
      const { trackingId } = await fileComplaint(services, citizen, { categoryCode: 'perizinan', regionCode });
      return (await services.complaints.staffView(fx.desk, trackingId, COMPLAINT_ORIGIN))?.routedTo?.agency.id;
    };
    expect(await routed('32.73')).toBe(regencyAgency);
    await database.db
      .insertInto('region')
      .values({ code: '32.04', parentCode: '32', level: 'regency', name: 'Kabupaten Bandung' })
      .onConflict((oc) => oc.doNothing())
      .execute();
    expect(await routed('32.04')).toBe(fx.agencyId);
    expect(await routed(undefined)).toBe(anywhereAgency);
    // Unmatched: no rule for the category, so the desk triages it.
    const { trackingId } = await fileComplaint(services, citizen, { categoryCode: 'kesehatan' });
    expect((await services.complaints.staffView(fx.desk, trackingId, COMPLAINT_ORIGIN))?.routedTo).toBeNull();

    const rules = await services.complaints.routeRules(fx.desk);
    expect(rules.filter((r) => r.category?.code === 'perizinan').map((r) => r.region?.code ?? null)).toEqual(['32', '32.73', null]);
    expect(await services.complaints.routeRules(fx.officer)).toEqual([]);
    const anywhere = rules.find((r) => r.category?.code === 'perizinan' && r.region === null);
    expect(await services.complaints.deleteRouteRule(fx.desk, anywhere?.id ?? '', COMPLAINT_ORIGIN)).toEqual({ ok: true });
    expect(await services.complaints.deleteRouteRule(fx.desk, anywhere?.id ?? '', COMPLAINT_ORIGIN)).toEqual({ ok: false, reason: 'not_found' });
  });

  it('lets a guest reply through the follow-up link, and gives an Open311 client a token', async () => {
    const { trackingId, followUpSecret } = await fileComplaint(services, { kind: 'guest' });
    const access = { kind: 'follow_up' as const, secret: followUpSecret ?? '' };
    expect(
      await services.complaints.reporterAct(access, trackingId, { type: 'reply', message: 'Tambahan: kejadian pukul 10 pagi.' }, COMPLAINT_ORIGIN),
    ).toEqual({ ok: true });
    // Guests cannot attach files (uploads belong to accounts).
    expect(
      await services.complaints.reporterAct(
        access,
        trackingId,
        { type: 'reply', message: 'Ini lampirannya.', fileIds: [crypto.randomUUID()] },
        COMPLAINT_ORIGIN,
      ),
    ).toEqual({ ok: false, reason: 'not_allowed_now' });
    expect((await services.complaints.reporterView(access, trackingId))?.timeline.map((e) => e.kind)).toEqual(['filed', 'reporter_reply']);

    const key = await database.db
      .insertInto('open311Key')
      .values({ name: 'Aplikasi Uji', keyHash: 'b'.repeat(64), keyPrefix: 'bbbb' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const open311 = await services.complaints.file(
      validComplaint({ channel: 'open311' }),
      { kind: 'open311', keyId: key.id, email: 'warga@contoh.test' },
      COMPLAINT_ORIGIN,
    );
    if (!open311.ok) throw new Error('refused');
    expect(open311.open311Token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(open311.followUpSecret).toBeUndefined();
    expect(await rowOf(open311.trackingId)).toMatchObject({ channel: 'open311', open311KeyId: key.id, open311Token: open311.open311Token });
    const replay = await services.complaints.file(validComplaint({ idempotencyKey: 'open311-retry-1' }), { kind: 'open311', keyId: key.id }, COMPLAINT_ORIGIN);
    const again = await services.complaints.file(validComplaint({ idempotencyKey: 'open311-retry-1' }), { kind: 'open311', keyId: key.id }, COMPLAINT_ORIGIN);
    expect(again).toMatchObject({
      ok: true,
      replayed: true,
      trackingId: replay.ok ? replay.trackingId : '',
      open311Token: replay.ok ? replay.open311Token : '',
    });
  });

  it('answers hostile input with refusals or problems, never a database error', async () => {
    const trackingId = await forwardedComplaint(services, fx);
    const act = (action: object) => services.complaints.act(fx.desk, trackingId, action as never, COMPLAINT_ORIGIN);
    expect(await act({ type: 'reroute', agencyId: 'x', message: 'Pindah.' })).toEqual({ ok: false, reason: 'unknown_agency' });
    expect(await act({ type: 'reroute', agencyId: fx.otherAgencyId, unitId: 'x', message: 'Pindah.' })).toEqual({ ok: false, reason: 'unknown_unit' });
    expect(await act({ type: 'drop_table' })).toEqual({ ok: false, reason: 'not_allowed_now' });
    expect(await act({ type: 'note', message: 'x'.repeat(10_001) })).toEqual({ ok: false, reason: 'too_long' });
    const { trackingId: fresh } = await fileComplaint(services, citizen);
    expect(await services.complaints.act(fx.desk, fresh, { type: 'archive', reason: 'bosan' as never, message: 'Tidak.' }, COMPLAINT_ORIGIN)).toEqual({
      ok: false,
      reason: 'not_allowed_now',
    });
    expect(await services.complaints.staffView(fx.desk, `${'A'.repeat(5000)}`, COMPLAINT_ORIGIN)).toBeUndefined();
    expect(await services.complaints.publicList({ page: Number.NaN, perPage: Number.NaN, q: "%' or 1=1 --" })).toMatchObject({
      items: [],
      page: 1,
      perPage: 20,
    });
    const bad = await services.complaints.file(
      validComplaint({ title: 42 as never, latitude: 'utara' as never, longitude: 107 as never, fileIds: ['../../etc/passwd'] }),
      citizen,
      COMPLAINT_ORIGIN,
    );
    expect(bad.ok ? [] : bad.problems.map((p) => p.key).toSorted()).toEqual([
      'complaints.error.fileNotYours',
      'complaints.error.latitude',
      'complaints.error.titleTooShort',
    ]);
    expect(await services.complaints.reporterView({ kind: 'follow_up', secret: 'x'.repeat(1000) }, trackingId)).toBeUndefined();
  });
});

describe('statistics', () => {
  it('counts per agency: received, forwarded on time, resolved (on time), overdue, open and the mean rating', async () => {
    const { agencyId } = await createServiceFixture(database.db);
    const supervisor = await createStaff(services, agencyId, 'supervisor');
    const officer = await createStaff(services, agencyId, 'officer');
    const me = { kind: 'account' as const, accountId: fx.citizen.accountId };
    const forward = async () => {
      const { trackingId } = await fileComplaint(services, citizen);
      await actOk(services, fx.desk, trackingId, { type: 'forward', agencyId, isSecret: false, isAnonymous: false });
      return trackingId;
    };
    // Resolved on time and rated 4; resolved and rated 2; one open and overdue; one open in time.
    for (const rating of [4, 2]) {
      const trackingId = await forward();
      await actOk(services, officer, trackingId, { type: 'plan', message: 'Kami periksa.' });
      await actOk(services, officer, trackingId, { type: 'respond', message: 'Sudah beres.' });
      await services.complaints.reporterAct(me, trackingId, { type: 'accept' }, COMPLAINT_ORIGIN);
      await services.complaints.reporterAct(me, trackingId, { type: 'rate', rating }, COMPLAINT_ORIGIN);
    }
    const late = await forward();
    await database.db
      .updateTable('complaint')
      .set({ stageDueAt: new Date(Date.now() - 3600_000) })
      .where('trackingId', '=', late)
      .execute();
    // Its verification was breached too (as the sweep would have recorded it).
    const lateRow = await rowOf(late);
    await database.db
      .insertInto('complaintAlert')
      .values({ complaintId: lateRow.id, stage: 'verify', stageSeq: 1, kind: 'breach', firedAt: new Date() })
      .execute();
    await forward();

    const period = { from: new Date(Date.now() - 3600_000), to: new Date(Date.now() + 3600_000) };
    const mine = await services.complaints.statistics(supervisor, period);
    expect(mine).toEqual([
      {
        agency: expect.objectContaining({ id: agencyId }),
        received: 4,
        forwardedOnTime: 3,
        resolved: 2,
        resolvedOnTime: 2,
        overdue: 1,
        open: 2,
        averageRating: 3,
        ratings: 2,
      },
    ]);
    // The desk sees every agency; an earlier period counts nothing received.
    const all = await services.complaints.statistics(fx.desk, period);
    expect(all.map((s) => s.agency.id)).toEqual(expect.arrayContaining([agencyId, fx.agencyId]));
    const before = await services.complaints.statistics(supervisor, { from: new Date(0), to: new Date(Date.now() - 3600_000) });
    expect(before[0]).toMatchObject({ received: 0, resolved: 0, ratings: 0, averageRating: null, open: 2 });
  });
});

describe('messages', () => {
  it('has a label in both languages for every status, kind, stage, archive reason, refusal and timeline event written', async () => {
    const keys = new Set(Object.keys(complaintsMessages.id));
    const needed = [
      ...COMPLAINT_STATUSES.map((s) => `complaints.status.${s}`),
      ...COMPLAINT_KINDS.map((k) => `complaints.kind.${k}`),
      ...ARCHIVE_REASONS.map((r) => `complaints.archiveReason.${r}`),
      ...['verify', 'plan', 'resolve', 'confirm'].map((s) => `complaints.stage.${s}`),
    ];
    const events = await database.db.selectFrom('complaintEvent').select('kind').distinct().execute();
    expect(events.length).toBeGreaterThan(15);
    needed.push(...events.map((e) => `complaints.event.${e.kind}`));
    expect(needed.filter((key) => !keys.has(key))).toEqual([]);
    expect(Object.keys(complaintsMessages.en).toSorted()).toEqual([...keys].toSorted());
  });
});
