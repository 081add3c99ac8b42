import { defineMessages } from '../i18n/define.ts';

export const notifyMessages = defineMessages({
  id: {},
  en: {},
});
