import type { DataKeyStore } from '../../platform/crypto/data-keys.ts';
import type { Database } from '../../platform/db/database.ts';
import { DEMO_BUSINESS_OWNER, DEMO_CITIZEN, DEMO_ORGANISATION } from '../accounts/accounts.seed.ts';
import { createProductsRepository, type ProductDefinition } from './exchange.products.ts';
import { upsertRegistryRecord } from './exchange.registry.ts';
import type { ProductField, ProductPurpose, SubjectKind } from './exchange.tables.ts';

// The five demo data products and registry rows for the demo citizens and business, so that
// lookups work in the demo. Every product is served from Loket's registry tables here; an agency
// with its own service switches its product to an http provider.

const field = (name: string, type: ProductField['type'], labelId: string, labelEn: string, personal = true): ProductField => ({
  name,
  type,
  labelId,
  labelEn,
  personal,
});

const PUBLIC_SERVICE: ProductPurpose = { code: 'public_service', labelId: 'Pelayanan publik', labelEn: 'Public service delivery', lawEnforcement: false };
const SOCIAL_ASSISTANCE: ProductPurpose = {
  code: 'social_assistance',
  labelId: 'Penyaluran bantuan sosial',
  labelEn: 'Social assistance',
  lawEnforcement: false,
};
const LAW_ENFORCEMENT: ProductPurpose = { code: 'law_enforcement', labelId: 'Penegakan hukum', labelEn: 'Law enforcement', lawEnforcement: true };
const LICENSING: ProductPurpose = { code: 'business_licensing', labelId: 'Perizinan berusaha', labelEn: 'Business licensing', lawEnforcement: false };
const HEALTH_SERVICE: ProductPurpose = { code: 'health_service', labelId: 'Pelayanan kesehatan', labelEn: 'Health services', lawEnforcement: false };

