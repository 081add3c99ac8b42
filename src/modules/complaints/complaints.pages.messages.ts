import { defineMessages } from '../../platform/i18n/define.ts';

/** Public and reporter pages: filing, tracking, follow-up, the public list and map. */
export const complaintPagesMessages = defineMessages({
  id: {
    'complaintPages.title': 'Pengaduan dan aspirasi',
  },
  en: {
    'complaintPages.title': 'Complaints and aspirations',
  },
});
