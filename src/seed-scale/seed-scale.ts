import { createCipheriv, createSecretKey, type KeyObject, randomBytes } from 'node:crypto';
import pg from 'pg';
import { hashPassword } from '../modules/accounts/password.ts';
import { answersContext, messageContext, type VersionView } from '../modules/applications/application-records.ts';
import {
  demoAnswers,
  FIRST_NAMES,
  INFORMATION_REQUESTS,
  LAST_NAMES,
  OPEN_STATUSES,
  STATUS_PATHS,
  seededRandom,
  statusFor,
} from '../modules/applications/demo-data.ts';
import { newTrackingNumber } from '../modules/applications/tracking-number.ts';
import { seedComplaintCategories } from '../modules/complaints/complaints.seed.ts';
import { plannedSteps } from '../modules/workflow/step-clock.ts';
import { workflowOf } from '../modules/workflow/workflow.defaults.ts';
import type { WorkflowDefinition } from '../modules/workflow/workflow.schema.ts';
import { createCalendar } from '../platform/calendar/calendar.service.ts';
import { type CalendarOptions, localDate, startOfDay } from '../platform/calendar/working-days.ts';
import type { DataKey } from '../platform/crypto/data-keys.ts';
import type { Database } from '../platform/db/database.ts';
import type { FormData } from '../platform/forms/form-schema.ts';
import { seedDemo } from '../seed.ts';
import type { Services } from '../services.ts';
import { COMPLAINT_COLUMNS, COMPLAINT_EVENT_COLUMNS, createComplaintGenerator } from './complaints.ts';
import { copyFrom, copyValue } from './pg-copy.ts';

// `loket seed --scale N`: N applications and N/10 citizens, fast, for the benchmark at scale (issue 6).
// The rows are generated here and streamed to PostgreSQL with COPY in one transaction; above
// REBUILD_THRESHOLD rows the secondary indexes are dropped first and built once at the end (a sort
// instead of millions of random index inserts), and foreign-key triggers are skipped when the role
// may (session_replication_role = replica): the generator keeps every reference valid itself.
//
// Trade-offs, for speed, that the pages cannot see:
// - Encrypted columns hold real ciphertext, but of a small pool of plaintexts (a few answer sets per
//   service, a few names): each ciphertext names its row (the encryption context), so each row is
//   still encrypted on its own; only the plaintexts repeat.
// - Data keys come from a pool (DATA_KEY_POOL) shared by many rows, where production has one per
//   application and per person: destroying one would shred many synthetic rows at once.
// - Workflow instants are planned per service version and local day, as the engine would plan them.

export interface ScaleSeedOptions {
  applications: number;
  /** Default: a tenth of the applications. */
  citizens?: number;
  /** Default: a fifth of the applications. */
  complaints?: number;
  onProgress?: (phase: ScalePhase, done: number, total: number) => void;
  /** Drop and rebuild secondary indexes around the load (default: when applications ≥ REBUILD_THRESHOLD). */
  rebuildIndexes?: boolean;
}

export type ScalePhase = 'citizens' | 'applications' | 'complaints' | 'indexes';

export interface ScaleSeedReport {
  applications: number;
  citizens: number;
  events: number;
  pauses: number;
  complaints: number;
  complaintEvents: number;
  seconds: number;
  /** Seconds per phase. */
  phases: Record<string, number>;
  foreignKeyChecks: boolean;
  rebuiltIndexes: number;
}

const META_KEY = 'scale_seed';
const DATA_KEY_POOL = 256;
const ANSWER_POOL = 8;
const REBUILD_THRESHOLD = 100_000;
const CHUNK_ROWS = 2_000;
const APPLICATION_BATCH = 100_000;
const DAY_MS = 24 * 3600 * 1000;
const TABLES = ['account', 'application', 'application_event', 'application_pause', 'complaint', 'complaint_event'];

/** Reads `10k`, `1m`, `10m`, `2.5m` or a plain number (underscores allowed). */
export function parseScale(text: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)([km]?)$/i.exec(text.trim().replaceAll('_', ''));
  if (!match) return undefined;
  const factor = { '': 1, k: 1_000, m: 1_000_000 }[(match[2] ?? '').toLowerCase()] ?? 1;
  const n = Math.round(Number(match[1]) * factor);
  return Number.isSafeInteger(n) && n > 0 ? n : undefined;
}

