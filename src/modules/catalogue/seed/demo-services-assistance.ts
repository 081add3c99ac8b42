import {
  applicantName,
  applicantNik,
  applicantPhone,
  check,
  complaintChannel,
  type DemoService,
  declarationPage,
  L,
  management,
  PUBLIC_SERVICE_LAW,
  upload,
} from './demo-common.ts';

// Social assistance whose proof of registration in the social registry (DTSEN) is fetched once-only
// from the Ministry of Social Affairs' data product, with the applicant's consent, instead of being
// uploaded. The data product and its consumers are seeded by the exchange module (exchange.seed.ts).

const DINSOS_SURABAYA = L('Dinas Sosial Kota Surabaya', 'Social Affairs Office of the City of Surabaya');

/** The requirement id the form's fallback upload names. */
export const DTSEN_REQUIREMENT = 'bukti-dtsen';

export const SOCIAL_ASSISTANCE: DemoService = {
  agencyCode: 'dinsos-kota-surabaya',
  code: 'bantuan-sosial-kota-surabaya',
  nameId: 'Permohonan Bantuan Permakanan',
  nameEn: 'Applying for Meal Assistance (Permakanan)',
  summaryId: 'Makanan siap saji diantar setiap hari bagi lansia, penyandang disabilitas, dan anak yatim dari keluarga tidak mampu.',
  summaryEn: 'Daily ready-to-eat meals for older people, disabled people and orphans from low-income households.',
  lifeEvents: ['social'],
  applicantTypes: ['citizen'],
  channels: ['online', 'counter'],
  priorityGroups: ['elderly', 'disabled'],
  workflow: {
    schemaVersion: 1,
    steps: [
      {
        id: 'check-eligibility',
        title: L('Periksa kelayakan', 'Check eligibility'),
        responsible: { role: 'officer', unitCode: 'kantor-dinas' },
        shareOfTimeLimit: 40,
        checklist: [
          check('dtsen-verified', 'Kepesertaan DTSEN terverifikasi', 'DTSEN membership is verified'),
          check('beneficiary-fits', 'Penerima termasuk kelompok sasaran', 'The beneficiary is in a target group'),
        ],
        actions: ['advance', 'request_information', 'forward'],
      },
      {
        id: 'decide-permakanan',
        title: L('Penetapan penerima permakanan', 'Decision on meal assistance'),
        responsible: { role: 'supervisor', unitCode: 'kantor-dinas' },
        shareOfTimeLimit: 40,
        checklist: [],
        actions: ['approve', 'reject', 'request_information'],
      },
      {
        id: 'schedule-meals',
        title: L('Jadwalkan pengantaran makanan', 'Schedule the meal deliveries'),
        responsible: { role: 'officer', unitCode: 'kantor-dinas' },
        shareOfTimeLimit: 20,
        checklist: [check('route-planned', 'Penerima masuk rute pengantaran', 'The beneficiary is on a delivery route')],
        actions: ['issue'],
      },
    ],
  },
  standard: {
    requirements: [
      { id: 'ktp-el', kind: 'data', label: L('NIK sesuai KTP-el', 'NIK as on the KTP-el') },
      {
        id: DTSEN_REQUIREMENT,
        kind: 'document',
        label: L('Bukti terdaftar di DTSEN', 'Proof of registration in the DTSEN'),
        description: L(
          'Dengan persetujuan Anda, Loket mengambil data ini langsung dari Kementerian Sosial. Jika Anda tidak setuju, unggah surat keterangan terdaftar dari kelurahan.',
          'With your consent, Loket fetches this directly from the Ministry of Social Affairs. If you do not agree, upload a registration letter from your kelurahan.',
        ),
        fetchableFrom: 'dtsen-kepesertaan',
        fetch: {
          product: 'dtsen-kepesertaan',
          purpose: 'social_assistance',
          legalBasis: L('Undang-Undang Nomor 13 Tahun 2011 tentang Penanganan Fakir Miskin, Pasal 11', 'Law 13 of 2011 on Handling the Poor, article 11'),
          fields: ['registered', 'decile', 'programmes', 'updatedAt'],
          consentMonths: 12,
        },
      },
    ],
    procedure: [
      { title: L('Ajukan permohonan', 'Apply'), description: L('Isi formulir di Loket atau di kelurahan.', 'Fill in the form on Loket or at the kelurahan.') },
      {
        title: L('Pemeriksaan kelayakan', 'Eligibility check'),
        description: L('Petugas memeriksa kepesertaan DTSEN dan kondisi penerima.', 'An officer checks DTSEN membership and the beneficiary’s situation.'),
      },
      { title: L('Penetapan', 'Decision'), description: L('Kepala bidang menetapkan penerima.', 'The head of division decides.') },
    ],
    timeLimit: {
      workingDays: 10,
      explanation: L('Makanan mulai diantar pada bulan berikutnya setelah ditetapkan.', 'Meals are delivered from the month after the decision.'),
    },
    cost: { kind: 'free', legalBasis: L('Bantuan permakanan tidak dipungut biaya', 'Meal assistance is free of charge') },
    product: {
      name: L('Penetapan penerima bantuan permakanan', 'Decision on meal assistance'),
      description: L(
        'Surat penetapan dan jadwal pengantaran makanan ke rumah penerima.',
        'A decision letter and the schedule of meal deliveries to the beneficiary’s home.',
      ),
    },
    complaintChannel: complaintChannel(DINSOS_SURABAYA, '(031) 420 0007', 'pengaduan@dinsos.surabaya.demo.loket.test'),
    legalBasis: [
      L('Undang-Undang Nomor 13 Tahun 2011 tentang Penanganan Fakir Miskin', 'Law 13 of 2011 on Handling the Poor'),
      L(
        'Instruksi Presiden Nomor 4 Tahun 2025 tentang Data Tunggal Sosial dan Ekonomi Nasional',
        'Presidential Instruction 4 of 2025 on the Single National Social and Economic Data',
      ),
      ...PUBLIC_SERVICE_LAW,
    ],
    ...management(DINSOS_SURABAYA, 12),
    eligibility: L(
      'Warga Kota Surabaya yang terdaftar di DTSEN: lansia, penyandang disabilitas, atau anak yatim.',
      'Residents of Surabaya registered in the DTSEN: older people, disabled people or orphans.',
    ),
  },
  form: {
    schemaVersion: 1,
    pages: [
      { id: 'pemohon', title: L('Data pemohon', 'About you'), fields: [applicantNik(), applicantName(), applicantPhone()] },
      {
        id: 'penerima',
        title: L('Penerima bantuan', 'The beneficiary'),
        fields: [
          {
            type: 'radios',
            name: 'beneficiaryGroup',
            label: L('Penerima termasuk kelompok mana?', 'Which group is the beneficiary in?'),
            required: true,
            options: [
              { value: 'lansia', label: L('Lansia (60 tahun ke atas)', 'Older person (60 or over)') },
              { value: 'disabilitas', label: L('Penyandang disabilitas', 'Disabled person') },
              { value: 'yatim', label: L('Anak yatim atau piatu', 'Orphan') },
            ],
          },
          {
            type: 'text',
            name: 'disabilityDetails',
            label: L('Jenis disabilitas', 'Kind of disability'),
            required: false,
            maxLength: 200,
            showWhen: { field: 'beneficiaryGroup', equals: ['disabilitas'] },
          },
          { type: 'address', name: 'deliveryAddress', label: L('Alamat pengantaran makanan', 'Meal delivery address'), required: true },
        ],
      },
      {
        id: 'dtsen',
        title: L('Bukti terdaftar di DTSEN', 'Proof of registration in the DTSEN'),
        fields: [
          upload('dtsenProof', L('Surat keterangan terdaftar di DTSEN', 'Letter confirming registration in the DTSEN'), DTSEN_REQUIREMENT, {
            required: false,
            hint: L(
              'Wajib jika data tidak diambil dari Kementerian Sosial. Minta suratnya di kelurahan.',
              'Required if the data is not fetched from the Ministry of Social Affairs. Ask your kelurahan for the letter.',
            ),
          }),
        ],
      },
      declarationPage(),
    ],
  },
};
