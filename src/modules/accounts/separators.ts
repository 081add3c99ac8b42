// Spaces, dots and dashes (including the Unicode dashes that word processors and phones insert)
// are how people group the digits of a NIK, NIB or phone number when they copy it from a card.
const SEPARATORS = /[\s.\-\u2010-\u2015\u2212]/g;

/** The input without the separators people type between groups of digits. */
export function stripSeparators(input: string): string {
  return input.replace(SEPARATORS, '');
}
