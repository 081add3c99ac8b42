import {
  applicantName,
  applicantNik,
  applicantPhone,
  check,
  complaintChannel,
  type DemoService,
  declarationPage,
  familyCardNumber,
  L,
  management,
  PUBLIC_SERVICE_LAW,
  upload,
} from './demo-common.ts';

// Police clearance, social assistance registration and government-paid health insurance. Contact
// details are illustrative.

const POLRESTABES = L('Kepolisian Resor Kota Besar Makassar', 'Makassar Metropolitan Police');
const DINSOS_SURABAYA = L('Dinas Sosial Kota Surabaya', 'Social Affairs Office of the City of Surabaya');
const DINKES_JATIM = L('Dinas Kesehatan Provinsi Jawa Timur', 'Health Office of East Java Province');

const NIK_FETCHED = {
  id: 'ktp-el',
  kind: 'data' as const,
  label: L('NIK sesuai KTP-el', 'NIK as on the KTP-el'),
  fetchableFrom: 'dukcapil.nik',
};
const KK_FETCHED = { id: 'kk', kind: 'document' as const, label: L('Kartu keluarga (KK)', 'Family card (KK)'), fetchableFrom: 'dukcapil.kk' };

export const POLICE_CLEARANCE: DemoService = {
  agencyCode: 'polrestabes-makassar',
  code: 'skck-polrestabes-makassar',
  nameId: 'Surat Keterangan Catatan Kepolisian (SKCK)',
  nameEn: 'Police Clearance Certificate (SKCK)',
  summaryId: 'SKCK menerangkan ada atau tidaknya catatan kriminal Anda, untuk melamar kerja, mendaftar CPNS, sekolah, atau visa.',
  summaryEn: 'The SKCK states whether you have a criminal record, for job applications, civil service recruitment, school or a visa.',
  lifeEvents: ['work', 'security'],
  applicantTypes: ['citizen'],
  channels: ['online', 'counter'],
  priorityGroups: ['elderly', 'disabled', 'pregnant'],
  workflow: {
    schemaVersion: 1,
    steps: [
      {
        id: 'verify-identity',
        title: L('Verifikasi identitas dan sidik jari', 'Verify identity and fingerprints'),
        responsible: { role: 'officer', unitCode: 'gerai-skck' },
        shareOfTimeLimit: 25,
        checklist: [
          check('identity-matches', 'Identitas sesuai data kependudukan', 'The identity matches the population register'),
          check('fingerprints-taken', 'Sidik jari diambil dan dirumuskan', 'Fingerprints are taken and classified'),
        ],
        actions: ['advance', 'request_information', 'forward'],
      },
      {
        id: 'check-records',
        title: L('Periksa catatan kriminal', 'Check the criminal records'),
        responsible: { role: 'officer', unitCode: 'gerai-skck' },
        shareOfTimeLimit: 25,
        checklist: [check('records-searched', 'Database catatan kriminal Polri diperiksa', 'The police criminal records database is searched')],
        actions: ['advance', 'request_information'],
      },
      {
        id: 'review-case',
        title: L('Telaah perkara yang pernah ada', 'Review the past case'),
        responsible: { role: 'supervisor', unitCode: 'gerai-skck' },
        shareOfTimeLimit: 20,
        checklist: [check('case-status', 'Status perkara dan putusan pengadilan diperiksa', 'The case status and court ruling are checked')],
        actions: ['advance', 'request_information', 'forward'],
        condition: { field: 'pastCase', equals: ['pernah'] },
      },
      {
        id: 'decide',
        title: L('Keputusan penerbitan', 'Decision to issue'),
        responsible: { role: 'supervisor', unitCode: 'gerai-skck' },
        shareOfTimeLimit: 15,
        checklist: [],
        actions: ['approve', 'reject', 'request_information'],
      },
      {
        id: 'issue',
        title: L('Cetak dan terbitkan SKCK', 'Print and issue the SKCK'),
        responsible: { role: 'officer', unitCode: 'gerai-skck' },
        shareOfTimeLimit: 15,
        checklist: [check('photo-attached', 'Pasfoto tertempel dan diberi cap', 'The photo is attached and stamped')],
        actions: ['issue'],
        // The PNBP must be paid before the certificate is handed over.
        waitForPayment: true,
      },
    ],
  },
  standard: {
    requirements: [
      NIK_FETCHED,
      KK_FETCHED,
      {
        id: 'akta-atau-ijazah',
        kind: 'document',
        label: L('Akta kelahiran atau ijazah terakhir', 'Birth certificate or latest school certificate'),
      },
      {
        id: 'pas-foto',
        kind: 'document',
        label: L('Pas foto berwarna 4×6 cm, latar merah', 'Colour passport photo 4×6 cm, red background'),
        description: L(
          'Unggah saat mengajukan dan bawa 6 lembar saat mengambil SKCK.',
          'Upload one when you apply and bring 6 prints when you collect the SKCK.',
        ),
      },
      {
        id: 'sidik-jari',
        kind: 'document',
        label: L('Rumus sidik jari', 'Fingerprint card'),
        description: L(
          'Diambil petugas di loket jika Anda belum pernah merekam sidik jari.',
          'Taken at the counter if your fingerprints have not been recorded before.',
        ),
      },
    ],
    procedure: [
      {
        title: L('Daftar secara daring', 'Register online'),
        description: L('Isi formulir dan unggah dokumen di Loket, lalu bayar PNBP.', 'Fill in the form, upload the documents on Loket, then pay the fee.'),
      },
      {
        title: L('Datang ke gerai SKCK', 'Visit the SKCK office'),
        description: L(
          'Bawa nomor permohonan dan dokumen asli. Sidik jari Anda direkam jika belum ada.',
          'Bring the tracking number and original documents. Your fingerprints are taken if not on record.',
        ),
      },
      {
        title: L('Pemeriksaan catatan', 'Records check'),
        description: L('Petugas memeriksa catatan kepolisian atas nama Anda.', 'An officer checks the police records in your name.'),
      },
      {
        title: L('Ambil SKCK', 'Collect the SKCK'),
        description: L('SKCK ditandatangani dan diserahkan kepada Anda.', 'The SKCK is signed and handed to you.'),
      },
    ],
    timeLimit: {
      workingDays: 3,
      explanation: L(
        'Sebagian besar SKCK selesai pada hari Anda datang; paling lambat 3 hari kerja. SKCK berlaku 6 bulan.',
        'Most are ready the day you visit; at the latest within 3 working days. An SKCK is valid for 6 months.',
      ),
    },
    cost: {
      kind: 'paid',
      amount: 30_000,
      legalBasis: L(
        'Peraturan Pemerintah Nomor 76 Tahun 2020 tentang Jenis dan Tarif atas Jenis Penerimaan Negara Bukan Pajak yang Berlaku pada Kepolisian Negara Republik Indonesia',
        'Government Regulation 76 of 2020 on the Types and Tariffs of Non-Tax State Revenue at the Indonesian National Police',
      ),
      explanation: L(
        'Penerimaan negara bukan pajak (PNBP), dibayar melalui bank atau kanal pembayaran resmi. Petugas tidak menerima pembayaran tunai di luar ketentuan.',
        'Non-tax state revenue (PNBP), paid through a bank or an official payment channel. Officers take no cash outside these rules.',
      ),
    },
    product: {
      name: L('Surat Keterangan Catatan Kepolisian (SKCK)', 'Police Clearance Certificate (SKCK)'),
      description: L('SKCK berlaku 6 bulan sejak diterbitkan dan dapat diperpanjang.', 'An SKCK is valid for 6 months from issue and can be renewed.'),
    },
    complaintChannel: complaintChannel(POLRESTABES, '(0411) 420 0006', 'pengaduan@polrestabes.makassar.demo.loket.test'),
    legalBasis: [
      L('Undang-Undang Nomor 2 Tahun 2002 tentang Kepolisian Negara Republik Indonesia', 'Law 2 of 2002 on the Indonesian National Police'),
      L(
        'Peraturan Pemerintah Nomor 76 Tahun 2020 tentang Jenis dan Tarif atas Jenis Penerimaan Negara Bukan Pajak yang Berlaku pada Kepolisian Negara Republik Indonesia',
        'Government Regulation 76 of 2020 on the Types and Tariffs of Non-Tax State Revenue at the Indonesian National Police',
      ),
      L('Peraturan Kepolisian tentang Tata Cara Penerbitan Surat Keterangan Catatan Kepolisian', 'Police Regulation on Issuing Police Clearance Certificates'),
      ...PUBLIC_SERVICE_LAW,
    ],
    ...management(POLRESTABES, 10),
  },
  form: {
    schemaVersion: 1,
    pages: [
      {
        id: 'pemohon',
        title: L('Data pemohon', 'About you'),
        fields: [
          applicantNik(),
          applicantName(),
          { type: 'text', name: 'birthPlace', label: L('Tempat lahir', 'Place of birth'), required: true, maxLength: 80 },
          { type: 'date', name: 'birthDate', label: L('Tanggal lahir', 'Date of birth'), required: true, max: 'today', prefill: 'birthDate' },
          applicantPhone(),
          { type: 'address', name: 'domicileAddress', label: L('Alamat tempat tinggal sekarang', 'Current address'), required: true },
        ],
      },
      {
        id: 'keperluan',
        title: L('Keperluan', 'Purpose'),
        fields: [
          {
            type: 'select',
            name: 'purpose',
            label: L('Untuk apa SKCK ini?', 'What is the SKCK for?'),
            required: true,
            options: [
              { value: 'melamar-kerja', label: L('Melamar pekerjaan', 'Applying for a job') },
              { value: 'cpns', label: L('Pendaftaran CPNS atau PPPK', 'Civil service recruitment') },
              { value: 'pendidikan', label: L('Pendidikan', 'Education') },
              { value: 'visa', label: L('Visa atau keperluan ke luar negeri', 'Visa or travel abroad') },
              { value: 'lainnya', label: L('Lainnya', 'Other') },
            ],
          },
          {
            type: 'text',
            name: 'purposeOther',
            label: L('Sebutkan keperluannya', 'State the purpose'),
            required: true,
            maxLength: 200,
            showWhen: { field: 'purpose', equals: ['lainnya'] },
          },
          {
            type: 'radios',
            name: 'pastCase',
            label: L('Pernahkah Anda tersangkut perkara pidana?', 'Have you ever been involved in a criminal case?'),
            required: true,
            options: [
              { value: 'tidak', label: L('Tidak pernah', 'Never') },
              { value: 'pernah', label: L('Pernah', 'Yes') },
            ],
          },
          {
            type: 'longText',
            name: 'caseDetails',
            label: L('Ceritakan perkaranya', 'Describe the case'),
            hint: L('Perkara apa, kapan, dan putusannya.', 'What the case was, when, and the verdict.'),
            required: true,
            maxLength: 1000,
            showWhen: { field: 'pastCase', equals: ['pernah'] },
          },
        ],
      },
      {
        id: 'dokumen',
        title: L('Dokumen', 'Documents'),
        fields: [
          upload('photo', L('Pas foto 4×6 cm, latar merah', 'Passport photo 4×6 cm, red background'), 'pas-foto', { images: true }),
          upload('birthOrSchoolCertificate', L('Akta kelahiran atau ijazah terakhir', 'Birth certificate or latest school certificate'), 'akta-atau-ijazah'),
        ],
      },
      declarationPage(),
    ],
  },
};

