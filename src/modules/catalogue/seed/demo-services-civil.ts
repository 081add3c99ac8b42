import { birthCertificateWorkflow } from '../../workflow/workflow.examples.ts';
import {
  ADMINDUK_LAW,
  applicantName,
  applicantNik,
  applicantPhone,
  check,
  complaintChannel,
  type DemoService,
  declarationPage,
  FREE_BY_ADMINDUK_LAW,
  familyCardNumber,
  L,
  management,
  PUBLIC_SERVICE_LAW,
  upload,
} from './demo-common.ts';

// Civil registration services of three Disdukcapil offices. Population documents are free of charge
// by law (UU 24/2013, art. 79A). Contact details are illustrative.

const BANDUNG = L('Dinas Kependudukan dan Pencatatan Sipil Kota Bandung', 'Population and Civil Registration Office of the City of Bandung');
const SLEMAN = L('Dinas Kependudukan dan Pencatatan Sipil Kabupaten Sleman', 'Population and Civil Registration Office of Sleman Regency');
const JAYAPURA = L('Dinas Kependudukan dan Pencatatan Sipil Kota Jayapura', 'Population and Civil Registration Office of the City of Jayapura');

const KK_REQUIREMENT = {
  id: 'kk',
  kind: 'document' as const,
  label: L('Kartu keluarga (KK)', 'Family card (KK)'),
  description: L(
    'Tidak perlu diunggah jika Anda setuju datanya diambil dari database kependudukan.',
    'No need to upload it if you agree that it is fetched from the population database.',
  ),
  fetchableFrom: 'dukcapil.kk',
};

