/** Numbers as people type them on Indonesian forms. */

const MINUS = /^[\u2212\u2013-]/;

/** A decimal number; a comma is read as the decimal mark when there is no dot ("3,5" is 3.5). */
export function parseDecimal(raw: string): number | undefined {
  let text = raw.replace(/\s/g, '').replace(MINUS, '-');
  if (text.includes(',') && !text.includes('.')) text = text.replace(',', '.');
  if (!/^[-+]?\d{1,20}(\.\d{1,20})?$/.test(text)) return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
}

/**
 * Whole rupiah, with or without "Rp" and thousands separators in either style ("1.500.000",
 * "1,500,000", "Rp 1.500.000,00"). Rupiah has no cents in use, so "1.500" is one thousand five hundred.
 */
export function parseRupiah(raw: string): number | undefined {
  const text = raw
    .replace(/\s/g, '')
    .replace(MINUS, '-')
    .replace(/^(-?)rp\.?/i, '$1');
  const match = /^(-?)(\d{1,3}(?:\.\d{3})+|\d{1,3}(?:,\d{3})+|\d{1,16})(?:[.,]00?)?$/.exec(text);
  if (!match) return undefined;
  const value = Number(`${match[1]}${(match[2] ?? '').replace(/[.,]/g, '')}`);
  return Number.isSafeInteger(value) ? value : undefined;
}
