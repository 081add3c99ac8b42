import { createHmac } from 'node:crypto';

/**
 * Keyed blind index for exact lookups of encrypted values (NIK, e-mail, phone) without storing them
 * in clear. The kind is part of the input, so equal strings of different kinds never share an index.
 * Normalise before indexing (trim, lower-case e-mail, +62 phone form) so equal values match.
 */
export function blindIndex(key: Buffer, kind: string, normalizedValue: string): string {
  return createHmac('sha256', key).update(`${kind}\u0000${normalizedValue}`, 'utf8').digest('base64url');
}
