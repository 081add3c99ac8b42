import { defineMessages } from '../../platform/i18n/define.ts';

/** The SLA clock: warnings, breaches, escalation and what the applicant sees of the clock. */
export const slaMessages = defineMessages({
  id: {
    'sla.applicant.paused': 'Batas waktu layanan berhenti sementara selama kami menunggu jawaban Anda, dan berjalan lagi setelah Anda menjawab.',
    'sla.applicant.resumed.none':
      'Batas waktu layanan berjalan lagi setelah Anda menjawab. Menunggu jawaban Anda tidak memakan hari kerja, jadi batas waktunya tidak bergeser.',
    'sla.applicant.resumed.lessThanDay': 'Batas waktu layanan sempat berhenti kurang dari satu hari kerja selama kami menunggu jawaban Anda.',
    'sla.applicant.resumed.one': 'Batas waktu layanan sempat berhenti {days} hari kerja selama kami menunggu jawaban Anda.',
    'sla.applicant.resumed.many': 'Batas waktu layanan sempat berhenti {days} hari kerja selama kami menunggu jawaban Anda.',
    'sla.applicant.moved': 'Karena itu batas waktu bergeser dari {from} menjadi {to}.',
    'sla.applicant.onTime': 'Diselesaikan tepat waktu, dalam batas waktu layanan ({date}).',
    'sla.applicant.late.one': 'Diselesaikan {days} hari kerja setelah batas waktu layanan ({date}).',
    'sla.applicant.late.many': 'Diselesaikan {days} hari kerja setelah batas waktu layanan ({date}).',
  },
  en: {
    'sla.applicant.paused': 'The time limit is paused while we wait for your answer, and runs again once you reply.',
    'sla.applicant.resumed.none':
      'The time limit runs again now that you have answered. Waiting for your answer took no working time, so the due date did not move.',
    'sla.applicant.resumed.lessThanDay': 'The time limit was paused for less than a working day while we waited for your answer.',
    'sla.applicant.resumed.one': 'The time limit was paused for {days} working day while we waited for your answer.',
    'sla.applicant.resumed.many': 'The time limit was paused for {days} working days while we waited for your answer.',
    'sla.applicant.moved': 'The due date therefore moved from {from} to {to}.',
    'sla.applicant.onTime': 'Completed on time, within the time limit ({date}).',
    'sla.applicant.late.one': 'Completed {days} working day late (the time limit was {date}).',
    'sla.applicant.late.many': 'Completed {days} working days late (the time limit was {date}).',
  },
});
