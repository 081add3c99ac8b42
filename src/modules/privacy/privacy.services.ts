import type { AuditLog } from '../../platform/audit/audit.service.ts';
import type { DataKeyStore } from '../../platform/crypto/data-keys.ts';
import type { Database } from '../../platform/db/database.ts';
import { createNotifyRepository } from '../../platform/notify/notify.repository.ts';
import { createStorageRepository } from '../../platform/storage/storage.repository.ts';
import type { FileStorage } from '../../platform/storage/storage.service.ts';
import type { AccountsRepository } from '../accounts/accounts.repository.ts';
import type { AccountsService } from '../accounts/accounts.service.ts';
import type { OrganisationsService } from '../accounts/organisations.service.ts';
import type { PersonalData } from '../accounts/personal-data.ts';
import type { SessionStore } from '../accounts/sessions.ts';
import type { ApplicationsRepository } from '../applications/applications.repository.ts';
import type { ApplicationsService } from '../applications/applications.service.ts';
import type { ComplaintsService } from '../complaints/complaints.contract.ts';
import { createComplaintsRepository } from '../complaints/complaints.repository.ts';
import type { IssuingService } from '../documents/issuing.service.ts';
import type { ConsentService } from '../exchange/consent.service.ts';
import type { Exchange } from '../exchange/exchange.module.ts';
import type { PaymentsService } from '../payments/payments.service.ts';
import { createSurveysRepository } from '../surveys/surveys.repository.ts';
import { createDeletionService } from './deletion.service.ts';
import { createExportService } from './export.service.ts';
import { createPrivacyRepository } from './privacy.repository.ts';
import { createPrivacyRequestsService } from './requests.service.ts';
import { createRetentionService } from './retention.service.ts';

export interface PrivacyServicesDependencies {
  db: Database;
  dataKeys: DataKeyStore;
  audit: AuditLog;
  accounts: AccountsService;
  accountsRepository: AccountsRepository;
  personalData: PersonalData;
  sessions: SessionStore;
  organisations: OrganisationsService;
  applications: ApplicationsService;
  applicationsRepository: ApplicationsRepository;
  issuing: IssuingService;
  payments: PaymentsService;
  complaints: ComplaintsService;
  storage: FileStorage;
  exchange: Pick<Exchange, 'listSubjectAccesses'>;
  consents?: Pick<ConsentService, 'exportFor' | 'eraseFor'>;
  clock?: () => Date;
}

/**
 * The privacy module's services, built from the other modules' services and repositories (reads and
 * retention executors live in the modules that own the tables).
 */
export function createPrivacyServices(deps: PrivacyServicesDependencies) {
  const { db, audit, clock } = deps;
  const repository = createPrivacyRepository(db);
  const complaintsRepository = createComplaintsRepository(db);
  const surveysRepository = createSurveysRepository(db);
  const notifyRepository = createNotifyRepository(db);
  const requests = createPrivacyRequestsService({ db, repository, dataKeys: deps.dataKeys, audit, applications: deps.applicationsRepository, clock });
  const exports = createExportService({
    db,
    accounts: deps.accounts,
    accountsRepository: deps.accountsRepository,
    sessions: deps.sessions,
    organisations: deps.organisations,
    applications: deps.applications,
    applicationsRepository: deps.applicationsRepository,
    issuing: deps.issuing,
    payments: deps.payments,
    complaints: deps.complaints,
    complaintsRepository,
    surveysRepository,
    storage: deps.storage,
    storageRepository: createStorageRepository(db),
    audit,
    requests,
    exchange: deps.exchange,
    consents: deps.consents,
    clock,
  });
  const deletion = createDeletionService({
    db,
    repository,
    requests,
    accountsRepository: deps.accountsRepository,
    personalData: deps.personalData,
    sessions: deps.sessions,
    applications: deps.applications,
    applicationsRepository: deps.applicationsRepository,
    issuing: deps.issuing,
    complaintsRepository,
    consents: deps.consents,
    audit,
    clock,
  });
  const retention = createRetentionService({
    repository,
    audit,
    executors: {
      session: (cutoff, limit, held) => deps.sessions.deleteEndedBefore(cutoff, limit, held),
      notification: (cutoff, limit, held) => notifyRepository.deleteFinishedBefore(cutoff, limit, held),
      complaint_guest_contact: (cutoff, limit, held) => complaintsRepository.eraseGuestContactsBefore(cutoff, limit, held),
      survey_comment: (cutoff, limit, held) => surveysRepository.eraseCommentsBefore(cutoff, limit, held),
      privacy_request: (cutoff, limit, held) => repository.deleteClosedRequestsBefore(cutoff, limit, held),
    },
  });
  // The pages name the agency a request was routed to.
  const agencies = { agency: (agencyId: string) => deps.applicationsRepository.agency(agencyId) };
  return { requests, exports, deletion, retention, agencies };
}

export type PrivacyServices = ReturnType<typeof createPrivacyServices>;
