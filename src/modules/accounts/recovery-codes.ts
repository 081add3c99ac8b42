import { createHash, randomInt, timingSafeEqual } from 'node:crypto';

// No 0/o, 1/l/i or u/v: the codes are read off paper and typed by hand.
const RECOVERY_ALPHABET = '23456789abcdefghjkmnpqrstwxyz';
const RECOVERY_GROUPS = 3;
const RECOVERY_GROUP_LENGTH = 4;

/**
 * Single-use recovery codes for a staff member who lost their authenticator, shaped `xxxx-xxxx-xxxx`
 * (12 characters from a 29-letter alphabet, about 58 bits each). Store only their hashes.
 */
export function generateRecoveryCodes(count = 10): string[] {
  const codes = new Set<string>();
  while (codes.size < count) {
    const groups = Array.from({ length: RECOVERY_GROUPS }, () =>
      Array.from({ length: RECOVERY_GROUP_LENGTH }, () => RECOVERY_ALPHABET.charAt(randomInt(RECOVERY_ALPHABET.length))).join(''),
    );
    codes.add(groups.join('-'));
  }
  return [...codes];
}

/**
 * The stored form of a recovery code: SHA-256 of the code without dashes, spaces or case. A fast hash
 * is enough because the codes are random and long, unlike passwords.
 */
export function hashRecoveryCode(code: string): string {
  return createHash('sha256').update(normalizeRecoveryCode(code), 'utf8').digest('hex');
}

/**
 * The index of the stored hash the code matches, or -1. Every hash is compared in constant time and
 * none is skipped, so timing reveals neither which code matched nor how much of it. The caller
 * deletes the matched hash: each code works once.
 */
export function findRecoveryCode(code: string, storedHashes: readonly string[]): number {
  const candidate = Buffer.from(hashRecoveryCode(code), 'hex');
  let found = -1;
  storedHashes.forEach((stored, index) => {
    const storedBytes = Buffer.from(stored, 'hex');
    if (storedBytes.length === candidate.length && timingSafeEqual(storedBytes, candidate) && found === -1) found = index;
  });
  return found;
}

function normalizeRecoveryCode(code: string): string {
  return code.replace(/[\s-]/g, '').toLowerCase();
}
