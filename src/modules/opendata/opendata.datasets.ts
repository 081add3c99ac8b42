import { ALL_MESSAGES } from '../../platform/i18n/index.ts';
import type { PublishedServicesReader } from '../catalogue/catalogue.open-data.ts';
import type { ServiceVersion } from '../catalogue/catalogue.service.ts';
import type { Requirement } from '../catalogue/catalogue.standard.ts';
import { APPLICANT_TYPES, CHANNELS, LIFE_EVENTS } from '../catalogue/catalogue.vocabulary.ts';
import type { PublicComplaintsReader } from '../complaints/complaints.open-data.ts';
import { COMPLAINT_KINDS, COMPLAINT_STATUSES } from '../complaints/complaints.tables.ts';
import { type Bilingual, type Column, type Dataset, keysetPages } from './opendata.registry.ts';

// The datasets Loket publishes. Each is metadata, documented columns and a row source from the
// owning module's reader; adding one is a definition here and a line in opendata.module.ts.

/** Rows read per query: large enough for few round trips, small enough to hold in memory. */
export const PAGE_SIZE = 1_000;

export const KEMENDAGRI_REGIONS = {
  name: 'Kode wilayah Kemendagri (Permendagri 72/2019 dan perubahannya)',
  url: 'https://kodewilayah.id/',
} as const;

export const PLATFORM_PUBLISHER: Bilingual = { id: ALL_MESSAGES.id['opendata.publisher'], en: ALL_MESSAGES.en['opendata.publisher'] };

const listText = (items: readonly string[]) => items.join('\n');
const numbered = (items: readonly string[]) => listText(items.map((item, index) => `${index + 1}. ${item}`));

function requirementText(requirements: readonly Requirement[], locale: 'id' | 'en') {
  return numbered(requirements.map((requirement) => requirement.label[locale]));
}

