import { describe, expect, it } from 'vitest';
import { normalizeEmail, normalizePhone } from './contact.ts';

describe('normalizeEmail', () => {
  it('trims and lower-cases an address so that one mailbox matches one account', () => {
    expect(normalizeEmail('  Siti.Rahayu@Example.CO.ID ')).toEqual({ ok: true, email: 'siti.rahayu@example.co.id' });
  });

  it.each(['budi+loket@gmail.com', "o'brien@example.org", 'warga@kemendagri.go.id', 'nama@xn--mgbai9azgqp6j.xn--wgbh1c', 'andi@contoh.indonesia'])(
    'accepts %s',
    (address) => {
      expect(normalizeEmail(address).ok).toBe(true);
    },
  );

  it.each([
    ['an empty field', ''],
    ['no @', 'siti.example.id'],
    ['nothing before @', '@example.id'],
    ['no domain dot', 'siti@localhost'],
    ['a space inside', 'siti rahayu@example.id'],
    ['two dots in a row', 'siti..rahayu@example.id'],
    ['a trailing dot in the domain', 'siti@example.id.'],
    ['a one-letter top-level domain', 'siti@example.i'],
    ['an IP address for a domain', 'siti@192.168.1.1'],
    ['a domain label starting with a dash', 'siti@-example.id'],
    ['two @', 'siti@rahayu@example.id'],
    ['a local part longer than 64 characters', `${'a'.repeat(65)}@example.id`],
  ])('refuses %s as email.invalid', (_case, address) => {
    expect(normalizeEmail(address)).toEqual({ ok: false, error: 'email.invalid' });
  });

  it('accepts 254 characters and refuses 255 as email.too_long', () => {
    const address = (length: number) => `${'a'.repeat(64)}@${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(length - 196)}.id`;
    expect(address(254)).toHaveLength(254);
    expect(normalizeEmail(address(254)).ok).toBe(true);
    expect(normalizeEmail(address(255))).toEqual({ ok: false, error: 'email.too_long' });
  });
});

describe('normalizePhone', () => {
  it.each(['081234567890', '0812-3456-7890', '0812 3456 7890', '+62 812 3456 7890', '+62-812-3456-7890', '6281234567890', '(0812) 3456.7890', '81234567890'])(
    'reads %j as +6281234567890',
    (input) => {
      expect(normalizePhone(input)).toEqual({ ok: true, phone: '+6281234567890' });
    },
  );

  it('accepts the shortest and longest mobile numbers, 8 and 13 digits after 62', () => {
    expect(normalizePhone('081234567')).toEqual({ ok: true, phone: '+6281234567' });
    expect(normalizePhone('+628123456789012')).toEqual({ ok: true, phone: '+628123456789012' });
  });

  it.each([
    ['an empty field', ''],
    ['a Jakarta landline', '021 5551234'],
    ['a landline with country code', '+62 21 5551234'],
    ['a Malaysian mobile number', '+60 12 345 6789'],
    ['too few digits', '0812345'],
    ['too many digits', '081234567890123'],
    ['a letter', '0812345678a0'],
    ['a zero kept after the country code', '+62 0812 3456 7890'],
  ])('refuses %s as phone.invalid', (_case, input) => {
    expect(normalizePhone(input)).toEqual({ ok: false, error: 'phone.invalid' });
  });
});
