import { defineMessages } from '../../platform/i18n/define.ts';

export const applicationsMessages = defineMessages({
  id: {},
  en: {},
});