const serviceColumns: Column[] = [
  {
    name: 'service_code',
    type: 'string',
    description: { id: 'Kode layanan, tetap (seperti di /services/<kode>).', en: 'Service code, stable (as in /services/<code>).' },
  },
  { name: 'version', type: 'integer', description: { id: 'Nomor versi standar yang berlaku.', en: 'Number of the standard version in force.' } },
  { name: 'published_at', type: 'datetime', description: { id: 'Waktu versi ini diterbitkan.', en: 'When this version was published.' } },
  { name: 'agency_code', type: 'string', description: { id: 'Kode instansi penyelenggara.', en: 'Code of the agency that provides the service.' } },
  { name: 'agency_name_id', type: 'string', description: { id: 'Nama instansi (bahasa Indonesia).', en: 'Agency name (Indonesian).' } },
  { name: 'agency_name_en', type: 'string', description: { id: 'Nama instansi (bahasa Inggris).', en: 'Agency name (English).' } },
  { name: 'name_id', type: 'string', description: { id: 'Nama layanan (bahasa Indonesia).', en: 'Service name (Indonesian).' } },
  { name: 'name_en', type: 'string', description: { id: 'Nama layanan (bahasa Inggris).', en: 'Service name (English).' } },
  { name: 'summary_id', type: 'string', description: { id: 'Ringkasan (bahasa Indonesia).', en: 'Summary (Indonesian).' } },
  { name: 'summary_en', type: 'string', description: { id: 'Ringkasan (bahasa Inggris).', en: 'Summary (English).' } },
  {
    name: 'applicant_types',
    type: 'string',
    description: {
      id: `Siapa yang dapat mengajukan, dipisah titik koma: ${APPLICANT_TYPES.join(', ')}.`,
      en: `Who may apply, separated by semicolons: ${APPLICANT_TYPES.join(', ')}.`,
    },
  },
  {
    name: 'channels',
    type: 'string',
    description: {
      id: `Saluran pengajuan, dipisah titik koma: ${CHANNELS.join(', ')}.`,
      en: `Channels to apply through, separated by semicolons: ${CHANNELS.join(', ')}.`,
    },
  },
  {
    name: 'life_events',
    type: 'string',
    description: {
      id: `Peristiwa hidup, dipisah titik koma: ${LIFE_EVENTS.join(', ')}.`,
      en: `Life events, separated by semicolons: ${LIFE_EVENTS.join(', ')}.`,
    },
  },
  {
    name: 'requirements_id',
    type: 'string',
    nullable: true,
    description: {
      id: 'Standar 1, persyaratan: daftar bernomor, satu per baris.',
      en: 'Standard 1, requirements (Indonesian): a numbered list, one per line.',
    },
  },
  {
    name: 'requirements_en',
    type: 'string',
    nullable: true,
    description: { id: 'Standar 1, persyaratan (bahasa Inggris).', en: 'Standard 1, requirements (English).' },
  },
  {
    name: 'procedure_id',
    type: 'string',
    nullable: true,
    description: {
      id: 'Standar 2, sistem, mekanisme, dan prosedur: langkah bernomor, satu per baris.',
      en: 'Standard 2, procedure (Indonesian): numbered steps, one per line.',
    },
  },
  {
    name: 'procedure_en',
    type: 'string',
    nullable: true,
    description: { id: 'Standar 2, prosedur (bahasa Inggris).', en: 'Standard 2, procedure (English).' },
  },
  {
    name: 'time_limit_working_days',
    type: 'integer',
    unit: 'working days',
    description: {
      id: 'Standar 3, jangka waktu penyelesaian dalam hari kerja (0: hari yang sama).',
      en: 'Standard 3, time limit in working days (0: the same day).',
    },
  },
  {
    name: 'cost_kind',
    type: 'string',
    enum: ['free', 'paid', 'variable'],
    description: {
      id: 'Standar 4, biaya: free (gratis), paid (tarif tetap), variable (tergantung kasus).',
      en: 'Standard 4, cost: free, paid (a fixed tariff), variable (depends on the case).',
    },
  },
  {
    name: 'cost_amount',
    type: 'integer',
    unit: 'IDR',
    nullable: true,
    description: { id: 'Tarif tetap dalam rupiah; kosong bila gratis atau bervariasi.', en: 'Fixed tariff in rupiah; empty when free or variable.' },
  },
  { name: 'cost_legal_basis_id', type: 'string', nullable: true, description: { id: 'Dasar hukum biaya.', en: 'Legal basis of the cost (Indonesian).' } },
  { name: 'product_id', type: 'string', nullable: true, description: { id: 'Standar 5, produk layanan.', en: 'Standard 5, product (Indonesian).' } },
  {
    name: 'product_en',
    type: 'string',
    nullable: true,
    description: { id: 'Standar 5, produk layanan (bahasa Inggris).', en: 'Standard 5, product (English).' },
  },
  {
    name: 'complaint_channels',
    type: 'string',
    nullable: true,
    description: {
      id: 'Standar 6, penanganan pengaduan: saluran "nama: alamat", satu per baris.',
      en: 'Standard 6, complaint handling: channels as "label: address", one per line (Indonesian labels).',
    },
  },
  {
    name: 'legal_basis_id',
    type: 'string',
    nullable: true,
    description: { id: 'Standar 7, dasar hukum, satu per baris.', en: 'Standard 7, legal basis, one per line (Indonesian).' },
  },
];

/**
 * One service as a row. Published standards are complete (checked when published), but versions
 * stored before a component existed may lack it: a missing part is an empty cell, never a failed
 * export.
 */
function serviceRow(version: ServiceVersion) {
  const standard: Partial<ServiceVersion['standard']> = version.standard ?? {};
  const cost = standard.cost;
  const requirements = standard.requirements ?? [];
  const procedure = standard.procedure ?? [];
  return {
    service_code: version.code,
    version: version.version,
    published_at: version.publishedAt ?? version.createdAt,
    agency_code: version.agencyCode,
    agency_name_id: version.agencyNameId,
    agency_name_en: version.agencyNameEn,
    name_id: version.nameId,
    name_en: version.nameEn,
    summary_id: version.summaryId,
    summary_en: version.summaryEn,
    applicant_types: version.applicantTypes.join(';'),
    channels: version.channels.join(';'),
    life_events: version.lifeEvents.join(';'),
    requirements_id: requirementText(requirements, 'id'),
    requirements_en: requirementText(requirements, 'en'),
    procedure_id: numbered(procedure.map((step) => step.title.id)),
    procedure_en: numbered(procedure.map((step) => step.title.en)),
    // The version's own column: it drives the SLA clock, and it is always set.
    time_limit_working_days: version.timeLimitWorkingDays,
    cost_kind: cost?.kind ?? (version.costAmount > 0 ? 'paid' : 'free'),
    cost_amount: cost ? (cost.kind === 'paid' ? cost.amount : null) : version.costAmount > 0 ? version.costAmount : null,
    cost_legal_basis_id: cost?.legalBasis?.id ?? null,
    product_id: standard.product?.name.id ?? null,
    product_en: standard.product?.name.en ?? null,
    complaint_channels: listText((standard.complaintChannel?.channels ?? []).map((channel) => `${channel.label.id}: ${channel.contact}`)),
    legal_basis_id: listText((standard.legalBasis ?? []).map((basis) => basis.id)),
  };
}