export const SOCIAL_REGISTRY: DemoService = {
  agencyCode: 'dinsos-kota-surabaya',
  code: 'pendaftaran-dtks-kota-surabaya',
  nameId: 'Pendaftaran Data Terpadu Kesejahteraan Sosial (DTKS)',
  nameEn: 'Registering in the Integrated Social Welfare Data (DTKS)',
  summaryId: 'Daftarkan keluarga Anda ke DTKS agar dapat dipertimbangkan menerima bantuan sosial, seperti PKH, bantuan pangan, dan PBI JKN.',
  summaryEn: 'Register your household in the DTKS to be considered for social assistance such as PKH, food aid and government-paid health insurance.',
  lifeEvents: ['social'],
  applicantTypes: ['citizen'],
  // Registration is verified by a visit and a village meeting: it starts at the counter.
  channels: ['counter'],
  priorityGroups: ['elderly', 'disabled', 'pregnant'],
  workflow: {
    schemaVersion: 1,
    steps: [
      {
        id: 'check-application',
        title: L('Periksa usulan', 'Check the application'),
        responsible: { role: 'officer', unitCode: 'kantor-dinas' },
        shareOfTimeLimit: 15,
        checklist: [
          check('nik-valid', 'NIK dan KK padan dengan data Dukcapil', 'The NIK and family card match the civil registry'),
          check('not-registered', 'Rumah tangga belum terdaftar di DTKS', 'The household is not yet in the DTKS'),
        ],
        actions: ['advance', 'request_information', 'forward'],
      },
      {
        id: 'home-visit',
        title: L('Kunjungan rumah', 'Home visit'),
        responsible: { role: 'officer' },
        shareOfTimeLimit: 45,
        checklist: [
          check('home-visited', 'Rumah dikunjungi dan difoto', 'The home is visited and photographed'),
          check('conditions-match', 'Kondisi rumah tangga sesuai isian', 'The household’s conditions match the application'),
          check('rt-statement', 'Keterangan RT/RW diperoleh', 'A statement from the RT/RW is obtained'),
        ],
        actions: ['advance', 'request_information', 'forward'],
      },
      {
        id: 'deliberation',
        title: L('Musyawarah kelurahan', 'Village deliberation'),
        responsible: { role: 'supervisor', unitCode: 'kantor-dinas' },
        shareOfTimeLimit: 20,
        checklist: [check('minutes-signed', 'Berita acara musyawarah ditandatangani', 'The minutes of the deliberation are signed')],
        actions: ['approve', 'reject', 'request_information'],
      },
      {
        id: 'submit-registry',
        title: L('Kirim ke DTKS Kementerian Sosial', 'Submit to the Ministry of Social Affairs registry'),
        responsible: { role: 'officer', unitCode: 'kantor-dinas' },
        shareOfTimeLimit: 20,
        checklist: [check('uploaded-siks', 'Data diunggah ke SIKS-NG', 'The data is uploaded to SIKS-NG')],
        actions: ['issue'],
      },
    ],
  },
  standard: {
    requirements: [
      NIK_FETCHED,
      KK_FETCHED,
      {
        id: 'foto-rumah',
        kind: 'document',
        label: L('Foto rumah tampak depan dan dalam', 'Photos of the front and inside of the home'),
      },
      {
        id: 'surat-keterangan-kelurahan',
        kind: 'document',
        label: L('Surat pengantar dari RT/RW atau kelurahan', 'Covering letter from the neighbourhood head or the kelurahan'),
      },
    ],
    procedure: [
      {
        title: L('Datang ke loket', 'Visit the counter'),
        description: L(
          'Datang ke kantor Dinas Sosial atau kelurahan dengan KTP-el dan KK. Petugas mencatat usulan Anda.',
          'Visit the Social Affairs Office or your kelurahan with your KTP-el and family card. An officer records the proposal.',
        ),
      },
      {
        title: L('Verifikasi lapangan', 'Home visit'),
        description: L('Petugas atau pendamping sosial mengunjungi rumah Anda.', 'An officer or social worker visits your home.'),
      },
      {
        title: L('Musyawarah kelurahan', 'Kelurahan meeting'),
        description: L('Usulan dibahas dan disahkan dalam musyawarah kelurahan.', 'The proposal is discussed and endorsed at a kelurahan meeting.'),
      },
      {
        title: L('Pengiriman ke Kementerian Sosial', 'Sent to the Ministry of Social Affairs'),
        description: L(
          'Data dikirim untuk ditetapkan. Anda diberi tahu hasilnya lewat Loket.',
          'The data is sent for decision. You are told the outcome through Loket.',
        ),
      },
    ],
    timeLimit: {
      workingDays: 20,
      explanation: L(
        'Sampai usulan dikirim ke Kementerian Sosial. Penetapan sebagai penerima bantuan mengikuti jadwal Kementerian Sosial.',
        'Until the proposal is sent to the Ministry of Social Affairs. Decisions on assistance follow the Ministry’s schedule.',
      ),
    },
    cost: { kind: 'free', legalBasis: L('Pendaftaran DTKS tidak dipungut biaya', 'Registration in the DTKS is free of charge') },
    product: {
      name: L('Keluarga terdaftar dalam DTKS', 'The household registered in the DTKS'),
      description: L(
        'Bukti pendaftaran dan status usulan. Terdaftar di DTKS tidak otomatis berarti menerima bantuan.',
        'Proof of registration and the status of the proposal. Being registered does not by itself mean receiving assistance.',
      ),
    },
    complaintChannel: complaintChannel(DINSOS_SURABAYA, '(031) 420 0007', 'pengaduan@dinsos.surabaya.demo.loket.test'),
    legalBasis: [
      L('Undang-Undang Nomor 13 Tahun 2011 tentang Penanganan Fakir Miskin', 'Law 13 of 2011 on Handling the Poor'),
      L(
        'Peraturan Menteri Sosial Nomor 3 Tahun 2021 tentang Pengelolaan Data Terpadu Kesejahteraan Sosial',
        'Regulation of the Minister of Social Affairs 3 of 2021 on Managing the DTKS',
      ),
      ...PUBLIC_SERVICE_LAW,
    ],
    ...management(DINSOS_SURABAYA, 15),
    eligibility: L('Keluarga yang terdaftar sebagai penduduk Kota Surabaya.', 'Households registered as residents of the City of Surabaya.'),
  },
  form: {
    schemaVersion: 1,
    pages: [
      { id: 'pemohon', title: L('Data pemohon', 'About you'), fields: [applicantNik(), applicantName(), applicantPhone(), familyCardNumber()] },
      {
        id: 'rumah-tangga',
        title: L('Rumah tangga', 'The household'),
        fields: [
          { type: 'address', name: 'homeAddress', label: L('Alamat rumah', 'Home address'), required: true },
          {
            type: 'number',
            name: 'householdSize',
            label: L('Jumlah anggota rumah tangga', 'Number of people in the household'),
            required: true,
            min: 1,
            max: 30,
          },
          {
            type: 'money',
            name: 'monthlyIncome',
            label: L('Penghasilan rumah tangga per bulan (rupiah)', 'Household income per month (rupiah)'),
            required: true,
            min: 0,
          },
          {
            type: 'radios',
            name: 'homeOwnership',
            label: L('Status rumah', 'Home ownership'),
            required: true,
            options: [
              { value: 'milik-sendiri', label: L('Milik sendiri', 'Own home') },
              { value: 'sewa', label: L('Sewa atau kontrak', 'Rented') },
              { value: 'menumpang', label: L('Menumpang', 'Living with others') },
            ],
          },
        ],
      },
      {
        id: 'kondisi',
        title: L('Anggota yang perlu perhatian khusus', 'Members needing special care'),
        fields: [
          {
            type: 'checkboxes',
            name: 'vulnerableMembers',
            label: L('Apakah di rumah ada…', 'Does the household include…'),
            required: false,
            options: [
              { value: 'lansia', label: L('Lansia (60 tahun ke atas)', 'Older people (60 or over)') },
              { value: 'disabilitas', label: L('Penyandang disabilitas', 'Disabled people') },
              { value: 'ibu-hamil', label: L('Ibu hamil', 'A pregnant woman') },
              { value: 'balita', label: L('Anak balita', 'Children under five') },
            ],
          },
          {
            type: 'text',
            name: 'disabilityDetails',
            label: L('Jenis disabilitas', 'Kind of disability'),
            required: false,
            maxLength: 200,
            showWhen: { field: 'vulnerableMembers', equals: ['disabilitas'] },
          },
          upload('homePhotos', L('Foto rumah tampak depan dan dalam', 'Photos of the front and inside of the home'), 'foto-rumah', { images: true }),
        ],
      },
      declarationPage(),
    ],
  },
};

