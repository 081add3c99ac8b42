import type { Field, FormSchema, LocalizedText } from '../../../platform/forms/form-schema.ts';
import type { ChecklistItem, WorkflowDefinition } from '../../workflow/workflow.schema.ts';
import type { ServiceStandard } from '../catalogue.standard.ts';
import type { ApplicantType, PriorityGroup, ServiceChannel } from '../catalogue.tables.ts';
import type { LifeEvent } from '../catalogue.vocabulary.ts';

// Building blocks of the demo services: bilingual text, the form fields every service asks for, and
// the management components that read alike across agencies (each service names its own agency).

export interface DemoService {
  agencyCode: string;
  code: string;
  nameId: string;
  nameEn: string;
  summaryId: string;
  summaryEn: string;
  lifeEvents: LifeEvent[];
  applicantTypes: ApplicantType[];
  channels: ServiceChannel[];
  priorityGroups: PriorityGroup[];
  /** How the agency works applications (validated against the form by the catalogue tests). */
  workflow: WorkflowDefinition;
  standard: ServiceStandard;
  form: FormSchema;
}

export const L = (id: string, en: string): LocalizedText => ({ id, en });

/** A checklist item of a workflow step. */
export const check = (id: string, labelId: string, labelEn: string): ChecklistItem => ({ id, label: L(labelId, labelEn) });

/** UU 25/2009 and PermenPANRB 15/2014 apply to every public service. */
export const PUBLIC_SERVICE_LAW = [
  L('Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik', 'Law 25 of 2009 on Public Services'),
  L(
    'Peraturan Menteri PANRB Nomor 15 Tahun 2014 tentang Pedoman Standar Pelayanan',
    'Regulation of the Minister for Administrative and Bureaucratic Reform 15 of 2014 on Service Standard Guidelines',
  ),
];

/** Population documents are free by law (UU 24/2013, art. 79A). */
export const ADMINDUK_LAW = [
  L(
    'Undang-Undang Nomor 23 Tahun 2006 tentang Administrasi Kependudukan sebagaimana telah diubah dengan Undang-Undang Nomor 24 Tahun 2013',
    'Law 23 of 2006 on Population Administration, as amended by Law 24 of 2013',
  ),
  L(
    'Peraturan Presiden Nomor 96 Tahun 2018 tentang Persyaratan dan Tata Cara Pendaftaran Penduduk dan Pencatatan Sipil',
    'Presidential Regulation 96 of 2018 on the Requirements and Procedures for Population Registration and Civil Registration',
  ),
  L(
    'Peraturan Menteri Dalam Negeri Nomor 108 Tahun 2019 tentang Peraturan Pelaksanaan Peraturan Presiden Nomor 96 Tahun 2018',
    'Regulation of the Minister of Home Affairs 108 of 2019 implementing Presidential Regulation 96 of 2018',
  ),
];

export const FREE_BY_ADMINDUK_LAW = {
  kind: 'free' as const,
  legalBasis: L('Pasal 79A Undang-Undang Nomor 24 Tahun 2013', 'Article 79A of Law 24 of 2013'),
};

export function complaintChannel(agency: LocalizedText, phone: string, email: string): ServiceStandard['complaintChannel'] {
  return {
    description: L(
      `Sampaikan pengaduan, saran, atau masukan tentang layanan ini melalui menu Pengaduan di Loket, SP4N-LAPOR!, kotak saran di kantor layanan, atau langsung ke ${agency.id}. Identitas pelapor dirahasiakan. Pengaduan diverifikasi paling lambat 3 hari kerja dan ditindaklanjuti sesuai ketentuan.`,
      `Send complaints, suggestions or input about this service through Complaints on Loket, SP4N-LAPOR!, the suggestion box at the office, or directly to the ${agency.en}. The identity of the person reporting is protected. Complaints are verified within 3 working days and followed up as the rules require.`,
    ),
    channels: [
      { label: L('SP4N-LAPOR!', 'SP4N-LAPOR!'), contact: 'https://www.lapor.go.id' },
      { label: L('SMS LAPOR!', 'LAPOR! by SMS'), contact: '1708' },
      { label: L('Telepon', 'Telephone'), contact: phone },
      { label: L('Surel', 'E-mail'), contact: email },
    ],
  };
}

/** Components 8–14 as most agencies write them; a service overrides what is specific to it. */
export function management(
  agency: LocalizedText,
  staff: number,
): Pick<
  ServiceStandard,
  'facilities' | 'staffCompetence' | 'internalSupervision' | 'staffCount' | 'serviceGuarantee' | 'securityGuarantee' | 'performanceEvaluation'
