import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import type { Config } from './config.ts';
import { createAccountsRepository } from './modules/accounts/accounts.repository.ts';
import { createAccountsService } from './modules/accounts/accounts.service.ts';
import { createOrganisationsService } from './modules/accounts/organisations.service.ts';
import { createPersonalData } from './modules/accounts/personal-data.ts';
import { createSessionStore } from './modules/accounts/sessions.ts';
import { createSignInService } from './modules/accounts/signin.service.ts';
import { createStaffService } from './modules/accounts/staff.service.ts';
import { createStaffAdminService } from './modules/accounts/staff-admin.service.ts';
import { createApplicantMessages } from './modules/applications/applicant-contact.ts';
import { createApplicationsRepository } from './modules/applications/applications.repository.ts';
import { createApplicationsService } from './modules/applications/applications.service.ts';
import { createDraftsService } from './modules/applications/drafts.service.ts';
import { createCatalogueRepository } from './modules/catalogue/catalogue.repository.ts';
import { createCatalogueService } from './modules/catalogue/catalogue.service.ts';
import { fetchProblemsAgainst } from './modules/catalogue/fetch-requirements.ts';
import { createServiceAdminService } from './modules/catalogue/service-admin.service.ts';
import { createComplaintsService } from './modules/complaints/complaints.service.ts';
import { createOpen311Repository } from './modules/complaints/open311.repository.ts';
import { createOpen311KeysService } from './modules/complaints/open311-keys.service.ts';
import { createIssuingService } from './modules/documents/issuing.service.ts';
import { createSigningKeysService } from './modules/documents/signing-keys.service.ts';
import { createConsentService } from './modules/exchange/consent.service.ts';
import { createExchange } from './modules/exchange/exchange.module.ts';
import { createOfficerViewRecorder } from './modules/exchange/tracker.officer-views.ts';
import { createTrackerService } from './modules/exchange/tracker.service.ts';
import { openDataRegistry } from './modules/opendata/opendata.module.ts';
import { createOpenDataService } from './modules/opendata/opendata.service.ts';
import { createPaymentsService } from './modules/payments/payments.service.ts';
import { createPrivacyServices } from './modules/privacy/privacy.services.ts';
import { createSurveysService } from './modules/surveys/surveys.service.ts';
import { createBudgetService } from './modules/transparency/budget.service.ts';
import { createTransparencyService } from './modules/transparency/transparency.service.ts';
import { createWebhookReferences } from './modules/webhooks/webhooks.references.ts';
import { createWebhooksService } from './modules/webhooks/webhooks.service.ts';
import { targetPolicyFor } from './modules/webhooks/webhooks.target.ts';
import { createSlaService } from './modules/workflow/sla.service.ts';
import { createWorkflowService } from './modules/workflow/workflow.service.ts';
import { createAuditLog } from './platform/audit/audit.service.ts';
import { createThrottle } from './platform/auth/throttle.ts';
import { createCalendar } from './platform/calendar/calendar.service.ts';
import { createDataKeyStore, type KeyRing } from './platform/crypto/data-keys.ts';
import { masterKey } from './platform/crypto/envelope.ts';
import type { Secrets } from './platform/crypto/secrets.ts';
import type { Database } from './platform/db/database.ts';
import { DEFAULT_CIRCUIT } from './platform/notify/circuit-breaker.ts';
import { channelsFromConfig } from './platform/notify/notify.channels.ts';
import { createNotifier } from './platform/notify/notify.service.ts';
import { createFileSystemBlobStore } from './platform/storage/blob-store.ts';
import { createStorage } from './platform/storage/storage.service.ts';

export function keyRing(secrets: Secrets): KeyRing {
  return { current: masterKey(secrets.masterKey), previous: secrets.previousMasterKeys.map(masterKey) };
}

/**
 * The composition root: repositories, then services, each given only what it uses. The server, the
 * CLI and the tests all build the same graph here.
 */
