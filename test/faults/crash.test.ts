import { chmod, mkdtemp, readdir, rm } from 'node:fs/promises';
import type net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { PgBoss } from 'pg-boss';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCitizen, createServiceFixture, type ServiceFixture } from '../../src/modules/applications/applications.test-support.ts';
import { createAuditLog } from '../../src/platform/audit/audit.service.ts';
import { freePort } from '../../src/platform/db/embedded.ts';
import { leftovers } from '../../src/platform/storage/storage.test-support.ts';
import { createTestApp, sessionTokenFor, type TestApp } from '../helpers/app.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';
import { cleanEnv, killLoket, type LoketProcess, spawnLoket, stopLoket, waitUntilReady } from '../helpers/process.ts';
import { checkComplaints, complaintClients, isComplaint, slaSweepScheduled } from './complaints.support.ts';
import {
  applicationClient,
  LONG,
  type LoadClient,
  partialUpload,
  SHORT_FORM,
  type Submission,
  sharedSecretsEnv,
  shortAnswers,
  sleep,
  startLoad,
} from './support.ts';

// Crash under load: the real process (`node --import tsx src/cli.ts serve`) on this file's own
// database takes concurrent API submissions of applications and complaints (JSON API and Open311),
// each under its own Idempotency-Key, and is killed with SIGKILL at random moments (mid-request,
// mid-transaction: whatever is running). After each restart the clients retry everything that was not
// acknowledged, with the same keys. Nothing acknowledged may be lost or doubled, nothing may be
// half-written, the audit chain must verify, and queued jobs must run on the next start.
//
// The short variant (2 kills) runs in `npm test`; LOKET_LONG_TESTS=1 kills 10 times under more load
// and prints the figures docs/reliability.md records.

const KILLS = LONG ? 10 : 2;
const CLIENTS = LONG ? 8 : 4;
/** Citizens filing complaints through the JSON API, and partner apps through Open311. */
const COMPLAINT_CLIENTS = LONG ? 4 : 2;
const OPEN311_CLIENTS = LONG ? 2 : 1;
/** How long the load runs on a node before it is killed: a random moment in this range. */
const UP_MS: [number, number] = LONG ? [500, 2_500] : [300, 900];

let database: TestDatabase;
let t: TestApp;
let service: ServiceFixture;
let dataDir: string;
let port: number;
let env: NodeJS.ProcessEnv;
let boss: PgBoss;
const processes: LoketProcess[] = [];
const citizens: { accountId: string; token: string; nik: string; fullName: string }[] = [];
const clients: LoadClient[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  const secrets = sharedSecretsEnv();
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'loket-faults-crash-'));
  await chmod(dataDir, 0o755);
  // The test's own services share the spawned nodes' keys and files folder.
  t = await createTestApp({ database, env: { ...secrets, LOKET_FILES_DIR: path.join(dataDir, 'files') } });
  service = await createServiceFixture(database.db, { form: SHORT_FORM });
  for (let i = 0; i < CLIENTS; i += 1) {
    const citizen = await createCitizen(t.services);
    const token = await sessionTokenFor(t.services, citizen.actor, 'api');
    citizens.push({ accountId: citizen.actor.accountId, token, nik: citizen.nik, fullName: citizen.fullName });
    clients.push(applicationClient(citizen.actor.accountId, token, JSON.stringify({ service: service.code, answers: shortAnswers(citizen) })));
  }
  clients.push(...(await complaintClients(t.services, database.db, citizens.slice(0, COMPLAINT_CLIENTS), OPEN311_CLIENTS)));
  port = await freePort();
  env = cleanEnv({
    ...secrets,
    NODE_ENV: 'development',
    LOKET_LOG_LEVEL: 'warn',
    LOKET_DATA_DIR: dataDir,
    DATABASE_URL: database.url,
    PORT: String(port),
    LOKET_RATE_LIMIT_MAX: '1000000',
  });
  // A producer only (no workers, no cron): it queues jobs while the server is down, as another node would.
  boss = new PgBoss({ connectionString: database.url, schema: 'pgboss', max: 2, supervise: false, schedule: false });
  boss.on('error', () => {});
  await boss.start();
  t.services.notifier.attachQueue(boss);
}, 60_000);

