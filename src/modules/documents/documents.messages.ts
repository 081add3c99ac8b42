import { defineMessages } from '../../platform/i18n/define.ts';

/** Issued documents: the PDF, verification page and API, revocation, downloads. */
export const documentsMessages = defineMessages({
  id: {},
  en: {},
});
