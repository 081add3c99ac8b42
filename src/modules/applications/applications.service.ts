import type { AuditLog } from '../../platform/audit/audit.service.ts';
import type { HolidaySource } from '../../platform/calendar/calendar.service.ts';
import type { DataKeyStore } from '../../platform/crypto/data-keys.ts';
import type { Database } from '../../platform/db/database.ts';
import { AppError } from '../../platform/http/errors.ts';
import type { FileStorage } from '../../platform/storage/storage.service.ts';
import type { AccountsRepository } from '../accounts/accounts.repository.ts';
import type { PersonalData } from '../accounts/personal-data.ts';
import type { WorkflowEngine } from '../workflow/workflow.service.ts';
import type { ApplicantNotices } from './applicant-contact.ts';
import type { VersionSource } from './application-records.ts';
import type { ApplicationsRepository } from './applications.repository.ts';
import { createChangesService } from './changes.service.ts';
import { type ApplicationFiles, createFilingService } from './filing.service.ts';
import { createReadingService, type PersonalDataViewedHook } from './reading.service.ts';

export interface ApplicationsServiceDependencies {
  db: Database;
  repository: ApplicationsRepository;
  versions: VersionSource;
  accountsRepository: AccountsRepository;
  personalData: PersonalData;
  dataKeys: DataKeyStore;
  storage: Pick<FileStorage, 'attachFile' | 'describeFiles'>;
  audit: AuditLog;
  notices: ApplicantNotices;
  /** Holidays and closures for due dates; without it only weekends are days off. */
  calendar?: HolidaySource;
  /** Staff downloaded an applicant's document: the data tracker records it (see reading.service.ts). */
  onPersonalDataViewed?: PersonalDataViewedHook;
  /** Puts filed applications on their workflow and resumes it on the applicant's answer. */
  workflow: ApplicationWorkflow;
  now?: () => Date;
}

/** What the applications module needs of the workflow engine, in its own transactions. */
export type ApplicationWorkflow = Pick<WorkflowEngine, 'start' | 'informationProvided' | 'close'>;

/** Attaching through the storage module, which refuses a file of someone else (storage.not_found). */
export function storageFiles(storage: Pick<FileStorage, 'attachFile'>): ApplicationFiles {
  return {
    async attach(fileId, owner, trx) {
      const expected = owner.ownerAccountId ? { ownerAccountId: owner.ownerAccountId } : { uploadedBy: owner.uploadedBy };
      try {
        await storage.attachFile(fileId, trx, expected);
        return true;
      } catch (error) {
        if (error instanceof AppError && error.statusCode === 404) return false;
        throw error;
      }
    },
  };
}

/**
 * The applications module's service: filing (online and counter), reading (applicant, public,
 * downloads) and the applicant's later changes (claim, withdraw, provide information). Staff work
 * (including requests for information) goes through the workflow service.
 */
export function createApplicationsService(deps: ApplicationsServiceDependencies) {
  const files = storageFiles(deps.storage);
  const filing = createFilingService({ ...deps, files });
  const reading = createReadingService(deps);
  const changes = createChangesService({ ...deps, files });
  // Object.assign rather than spreads: Biome's nursery promise rule mistakes these factories' results for promises.
  return Object.assign({}, filing, reading, changes);
}

export type ApplicationsService = ReturnType<typeof createApplicationsService>;