export const DEMO_PRODUCTS: readonly ProductDefinition[] = [
  {
    code: 'kependudukan-nik',
    nameId: 'Data kependudukan berdasarkan NIK',
    nameEn: 'Population identity by NIK',
    descriptionId: 'Identitas penduduk dari database kependudukan Dukcapil.',
    descriptionEn: "A resident's identity from the Dukcapil population database.",
    providerAgencyCode: 'ditjen-dukcapil',
    subjectKind: 'nik',
    fields: [
      field('nik', 'string', 'NIK', 'NIK'),
      field('fullName', 'string', 'Nama lengkap', 'Full name'),
      field('birthPlace', 'string', 'Tempat lahir', 'Place of birth'),
      field('birthDate', 'date', 'Tanggal lahir', 'Date of birth'),
      field('sex', 'string', 'Jenis kelamin', 'Sex'),
      field('address', 'string', 'Alamat', 'Address'),
      field('regionCode', 'string', 'Kode wilayah', 'Region code'),
      field('kkNumber', 'string', 'Nomor KK', 'Family card number'),
    ],
    legalBasis:
      'UU 23/2006 jo. UU 24/2013 tentang Administrasi Kependudukan; Permendagri 17/2023 tentang Pemberian Hak Akses dan Pemanfaatan Data Kependudukan',
    purposes: [PUBLIC_SERVICE, SOCIAL_ASSISTANCE, LAW_ENFORCEMENT],
    consumerAgencyCodes: ['disdukcapil-kota-bandung', 'dinsos-kota-surabaya', 'dpmptsp-dki-jakarta', 'kementerian-investasi', 'polrestabes-makassar'],
    providerKind: 'registry',
  },
  {
    code: 'kartu-keluarga',
    nameId: 'Anggota kartu keluarga (KK)',
    nameEn: 'Family card (KK) members',
    providerAgencyCode: 'ditjen-dukcapil',
    subjectKind: 'kk',
    fields: [
      field('kkNumber', 'string', 'Nomor KK', 'Family card number'),
      field('headOfFamily', 'string', 'Kepala keluarga', 'Head of family'),
      field('members', 'list', 'Anggota keluarga', 'Family members'),
      field('address', 'string', 'Alamat', 'Address'),
    ],
    legalBasis: 'UU 23/2006 jo. UU 24/2013 tentang Administrasi Kependudukan',
    purposes: [PUBLIC_SERVICE, SOCIAL_ASSISTANCE],
    consumerAgencyCodes: ['disdukcapil-kota-bandung', 'dinsos-kota-surabaya'],
    providerKind: 'registry',
  },
  {
    code: 'dtsen-kepesertaan',
    nameId: 'Kepesertaan DTSEN untuk program bantuan sosial',
    nameEn: 'Social-registry (DTSEN) membership for assistance programmes',
    providerAgencyCode: 'kementerian-sosial',
    subjectKind: 'nik',
    fields: [
      field('nik', 'string', 'NIK', 'NIK'),
      field('registered', 'boolean', 'Terdaftar di DTSEN', 'Registered in DTSEN'),
      field('decile', 'number', 'Desil kesejahteraan', 'Welfare decile'),
      field('programmes', 'list', 'Program bantuan yang diterima', 'Assistance programmes received'),
      field('updatedAt', 'date', 'Tanggal pemutakhiran', 'Last updated', false),
    ],
    legalBasis: 'UU 13/2011 tentang Penanganan Fakir Miskin; Inpres 4/2025 tentang Data Tunggal Sosial dan Ekonomi Nasional',
    purposes: [SOCIAL_ASSISTANCE],
    consumerAgencyCodes: ['dinsos-kota-surabaya', 'disdukcapil-kota-bandung'],
    providerKind: 'registry',
  },
  {
    code: 'oss-nib',
    nameId: 'Data usaha berdasarkan NIB',
    nameEn: 'Business by NIB',
    providerAgencyCode: 'kementerian-investasi',
    subjectKind: 'nib',
    fields: [
      field('nib', 'string', 'NIB', 'NIB', false),
      field('businessName', 'string', 'Nama usaha', 'Business name', false),
      field('legalForm', 'string', 'Bentuk usaha', 'Legal form', false),
      field('kbli', 'list', 'KBLI', 'Business classification (KBLI)', false),
      field('riskLevel', 'string', 'Tingkat risiko', 'Risk level', false),
      field('address', 'string', 'Alamat usaha', 'Business address', false),
      field('ownerNik', 'string', 'NIK penanggung jawab', "Responsible person's NIK"),
    ],
    legalBasis: 'PP 5/2021 tentang Penyelenggaraan Perizinan Berusaha Berbasis Risiko',
    purposes: [LICENSING, PUBLIC_SERVICE],
    consumerAgencyCodes: ['dpmptsp-dki-jakarta', 'dpmptsp-jawa-timur', 'dpmptsp-kota-makassar'],
    providerKind: 'registry',
  },
  {
    code: 'bpjs-kesehatan-kepesertaan',
    nameId: 'Kepesertaan BPJS Kesehatan',
    nameEn: 'Health-insurance (BPJS Kesehatan) membership',
    providerAgencyCode: 'bpjs-kesehatan',
    subjectKind: 'nik',
    fields: [
      field('nik', 'string', 'NIK', 'NIK'),
      field('active', 'boolean', 'Status aktif', 'Active'),
      field('segment', 'string', 'Segmen peserta', 'Membership segment'),
      field('careClass', 'number', 'Kelas rawat', 'Care class'),
      field('primaryFacility', 'string', 'Fasilitas kesehatan tingkat pertama', 'Primary care facility'),
    ],
    legalBasis: 'UU 40/2004 tentang SJSN; UU 24/2011 tentang BPJS; Perpres 82/2018 tentang Jaminan Kesehatan',
    purposes: [SOCIAL_ASSISTANCE, HEALTH_SERVICE],
    consumerAgencyCodes: ['dinsos-kota-surabaya', 'dinkes-provinsi-jawa-timur', 'disdukcapil-kota-bandung'],
    providerKind: 'registry',
  },
];

const SITI_KK = '3273012208150004';
const BUDI_KK = '3578011504120002';