export const KTP_EL_REPLACEMENT: DemoService = {
  agencyCode: 'disdukcapil-kota-bandung',
  code: 'penggantian-ktp-el-kota-bandung',
  nameId: 'Penggantian KTP-el yang Rusak atau Hilang',
  nameEn: 'Replacing a Damaged or Lost e-ID Card (KTP-el)',
  summaryId: 'Cetak ulang KTP elektronik yang rusak, hilang, atau datanya berubah, bagi penduduk Kota Bandung.',
  summaryEn: 'Reprinting an electronic identity card that is damaged, lost or out of date, for residents of the City of Bandung.',
  lifeEvents: ['identity'],
  applicantTypes: ['citizen'],
  channels: ['online', 'counter'],
  priorityGroups: ['elderly', 'disabled', 'pregnant'],
  workflow: {
    schemaVersion: 1,
    steps: [
      {
        id: 'verify-data',
        title: L('Verifikasi data kependudukan', 'Verify the population data'),
        // Either office may check the data; the card is printed at the main office.
        responsible: { role: 'officer' },
        shareOfTimeLimit: 20,
        checklist: [
          check('nik-registered', 'NIK terdaftar di database kependudukan', 'The NIK is in the population database'),
          check('photo-biometrics', 'Foto dan sidik jari cocok dengan rekaman', 'Photo and fingerprints match the recording'),
        ],
        actions: ['advance', 'request_information', 'forward'],
      },
      {
        id: 'check-loss-report',
        title: L('Periksa surat kehilangan', 'Check the loss report'),
        responsible: { role: 'officer', unitCode: 'kantor-dinas' },
        shareOfTimeLimit: 10,
        checklist: [check('police-report', 'Surat keterangan kehilangan dari kepolisian sah', 'The police loss report is genuine')],
        actions: ['advance', 'request_information'],
        condition: { field: 'reason', equals: ['hilang'] },
      },
      {
        id: 'approve-print',
        title: L('Persetujuan cetak', 'Approve the reprint'),
        responsible: { role: 'officer', unitCode: 'kantor-dinas' },
        shareOfTimeLimit: 20,
        checklist: [],
        actions: ['approve', 'reject', 'request_information'],
      },
      {
        id: 'print-card',
        // The head of the office signs the issuance record; the card is then printed and handed over.
        title: L('Tanda tangan, cetak dan serahkan KTP-el', 'Sign, print and hand over the card'),
        responsible: { role: 'supervisor', unitCode: 'kantor-dinas' },
        shareOfTimeLimit: 50,
        checklist: [
          check('card-printed', 'KTP-el tercetak dan chip terbaca', 'The card is printed and its chip reads'),
          check('old-card-withdrawn', 'KTP-el lama ditarik (jika rusak)', 'The old card is withdrawn (if damaged)'),
        ],
        actions: ['issue'],
      },
    ],
  },
  standard: {
    requirements: [
      KK_REQUIREMENT,
      {
        id: 'ktp-rusak',
        kind: 'document',
        label: L('KTP-el yang rusak', 'The damaged KTP-el'),
        description: L(
          'Unggah fotonya saat mengajukan, lalu serahkan KTP-el yang rusak ketika mengambil KTP-el baru.',
          'Upload a photo of it when you apply, then hand in the damaged card when you collect the new one.',
        ),
      },
      {
        id: 'surat-kehilangan',
        kind: 'document',
        label: L('Surat keterangan kehilangan dari kepolisian', 'Police report of the loss'),
        description: L('Hanya jika KTP-el Anda hilang.', 'Only if your KTP-el was lost.'),
      },
    ],
    procedure: [
      {
        title: L('Ajukan permohonan', 'Apply'),
        description: L(
          'Isi formulir di Loket atau datang ke loket Disdukcapil. Unggah foto KTP-el yang rusak atau surat kehilangan.',
          'Fill in the form on Loket or visit a Disdukcapil counter. Upload a photo of the damaged card or the police report.',
        ),
      },
      {
        title: L('Verifikasi oleh petugas', 'Check by an officer'),
        description: L(
          'Petugas mencocokkan data Anda dengan database kependudukan. Jika ada yang kurang, kami memberi tahu Anda lewat Loket.',
          'An officer checks your data against the population database. If something is missing, we tell you through Loket.',
        ),
      },
      {
        title: L('Pencetakan KTP-el', 'Printing the card'),
        description: L('KTP-el dicetak dengan data dan foto yang sudah terekam.', 'The card is printed with your recorded data and photo.'),
      },
      {
        title: L('Pengambilan', 'Collection'),
        description: L(
          'Ambil KTP-el di kantor yang Anda pilih dengan menunjukkan nomor permohonan. Serahkan KTP-el yang rusak.',
          'Collect the card at the office you chose by showing the tracking number. Hand in the damaged card.',
        ),
      },
    ],
    timeLimit: {
      workingDays: 14,
      explanation: L(
        'Dihitung sejak berkas Anda lengkap. Jika blangko KTP-el sedang kosong, Anda menerima surat keterangan pengganti yang berlaku sebagai identitas.',
        'Counted from the day your file is complete. If blank cards are out of stock, you receive a certificate that serves as your identity in the meantime.',
      ),
    },
    cost: FREE_BY_ADMINDUK_LAW,
    product: {
      name: L('KTP elektronik (KTP-el) baru', 'A new electronic identity card (KTP-el)'),
      description: L('KTP-el dengan NIK yang sama. NIK Anda tidak berubah seumur hidup.', 'A KTP-el with the same NIK. Your NIK never changes.'),
    },
    complaintChannel: complaintChannel(BANDUNG, '(022) 4200 0001', 'pengaduan@disdukcapil.bandung.demo.loket.test'),
    legalBasis: [...ADMINDUK_LAW, ...PUBLIC_SERVICE_LAW],
    ...management(BANDUNG, 12),
    eligibility: L(
      'Penduduk yang terdaftar dalam kartu keluarga Kota Bandung dan sudah melakukan perekaman KTP-el.',
      'Residents registered on a family card of the City of Bandung whose e-ID data has been recorded.',
    ),
  },
  form: {
    schemaVersion: 1,
    pages: [
      {
        id: 'pemohon',
        title: L('Data pemohon', 'About you'),
        fields: [applicantNik(), applicantName(), applicantPhone()],
      },
      {
        id: 'alasan',
        title: L('Mengapa KTP-el perlu diganti', 'Why the card needs replacing'),
        fields: [
          {
            type: 'radios',
            name: 'reason',
            label: L('Alasan penggantian', 'Reason for replacement'),
            required: true,
            options: [
              { value: 'rusak', label: L('KTP-el rusak', 'The card is damaged') },
              { value: 'hilang', label: L('KTP-el hilang', 'The card was lost') },
            ],
          },
          {
            type: 'longText',
            name: 'damageDescription',
            label: L('Ceritakan kerusakannya', 'Describe the damage'),
            hint: L('Misalnya patah, chip tidak terbaca, atau tulisan pudar.', 'For example broken, the chip cannot be read, or the print has faded.'),
            required: false,
            maxLength: 500,
            showWhen: { field: 'reason', equals: ['rusak'] },
          },
          {
            ...upload('damagedCardPhoto', L('Foto KTP-el yang rusak', 'Photo of the damaged card'), 'ktp-rusak', {
              images: true,
              hint: L('Foto bagian depan, JPG atau PNG, paling besar 5 MB.', 'Photo of the front, JPG or PNG, at most 5 MB.'),
            }),
            showWhen: { field: 'reason', equals: ['rusak'] },
          },
          {
            ...upload('policeReport', L('Surat keterangan kehilangan dari kepolisian', 'Police report of the loss'), 'surat-kehilangan'),
            showWhen: { field: 'reason', equals: ['hilang'] },
          },
        ],
      },
      {
        id: 'pengambilan',
        title: L('Alamat dan tempat pengambilan', 'Address and collection'),
        fields: [
          {
            type: 'address',
            name: 'domicileAddress',
            label: L('Alamat sesuai kartu keluarga', 'Address as on the family card'),
            required: true,
          },
          {
            type: 'radios',
            name: 'pickupOffice',
            label: L('Di mana Anda akan mengambil KTP-el?', 'Where will you collect the card?'),
            required: true,
            options: [
              { value: 'kantor-dinas', label: L('Kantor Disdukcapil, Jl. Ambon No. 1A', 'Civil registry office, Jl. Ambon No. 1A') },
              { value: 'mpp-bandung', label: L('Mal Pelayanan Publik, Jl. Cianjur No. 34', 'Public Service Mall, Jl. Cianjur No. 34') },
            ],
          },
        ],
      },
      declarationPage(),
    ],
  },
};

