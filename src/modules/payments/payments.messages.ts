import { defineMessages } from '../../platform/i18n/define.ts';

/** Fees: billing codes, the payment sandbox and what the applicant sees. */
export const paymentsMessages = defineMessages({
  id: {},
  en: {},
});
