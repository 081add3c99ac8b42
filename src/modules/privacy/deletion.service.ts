import type { AuditLog } from '../../platform/audit/audit.service.ts';
import type { SignedInActor } from '../../platform/auth/actor.ts';
import type { Database } from '../../platform/db/database.ts';
import type { RequestOrigin } from '../../platform/http/request-input.ts';
import type { AccountsRepository } from '../accounts/accounts.repository.ts';
import type { PersonalData } from '../accounts/personal-data.ts';
import type { SessionStore } from '../accounts/sessions.ts';
import type { ApplicationsRepository } from '../applications/applications.repository.ts';
import type { ApplicationsService } from '../applications/applications.service.ts';
import type { ComplaintsRepository } from '../complaints/complaints.repository.ts';
import type { IssuingService } from '../documents/issuing.service.ts';
import type { ConsentService } from '../exchange/consent.service.ts';
import type { PrivacyRepository } from './privacy.repository.ts';
import type { RefusalReason } from './privacy.tables.ts';
import { citizenAuditActor, type PrivacyRequestsService } from './requests.service.ts';

const DAY_MS = 24 * 3600_000;
/** What an erased account's name reads as wherever it is still shown (a counter receipt, an old timeline). */
export const ERASED_NAME = '(dihapus)';

export interface DeletionDependencies {
  db: Database;
  repository: Pick<PrivacyRepository, 'rules' | 'heldAmong'>;
  requests: Pick<PrivacyRequestsService, 'recordImmediate'>;
  accountsRepository: Pick<AccountsRepository, 'findById' | 'erasePersonalData'>;
  personalData: Pick<PersonalData, 'sealer'>;
  sessions: Pick<SessionStore, 'revokeAll'>;
  applications: Pick<ApplicationsService, 'listMine'>;
  applicationsRepository: Pick<ApplicationsRepository, 'retainedOf' | 'draftsOf' | 'deleteDraft'>;
  issuing: Pick<IssuingService, 'documentsOf'>;
  complaintsRepository: Pick<ComplaintsRepository, 'reportsOf'>;
  /** The once-only data fetched for the person and their consents (the exchange module's). */
  consents?: Pick<ConsentService, 'eraseFor'> | undefined;
  audit: AuditLog;
  clock?: (() => Date) | undefined;
}

export type DeletionOutcome = { outcome: 'refused'; reference: string; reasons: RefusalReason[] } | { outcome: 'erased'; reference: string };

/** The right to deletion (UU 27/2022), weighed against retention rules and legal holds. */
export function createDeletionService(deps: DeletionDependencies) {
  const clock = deps.clock ?? (() => new Date());

  /** Why the person's data cannot be deleted now; empty when it can. */
  async function assess(actor: SignedInActor): Promise<RefusalReason[]> {
    if (actor.kind === 'staff') return ['staff_account'];
    const now = clock().getTime();
    const rules = new Map((await deps.repository.rules()).filter((rule) => rule.enabled).map((rule) => [rule.recordType, rule]));
    const reasons: RefusalReason[] = [];
    const applicationRule = rules.get('application');
    if (applicationRule) {
      const retained = await deps.applicationsRepository.retainedOf(actor.accountId, new Date(now - applicationRule.periodDays * DAY_MS));
      if (retained.length > 0) reasons.push('retention_application');
    }
    const documentRule = rules.get('issued_document');
    if (documentRule) {
      const own = (await deps.applications.listMine(actor)).filter((application) => application.applicantAccountId === actor.accountId);
      const since = now - documentRule.periodDays * DAY_MS;
      for (const application of own) {
        const documents = await deps.issuing.documentsOf(application.trackingNumber);
        if (documents.some((document) => document.issuedAt.getTime() >= since)) {
          reasons.push('retention_document');
          break;
        }
      }
    }
    const [applications, reports] = await Promise.all([
      deps.applicationsRepository.retainedOf(actor.accountId, new Date(0)),
      deps.complaintsRepository.reportsOf(actor.accountId),
    ]);
    const held = await Promise.all([
      deps.repository.heldAmong('account', [actor.accountId]),
      deps.repository.heldAmong(
        'application',
        applications.map((a) => a.id),
      ),
      deps.repository.heldAmong(
        'complaint',
        reports.map((r) => r.id),
      ),
    ]);
    if (held.some((ids) => ids.size > 0)) reasons.push('legal_hold');
    return reasons;
  }

  return {
    assess,

    /**
     * Carries out a deletion request, or refuses it with the reasons: either way the request is
     * recorded and audited. Carried out, the account's personal data is erased (name, NIK, birth
     * date, contact, second factor, codes, drafts), every session ends and nobody can sign in to it
     * again; records kept under retention keep their own copies until their period ends.
     */
    async request(actor: SignedInActor, origin: RequestOrigin): Promise<DeletionOutcome> {
      const reasons = await assess(actor);
      const [firstReason] = reasons;
      if (firstReason) {
        const { reference } = await deps.db
          .transaction()
          .execute((trx) => deps.requests.recordImmediate(trx, actor, { kind: 'deletion', outcome: 'refused', refusalReason: firstReason }, origin));
        return { outcome: 'refused', reference, reasons };
      }
      const account = await deps.accountsRepository.findById(actor.accountId);
      if (!account) throw new Error('signed-in account vanished');
      const drafts = await deps.applicationsRepository.draftsOf(actor.accountId);
      const reference = await deps.db.transaction().execute(async (trx) => {
        const recorded = await deps.requests.recordImmediate(trx, actor, { kind: 'deletion', outcome: 'fulfilled' }, origin);
        const sealer = await deps.personalData.sealer(account.dataKeyId, account.id, trx);
        await deps.accountsRepository.erasePersonalData(account.id, sealer.seal('fullName', ERASED_NAME), trx);
        for (const draft of drafts) await deps.applicationsRepository.deleteDraft(draft.id, trx);
        const ended = await deps.sessions.revokeAll(account.id, undefined, trx);
        const onceOnly = (await deps.consents?.eraseFor(account.id, trx)) ?? { fetches: 0, consentsEnded: 0 };
        await deps.audit.record(
          {
            actor: citizenAuditActor(actor),
            action: 'account.erased',
            subject: { type: 'account', id: account.id },
            ip: origin.ip,
            requestId: origin.requestId,
            details: {
              reference: recorded.reference,
              sessionsEnded: ended,
              draftsDeleted: drafts.length,
              fetchesErased: onceOnly.fetches,
              consentsEnded: onceOnly.consentsEnded,
            },
          },
          trx,
        );
        return recorded.reference;
      });
      return { outcome: 'erased', reference };
    },
  };
}

export type DeletionService = ReturnType<typeof createDeletionService>;
