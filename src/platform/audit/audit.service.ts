import { sql } from 'kysely';
import type { Database } from '../db/database.ts';
import { type ChainedContent, entryHash, GENESIS_HASH } from './audit.hash.ts';
import { type AuditActor, type AuditEntryInput, AuditInputError, type AuditSubject, isUuid, type NormalizedEntry, normalizeEntry } from './audit.input.ts';
import type { AuditDetails } from './audit.tables.ts';

// 'LOKETAUD' in ASCII, as a bigint: the one lock every node takes to append to the chain.
const APPEND_LOCK = '5498696431181059396';
const MAX_PAGE = 500;

const COLUMNS = [
  'id',
  'occurredAt',
  'actorAccountId',
  'actorRole',
  'actorAgencyId',
  'action',
  'subjectType',
  'subjectId',
  'ip',
  'requestId',
  'previousHash',
  'hash',
] as const;
// Read as text and parsed here: CamelCasePlugin would rename snake_case keys inside the jsonb, and the
// recomputed hash would no longer match.
const DETAILS_TEXT = sql<string>`details::text`.as('detailsText');

type StoredEntry = ChainedContent & { previousHash: Buffer; hash: Buffer };

function withDetails<T extends { detailsText: string }>({ detailsText, ...row }: T): Omit<T, 'detailsText'> & { details: AuditDetails } {
  return { ...row, details: JSON.parse(detailsText) as AuditDetails };
}

export interface RecordedEntry {
  id: number;
  occurredAt: Date;
  /** SHA-256, hex. */
  hash: string;
}

export interface AuditEntry {
  id: number;
  occurredAt: Date;
  actor: AuditActor;
  action: string;
  subject: AuditSubject | null;
  ip: string | null;
  requestId: string | null;
  details: AuditDetails;
  hash: string;
}

export interface AuditQuery {
  actorAccountId?: string | undefined;
  subjectType?: string | undefined;
  /** Only together with subjectType. */
  subjectId?: string | undefined;
  action?: string | undefined;
  /** Inclusive. */
  from?: Date | undefined;
  /** Exclusive. */
  to?: Date | undefined;
  /** 1 to 500. */
  limit: number;
  /** Entries with a smaller id than this: the `nextBefore` of the previous page. */
  before?: number | undefined;
}

export interface AuditPage {
  entries: AuditEntry[];
  /** Pass as `before` for the next (older) page; null on the last page. */
  nextBefore: number | null;
}

export type VerifyResult =
  | { ok: true; checked: number }
  | {
      ok: false;
      /** The first entry that does not match: changed (`hash_mismatch`), or not linked to the entry before it (`link_mismatch`). */
      brokenAt: number;
      /** Entries found intact before it. */
      checked: number;
      reason: 'hash_mismatch' | 'link_mismatch';
    };

export interface VerifyProgress {
  checked: number;
  /** Entries in the log when verification started; later appends are left for the next run. */
  total: number;
}

async function append(trx: Database, entry: NormalizedEntry): Promise<RecordedEntry> {
  await sql`select pg_advisory_xact_lock(${APPEND_LOCK}::bigint)`.execute(trx);
  // A statement of its own, so that its snapshot is taken once the lock is ours and sees the entry the
  // previous holder committed. The lock is held until our commit, so ids also commit in chain order.
  const { rows } = await sql<{ id: number; occurredAt: Date; ip: string | null; previousHash: Buffer | null }>`
    select nextval(pg_get_serial_sequence('audit_event', 'id')) as "id",
           date_trunc('milliseconds', clock_timestamp()) as "occurredAt",
           nullif(format('%s', cast(${entry.ip} as inet)), '') as "ip",
           (select hash from audit_event order by id desc limit 1) as "previousHash"`.execute(trx);
  const head = rows[0];
  if (!head) throw new Error('audit append: no sequence value');
  // Milliseconds, and the address as PostgreSQL prints it (inet::text would add /32): exactly what
  // verify will read back.
  const content: ChainedContent = { ...entry, id: head.id, occurredAt: head.occurredAt, ip: head.ip };
  const previousHash = head.previousHash ?? GENESIS_HASH;
  const hash = entryHash(content, previousHash);
  await trx
    .insertInto('auditEvent')
    .values({ ...content, details: JSON.stringify(content.details), previousHash, hash })
    .execute();
  return { id: content.id, occurredAt: content.occurredAt, hash: hash.toString('hex') };
}

function toEntry(row: StoredEntry): AuditEntry {
  return {
    id: row.id,
    occurredAt: row.occurredAt,
    actor: { accountId: row.actorAccountId, role: row.actorRole, agencyId: row.actorAgencyId },
    action: row.action,
    subject: row.subjectType !== null && row.subjectId !== null ? { type: row.subjectType, id: row.subjectId } : null,
    ip: row.ip,
    requestId: row.requestId,
    details: row.details,
    hash: row.hash.toString('hex'),
  };
}