/** (1) The service catalogue with the delivery components of each published service's standard. */
export function serviceCatalogueDataset(reader: PublishedServicesReader): Dataset {
  return {
    id: 'service-catalogue',
    title: { id: 'Katalog layanan publik dan standar pelayanan', en: 'Public service catalogue and service standards' },
    description: {
      id: 'Setiap layanan yang diterbitkan di Loket dengan standar pelayanan yang berlaku (UU 25/2009, PermenPANRB 15/2014): persyaratan, prosedur, jangka waktu, biaya, produk, dan penanganan pengaduan. Satu baris per layanan, versi terbit terakhir.',
      en: 'Every service published on Loket with the service standard in force (UU 25/2009, PermenPANRB 15/2014): requirements, procedure, time limit, cost, product and complaint handling. One row per service, the latest published version.',
    },
    keywords: [
      { id: 'layanan publik', en: 'public services' },
      { id: 'standar pelayanan', en: 'service standards' },
      { id: 'katalog', en: 'catalogue' },
    ],
    publisher: PLATFORM_PUBLISHER,
    updateFrequency: 'CONT',
    temporalCoverage: { id: 'Layanan yang berlaku saat diunduh.', en: 'The services in force at download time.' },
    columns: serviceColumns,
    rows: () =>
      mapRows(
        keysetPages(
          (after: string | undefined) => reader.page(after, PAGE_SIZE),
          (version) => version.code,
          PAGE_SIZE,
        ),
        serviceRow,
      ),
    async version() {
      const { fingerprint, lastPublishedAt } = await reader.version();
      return { tag: fingerprint, lastModified: lastPublishedAt };
    },
  };
}

const complaintColumns: Column[] = [
  {
    name: 'tracking_id',
    type: 'string',
    description: { id: 'Nomor pelacakan laporan, sama dengan halaman publiknya.', en: "The report's tracking id, as on its public page." },
  },
  {
    name: 'kind',
    type: 'string',
    enum: COMPLAINT_KINDS,
    description: {
      id: 'Jenis: complaint (pengaduan), aspiration (aspirasi), information_request (permintaan informasi).',
      en: 'Kind: complaint, aspiration, information_request.',
    },
  },
  { name: 'category_code', type: 'string', description: { id: 'Kode kategori.', en: 'Category code.' } },
  { name: 'category_name_id', type: 'string', description: { id: 'Nama kategori.', en: 'Category name (Indonesian).' } },
  { name: 'category_name_en', type: 'string', description: { id: 'Nama kategori (bahasa Inggris).', en: 'Category name (English).' } },
  {
    name: 'status',
    type: 'string',
    enum: COMPLAINT_STATUSES.filter((status) => status !== 'unverified'),
    description: {
      id: 'Status SP4N-LAPOR!: not_followed_up (belum ditindaklanjuti), in_process (diproses), done (selesai), closed (ditutup), archived (arsip), postponed (tertunda).',
      en: 'SP4N-LAPOR! status: not_followed_up, in_process, done, closed, archived, postponed.',
    },
  },
  { name: 'agency_code', type: 'string', nullable: true, description: { id: 'Kode instansi yang menangani.', en: 'Code of the handling agency.' } },
  { name: 'agency_name_id', type: 'string', nullable: true, description: { id: 'Nama instansi yang menangani.', en: 'Handling agency name (Indonesian).' } },
  { name: 'agency_name_en', type: 'string', nullable: true, description: { id: 'Nama instansi (bahasa Inggris).', en: 'Handling agency name (English).' } },
  {
    name: 'region_code',
    type: 'string',
    nullable: true,
    referenceCode: KEMENDAGRI_REGIONS,
    description: {
      id: 'Kode wilayah kejadian (provinsi, kabupaten/kota, kecamatan, atau desa).',
      en: 'Region code of the place (province, regency/city, district or village).',
    },
  },
  {
    name: 'province_code',
    type: 'string',
    nullable: true,
    referenceCode: KEMENDAGRI_REGIONS,
    description: { id: 'Kode provinsi dari region_code, untuk pengelompokan.', en: 'Province code taken from region_code, for grouping.' },
  },
  { name: 'filed_on', type: 'date', description: { id: 'Tanggal laporan masuk.', en: 'Date the report was filed.' } },
  { name: 'responded_on', type: 'date', nullable: true, description: { id: 'Tanggal instansi menjawab.', en: 'Date the agency answered.' } },
  { name: 'closed_on', type: 'date', nullable: true, description: { id: 'Tanggal laporan ditutup.', en: 'Date the report was closed.' } },
  {
    name: 'days_to_respond',
    type: 'integer',
    unit: 'days',
    nullable: true,
    description: {
      id: 'Hari kalender dari laporan masuk sampai dijawab; kosong bila belum dijawab.',
      en: 'Calendar days from filing to the answer; empty while unanswered.',
    },
  },
  {
    name: 'rating',
    type: 'integer',
    nullable: true,
    description: { id: 'Penilaian pelapor atas jawaban, 1 sampai 5.', en: "The reporter's rating of the answer, 1 to 5." },
  },
  {
    name: 'reported_by',
    type: 'integer',
    unit: 'people',
    personCount: true,
    description: {
      id: 'Jumlah orang yang melaporkan hal yang sama (laporan digabung dan "saya juga").',
      en: 'People who reported the same (merged reports and "me too").',
    },
  },
];

