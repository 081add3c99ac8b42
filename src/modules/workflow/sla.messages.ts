import { defineMessages } from '../../platform/i18n/define.ts';

/** The SLA clock: warnings, breaches, escalation and what the applicant sees of the clock. */
export const slaMessages = defineMessages({
  id: {},
  en: {},
});
