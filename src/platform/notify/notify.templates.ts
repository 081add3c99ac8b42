import { type Formatters, formatters, type Locale, type MessageKey, translator } from '../i18n/index.ts';
import type { NotificationChannel } from './notify.tables.ts';

/** A message that cannot be built: unknown kind, missing or malformed parameter. `reason` names no value. */
export class TemplateError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'TemplateError';
  }
}

interface TemplateSpec<P extends string> {
  /** What the kind is called on the development mailbox page. */
  label: MessageKey;
  /** The parameters the caller must give; only these are stored. */
  params: readonly P[];
  subject: MessageKey;
  /** E-mail body, between the greeting and the footer. */
  body: MessageKey;
  /** SMS and WhatsApp: one short paragraph. */
  short: MessageKey;
  /** Turns stored parameters into what the reader sees (dates in their language); default: as stored. */
  display?: (params: Readonly<Record<P, string>>, format: Formatters) => Record<string, string>;
}

function parseTime(name: string, value: string): Date {
  const time = new Date(value);
  if (Number.isNaN(time.getTime())) throw new TemplateError(`parameter ${name} is not a time`);
  return time;
}

function template<const P extends string>(spec: TemplateSpec<P>): TemplateSpec<P> {
  return spec;
}

/**
 * Every kind of message Loket sends. Adding one: write its texts in notify.messages.ts (both languages),
 * then add an entry here; `enqueue` is then typed with its parameters.
 */
export const TEMPLATES = {
  /** `code`: the one-time code, valid 10 minutes (the accounts module's lifetime; the text says so). */
  'account.verify_contact': template({
    label: 'notify.verifyContact.label',
    params: ['code'],
    subject: 'notify.verifyContact.subject',
    body: 'notify.verifyContact.body',
    short: 'notify.verifyContact.short',
  }),
  /** `at`: ISO time of the sign-in; `device`: a short description such as "Firefox, Android". */
  'account.sign_in_alert': template({
    label: 'notify.signInAlert.label',
    params: ['at', 'device'],
    subject: 'notify.signInAlert.subject',
    body: 'notify.signInAlert.body',
    short: 'notify.signInAlert.short',
    display: ({ at, device }, format) => ({ time: format.dateTime(parseTime('at', at)), device }),
  }),
  /**
   * Applications. Parameters are stored in clear: only what the recipient needs, never a NIK or an
   * answer. `serviceName`, `dueDate` and `status` are already in the recipient's language (the
   * applications module chooses them when it enqueues).
   */
  'application.submitted': template({
    label: 'notify.applicationSubmitted.label',
    params: ['trackingNumber', 'serviceName', 'dueDate'],
    subject: 'notify.applicationSubmitted.subject',
    body: 'notify.applicationSubmitted.body',
    short: 'notify.applicationSubmitted.short',
  }),
  /** `link`: the application's page for the applicant, where the officer's message is. */
  'application.information_requested': template({
    label: 'notify.informationRequested.label',
    params: ['trackingNumber', 'link'],
    subject: 'notify.informationRequested.subject',
    body: 'notify.informationRequested.body',
    short: 'notify.informationRequested.short',
  }),
  /** `status`: the new status as the applicant's pages label it. */
  'application.status_changed': template({
    label: 'notify.applicationStatus.label',
    params: ['trackingNumber', 'status'],
    subject: 'notify.applicationStatus.subject',
    body: 'notify.applicationStatus.body',
    short: 'notify.applicationStatus.short',
  }),
  /** `link`: the applicant's application page, where the document can be downloaded. */
  'application.document_ready': template({
    label: 'notify.documentReady.label',
    params: ['trackingNumber', 'link'],
    subject: 'notify.documentReady.subject',
    body: 'notify.documentReady.body',
    short: 'notify.documentReady.short',
  }),
  /** `amount`: already formatted in the recipient's language; `expiresAt`: ISO time the billing code expires. */
  'application.payment_due': template({
    label: 'notify.paymentDue.label',
    params: ['trackingNumber', 'billingCode', 'amount', 'expiresAt', 'link'],
    subject: 'notify.paymentDue.subject',
    body: 'notify.paymentDue.body',
    short: 'notify.paymentDue.short',
    display: ({ expiresAt, ...rest }, format) => ({ ...rest, expiresAt: format.dateTime(parseTime('expiresAt', expiresAt)) }),
  }),
  /**
   * Staff alerts of the SLA clock. `link`: the application's workspace in the back office; `dueAt`: ISO
   * time the step is due. No applicant data: only the tracking number.
   */
  'staff.sla_warning': template({
    label: 'notify.slaWarning.label',
    params: ['trackingNumber', 'dueAt', 'link'],
    subject: 'notify.slaWarning.subject',
    body: 'notify.slaWarning.body',
    short: 'notify.slaWarning.short',
    display: ({ dueAt, ...rest }, format) => ({ ...rest, dueAt: format.dateTime(parseTime('dueAt', dueAt)) }),
  }),
  'staff.sla_breach': template({
    label: 'notify.slaBreach.label',
    params: ['trackingNumber', 'link'],
    subject: 'notify.slaBreach.subject',
    body: 'notify.slaBreach.body',
    short: 'notify.slaBreach.short',
  }),
  'staff.sla_escalation': template({
    label: 'notify.slaEscalation.label',
    params: ['trackingNumber', 'link'],
    subject: 'notify.slaEscalation.subject',
    body: 'notify.slaEscalation.body',
    short: 'notify.slaEscalation.short',
  }),
  /**
   * Complaints (SP4N-LAPOR!): notices to the reporter. `link`: their report's page (for a guest's
   * receipt, the secret follow-up link). Never the reporter's name or the report's text.
   */
  'complaint.received': template({
    label: 'notify.complaintReceived.label',
    params: ['trackingId', 'link'],
    subject: 'notify.complaintReceived.subject',
    body: 'notify.complaintReceived.body',
    short: 'notify.complaintReceived.short',
  }),
  'complaint.forwarded': template({
    label: 'notify.complaintForwarded.label',
    params: ['trackingId', 'link'],
    subject: 'notify.complaintForwarded.subject',
    body: 'notify.complaintForwarded.body',
    short: 'notify.complaintForwarded.short',
  }),
  'complaint.archived': template({
    label: 'notify.complaintArchived.label',
    params: ['trackingId', 'link'],
    subject: 'notify.complaintArchived.subject',
    body: 'notify.complaintArchived.body',
    short: 'notify.complaintArchived.short',
  }),
  'complaint.information_requested': template({
    label: 'notify.complaintInformation.label',
    params: ['trackingId', 'link'],
    subject: 'notify.complaintInformation.subject',
    body: 'notify.complaintInformation.body',
    short: 'notify.complaintInformation.short',
  }),
  'complaint.responded': template({
    label: 'notify.complaintResponded.label',
    params: ['trackingId', 'link'],
    subject: 'notify.complaintResponded.subject',
    body: 'notify.complaintResponded.body',
    short: 'notify.complaintResponded.short',
  }),
  'complaint.closed': template({
    label: 'notify.complaintClosed.label',
    params: ['trackingId', 'link'],
    subject: 'notify.complaintClosed.subject',
    body: 'notify.complaintClosed.body',
    short: 'notify.complaintClosed.short',
  }),
  /**
   * The satisfaction survey (surveys module), after an application completes or a complaint closes.
   * `reference`: the tracking number or id; `link`: the survey, whose token answers it once.
   */
  'survey.invitation': template({
    label: 'notify.surveyInvitation.label',
    params: ['reference', 'link'],
    subject: 'notify.surveyInvitation.subject',
    body: 'notify.surveyInvitation.body',
    short: 'notify.surveyInvitation.short',
  }),
  /** Staff alerts of the complaints clock. `link`: the report in the desk or agency workspace. */
  'staff.complaint_warning': template({
    label: 'notify.complaintWarning.label',
    params: ['trackingId', 'dueAt', 'link'],
    subject: 'notify.complaintWarning.subject',
    body: 'notify.complaintWarning.body',
    short: 'notify.complaintWarning.short',
    display: ({ dueAt, ...rest }, format) => ({ ...rest, dueAt: format.dateTime(parseTime('dueAt', dueAt)) }),
  }),
  'staff.complaint_breach': template({
    label: 'notify.complaintBreach.label',
    params: ['trackingId', 'link'],
    subject: 'notify.complaintBreach.subject',
    body: 'notify.complaintBreach.body',
    short: 'notify.complaintBreach.short',
  }),
  'staff.complaint_escalation': template({
    label: 'notify.complaintEscalation.label',
    params: ['trackingId', 'link'],
    subject: 'notify.complaintEscalation.subject',
    body: 'notify.complaintEscalation.body',
    short: 'notify.complaintEscalation.short',
  }),
};

