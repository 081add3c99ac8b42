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

// Licensing services: a business identification number (NIB) for a micro business through OSS, and
// a building approval (PBG) through SIMBG. Contact details are illustrative.

const INVESTMENT = L('Kementerian Investasi dan Hilirisasi/BKPM', 'Ministry of Investment and Downstreaming/BKPM');
const DPMPTSP_JAKARTA = L(
  'Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu Provinsi DKI Jakarta',
  'One-Stop Investment and Integrated Services Office of Jakarta Province',
);

const CIPTA_KERJA = L(
  'Undang-Undang Nomor 6 Tahun 2023 tentang Penetapan Peraturan Pemerintah Pengganti Undang-Undang Nomor 2 Tahun 2022 tentang Cipta Kerja menjadi Undang-Undang',
  'Law 6 of 2023 enacting Government Regulation in Lieu of Law 2 of 2022 on Job Creation',
);
const RISK_BASED_LICENSING = L(
  'Peraturan Pemerintah tentang Penyelenggaraan Perizinan Berusaha Berbasis Risiko',
  'Government Regulation on Risk-Based Business Licensing',
);

export const NIB_MICRO_BUSINESS: DemoService = {
  agencyCode: 'kementerian-investasi',
  code: 'nib-usaha-mikro',
  nameId: 'Nomor Induk Berusaha (NIB) untuk Usaha Mikro',
  nameEn: 'Business Identification Number (NIB) for a Micro Business',
  summaryId: 'NIB adalah identitas usaha Anda sekaligus izin untuk usaha mikro berisiko rendah. Gratis dan terbit pada hari yang sama.',
  summaryEn: 'The NIB identifies your business and is the licence for a low-risk micro business. Free, and issued the same day.',
  lifeEvents: ['business'],
  applicantTypes: ['citizen'],
  channels: ['online', 'counter'],
  priorityGroups: ['elderly', 'disabled', 'pregnant'],
  workflow: {
    schemaVersion: 1,
    steps: [
      {
        id: 'check-data',
        title: L('Periksa data usaha', 'Check the business data'),
        responsible: { role: 'officer' },
        shareOfTimeLimit: 40,
        checklist: [
          check('kbli-low-risk', 'KBLI termasuk usaha mikro berisiko rendah', 'The KBLI code is a low-risk micro business'),
          check('nik-valid', 'NIK pemohon valid', 'The applicant’s NIK is valid'),
        ],
        actions: ['advance', 'request_information', 'forward'],
      },
      {
        id: 'check-npwp',
        title: L('Validasi NPWP', 'Validate the tax number'),
        responsible: { role: 'officer' },
        shareOfTimeLimit: 20,
        checklist: [check('npwp-valid', 'NPWP aktif di Direktorat Jenderal Pajak', 'The NPWP is active at the tax directorate')],
        actions: ['advance', 'request_information'],
        condition: { field: 'hasNpwp', equals: ['ya'] },
      },
      {
        id: 'issue-nib',
        title: L('Terbitkan NIB', 'Issue the NIB'),
        responsible: { role: 'supervisor', unitCode: 'pusat-layanan' },
        shareOfTimeLimit: 40,
        checklist: [],
        actions: ['issue', 'reject'],
      },
    ],
  },
  standard: {
    requirements: [
      {
        id: 'nik',
        kind: 'data',
        label: L('NIK pemilik usaha', 'NIK of the business owner'),
        fetchableFrom: 'dukcapil.nik',
      },
      {
        id: 'ktp-el',
        kind: 'document',
        label: L('KTP-el pemilik usaha', 'KTP-el of the business owner'),
        description: L(
          'Hanya jika data NIK tidak dapat diambil dari database kependudukan.',
          'Only if the NIK data cannot be fetched from the population database.',
        ),
        fetchableFrom: 'dukcapil.nik',
      },
      {
        id: 'npwp',
        kind: 'data',
        label: L('Nomor pokok wajib pajak (NPWP), jika ada', 'Tax number (NPWP), if you have one'),
      },
      { id: 'kbli', kind: 'data', label: L('Kode bidang usaha (KBLI) 5 angka', 'Five-digit business classification code (KBLI)') },
      { id: 'lokasi-usaha', kind: 'data', label: L('Alamat lokasi usaha', 'Address of the business') },
    ],
    procedure: [
      {
        title: L('Isi data usaha', 'Describe your business'),
        description: L('Isi formulir: data pemilik, bidang usaha, modal, dan lokasi.', 'Fill in the form: owner, business activity, capital and location.'),
      },
      {
        title: L('Pemeriksaan otomatis', 'Automatic checks'),
        description: L(
          'NIK dan bidang usaha diperiksa otomatis oleh sistem OSS.',
          'The NIK and business activity are checked automatically by the OSS system.',
        ),
      },
      {
        title: L('NIB terbit', 'The NIB is issued'),
        description: L(
          'Untuk usaha mikro berisiko rendah, NIB langsung berlaku sebagai izin usaha. Unduh NIB dari Loket.',
          'For a low-risk micro business the NIB is the business licence straight away. Download it from Loket.',
        ),
      },
    ],
    timeLimit: {
      workingDays: 1,
      explanation: L(
        'Biasanya terbit dalam beberapa menit. Jika perlu pemeriksaan petugas, paling lambat 1 hari kerja.',
        'Usually issued within minutes. If an officer must check it, within 1 working day.',
      ),
    },
    cost: { kind: 'free', legalBasis: L('Penerbitan NIB tidak dipungut biaya', 'Issuing an NIB is free of charge') },
    product: {
      name: L('Nomor Induk Berusaha (NIB)', 'Business Identification Number (NIB)'),
      description: L(
        'NIB 13 angka yang berlaku selama usaha berjalan. NIB juga berlaku sebagai angka pengenal importir, hak akses kepabeanan, dan pendaftaran jaminan sosial.',
        'A 13-digit NIB valid while the business runs. It also serves as importer identification, customs access and social security registration.',
      ),
    },
    complaintChannel: complaintChannel(INVESTMENT, '(021) 420 0004', 'pengaduan@oss.demo.loket.test'),
    legalBasis: [
      CIPTA_KERJA,
      RISK_BASED_LICENSING,
      L(
        'Peraturan Pemerintah Nomor 7 Tahun 2021 tentang Kemudahan, Pelindungan, dan Pemberdayaan Koperasi dan Usaha Mikro, Kecil, dan Menengah',
        'Government Regulation 7 of 2021 on the Facilitation, Protection and Empowerment of Cooperatives and Micro, Small and Medium Enterprises',
      ),
      ...PUBLIC_SERVICE_LAW,
    ],
    ...management(INVESTMENT, 20),
    eligibility: L(
      'Warga negara Indonesia pemilik usaha mikro perorangan: modal usaha paling banyak Rp1 miliar, tidak termasuk tanah dan bangunan tempat usaha.',
      'Indonesian citizens who own a sole-proprietor micro business: business capital of at most Rp1 billion, excluding the land and buildings of the business.',
    ),
  },
  form: {
    schemaVersion: 1,
    pages: [
      {
        id: 'pemilik',
        title: L('Pemilik usaha', 'The business owner'),
        fields: [
          applicantNik(),
          applicantName(),
          applicantPhone(),
          {
            type: 'email',
            name: 'email',
            label: L('Alamat surel', 'E-mail address'),
            hint: L('NIB dikirim ke alamat ini.', 'The NIB is sent to this address.'),
            required: true,
            prefill: 'email',
          },
        ],
      },
      {
        id: 'usaha',
        title: L('Tentang usaha Anda', 'About your business'),
        fields: [
          { type: 'text', name: 'businessName', label: L('Nama usaha', 'Business name'), required: true, maxLength: 120 },
          {
            type: 'text',
            name: 'kbli',
            label: L('Kode KBLI', 'KBLI code'),
            hint: L('5 angka, misalnya 56103 untuk kedai makanan.', 'Five digits, for example 56103 for a food stall.'),
            required: true,
            minLength: 5,
            maxLength: 5,
            pattern: '[0-9]{5}',
          },
          {
            type: 'money',
            name: 'capital',
            label: L('Modal usaha (rupiah)', 'Business capital (rupiah)'),
            hint: L(
              'Tidak termasuk tanah dan bangunan. Usaha mikro paling banyak Rp1.000.000.000.',
              'Excluding land and buildings. A micro business has at most Rp1,000,000,000.',
            ),
            required: true,
            min: 0,
            max: 1_000_000_000,
          },
          { type: 'number', name: 'workers', label: L('Jumlah tenaga kerja', 'Number of workers'), required: true, min: 0, max: 1000 },
        ],
      },
      {
        id: 'lokasi',
        title: L('Lokasi dan pajak', 'Location and tax'),
        fields: [
          { type: 'address', name: 'businessAddress', label: L('Alamat lokasi usaha', 'Address of the business'), required: true },
          {
            type: 'radios',
            name: 'hasNpwp',
            label: L('Apakah Anda punya NPWP?', 'Do you have a tax number (NPWP)?'),
            required: true,
            options: [
              { value: 'ya', label: L('Ya', 'Yes') },
              { value: 'tidak', label: L('Tidak, pakai NIK', 'No, use my NIK') },
            ],
          },
          {
            type: 'text',
            name: 'npwp',
            label: L('NPWP', 'Tax number (NPWP)'),
            hint: L('15 atau 16 angka, tanpa titik dan tanda hubung.', '15 or 16 digits, without dots or hyphens.'),
            required: true,
            minLength: 15,
            maxLength: 16,
            pattern: '[0-9]{15,16}',
            showWhen: { field: 'hasNpwp', equals: ['ya'] },
          },
          upload('ownerId', L('Foto KTP-el pemilik', 'Photo of the owner’s KTP-el'), 'ktp-el', {
            required: false,
            images: true,
            hint: L('Tidak wajib jika NIK dapat diperiksa otomatis.', 'Optional when the NIK can be checked automatically.'),
          }),
        ],
      },
      declarationPage(),
    ],
  },
};

