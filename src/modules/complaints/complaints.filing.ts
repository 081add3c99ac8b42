import { randomBytes } from 'node:crypto';
import type { AuditActor } from '../../platform/audit/audit.input.ts';
import { localDate } from '../../platform/calendar/working-days.ts';
import { encryptField } from '../../platform/crypto/envelope.ts';
import { publishEvent } from '../../platform/events/outbox.ts';
import type { FormProblem } from '../../platform/forms/problems.ts';
import type { RequestOrigin } from '../../platform/http/request-input.ts';
import { newTrackingNumber } from '../applications/tracking-number.ts';
import {
  type ComplaintsContext,
  complaintPaths,
  followUpHash,
  IDEMPOTENCY_INDEX,
  RejectedFiles,
  reporterContext,
  type StoredContact,
  TRACKING_ATTEMPTS,
  TRACKING_CONSTRAINT,
  uniqueViolation,
} from './complaints.context.ts';
import type { ComplaintsService, FileComplaintInput, FileComplaintResult, Reporter } from './complaints.contract.ts';
import { routeFor } from './complaints.routing.ts';
import { workingStage } from './complaints.sla.ts';
import { checkContact, checkFiling, fieldId, unknownRegionProblem } from './complaints.validation.ts';

/** Filing a report: validation, the first stage's clock, the reporter's secret or token, receipt, audit and outbox in one transaction. */
export function createFiling(ctx: ComplaintsContext): Pick<ComplaintsService, 'file'> {
  const { deps, db, dataKeys, audit, notifier, publicUrl, clock, repository, files, calendarFor } = ctx;

  async function checkAgainstDatabase(
    filing: ReturnType<typeof checkFiling> & { ok: true },
    reporter: Reporter,
  ): Promise<{ problems: FormProblem[]; applicationId: string | null; suggestedAgencyId: string | null }> {
    const f = filing.filing;
    const problems: FormProblem[] = [];
    const category = await repository.category(f.categoryCode);
    if (!category?.active) problems.push({ field: fieldId('categoryCode'), key: 'complaints.error.category' });
    if (f.regionCode !== null && !(await repository.regionExists(f.regionCode))) problems.push(unknownRegionProblem(f.regionLevel));
    let applicationId: string | null = null;
    if (f.applicationTrackingNumber !== null) {
      const ownId = reporter.kind === 'account' ? await repository.ownApplicationId(f.applicationTrackingNumber, reporter.accountId) : undefined;
      if (ownId) applicationId = ownId;
      else problems.push({ field: fieldId('applicationTrackingNumber'), key: 'complaints.error.application' });
    }
    let suggestedAgencyId: string | null = null;
    if (f.suggestedAgencyCode !== null) {
      const agency = await repository.agencyByCode(f.suggestedAgencyCode);
      if (agency) suggestedAgencyId = agency.id;
      else problems.push({ field: fieldId('suggestedAgencyCode'), key: 'complaints.error.agency' });
    }
    if (f.fileIds.length > 0 && reporter.kind !== 'account') problems.push({ field: fieldId('fileIds'), key: 'complaints.error.filesNeedAccount' });
    return { problems, applicationId, suggestedAgencyId };
  }

  async function findReplay(reporter: Reporter, key: string): Promise<{ trackingId: string; open311Token: string | null } | undefined> {
    const sender = reporter.kind === 'account' ? { accountId: reporter.accountId } : reporter.kind === 'open311' ? { open311KeyId: reporter.keyId } : 'guest';
    return repository.findByIdempotencyKey(sender, key);
  }

  function replayed(found: { trackingId: string; open311Token: string | null }): FileComplaintResult {
    return { ok: true, trackingId: found.trackingId, replayed: true, ...(found.open311Token ? { open311Token: found.open311Token } : {}) };
  }

  async function file(input: FileComplaintInput, reporter: Reporter, origin: RequestOrigin): Promise<FileComplaintResult> {
    const now = clock();
    const checked = checkFiling(input, localDate(now, 'Asia/Jakarta'));
    const contact = checkContact(reporter);
    const problems: FormProblem[] = [...(checked.ok ? [] : checked.problems), ...(contact.ok ? [] : contact.problems)];
    if (!checked.ok) return { ok: false, problems };
    const f = checked.filing;
    if (f.idempotencyKey && contact.ok) {
      const found = await findReplay(reporter, f.idempotencyKey);
      if (found) return replayed(found);
    }
    const lookups = await checkAgainstDatabase(checked, reporter);
    problems.push(...lookups.problems);
    if (problems.length > 0 || !contact.ok) return { ok: false, problems };
    const category = await repository.category(f.categoryCode);
    if (!category) return { ok: false, problems: [{ field: fieldId('categoryCode'), key: 'complaints.error.category' }] };
    const verify = workingStage(now, category.verifyWorkingDays, await calendarFor(null, null));
    const route = await routeFor(db, f.categoryCode, f.regionCode);
    const followUpSecret = reporter.kind === 'guest' ? randomBytes(32).toString('base64url') : undefined;
    const open311Token = reporter.kind === 'open311' ? randomBytes(24).toString('base64url') : undefined;
    const stored: StoredContact = {};
    if (contact.contact.name) stored.name = contact.contact.name;
    if (contact.contact.email) stored.email = contact.contact.email;
    if (contact.contact.phone) stored.phone = contact.contact.phone;
    const auditActor: AuditActor =
      reporter.kind === 'account'
        ? { accountId: reporter.accountId, role: 'citizen', agencyId: null }
        : { accountId: null, role: reporter.kind === 'open311' ? 'open311' : 'anonymous', agencyId: null };
    const channel = input.channel ?? (reporter.kind === 'open311' ? 'open311' : 'web');

    for (let attempt = 1; ; attempt += 1) {
      try {
        const trackingId = await db.transaction().execute(async (trx) => {
          const id = crypto.randomUUID();
          const key = await dataKeys.create(trx);
          const hasContact = Object.keys(stored).length > 0;
          const trackingId = newTrackingNumber(undefined, 'ADU');
          await repository.insert(
            {
              id,
              trackingId,
              kind: f.kind,
              categoryCode: f.categoryCode,
              channel,
              title: f.title,
              description: f.description,
              incidentDate: f.incidentDate,
              regionCode: f.regionCode,
              address: f.address,
              latitude: f.latitude,
              longitude: f.longitude,
              isSecret: f.isSecret,
              isAnonymous: f.isAnonymous,
              reporterAccountId: reporter.kind === 'account' ? reporter.accountId : null,
              dataKeyId: key.id,
              reporterEnc: hasContact ? encryptField(key.key, JSON.stringify({ ...stored, locale: input.locale }), reporterContext(id)) : null,
              followUpHash: followUpSecret ? followUpHash(followUpSecret) : null,
              applicationId: lookups.applicationId,
              suggestedAgencyId: lookups.suggestedAgencyId,
              status: 'unverified',
              stage: 'verify',
              stageSeq: 1,
              stageWarnAt: verify.warnAt,
              stageDueAt: verify.dueAt,
              open311KeyId: reporter.kind === 'open311' ? reporter.keyId : null,
              open311Token: open311Token ?? null,
              idempotencyKey: f.idempotencyKey,
              createdAt: now,
              updatedAt: now,
            },
            trx,
          );
          const eventId = await repository.insertEvent(
            {
              complaintId: id,
              agencyId: null,
              occurredAt: now,
              kind: 'filed',
              actorRole: 'reporter',
              actorAccountId: reporter.kind === 'account' ? reporter.accountId : null,
              visibility: 'public',
              details: { kind: f.kind, categoryCode: f.categoryCode, channel },
            },
            trx,
          );
          if (reporter.kind === 'account') {
            for (const fileId of f.fileIds) {
              if (!(await files.attach(fileId, { ownerAccountId: reporter.accountId, uploadedBy: reporter.accountId }, trx))) throw new RejectedFiles();
              await repository.attach({ complaintId: id, fileId, eventId, addedAt: now }, trx);
            }
          }
          await publishEvent(trx, {
            topic: 'complaint.filed',
            aggregateId: id,
            agencyId: null,
            payload: { categoryCode: f.categoryCode, kind: f.kind, channel, routedAgencyId: route?.agency.id ?? null },
          });
          // The receipt: the account's verified contact, or the e-mail a guest gave (with their secret link).
          if (reporter.kind === 'account') {
            const to = await deps.contactOf(reporter.accountId, trx);
            if (to)
              await notifier.enqueue(
                { kind: 'complaint.received', ...to, params: { trackingId, link: `${publicUrl}${complaintPaths.mine(trackingId)}` } },
                trx,
              );
          } else if (stored.email) {
            const link = followUpSecret ? `${publicUrl}${complaintPaths.followUp(followUpSecret)}` : `${publicUrl}${complaintPaths.public(trackingId)}`;
            await notifier.enqueue(
              { kind: 'complaint.received', channel: 'email', recipient: stored.email, locale: input.locale, params: { trackingId, link } },
              trx,
            );
          }
          // Last: the audit append holds the chain's lock until commit.
          await audit.record(
            {
              actor: auditActor,
              action: 'complaint.filed',
              subject: { type: 'complaint', id },
              ip: origin.ip,
              requestId: origin.requestId,
              details: { categoryCode: f.categoryCode, kind: f.kind, channel, attachments: f.fileIds.length, flagged: f.isSecret || f.isAnonymous },
            },
            trx,
          );
          return trackingId;
        });
        return {
          ok: true,
          trackingId,
          replayed: false,
          ...(followUpSecret ? { followUpSecret } : {}),
          ...(open311Token ? { open311Token } : {}),
        };
      } catch (error) {
        if (error instanceof RejectedFiles) return { ok: false, problems: [{ field: fieldId('fileIds'), key: 'complaints.error.fileNotYours' }] };
        const constraint = uniqueViolation(error);
        if (constraint === IDEMPOTENCY_INDEX && f.idempotencyKey) {
          const found = await findReplay(reporter, f.idempotencyKey);
          if (found) return replayed(found);
        }
        if (constraint === TRACKING_CONSTRAINT && attempt < TRACKING_ATTEMPTS) continue;
        throw error;
      }
    }
  }

  return { file };
}