export type NotificationKind = keyof typeof TEMPLATES;
export type NotificationParams<K extends NotificationKind> = (typeof TEMPLATES)[K] extends TemplateSpec<infer P> ? Readonly<Record<P, string>> : never;

export interface RenderedMessage {
  /** E-mail only. */
  subject: string | undefined;
  text: string;
}

export function isNotificationKind(kind: string): kind is NotificationKind {
  return Object.hasOwn(TEMPLATES, kind);
}

function spec(kind: string): TemplateSpec<string> {
  if (!isNotificationKind(kind)) throw new TemplateError(`unknown kind ${kind}`);
  return TEMPLATES[kind] as TemplateSpec<string>;
}

/** Keeps only the declared parameters; throws TemplateError naming the first one missing (never its value). */
export function templateParams(kind: string, params: Readonly<Record<string, unknown>>): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const name of spec(kind).params) {
    const value = params[name];
    if (typeof value !== 'string' || value === '') throw new TemplateError(`parameter ${name} missing for ${kind}`);
    kept[name] = value;
  }
  return kept;
}

export function templateLabel(kind: string): MessageKey | undefined {
  return isNotificationKind(kind) ? TEMPLATES[kind].label : undefined;
}

/** The text a recipient receives on a channel, in their language. Throws TemplateError for an unknown kind or a missing parameter. */
export function renderNotification(kind: string, channel: NotificationChannel, locale: Locale, params: Readonly<Record<string, unknown>>): RenderedMessage {
  const template = spec(kind);
  const stored = templateParams(kind, params);
  const shown = template.display ? template.display(stored, formatters(locale)) : stored;
  const t = translator(locale);
  if (channel === 'email') {
    return { subject: t(template.subject, shown), text: [t('notify.email.greeting'), t(template.body, shown), t('notify.email.footer')].join('\n\n') };
  }
  return { subject: undefined, text: t(template.short, shown) };
}