/** The same small deterministic generator as the demo seed. */
/**
 * Ids that grow with the serial, so the primary keys fill at their right edge (random v4 ids would
 * scatter millions of inserts over an index larger than the buffer cache). The run prefix keeps two
 * runs apart.
 */
function orderedId(run: string, serial: number): string {
  const n = serial.toString(16).padStart(12, '0');
  // The tail scrambles the serial (an odd multiplier modulo 2^48): unique, without a random draw per row.
  const tail = ((serial * 0x6b43b) % 2 ** 48).toString(16).padStart(12, '0');
  return `${run}-${n.slice(0, 4)}-${n.slice(4, 8)}-${n.slice(8, 12)}-${tail}`;
}

/**
 * Tracking numbers from the serial through a bijection of the 35-bit symbol space (an odd multiplier
 * and an offset modulo 2^35): unique without a lookup, and as scattered as random ones to the eye.
 */
export function trackingNumberFor(serial: number, prefix?: string): string {
  const space = 2 ** 35;
  let value = (((serial * 0x2c9b5) % space) + 0x5a5a5a5a5) % space;
  const symbols: number[] = [];
  for (let i = 0; i < 7; i += 1) {
    symbols.unshift(value % 32);
    value = Math.floor(value / 32);
  }
  let i = 0;
  return newTrackingNumber(() => symbols[i++] as number, prefix);
}

/**
 * The serial's tracking number, or, when a row not written by this generator (the demo, real
 * applications: random numbers) already holds it, the number of a serial far beyond any in use:
 * the bijection keeps that one unique among generated rows too.
 */
export function freeTrackingNumber(serial: number, taken: ReadonlySet<string>, prefix?: string): string {
  let number = trackingNumberFor(serial, prefix);
  for (let k = 1; taken.has(number); k += 1) number = trackingNumberFor(serial + k * 2 ** 33, prefix);
  return number;
}

/**
 * Tracking numbers drawn at random (rows whose ids are not the generator's: orderedId gives them a
 * zero second group). Few even at scale, and the only ones a generated number can meet: an index
 * rebuilt over 10 million rows failed on one such meeting.
 */
async function randomTrackingNumbers(client: pg.Client, table: 'application' | 'complaint', column: 'tracking_number' | 'tracking_id'): Promise<Set<string>> {
  const { rows } = await client.query<{ number: string }>(`select ${column} as number from ${table} where substr(id::text, 10, 4) <> '0000'`);
  return new Set(rows.map((row) => row.number));
}

interface Citizen {
  id: string;
  nik: string;
  nikIndex: string;
  fullName: string;
  birthDate: string;
  email: string;
  phone: string;
}

/**
 * A valid, unique NIK of Kota Bandung per serial: districts 10–89 (the demo and bench seeds use 05 and
 * 07), a birth date from 1950 on (+40 on the day for women) and a four-digit serial.
 */
function scaleNik(serial: number): { nik: string; birthDate: string } {
  const perDay = 9_999;
  const day = Math.floor(serial / perDay);
  const birth = new Date(Date.UTC(1950, 0, 1) + (day % 20_000) * DAY_MS);
  const district = 10 + (Math.floor(day / 20_000) % 80);
  const female = serial % 2 === 1;
  const two = (n: number) => String(n).padStart(2, '0');
  const nik = `3273${two(district)}${two(birth.getUTCDate() + (female ? 40 : 0))}${two(birth.getUTCMonth() + 1)}${two(birth.getUTCFullYear() % 100)}${String((serial % perDay) + 1).padStart(4, '0')}`;
  return { nik, birthDate: birth.toISOString().slice(0, 10) };
}