export const BIRTH_CERTIFICATE: DemoService = {
  agencyCode: 'disdukcapil-kabupaten-sleman',
  code: 'akta-kelahiran-kabupaten-sleman',
  nameId: 'Akta Kelahiran',
  nameEn: 'Birth Certificate (Akta Kelahiran)',
  summaryId: 'Pencatatan kelahiran dan penerbitan kutipan akta kelahiran untuk anak penduduk Kabupaten Sleman.',
  summaryEn: 'Registering a birth and issuing the birth certificate for a child of residents of Sleman Regency.',
  lifeEvents: ['birth'],
  applicantTypes: ['citizen'],
  channels: ['online', 'counter'],
  priorityGroups: ['elderly', 'disabled', 'pregnant'],
  workflow: birthCertificateWorkflow,
  standard: {
    requirements: [
      {
        id: 'surat-keterangan-lahir',
        kind: 'document',
        label: L('Surat keterangan kelahiran', 'Birth notification'),
        description: L(
          'Dari rumah sakit, puskesmas, bidan, atau kepala desa/lurah. Jika tidak ada, isi surat pernyataan tanggung jawab mutlak (SPTJM) kebenaran data kelahiran.',
          'From the hospital, health centre, midwife or village head. If you have none, sign a statement of absolute responsibility (SPTJM) for the birth data.',
        ),
      },
      {
        id: 'buku-nikah',
        kind: 'document',
        label: L('Buku nikah atau kutipan akta perkawinan orang tua', 'Parents’ marriage book or marriage certificate'),
        description: L(
          'Jika perkawinan belum tercatat, isi SPTJM kebenaran sebagai pasangan suami istri.',
          'If the marriage is not registered, sign an SPTJM stating that you are husband and wife.',
        ),
      },
      KK_REQUIREMENT,
      {
        id: 'nik-orang-tua',
        kind: 'data',
        label: L('NIK ibu dan ayah', 'Mother’s and father’s NIK'),
        fetchableFrom: 'dukcapil.nik',
      },
    ],
    procedure: [
      {
        title: L('Laporkan kelahiran', 'Report the birth'),
        description: L(
          'Isi formulir di Loket atau datang ke Disdukcapil paling lambat 60 hari setelah kelahiran. Melapor lebih lambat tetap bisa.',
          'Fill in the form on Loket or visit Disdukcapil within 60 days of the birth. You can still report later.',
        ),
      },
      {
        title: L('Verifikasi berkas', 'Check of the documents'),
        description: L('Petugas memeriksa data anak dan orang tua.', 'An officer checks the data of the child and the parents.'),
      },
      {
        title: L('Penerbitan akta', 'Issue of the certificate'),
        description: L(
          'Akta kelahiran ditandatangani secara elektronik dan kartu keluarga diperbarui dengan nama anak.',
          'The birth certificate is signed electronically and the family card is updated with the child’s name.',
        ),
      },
      {
        title: L('Unduh atau ambil', 'Download or collect'),
        description: L(
          'Unduh akta dan KK dari Loket lalu cetak di kertas HVS A4 80 gram, atau ambil di loket.',
          'Download the certificate and family card from Loket and print them on plain A4 80 gsm paper, or collect them at the counter.',
        ),
      },
    ],
    timeLimit: { workingDays: 5, explanation: L('Dihitung sejak berkas lengkap.', 'Counted from the day the file is complete.') },
    cost: FREE_BY_ADMINDUK_LAW,
    product: {
      name: L('Kutipan akta kelahiran dan kartu keluarga baru', 'Birth certificate and an updated family card'),
      description: L(
        'Akta kelahiran elektronik dengan tanda tangan elektronik dan kode QR yang dapat diperiksa keasliannya. Anak juga mendapat NIK.',
        'An electronic birth certificate with an electronic signature and a QR code that anyone can verify. The child also receives a NIK.',
      ),
    },
    complaintChannel: complaintChannel(SLEMAN, '(0274) 420 0002', 'pengaduan@disdukcapil.sleman.demo.loket.test'),
    legalBasis: [...ADMINDUK_LAW, ...PUBLIC_SERVICE_LAW],
    ...management(SLEMAN, 9),
    eligibility: L(
      'Orang tua atau keluarga dari anak yang lahir, jika orang tuanya terdaftar sebagai penduduk Kabupaten Sleman.',
      'Parents or relatives of a child born to parents registered as residents of Sleman Regency.',
    ),
  },
  form: {
    schemaVersion: 1,
    pages: [
      {
        id: 'anak',
        title: L('Data anak', 'About the child'),
        fields: [
          { type: 'text', name: 'childName', label: L('Nama lengkap anak', 'Child’s full name'), required: true, maxLength: 120 },
          { type: 'date', name: 'childBirthDate', label: L('Tanggal lahir', 'Date of birth'), required: true, max: 'today' },
          {
            type: 'text',
            name: 'birthPlace',
            label: L('Tempat lahir', 'Place of birth'),
            hint: L('Kota atau kabupaten.', 'City or regency.'),
            required: true,
            maxLength: 80,
          },
          {
            // A birth outside a health facility is verified with witnesses (see birthCertificateWorkflow).
            type: 'radios',
            name: 'birthPlaceType',
            label: L('Di mana anak lahir?', 'Where was the child born?'),
            required: true,
            options: [
              { value: 'hospital', label: L('Rumah sakit', 'Hospital') },
              { value: 'clinic', label: L('Puskesmas, klinik, atau bidan', 'Health centre, clinic or midwife') },
              { value: 'home', label: L('Rumah', 'At home') },
              { value: 'other', label: L('Tempat lain', 'Somewhere else') },
            ],
          },
          {
            type: 'radios',
            name: 'childSex',
            label: L('Jenis kelamin', 'Sex'),
            required: true,
            options: [
              { value: 'laki-laki', label: L('Laki-laki', 'Male') },
              { value: 'perempuan', label: L('Perempuan', 'Female') },
            ],
          },
          {
            type: 'number',
            name: 'birthOrder',
            label: L('Anak ke-', 'Birth order'),
            hint: L('Misalnya 1 untuk anak pertama.', 'For example 1 for a first child.'),
            required: true,
            min: 1,
            max: 30,
          },
          {
            type: 'select',
            name: 'birthAttendant',
            label: L('Penolong kelahiran', 'Birth attended by'),
            required: true,
            options: [
              { value: 'dokter', label: L('Dokter', 'Doctor') },
              { value: 'bidan', label: L('Bidan', 'Midwife') },
              { value: 'lainnya', label: L('Lainnya', 'Other') },
            ],
          },
        ],
      },
      {
        id: 'orang-tua',
        title: L('Data orang tua', 'About the parents'),
        fields: [
          { type: 'nik', name: 'motherNik', label: L('NIK ibu', 'Mother’s NIK'), required: true },
          { type: 'text', name: 'motherName', label: L('Nama ibu', 'Mother’s name'), required: true, maxLength: 120 },
          {
            type: 'nik',
            name: 'fatherNik',
            label: L('NIK ayah', 'Father’s NIK'),
            hint: L('Kosongkan jika tidak diketahui.', 'Leave blank if unknown.'),
            required: false,
          },
          { type: 'text', name: 'fatherName', label: L('Nama ayah', 'Father’s name'), required: false, maxLength: 120 },
          {
            type: 'radios',
            name: 'marriageRegistered',
            label: L('Apakah perkawinan orang tua sudah tercatat?', 'Is the parents’ marriage registered?'),
            required: true,
            options: [
              { value: 'ya', label: L('Ya, ada buku nikah atau akta perkawinan', 'Yes, there is a marriage book or certificate') },
              { value: 'tidak', label: L('Belum tercatat', 'Not registered') },
            ],
          },
          {
            ...upload('marriageBook', L('Buku nikah atau akta perkawinan', 'Marriage book or certificate'), 'buku-nikah'),
            showWhen: { field: 'marriageRegistered', equals: ['ya'] },
          },
          {
            ...upload(
              'marriageStatement',
              L('SPTJM kebenaran sebagai pasangan suami istri', 'SPTJM stating that the parents are husband and wife'),
              'buku-nikah',
            ),
            showWhen: { field: 'marriageRegistered', equals: ['tidak'] },
          },
        ],
      },
      {
        id: 'dokumen',
        title: L('Keterangan lahir dan alamat', 'Birth notification and address'),
        fields: [
          upload('birthNotification', L('Surat keterangan kelahiran', 'Birth notification'), 'surat-keterangan-lahir'),
          familyCardNumber(),
          { type: 'address', name: 'familyAddress', label: L('Alamat keluarga', 'Family address'), required: true },
        ],
      },
      {
        id: 'pelapor',
        title: L('Data pelapor', 'About you (the person reporting)'),
        fields: [
          applicantNik(),
          applicantName(),
          applicantPhone(),
          {
            type: 'select',
            name: 'relationship',
            label: L('Hubungan dengan anak', 'Relationship to the child'),
            required: true,
            options: [
              { value: 'ibu', label: L('Ibu', 'Mother') },
              { value: 'ayah', label: L('Ayah', 'Father') },
              { value: 'keluarga', label: L('Anggota keluarga lain', 'Another relative') },
            ],
          },
        ],
      },
      declarationPage(),
    ],
  },
};

