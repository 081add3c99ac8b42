import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NIB_ERRORS, validateNib } from './nib.ts';
import { buildNik, validNikParts } from './nik.test-support.ts';
import { NIK_ERRORS, validateNik } from './nik.ts';

// Hostile input: whatever is pasted into a NIK or NIB field, the parser answers with a result, never a throw.

const _pad = (value: number, width: number) => String(value).padStart(width, '0');

/** Strings people and attackers paste: unicode, separators, digits of other scripts, very long runs. */
const hostileString = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.stringMatching(/^[\d\s.\-\u2010-\u2015\u2212\u00a0\u0660-\u0669\uff10-\uff19]{0,30}$/),
  fc.string({ unit: fc.constantFrom('0', '1', '9', ' ', '.', '-', '\u2013', '\u00a0', '\t', '\n'), minLength: 0, maxLength: 40 }),
  fc.integer({ min: 1_000, max: 200_000 }).map((n) => '3'.repeat(n)),
);

describe('validateNik under hostile input', () => {
  it('answers every string with a result and a known error code, never a throw', () => {
    fc.assert(
      fc.property(hostileString, (input) => {
        const result = validateNik(input);
        if (result.ok) {
          expect(result.nik).toMatch(/^\d{16}$/);
        } else {
          expect(NIK_ERRORS).toContain(result.error);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('reads the same facts whatever separators surround and split the digits', () => {
    const separator = fc.constantFrom('', ' ', '.', '-', '\u2013', '\u00a0', '\t');
    fc.assert(
      fc.property(validNikParts, fc.array(separator, { minLength: 17, maxLength: 17 }), (p, seps) => {
        const nik = buildNik(p);
        const typed = [...nik].map((digit, i) => `${seps[i]}${digit}`).join('') + seps[16];
        expect(validateNik(typed)).toEqual(validateNik(nik));
      }),
      { numRuns: 150 },
    );
  });

  it('after changing any one digit of a valid NIK, either refuses it or reads facts consistent with the new digits', () => {
    fc.assert(
      fc.property(validNikParts, fc.integer({ min: 0, max: 15 }), fc.integer({ min: 0, max: 9 }), (p, position, digit) => {
        const original = buildNik(p);
        const changed = `${original.slice(0, position)}${digit}${original.slice(position + 1)}`;
        const result = validateNik(changed);
        if (!result.ok) {
          expect(NIK_ERRORS).toContain(result.error);
          return;
        }
        // Every fact must come from the changed digits, not from the original ones.
        expect(result.nik).toBe(changed);
        expect(result.province).toBe(changed.slice(0, 2));
        expect(result.regency).toBe(`${changed.slice(0, 2)}.${changed.slice(2, 4)}`);
        expect(result.district).toBe(`${changed.slice(0, 2)}.${changed.slice(2, 4)}.${changed.slice(4, 6)}`);
        const encodedDay = Number(changed.slice(6, 8));
        expect(result.sex).toBe(encodedDay > 40 ? 'female' : 'male');
        expect(result.birthDate).toEqual({
          day: encodedDay > 40 ? encodedDay - 40 : encodedDay,
          month: Number(changed.slice(8, 10)),
          twoDigitYear: Number(changed.slice(10, 12)),
        });
        // The date read back is a real calendar date (00 taken as 2000, the leap-year case).
        const { day, month, twoDigitYear } = result.birthDate;
        expect(new Date(Date.UTC(2000 + twoDigitYear, month - 1, day)).getUTCDate()).toBe(day);
        expect(changed.slice(12)).not.toBe('0000');
      }),
      { numRuns: 300 },
    );
  });
});

describe('validateNib under hostile input', () => {
  it('answers every string with a result and a known error code, never a throw', () => {
    fc.assert(
      fc.property(hostileString, (input) => {
        const result = validateNib(input);
        if (result.ok) {
          expect(result.nib).toMatch(/^\d{13}$/);
        } else {
          expect(NIB_ERRORS).toContain(result.error);
          expect(result.params).toEqual({ length: 13 });
        }
      }),
      { numRuns: 300 },
    );
  });

  it('accepts exactly the 13-digit numbers, however they are separated, and returns the bare digits', () => {
    const separator = fc.constantFrom('', ' ', '.', '-', '\u2013', '\u00a0');
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 1, maxLength: 20 }),
        fc.array(separator, { minLength: 21, maxLength: 21 }),
        (digits, seps) => {
          const typed = [...digits].map((digit, i) => `${seps[i]}${digit}`).join('') + seps[20];
          const result = validateNib(typed);
          if (digits.length === 13) expect(result).toEqual({ ok: true, nib: digits });
          else expect(result).toEqual({ ok: false, error: 'nib.length', params: { length: 13 } });
        },
      ),
      { numRuns: 200 },
    );
  });

  it('refuses a 13-digit NIB with any one digit replaced by a non-digit', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 13, maxLength: 13 }),
        fc.integer({ min: 0, max: 12 }),
        fc.constantFrom('O', 'l', 'x', '\u0661', '\uff11', '#', '\u200b'),
        (nib, position, char) => {
          const changed = `${nib.slice(0, position)}${char}${nib.slice(position + 1)}`;
          expect(validateNib(changed)).toEqual({ ok: false, error: 'nib.not_digits', params: { length: 13 } });
        },
      ),
      { numRuns: 150 },
    );
  });
});
