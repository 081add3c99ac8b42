import type { AgencyLevel, OpeningHours, TimeZone } from '../../platform/db/schema.ts';
import type { CatalogueRepository } from './catalogue.repository.ts';
import { buildSearchText } from './catalogue.search.ts';
import type { DemoService } from './seed/demo-common.ts';
import { DEMO_REGIONS } from './seed/demo-regions.ts';
import { SOCIAL_ASSISTANCE } from './seed/demo-services-assistance.ts';
import { BUILDING_APPROVAL, NIB_MICRO_BUSINESS } from './seed/demo-services-business.ts';
import { BIRTH_CERTIFICATE, KTP_EL_REPLACEMENT, MOVING_CERTIFICATE } from './seed/demo-services-civil.ts';
import { HEALTH_INSURANCE_PBI, POLICE_CLEARANCE, SOCIAL_REGISTRY } from './seed/demo-services-social.ts';
import type { ServiceRepository } from './service.repository.ts';
import { lifeEventLabels } from './service-admin.service.ts';
import { publishProblems } from './service-draft.ts';

// Demo data for trying Loket: real kinds of agencies at each level of government, in all three
// time zones, their regions down to the village, and eight of their services with full standards
// and forms (seed/). Addresses are illustrative; production loads agencies and services through the
// back office.

const WEEKDAYS: OpeningHours[] = [
  { days: [1, 2, 3, 4], opens: '08:00', closes: '15:30' },
  { days: [5], opens: '08:00', closes: '16:00' },
];
const MALL_HOURS: OpeningHours[] = [
  { days: [1, 2, 3, 4, 5], opens: '08:00', closes: '16:00' },
  { days: [6], opens: '08:00', closes: '12:00' },
];

interface DemoUnit {
  code: string;
  nameId: string;
  nameEn: string;
  streetAddress: string;
  regionCode: string;
  postalCode: string;
  timeZone: TimeZone;
  openingHours: OpeningHours[];
  latitude: number;
  longitude: number;
}

interface DemoAgency {
  code: string;
  level: AgencyLevel;
  regionCode: string | null;
  nameId: string;
  nameEn: string;
  units: DemoUnit[];
}