afterAll(async () => {
  for (const loket of processes) await killLoket(loket);
  await boss?.stop({ graceful: false, timeout: 1_000 }).catch(() => {});
  await t?.close();
  await database?.drop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
}, 30_000);

const startTimes: number[] = [];

async function startNode(): Promise<LoketProcess> {
  const loket = spawnLoket(env, port);
  processes.push(loket);
  startTimes.push(await waitUntilReady(loket, 30_000));
  return loket;
}

/** A notification written to the outbox (and its job queued) while no node runs: the next node must deliver it. */
async function enqueueWhileDown(round: number): Promise<string> {
  const citizen = citizens[round % citizens.length];
  if (!citizen) throw new Error('no citizen');
  const { id } = await database.db.transaction().execute((trx) =>
    t.services.notifier.enqueue(
      {
        kind: 'application.submitted',
        channel: 'email',
        recipient: `rina.${citizen.nik}@contoh.test`,
        locale: 'id',
        params: { trackingNumber: `WHILE-DOWN-${round}`, serviceName: 'Layanan Uji', dueDate: '1 Januari 2027' },
      },
      trx,
    ),
  );
  return id;
}

async function notificationStatus(id: string): Promise<string | undefined> {
  return (await database.db.selectFrom('notification').select('status').where('id', '=', id).executeTakeFirst())?.status;
}

/** The key of the advisory lock every audit append takes ('LOKETAUD' in ASCII, src/platform/audit/audit.service.ts). */
const AUDIT_APPEND_LOCK = Buffer.from('LOKETAUD', 'ascii').readBigInt64BE().toString();

/** Takes the audit chain's append lock in an open transaction; release() rolls it back. */
async function holdAuditLock(): Promise<{ release(): Promise<void> }> {
  const client = await database.pool.connect();
  await client.query('begin');
  await client.query('select pg_advisory_xact_lock($1::bigint)', [AUDIT_APPEND_LOCK]);
  return {
    async release() {
      await client.query('rollback');
      client.release();
    },
  };
}