export const BUILDING_APPROVAL: DemoService = {
  agencyCode: 'dpmptsp-dki-jakarta',
  code: 'persetujuan-bangunan-gedung-dki-jakarta',
  nameId: 'Persetujuan Bangunan Gedung (PBG)',
  nameEn: 'Building Approval (PBG)',
  summaryId: 'Persetujuan untuk membangun baru, mengubah, memperluas, atau merawat bangunan gedung di DKI Jakarta. PBG menggantikan IMB.',
  summaryEn: 'Approval to build, alter, extend or maintain a building in Jakarta. The PBG replaced the IMB building permit.',
  lifeEvents: ['building', 'business'],
  applicantTypes: ['citizen', 'business'],
  channels: ['online', 'counter'],
  priorityGroups: ['elderly', 'disabled', 'pregnant'],
  workflow: {
    schemaVersion: 1,
    steps: [
      {
        id: 'check-completeness',
        title: L('Periksa kelengkapan dokumen', 'Check the documents are complete'),
        responsible: { role: 'officer' },
        shareOfTimeLimit: 10,
        checklist: [
          check('drawings-complete', 'Gambar arsitektur, struktur, dan utilitas lengkap', 'Architectural, structural and utility drawings are complete'),
          check('land-title', 'Bukti hak atas tanah sesuai lokasi', 'The land title matches the location'),
        ],
        actions: ['advance', 'request_information', 'forward'],
      },
      {
        id: 'technical-review',
        title: L('Pemeriksaan teknis (TPA/TPT)', 'Technical review (expert panel)'),
        responsible: { role: 'officer', unitCode: 'ptsp-jakarta-pusat' },
        shareOfTimeLimit: 40,
        checklist: [
          check('architecture-ok', 'Kesesuaian arsitektur dan tata ruang', 'Architecture and zoning comply'),
          check('structure-ok', 'Perhitungan struktur diperiksa', 'The structural calculations are checked'),
          check('utilities-ok', 'Utilitas dan proteksi kebakaran diperiksa', 'Utilities and fire protection are checked'),
        ],
        actions: ['advance', 'request_information', 'forward'],
      },
      {
        id: 'environment-review',
        title: L('Periksa dokumen lingkungan dan lalu lintas', 'Check the environmental and traffic documents'),
        responsible: { role: 'officer', unitCode: 'ptsp-jakarta-pusat' },
        shareOfTimeLimit: 15,
        checklist: [check('environment-docs', 'Dokumen lingkungan (UKL-UPL atau SPPL) sesuai', 'The environmental documents (UKL-UPL or SPPL) are in order')],
        actions: ['advance', 'request_information', 'forward'],
        // Homes need no environmental or traffic study.
        condition: { field: 'buildingUse', equals: ['usaha', 'sosial-budaya', 'keagamaan', 'campuran'] },
      },
      {
        id: 'decide',
        title: L('Persetujuan dan penetapan retribusi', 'Approval and retribution assessment'),
        responsible: { role: 'supervisor', unitCode: 'ptsp-jakarta-pusat' },
        shareOfTimeLimit: 20,
        checklist: [check('retribution-assessed', 'Surat ketetapan retribusi diterbitkan', 'The retribution assessment is issued')],
        actions: ['approve', 'reject', 'request_information'],
      },
      {
        id: 'issue-pbg',
        title: L('Terbitkan PBG', 'Issue the PBG'),
        responsible: { role: 'supervisor', unitCode: 'ptsp-jakarta-pusat' },
        shareOfTimeLimit: 15,
        checklist: [],
        actions: ['issue'],
      },
    ],
  },
  standard: {
    requirements: [
      {
        id: 'data-pemohon',
        kind: 'data',
        label: L('Data pemohon atau pemilik bangunan', 'Applicant or building owner'),
        fetchableFrom: 'dukcapil.nik',
      },
      {
        id: 'bukti-tanah',
        kind: 'document',
        label: L('Bukti kepemilikan hak atas tanah', 'Proof of land rights'),
        description: L(
          'Sertifikat tanah, atau perjanjian pemanfaatan tanah jika tanah milik pihak lain.',
          'The land certificate, or a land-use agreement if the land belongs to someone else.',
        ),
      },
      {
        id: 'kkpr',
        kind: 'data',
        label: L('Konfirmasi kesesuaian kegiatan pemanfaatan ruang (KKPR)', 'Confirmation that the use fits the spatial plan (KKPR)'),
        fetchableFrom: 'atrbpn.kkpr',
      },
      {
        id: 'rencana-teknis',
        kind: 'document',
        label: L('Dokumen rencana teknis', 'Technical design documents'),
        description: L(
          'Gambar arsitektur, struktur, dan mekanikal-elektrikal-perpipaan (MEP), disusun oleh penyedia jasa bersertifikat untuk bangunan tertentu.',
          'Architectural, structural and mechanical-electrical-plumbing (MEP) drawings, prepared by a certified consultant for certain buildings.',
        ),
      },
    ],
    procedure: [
      {
        title: L('Ajukan permohonan', 'Apply'),
        description: L('Isi data bangunan dan unggah dokumen rencana teknis.', 'Describe the building and upload the technical design documents.'),
      },
      {
        title: L('Konsultasi dengan Tim Profesi Ahli (TPA)', 'Consultation with the expert panel (TPA)'),
        description: L(
          'Tim memeriksa pemenuhan standar teknis. Anda dapat diminta memperbaiki dokumen.',
          'The panel checks compliance with the technical standards. You may be asked to revise the documents.',
        ),
      },
      {
        title: L('Penetapan dan pembayaran retribusi', 'Retribution set and paid'),
        description: L(
          'Besaran retribusi dihitung dari luas dan fungsi bangunan. Bayar melalui bank atau kanal pembayaran yang ditunjuk.',
          'The retribution is computed from the floor area and use of the building. Pay through a bank or an appointed payment channel.',
        ),
      },
      {
        title: L('PBG terbit', 'The PBG is issued'),
        description: L('Unduh PBG dari Loket setelah pembayaran diterima.', 'Download the PBG from Loket once payment is received.'),
      },
    ],
    timeLimit: {
      workingDays: 28,
      explanation: L(
        'Dihitung sejak dokumen lengkap, tidak termasuk waktu Anda memperbaiki dokumen dan membayar retribusi.',
        'Counted from a complete file, excluding the time you take to revise documents and pay the retribution.',
      ),
    },
    cost: {
      kind: 'variable',
      legalBasis: L(
        'Peraturan Daerah Provinsi DKI Jakarta tentang Pajak Daerah dan Retribusi Daerah',
        'Jakarta Provincial Regulation on Regional Taxes and Retributions',
      ),
      explanation: L(
        'Retribusi PBG dihitung dari luas lantai, indeks fungsi dan klasifikasi bangunan, dan harga satuan yang ditetapkan Pemerintah Provinsi. Besarnya tercantum dalam surat ketetapan retribusi sebelum Anda membayar. Rumah tinggal masyarakat berpenghasilan rendah dapat dibebaskan.',
        'The PBG retribution is computed from the floor area, the use and class of the building, and a unit price set by the provincial government. The amount is stated in an assessment before you pay. Homes of low-income households may be exempted.',
      ),
    },
    product: {
      name: L('Persetujuan Bangunan Gedung (PBG)', 'Building Approval (PBG)'),
      description: L(
        'Dokumen PBG elektronik beserta lampiran gambar yang disetujui. Setelah bangunan selesai, ajukan Sertifikat Laik Fungsi (SLF).',
        'An electronic PBG with the approved drawings. When the building is finished, apply for a certificate of fitness for use (SLF).',
      ),
    },
    complaintChannel: complaintChannel(DPMPTSP_JAKARTA, '(021) 420 0005', 'pengaduan@dpmptsp.jakarta.demo.loket.test'),
    legalBasis: [
      L(
        'Undang-Undang Nomor 28 Tahun 2002 tentang Bangunan Gedung sebagaimana telah diubah dengan Undang-Undang Nomor 6 Tahun 2023',
        'Law 28 of 2002 on Buildings, as amended by Law 6 of 2023',
      ),
      L(
        'Peraturan Pemerintah Nomor 16 Tahun 2021 tentang Peraturan Pelaksanaan Undang-Undang Nomor 28 Tahun 2002 tentang Bangunan Gedung',
        'Government Regulation 16 of 2021 implementing Law 28 of 2002 on Buildings',
      ),
      L('Peraturan Daerah Provinsi DKI Jakarta tentang Pajak Daerah dan Retribusi Daerah', 'Jakarta Provincial Regulation on Regional Taxes and Retributions'),
      ...PUBLIC_SERVICE_LAW,
    ],
    ...management(DPMPTSP_JAKARTA, 25),
  },
  form: {
    schemaVersion: 1,
    pages: [
      {
        id: 'pemohon',
        title: L('Pemohon', 'The applicant'),
        fields: [
          {
            type: 'radios',
            name: 'ownerKind',
            label: L('Pemilik bangunan', 'Building owner'),
            required: true,
            options: [
              { value: 'perorangan', label: L('Perorangan', 'An individual') },
              { value: 'badan-usaha', label: L('Badan usaha', 'A business') },
            ],
          },
          applicantNik(),
          applicantName(),
          applicantPhone(),
          {
            type: 'nib',
            name: 'ownerNib',
            label: L('NIB badan usaha', 'NIB of the business'),
            required: true,
            showWhen: { field: 'ownerKind', equals: ['badan-usaha'] },
          },
        ],
      },
      {
        id: 'bangunan',
        title: L('Bangunan', 'The building'),
        fields: [
          { type: 'address', name: 'buildingAddress', label: L('Alamat bangunan', 'Address of the building'), required: true },
          { type: 'geoPoint', name: 'buildingLocation', label: L('Titik lokasi di peta', 'Location on the map'), required: false },
          {
            type: 'select',
            name: 'buildingUse',
            label: L('Fungsi bangunan', 'Use of the building'),
            required: true,
            options: [
              { value: 'hunian', label: L('Hunian (rumah tinggal)', 'Residential') },
              { value: 'usaha', label: L('Usaha', 'Business') },
              { value: 'sosial-budaya', label: L('Sosial dan budaya', 'Social and cultural') },
              { value: 'keagamaan', label: L('Keagamaan', 'Religious') },
              { value: 'campuran', label: L('Campuran', 'Mixed') },
            ],
          },
          { type: 'number', name: 'floors', label: L('Jumlah lantai', 'Number of floors'), required: true, min: 1, max: 150 },
          { type: 'number', name: 'floorArea', label: L('Luas total lantai (m²)', 'Total floor area (m²)'), required: true, min: 1, max: 1_000_000 },
        ],
      },
      {
        id: 'dokumen',
        title: L('Dokumen', 'Documents'),
        fields: [
          upload('landProof', L('Bukti kepemilikan hak atas tanah', 'Proof of land rights'), 'bukti-tanah'),
          upload('technicalDrawings', L('Dokumen rencana teknis', 'Technical design documents'), 'rencana-teknis', {
            hint: L('Arsitektur, struktur, dan MEP dalam PDF. Paling banyak 10 berkas.', 'Architecture, structure and MEP as PDF. At most 10 files.'),
            pdf: true,
            maxFiles: 10,
            maxSizeBytes: 20 * 1024 * 1024,
          }),
        ],
      },
      declarationPage(),
    ],
  },
};