const DAY_MS = 86_400_000;

/** (2) Public complaints: no personal data; secret and anonymous reports left out. */
export function publicComplaintsDataset(reader: PublicComplaintsReader, clock: () => Date = () => new Date()): Dataset {
  return {
    id: 'public-complaints',
    title: { id: 'Pengaduan publik', en: 'Public complaints' },
    description: {
      id: 'Laporan pengaduan, aspirasi, dan permintaan informasi yang terbuka untuk publik, tanpa data pribadi: tanpa judul, isi, alamat, atau titik lokasi. Laporan rahasia dan anonim tidak dimuat. Satu baris per laporan.',
      en: 'Complaints, aspirations and information requests open to the public, without personal data: no title, text, address or map point. Secret and anonymous reports are left out. One row per report.',
    },
    keywords: [
      { id: 'pengaduan', en: 'complaints' },
      { id: 'SP4N-LAPOR!', en: 'SP4N-LAPOR!' },
      { id: 'akuntabilitas', en: 'accountability' },
    ],
    publisher: PLATFORM_PUBLISHER,
    updateFrequency: 'CONT',
    temporalCoverage: { id: 'Sejak laporan pertama di Loket sampai saat diunduh.', en: 'From the first report on Loket to download time.' },
    columns: complaintColumns,
    rows: () => {
      const now = clock();
      return mapRows(
        keysetPages(
          (after: { createdAt: Date; id: string } | undefined) => reader.page(after, PAGE_SIZE, now),
          (row) => row.key,
          PAGE_SIZE,
        ),
        ({ summary }) => ({
          tracking_id: summary.trackingId,
          kind: summary.kind,
          category_code: summary.category.code,
          category_name_id: summary.category.name.id,
          category_name_en: summary.category.name.en,
          status: summary.status,
          agency_code: summary.agency?.code ?? null,
          agency_name_id: summary.agency?.name.id ?? null,
          agency_name_en: summary.agency?.name.en ?? null,
          region_code: summary.place.regionCode,
          province_code: summary.place.regionCode?.slice(0, 2) ?? null,
          filed_on: summary.createdAt,
          responded_on: summary.respondedAt,
          closed_on: summary.closedAt,
          days_to_respond: summary.respondedAt ? Math.max(0, Math.floor((summary.respondedAt.getTime() - summary.createdAt.getTime()) / DAY_MS)) : null,
          rating: summary.rating,
          reported_by: summary.reportedBy,
        }),
      );
    },
  };
}

async function* mapRows<T>(rows: AsyncIterable<T>, map: (row: T) => Record<string, unknown>): AsyncIterable<Record<string, unknown>> {
  for await (const row of rows) yield map(row);
}