/** Transactions of this database waiting for an advisory lock: submissions stopped before their audit append. */
async function waitingOnAuditLock(): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    select count(*)::int as n from pg_stat_activity
    where datname = ${database.name} and wait_event_type = 'Lock' and wait_event = 'advisory'`.execute(database.db);
  return rows[0]?.n ?? 0;
}

async function unfinishedFiles(): Promise<number> {
  return (await readdir(path.join(dataDir, 'files', 'tmp')).catch(() => [])).length;
}

async function waitUntil(condition: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await sleep(100);
  }
}

/**
 * After a restart, under load: every complaint acknowledged so far is there once, whole, with its
 * clock; the clock's timer is scheduled; the audit chain verifies. Returns how many were checked.
 */
async function expectComplaintsIntact(submissions: readonly Submission[]): Promise<number> {
  const check = await checkComplaints(database.db, submissions);
  expect(check, 'complaints after a restart').toMatchObject({ lost: 0, duplicates: 0, mismatched: 0, extra: 0, halfWritten: [], orphans: 0 });
  expect(await slaSweepScheduled(database.db)).toBe(true);
  expect(await createAuditLog(database.db).verify()).toMatchObject({ ok: true });
  return check.checked;
}

describe('crash under load', () => {
  it(
    `loses no acknowledged submission and writes nothing by half across ${KILLS} kill -9`,
    async () => {
      const load = startLoad({ baseUrl: () => `http://127.0.0.1:${port}`, clients });
      const kinds = [...new Set(clients.map((c) => c.kind))];
      const queuedWhileDown: string[] = [];
      const inFlightAtKills = new Map<string, number>();
      let midTransactionAtKill = 0;
      /** Requests of each kind open at the first kill: held mid-transaction, or waiting for one of the node's connections. */
      let openAtFirstKill: Record<string, number> = {};
      /** Acknowledged complaints checked after the restarts (each counted once per restart). */
      let complaintsCheckedAtRestarts = 0;
      let loket: LoketProcess | undefined;
      let lastStartedAt = new Date(0);
      let upload: net.Socket | undefined;
      try {
        for (let round = 0; round < KILLS; round += 1) {
          loket = await startNode();
          if (round > 0) complaintsCheckedAtRestarts += await expectComplaintsIntact(load.submissions);
          const [low, high] = UP_MS;
          await sleep(low + Math.random() * (high - low));
          if (round === KILLS - 1) {
            // The last kill also cuts an upload half-way: its temporary file is under way.
            upload = await partialUpload(port, citizens[0]?.token ?? '', 1024 * 1024);
            await waitUntil(async () => (await unfinishedFiles()) > 0, 10_000, 'an upload under way');
          }
          // The first kill lands mid-transaction for sure: the test holds the audit chain's append lock,
          // so submissions stop inside their transaction (application or report, event and notification
          // inserted, not committed) until the node dies under them. It waits for every client to be held,
          // at most 8: each holds one of the node's 10 connections (LOKET_DB_POOL_SIZE's default).
          const holder = round === 0 ? await holdAuditLock() : undefined;
          if (holder) {
            const everyClient = Math.min(clients.length, 8);
            await waitUntil(async () => (await waitingOnAuditLock()) > 0, 10_000, 'a submission waiting inside its transaction');
            await waitUntil(async () => (await waitingOnAuditLock()) >= everyClient, 2_000, 'every client held').catch(() => {});
            midTransactionAtKill = await waitingOnAuditLock();
            openAtFirstKill = Object.fromEntries(kinds.map((kind) => [kind, load.inFlight(kind)]));
          }
          for (const kind of kinds) inFlightAtKills.set(kind, (inFlightAtKills.get(kind) ?? 0) + load.inFlight(kind));
          const killed = await stopLoket(loket, 'SIGKILL', 5_000);
          expect(killed.signal).toBe('SIGKILL');
          await holder?.release();
          queuedWhileDown.push(await enqueueWhileDown(round));
        }
        // The database's clock, as pg-boss stamps its jobs with it.
        lastStartedAt = (await sql<{ now: Date }>`select now() as now`.execute(database.db)).rows[0]?.now ?? new Date(0);
        loket = await startNode();
        complaintsCheckedAtRestarts += await expectComplaintsIntact(load.submissions);
        await sleep(300);
      } finally {
        upload?.destroy();
        await load.stop();
      }

      const acknowledged = load.submissions.filter((s) => s.receipt !== undefined);
      // Those the clients were still retrying when the load stopped.
      const unacknowledged = load.submissions.filter((s) => s.receipt === undefined);
      for (const kind of kinds)
        expect(acknowledged.filter((s) => s.client.kind === kind).length, `the load generator got no acknowledgement at all for ${kind}`).toBeGreaterThan(0);

      // A retry with the same key answered 200 when an earlier attempt had committed before the crash
      // cut its answer (201 when none had). The clients retried during the load; what was still
      // unacknowledged when it stopped is retried now.
      const committedButUnanswered = new Map<string, number>();
      const unanswered = (submission: Submission) =>
        committedButUnanswered.set(submission.client.kind, (committedButUnanswered.get(submission.client.kind) ?? 0) + 1);
      for (const submission of load.submissions) if ((submission.attempts ?? 1) > 1 && submission.status === 200) unanswered(submission);
      const retry = async (submission: Submission) => {
        const response = await submission.client.send(loket?.baseUrl ?? '', submission.key);
        expect(response.status, response.body).toBeOneOf([200, 201]);
        if (response.status === 200) unanswered(submission);
        submission.receipt = submission.client.receipt(response.body);
      };
      for (let start = 0; start < unacknowledged.length; start += 8) await Promise.all(unacknowledged.slice(start, start + 8).map(retry));
      // A retry of an acknowledged one answers the same application or report, not a new one.
      for (const kind of kinds) {
        for (const submission of acknowledged.filter((s) => s.client.kind === kind).slice(0, 5)) {
          const again = await submission.client.send(loket?.baseUrl ?? '', submission.key);
          expect(again.status).toBe(200);
          expect(submission.client.receipt(again.body)).toBe(submission.receipt);
        }
      }

      // Exactly one application per key, the one acknowledged, and nothing else.
      const applications = load.submissions.filter((s) => s.client.kind === 'application');
      const rows = await database.db
        .selectFrom('application')
        .select(['id', 'trackingNumber', 'idempotencyKey', 'applicantAccountId'])
        .where('serviceId', '=', service.serviceId)
        .execute();
      const byKey = new Map<string, typeof rows>();
      for (const row of rows)
        byKey.set(`${row.applicantAccountId}/${row.idempotencyKey}`, [...(byKey.get(`${row.applicantAccountId}/${row.idempotencyKey}`) ?? []), row]);
      let lost = 0;
      let duplicates = 0;
      for (const submission of applications) {
        const found = byKey.get(`${submission.client.sender}/${submission.key}`) ?? [];
        if (found.length === 0) lost += 1;
        if (found.length > 1) duplicates += found.length - 1;
        expect(found.map((row) => row.trackingNumber)).toEqual([submission.receipt]);
      }
      expect(lost).toBe(0);
      expect(duplicates).toBe(0);
      expect(rows).toHaveLength(applications.length);

      // The same for complaints: one report per sender and key, with the tracking id (or Open311 token)
      // acknowledged, its timeline event, audit entry, outbox event and receipt, and its clock.
      const complaints = await checkComplaints(database.db, load.submissions, { all: true });
      expect(complaints).toMatchObject({ lost: 0, duplicates: 0, mismatched: 0, extra: 0, halfWritten: [], orphans: 0 });
      expect(complaints.checked).toBe(load.submissions.filter(isComplaint).length);

      // Nothing half-written: each application has its timeline event, audit entry, domain event and
      // notification, and each of those belongs to an application.
      const { rows: incomplete } = await sql<{ id: string; events: number; audits: number; outbox: number; notifications: number }>`
      select a.id,
        (select count(*)::int from application_event e where e.application_id = a.id and e.kind = 'submitted') as events,
        (select count(*)::int from audit_event x where x.subject_id = a.id::text and x.action = 'application.submitted') as audits,
        (select count(*)::int from outbox_event o where o.aggregate_id = a.id) as outbox,
        (select count(*)::int from notification n where n.kind = 'application.submitted' and n.params->>'trackingNumber' = a.tracking_number) as notifications
      from application a
      where a.service_id = ${service.serviceId}::uuid`.execute(database.db);
      const broken = incomplete.filter((row) => row.events !== 1 || row.audits !== 1 || row.outbox < 1 || row.notifications !== 1);
      expect(broken, 'applications written by half').toEqual([]);
      const { rows: orphans } = await sql<{ n: number }>`
      select count(*)::int as n from audit_event x
      where x.action = 'application.submitted' and not exists (select 1 from application a where a.id::text = x.subject_id)`.execute(database.db);
      expect(orphans[0]?.n).toBe(0);

      // The audit chain verifies, as `npx loket audit verify` would.
      const verified = await createAuditLog(database.db).verify();
      expect(verified).toMatchObject({ ok: true });

      // Jobs left by the killed nodes, and those queued while no node ran, are done by the next node.
      // (pg-boss polls every 2 s and takes one deliver job per poll when no NOTIFY wakes it, so a
      // backlog drains slowly: here the first of them must complete; the sweep below takes the rest.)
      await waitUntil(
        async () => {
          const { rows } = await sql<{ n: number }>`
          select count(*)::int as n from pgboss.job
          where name = 'notify.deliver' and state = 'completed' and created_on < ${lastStartedAt} and completed_on > ${lastStartedAt}`.execute(database.db);
          return (rows[0]?.n ?? 0) > 0;
        },
        15_000,
        'a deliver job queued before the last start completed after it',
      );
      // Claims a killed node held expire (5 min) and the sweep takes them over: here, time moves on and
      // the sweep runs once. After that every message is out, none failed.
      // (The live node may claim a message meanwhile: the loop waits for it to finish too.)
      await waitUntil(
        async () => {
          await sql`update notification set next_attempt_at = now() where status = 'sending'`.execute(database.db);
          await t.services.notifier.deliverDue(10_000);
          const open = await database.db.selectFrom('notification').select('id').where('status', '!=', 'sent').execute();
          return open.length === 0;
        },
        10_000,
        'every notification sent',
      );
      const statuses = await database.db.selectFrom('notification').select('status').distinct().execute();
      expect(statuses.map((s) => s.status)).toEqual(['sent']);
      expect(await Promise.all(queuedWhileDown.map(notificationStatus))).toEqual(queuedWhileDown.map(() => 'sent'));

      // The upload cut by the crash left no record, only its temporary file, which the hourly purge of
      // abandoned uploads removes once it is old enough (here: its clock moved two days on).
      const files = () => leftovers(database.db, path.join(dataDir, 'files'));
      expect(await files()).toMatchObject({ rows: 0, blobs: 0, unfinished: 1 });
      await t.services.storage.purgeAbandonedUploads({ now: new Date(Date.now() + 2 * 86_400_000) });
      expect(await files()).toMatchObject({ rows: 0, blobs: 0, unfinished: 0 });

      // Every report that survived the kills is on the clock: a sweep three months on (no desk staff
      // here, so no messages) breaches each one's verification stage once.
      const filed = await database.db.selectFrom('complaint').select('id').execute();
      const sweep = await t.services.complaints.sweep(new Date(Date.now() + 90 * 86_400_000));
      expect(sweep.breaches).toBe(filed.length);
      const breached = await database.db
        .selectFrom('complaintAlert')
        .select('complaintId')
        .where('kind', '=', 'breach')
        .where('stage', '=', 'verify')
        .where('stageSeq', '=', 1)
        .execute();
      expect(breached).toHaveLength(filed.length);

      const perKind = (kind: string) => {
        const sent = load.submissions.filter((s) => s.client.kind === kind);
        return {
          clients: clients.filter((c) => c.kind === kind).length,
          submissions: sent.length,
          acknowledged: acknowledged.filter((s) => s.client.kind === kind).length,
          unacknowledgedRetried: unacknowledged.filter((s) => s.client.kind === kind).length,
          committedButUnanswered: committedButUnanswered.get(kind) ?? 0,
          inFlightAtKills: inFlightAtKills.get(kind) ?? 0,
          openAtFirstKill: openAtFirstKill[kind] ?? 0,
          failedAttemptsRetried: load.failedAttempts(kind),
        };
      };
      const figures = {
        kills: KILLS,
        midTransactionAtKill,
        application: { ...perKind('application'), lost, duplicates, halfWritten: broken.length },
        complaint: perKind('complaint'),
        open311: perKind('open311'),
        complaints: {
          lost: complaints.lost,
          duplicates: complaints.duplicates,
          halfWritten: complaints.halfWritten.length,
          checkedAtRestarts: complaintsCheckedAtRestarts,
          onTheClock: breached.length,
        },
        auditEntriesVerified: verified.checked,
        startMs: startTimes,
      };
      // The figures of docs/reliability.md.
      console.info(`crash-under-load figures: ${JSON.stringify(figures)}\n`);

      const exit = await stopLoket(loket, 'SIGTERM', 20_000);
      expect(exit, loket.output()).toMatchObject({ code: 0, signal: null });
    },
    LONG ? 300_000 : 90_000,
  );
});
