import { randomInt } from 'node:crypto';

/**
 * Tracking numbers: `LKT-XXXX-XXXX`, seven random symbols and a check symbol from Crockford's base32
 * alphabet (no I, L, O or U, so nothing reads as another symbol). Random, not sequential, so a number
 * cannot be guessed from one's own: 32^7 (about 34 billion) possibilities.
 *
 * The check symbol is Damm's algorithm over GF(32): it catches every single wrong symbol and every
 * swap of two neighbouring symbols, the two mistakes people make most when copying a number.
 *
 * Other records (complaints: `ADU-`) use the same scheme under their own prefix.
 */

export const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const PREFIX = 'LKT';
const RANDOM_SYMBOLS = 7;
// x^5 + x^2 + 1, a primitive polynomial over GF(2): GF(32) for the check.
const REDUCTION = 0b100101;

/** Multiplication by x (the element 2) in GF(32). */
function timesX(value: number): number {
  const shifted = value << 1;
  return shifted & 0b100000 ? shifted ^ REDUCTION : shifted;
}

/**
 * Damm's interim over the quasigroup a∘b = x·a + b, which is totally anti-symmetric in
 * characteristic 2 because x ≠ 1.
 */
function interim(values: readonly number[]): number {
  return values.reduce((acc, value) => timesX(acc) ^ value, 0);
}

/** The check symbol that makes the whole number's interim zero. */
export function checkSymbol(symbols: string): string {
  const value = timesX(interim([...symbols].map((c) => ALPHABET.indexOf(c))));
  return ALPHABET[value] as string;
}

function format(symbols: string, prefix: string): string {
  return `${prefix}-${symbols.slice(0, 4)}-${symbols.slice(4, 8)}`;
}

/** A new random tracking number; the caller retries on the (rare) collision with an existing one. */
export function newTrackingNumber(random: (max: number) => number = randomInt, prefix = PREFIX): string {
  let symbols = '';
  for (let i = 0; i < RANDOM_SYMBOLS; i += 1) symbols += ALPHABET[random(ALPHABET.length)];
  return format(symbols + checkSymbol(symbols), prefix);
}

// What people type for what they mean: Crockford's readings of look-alike letters.
const LOOK_ALIKES: Record<string, string> = { O: '0', I: '1', L: '1' };

/**
 * Reads a tracking number as a person may type it: any case, spaces or dashes anywhere, with or
 * without the LKT prefix, O for 0 and I or L for 1. Returns the canonical form, or undefined when
 * it is not a tracking number or its check symbol does not match (a typo).
 */
export function parseTrackingNumber(input: string, prefix = PREFIX): string | undefined {
  if (input.length > 40) return undefined;
  let text = input.toUpperCase().replace(/[\s\-_.]/g, '');
  if (text.startsWith(prefix)) text = text.slice(prefix.length);
  const symbols = [...text].map((c) => LOOK_ALIKES[c] ?? c).join('');
  if (symbols.length !== RANDOM_SYMBOLS + 1 || ![...symbols].every((c) => ALPHABET.includes(c))) return undefined;
  if (interim([...symbols].map((c) => ALPHABET.indexOf(c))) !== 0) return undefined;
  return format(symbols, prefix);
}
