import type { AuditActor } from '../../platform/audit/audit.input.ts';
import type { AuditLog } from '../../platform/audit/audit.service.ts';
import type { SignedInActor } from '../../platform/auth/actor.ts';
import { authErrors } from '../../platform/auth/errors.ts';
import type { DataKeyStore } from '../../platform/crypto/data-keys.ts';
import { encryptField } from '../../platform/crypto/envelope.ts';
import type { Database } from '../../platform/db/database.ts';
import type { RequestOrigin } from '../../platform/http/request-input.ts';
import type { AccountsRepository } from '../accounts/accounts.repository.ts';
import type { PersonalData } from '../accounts/personal-data.ts';
import type { ApplicantNotices } from './applicant-contact.ts';
import { citizenAuditActor, messageContext, OPEN_STATUSES, type VersionSource } from './application-records.ts';
import { applicationErrors } from './applications.errors.ts';
import type { ApplicationRow, ApplicationsRepository } from './applications.repository.ts';
import type { ApplicationWorkflow } from './applications.service.ts';
import type { ApplicationStatus, EventKind } from './applications.tables.ts';
import type { ApplicationFiles } from './filing.service.ts';
import { parseTrackingNumber } from './tracking-number.ts';

export interface ClaimableApplication {
  trackingNumber: string;
  serviceName: { id: string; en: string };
  submittedAt: Date;
}

const MAX_MESSAGE = 2000;

/**
 * The applicant's changes to an application after it is filed: claiming a counter application,
 * withdrawing, providing requested information (staff requests go through the workflow service). Each writes its timeline event and audit entry in the
 * transaction that changes the status, with the row locked so that two changes cannot cross.
 */