export const DEMO_AGENCIES: readonly DemoAgency[] = [
  {
    code: 'ditjen-dukcapil',
    level: 'national',
    regionCode: null,
    nameId: 'Direktorat Jenderal Kependudukan dan Pencatatan Sipil, Kementerian Dalam Negeri',
    nameEn: 'Directorate General of Population and Civil Registration, Ministry of Home Affairs',
    units: [
      {
        code: 'kantor-pusat',
        nameId: 'Kantor Pusat Ditjen Dukcapil',
        nameEn: 'Dukcapil Head Office',
        streetAddress: 'Jl. Raya Pasar Minggu No. 17, Pancoran',
        regionCode: '31.74',
        postalCode: '12780',
        timeZone: 'Asia/Jakarta',
        openingHours: WEEKDAYS,
        latitude: -6.2487,
        longitude: 106.8437,
      },
    ],
  },
  {
    code: 'kementerian-investasi',
    level: 'national',
    regionCode: null,
    nameId: 'Kementerian Investasi dan Hilirisasi/Badan Koordinasi Penanaman Modal',
    nameEn: 'Ministry of Investment and Downstreaming/Investment Coordinating Board',
    units: [
      {
        code: 'pusat-layanan',
        nameId: 'Pusat Pelayanan Perizinan Berusaha',
        nameEn: 'Business Licensing Service Centre',
        streetAddress: 'Jl. Jend. Gatot Subroto No. 44',
        regionCode: '31.74',
        postalCode: '12190',
        timeZone: 'Asia/Jakarta',
        openingHours: WEEKDAYS,
        latitude: -6.2297,
        longitude: 106.8196,
      },
    ],
  },
  {
    code: 'dpmptsp-dki-jakarta',
    level: 'provincial',
    regionCode: '31',
    nameId: 'Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu Provinsi DKI Jakarta',
    nameEn: 'One-Stop Investment and Integrated Services Office, Jakarta Province',
    units: [
      {
        code: 'mpp-jakarta',
        nameId: 'Mal Pelayanan Publik DKI Jakarta',
        nameEn: 'Jakarta Public Service Mall',
        streetAddress: 'Jl. H. R. Rasuna Said Kav. C-22, Kuningan',
        regionCode: '31.74',
        postalCode: '12940',
        timeZone: 'Asia/Jakarta',
        openingHours: MALL_HOURS,
        latitude: -6.2216,
        longitude: 106.8322,
      },
      {
        code: 'ptsp-jakarta-pusat',
        nameId: 'Unit PTSP Kota Administrasi Jakarta Pusat',
        nameEn: 'Central Jakarta One-Stop Service Unit',
        streetAddress: 'Jl. Tanah Abang I No. 1',
        regionCode: '31.71',
        postalCode: '10160',
        timeZone: 'Asia/Jakarta',
        openingHours: WEEKDAYS,
        latitude: -6.1775,
        longitude: 106.8135,
      },
    ],
  },
  {
    code: 'dpmptsp-jawa-timur',
    level: 'provincial',
    regionCode: '35',
    nameId: 'Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu Provinsi Jawa Timur',
    nameEn: 'One-Stop Investment and Integrated Services Office, East Java Province',
    units: [
      {
        code: 'kantor-surabaya',
        nameId: 'Kantor Pelayanan Surabaya',
        nameEn: 'Surabaya Service Office',
        streetAddress: 'Jl. Pahlawan No. 116',
        regionCode: '35.78',
        postalCode: '60174',
        timeZone: 'Asia/Jakarta',
        openingHours: WEEKDAYS,
        latitude: -7.2458,
        longitude: 112.7378,
      },
    ],
  },
  {
    code: 'disdukcapil-kota-bandung',
    level: 'city',
    regionCode: '32.73',
    nameId: 'Dinas Kependudukan dan Pencatatan Sipil Kota Bandung',
    nameEn: 'Population and Civil Registration Office, City of Bandung',
    units: [
      {
        code: 'kantor-dinas',
        nameId: 'Kantor Disdukcapil Kota Bandung',
        nameEn: 'Bandung Civil Registry Office',
        streetAddress: 'Jl. Ambon No. 1A',
        regionCode: '32.73',
        postalCode: '40115',
        timeZone: 'Asia/Jakarta',
        openingHours: WEEKDAYS,
        latitude: -6.9096,
        longitude: 107.6163,
      },
      {
        code: 'mpp-bandung',
        nameId: 'Loket Disdukcapil di Mal Pelayanan Publik Kota Bandung',
        nameEn: 'Civil Registry Counter at the Bandung Public Service Mall',
        streetAddress: 'Jl. Cianjur No. 34',
        regionCode: '32.73',
        postalCode: '40113',
        timeZone: 'Asia/Jakarta',
        openingHours: MALL_HOURS,
        latitude: -6.9139,
        longitude: 107.6271,
      },
    ],
  },
  {
    code: 'disdukcapil-kabupaten-sleman',
    level: 'regency',
    regionCode: '34.04',
    nameId: 'Dinas Kependudukan dan Pencatatan Sipil Kabupaten Sleman',
    nameEn: 'Population and Civil Registration Office, Sleman Regency',
    units: [
      {
        code: 'kantor-dinas',
        nameId: 'Kantor Disdukcapil Kabupaten Sleman',
        nameEn: 'Sleman Civil Registry Office',
        streetAddress: 'Jl. Parasamya, Beran, Tridadi',
        regionCode: '34.04',
        postalCode: '55511',
        timeZone: 'Asia/Jakarta',
        openingHours: WEEKDAYS,
        latitude: -7.7156,
        longitude: 110.3556,
      },
    ],
  },
  {
    code: 'dpmptsp-kota-makassar',
    level: 'city',
    regionCode: '73.71',
    nameId: 'Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu Kota Makassar',
    nameEn: 'One-Stop Investment and Integrated Services Office, City of Makassar',
    units: [
      {
        code: 'mpp-makassar',
        nameId: 'Mal Pelayanan Publik Kota Makassar',
        nameEn: 'Makassar Public Service Mall',
        streetAddress: 'Jl. Ahmad Yani No. 2',
        regionCode: '73.71',
        postalCode: '90111',
        timeZone: 'Asia/Makassar',
        openingHours: MALL_HOURS,
        latitude: -5.1342,
        longitude: 119.4124,
      },
    ],
  },
  {
    code: 'disdukcapil-kota-jayapura',
    level: 'city',
    regionCode: '91.71',
    nameId: 'Dinas Kependudukan dan Pencatatan Sipil Kota Jayapura',
    nameEn: 'Population and Civil Registration Office, City of Jayapura',
    units: [
      {
        code: 'kantor-dinas',
        nameId: 'Kantor Disdukcapil Kota Jayapura',
        nameEn: 'Jayapura Civil Registry Office',
        streetAddress: 'Jl. Balai Kota, Entrop',
        regionCode: '91.71',
        postalCode: '99224',
        timeZone: 'Asia/Jayapura',
        openingHours: WEEKDAYS,
        latitude: -2.5647,
        longitude: 140.7151,
      },
    ],
  },
  // A vertical (national) institution's regional command: listed at the level of the city it serves.
  {
    code: 'polrestabes-makassar',
    level: 'city',
    regionCode: '73.71',
    nameId: 'Kepolisian Resor Kota Besar Makassar',
    nameEn: 'Makassar Metropolitan Police',
    units: [
      {
        code: 'gerai-skck',
        nameId: 'Gerai SKCK Polrestabes Makassar',
        nameEn: 'Makassar Police Clearance Office',
        streetAddress: 'Jl. Jenderal Ahmad Yani No. 9',
        regionCode: '73.71',
        postalCode: '90111',
        timeZone: 'Asia/Makassar',
        openingHours: [
          { days: [1, 2, 3, 4, 5], opens: '08:00', closes: '15:00' },
          { days: [6], opens: '08:00', closes: '12:00' },
        ],
        latitude: -5.1361,
        longitude: 119.4146,
      },
    ],
  },
  {
    code: 'dinsos-kota-surabaya',
    level: 'city',
    regionCode: '35.78',
    nameId: 'Dinas Sosial Kota Surabaya',
    nameEn: 'Social Affairs Office, City of Surabaya',
    units: [
      {
        code: 'kantor-dinas',
        nameId: 'Kantor Dinas Sosial Kota Surabaya',
        nameEn: 'Surabaya Social Affairs Office',
        streetAddress: 'Jl. Arief Rachman Hakim No. 131–133',
        regionCode: '35.78',
        postalCode: '60117',
        timeZone: 'Asia/Jakarta',
        openingHours: WEEKDAYS,
        latitude: -7.2889,
        longitude: 112.7813,
      },
    ],
  },
  {
    code: 'dinkes-provinsi-jawa-timur',
    level: 'provincial',
    regionCode: '35',
    nameId: 'Dinas Kesehatan Provinsi Jawa Timur',
    nameEn: 'Health Office, East Java Province',
    units: [
      {
        code: 'kantor-dinas',
        nameId: 'Kantor Dinas Kesehatan Provinsi Jawa Timur',
        nameEn: 'East Java Health Office',
        streetAddress: 'Jl. Ahmad Yani No. 118',
        regionCode: '35.78',
        postalCode: '60231',
        timeZone: 'Asia/Jakarta',
        openingHours: WEEKDAYS,
        latitude: -7.3275,
        longitude: 112.7316,
      },
    ],
  },
  // Providers of data products in the exchange (issue 10): they hold registries, they run no counter.
  {
    code: 'kementerian-sosial',
    level: 'national',
    regionCode: null,
    nameId: 'Kementerian Sosial',
    nameEn: 'Ministry of Social Affairs',
    units: [],
  },
  {
    code: 'bpjs-kesehatan',
    level: 'national',
    regionCode: null,
    nameId: 'BPJS Kesehatan',
    nameEn: 'Social Security Agency for Health (BPJS Kesehatan)',
    units: [],
  },
];