const ACCOUNT_COLUMNS = [
  'id',
  'kind',
  'data_key_id',
  'nik_index',
  'nik_enc',
  'full_name_enc',
  'birth_date_enc',
  'email_index',
  'email_enc',
  'email_verified_at',
  'password_hash',
  'locale',
  'is_demo',
];
const APPLICATION_COLUMNS = [
  'id',
  'tracking_number',
  'agency_id',
  'service_id',
  'service_version_id',
  'channel',
  'applicant_account_id',
  'applicant_nik_index',
  'status',
  'data_key_id',
  'answers_enc',
  'submitted_at',
  'due_at',
  'created_by',
  'idempotency_key',
  'updated_at',
  'step_id',
  'step_seq',
  'queue_unit_code',
  'queue_role',
  'assignee_id',
  'assigned_at',
  'step_started_at',
  'step_warn_at',
  'step_due_at',
  'sla_state',
  'breach_count',
  'fee_paid_at',
  'decided_at',
  'closed_at',
];
const EVENT_COLUMNS = ['application_id', 'agency_id', 'occurred_at', 'kind', 'actor_role', 'actor_agency_id', 'message_enc'];
const PAUSE_COLUMNS = ['application_id', 'agency_id', 'started_at'];

async function publishedVersions(services: Services): Promise<VersionView[]> {
  const versions: VersionView[] = [];
  for (let page = 1; ; page += 1) {
    const results = await services.catalogue.search({ q: '', locale: 'id', page });
    for (const hit of results.items) {
      const version = await services.catalogue.getVersion(hit.versionId);
      if (version?.status === 'published' && version.form.pages.length > 0) versions.push(version);
    }
    if (page >= results.pageCount) return versions;
  }
}

interface IndexDefinition {
  table: string;
  name: string;
  create: string;
  drop: string;
}

/** Secondary indexes and unique constraints of the tables loaded (never primary keys, nor what a foreign key needs). */
async function secondaryIndexes(client: pg.ClientBase): Promise<IndexDefinition[]> {
  const { rows } = await client.query<{ table: string; name: string; indexdef: string; conname: string | null; condef: string | null }>(
    `select t.relname as table, ix.relname as name, pg_get_indexdef(i.indexrelid) as indexdef, c.conname, pg_get_constraintdef(c.oid) as condef
       from pg_index i
       join pg_class t on t.oid = i.indrelid
       join pg_class ix on ix.oid = i.indexrelid
       join pg_namespace n on n.oid = t.relnamespace
       left join pg_constraint c on c.conindid = i.indexrelid and c.conrelid = t.oid and c.contype in ('u', 'x')
      where n.nspname = current_schema() and t.relname = any($1) and not i.indisprimary
        and not exists (select 1 from pg_constraint f where f.contype = 'f' and f.conindid = i.indexrelid)`,
    [TABLES],
  );
  const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;
  return rows.map((r) =>
    r.conname && r.condef
      ? {
          table: r.table,
          name: r.name,
          drop: `alter table ${quote(r.table)} drop constraint ${quote(r.conname)}`,
          create: `alter table ${quote(r.table)} add constraint ${quote(r.conname)} ${r.condef}`,
        }
      : { table: r.table, name: r.name, drop: `drop index ${quote(r.name)}`, create: r.indexdef },
  );
}

