import { describe, expect, it } from 'vitest';
import { generateBillingCode, isValidBillingCode, luhnCheckDigit, normalizeBillingCode } from './billing-code.ts';
import { signWebhook, verifyWebhookSignature } from './webhook-signature.ts';

describe('billing codes', () => {
  it('are 15 digits in the PNBP range with a Luhn check digit', () => {
    for (let i = 0; i < 200; i++) {
      const code = generateBillingCode();
      expect(code).toMatch(/^[7-9][0-9]{14}$/);
      expect(isValidBillingCode(code)).toBe(true);
    }
    // The textbook Luhn example: 7992739871 has check digit 3.
    expect(luhnCheckDigit('7992739871')).toBe(3);
  });

  it('catch a mistyped digit and a swapped pair', () => {
    const code = generateBillingCode(() => 8);
    expect(code).toBe(`88888888888888${luhnCheckDigit('88888888888888')}`);
    const real = generateBillingCode();
    const typo = `${real.slice(0, 5)}${(Number(real[5]) + 1) % 10}${real.slice(6)}`;
    expect(isValidBillingCode(typo)).toBe(false);
    expect(isValidBillingCode('820123')).toBe(false);
    expect(isValidBillingCode(`0${real.slice(1)}`)).toBe(false);
    expect(normalizeBillingCode(' 8201 2345-678 ')).toBe('82012345678');
  });
});

describe('webhook signatures', () => {
  const secret = Buffer.alloc(32, 3);
  const now = new Date('2026-11-25T10:00:00Z');
  const body = '{"eventId":"e1"}';

  it('accept what was signed, within five minutes either way', () => {
    expect(verifyWebhookSignature(secret, signWebhook(secret, body, now), body, now)).toEqual({ ok: true });
    expect(verifyWebhookSignature(secret, signWebhook(secret, body, new Date(now.getTime() - 299_000)), body, now)).toEqual({ ok: true });
  });

  it('refuse a changed body, another secret, an old or garbled header', () => {
    const header = signWebhook(secret, body, now);
    expect(verifyWebhookSignature(secret, header, `${body} `, now)).toEqual({ ok: false, reason: 'mismatch' });
    expect(verifyWebhookSignature(Buffer.alloc(32, 4), header, body, now)).toEqual({ ok: false, reason: 'mismatch' });
    expect(verifyWebhookSignature(secret, signWebhook(secret, body, new Date(now.getTime() - 301_000)), body, now)).toEqual({ ok: false, reason: 'stale' });
    expect(verifyWebhookSignature(secret, undefined, body, now)).toEqual({ ok: false, reason: 'missing' });
    expect(verifyWebhookSignature(secret, 't=abc,v1=zz', body, now)).toEqual({ ok: false, reason: 'malformed' });
  });
});
