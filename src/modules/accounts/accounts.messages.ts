import { defineMessages } from '../../platform/i18n/define.ts';

export const accountsMessages = defineMessages({
  id: {},
  en: {},
});
