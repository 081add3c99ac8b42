import { generateSync } from 'otplib';
import { describe, expect, it } from 'vitest';
import { generateTotpSecret, totpUri, verifyTotp } from './totp.ts';

// Base32 of the ASCII secret "12345678901234567890" from the RFC 6238 test vectors (SHA-1).
const RFC_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const at = (seconds: number) => new Date(seconds * 1000);

describe('verifyTotp', () => {
  // RFC 6238 appendix B gives 8 digits; the 6-digit code is their last six (the same value mod 10^6).
  it.each([
    [59, '94287082'],
    [1111111109, '07081804'],
    [1111111111, '14050471'],
    [1234567890, '89005924'],
    [2000000000, '69279037'],
    [20000000000, '65353130'],
  ])('accepts the RFC 6238 code at %i seconds and returns its time step', (seconds, code) => {
    expect(verifyTotp(RFC_SECRET, code.slice(-6), at(seconds))).toEqual({ ok: true, timeStep: Math.floor(seconds / 30) });
  });

  it('accepts a code one step early or late, returning the step it belongs to, and refuses two steps away', () => {
    const step = Math.floor(1111111109 / 30);
    expect(verifyTotp(RFC_SECRET, '081804', at(1111111109 + 30))).toEqual({ ok: true, timeStep: step });
    expect(verifyTotp(RFC_SECRET, '081804', at(1111111109 - 30))).toEqual({ ok: true, timeStep: step });
    expect(verifyTotp(RFC_SECRET, '081804', at(1111111109 + 60))).toEqual({ ok: false });
    expect(verifyTotp(RFC_SECRET, '081804', at(1111111109 - 60))).toEqual({ ok: false });
  });

  it('accepts the code as the app displays it, with a space', () => {
    expect(verifyTotp(RFC_SECRET, '081 804', at(1111111109)).ok).toBe(true);
  });

  it.each(['', '08180', '0818044', '08180a', '081804\n1'])('refuses %j without trying it', (code) => {
    expect(verifyTotp(RFC_SECRET, code, at(1111111109))).toEqual({ ok: false });
  });

  it('refuses a wrong code', () => {
    expect(verifyTotp(RFC_SECRET, '081805', at(1111111109))).toEqual({ ok: false });
  });
});

describe('generateTotpSecret', () => {
  it('makes a fresh 160-bit Base32 secret that codes from an authenticator verify against', () => {
    const secret = generateTotpSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(generateTotpSecret()).not.toBe(secret);
    const now = new Date();
    const code = generateSync({ secret, epoch: Math.floor(now.getTime() / 1000) });
    expect(verifyTotp(secret, code, now).ok).toBe(true);
  });
});

describe('totpUri', () => {
  it('names Loket as issuer and carries the secret, leaving SHA-1, 6 digits and 30 seconds to the defaults', () => {
    const uri = new URL(totpUri({ secret: RFC_SECRET, accountName: 'siti.rahayu@example.id' }));
    expect(uri.protocol).toBe('otpauth:');
    expect(uri.host).toBe('totp');
    expect(decodeURIComponent(uri.pathname)).toBe('/Loket:siti.rahayu@example.id');
    expect(Object.fromEntries(uri.searchParams)).toEqual({ secret: RFC_SECRET, issuer: 'Loket' });
  });
});
