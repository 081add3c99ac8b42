import { describe, expect, it } from 'vitest';
import { ALPHABET, checkSymbol, newTrackingNumber, parseTrackingNumber } from './tracking-number.ts';

describe('tracking numbers', () => {
  it('look like LKT-XXXX-XXXX and use no I, L, O or U', () => {
    for (let i = 0; i < 200; i += 1) {
      const number = newTrackingNumber();
      expect(number).toMatch(/^LKT-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
      expect(parseTrackingNumber(number)).toBe(number);
    }
  });

  it('are random, not sequential', () => {
    const numbers = new Set(Array.from({ length: 1000 }, () => newTrackingNumber()));
    expect(numbers.size).toBe(1000);
  });

  it('reads lower case, spaces, a missing prefix and look-alike letters', () => {
    const number = newTrackingNumber(() => 0);
    expect(number).toBe(`LKT-0000-000${checkSymbol('0000000')}`);
    const canonical = newTrackingNumber((max) => (max === 32 ? 1 : 0));
    expect(canonical).toBe(`LKT-1111-111${checkSymbol('1111111')}`);
    const body = canonical.slice(4).replace('-', '');
    expect(parseTrackingNumber(` lkt ${body.slice(0, 4)} ${body.slice(4).toLowerCase()} `)).toBe(canonical);
    expect(parseTrackingNumber(body.replace(/1/g, 'I'))).toBe(canonical);
    expect(parseTrackingNumber(body.replace(/1/g, 'l'))).toBe(canonical);
    expect(parseTrackingNumber(number.replace(/0/g, 'O'))).toBe(number);
  });

  it('refuses every single wrong symbol', () => {
    const number = `LKT-7K3M-9QX${checkSymbol('7K3M9QX')}`;
    expect(parseTrackingNumber(number)).toBe(number);
    const symbols = number.replace(/^LKT-/, '').replace('-', '');
    for (let position = 0; position < symbols.length; position += 1) {
      for (const replacement of ALPHABET) {
        if (replacement === symbols[position]) continue;
        const typo = symbols.slice(0, position) + replacement + symbols.slice(position + 1);
        expect(parseTrackingNumber(typo), typo).toBeUndefined();
      }
    }
  });

  it('refuses every swap of two different neighbouring symbols', () => {
    for (let i = 0; i < 50; i += 1) {
      const symbols = newTrackingNumber().replace(/^LKT-/, '').replace('-', '');
      for (let position = 0; position < symbols.length - 1; position += 1) {
        if (symbols[position] === symbols[position + 1]) continue;
        const swapped = symbols.slice(0, position) + symbols[position + 1] + symbols[position] + symbols.slice(position + 2);
        expect(parseTrackingNumber(swapped), swapped).toBeUndefined();
      }
    }
  });

  it('refuses what is not a tracking number', () => {
    for (const input of ['', 'LKT', 'LKT-0000-00', 'LKT-0000-0000-0', 'LKT-UUUU-UUUU', '<script>', 'x'.repeat(100)]) {
      expect(parseTrackingNumber(input), input).toBeUndefined();
    }
  });
});
