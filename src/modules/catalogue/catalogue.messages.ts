import { defineMessages } from '../../platform/i18n/define.ts';

export const catalogueMessages = defineMessages({
  id: {},
  en: {},
});
