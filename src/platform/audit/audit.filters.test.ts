import { describe, expect, it } from 'vitest';
import { auditHref, EMPTY_FILTERS, readFilters, toAuditQuery } from './audit.filters.ts';

const date = (day: string, month: string, year: string) => ({ day, month, year });

describe('audit page filters', () => {
  it('reads both dates as whole WIB days, the end day included', () => {
    const result = toAuditQuery({ ...EMPTY_FILTERS, from: date('14', '1', '2027'), to: date('14', '01', '2027') }, '');
    expect(result).toEqual({ ok: true, query: { from: new Date('2027-01-13T17:00:00Z'), to: new Date('2027-01-14T17:00:00Z') } });
    expect(toAuditQuery({ ...EMPTY_FILTERS, to: date('31', '12', '2027') }, '')).toEqual({ ok: true, query: { to: new Date('2027-12-31T17:00:00Z') } });
  });

  it.each([
    ['a day that does not exist', date('29', '2', '2027')],
    ['a missing part', date('14', '', '2027')],
    ['a two-digit year', date('14', '1', '27')],
    ['words', date('satu', 'Januari', '2027')],
  ])('refuses %s', (_name, from) => {
    expect(toAuditQuery({ ...EMPTY_FILTERS, from }, '')).toEqual({ ok: false, problems: [{ field: 'from-day', key: 'audit.error.from' }] });
  });

  it('accepts 29 February in a leap year, a uuid in capitals and a page id', () => {
    const actor = '9B2F6C1E-3A4D-4E5F-8A9B-0C1D2E3F4A5B';
    expect(toAuditQuery({ ...EMPTY_FILTERS, actor, from: date('29', '2', '2028') }, '120')).toEqual({
      ok: true,
      query: { actorAccountId: actor.toLowerCase(), from: new Date('2028-02-28T17:00:00Z'), before: 120 },
    });
  });

  it('refuses a record id shaped like personal data, so that it never reaches the log of the search', () => {
    for (const subjectId of ['3171014501900001', 'budi@example.id', '081234567890']) {
      expect(toAuditQuery({ ...EMPTY_FILTERS, subjectType: 'account', subjectId }, '')).toEqual({
        ok: false,
        problems: [{ field: 'subjectId', key: 'audit.error.subjectIdPersonal' }],
      });
    }
  });

  it('links back to the same filters, which read back as they were typed', () => {
    const values = { ...EMPTY_FILTERS, subjectType: 'application', subjectId: 'APP/2027 1', from: date('1', '2', '2027') };
    const href = auditHref(values, { before: '40' });
    expect(href).toBe('/audit?subjectType=application&subjectId=APP%2F2027+1&from%5Bday%5D=1&from%5Bmonth%5D=2&from%5Byear%5D=2027&before=40');
    const query = Object.fromEntries(new URL(href, 'http://loket.test').searchParams);
    expect(readFilters(query)).toEqual({ values: { ...values, to: date('', '', '') }, before: '40' });
    expect(auditHref(EMPTY_FILTERS)).toBe('/audit');
  });
});
