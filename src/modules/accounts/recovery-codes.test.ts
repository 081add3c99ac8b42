import { describe, expect, it } from 'vitest';
import { findRecoveryCode, generateRecoveryCodes, hashRecoveryCode } from './recovery-codes.ts';

describe('recovery codes', () => {
  it('come ten at a time as xxxx-xxxx-xxxx from an alphabet without look-alike characters', () => {
    const codes = generateRecoveryCodes();
    expect(codes).toHaveLength(10);
    for (const code of codes) expect(code).toMatch(/^[2-9a-hjkmnp-tw-z]{4}-[2-9a-hjkmnp-tw-z]{4}-[2-9a-hjkmnp-tw-z]{4}$/);
  });

  it('do not repeat across many sets', () => {
    const codes = Array.from({ length: 200 }, () => generateRecoveryCodes()).flat();
    expect(new Set(codes).size).toBe(2000);
  });

  it('are stored as a SHA-256 hash that does not contain the code', () => {
    const [code = ''] = generateRecoveryCodes(1);
    const hashed = hashRecoveryCode(code);
    expect(hashed).toMatch(/^[0-9a-f]{64}$/);
    expect(hashed).not.toContain(code.replaceAll('-', ''));
  });

  it('match their own stored hash, typed in capitals or without dashes, and nothing else', () => {
    const codes = generateRecoveryCodes();
    const stored = codes.map(hashRecoveryCode);
    const third = codes[2] ?? '';
    expect(findRecoveryCode(third, stored)).toBe(2);
    expect(findRecoveryCode(` ${third.toUpperCase().replaceAll('-', ' ')} `, stored)).toBe(2);
    expect(findRecoveryCode('2222-2222-2222', stored)).toBe(-1);
    expect(
      findRecoveryCode(
        third,
        stored.filter((_, index) => index !== 2),
      ),
    ).toBe(-1);
  });
});
