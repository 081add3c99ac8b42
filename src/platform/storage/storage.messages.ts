import { defineMessages } from '../i18n/define.ts';

export const storageMessages = defineMessages({
  id: {},
  en: {},
});