export function createChangesService(deps: {
  db: Database;
  repository: ApplicationsRepository;
  versions: VersionSource;
  accountsRepository: AccountsRepository;
  personalData: PersonalData;
  dataKeys: DataKeyStore;
  files: ApplicationFiles;
  audit: AuditLog;
  notices: ApplicantNotices;
  workflow: Pick<ApplicationWorkflow, 'informationProvided' | 'close'>;
}) {
  const { db, repository, versions, accountsRepository, personalData, dataKeys, files, audit } = deps;

  async function nikIndexOf(accountId: string): Promise<{ index: string; verified: boolean } | undefined> {
    const account = await accountsRepository.findById(accountId);
    if (!account?.nikEnc) return undefined;
    const sealer = await personalData.sealer(account.dataKeyId, account.id);
    return {
      index: personalData.index('nik', sealer.open('nik', account.nikEnc)),
      verified: account.emailVerifiedAt !== null || account.phoneVerifiedAt !== null,
    };
  }

  interface Change {
    row: ApplicationRow;
    to: ApplicationStatus | undefined;
    kind: EventKind;
    event: { role: string; agencyId: string | null; accountId: string };
    audit: AuditActor;
    action: `application.${string}`;
    message?: string | undefined;
    origin: RequestOrigin;
    attach?: (eventId: number, trx: Database) => Promise<void>;
  }

  async function apply(trx: Database, change: Change): Promise<void> {
    const { row } = change;
    if (change.to) await repository.setStatus(row.id, change.to, trx);
    const message = change.message?.trim().slice(0, MAX_MESSAGE);
    const key = message ? await dataKeys.open(row.dataKeyId, trx) : undefined;
    const eventId = await repository.insertEvent(
      {
        applicationId: row.id,
        agencyId: row.agencyId,
        kind: change.kind,
        actorRole: change.event.role,
        actorAgencyId: change.event.agencyId,
        actorAccountId: change.event.accountId,
        messageEnc: key && message ? encryptField(key, message, messageContext(row.id)) : null,
      },
      trx,
    );
    await change.attach?.(eventId, trx);
    await audit.record(
      {
        actor: change.audit,
        action: change.action,
        subject: { type: 'application', id: row.id },
        ip: change.origin.ip,
        requestId: change.origin.requestId,
        details: { from: row.status, to: change.to ?? row.status },
      },
      trx,
    );
  }

  /** Locks the applicant's own application, or answers 404. */
  async function lockOwn(trx: Database, actor: SignedInActor, trackingNumber: string): Promise<ApplicationRow> {
    const canonical = parseTrackingNumber(trackingNumber);
    const row = canonical ? await repository.lockByTrackingNumber(canonical, trx) : undefined;
    if (!row || row.applicantAccountId === null || row.applicantAccountId !== actor.accountId) throw authErrors.notFound();
    return row;
  }

  return {
    /** Counter applications filed under the person's NIK that no account holds yet. */
    async listClaimable(actor: SignedInActor): Promise<ClaimableApplication[]> {
      if (actor.kind !== 'citizen') return [];
      const nik = await nikIndexOf(actor.accountId);
      if (!nik) return [];
      const rows = await repository.listUnclaimedByNikIndex(nik.index);
      const names = new Map<string, { id: string; en: string }>();
      for (const id of new Set(rows.map((r) => r.serviceVersionId))) {
        const version = await versions.getVersion(id);
        names.set(id, { id: version?.nameId ?? '', en: version?.nameEn ?? '' });
      }
      return rows.map((r) => ({
        trackingNumber: r.trackingNumber,
        serviceName: names.get(r.serviceVersionId) ?? { id: '', en: '' },
        submittedAt: r.submittedAt,
      }));
    },

    /**
     * Takes a counter application into the citizen's account: the NIK it was filed under must be
     * theirs, and their e-mail or phone verified.
     * @throws platform.not_found when the NIK differs, the number is unknown or it is already held;
     *   applications.contact_not_verified
     */
    async claim(actor: SignedInActor, trackingNumber: string, origin: RequestOrigin): Promise<void> {
      if (actor.kind !== 'citizen') throw authErrors.notFound();
      const nik = await nikIndexOf(actor.accountId);
      if (!nik) throw authErrors.notFound();
      if (!nik.verified) throw applicationErrors.contactNotVerified();
      const canonical = parseTrackingNumber(trackingNumber);
      await db.transaction().execute(async (trx) => {
        const row = canonical ? await repository.lockByTrackingNumber(canonical, trx) : undefined;
        if (!row || row.applicantAccountId !== null || row.applicantNikIndex !== nik.index) throw authErrors.notFound();
        await repository.setApplicant(row.id, actor.accountId, trx);
        await apply(trx, {
          row,
          to: undefined,
          kind: 'claimed',
          event: { role: 'applicant', agencyId: null, accountId: actor.accountId },
          audit: citizenAuditActor(actor),
          action: 'application.claimed',
          origin,
        });
      });
    },

    /**
     * Withdraws the applicant's own application while it is still open, with their reason.
     * @throws platform.not_found (not theirs), applications.wrong_state (already decided or withdrawn)
     */
    async withdraw(actor: SignedInActor, trackingNumber: string, reason: string, origin: RequestOrigin): Promise<void> {
      await db.transaction().execute(async (trx) => {
        const row = await lockOwn(trx, actor, trackingNumber);
        if (!OPEN_STATUSES.includes(row.status)) throw applicationErrors.wrongState();
        await apply(trx, {
          row,
          to: 'withdrawn',
          kind: 'withdrawn',
          event: { role: 'applicant', agencyId: null, accountId: actor.accountId },
          audit: citizenAuditActor(actor),
          action: 'application.withdrawn',
          message: reason,
          origin,
        });
        // Off the queues and the SLA clock, its wait and unpaid bill ended, and announced.
        await deps.workflow.close(trx, row, new Date());
      });
    },

    /**
     * The applicant answers a request for information, with a message and files they uploaded; the
     * application goes back to review.
     * @throws platform.not_found (not theirs), applications.wrong_state (nothing was requested),
     *   applications.invalid_answers (a file that is not theirs, or nothing at all sent)
     */
    async provideInformation(actor: SignedInActor, trackingNumber: string, message: string, fileIds: readonly string[], origin: RequestOrigin): Promise<void> {
      if (message.trim() === '' && fileIds.length === 0) throw applicationErrors.invalidAnswers([{ name: 'message', reason: 'empty' }]);
      await db.transaction().execute(async (trx) => {
        const row = await lockOwn(trx, actor, trackingNumber);
        // decideTransition decides (as the applicant): the pause ends and the clocks move later.
        const resumed = await deps.workflow.informationProvided(trx, row);
        if (!resumed.ok) throw applicationErrors.wrongState();
        await apply(trx, {
          row,
          to: resumed.status,
          kind: 'information_provided',
          event: { role: 'applicant', agencyId: null, accountId: actor.accountId },
          audit: citizenAuditActor(actor),
          action: 'application.information_provided',
          message,
          origin,
          attach: async (eventId, inner) => {
            for (const fileId of fileIds) {
              if (!(await files.attach(fileId, { ownerAccountId: actor.accountId, uploadedBy: actor.accountId }, inner)))
                throw applicationErrors.invalidAnswers([{ name: 'files', reason: 'not yours' }]);
            }
            await repository.insertAttachments(
              fileIds.map((fileId) => ({ applicationId: row.id, agencyId: row.agencyId, fieldName: 'information', fileId, eventId })),
              inner,
            );
          },
        });
      });
    },
  };
}

export type ChangesService = ReturnType<typeof createChangesService>;
