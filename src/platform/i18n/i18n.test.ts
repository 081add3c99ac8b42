import { describe, expect, it } from 'vitest';
import { ALL_MESSAGES, formatters, localeFromAcceptLanguage, resolveLocale, translator } from './index.ts';

describe('i18n', () => {
  it('has the same keys in both languages and no empty message', () => {
    const { id, en } = ALL_MESSAGES;
    expect(Object.keys(en).sort()).toEqual(Object.keys(id).sort());
    for (const [key, text] of [...Object.entries(id), ...Object.entries(en)]) expect(text.trim(), key).not.toBe('');
  });

  it('fills parameters and leaves unknown ones visible', () => {
    expect(translator('en')('error.rateLimited.text', { seconds: 30 })).toBe('Wait 30 seconds, then try again.');
    expect(translator('id')('error.rateLimited.text', {})).toContain('{seconds}');
  });

  it.each([
    ['id-ID,id;q=0.9,en;q=0.8', 'id'],
    ['en-GB,en;q=0.9', 'en'],
    ['fr-FR, en;q=0.5, id;q=0.7', 'id'],
    ['in-ID', 'id'],
    ['de, fr', undefined],
    ['en;q=0, id;q=0.1', 'id'],
    ['', undefined],
  ])('reads Accept-Language %j as %s', (header, expected) => {
    expect(localeFromAcceptLanguage(header)).toBe(expected);
  });

  it('prefers the account setting, then the cookie, then the browser, then Indonesian', () => {
    expect(resolveLocale({ account: 'en', cookie: 'id', acceptLanguage: 'id' })).toBe('en');
    expect(resolveLocale({ account: null, cookie: 'en', acceptLanguage: 'id' })).toBe('en');
    expect(resolveLocale({ cookie: 'xx', acceptLanguage: 'en-US' })).toBe('en');
    expect(resolveLocale({ acceptLanguage: 'ja' })).toBe('id');
  });

  it('formats dates in the agency time zone with WIB, WITA or WIT', () => {
    const instant = new Date('2027-01-14T01:30:00Z');
    expect(formatters('id').dateTime(instant, 'Asia/Jakarta')).toMatch(/14 Januari 2027.*08[.:]30 WIB$/);
    expect(formatters('id').dateTime(instant, 'Asia/Makassar')).toMatch(/09[.:]30 WITA$/);
    expect(formatters('en').dateTime(instant, 'Asia/Jayapura')).toMatch(/14 January 2027.*10:30 WIT$/);
    expect(formatters('id').date(new Date('2027-01-13T18:00:00Z'))).toBe('14 Januari 2027');
  });

  it('formats numbers and rupiah for each language', () => {
    expect(formatters('id').number(1234567)).toBe('1.234.567');
    expect(formatters('en').number(1234567)).toBe('1,234,567');
    expect(formatters('id').currency(50000).replace(/\s/g, ' ')).toBe('Rp 50.000');
  });
});
