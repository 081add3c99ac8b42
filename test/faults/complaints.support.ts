import { sql } from 'kysely';
import { seedComplaintCategories } from '../../src/modules/complaints/complaints.seed.ts';
import { OPEN311_REPORT } from '../../src/modules/complaints/complaints.test-support.ts';
import type { Database } from '../../src/platform/db/database.ts';
import type { Services } from '../../src/services.ts';
import { complaintClient, type LoadClient, open311Client, type Submission } from './support.ts';

// Complaints under the crash-under-load suite: the load's complaint clients (citizens on the JSON API,
// a partner app on Open311) and what must hold for their reports after every kill -9 and restart.

const SYSTEM = { actor: { accountId: null, role: 'system', agencyId: null } };

/** A complaint as the JSON API takes it (the category is one of the seed's). */
export const COMPLAINT = {
  kind: 'complaint',
  category: 'pelayanan-kependudukan',
  title: 'KTP-el belum jadi setelah tiga bulan',
  description: 'Saya merekam KTP-el di kantor dinas pada bulan Juli, sampai sekarang belum dicetak dan petugas tidak bisa memberi kepastian.',
  address: 'Jl. Wastukencana No. 2, Bandung',
};

/**
 * The complaints clients of the load: `citizens.length` citizens filing through the JSON API and
 * `partners` Open311 clients sharing one API key (whose per-minute limit the load never reaches).
 */
export async function complaintClients(
  services: Services,
  db: Database,
  citizens: readonly { accountId: string; token: string }[],
  partners: number,
): Promise<LoadClient[]> {
  await seedComplaintCategories(db);
  const clients = citizens.map((citizen) => complaintClient(citizen.accountId, citizen.token, COMPLAINT));
  if (partners > 0) {
    const key = await services.open311Keys.create({ name: 'Uji beban', requestsPerMinute: 100_000 }, SYSTEM);
    if (!key.ok) throw new Error(`Open311 key not created: ${key.problem}`);
    for (let i = 0; i < partners; i += 1) clients.push(open311Client(key.id, key.key, OPEN311_REPORT));
  }
  return clients;
}

export const isComplaint = (submission: Submission) => submission.client.kind === 'complaint' || submission.client.kind === 'open311';

/** What one filing writes beside its report, counted per report, and whether its clock runs. */
export interface FiledComplaint {
  id: string;
  trackingId: string;
  open311Token: string | null;
  sender: string;
  idempotencyKey: string | null;
  /** Its `filed` timeline event, `complaint.filed` audit entry and outbox event, and its receipt. */
  events: number;
  audits: number;
  outbox: number;
  notifications: number;
  /** In the verification stage (first entry), its warning before its deadline, both ahead of filing. */
  clocked: boolean;
}

export interface ComplaintsCheck {
  /** Complaint submissions checked: every acknowledged one (or, with `all`, every one). */
  checked: number;
  lost: number;
  duplicates: number;
  /** Acknowledged with another tracking id or token than the database has for the key. */
  mismatched: number;
  /** Reports of a key no client sent. */
  extra: number;
  /** Reports missing part of their filing, or whose clock does not run. */
  halfWritten: FiledComplaint[];
  /** Audit entries, outbox events and receipts of a report that does not exist. */
  orphans: number;
}

/**
 * What the database holds for the load's complaints. Each acknowledged report must exist exactly once
 * under its sender and key, with the tracking id (or Open311 token) the client was given; with `all`
 * (every submission retried until acknowledged), every submission too, and nothing else. Each report
 * is read with what its filing wrote in one statement, so one snapshot: it may run under load.
 */
export async function checkComplaints(db: Database, submissions: readonly Submission[], { all = false } = {}): Promise<ComplaintsCheck> {
  const expected = submissions.filter((s) => isComplaint(s) && (all || s.receipt !== undefined));
  const { rows } = await sql<FiledComplaint>`
    select c.id, c.tracking_id as "trackingId", c.open311_token as "open311Token",
      coalesce(c.reporter_account_id::text, c.open311_key_id::text) as sender, c.idempotency_key as "idempotencyKey",
      (select count(*)::int from complaint_event e where e.complaint_id = c.id and e.kind = 'filed') as events,
      (select count(*)::int from audit_event x where x.subject_id = c.id::text and x.action = 'complaint.filed') as audits,
      (select count(*)::int from outbox_event o where o.aggregate_id = c.id and o.topic = 'complaint.filed') as outbox,
      (select count(*)::int from notification n where n.kind = 'complaint.received' and n.params->>'trackingId' = c.tracking_id) as notifications,
      coalesce(c.stage = 'verify' and c.stage_seq = 1 and c.created_at < c.stage_warn_at and c.stage_warn_at < c.stage_due_at, false) as clocked
    from complaint c`.execute(db);
  const byKey = new Map<string, FiledComplaint[]>();
  for (const row of rows) {
    const key = `${row.sender}/${row.idempotencyKey}`;
    byKey.set(key, [...(byKey.get(key) ?? []), row]);
  }
  let lost = 0;
  let duplicates = 0;
  let mismatched = 0;
  for (const submission of expected) {
    const found = byKey.get(`${submission.client.sender}/${submission.key}`) ?? [];
    if (found.length === 0) lost += 1;
    if (found.length > 1) duplicates += found.length - 1;
    const receipt = submission.client.kind === 'open311' ? found[0]?.open311Token : found[0]?.trackingId;
    if (found.length > 0 && receipt !== submission.receipt) mismatched += 1;
  }
  const sent = new Set(submissions.filter(isComplaint).map((s) => `${s.client.sender}/${s.key}`));
  // Audit entries, outbox events and receipts are written in the report's transaction: none may outlive it.
  const { rows: orphans } = await sql<{ n: number }>`
    select
      (select count(*)::int from audit_event x where x.action = 'complaint.filed'
        and not exists (select 1 from complaint c where c.id::text = x.subject_id))
      + (select count(*)::int from outbox_event o where o.topic = 'complaint.filed'
        and not exists (select 1 from complaint c where c.id = o.aggregate_id))
      + (select count(*)::int from notification n where n.kind = 'complaint.received'
        and not exists (select 1 from complaint c where c.tracking_id = n.params->>'trackingId')) as n`.execute(db);
  return {
    checked: expected.length,
    lost,
    duplicates,
    mismatched,
    extra: [...byKey.keys()].filter((key) => !sent.has(key)).length,
    halfWritten: rows.filter((row) => row.events !== 1 || row.audits !== 1 || row.outbox !== 1 || row.notifications !== 1 || !row.clocked),
    orphans: orphans[0]?.n ?? 0,
  };
}

/** The complaints clock's timer (a per-minute cron, src/modules/complaints/complaints.jobs.ts) is scheduled. */
export async function slaSweepScheduled(db: Database): Promise<boolean> {
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from pgboss.schedule where name = 'complaints.sla-sweep'`.execute(db);
  return (rows[0]?.n ?? 0) > 0;
}
