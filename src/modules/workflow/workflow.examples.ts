import type { WorkflowDefinition } from './workflow.schema.ts';

/**
 * Birth registration at a Dukcapil office (see birthRegistrationForm): completeness, document check,
 * a home-birth verification only when the child was born at home or elsewhere, the registrar's
 * decision, then the head of office signs and issues the certificate.
 */
export const birthCertificateWorkflow: WorkflowDefinition = {
  schemaVersion: 1,
  steps: [
    {
      id: 'check-completeness',
      title: { id: 'Periksa kelengkapan berkas', en: 'Check the application is complete' },
      responsible: { role: 'officer', unitCode: 'kantor-dinas' },
      shareOfTimeLimit: 15,
      checklist: [
        { id: 'birth-letter-readable', label: { id: 'Surat keterangan lahir terbaca', en: 'The birth letter is readable' } },
        { id: 'reporter-identified', label: { id: 'Identitas pelapor sesuai', en: "The reporter's identity matches" } },
      ],
      actions: ['advance', 'request_information', 'forward'],
    },
    {
      id: 'verify-documents',
      title: { id: 'Verifikasi dokumen', en: 'Verify the documents' },
      responsible: { role: 'officer', unitCode: 'kantor-dinas' },
      shareOfTimeLimit: 30,
      checklist: [
        { id: 'mother-nik-matches', label: { id: 'NIK ibu cocok dengan data kependudukan', en: "The mother's NIK matches the population register" } },
        { id: 'marriage-checked', label: { id: 'Status perkawinan orang tua diperiksa', en: "The parents' marriage record is checked" } },
      ],
      actions: ['advance', 'request_information', 'forward'],
    },
    {
      id: 'home-birth-inspection',
      title: { id: 'Verifikasi kelahiran di luar fasilitas kesehatan', en: 'Verify a birth outside a health facility' },
      responsible: { role: 'officer', unitCode: 'kantor-dinas' },
      shareOfTimeLimit: 20,
      checklist: [{ id: 'witnesses-heard', label: { id: 'Saksi kelahiran dimintai keterangan', en: 'The witnesses of the birth were heard' } }],
      actions: ['advance', 'request_information', 'forward'],
      condition: { field: 'birthPlaceType', equals: ['home', 'other'] },
    },
    {
      id: 'decide',
      title: { id: 'Keputusan pencatatan', en: 'Registration decision' },
      responsible: { role: 'officer', unitCode: 'kantor-dinas' },
      shareOfTimeLimit: 20,
      checklist: [],
      actions: ['approve', 'reject', 'request_information'],
    },
    {
      id: 'sign-and-issue',
      title: { id: 'Tanda tangan dan terbitkan akta', en: 'Sign and issue the certificate' },
      responsible: { role: 'supervisor', unitCode: 'kantor-dinas' },
      shareOfTimeLimit: 15,
      checklist: [],
      actions: ['issue', 'reject'],
    },
  ],
};

/** A starting point for any service: check, assess, decide, issue (after payment, where a fee applies). */
export const genericWorkflow: WorkflowDefinition = {
  schemaVersion: 1,
  steps: [
    {
      id: 'check',
      title: { id: 'Periksa kelengkapan', en: 'Check completeness' },
      responsible: { role: 'officer' },
      shareOfTimeLimit: 20,
      checklist: [{ id: 'requirements-present', label: { id: 'Semua persyaratan ada', en: 'Every requirement is present' } }],
      actions: ['advance', 'request_information', 'forward'],
    },
    {
      id: 'assess',
      title: { id: 'Kajian', en: 'Assessment' },
      responsible: { role: 'officer' },
      shareOfTimeLimit: 40,
      checklist: [],
      actions: ['advance', 'request_information', 'forward'],
    },
    {
      id: 'decide',
      title: { id: 'Keputusan', en: 'Decision' },
      responsible: { role: 'supervisor' },
      shareOfTimeLimit: 25,
      checklist: [],
      actions: ['approve', 'reject', 'forward'],
    },
    {
      id: 'issue',
      title: { id: 'Terbitkan', en: 'Issue' },
      responsible: { role: 'supervisor' },
      shareOfTimeLimit: 15,
      checklist: [],
      actions: ['issue'],
      waitForPayment: true,
    },
  ],
};