export const MOVING_CERTIFICATE: DemoService = {
  agencyCode: 'disdukcapil-kota-jayapura',
  code: 'surat-keterangan-pindah-kota-jayapura',
  nameId: 'Surat Keterangan Pindah',
  nameEn: 'Moving Certificate (Surat Keterangan Pindah)',
  summaryId: 'Surat keterangan pindah bagi penduduk Kota Jayapura yang pindah ke kota atau kabupaten lain.',
  summaryEn: 'A moving certificate for residents of the City of Jayapura who move to another city or regency.',
  lifeEvents: ['moving'],
  applicantTypes: ['citizen'],
  channels: ['online', 'counter'],
  priorityGroups: ['elderly', 'disabled', 'pregnant'],
  workflow: {
    schemaVersion: 1,
    steps: [
      {
        id: 'verify-family',
        title: L('Verifikasi data keluarga', 'Verify the family data'),
        responsible: { role: 'officer', unitCode: 'kantor-dinas' },
        shareOfTimeLimit: 30,
        checklist: [
          check('kk-matches', 'Nomor KK dan anggota keluarga sesuai database', 'The family card number and members match the database'),
          check('destination-valid', 'Alamat tujuan lengkap sampai RT/RW', 'The new address is complete down to RT/RW'),
        ],
        actions: ['advance', 'request_information', 'forward'],
      },
      {
        id: 'check-members',
        title: L('Periksa anggota keluarga yang pindah', 'Check the family members who move'),
        responsible: { role: 'officer', unitCode: 'kantor-dinas' },
        shareOfTimeLimit: 20,
        checklist: [check('members-consent', 'NIK anggota yang pindah ada di KK yang sama', 'The moving members are on the same family card')],
        actions: ['advance', 'request_information'],
        condition: { field: 'moveType', equals: ['sebagian'] },
      },
      {
        id: 'sign-and-issue',
        title: L('Tanda tangan dan terbitkan SKPWNI', 'Sign and issue the moving certificate'),
        responsible: { role: 'supervisor', unitCode: 'kantor-dinas' },
        shareOfTimeLimit: 50,
        checklist: [check('family-card-updated', 'KK asal diperbarui', 'The family card left behind is updated')],
        actions: ['issue', 'reject'],
      },
    ],
  },
  standard: {
    requirements: [
      KK_REQUIREMENT,
      { id: 'alamat-tujuan', kind: 'data', label: L('Alamat tujuan pindah', 'Address you move to') },
      { id: 'anggota-pindah', kind: 'data', label: L('NIK anggota keluarga yang ikut pindah', 'NIK of the family members who move with you') },
    ],
    procedure: [
      {
        title: L('Ajukan permohonan', 'Apply'),
        description: L('Isi formulir di Loket atau datang ke loket Disdukcapil.', 'Fill in the form on Loket or visit a Disdukcapil counter.'),
      },
      {
        title: L('Verifikasi data', 'Check of the data'),
        description: L('Petugas memeriksa data Anda dan anggota keluarga yang pindah.', 'An officer checks your data and that of the family members who move.'),
      },
      {
        title: L('Penerbitan surat', 'Issue of the certificate'),
        description: L(
          'Surat keterangan pindah ditandatangani secara elektronik dan dikirim langsung ke Disdukcapil daerah tujuan.',
          'The certificate is signed electronically and sent directly to the civil registry of the place you move to.',
        ),
      },
      {
        title: L('Lapor di daerah tujuan', 'Report at your new home'),
        description: L(
          'Datang ke Disdukcapil daerah tujuan untuk mendapat KK dan KTP-el dengan alamat baru.',
          'Visit the civil registry of your new home to receive a family card and KTP-el with the new address.',
        ),
      },
    ],
    timeLimit: {
      workingDays: 1,
      explanation: L('Selesai paling lambat 1 hari kerja setelah berkas lengkap.', 'Done within 1 working day of a complete file.'),
    },
    cost: FREE_BY_ADMINDUK_LAW,
    product: {
      name: L('Surat keterangan pindah', 'Moving certificate'),
      description: L(
        'Dokumen elektronik dengan kode QR, berlaku untuk mendaftar sebagai penduduk di daerah tujuan.',
        'An electronic document with a QR code, used to register as a resident at your new home.',
      ),
    },
    complaintChannel: complaintChannel(JAYAPURA, '(0967) 420 0003', 'pengaduan@disdukcapil.jayapura.demo.loket.test'),
    legalBasis: [...ADMINDUK_LAW, ...PUBLIC_SERVICE_LAW],
    ...management(JAYAPURA, 6),
  },
  form: {
    schemaVersion: 1,
    pages: [
      { id: 'pemohon', title: L('Data pemohon', 'About you'), fields: [applicantNik(), applicantName(), applicantPhone(), familyCardNumber()] },
      {
        id: 'tujuan',
        title: L('Ke mana Anda pindah', 'Where you are moving to'),
        fields: [
          { type: 'address', name: 'destinationAddress', label: L('Alamat tujuan', 'New address'), required: true },
          {
            type: 'select',
            name: 'moveReason',
            label: L('Alasan pindah', 'Reason for moving'),
            required: true,
            options: [
              { value: 'pekerjaan', label: L('Pekerjaan', 'Work') },
              { value: 'pendidikan', label: L('Pendidikan', 'Education') },
              { value: 'keluarga', label: L('Ikut keluarga', 'Joining family') },
              { value: 'perumahan', label: L('Perumahan', 'Housing') },
              { value: 'kesehatan', label: L('Kesehatan', 'Health') },
              { value: 'lainnya', label: L('Lainnya', 'Other') },
            ],
          },
          {
            type: 'text',
            name: 'otherReason',
            label: L('Alasan lainnya', 'Other reason'),
            required: true,
            maxLength: 200,
            showWhen: { field: 'moveReason', equals: ['lainnya'] },
          },
          { type: 'date', name: 'moveDate', label: L('Rencana tanggal pindah', 'Planned moving date'), required: true, min: 'today' },
        ],
      },
      {
        id: 'anggota',
        title: L('Siapa yang ikut pindah', 'Who moves with you'),
        fields: [
          {
            type: 'radios',
            name: 'moveType',
            label: L('Siapa yang pindah?', 'Who is moving?'),
            required: true,
            options: [
              { value: 'seluruh', label: L('Seluruh anggota keluarga dalam KK', 'Everyone on the family card') },
              { value: 'sebagian', label: L('Sebagian anggota keluarga', 'Some members of the family') },
              { value: 'sendiri', label: L('Saya sendiri', 'Only me') },
            ],
          },
          {
            type: 'longText',
            name: 'memberNiks',
            label: L('NIK anggota keluarga yang ikut pindah', 'NIK of the members who move'),
            hint: L('Satu NIK per baris.', 'One NIK per line.'),
            required: true,
            maxLength: 400,
            pattern: '[0-9\\s]{16,400}',
            showWhen: { field: 'moveType', equals: ['sebagian'] },
          },
          upload('familyCard', L('Foto kartu keluarga', 'Photo of the family card'), 'kk', {
            required: false,
            hint: L(
              'Tidak wajib: kami dapat mengambil data KK dari database kependudukan.',
              'Optional: we can fetch the family card from the population database.',
            ),
          }),
        ],
      },
      declarationPage(),
    ],
  },
};
