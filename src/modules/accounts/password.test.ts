import { hash } from '@node-rs/argon2';
import { describe, expect, it } from 'vitest';
import { checkPassword, hashPassword, isCommonPassword, needsRehash, verifyPassword } from './password.ts';

describe('checkPassword', () => {
  it('accepts a long passphrase unrelated to the person, with no composition rules', () => {
    expect(checkPassword('kopi tubruk di teras pagi', { nik: '3204051708900003', email: 'siti.rahayu@example.id', name: 'Siti Rahayu' })).toEqual([]);
  });

  it('refuses 9 characters and accepts 10, counting an emoji as one character', () => {
    expect(checkPassword('kopitubru')).toEqual(['password.too_short']);
    expect(checkPassword('kopitubruk')).toEqual([]);
    expect(checkPassword('kopitubr☕')).toEqual(['password.too_short']);
    expect(checkPassword('kopitubr☕🌅')).toEqual([]);
  });

  it('refuses more than 256 characters', () => {
    expect(checkPassword('kopi tubruk '.repeat(22).slice(0, 256))).toEqual([]);
    expect(checkPassword('kopi tubruk '.repeat(22).slice(0, 257))).toEqual(['password.too_long']);
  });

  it.each(['bismillah123', 'Sayangku2010', 'P@ssword123', 'QWERTYUIOP!', '1q2w3e4r5t'])(
    'refuses %s from the common-password list, ignoring case',
    (password) => {
      expect(checkPassword(password)).toEqual(['password.common']);
    },
  );

  it.each([
    ['the NIK', 'nik 3204051708900003 ok'],
    ['the NIK as typed with separators', 'x3204051708900003x'],
    ['the e-mail local part', 'Siti.Rahayu@rumah'],
    ['a name part in another case', 'RAHAYU kopi pagi'],
  ])('refuses a password that contains %s', (_case, password) => {
    const personal = { nik: '3204-0517-0890-0003', email: 'siti.rahayu@example.id', name: 'Siti Rahayu' };
    expect(checkPassword(password, personal)).toEqual(['password.contains_personal']);
  });

  it('ignores name parts shorter than four letters, which passwords contain by chance', () => {
    expect(checkPassword('sri dan ani minum kopi', { name: 'Sri Ani' })).toEqual([]);
  });
});

describe('isCommonPassword', () => {
  it('knows the generated list and not an unusual passphrase', () => {
    expect(isCommonPassword('indonesia1950')).toBe(true);
    expect(isCommonPassword('jakarta2030')).toBe(true);
    expect(isCommonPassword('gerobak bakso biru')).toBe(false);
  });
});

describe('password hashing', () => {
  it('hashes with argon2id at 19 MiB, 2 passes and 1 lane, with a fresh salt each time', async () => {
    const first = await hashPassword('kopi tubruk di teras pagi');
    const second = await hashPassword('kopi tubruk di teras pagi');
    expect(first).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(second).not.toBe(first);
  });

  it('verifies the right password and refuses a wrong one', async () => {
    const stored = await hashPassword('kopi tubruk di teras pagi');
    expect(await verifyPassword(stored, 'kopi tubruk di teras pagi')).toBe(true);
    expect(await verifyPassword(stored, 'kopi tubruk di teras sore')).toBe(false);
  });

  it('verifies a password typed with a decomposed accent against one hashed with a composed accent', async () => {
    const stored = await hashPassword('kafe\u0301 di teras pagi');
    expect(await verifyPassword(stored, 'kaf\u00e9 di teras pagi')).toBe(true);
  });

  it('rejects a stored value that is not an argon2 hash', async () => {
    await expect(verifyPassword('not a hash', 'kopi tubruk di teras pagi')).rejects.toThrow();
  });

  it('asks for a rehash only when the stored hash used other parameters or another algorithm', async () => {
    expect(needsRehash(await hashPassword('kopi tubruk di teras pagi'))).toBe(false);
    expect(needsRehash(await hash('kopi tubruk di teras pagi', { memoryCost: 4096, timeCost: 1 }))).toBe(true);
    expect(needsRehash('$2b$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW')).toBe(true);
  });
});
