import type { Database } from '../../platform/db/database.ts';
import type { Services } from '../../services.ts';
import { upsertRegistryRecord } from './exchange.registry.ts';

// Test data for the data tracker: a data product of the test's own agency, served from Loket's
// registry, with a public-service and a law-enforcement purpose. Test data only.

export const TRACKER_LEGAL_BASIS = 'UU 24/2013 tentang Administrasi Kependudukan';

/** A registry product at the agency (provider and consumer), holding a record for each NIK given. */
export async function trackerProduct(services: Services, db: Database, agencyId: string, niks: readonly string[]) {
  const agency = await db.selectFrom('agency').select('code').where('id', '=', agencyId).executeTakeFirstOrThrow();
  const code = `uji-kependudukan-${crypto.randomUUID().slice(0, 8)}`;
  await services.exchange.products.upsert({
    code,
    nameId: 'Data kependudukan uji',
    nameEn: 'Test population data',
    providerAgencyCode: agency.code,
    subjectKind: 'nik',
    fields: [
      { name: 'nik', type: 'string', labelId: 'NIK', labelEn: 'NIK', personal: true },
      { name: 'fullName', type: 'string', labelId: 'Nama lengkap', labelEn: 'Full name', personal: true },
      { name: 'address', type: 'string', labelId: 'Alamat', labelEn: 'Address', personal: true },
    ],
    legalBasis: TRACKER_LEGAL_BASIS,
    purposes: [
      { code: 'public_service', labelId: 'Pelayanan publik', labelEn: 'Public service delivery', lawEnforcement: false },
      { code: 'law_enforcement', labelId: 'Penegakan hukum', labelEn: 'Law enforcement', lawEnforcement: true },
    ],
    consumerAgencyCodes: [agency.code],
    providerKind: 'registry',
  });
  for (const nik of niks) {
    const subjectIndex = services.exchange.subjectIndexOf('nik', nik);
    if (!subjectIndex) throw new Error('not a NIK');
    await upsertRegistryRecord(db, services.dataKeys, {
      productCode: code,
      subjectIndex,
      payload: { nik, fullName: 'Rina Marlina', address: 'Jl. Dago No. 1' },
    });
  }

  /** Fetches the NIK's record as an official of the agency: one tracker record (withheld for law enforcement). */
  async function fetch(nik: string, caseReference: string, purpose: 'public_service' | 'law_enforcement' = 'public_service', fields?: string[]) {
    const result = await services.exchange.fetchFromProduct({
      productCode: code,
      subjectKey: nik,
      purpose,
      legalBasis: TRACKER_LEGAL_BASIS,
      caseReference,
      actor: { agencyId, role: 'officer' },
      fields,
    });
    if (!result.ok) throw new Error(`fetch refused: ${result.reason}`);
    return result.provenance.accessId;
  }

  return { code, agencyCode: agency.code, fetch };
}