export function createServices({ config, db, secrets, log }: { config: Config; db: Database; secrets: Secrets; log: Logger }) {
  const dataKeys = createDataKeyStore(db, keyRing(secrets));
  const audit = createAuditLog(db);
  const throttle = createThrottle(db);
  const notifier = createNotifier({ db, dataKeys, channels: channelsFromConfig(config, DEFAULT_CIRCUIT, log), log, devMailbox: config.devMailbox });
  const catalogueRepository = createCatalogueRepository(db);
  const catalogue = createCatalogueService(catalogueRepository);
  const serviceAdmin = createServiceAdminService({
    db,
    services: catalogueRepository.services,
    audit,
    // Called at publication, long after createServices has returned.
    fetchProblems: fetchProblemsAgainst(() => exchange.listProducts()),
  });
  const storage = createStorage({ db, dataKeys, blobs: createFileSystemBlobStore(config.filesDir) });

  const accountsRepository = createAccountsRepository(db);
  const personalData = createPersonalData(dataKeys, secrets.blindIndexKey);
  const sessions = createSessionStore(db);
  const accounts = createAccountsService({ db, repository: accountsRepository, personalData, sessions, notifier, audit, codeKey: secrets.blindIndexKey });
  const signIn = createSignInService({ db, repository: accountsRepository, personalData, sessions, throttle, audit });
  const staff = createStaffService({ db, repository: accountsRepository, personalData, audit });
  const staffAdmin = createStaffAdminService({ db, personalData, staff, audit });
  const organisations = createOrganisationsService({ db, repository: accountsRepository, personalData, dataKeys, sessions, audit });
  const applicationsRepository = createApplicationsRepository(db);
  const signingKeys = createSigningKeysService({ db, dataKeys });
  const applicantContact = createApplicantMessages({ accountsRepository, personalData, notices: { notifier, publicUrl: config.publicUrl } }).contactOf;
  const issuing = createIssuingService({
    db,
    dataKeys,
    storage,
    signingKeys,
    audit,
    notifier,
    applicantContact,
    publicUrl: config.publicUrl,
  });
  const calendar = createCalendar(db);
  const surveys = createSurveysService({
    db,
    audit,
    notifier,
    contactOf: applicantContact,
    linkKey: secrets.blindIndexKey,
    publicUrl: config.publicUrl,
    weight: config.skmWeight,
  });
  const payments = createPaymentsService({
    db,
    notifier,
    audit,
    contactOf: applicantContact,
    publicUrl: config.publicUrl,
    // Outside production an unset secret is random per process: only the in-process sandbox signs then.
    webhookSecret: config.paymentWebhookSecret ? Buffer.from(config.paymentWebhookSecret, 'base64') : randomBytes(32),
    // Called at webhook time, long after createServices has returned.
    onPaid: (trx, applicationId, paidAt) => workflow.recordPayment(trx, applicationId, paidAt),
  });
  const workflow = createWorkflowService({
    db,
    dataKeys,
    audit,
    calendar,
    accountsRepository,
    personalData,
    notices: { notifier, publicUrl: config.publicUrl },
    hooks: {
      issueDocument: async (trx, input) => {
        await issuing.issue(trx, input);
      },
      billApplication: (trx, input) => payments.billApplication(trx, input),
      applicationCompleted: (trx, input) => surveys.inviteForApplication(trx, input),
    },
  });
  const applications = createApplicationsService({
    db,
    repository: applicationsRepository,
    versions: catalogue,
    accountsRepository,
    personalData,
    dataKeys,
    storage,
    audit,
    notices: { notifier, publicUrl: config.publicUrl },
    calendar,
    workflow,
    onPersonalDataViewed: (trx, view) => officerViews.record(trx, 'application_processing', view),
  });
  const complaints = createComplaintsService({
    db,
    dataKeys,
    storage,
    audit,
    notifier,
    calendar,
    personalData,
    accounts: accountsRepository,
    contactOf: applicantContact,
    publicUrl: config.publicUrl,
    onClosed: (trx, complaint) => surveys.inviteForComplaint(trx, complaint),
    // Called when staff open a report, long after createServices has returned.
    onPersonalDataViewed: (trx, view) => officerViews.record(trx, 'complaint_handling', view),
  });
  const budget = createBudgetService({ db, audit });
  const exchange = createExchange({ db, dataKeys, audit, blindIndexKey: secrets.blindIndexKey });
  const consents = createConsentService({
    db,
    dataKeys,
    audit,
    exchange,
    versions: catalogue,
    nikOf: async (accountId) => {
      const account = await accountsRepository.findById(accountId);
      return account ? (await personalData.sealer(account.dataKeyId, account.id)).openOptional('nik', account.nikEnc) : null;
    },
  });
  // Officials' views of a citizen's records go to the citizen's data tracker (hooks of applications, complaints, the back office).
  const officerViews = createOfficerViewRecorder({ exchange, accounts: accountsRepository, personalData });
  const privacy = createPrivacyServices({
    db,
    dataKeys,
    audit,
    accounts,
    accountsRepository,
    personalData,
    sessions,
    organisations,
    applications,
    applicationsRepository,
    issuing,
    payments,
    complaints,
    storage,
    exchange,
    consents,
  });
  const applicationDrafts = createDraftsService({ db, repository: applicationsRepository, versions: catalogue, accounts, dataKeys, storage });

  return {
    dataKeys,
    audit,
    throttle,
    notifier,
    catalogue,
    serviceAdmin,
    storage,
    sessions,
    accounts,
    signIn,
    staff,
    staffAdmin,
    organisations,
    accountsRepository,
    personalData,
    applications,
    applicationDrafts,
    workflow,
    sla: createSlaService({ db, notifier, personalData, publicUrl: config.publicUrl }),
    payments,
    signingKeys,
    issuing,
    complaints,
    surveys,
    privacy,
    open311Keys: createOpen311KeysService({ db, audit }),
    webhooks: createWebhooksService({
      db,
      dataKeys,
      audit,
      references: createWebhookReferences(db),
      publicUrl: config.publicUrl,
      targets: targetPolicyFor(config.env),
    }),
    open311Reads: createOpen311Repository(db),
    exchange,
    consents,
    officerViews,
    tracker: createTrackerService({ exchange, nikOf: async (actor) => (await accounts.profile(actor)).nik, nibsOf: (actor) => organisations.ownedNibs(actor) }),
    transparency: createTransparencyService({ db }),
    budget,
    // A second transparency service (stateless, so it costs nothing) for the rollups' daily statistics.
    openData: createOpenDataService({
      registry: openDataRegistry({ db, surveys, budget, transparency: createTransparencyService({ db }) }),
      publicUrl: config.publicUrl,
    }),
  };
}

export type Services = ReturnType<typeof createServices>;