> {
  return {
    facilities: {
      general: L(
        'Ruang tunggu berpendingin dengan kursi, nomor antrean elektronik, loket pelayanan, toilet, musala, area parkir, air minum, dan Wi-Fi gratis. Layanan daring tersedia 24 jam di Loket.',
        'An air-conditioned waiting room with seats, electronic queue numbers, service counters, toilets, a prayer room, parking, drinking water and free Wi-Fi. The online service is available 24 hours a day on Loket.',
      ),
      vulnerableGroups: L(
        'Loket prioritas, kursi roda, jalur landai (ram), toilet untuk penyandang disabilitas, ruang laktasi, area bermain anak, dan petugas pendamping bagi lansia dan penyandang disabilitas.',
        'A priority counter, wheelchairs, ramps, accessible toilets, a nursing room, a children’s play area, and staff who accompany older and disabled people.',
      ),
    },
    staffCompetence: L(
      `Pelaksana adalah aparatur ${agency.id} yang memahami peraturan layanan ini, mampu mengoperasikan sistem informasi, dan telah mengikuti pelatihan pelayanan prima.`,
      `Staff are officers of the ${agency.en} who know the rules of this service, can operate the information systems, and have been trained in service excellence.`,
    ),
    internalSupervision: L(
      'Pengawasan melekat oleh atasan langsung setiap hari, pengawasan fungsional oleh Inspektorat, serta pemantauan batas waktu layanan secara otomatis di Loket.',
      'Daily supervision by line managers, functional oversight by the Inspectorate, and automatic monitoring of service time limits on Loket.',
    ),
    staffCount: {
      count: staff,
      description: L('Petugas loket, verifikator, dan pejabat penandatangan.', 'Counter officers, verifiers and the signing official.'),
    },
    serviceGuarantee: L(
      `${agency.id} menjamin layanan diberikan sesuai standar pelayanan ini dan telah menetapkan maklumat pelayanan. Jika jangka waktu terlampaui, Anda dapat menyampaikan pengaduan dan permohonan Anda didahulukan.`,
      `The ${agency.en} guarantees that the service is delivered to this standard and has issued a service pledge. If the time limit is exceeded, you may complain and your application is given priority.`,
    ),
    securityGuarantee: L(
      'Data pribadi Anda dilindungi sesuai Undang-Undang Nomor 27 Tahun 2022 tentang Pelindungan Data Pribadi: disimpan terenkripsi, hanya diakses petugas yang berwenang, dan setiap aksesnya dicatat. Kantor layanan dilengkapi CCTV, alat pemadam kebakaran, dan jalur evakuasi.',
      'Your personal data is protected under Law 27 of 2022 on Personal Data Protection: stored encrypted, read only by authorised staff, and every access logged. Offices have CCTV, fire extinguishers and evacuation routes.',
    ),
    performanceEvaluation: L(
      'Kinerja pelaksana dievaluasi setiap tiga bulan oleh pimpinan, berdasarkan ketepatan waktu, hasil survei kepuasan masyarakat (SKM), dan tindak lanjut pengaduan.',
      'Staff performance is evaluated every three months by management, on timeliness, the public satisfaction survey (SKM) and the follow-up of complaints.',
    ),
  };
}

// Fields that recur across forms.

export const applicantNik = (): Field => ({
  type: 'nik',
  name: 'nik',
  label: L('NIK pemohon', 'Applicant’s NIK'),
  hint: L('16 angka yang tertera di KTP-el atau kartu keluarga.', 'The 16 digits on the e-ID card or the family card.'),
  required: true,
  prefill: 'nik',
});

export const applicantName = (): Field => ({
  type: 'text',
  name: 'fullName',
  label: L('Nama lengkap', 'Full name'),
  hint: L('Sesuai KTP-el.', 'As on the e-ID card.'),
  required: true,
  maxLength: 120,
  prefill: 'fullName',
});

export const applicantPhone = (): Field => ({
  type: 'phone',
  name: 'phone',
  label: L('Nomor ponsel', 'Mobile number'),
  hint: L('Kami mengirim kabar tentang permohonan ke nomor ini.', 'We send news about the application to this number.'),
  required: true,
  prefill: 'phone',
});

export const familyCardNumber = (): Field => ({
  type: 'text',
  name: 'kkNumber',
  label: L('Nomor kartu keluarga (KK)', 'Family card (KK) number'),
  hint: L('16 angka di bagian atas kartu keluarga.', 'The 16 digits at the top of the family card.'),
  required: true,
  minLength: 16,
  maxLength: 16,
  pattern: '[0-9]{16}',
});

interface UploadOptions {
  required?: boolean;
  hint?: LocalizedText;
  /** Photos only (JPEG, PNG); the default also takes PDF. */
  images?: boolean;
  /** PDF only, for drawings and scanned documents. */
  pdf?: boolean;
  maxFiles?: number;
  maxSizeBytes?: number;
}

export function upload(name: string, label: LocalizedText, requirement: string, options: UploadOptions = {}): Field {
  const accept: ('application/pdf' | 'image/jpeg' | 'image/png')[] = options.pdf
    ? ['application/pdf']
    : options.images
      ? ['image/jpeg', 'image/png']
      : ['application/pdf', 'image/jpeg', 'image/png'];
  return {
    type: 'file',
    name,
    label,
    ...(options.hint ? { hint: options.hint } : {}),
    required: options.required ?? true,
    accept,
    maxSizeBytes: options.maxSizeBytes ?? 5 * 1024 * 1024,
    maxFiles: options.maxFiles ?? 2,
    requirement,
  };
}

export const declarationPage = () => ({
  id: 'pernyataan',
  title: L('Pernyataan', 'Declaration'),
  fields: [
    {
      type: 'checkboxes' as const,
      name: 'declaration',
      label: L('Pernyataan pemohon', 'Applicant’s declaration'),
      required: true,
      options: [
        {
          value: 'true',
          label: L(
            'Saya menyatakan data yang saya isi benar. Saya memahami bahwa keterangan palsu dapat dikenai sanksi pidana.',
            'I declare that the information I gave is true. I understand that false statements can be punished under criminal law.',
          ),
        },
      ],
    },
  ],
});
