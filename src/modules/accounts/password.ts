import { readFileSync } from 'node:fs';
import { type Algorithm, hash, parseOptions, type Version, verify } from '@node-rs/argon2';
import type { AccountsMessageKey } from './accounts.messages.ts';
import { normalizeNik } from './nik.ts';

export const PASSWORD_ERRORS = [
  'password.too_short',
  'password.too_long',
  'password.common',
  'password.contains_personal',
] as const satisfies readonly AccountsMessageKey[];
export type PasswordError = (typeof PASSWORD_ERRORS)[number];

export const PASSWORD_MIN_LENGTH = 10;
/** Bounds the work one sign-in can ask of argon2. */
export const PASSWORD_MAX_LENGTH = 256;
// Shorter fragments of a name or address (Sri, Ani, "ab@…") appear in passwords by chance.
const MIN_PERSONAL_FRAGMENT = 4;

export interface PersonalData {
  nik?: string | undefined;
  email?: string | undefined;
  name?: string | undefined;
}

let commonPasswords: ReadonlySet<string> | undefined;

/** Whether the password is on the shipped list of common passwords, ignoring case. */
export function isCommonPassword(password: string): boolean {
  return commonPasswordList().has(normalize(password).toLowerCase());
}

// Read on first use and kept: about 20,000 lower-case lines, a few hundred kilobytes.
function commonPasswordList(): ReadonlySet<string> {
  commonPasswords ??= new Set(
    readFileSync(new URL('./data/common-passwords.txt', import.meta.url), 'utf8')
      .split('\n')
      .filter((line) => line !== '' && !line.startsWith('#')),
  );
  return commonPasswords;
}

/**
 * The reasons a new password is refused, empty when it is acceptable. Following NIST SP 800-63B there
 * are no composition rules (they make passwords harder to remember, not to guess): only length, the
 * common-password list and the person's own data. Length counts Unicode code points, so an emoji or
 * an accented letter is one character. Errors: password.too_short, password.too_long,
 * password.common, password.contains_personal.
 */
export function checkPassword(password: string, personal: PersonalData = {}): PasswordError[] {
  const errors: PasswordError[] = [];
  const normalized = normalize(password);
  const length = [...normalized].length;
  if (length < PASSWORD_MIN_LENGTH) errors.push('password.too_short');
  if (length > PASSWORD_MAX_LENGTH) errors.push('password.too_long');
  const lowered = normalized.toLowerCase();
  if (commonPasswordList().has(lowered)) errors.push('password.common');
  if (personalFragments(personal).some((fragment) => lowered.includes(fragment))) errors.push('password.contains_personal');
  return errors;
}

function personalFragments({ nik, email, name }: PersonalData): string[] {
  const fragments: string[] = [];
  if (nik) fragments.push(normalizeNik(nik));
  if (email) fragments.push(email.trim().toLowerCase().split('@')[0] ?? '');
  if (name) fragments.push(...name.toLowerCase().split(/[^\p{L}]+/u));
  return fragments.filter((fragment) => [...fragment].length >= MIN_PERSONAL_FRAGMENT);
}

// NFKC first (NIST SP 800-63B 5.1.1.2), so that the same password typed on another keyboard or
// device, with composed or decomposed accents, hashes the same.
function normalize(password: string): string {
  return password.normalize('NFKC');
}

// @node-rs/argon2 declares Algorithm and Version as const enums, which isolatedModules cannot read.
const ARGON2ID: Algorithm = 2;
const VERSION_0X13: Version = 1;

/** OWASP's recommended argon2id parameters: 19 MiB of memory, 2 passes, 1 lane. */
export const PASSWORD_HASH_OPTIONS = { algorithm: ARGON2ID, version: VERSION_0X13, memoryCost: 19_456, timeCost: 2, parallelism: 1, outputLen: 32 } as const;

/** Hashes a password with argon2id and a random salt; the result is a PHC string holding its parameters. */
export function hashPassword(password: string): Promise<string> {
  return hash(normalize(password), PASSWORD_HASH_OPTIONS);
}

/**
 * Whether the password matches a stored hash, under the parameters recorded in that hash, in time
 * that does not depend on where they differ. Rejects when the stored value is not an argon2 hash.
 */
export function verifyPassword(storedHash: string, password: string): Promise<boolean> {
  return verify(storedHash, normalize(password));
}

/**
 * Whether a stored hash was made with other parameters than today's (or is not argon2 at all), so
 * that the caller rehashes the password it has just verified.
 */
export function needsRehash(storedHash: string): boolean {
  try {
    const used = parseOptions(storedHash);
    return (
      used.algorithm !== PASSWORD_HASH_OPTIONS.algorithm ||
      used.version !== PASSWORD_HASH_OPTIONS.version ||
      used.memoryCost !== PASSWORD_HASH_OPTIONS.memoryCost ||
      used.timeCost !== PASSWORD_HASH_OPTIONS.timeCost ||
      used.parallelism !== PASSWORD_HASH_OPTIONS.parallelism ||
      used.outputLen !== PASSWORD_HASH_OPTIONS.outputLen
    );
  } catch {
    return true;
  }
}
