import { defineMessages } from '../../platform/i18n/define.ts';

/** Back-office pages: work queues, the application workspace and the supervisor page. */
export const backofficeMessages = defineMessages({
  id: {},
  en: {},
});