/** Registry rows of the demo people: [product, subject kind, key, payload]. */
export const DEMO_REGISTRY_ROWS: readonly [string, SubjectKind, string, Record<string, unknown>][] = [
  [
    'kependudukan-nik',
    'nik',
    DEMO_CITIZEN.nik,
    {
      nik: DEMO_CITIZEN.nik,
      fullName: DEMO_CITIZEN.fullName,
      birthPlace: 'Bandung',
      birthDate: '1990-08-17',
      sex: 'P',
      address: 'Jl. Cihampelas No. 12, RT 003/RW 005, Cipaganti, Coblong',
      regionCode: '32.73.01',
      kkNumber: SITI_KK,
    },
  ],
  [
    'kependudukan-nik',
    'nik',
    DEMO_BUSINESS_OWNER.nik,
    {
      nik: DEMO_BUSINESS_OWNER.nik,
      fullName: DEMO_BUSINESS_OWNER.fullName,
      birthPlace: 'Surabaya',
      birthDate: '1985-03-23',
      sex: 'L',
      address: 'Jl. Darmo Permai II No. 7, Pradah Kalikendal, Dukuh Pakis',
      regionCode: '35.78.01',
      kkNumber: BUDI_KK,
    },
  ],
  [
    'kartu-keluarga',
    'kk',
    SITI_KK,
    {
      kkNumber: SITI_KK,
      headOfFamily: DEMO_CITIZEN.fullName,
      members: [
        { nik: DEMO_CITIZEN.nik, name: DEMO_CITIZEN.fullName, relation: 'Kepala Keluarga' },
        { nik: '3273015506150001', name: 'Nadia Rahayu', relation: 'Anak' },
      ],
      address: 'Jl. Cihampelas No. 12, RT 003/RW 005, Cipaganti, Coblong',
    },
  ],
  [
    'dtsen-kepesertaan',
    'nik',
    DEMO_CITIZEN.nik,
    { nik: DEMO_CITIZEN.nik, registered: true, decile: 2, programmes: ['PKH', 'Bantuan Pangan Non Tunai'], updatedAt: '2026-09-30' },
  ],
  [
    'dtsen-kepesertaan',
    'nik',
    DEMO_BUSINESS_OWNER.nik,
    { nik: DEMO_BUSINESS_OWNER.nik, registered: false, decile: null, programmes: [], updatedAt: '2026-09-30' },
  ],
  [
    'oss-nib',
    'nib',
    DEMO_ORGANISATION.nib,
    {
      nib: DEMO_ORGANISATION.nib,
      businessName: DEMO_ORGANISATION.name,
      legalForm: 'CV',
      kbli: ['10710', '47241'],
      riskLevel: 'Menengah Rendah',
      address: 'Jl. Raya Darmo No. 45, Surabaya',
      ownerNik: DEMO_BUSINESS_OWNER.nik,
    },
  ],
  [
    'bpjs-kesehatan-kepesertaan',
    'nik',
    DEMO_CITIZEN.nik,
    { nik: DEMO_CITIZEN.nik, active: true, segment: 'PBI APBN', careClass: 3, primaryFacility: 'Puskesmas Coblong' },
  ],
  [
    'bpjs-kesehatan-kepesertaan',
    'nik',
    DEMO_BUSINESS_OWNER.nik,
    { nik: DEMO_BUSINESS_OWNER.nik, active: true, segment: 'PBPU', careClass: 1, primaryFacility: 'Klinik Pratama Darmo' },
  ],
];

/** Idempotent: the products are replaced and the demo rows upserted, all under one data key. */
export async function seedDemoExchange(
  db: Database,
  deps: { dataKeys: DataKeyStore; subjectIndexOf: (kind: SubjectKind, key: string) => string | undefined },
): Promise<{ products: number; records: number }> {
  await db.transaction().execute(async (trx) => {
    const products = createProductsRepository(trx);
    for (const product of DEMO_PRODUCTS) await products.upsert(product);
    const dataKey = await deps.dataKeys.create(trx);
    for (const [productCode, kind, key, payload] of DEMO_REGISTRY_ROWS) {
      const index = deps.subjectIndexOf(kind, key);
      if (!index) throw new Error(`demo registry row of ${productCode}: the ${kind} is not valid`);
      await upsertRegistryRecord(trx, deps.dataKeys, { productCode, subjectIndex: index, payload, dataKeyId: dataKey.id });
    }
  });
  return { products: DEMO_PRODUCTS.length, records: DEMO_REGISTRY_ROWS.length };
}