/** The tamper-evident audit log: one hash chain shared by every node. */
export function createAuditLog(db: Database) {
  /**
   * Appends one entry to the chain. Given `trx`, it joins that transaction, so the entry exists
   * exactly when the change it records commits; without one it commits on its own. Appends from
   * every node are serialized until the appending transaction ends, so keep that transaction short,
   * and run it at READ COMMITTED (the default): an older snapshot makes the append fail on the
   * unique previous hash rather than fork the chain.
   * @throws AuditInputError when the action, actor, subject or ip is malformed, or the details hold
   *   personal data, secrets or more than 2 KB.
   */
  async function record(input: AuditEntryInput, trx?: Database): Promise<RecordedEntry> {
    const entry = normalizeEntry(input);
    if (trx?.isTransaction) return append(trx, entry);
    return (trx ?? db).transaction().execute((own) => append(own, entry));
  }

  /**
   * One page of entries for the audit page, newest first, filtered by actor, subject, action and
   * time; page on with `before`.
   * @throws AuditInputError when actorAccountId is not a uuid, or subjectId comes without subjectType.
   */
  async function search(query: AuditQuery): Promise<AuditPage> {
    if (query.actorAccountId !== undefined && !isUuid(query.actorAccountId)) throw new AuditInputError('audit search: actorAccountId must be a uuid');
    if (query.subjectId !== undefined && query.subjectType === undefined) throw new AuditInputError('audit search: subjectId needs subjectType');
    const limit = Math.min(Math.max(Math.trunc(query.limit) || 1, 1), MAX_PAGE);
    let q = db.selectFrom('auditEvent').select([...COLUMNS, DETAILS_TEXT]);
    if (query.actorAccountId !== undefined) q = q.where('actorAccountId', '=', query.actorAccountId);
    if (query.subjectType !== undefined) q = q.where('subjectType', '=', query.subjectType);
    if (query.subjectId !== undefined) q = q.where('subjectId', '=', query.subjectId);
    if (query.action !== undefined) q = q.where('action', '=', query.action);
    if (query.from !== undefined) q = q.where('occurredAt', '>=', query.from);
    if (query.to !== undefined) q = q.where('occurredAt', '<', query.to);
    if (query.before !== undefined) q = q.where('id', '<', query.before);
    const rows = await q
      .orderBy('id', 'desc')
      .limit(limit + 1)
      .execute();
    const entries = rows.slice(0, limit).map((row) => toEntry(withDetails(row)));
    return { entries, nextBefore: rows.length > limit ? (entries.at(-1)?.id ?? null) : null };
  }

  return {
    record,

    /**
     * Walks the chain in id order, in batches, recomputing each entry's hash and checking its link
     * to the entry before it. Reports the first entry that fails; entries appended after the walk
     * began are left for the next run. Read-only and safe while the service runs.
     */
    async verify(onProgress?: (progress: VerifyProgress) => void, batchSize = 1000): Promise<VerifyResult> {
      const { total, lastId } = await db
        .selectFrom('auditEvent')
        .select((eb) => [eb.fn.countAll<number>().as('total'), eb.fn.max('id').as('lastId')])
        .executeTakeFirstOrThrow();
      let previousHash = GENESIS_HASH;
      let checked = 0;
      let after = 0;
      while (lastId !== null && after < lastId) {
        const rows = await db
          .selectFrom('auditEvent')
          .select([...COLUMNS, DETAILS_TEXT])
          .where('id', '>', after)
          .where('id', '<=', lastId)
          .orderBy('id')
          .limit(batchSize)
          .execute();
        for (const row of rows.map(withDetails)) {
          if (!row.previousHash.equals(previousHash)) return { ok: false, brokenAt: row.id, checked, reason: 'link_mismatch' };
          if (!entryHash(row, row.previousHash).equals(row.hash)) return { ok: false, brokenAt: row.id, checked, reason: 'hash_mismatch' };
          previousHash = row.hash;
          checked += 1;
        }
        const last = rows.at(-1);
        if (!last) break;
        after = last.id;
        onProgress?.({ checked, total: Number(total) });
      }
      return { ok: true, checked };
    },

    search,

    /**
     * A search by a person on the audit page. Before the page is returned, an `audit.searched` entry
     * records who searched, from where, with which filters and how many entries they saw: reading the
     * log is itself audited.
     * @throws AuditInputError as search and record do.
     */
    async searchAs(actor: AuditActor, query: AuditQuery, origin: { ip: string | null; requestId: string | null }): Promise<AuditPage> {
      const page = await search(query);
      const given = {
        actorAccountId: query.actorAccountId,
        subjectType: query.subjectType,
        subjectId: query.subjectId,
        action: query.action,
        from: query.from?.toISOString(),
        to: query.to?.toISOString(),
        before: query.before,
      };
      const filters: AuditDetails = Object.fromEntries(Object.entries(given).filter((entry): entry is [string, string | number] => entry[1] !== undefined));
      await record({ actor, action: 'audit.searched', subject: null, ...origin, details: { filters, shown: page.entries.length } });
      return page;
    },
  };
}

export type AuditLog = ReturnType<typeof createAuditLog>;