function chunked<T>(total: number, make: (i: number) => T, onChunk: (done: number) => void, render: (row: T) => string) {
  return (async function* () {
    let lines: string[] = [];
    for (let i = 0; i < total; i += 1) {
      lines.push(render(make(i)));
      if (lines.length === CHUNK_ROWS) {
        yield lines.join('');
        lines = [];
        onChunk(i + 1);
        // Let the socket drain and timers (the progress line) run.
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
    if (lines.length > 0) yield lines.join('');
    onChunk(total);
  })();
}

/**
 * The envelope's field format (`v1.` + base64url of IV, tag and AES-256-GCM ciphertext, the context
 * as associated data; see platform/crypto/envelope.ts), with what costs most at millions of rows
 * taken out of the loop: the key is a KeyObject made once, and the IVs come from one random draw per
 * 4,096 rows. The test opens what this writes with the platform's decryptField.
 */
function fieldSealer() {
  const IV = 12;
  let ivs = randomBytes(IV * 4096);
  let next = 0;
  const keyObjects = new Map<Buffer, KeyObject>();
  return (key: Buffer, plaintext: string, context: string): string => {
    let keyObject = keyObjects.get(key);
    if (!keyObject) {
      keyObject = createSecretKey(key);
      keyObjects.set(key, keyObject);
    }
    if (next === 4096) {
      ivs = randomBytes(IV * 4096);
      next = 0;
    }
    const iv = ivs.subarray(next * IV, (next + 1) * IV);
    next += 1;
    const cipher = createCipheriv('aes-256-gcm', keyObject, iv);
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return `v1.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url')}`;
  };
}

/** Yields the chunks and lets each go as soon as it is sent. */
async function* fromArray(chunks: string[]) {
  while (chunks.length > 0) yield chunks.shift() as string;
}

/**
 * One COPY line. Every value the generator writes is free of tabs, newlines and backslashes (ids,
 * codes, base64url ciphertext, names from fixed lists), so only nulls and dates need converting;
 * copyValue's escaping is kept for anything else.
 */
function line(values: readonly (string | number | boolean | Date | null | undefined)[]): string {
  let text = '';
  for (let i = 0; i < values.length; i += 1) {
    const value = values[i];
    const cell =
      value === null || value === undefined ? '\\N' : value instanceof Date ? value.toISOString() : typeof value === 'string' ? value : copyValue(value);
    text += i === 0 ? cell : `\t${cell}`;
  }
  return `${text}\n`;
}

/** Where generated complaints go: the categories, routing rules, agencies and regions of the catalogue. */
async function complaintSourcesOf(db: Database) {
  await seedComplaintCategories(db);
  const categories = await db
    .selectFrom('complaintCategory')
    .select(['code', 'verifyWorkingDays', 'planWorkingDays', 'resolveDays', 'autoCloseWorkingDays'])
    .where('active', '=', true)
    .execute();
  const routes = await db.selectFrom('complaintRoute').select(['categoryCode', 'regionCode', 'agencyId']).execute();
  const agencyIds = (await db.selectFrom('agency').select('id').execute()).map((a) => a.id);
  const regions = (await db.selectFrom('region').select('code').where('level', '<>', 'province').orderBy('code').execute()).map(({ code }) => ({
    code,
    point: REGENCY_CENTRES[code.slice(0, 5)] ?? null,
  }));
  if (regions.length === 0 || agencyIds.length === 0) throw new Error('no regions or agencies for complaints: seed the demo catalogue first');
  return { categories, routes, agencyIds, regions };
}

/** City centres of the demo regencies: generated points scatter a few kilometres around them. */
const REGENCY_CENTRES: Readonly<Record<string, [number, number]>> = {
  '31.71': [-6.1862, 106.8341],
  '31.74': [-6.2615, 106.8106],
  '32.73': [-6.9147, 107.6098],
  '34.04': [-7.7165, 110.355],
  '35.78': [-7.2575, 112.7521],
  '73.71': [-5.1477, 119.4327],
  '91.71': [-2.5337, 140.7181],
};

/**
 * Adds `applications` applications (and a tenth as many citizens) to a database that holds the demo
 * catalogue and accounts (seeded first when it does not). Additive: a second run adds more.
 */
export async function seedScale(runtime: { db: Database; databaseUrl: string }, services: Services, options: ScaleSeedOptions): Promise<ScaleSeedReport> {
  const started = Date.now();
  const phases: Record<string, number> = {};
  const { db } = runtime;
  const progress = options.onProgress ?? (() => {});
  const officerRow = await services.accountsRepository.findByIndex('emailIndex', services.personalData.index('email', 'petugas@demo.loket.test'));
  if (!officerRow) await seedDemo(db, services, { applications: 0 });
  const officer = await services.accountsRepository.findByIndex('emailIndex', services.personalData.index('email', 'petugas@demo.loket.test'));
  const versions = (await publishedVersions(services)).filter(
    (v) => (v.channels.includes('online') && v.applicantTypes.includes('citizen')) || v.channels.includes('counter'),
  );
  if (versions.length === 0) throw new Error('no published service to apply for: seed the demo catalogue first');
  const counterAgency = await services.accountsRepository.agencyIdByCode('disdukcapil-kota-bandung');
  const grant = officer
    ? await db
        .selectFrom('staffRole as r')
        .leftJoin('agencyUnit as u', 'u.id', 'r.unitId')
        .select(['r.agencyId', 'u.code'])
        .where('r.accountId', '=', officer.id)
        .where('r.agencyId', 'is not', null)
        .executeTakeFirst()
    : undefined;

  const calendar = createCalendar(db);
  const calendars = new Map<string, CalendarOptions>();
  for (const agencyId of new Set(versions.map((v) => v.agencyId))) {
    const unit = await db.selectFrom('agencyUnit').select('timeZone').where('agencyId', '=', agencyId).orderBy('code').limit(1).executeTakeFirst();
    calendars.set(agencyId, { timeZone: unit?.timeZone ?? 'Asia/Jakarta', holidays: await calendar.holidaysFor(agencyId) });
  }

  const meta = await db.selectFrom('platformMeta').select('value').where('key', '=', META_KEY).executeTakeFirst();
  const previous = (meta?.value as { applications?: number; citizens?: number; complaints?: number } | undefined) ?? {};
  const applicationStart = previous.applications ?? 0;
  const citizenStart = previous.citizens ?? 0;
  const applicationCount = options.applications;
  const citizenCount = Math.max(1, options.citizens ?? Math.ceil(applicationCount / 10));
  const complaintStart = previous.complaints ?? 0;
  const complaintCount = Math.max(0, options.complaints ?? Math.round(applicationCount / 5));
  const complaintSources = await complaintSourcesOf(db);

  // The data-key pool, through the key store (wrapped under the current master key as any other).
  const keys: DataKey[] = [];
  for (let i = 0; i < DATA_KEY_POOL; i += 1) keys.push(await services.dataKeys.create(db));
  const passwordHash = await hashPassword(crypto.randomUUID());
  const run = randomBytes(4).toString('hex');
  const seal = fieldSealer();

  const client = new pg.Client({ connectionString: runtime.databaseUrl });
  await client.connect();
  let foreignKeyChecks = true;
  let rebuilt: IndexDefinition[] = [];
  try {
    try {
      await client.query('set session_replication_role = replica');
      foreignKeyChecks = false;
    } catch {
      // Not a superuser: foreign keys are checked row by row, slower but as correct.
    }
    await client.query('begin');
    await client.query(`set local maintenance_work_mem = '512MB'`);
    await client.query('set local synchronous_commit = off');
    if (options.rebuildIndexes ?? applicationCount >= REBUILD_THRESHOLD) {
      rebuilt = await secondaryIndexes(client);
      for (const index of rebuilt) await client.query(index.drop);
    }

    const takenApplicationNumbers = await randomTrackingNumbers(client, 'application', 'tracking_number');
    const takenComplaintNumbers = await randomTrackingNumbers(client, 'complaint', 'tracking_id');

    // Citizens.
    let t = Date.now();
    const random = seededRandom(20261205 + applicationStart);
    const citizenIds: string[] = [];
    const citizenNikIndexes: string[] = [];
    let firstCitizen: Citizen | undefined;
    const citizenRows = chunked(
      citizenCount,
      (i) => {
        const serial = citizenStart + i;
        const { nik, birthDate } = scaleNik(serial);
        const who: Citizen = {
          id: orderedId(run, serial),
          nik,
          nikIndex: services.personalData.index('nik', nik),
          fullName: `${random.pick(FIRST_NAMES)} ${random.pick(LAST_NAMES)}`,
          birthDate,
          email: `warga.skala.${serial}@contoh.loket.test`,
          phone: `+62813${String(serial % 100_000_000).padStart(8, '0')}`,
        };
        citizenIds.push(who.id);
        citizenNikIndexes.push(who.nikIndex);
        firstCitizen ??= who;
        return who;
      },
      (done) => progress('citizens', done, citizenCount),
      (who) => {
        const key = keys[citizenIds.length % DATA_KEY_POOL] as DataKey;
        const sealed = (field: string, value: string) => seal(key.key, value, `account.${field}:${who.id}`);
        return line([
          who.id,
          'citizen',
          key.id,
          who.nikIndex,
          sealed('nik', who.nik),
          sealed('fullName', who.fullName),
          sealed('birthDate', who.birthDate),
          services.personalData.index('email', who.email),
          sealed('email', who.email),
          new Date(),
          passwordHash,
          'id',
          false,
        ]);
      },
    );
    await copyFrom(client, 'account', ACCOUNT_COLUMNS, citizenRows);
    phases.citizens = (Date.now() - t) / 1000;

    // Applications, their timelines and pauses.
    t = Date.now();
    const walkIns = Array.from({ length: 200 }, (_, i) => {
      const { nik, birthDate } = scaleNik(80_000_000 + i);
      return {
        id: '',
        nik,
        nikIndex: services.personalData.index('nik', nik),
        fullName: random.pick(FIRST_NAMES),
        birthDate,
        email: '',
        phone: '+6281270000000',
      };
    });
    const answerPools = versions.map((version) =>
      Array.from({ length: ANSWER_POOL }, () => JSON.stringify(demoAnswers(version, firstCitizen as Citizen, random))),
    );
    // Validated once per version: workflowOf checks the stored definition against its schema.
    const definitions = versions.map((v) => workflowOf(v.workflow ?? null));
    const plans = new Map<string, ReturnType<typeof plannedSteps>>();
    const dayStarts = new Map<string, number>();
    const days = new Map<string, string>();
    const now = Date.now();
    let events: string[] = [];
    let eventText: string[] = [];
    let pauses: string[] = [];
    let eventCount = 0;
    let pauseCount = 0;
    const flushEvents = () => {
      if (events.length > 0) eventText.push(events.join(''));
      events = [];
    };

    const renderApplication = (i: number): string => {
      const serial = applicationStart + i;
      const vi = random.int(versions.length);
      const version = versions[vi] as VersionView;
      const cal = calendars.get(version.agencyId) as CalendarOptions;
      const ageDays = random.next() ** 1.6 * 365;
      const dayKey = `${cal.timeZone}|${Math.floor(ageDays)}`;
      let day = days.get(dayKey);
      if (day === undefined) {
        day = localDate(new Date(now - Math.floor(ageDays) * DAY_MS), cal.timeZone);
        days.set(dayKey, day);
      }
      let dayStart = dayStarts.get(`${cal.timeZone}|${day}`);
      if (dayStart === undefined) {
        dayStart = startOfDay(day, cal.timeZone).getTime();
        dayStarts.set(`${cal.timeZone}|${day}`, dayStart);
      }
      // Office hours, 07:30 to 16:00 local time; today's never later than now.
      const submittedAt = new Date(Math.min(dayStart + 7.5 * 3600_000 + random.int(8.5 * 3600_000), now - 60_000));
      const status = statusFor(ageDays, random);
      const atCounter = officer !== undefined && version.agencyId === counterAgency && version.channels.includes('counter') && random.next() < 0.5;
      const online = version.channels.includes('online') && version.applicantTypes.includes('citizen');
      const counter = atCounter || !online;
      const c = random.int(citizenIds.length);
      const who = counter && random.next() < 0.5 ? random.pick(walkIns) : { id: citizenIds[c] as string, nikIndex: citizenNikIndexes[c] as string };
      const paid = (version.costAmount ?? 0) === 0 || status === 'approved' || status === 'issued' || random.next() < 0.5;
      const planKey = `${vi}|${day}|${paid}`;
      let steps = plans.get(planKey);
      if (!steps) {
        const facts = { answers: JSON.parse(answerPools[vi]?.[0] ?? '{}') as FormData, applicantType: 'citizen' as const, feePaid: paid };
        steps = plannedSteps({
          definition: definitions[vi] as WorkflowDefinition,
          facts,
          timeLimitWorkingDays: version.timeLimitWorkingDays,
          submittedAt,
          calendar: cal,
        });
        plans.set(planKey, steps);
      }
      const due = steps.at(-1)?.dueAt ?? new Date(submittedAt.getTime() + 14 * DAY_MS);
      // Most are decided within their time limit; about one in eight late (the SLA misses).
      const late = !OPEN_STATUSES.has(status) && random.next() < 0.12;
      const limit = due.getTime() - submittedAt.getTime();
      const span = Math.max(Math.min(late ? limit * (1 + random.next() * 0.5) : limit * (0.3 + random.next() * 0.7), now - submittedAt.getTime()), 60_000);
      const path = STATUS_PATHS[status];
      const lastEventAt = new Date(submittedAt.getTime() + (path.length > 1 ? (span * (path.length - 1)) / path.length : 0));
      const id = orderedId(run, serial);
      const key = keys[serial % DATA_KEY_POOL] as DataKey;

      // Where the workflow stands (as the demo seed places it).
      const definition = definitions[vi] as WorkflowDefinition;
      let state: (string | number | Date | null)[];
      const feePaidAt = (version.costAmount ?? 0) > 0 && paid ? lastEventAt : null;
      if (!OPEN_STATUSES.has(status) && status !== 'approved') {
        state = [null, 0, null, null, null, null, null, null, null, 'on_time', 0, feePaidAt, status === 'withdrawn' ? null : lastEventAt, lastEventAt];
      } else {
        const reached = Math.max(0, steps.filter((s) => s.startedAt.getTime() <= now).length - 1);
        let index = status === 'submitted' ? 0 : status === 'approved' ? steps.length - 1 : Math.min(reached, Math.max(steps.length - 2, 0));
        if (status === 'information_requested') {
          const asking = steps.findLastIndex((s, k) => k <= index && definition.steps.find((d) => d.id === s.stepId)?.actions.includes('request_information'));
          index = Math.max(asking, 0);
        }
        const current = steps[index];
        const step = definition.steps.find((d) => d.id === current?.stepId);
        if (!current || !step) {
          state = [null, 0, null, null, null, null, null, null, null, 'on_time', 0, feePaidAt, null, null];
        } else {
          const unit = step.responsible.unitCode ?? null;
          const mine =
            grant?.agencyId === version.agencyId &&
            status !== 'submitted' &&
            step.responsible.role === 'officer' &&
            (unit === null || grant.code === null || grant.code === unit) &&
            random.next() < 0.1;
          const sla = now > current.dueAt.getTime() ? 'breached' : now > current.warnAt.getTime() ? 'warned' : 'on_time';
          const waiting = status === 'information_requested';
          state = [
            step.id,
            index + 1,
            unit,
            step.responsible.role,
            mine ? (officer?.id ?? null) : null,
            mine ? current.startedAt : null,
            current.startedAt,
            current.warnAt,
            current.dueAt,
            waiting ? 'on_time' : sla,
            sla === 'breached' && !waiting ? 1 : 0,
            feePaidAt,
            status === 'approved' ? lastEventAt : null,
            null,
          ];
        }
      }

      path.forEach((kind, k) => {
        const byApplicant = kind === 'submitted' ? !counter : kind === 'withdrawn';
        const occurredAt = new Date(submittedAt.getTime() + (k === 0 ? 0 : (span * k) / path.length));
        const message = kind === 'information_requested' ? seal(key.key, random.pick(INFORMATION_REQUESTS), messageContext(id)) : null;
        events.push(
          line([
            id,
            version.agencyId,
            occurredAt,
            kind,
            byApplicant ? 'applicant' : kind === 'decided' ? 'supervisor' : 'officer',
            byApplicant ? null : version.agencyId,
            message,
          ]),
        );
        eventCount += 1;
      });
      if (events.length >= CHUNK_ROWS) flushEvents();
      if (status === 'information_requested') {
        pauses.push(line([id, version.agencyId, lastEventAt]));
        pauseCount += 1;
      }
      return line([
        id,
        freeTrackingNumber(serial, takenApplicationNumbers),
        version.agencyId,
        version.serviceId,
        version.id,
        counter ? 'counter' : 'online',
        who.id === '' ? null : who.id,
        who.nikIndex,
        status,
        key.id,
        seal(key.key, answerPools[vi]?.[serial % ANSWER_POOL] ?? '{}', answersContext(id)),
        submittedAt,
        due,
        counter ? (officer?.id ?? null) : null,
        `scale-${run}-${serial}`,
        lastEventAt,
        ...state,
      ]);
    };
    // In batches: each batch's applications, then their events and pauses (the foreign keys point
    // that way), so that no more than a batch of timeline text waits in memory.
    for (let from = 0; from < applicationCount; from += APPLICATION_BATCH) {
      const size = Math.min(APPLICATION_BATCH, applicationCount - from);
      const rows = chunked(
        size,
        (i) => from + i,
        (done) => progress('applications', from + done, applicationCount),
        renderApplication,
      );
      await copyFrom(client, 'application', APPLICATION_COLUMNS, rows);
      flushEvents();
      const eventChunks = eventText;
      const pauseText = pauses.join('');
      eventText = [];
      pauses = [];
      await copyFrom(client, 'application_event', EVENT_COLUMNS, fromArray(eventChunks));
      if (pauseText.length > 0) await copyFrom(client, 'application_pause', PAUSE_COLUMNS, fromArray([pauseText]));
    }
    phases.applications = (Date.now() - t) / 1000;

    // Complaints and their timelines, in batches like the applications.
    t = Date.now();
    let complaintEventCount = 0;
    const complaint = createComplaintGenerator({
      run,
      random,
      ...complaintSources,
      citizenIds,
      keys,
      seal,
      calendar: { timeZone: 'Asia/Jakarta', holidays: await calendar.holidaysFor(null) },
      now,
    });
    let complaintEvents: string[] = [];
    for (let from = 0; from < complaintCount; from += APPLICATION_BATCH) {
      const size = Math.min(APPLICATION_BATCH, complaintCount - from);
      const eventChunks: string[] = [];
      const rows = chunked(
        size,
        (i) => complaintStart + from + i,
        (done) => progress('complaints', from + done, complaintCount),
        (serial) => {
          const { row, events } = complaint(serial, orderedId(run, 0x8000_0000 + serial), freeTrackingNumber(serial, takenComplaintNumbers, 'ADU'));
          for (const event of events) complaintEvents.push(line(event));
          complaintEventCount += events.length;
          if (complaintEvents.length >= CHUNK_ROWS) {
            eventChunks.push(complaintEvents.join(''));
            complaintEvents = [];
          }
          return line(row);
        },
      );
      await copyFrom(client, 'complaint', COMPLAINT_COLUMNS, rows);
      if (complaintEvents.length > 0) eventChunks.push(complaintEvents.join(''));
      complaintEvents = [];
      await copyFrom(client, 'complaint_event', COMPLAINT_EVENT_COLUMNS, fromArray(eventChunks));
    }
    phases.complaints = (Date.now() - t) / 1000;

    t = Date.now();
    for (const [n, index] of rebuilt.entries()) {
      progress('indexes', n, rebuilt.length);
      await client.query(index.create);
    }
    progress('indexes', rebuilt.length, rebuilt.length);
    await client.query(
      `insert into platform_meta (key, value) values ($1, $2)
       on conflict (key) do update set value = excluded.value, updated_at = now()`,
      [
        META_KEY,
        JSON.stringify({
          applications: applicationStart + applicationCount,
          citizens: citizenStart + citizenCount,
          complaints: complaintStart + complaintCount,
        }),
      ],
    );
    await client.query('commit');
    phases.indexes = (Date.now() - t) / 1000;
    t = Date.now();
    for (const table of TABLES) await client.query(`analyze ${table}`);
    phases.analyze = (Date.now() - t) / 1000;
    return {
      applications: applicationCount,
      citizens: citizenCount,
      events: eventCount,
      pauses: pauseCount,
      complaints: complaintCount,
      complaintEvents: complaintEventCount,
      seconds: (Date.now() - started) / 1000,
      phases,
      foreignKeyChecks,
      rebuiltIndexes: rebuilt.length,
    };
  } catch (error) {
    await client.query('rollback').catch(() => {});
    throw error;
  } finally {
    await client.end();
  }
}
