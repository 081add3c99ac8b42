import { defineMessages } from '../../platform/i18n/define.ts';

/** Staff pages: the complaints desk, agency queues, the response composer, routing rules, statistics. */
export const complaintDeskMessages = defineMessages({
  id: {
    'complaintDesk.title': 'Meja pengaduan',
  },
  en: {
    'complaintDesk.title': 'Complaints desk',
  },
});
