import type { AuditActor } from '../../platform/audit/audit.input.ts';
import type { AuditLog } from '../../platform/audit/audit.service.ts';
import type { SignedInActor } from '../../platform/auth/actor.ts';
import { authErrors } from '../../platform/auth/errors.ts';
import type { HolidaySource } from '../../platform/calendar/calendar.service.ts';
import { dueAt } from '../../platform/calendar/working-days.ts';
import type { DataKeyStore } from '../../platform/crypto/data-keys.ts';
import type { Database } from '../../platform/db/database.ts';
import type { FormData, FormSchema } from '../../platform/forms/form-schema.ts';
import { inputId } from '../../platform/forms/ids.ts';
import type { FormProblem } from '../../platform/forms/problems.ts';
import { cleanSubmission, validateSubmission } from '../../platform/forms/validate.ts';
import type { RequestOrigin } from '../../platform/http/request-input.ts';
import type { Locale } from '../../platform/i18n/index.ts';
import type { AccountsRepository } from '../accounts/accounts.repository.ts';
import { validateNik } from '../accounts/nik.ts';
import type { PersonalData } from '../accounts/personal-data.ts';
import { type ApplicantNotices, createApplicantMessages } from './applicant-contact.ts';
import {
  answersContext,
  citizenAuditActor,
  regionCheck,
  sealJson,
  staffMayAct,
  staffRoleAt,
  type VersionSource,
  type VersionView,
} from './application-records.ts';
import { applicationErrors } from './applications.errors.ts';
import { type ApplicationRow, type ApplicationsRepository, IDEMPOTENCY_CONSTRAINT, TRACKING_CONSTRAINT, uniqueViolation } from './applications.repository.ts';
import type { ApplicationWorkflow } from './applications.service.ts';
import type { ApplicationChannel } from './applications.tables.ts';
import { newTrackingNumber } from './tracking-number.ts';

/** How the applications module attaches uploaded files; bound to the storage module in src/services.ts. */
export interface ApplicationFiles {
  /**
   * Marks a pending file as attached, in the caller's transaction, when it belongs to `ownerAccountId`
   * (or, for a counter application, was uploaded by `uploadedBy`). False when it does not: nothing changes.
   */
  attach(fileId: string, owner: { ownerAccountId: string | null; uploadedBy: string }, trx: Database): Promise<boolean>;
}

export interface SubmitInput {
  /** The service's code (its published version is used) or a version id (the apply journey's draft). */
  serviceCode?: string;
  versionId?: string;
  organisationId?: string | undefined;
  answers: FormData;
  idempotencyKey: string;
  /** The apply journey's draft, removed in the same transaction. */
  draftId?: string;
}

export interface CounterInput {
  serviceCode?: string;
  versionId?: string;
  applicantNik: string;
  answers: FormData;
  idempotencyKey: string;
  priorityGroup?: 'elderly' | 'disabled' | 'pregnant' | undefined;
}

export interface FiledApplication {
  id: string;
  trackingNumber: string;
  status: ApplicationRow['status'];
  channel: ApplicationChannel;
  serviceVersionId: string;
  agencyId: string;
  submittedAt: Date;
  dueAt: Date;
  applicantAccountId: string | null;
}

/** A submission's outcome: the application (new, or the first one filed under the key), or what is wrong with the answers. */
export type SubmitResult = { ok: true; application: FiledApplication; created: boolean } | { ok: false; problems: FormProblem[] };

export interface ApplicationsDependencies {
  db: Database;
  repository: ApplicationsRepository;
  versions: VersionSource;
  accountsRepository: AccountsRepository;
  personalData: PersonalData;
  dataKeys: DataKeyStore;
  files: ApplicationFiles;
  audit: AuditLog;
  calendar?: HolidaySource | undefined;
  /** Tells applicants that their application was received. */
  notices: ApplicantNotices;
  workflow: Pick<ApplicationWorkflow, 'start'>;
  now?: () => Date;
}

const TRACKING_ATTEMPTS = 5;

