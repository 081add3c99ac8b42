import type { AccountsMessageKey } from './accounts.messages.ts';
import { stripSeparators } from './separators.ts';

export const EMAIL_ERRORS = ['email.invalid', 'email.too_long'] as const satisfies readonly AccountsMessageKey[];
export type EmailError = (typeof EMAIL_ERRORS)[number];
export type EmailResult = { ok: true; email: string } | { ok: false; error: EmailError };

export const PHONE_ERRORS = ['phone.invalid'] as const satisfies readonly AccountsMessageKey[];
export type PhoneError = (typeof PHONE_ERRORS)[number];
export type PhoneResult = { ok: true; phone: string } | { ok: false; error: PhoneError };

/** RFC 5321 limits a forward path to 256 octets including the angle brackets. */
export const EMAIL_MAX_LENGTH = 254;
const LOCAL_PART_MAX_LENGTH = 64;

// Quoted local parts, comments and IP literals are legal but practically unused by people and
// common in abuse, so the local part refuses the characters they need.
const LOCAL_PART = /^[^\s\p{C}@"(),:;<>[\]\\]+$/u;
const DOMAIN_LABEL = /^[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?$/u;
const TOP_LEVEL_DOMAIN = /^(?:\p{L}{2,}|xn--[a-z0-9-]+)$/u;

/**
 * Trims and lower-cases an e-mail address (the form stored and indexed, so that one mailbox has one
 * account) after a deliberately simple check: it catches typing mistakes; only the verification code
 * proves the address works. Errors: email.invalid, email.too_long.
 */
export function normalizeEmail(input: string): EmailResult {
  const email = input.trim().toLowerCase();
  if (email.length > EMAIL_MAX_LENGTH) return { ok: false, error: 'email.too_long' };
  return isSaneEmail(email) ? { ok: true, email } : { ok: false, error: 'email.invalid' };
}

function isSaneEmail(email: string): boolean {
  const at = email.lastIndexOf('@');
  if (at < 1) return false;
  const local = email.slice(0, at);
  const labels = email.slice(at + 1).split('.');
  const topLevel = labels.at(-1) ?? '';
  return (
    local.length <= LOCAL_PART_MAX_LENGTH &&
    LOCAL_PART.test(local) &&
    !local.startsWith('.') &&
    !local.endsWith('.') &&
    !local.includes('..') &&
    labels.length >= 2 &&
    labels.every((label) => DOMAIN_LABEL.test(label)) &&
    TOP_LEVEL_DOMAIN.test(topLevel)
  );
}

/**
 * Reads an Indonesian mobile number as people write it (`0812…`, `+62 812…`, `62812…`, or `812…`
 * after a +62 shown beside the field; with spaces, dashes, dots or brackets) and returns it in E.164,
 * `+628…`: the form stored, indexed and sent to the SMS gateway. Errors: phone.invalid.
 */
export function normalizePhone(input: string): PhoneResult {
  const compact = stripSeparators(input).replace(/[()]/g, '');
  const national = nationalNumber(compact);
  // Mobile numbers start with 8 and have 8 to 13 digits after the country code; landlines
  // cannot receive the verification SMS, so they are refused here.
  if (national === undefined || !/^8\d{7,12}$/.test(national)) return { ok: false, error: 'phone.invalid' };
  return { ok: true, phone: `+62${national}` };
}

function nationalNumber(compact: string): string | undefined {
  if (compact.startsWith('+62')) return compact.slice(3);
  if (compact.startsWith('62')) return compact.slice(2);
  if (compact.startsWith('0')) return compact.slice(1);
  if (compact.startsWith('8')) return compact;
  return undefined;
}