/** Idempotent: running it twice leaves the same data. */
export async function seedDemoCatalogue(repository: CatalogueRepository): Promise<{ agencies: number; units: number; services: number }> {
  await repository.upsertRegions(DEMO_REGIONS);
  let units = 0;
  const agencyIds = new Map<string, string>();
  for (const { units: agencyUnits, ...agency } of DEMO_AGENCIES) {
    const agencyId = await repository.upsertAgency(agency);
    agencyIds.set(agency.code, agencyId);
    for (const unit of agencyUnits) {
      await repository.upsertUnit({ ...unit, agencyId, openingHours: JSON.stringify(unit.openingHours) });
      units += 1;
    }
  }
  for (const service of DEMO_SERVICES) await seedService(repository.services, service, agencyIds);
  return { agencies: DEMO_AGENCIES.length, units, services: DEMO_SERVICES.length };
}

export const DEMO_SERVICES: readonly DemoService[] = [
  KTP_EL_REPLACEMENT,
  BIRTH_CERTIFICATE,
  MOVING_CERTIFICATE,
  NIB_MICRO_BUSINESS,
  BUILDING_APPROVAL,
  POLICE_CLEARANCE,
  SOCIAL_REGISTRY,
  HEALTH_INSURANCE_PBI,
  SOCIAL_ASSISTANCE,
];

