import { randomInt } from 'node:crypto';

// Billing codes shaped like the state treasury's (MPN G3 "kode billing"): 15 digits. The first digit is
// 7, 8 or 9, the range of non-tax state revenue (PNBP) codes, which also keeps a code from ever
// looking like a phone number to the audit log's personal-data guard. The last digit is a Luhn check
// digit, so a mistyped digit or swapped pair is caught before any lookup.

export const BILLING_CODE_LENGTH = 15;
const BILLING_CODE = /^[7-9][0-9]{14}$/;

/** The Luhn check digit for `digits` (the digit that makes the whole string pass). */
export function luhnCheckDigit(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    // Doubling starts at the rightmost payload digit: it sits next to the check digit.
    let digit = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 0) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return (10 - (sum % 10)) % 10;
}

/** A fresh random billing code; uniqueness is the caller's (the database's) business. */
export function generateBillingCode(random: (min: number, max: number) => number = randomInt): string {
  let payload = String(random(7, 10));
  while (payload.length < BILLING_CODE_LENGTH - 1) payload += String(random(0, 10));
  return `${payload}${luhnCheckDigit(payload)}`;
}

/** True for a well-formed code whose check digit matches. */
export function isValidBillingCode(code: string): boolean {
  if (!BILLING_CODE.test(code)) return false;
  return luhnCheckDigit(code.slice(0, -1)) === Number(code.slice(-1));
}

/** What a person may type: spaces and dashes between groups are fine. */
export function normalizeBillingCode(input: string): string {
  return input.replace(/[\s-]/g, '');
}
