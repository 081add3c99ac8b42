import type { AccountsMessageKey } from './accounts.messages.ts';
import { stripSeparators } from './separators.ts';

/** Why a NIB is refused. Each code is a message key; `nib.length` takes the `{length}` parameter. */
export const NIB_ERRORS = ['nib.empty', 'nib.not_digits', 'nib.length'] as const satisfies readonly AccountsMessageKey[];
export type NibError = (typeof NIB_ERRORS)[number];

/** On failure, `params` fills the message (`t(result.error, result.params)`). */
export type NibResult = { ok: true; nib: string } | { ok: false; error: NibError; params: { length: number } };

/** OSS issues 13-digit NIBs today; the length is a parameter because OSS has changed formats before. */
export const NIB_LENGTH = 13;

/**
 * Checks that a NIB is `length` digits once separators are removed and returns it in that form.
 * Errors: nib.empty, nib.not_digits, nib.length.
 */
export function validateNib(input: string, length = NIB_LENGTH): NibResult {
  const nib = stripSeparators(input);
  const params = { length };
  if (nib === '') return { ok: false, error: 'nib.empty', params };
  if (!/^\d+$/.test(nib)) return { ok: false, error: 'nib.not_digits', params };
  if (nib.length !== length) return { ok: false, error: 'nib.length', params };
  return { ok: true, nib };
}
