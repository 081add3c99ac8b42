import { accountsMessages } from '../../modules/accounts/accounts.messages.ts';
import { accountPagesMessages } from '../../modules/accounts/accounts.pages.messages.ts';
import { organisationMessages } from '../../modules/accounts/organisations.messages.ts';
import { staffMessages } from '../../modules/accounts/staff.messages.ts';
import { applicationsMessages } from '../../modules/applications/applications.messages.ts';
import { catalogueMessages } from '../../modules/catalogue/catalogue.messages.ts';
import { complaintDeskMessages } from '../../modules/complaints/complaints.desk.messages.ts';
import { complaintsMessages } from '../../modules/complaints/complaints.messages.ts';
import { complaintPagesMessages } from '../../modules/complaints/complaints.pages.messages.ts';
import { open311Messages } from '../../modules/complaints/open311.messages.ts';
import { documentsMessages } from '../../modules/documents/documents.messages.ts';
import { consentMessages } from '../../modules/exchange/consent.messages.ts';
import { exchangeMessages } from '../../modules/exchange/exchange.messages.ts';
import { trackerMessages } from '../../modules/exchange/tracker.messages.ts';
import { opendataMessages } from '../../modules/opendata/opendata.messages.ts';
import { paymentsMessages } from '../../modules/payments/payments.messages.ts';
import { privacyMessages } from '../../modules/privacy/privacy.messages.ts';
import { surveysMessages } from '../../modules/surveys/surveys.messages.ts';
import { budgetMessages } from '../../modules/transparency/budget.messages.ts';
import { transparencyMessages } from '../../modules/transparency/transparency.messages.ts';
import { webhooksMessages } from '../../modules/webhooks/webhooks.messages.ts';
import { backofficeMessages } from '../../modules/workflow/backoffice.messages.ts';
import { slaMessages } from '../../modules/workflow/sla.messages.ts';
import { workflowMessages } from '../../modules/workflow/workflow.messages.ts';
import { auditMessages } from '../audit/audit.messages.ts';
import { formsMessages } from '../forms/forms.messages.ts';
import { notifyMessages } from '../notify/notify.messages.ts';
import { storageMessages } from '../storage/storage.messages.ts';
import { en as platformEn } from './en.ts';
import { id as platformId } from './id.ts';

// Platform messages plus each module's own (see define.ts).
const id = {
  ...platformId,
  ...auditMessages.id,
  ...notifyMessages.id,
  ...accountsMessages.id,
  ...accountPagesMessages.id,
  ...organisationMessages.id,
  ...staffMessages.id,
  ...catalogueMessages.id,
  ...formsMessages.id,
  ...storageMessages.id,
  ...applicationsMessages.id,
  ...workflowMessages.id,
  ...backofficeMessages.id,
  ...slaMessages.id,
  ...documentsMessages.id,
  ...paymentsMessages.id,
  ...complaintsMessages.id,
  ...complaintPagesMessages.id,
  ...complaintDeskMessages.id,
  ...open311Messages.id,
  ...surveysMessages.id,
  ...transparencyMessages.id,
  ...budgetMessages.id,
  ...opendataMessages.id,
  ...exchangeMessages.id,
  ...trackerMessages.id,
  ...webhooksMessages.id,
  ...privacyMessages.id,
  ...consentMessages.id,
};
const en: Messages = {
  ...platformEn,
  ...auditMessages.en,
  ...notifyMessages.en,
  ...accountsMessages.en,
  ...accountPagesMessages.en,
  ...organisationMessages.en,
  ...staffMessages.en,
  ...catalogueMessages.en,
  ...formsMessages.en,
  ...storageMessages.en,
  ...applicationsMessages.en,
  ...workflowMessages.en,
  ...backofficeMessages.en,
  ...slaMessages.en,
  ...documentsMessages.en,
  ...paymentsMessages.en,
  ...complaintsMessages.en,
  ...complaintPagesMessages.en,
  ...complaintDeskMessages.en,
  ...open311Messages.en,
  ...surveysMessages.en,
  ...transparencyMessages.en,
  ...budgetMessages.en,
  ...opendataMessages.en,
  ...exchangeMessages.en,
  ...trackerMessages.en,
  ...webhooksMessages.en,
  ...privacyMessages.en,
  ...consentMessages.en,
};

