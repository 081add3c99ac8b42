import { defineMessages } from '../i18n/define.ts';

export const formsMessages = defineMessages({
  id: {},
  en: {},
});
