import { defineMessages } from '../i18n/define.ts';

export const auditMessages = defineMessages({
  id: {},
  en: {},
});