export const HEALTH_INSURANCE_PBI: DemoService = {
  agencyCode: 'dinkes-provinsi-jawa-timur',
  code: 'pbi-jkn-provinsi-jawa-timur',
  nameId: 'Pendaftaran Peserta BPJS Kesehatan PBI (Iuran Dibayar Pemerintah Daerah)',
  nameEn: 'Enrolment in BPJS Health Insurance Paid by the Regional Government (PBI)',
  summaryId: 'Jaminan kesehatan JKN-KIS yang iurannya dibayar Pemerintah Provinsi Jawa Timur bagi warga tidak mampu.',
  summaryEn: 'National health insurance (JKN-KIS) whose contributions the East Java provincial government pays for residents on low incomes.',
  lifeEvents: ['health', 'social'],
  applicantTypes: ['citizen'],
  channels: ['online', 'counter'],
  priorityGroups: ['elderly', 'disabled', 'pregnant'],
  workflow: {
    schemaVersion: 1,
    steps: [
      {
        id: 'verify-eligibility',
        title: L('Verifikasi kelayakan', 'Verify eligibility'),
        responsible: { role: 'officer', unitCode: 'kantor-dinas' },
        shareOfTimeLimit: 30,
        checklist: [
          check('in-dtks', 'Terdaftar di DTKS', 'Listed in the DTKS'),
          check('no-other-jkn', 'Belum menjadi peserta JKN aktif lain', 'Not already an active JKN member'),
        ],
        actions: ['advance', 'request_information', 'forward'],
      },
      {
        id: 'verify-family',
        title: L('Verifikasi anggota keluarga', 'Verify the family members'),
        responsible: { role: 'officer', unitCode: 'kantor-dinas' },
        shareOfTimeLimit: 20,
        checklist: [check('members-on-kk', 'Anggota yang didaftarkan ada di KK', 'The members enrolled are on the family card')],
        actions: ['advance', 'request_information'],
        condition: { field: 'enrolWho', equals: ['keluarga'] },
      },
      {
        id: 'decide',
        title: L('Penetapan peserta PBI', 'Decision on PBI membership'),
        responsible: { role: 'supervisor', unitCode: 'kantor-dinas' },
        shareOfTimeLimit: 25,
        checklist: [],
        actions: ['approve', 'reject', 'request_information'],
      },
      {
        id: 'register-bpjs',
        title: L('Daftarkan ke BPJS Kesehatan', 'Register with BPJS Kesehatan'),
        responsible: { role: 'officer', unitCode: 'kantor-dinas' },
        shareOfTimeLimit: 25,
        checklist: [
          check('sent-to-bpjs', 'Data dikirim ke BPJS Kesehatan', 'The data is sent to BPJS Kesehatan'),
          check('card-number', 'Nomor kartu JKN diterima', 'The JKN card number is received'),
        ],
        actions: ['issue'],
      },
    ],
  },
  standard: {
    requirements: [
      NIK_FETCHED,
      KK_FETCHED,
      { id: 'dtks', kind: 'data', label: L('Terdaftar dalam DTKS', 'Registered in the DTKS'), fetchableFrom: 'kemensos.dtks' },
      {
        id: 'sktm',
        kind: 'document',
        label: L('Surat keterangan tidak mampu dari kelurahan atau desa', 'Certificate of low income from the kelurahan or village'),
        description: L('Hanya jika keluarga Anda belum terdaftar dalam DTKS.', 'Only if your household is not yet registered in the DTKS.'),
      },
    ],
    procedure: [
      {
        title: L('Ajukan permohonan', 'Apply'),
        description: L('Isi formulir di Loket atau di puskesmas.', 'Fill in the form on Loket or at a health centre.'),
      },
      {
        title: L('Pemeriksaan kelayakan', 'Eligibility check'),
        description: L(
          'Petugas memeriksa data Anda dalam DTKS dan kepesertaan JKN yang sudah ada.',
          'An officer checks your DTKS data and any existing JKN membership.',
        ),
      },
      {
        title: L('Pendaftaran ke BPJS Kesehatan', 'Enrolment with BPJS Kesehatan'),
        description: L(
          'Dinas Kesehatan mendaftarkan Anda sebagai peserta yang iurannya dibayar pemerintah daerah.',
          'The Health Office enrols you as a member whose contributions the regional government pays.',
        ),
      },
      {
        title: L('Kartu aktif', 'Membership active'),
        description: L(
          'Kartu JKN-KIS digital aktif dan dapat dilihat di aplikasi Mobile JKN.',
          'The digital JKN-KIS card is active and shown in the Mobile JKN app.',
        ),
      },
    ],
    timeLimit: {
      workingDays: 14,
      explanation: L(
        'Kepesertaan aktif mulai bulan berikutnya setelah didaftarkan. Dalam keadaan darurat, rumah sakit tetap wajib menolong Anda.',
        'Membership becomes active from the month after enrolment. In an emergency, hospitals must treat you regardless.',
      ),
    },
    cost: { kind: 'free', legalBasis: L('Iuran dibayar Pemerintah Provinsi Jawa Timur', 'Contributions paid by the East Java provincial government') },
    product: {
      name: L('Kepesertaan JKN-KIS segmen PBI daerah', 'JKN-KIS membership paid by the regional government'),
      description: L(
        'Anda dan anggota keluarga yang didaftarkan dapat berobat di puskesmas atau klinik yang dipilih, dan dirujuk ke rumah sakit bila perlu, tanpa membayar iuran.',
        'You and the family members enrolled can be treated at the chosen health centre or clinic, and referred to hospital when needed, without paying contributions.',
      ),
    },
    complaintChannel: complaintChannel(DINKES_JATIM, '(031) 420 0008', 'pengaduan@dinkes.jatim.demo.loket.test'),
    legalBasis: [
      L('Undang-Undang Nomor 40 Tahun 2004 tentang Sistem Jaminan Sosial Nasional', 'Law 40 of 2004 on the National Social Security System'),
      L('Undang-Undang Nomor 24 Tahun 2011 tentang Badan Penyelenggara Jaminan Sosial', 'Law 24 of 2011 on the Social Security Agencies'),
      L(
        'Peraturan Pemerintah Nomor 101 Tahun 2012 tentang Penerima Bantuan Iuran Jaminan Kesehatan sebagaimana telah diubah dengan Peraturan Pemerintah Nomor 76 Tahun 2015',
        'Government Regulation 101 of 2012 on Recipients of Health Insurance Contribution Assistance, as amended by Government Regulation 76 of 2015',
      ),
      L('Peraturan Presiden Nomor 82 Tahun 2018 tentang Jaminan Kesehatan', 'Presidential Regulation 82 of 2018 on Health Insurance'),
      ...PUBLIC_SERVICE_LAW,
    ],
    ...management(DINKES_JATIM, 8),
    eligibility: L(
      'Penduduk Jawa Timur yang tidak mampu dan belum menjadi peserta JKN aktif.',
      'Residents of East Java on low incomes who are not active JKN members yet.',
    ),
  },
  form: {
    schemaVersion: 1,
    pages: [
      { id: 'peserta', title: L('Data pemohon', 'About you'), fields: [applicantNik(), applicantName(), applicantPhone(), familyCardNumber()] },
      {
        id: 'keluarga',
        title: L('Siapa yang didaftarkan', 'Who is enrolled'),
        fields: [
          {
            type: 'radios',
            name: 'enrolWho',
            label: L('Siapa yang ingin didaftarkan?', 'Who should be enrolled?'),
            required: true,
            options: [
              { value: 'sendiri', label: L('Saya sendiri', 'Only me') },
              { value: 'keluarga', label: L('Saya dan anggota keluarga dalam KK', 'Me and members of my family card') },
            ],
          },
          {
            type: 'nik',
            name: 'headOfFamilyNik',
            label: L('NIK kepala keluarga', 'NIK of the head of the family'),
            required: true,
            showWhen: { field: 'enrolWho', equals: ['keluarga'] },
          },
          { type: 'address', name: 'homeAddress', label: L('Alamat tempat tinggal', 'Home address'), required: true },
          {
            type: 'text',
            name: 'preferredClinic',
            label: L('Puskesmas atau klinik pilihan', 'Preferred health centre or clinic'),
            hint: L('Fasilitas kesehatan tingkat pertama terdekat dari rumah.', 'The nearest primary care facility.'),
            required: true,
            maxLength: 120,
          },
        ],
      },
      {
        id: 'dokumen',
        title: L('Dokumen', 'Documents'),
        fields: [
          upload('lowIncomeCertificate', L('Surat keterangan tidak mampu', 'Certificate of low income'), 'sktm', {
            required: false,
            hint: L('Wajib jika keluarga Anda belum terdaftar dalam DTKS.', 'Required if your household is not registered in the DTKS.'),
          }),
        ],
      },
      declarationPage(),
    ],
  },
};
