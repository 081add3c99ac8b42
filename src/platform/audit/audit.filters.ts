import type { MessageKey } from '../i18n/index.ts';
import type { DateInputValue } from '../ui/components/date-input.tsx';
import { AuditInputError, cleanDetails, isAuditAction, isUuid } from './audit.input.ts';
import type { AuditQuery } from './audit.service.ts';

// The filters of the audit page as typed in its GET form, checked and turned into an audit search.

export interface AuditFilterValues {
  actor: string;
  subjectType: string;
  subjectId: string;
  action: string;
  from: DateInputValue;
  to: DateInputValue;
}

/** One problem; `field` is the id of the input the error summary links to. */
export interface FilterProblem {
  field: string;
  key: MessageKey;
}

export type FilterResult = { ok: true; query: Omit<AuditQuery, 'limit'> } | { ok: false; problems: FilterProblem[] };

export const EMPTY_FILTERS: AuditFilterValues = { actor: '', subjectType: '', subjectId: '', action: '', from: {}, to: {} };

const SUBJECT_TYPE = /^[a-z][a-z0-9_]{0,49}$/;
const SUBJECT_ID = /^\S{1,200}$/;
const BEFORE = /^[1-9]\d{0,14}$/;
// Indonesia keeps no daylight saving time: a WIB day always starts at 17:00 UTC the day before.
const WIB_OFFSET_MS = 7 * 3600 * 1000;
const DAY_MS = 24 * 3600 * 1000;

/**
 * A query parameter as text: absent or repeated parameters become ''. Cut at `max`, which is beyond
 * any valid value, so an overlong one still fails its check rather than being dropped unseen.
 */
function param(query: Record<string, unknown>, name: string, max = 1000): string {
  const value = query[name];
  return typeof value === 'string' ? value.slice(0, max).trim() : '';
}

function dateParam(query: Record<string, unknown>, name: string): DateInputValue {
  return { day: param(query, `${name}[day]`, 10), month: param(query, `${name}[month]`, 10), year: param(query, `${name}[year]`, 10) };
}

/** What the form sent, kept as typed so that the form shows it again. */
export function readFilters(query: unknown): { values: AuditFilterValues; before: string } {
  const q = (query ?? {}) as Record<string, unknown>;
  return {
    values: {
      actor: param(q, 'actor'),
      subjectType: param(q, 'subjectType'),
      subjectId: param(q, 'subjectId'),
      action: param(q, 'action'),
      from: dateParam(q, 'from'),
      to: dateParam(q, 'to'),
    },
    before: param(q, 'before', 30),
  };
}

/** The UTC instant a WIB calendar day starts; 'empty' when nothing was typed, 'invalid' when it is no real date. */
function wibDayStart(value: DateInputValue): Date | 'empty' | 'invalid' {
  const parts = [value.day ?? '', value.month ?? '', value.year ?? ''];
  if (parts.every((part) => part === '')) return 'empty';
  if (!/^\d{1,2}$/.test(parts[0] ?? '') || !/^\d{1,2}$/.test(parts[1] ?? '') || !/^\d{4}$/.test(parts[2] ?? '')) return 'invalid';
  const [day, month, year] = parts.map(Number) as [number, number, number];
  const utcMidnight = new Date(Date.UTC(year, month - 1, day));
  // Date.UTC rolls 31 February over into March: a real date survives the round trip.
  if (utcMidnight.getUTCFullYear() !== year || utcMidnight.getUTCMonth() !== month - 1 || utcMidnight.getUTCDate() !== day) return 'invalid';
  return new Date(utcMidnight.getTime() - WIB_OFFSET_MS);
}

/** A subject id shaped like a NIK, e-mail address or phone number would put personal data in the log of this search. */
function looksPersonal(subjectId: string): boolean {
  try {
    cleanDetails({ subjectId });
    return false;
  } catch (error) {
    if (error instanceof AuditInputError) return true;
    throw error;
  }
}

/** Checks every filter and reports every problem at once; both dates are whole WIB days, inclusive. */
export function toAuditQuery(values: AuditFilterValues, before: string): FilterResult {
  const problems: FilterProblem[] = [];
  const query: Omit<AuditQuery, 'limit'> = {};
  if (values.actor !== '') {
    if (isUuid(values.actor)) query.actorAccountId = values.actor.toLowerCase();
    else problems.push({ field: 'actor', key: 'audit.error.actor' });
  }
  if (values.subjectType !== '') {
    if (SUBJECT_TYPE.test(values.subjectType)) query.subjectType = values.subjectType;
    else problems.push({ field: 'subjectType', key: 'audit.error.subjectType' });
  }
  if (values.subjectId !== '') {
    if (!SUBJECT_ID.test(values.subjectId)) problems.push({ field: 'subjectId', key: 'audit.error.subjectId' });
    else if (looksPersonal(values.subjectId)) problems.push({ field: 'subjectId', key: 'audit.error.subjectIdPersonal' });
    else if (values.subjectType === '') problems.push({ field: 'subjectType', key: 'audit.error.subjectIdWithoutType' });
    else query.subjectId = values.subjectId;
  }
  if (values.action !== '') {
    if (isAuditAction(values.action)) query.action = values.action;
    else problems.push({ field: 'action', key: 'audit.error.action' });
  }
  const from = wibDayStart(values.from);
  const to = wibDayStart(values.to);
  if (from === 'invalid') problems.push({ field: 'from-day', key: 'audit.error.from' });
  else if (from !== 'empty') query.from = from;
  if (to === 'invalid') problems.push({ field: 'to-day', key: 'audit.error.to' });
  else if (to !== 'empty') {
    if (from instanceof Date && to < from) problems.push({ field: 'to-day', key: 'audit.error.toBeforeFrom' });
    else query.to = new Date(to.getTime() + DAY_MS);
  }
  if (before !== '') {
    if (BEFORE.test(before)) query.before = Number(before);
    else problems.push({ field: 'filters', key: 'audit.error.before' });
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, query };
}

/** A link to the audit page with these filters (only those given), and optionally more. */
export function auditHref(values: AuditFilterValues, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  for (const name of ['actor', 'subjectType', 'subjectId', 'action'] as const) if (values[name] !== '') params.set(name, values[name]);
  for (const name of ['from', 'to'] as const) {
    for (const part of ['day', 'month', 'year'] as const) {
      const value = values[name][part];
      if (value) params.set(`${name}[${part}]`, value);
    }
  }
  for (const [name, value] of Object.entries(extra)) params.set(name, value);
  const text = params.toString();
  return text === '' ? '/audit' : `/audit?${text}`;
}