export function filed(row: ApplicationRow): FiledApplication {
  return {
    id: row.id,
    trackingNumber: row.trackingNumber,
    status: row.status,
    channel: row.channel,
    serviceVersionId: row.serviceVersionId,
    agencyId: row.agencyId,
    submittedAt: row.submittedAt,
    dueAt: row.dueAt,
    applicantAccountId: row.applicantAccountId,
  };
}

/** File ids in the answers, by field, for the form's file fields. */
export function fileAnswers(form: FormSchema, answers: FormData): { fieldName: string; fileId: string }[] {
  const out: { fieldName: string; fileId: string }[] = [];
  for (const field of form.pages.flatMap((page) => page.fields)) {
    const value = answers[field.name];
    if (field.type !== 'file' || typeof value !== 'object' || value === null || !('fileIds' in value)) continue;
    for (const fileId of value.fileIds) out.push({ fieldName: field.name, fileId });
  }
  return out;
}

/**
 * Filing applications, online and at the counter. Both make the same record (the channel differs),
 * with its timeline event and audit entry in the transaction that inserts it.
 */
export function createFilingService(deps: ApplicationsDependencies) {
  const { db, repository, versions, accountsRepository, personalData, dataKeys, files, audit } = deps;
  const now = deps.now ?? (() => new Date());
  const regions = regionCheck(() => repository.regionCodes());
  const applicantMessages = createApplicantMessages(deps);

  async function versionFor(input: { serviceCode?: string | undefined; versionId?: string | undefined }): Promise<VersionView> {
    const version = input.versionId
      ? await versions.getVersion(input.versionId)
      : input.serviceCode
        ? await versions.publishedVersionByCode(input.serviceCode)
        : undefined;
    if (version?.status !== 'published') throw applicationErrors.serviceNotFound();
    return version;
  }

  async function check(
    version: VersionView,
    answers: FormData,
    locale: Locale,
  ): Promise<{ ok: true; cleaned: FormData } | { ok: false; problems: FormProblem[] }> {
    const problems = validateSubmission(version.form, answers, { regionExists: await regions(), locale });
    if (problems.length > 0) return { ok: false, problems };
    return { ok: true, cleaned: cleanSubmission(version.form, answers) };
  }

  interface Filing {
    version: VersionView;
    channel: ApplicationChannel;
    applicantAccountId: string | null;
    applicantNikIndex: string;
    organisationId: string | null;
    createdBy: string | null;
    priorityGroup: 'elderly' | 'disabled' | 'pregnant' | null;
    answers: FormData;
    idempotencyKey: string;
    auditActor: AuditActor;
    eventActor: { role: string; agencyId: string | null; accountId: string | null };
    draftId?: string | undefined;
    origin: RequestOrigin;
  }

  /**
   * Inserts the application with its first event, attachments and audit entry. A collision of
   * tracking numbers retries with a new number; a collision of idempotency keys means another request
   * with the same key won: its application is returned.
   */
  async function file(filing: Filing): Promise<SubmitResult> {
    const owner = filing.channel === 'online' ? filing.applicantAccountId : filing.createdBy;
    if (!owner) throw new Error('an application needs an applicant account or an officer');
    const agency = await repository.agency(filing.version.agencyId);
    const submittedAt = now();
    const holidays = (await deps.calendar?.holidaysFor(filing.version.agencyId)) ?? new Set<string>();
    const due = dueAt(submittedAt, filing.version.timeLimitWorkingDays, { timeZone: agency?.timeZone ?? 'Asia/Jakarta', holidays });
    const attachments = fileAnswers(filing.version.form, filing.answers);
    for (let attempt = 1; ; attempt += 1) {
      try {
        const row = await db.transaction().execute(async (trx) => {
          const id = crypto.randomUUID();
          const key = await dataKeys.create(trx);
          const inserted = await repository.insert(
            {
              id,
              trackingNumber: newTrackingNumber(),
              agencyId: filing.version.agencyId,
              serviceId: filing.version.serviceId,
              serviceVersionId: filing.version.id,
              channel: filing.channel,
              applicantAccountId: filing.applicantAccountId,
              applicantNikIndex: filing.applicantNikIndex,
              organisationId: filing.organisationId,
              priorityGroup: filing.priorityGroup,
              dataKeyId: key.id,
              answersEnc: sealJson(key.key, filing.answers, answersContext(id)),
              submittedAt,
              dueAt: due,
              createdBy: filing.createdBy,
              idempotencyKey: filing.idempotencyKey,
              updatedAt: submittedAt,
            },
            trx,
          );
          const rejected: string[] = [];
          for (const attachment of attachments) {
            // Online, the applicant uploaded the file; at the counter, the officer did for them.
            const uploader =
              filing.channel === 'online' ? { ownerAccountId: filing.applicantAccountId, uploadedBy: owner } : { ownerAccountId: null, uploadedBy: owner };
            const ok = await files.attach(attachment.fileId, uploader, trx);
            if (!ok) rejected.push(attachment.fieldName);
          }
          if (rejected.length > 0) throw new RejectedFiles(rejected);
          await repository.insertAttachments(
            attachments.map((a) => ({ applicationId: id, agencyId: filing.version.agencyId, fieldName: a.fieldName, fileId: a.fileId })),
            trx,
          );
          await repository.insertEvent(
            {
              applicationId: id,
              agencyId: filing.version.agencyId,
              occurredAt: submittedAt,
              kind: 'submitted',
              actorRole: filing.eventActor.role,
              actorAgencyId: filing.eventActor.agencyId,
              actorAccountId: filing.eventActor.accountId,
            },
            trx,
          );
          // The first step, its clock and queue (and the bill of a service with a fee) commit with the application.
          await deps.workflow.start(trx, id);
          if (filing.draftId) await repository.deleteDraft(filing.draftId, trx);
          await applicantMessages.submitted(inserted, { id: filing.version.nameId, en: filing.version.nameEn }, trx);
          // Last: the audit append takes the chain's lock, held until commit, so nothing else may wait inside it.
          await audit.record(
            {
              actor: filing.auditActor,
              action: 'application.submitted',
              subject: { type: 'application', id },
              ip: filing.origin.ip,
              requestId: filing.origin.requestId,
              details: { channel: filing.channel, serviceVersionId: filing.version.id, attachments: attachments.length },
            },
            trx,
          );
          return inserted;
        });
        return { ok: true, application: filed(row), created: true };
      } catch (error) {
        if (error instanceof RejectedFiles) {
          return {
            ok: false,
            problems: [...new Set(error.fields)].map((field) => ({ field: inputId(field), key: 'applications.error.fileNotYours' as const })),
          };
        }
        const constraint = uniqueViolation(error);
        if (constraint === IDEMPOTENCY_CONSTRAINT) {
          const winner = await repository.findByIdempotencyKey(filing.applicantAccountId ?? owner, filing.idempotencyKey);
          if (winner) return { ok: true, application: filed(winner), created: false };
        }
        if (constraint === TRACKING_CONSTRAINT && attempt < TRACKING_ATTEMPTS) continue;
        throw error;
      }
    }
  }

  return {
    /**
     * Files an application online for the signed-in citizen (for an organisation they belong to, when
     * organisationId is given). The answers are validated against the version's form and cleaned of
     * hidden fields; files in them must be the applicant's own uploads. The same idempotency key from
     * the same person returns the first application (created: false), also under concurrent requests.
     * @throws applications.service_not_found, applications.not_offered, applications.not_member,
     *   applications.only_citizens
     */
    async submitOnline(actor: SignedInActor, input: SubmitInput, origin: RequestOrigin): Promise<SubmitResult> {
      if (actor.kind !== 'citizen') throw applicationErrors.onlyCitizens();
      const existing = await repository.findByIdempotencyKey(actor.accountId, input.idempotencyKey);
      if (existing) return { ok: true, application: filed(existing), created: false };
      const version = await versionFor(input);
      if (!version.channels.includes('online')) throw applicationErrors.notOffered();
      const organisationId = input.organisationId || null;
      if (organisationId) {
        if (!version.applicantTypes.includes('business')) throw applicationErrors.notOffered();
        if (!actor.organisations.some((o) => o.organisationId === organisationId)) throw applicationErrors.notMember();
      } else if (!version.applicantTypes.includes('citizen')) {
        throw applicationErrors.notOffered();
      }
      const checked = await check(version, input.answers, actor.locale);
      if (!checked.ok) return checked;
      const nikIndex = await accountNikIndex(actor.accountId);
      return file({
        version,
        channel: 'online',
        applicantAccountId: actor.accountId,
        applicantNikIndex: nikIndex,
        organisationId,
        createdBy: null,
        priorityGroup: null,
        answers: checked.cleaned,
        idempotencyKey: input.idempotencyKey,
        auditActor: citizenAuditActor(actor),
        eventActor: { role: 'applicant', agencyId: null, accountId: actor.accountId },
        draftId: input.draftId,
        origin,
      });
    },

    /**
     * Registers an application at the counter for a walk-in applicant identified by NIK, by an
     * officer of the service's agency. When an account with that NIK exists, the application is
     * theirs at once; otherwise they can claim it later. Idempotent like submitOnline, per officer
     * (or per applicant account when linked).
     * @throws platform.not_found for a service of another agency, applications.service_not_found,
     *   applications.not_offered, applications.invalid_nik
     */
    async submitAtCounter(actor: SignedInActor, input: CounterInput, origin: RequestOrigin): Promise<SubmitResult> {
      const version = await versionFor(input);
      const role = staffRoleAt(actor, 'application.counter', version.agencyId);
      if (!role || !staffMayAct(actor, 'application.counter', version.agencyId)) throw authErrors.notFound();
      if (!version.channels.includes('counter')) throw applicationErrors.notOffered();
      const nik = validateNik(input.applicantNik);
      if (!nik.ok) return { ok: false, problems: [{ field: 'applicantNik', key: nik.error }] };
      const nikIndex = personalData.index('nik', nik.nik);
      const account = await accountsRepository.findByIndex('nikIndex', nikIndex);
      const applicantAccountId = account?.kind === 'citizen' ? account.id : null;
      const existing = await repository.findByIdempotencyKey(applicantAccountId ?? actor.accountId, input.idempotencyKey);
      if (existing) return { ok: true, application: filed(existing), created: false };
      const checked = await check(version, input.answers, actor.locale);
      if (!checked.ok) return checked;
      return file({
        version,
        channel: 'counter',
        applicantAccountId,
        applicantNikIndex: nikIndex,
        organisationId: null,
        createdBy: actor.accountId,
        priorityGroup: input.priorityGroup && version.priorityGroups.includes(input.priorityGroup) ? input.priorityGroup : null,
        answers: checked.cleaned,
        idempotencyKey: input.idempotencyKey,
        auditActor: { accountId: actor.accountId, role, agencyId: version.agencyId },
        eventActor: { role, agencyId: version.agencyId, accountId: actor.accountId },
        origin,
      });
    },

    /** The application a person filed under a key, if any: a retried submission finds its first result. */
    async findMineByIdempotencyKey(actor: SignedInActor, key: string): Promise<FiledApplication | undefined> {
      const row = await repository.findByIdempotencyKey(actor.accountId, key);
      return row ? filed(row) : undefined;
    },
  };

  async function accountNikIndex(accountId: string): Promise<string> {
    const account = await accountsRepository.findById(accountId);
    if (!account?.nikEnc) throw applicationErrors.onlyCitizens();
    const sealer = await personalData.sealer(account.dataKeyId, account.id);
    return personalData.index('nik', sealer.open('nik', account.nikEnc));
  }
}

class RejectedFiles extends Error {
  constructor(readonly fields: string[]) {
    super('files that are not the applicant’s');
  }
}

export type FilingService = ReturnType<typeof createFilingService>;
