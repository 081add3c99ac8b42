import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildNik, pad, validNikParts } from './nik.test-support.ts';
import { type NikError, nikMismatchWarnings, normalizeNik, type ParsedNik, validateNik } from './nik.ts';

function parsed(input: string): ParsedNik {
  const result = validateNik(input);
  if (!result.ok) throw new Error(`expected a valid NIK, got ${result.error}`);
  return result;
}

describe('validateNik', () => {
  it('reads the region, birth date and sex of a man', () => {
    expect(validateNik('3204051708900003')).toEqual({
      ok: true,
      nik: '3204051708900003',
      province: '32',
      regency: '32.04',
      district: '32.04.05',
      birthDate: { day: 17, month: 8, twoDigitYear: 90 },
      sex: 'male',
    });
  });

  it('reads a woman from the day with 40 added', () => {
    expect(validateNik('3174015703850002')).toEqual({
      ok: true,
      nik: '3174015703850002',
      province: '31',
      regency: '31.74',
      district: '31.74.01',
      birthDate: { day: 17, month: 3, twoDigitYear: 85 },
      sex: 'female',
    });
  });

  it.each<[string, string, NikError]>([
    ['an empty field', '', 'nik.empty'],
    ['only spaces', '   ', 'nik.empty'],
    ['a letter O typed for a zero', '3204O51708900003', 'nik.not_digits'],
    ['15 digits', '320405170890003', 'nik.length'],
    ['17 digits', '32040517089000031', 'nik.length'],
    ['province 20, which does not exist', '2004051708900003', 'nik.province_unknown'],
    ['regency 00', '3200051708900003', 'nik.regency_zero'],
    ['district 00', '3204001708900003', 'nik.district_zero'],
    ['day 00', '3204050008900003', 'nik.birth_day'],
    ['day 35, neither a man nor a woman', '3204053508900003', 'nik.birth_day'],
    ['day 72, past 31 for a woman', '3204057208900003', 'nik.birth_day'],
    ['31 April', '3204053104900003', 'nik.birth_day'],
    ['31 April for a woman', '3204057104900003', 'nik.birth_day'],
    ['month 13', '3204051713900003', 'nik.birth_month'],
    ['month 00', '3204051700900003', 'nik.birth_month'],
    ['serial 0000', '3204051708900000', 'nik.serial_zero'],
  ])('refuses %s with its own code', (_case, input, error) => {
    expect(validateNik(input)).toEqual({ ok: false, error });
  });

  it('refuses 30 February and 29 February of a year that is never a leap year', () => {
    expect(validateNik(buildNik({ day: 30, month: 2, year: 92 }))).toEqual({ ok: false, error: 'nik.birth_day' });
    expect(validateNik(buildNik({ day: 29, month: 2, year: 91, sex: 'female' }))).toEqual({ ok: false, error: 'nik.birth_day' });
  });

  it('accepts 29 February of a leap year, and of year 00 which may be 2000', () => {
    expect(parsed(buildNik({ day: 29, month: 2, year: 92 })).birthDate).toEqual({ day: 29, month: 2, twoDigitYear: 92 });
    expect(parsed(buildNik({ day: 29, month: 2, year: 0, sex: 'female' })).birthDate).toEqual({ day: 29, month: 2, twoDigitYear: 0 });
  });

  it.each(['3204 0517 0890 0003', '32.04.05.170890.0003', '3204-0517-0890-0003', ' 3204\u00a00517\u20130890 0003 '])(
    'accepts the separators people type, as in %j',
    (input) => {
      expect(parsed(input).nik).toBe('3204051708900003');
    },
  );

  it('validates every NIK built from a province, non-zero codes, a real date and a non-zero serial, and reads it back', () => {
    fc.assert(
      fc.property(validNikParts, (p) => {
        const nik = parsed(buildNik(p));
        expect(nik.province).toBe(p.province);
        expect(nik.regency).toBe(`${p.province}.${pad(p.regency, 2)}`);
        expect(nik.district).toBe(`${nik.regency}.${pad(p.district, 2)}`);
        expect(nik.birthDate).toEqual({ day: p.day, month: p.month, twoDigitYear: p.year });
        expect(nik.sex).toBe(p.sex);
        expect(nik.nik).toBe(buildNik(p));
      }),
    );
  });
});

describe('normalizeNik', () => {
  it('keeps only what lies between the separators, so that lookups match however the NIK was typed', () => {
    expect(normalizeNik('32.04.05 170890-0003')).toBe('3204051708900003');
  });
});

describe('nikMismatchWarnings', () => {
  const woman = parsed(buildNik({ day: 17, month: 3, year: 85, sex: 'female' }));

  it('warns nothing when the stated birth date and sex agree with the NIK', () => {
    expect(nikMismatchWarnings(woman, { birthDate: { year: 1985, month: 3, day: 17 }, sex: 'female' })).toEqual([]);
  });

  it('warns about a different birth day, month or year, and a different sex', () => {
    expect(nikMismatchWarnings(woman, { birthDate: { year: 1985, month: 3, day: 18 } })).toEqual(['nik.birth_date_mismatch']);
    expect(nikMismatchWarnings(woman, { birthDate: { year: 1985, month: 4, day: 17 } })).toEqual(['nik.birth_date_mismatch']);
    expect(nikMismatchWarnings(woman, { birthDate: { year: 1986, month: 3, day: 17 } })).toEqual(['nik.birth_date_mismatch']);
    expect(nikMismatchWarnings(woman, { sex: 'male' })).toEqual(['nik.sex_mismatch']);
  });

  it('compares only the last two digits of the year, since the NIK does not hold the century', () => {
    expect(nikMismatchWarnings(woman, { birthDate: { year: 2085, month: 3, day: 17 } })).toEqual([]);
  });

  it('compares nothing that was not stated', () => {
    expect(nikMismatchWarnings(woman, {})).toEqual([]);
  });
});