/** Publishes version 1 of a demo service unless the service exists. Refuses a demo service that could not be published. */
async function seedService(services: ServiceRepository, demo: DemoService, agencyIds: ReadonlyMap<string, string>): Promise<void> {
  if (await services.findServiceByCode(demo.code)) return;
  const agency = DEMO_AGENCIES.find((candidate) => candidate.code === demo.agencyCode);
  const agencyId = agencyIds.get(demo.agencyCode);
  if (!agency || !agencyId) throw new Error(`demo service ${demo.code}: unknown agency ${demo.agencyCode}`);
  const problems = publishProblems(demo);
  if (problems.length > 0) throw new Error(`demo service ${demo.code} is incomplete: ${JSON.stringify(problems)}`);
  const serviceId = await services.insertService({ agencyId, code: demo.code });
  if (!serviceId) return;
  await services.insertVersion({
    serviceId,
    version: 1,
    status: 'published',
    publishedAt: new Date(),
    nameId: demo.nameId,
    nameEn: demo.nameEn,
    summaryId: demo.summaryId,
    summaryEn: demo.summaryEn,
    lifeEvents: demo.lifeEvents,
    applicantTypes: demo.applicantTypes,
    channels: demo.channels,
    priorityGroups: demo.priorityGroups,
    timeLimitWorkingDays: demo.standard.timeLimit.workingDays,
    costAmount: demo.standard.cost.kind === 'paid' ? demo.standard.cost.amount : 0,
    standard: JSON.stringify(demo.standard),
    form: JSON.stringify(demo.form),
    workflow: JSON.stringify(demo.workflow),
    outputTemplate: null,
    searchText: buildSearchText({
      ...demo,
      lifeEventLabels: lifeEventLabels(demo.lifeEvents),
      agencyNameId: agency.nameId,
      agencyNameEn: agency.nameEn,
    }),
    createdBy: null,
  });
}
