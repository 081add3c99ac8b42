import type { FormSchema } from './form-schema.ts';

/**
 * Birth registration (akta kelahiran), as a Dukcapil office would ask for it: the child, the place of
 * birth, the parents (the father's page only when his name is to be recorded), the person reporting
 * the birth (prefilled from their profile) and the birth letter from the hospital or midwife. Tests
 * use it, and the demo seed may too.
 */
export const birthRegistrationForm: FormSchema = {
  schemaVersion: 1,
  pages: [
    {
      id: 'child',
      title: { id: 'Data anak', en: 'About the child' },
      fields: [
        {
          type: 'text',
          name: 'childName',
          label: { id: 'Nama lengkap anak', en: "Child's full name" },
          hint: { id: 'Tulis sesuai surat keterangan lahir. Gunakan huruf saja.', en: 'As on the birth letter. Use letters only.' },
          required: true,
          maxLength: 100,
          pattern: "[\\p{L} .'-]+",
        },
        {
          type: 'date',
          name: 'childBirthDate',
          label: { id: 'Tanggal lahir anak', en: "Child's date of birth" },
          required: true,
          min: '1900-01-01',
          max: 'today',
        },
        {
          type: 'radios',
          name: 'childSex',
          label: { id: 'Jenis kelamin anak', en: "Child's sex" },
          required: true,
          options: [
            { value: 'female', label: { id: 'Perempuan', en: 'Female' } },
            { value: 'male', label: { id: 'Laki-laki', en: 'Male' } },
          ],
        },
      ],
    },
    {
      id: 'birth-place',
      title: { id: 'Tempat kelahiran', en: 'Place of birth' },
      fields: [
        {
          type: 'radios',
          name: 'birthPlaceType',
          label: { id: 'Di mana anak lahir?', en: 'Where was the child born?' },
          required: true,
          options: [
            { value: 'hospital', label: { id: 'Rumah sakit', en: 'Hospital' } },
            { value: 'clinic', label: { id: 'Puskesmas atau klinik', en: 'Community health centre or clinic' } },
            { value: 'home', label: { id: 'Rumah', en: 'At home' } },
            { value: 'other', label: { id: 'Tempat lain', en: 'Somewhere else' } },
          ],
        },
        {
          type: 'text',
          name: 'birthPlaceOther',
          label: { id: 'Nama atau keterangan tempat lain', en: 'Name or description of the other place' },
          hint: { id: 'Misalnya: di perjalanan ke rumah sakit.', en: 'For example: on the way to hospital.' },
          required: true,
          maxLength: 200,
          showWhen: { field: 'birthPlaceType', equals: ['other'] },
        },
        { type: 'address', name: 'birthAddress', label: { id: 'Alamat tempat lahir', en: 'Address of the place of birth' }, required: true },
      ],
    },
    {
      id: 'parents',
      title: { id: 'Data ibu', en: 'About the mother' },
      fields: [
        { type: 'text', name: 'motherName', label: { id: 'Nama lengkap ibu', en: "Mother's full name" }, required: true, maxLength: 100 },
        {
          type: 'nik',
          name: 'motherNik',
          label: { id: 'NIK ibu', en: "Mother's NIK" },
          hint: { id: '16 angka, tercantum di KTP elektronik ibu.', en: "16 digits, on the mother's electronic identity card." },
          required: true,
        },
        {
          type: 'radios',
          name: 'fatherRecorded',
          label: { id: 'Apakah nama ayah dicantumkan dalam akta?', en: "Is the father's name to be recorded on the certificate?" },
          hint: { id: 'Nama ayah dicantumkan jika orang tua tercatat menikah.', en: 'It is recorded when the parents are registered as married.' },
          required: true,
          options: [
            { value: 'yes', label: { id: 'Ya', en: 'Yes' } },
            { value: 'no', label: { id: 'Tidak', en: 'No' } },
          ],
        },
      ],
    },
    {
      id: 'father',
      title: { id: 'Data ayah', en: 'About the father' },
      fields: [
        {
          type: 'text',
          name: 'fatherName',
          label: { id: 'Nama lengkap ayah', en: "Father's full name" },
          required: true,
          maxLength: 100,
          showWhen: { field: 'fatherRecorded', equals: ['yes'] },
        },
        {
          type: 'nik',
          name: 'fatherNik',
          label: { id: 'NIK ayah', en: "Father's NIK" },
          required: true,
          showWhen: { field: 'fatherRecorded', equals: ['yes'] },
        },
      ],
    },
    {
      id: 'reporter',
      title: { id: 'Pelapor', en: 'Who is reporting the birth' },
      fields: [
        { type: 'text', name: 'reporterName', label: { id: 'Nama lengkap Anda', en: 'Your full name' }, required: true, maxLength: 100, prefill: 'fullName' },
        { type: 'nik', name: 'reporterNik', label: { id: 'NIK Anda', en: 'Your NIK' }, required: true, prefill: 'nik' },
        {
          type: 'phone',
          name: 'reporterPhone',
          label: { id: 'Nomor ponsel Anda', en: 'Your mobile number' },
          hint: { id: 'Kami mengirim kabar permohonan ke nomor ini.', en: 'We send news of the application to this number.' },
          required: true,
          prefill: 'phone',
        },
        {
          type: 'select',
          name: 'reporterRelationship',
          label: { id: 'Hubungan Anda dengan anak', en: 'Your relationship to the child' },
          required: true,
          options: [
            { value: 'mother', label: { id: 'Ibu', en: 'Mother' } },
            { value: 'father', label: { id: 'Ayah', en: 'Father' } },
            { value: 'family', label: { id: 'Anggota keluarga lain', en: 'Another family member' } },
            { value: 'other', label: { id: 'Orang lain yang diberi kuasa', en: 'Someone else with a power of attorney' } },
          ],
        },
        {
          type: 'checkboxes',
          name: 'alsoIssue',
          label: { id: 'Dokumen lain yang ingin diterbitkan sekaligus', en: 'Other documents to issue at the same time' },
          required: false,
          options: [
            { value: 'family-card', label: { id: 'Kartu keluarga baru dengan nama anak', en: "A new family card with the child's name" } },
            { value: 'child-id', label: { id: 'Kartu Identitas Anak (KIA)', en: "Child's identity card (KIA)" } },
          ],
        },
      ],
    },
    {
      id: 'documents',
      title: { id: 'Dokumen', en: 'Documents' },
      fields: [
        {
          type: 'file',
          name: 'birthLetter',
          label: { id: 'Surat keterangan lahir', en: 'Birth letter' },
          hint: { id: 'Dari rumah sakit, puskesmas, atau bidan.', en: 'From the hospital, health centre or midwife.' },
          required: true,
          accept: ['application/pdf', 'image/jpeg', 'image/png'],
          maxSizeBytes: 2 * 1024 * 1024,
          maxFiles: 2,
        },
        {
          type: 'file',
          name: 'marriageCertificate',
          label: { id: 'Buku nikah atau akta perkawinan orang tua', en: "Parents' marriage book or certificate" },
          required: false,
          accept: ['application/pdf', 'image/jpeg'],
          maxSizeBytes: 2 * 1024 * 1024,
          maxFiles: 1,
          requirement: 'marriage-certificate',
          showWhen: { field: 'fatherRecorded', equals: ['yes'] },
        },
      ],
    },
  ],
};
