import type { Database } from '../../platform/db/database.ts';
import type { AccountsRepository } from '../accounts/accounts.repository.ts';
import type { PersonalData } from '../accounts/personal-data.ts';
import type { ExchangeService } from './exchange.service.ts';

// Officers' views of a citizen's records, for the data tracker. The modules that show personal data
// (the back-office workspace, the complaints desk) call a hook with what they showed; the
// composition root (src/services.ts) binds the hook here, so those modules never import the exchange.

/** What a module tells the tracker after showing a person's data to an official. */
export interface PersonalDataView {
  /** The account whose data was shown. */
  subjectAccountId: string;
  /** The official: their account, role and agency (null for Loket's complaints desk). */
  viewer: { accountId: string | null; role: string; agencyId: string | null };
  /** What was shown, as codes the tracker labels (tracker.field.*). */
  fields: readonly string[];
  /** The application's tracking number or the complaint's tracking id. */
  caseReference: string;
}

export type OfficerViewPurpose = 'application_processing' | 'complaint_handling';

/** Officers' views rest on the law that makes the agency serve the person; complaints also on the complaints regulation. */
const LEGAL_BASIS: Record<OfficerViewPurpose, string> = {
  application_processing: 'UU 25/2009 tentang Pelayanan Publik',
  complaint_handling: 'UU 25/2009 tentang Pelayanan Publik; Perpres 76/2013 tentang Pengelolaan Pengaduan Pelayanan Publik',
};

export function createOfficerViewRecorder(deps: {
  exchange: Pick<ExchangeService, 'recordAccess'>;
  accounts: Pick<AccountsRepository, 'findById'>;
  personalData: Pick<PersonalData, 'sealer'>;
}) {
  return {
    /**
     * Records an official's view of a person's data for that person's tracker, in the caller's
     * transaction (with its audit entry). Records nothing, and returns false, when the person reads
     * their own data, has no NIK (staff accounts), or nothing was shown.
     */
    async record(trx: Database, purpose: OfficerViewPurpose, view: PersonalDataView): Promise<boolean> {
      if (view.viewer.accountId === view.subjectAccountId || view.fields.length === 0) return false;
      const account = await deps.accounts.findById(view.subjectAccountId, trx);
      if (!account?.nikEnc) return false;
      const sealer = await deps.personalData.sealer(account.dataKeyId, account.id, trx);
      return deps.exchange.recordAccess(
        {
          subjectKind: 'nik',
          subjectKey: sealer.open('nik', account.nikEnc),
          agencyId: view.viewer.agencyId,
          accountId: view.viewer.accountId,
          role: view.viewer.role,
          productCode: null,
          fields: view.fields,
          purpose,
          legalBasis: LEGAL_BASIS[purpose],
          caseReference: view.caseReference,
          channel: 'officer_view',
        },
        trx,
      );
    },
  };
}

export type OfficerViewRecorder = ReturnType<typeof createOfficerViewRecorder>;