export type MessageKey = keyof typeof id;
export type Messages = { readonly [K in MessageKey]: string };
/** The platform's own messages (id.ts / en.ts). */
export type PlatformMessages = { readonly [K in keyof typeof platformId]: string };
export type Locale = 'id' | 'en';
export type Translate = (key: MessageKey, params?: Readonly<Record<string, string | number>>) => string;

export const LOCALES: readonly Locale[] = ['id', 'en'];
export const DEFAULT_LOCALE: Locale = 'id';
export const LOCALE_COOKIE = 'lang';

const catalogues: Record<Locale, Messages> = { id, en };

export const ALL_MESSAGES: Readonly<Record<Locale, Messages>> = catalogues;
const intlLocale: Record<Locale, string> = { id: 'id-ID', en: 'en-GB' };

export function isLocale(value: unknown): value is Locale {
  return value === 'id' || value === 'en';
}

export function translator(locale: Locale): Translate {
  const messages = catalogues[locale];
  return (key, params) => {
    const template = messages[key];
    if (!params) return template;
    return template.replace(/\{(\w+)\}/g, (match, name: string) => (name in params ? String(params[name]) : match));
  };
}

/** Picks the first supported language from an Accept-Language header, by quality. */
export function localeFromAcceptLanguage(header: string | undefined): Locale | undefined {
  if (!header) return undefined;
  const ranked = header
    .split(',')
    .slice(0, 20)
    .map((part) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { lang: tag.toLowerCase().split('-')[0], q: q ? Number(q.slice(2)) || 0 : 1 };
    })
    .filter((entry) => entry.q > 0)
    .sort((a, b) => b.q - a.q);
  // "in" is the old ISO code for Indonesian that some Android versions still send.
  for (const { lang } of ranked) {
    if (lang === 'id' || lang === 'in') return 'id';
    if (lang === 'en') return 'en';
  }
  return undefined;
}

/** Account setting first, then the cookie, then the browser's Accept-Language, then Indonesian. */
export function resolveLocale(sources: { account?: string | null | undefined; cookie?: string | undefined; acceptLanguage?: string | undefined }): Locale {
  if (isLocale(sources.account)) return sources.account;
  if (isLocale(sources.cookie)) return sources.cookie;
  return localeFromAcceptLanguage(sources.acceptLanguage) ?? DEFAULT_LOCALE;
}

export interface Formatters {
  date(value: Date, timeZone?: string): string;
  dateTime(value: Date, timeZone?: string): string;
  number(value: number): string;
  currency(value: number): string;
}

const TIME_ZONE_ABBREVIATION: Record<string, string> = {
  'Asia/Jakarta': 'WIB',
  'Asia/Makassar': 'WITA',
  'Asia/Jayapura': 'WIT',
};

/**
 * One Intl formatter per language, style and time zone for the life of the process: building one
 * costs far more than formatting with it, and a dashboard page formats thousands of numbers.
 */
const intlCache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();

export function cachedFormat<T extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, create: () => T): T {
  let format = intlCache.get(key) as T | undefined;
  if (!format) {
    format = create();
    intlCache.set(key, format);
  }
  return format;
}

/** Dates in the agency's time zone (WIB by default), labelled WIB/WITA/WIT as Indonesians read them. */
export function formatters(locale: Locale): Formatters {
  const tag = intlLocale[locale];
  return {
    date: (value, timeZone = 'Asia/Jakarta') =>
      cachedFormat(`date|${tag}|${timeZone}`, () => new Intl.DateTimeFormat(tag, { dateStyle: 'long', timeZone })).format(value),
    dateTime: (value, timeZone = 'Asia/Jakarta') => {
      const format = cachedFormat(`dateTime|${tag}|${timeZone}`, () => new Intl.DateTimeFormat(tag, { dateStyle: 'long', timeStyle: 'short', timeZone }));
      return `${format.format(value)} ${TIME_ZONE_ABBREVIATION[timeZone] ?? timeZone}`;
    },
    number: (value) => cachedFormat(`number|${tag}`, () => new Intl.NumberFormat(tag)).format(value),
    currency: (value) =>
      cachedFormat(`currency|${tag}`, () => new Intl.NumberFormat(tag, { style: 'currency', currency: 'IDR', maximumFractionDigits: 0 })).format(value),
  };
}
