import { defineMessages } from '../../platform/i18n/define.ts';

/** The complaints service: statuses, kinds, archive reasons, refusals, filing problems, timeline kinds. */
export const complaintsMessages = defineMessages({
  id: {
    'complaints.name': 'Pengaduan',
  },
  en: {
    'complaints.name': 'Complaints',
  },
});
