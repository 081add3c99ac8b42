import type { AuditLog } from '../../platform/audit/audit.service.ts';
import type { SignedInActor } from '../../platform/auth/actor.ts';
import type { RequestOrigin } from '../../platform/http/request-input.ts';
import type { FieldProblem, Result } from '../accounts/accounts.service.ts';
import type { PrivacyRepository } from './privacy.repository.ts';
import { HOLD_RECORD_TYPES, type HoldRecordType } from './privacy.tables.ts';

const DAY_MS = 24 * 3600_000;
export const HOLD_REASON_MAX = 500;
/** The hold types whose holds also keep a rule's records: those rules name records by another type's id. */
const HELD_BY: Record<string, readonly string[]> = {
  complaint_guest_contact: ['complaint_guest_contact', 'complaint'],
  survey_comment: ['survey_comment', 'survey_response'],
};

/**
 * Removes (or anonymizes) up to `limit` records of one type whose anchor time is before `cutoff`,
 * skipping `held` ids, and says how many it changed. Each lives in the module that owns the table.
 */
export type RetentionExecutor = (cutoff: Date, limit: number, held: readonly string[]) => Promise<number>;

export interface RetentionRunReport {
  /** Records deleted or anonymized, per record type. */
  counts: Record<string, number>;
  /** Types that reached the batch limit: the next run continues. */
  unfinished: string[];
}

export interface RetentionDependencies {
  repository: Pick<PrivacyRepository, 'rules' | 'heldIds' | 'insertHold' | 'releaseHold' | 'activeHolds'>;
  audit: Pick<AuditLog, 'record'>;
  executors: Readonly<Record<string, RetentionExecutor>>;
  /** Rows per statement, and statements per type per run: a run stays bounded whatever the backlog. */
  batchSize?: number;
  maxBatches?: number;
}

/** Retention rules (data), legal holds, and the daily run that applies them. */
export function createRetentionService(deps: RetentionDependencies) {
  const batchSize = deps.batchSize ?? 500;
  const maxBatches = deps.maxBatches ?? 20;

  return {
    rules: () => deps.repository.rules(),

    /**
     * Applies every enabled delete/anonymize rule as of `now`: what expired before now − period goes,
     * in batches, held records stay. 'keep' rules change nothing (they refuse deletion requests). One
     * audit entry per run records the counts per record type.
     */
    async run(now: Date): Promise<RetentionRunReport> {
      const counts: Record<string, number> = {};
      const unfinished: string[] = [];
      for (const rule of await deps.repository.rules()) {
        if (!rule.enabled || rule.action === 'keep') continue;
        const executor = deps.executors[rule.recordType];
        // A rule for a type nobody implements is a configuration mistake: fail loudly, not silently keep data.
        if (!executor) throw new Error(`retention: no executor for record type ${rule.recordType}`);
        const cutoff = new Date(now.getTime() - rule.periodDays * DAY_MS);
        const held = (await Promise.all((HELD_BY[rule.recordType] ?? [rule.recordType]).map((type) => deps.repository.heldIds(type)))).flat();
        let total = 0;
        let batches = 0;
        for (;;) {
          const changed = await executor(cutoff, batchSize, held);
          total += changed;
          batches += 1;
          if (changed < batchSize) break;
          if (batches >= maxBatches) {
            unfinished.push(rule.recordType);
            break;
          }
        }
        counts[rule.recordType] = total;
      }
      await deps.audit.record({
        actor: { accountId: null, role: 'system', agencyId: null },
        action: 'retention.run',
        subject: null,
        details: { counts, unfinished, at: now.toISOString() },
      });
      return { counts, unfinished };
    },

    /**
     * Puts one record on legal hold: the retention run skips it and deletion requests touching it are
     * refused until released. The reason is kept with the hold, not in the audit log.
     * Returns field problems for an unknown record type, a missing id or reason, or a record already held.
     */
    async setHold(
      actor: SignedInActor,
      input: { recordType: string; recordId: string; reason: string },
      origin: RequestOrigin,
    ): Promise<Result<{ holdId: string }>> {
      const problems: FieldProblem[] = [];
      const recordType = (HOLD_RECORD_TYPES as readonly string[]).includes(input.recordType) ? (input.recordType as HoldRecordType) : undefined;
      if (!recordType) problems.push({ field: 'recordType', key: 'privacy.holds.error.recordType' });
      const recordId = input.recordId.trim();
      if (recordId === '' || recordId.length > 100) problems.push({ field: 'recordId', key: 'privacy.holds.error.recordId' });
      const reason = input.reason.trim();
      if (reason === '') problems.push({ field: 'reason', key: 'privacy.holds.error.reason' });
      else if (reason.length > HOLD_REASON_MAX) problems.push({ field: 'reason', key: 'privacy.error.detailsTooLong', params: { max: HOLD_REASON_MAX } });
      if (!recordType || problems.length > 0) return { ok: false, problems };
      const id = crypto.randomUUID();
      const inserted = await deps.repository.insertHold({
        id,
        recordType,
        recordId,
        reason,
        setBy: actor.accountId,
        setAt: new Date(),
        releasedAt: null,
        releasedBy: null,
      });
      if (!inserted) return { ok: false, problems: [{ field: 'recordId', key: 'privacy.holds.error.alreadyHeld' }] };
      await deps.audit.record({
        actor: { accountId: actor.accountId, role: 'platform_admin', agencyId: null },
        action: 'legal_hold.set',
        subject: { type: 'legal_hold', id },
        ip: origin.ip,
        requestId: origin.requestId,
        details: { recordType },
      });
      return { ok: true, value: { holdId: id } };
    },

    /** Releases an active hold; false when there is no such active hold. Audited. */
    async releaseHold(actor: SignedInActor, holdId: string, origin: RequestOrigin): Promise<boolean> {
      const released = await deps.repository.releaseHold(holdId, actor.accountId, new Date());
      if (!released) return false;
      await deps.audit.record({
        actor: { accountId: actor.accountId, role: 'platform_admin', agencyId: null },
        action: 'legal_hold.released',
        subject: { type: 'legal_hold', id: holdId },
        ip: origin.ip,
        requestId: origin.requestId,
        details: { recordType: released.recordType },
      });
      return true;
    },

    activeHolds: () => deps.repository.activeHolds(),
  };
}

export type RetentionService = ReturnType<typeof createRetentionService>;
