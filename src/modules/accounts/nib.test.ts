import { describe, expect, it } from 'vitest';
import { validateNib } from './nib.ts';

describe('validateNib', () => {
  it('accepts 13 digits, with or without the separators people type', () => {
    expect(validateNib('9120001234567')).toEqual({ ok: true, nib: '9120001234567' });
    expect(validateNib(' 9120 0012-3456.7 ')).toEqual({ ok: true, nib: '9120001234567' });
  });

  it('refuses an empty field, a letter and a wrong length, each with its own code and the expected length', () => {
    expect(validateNib('  ')).toEqual({ ok: false, error: 'nib.empty', params: { length: 13 } });
    expect(validateNib('91200012345B7')).toEqual({ ok: false, error: 'nib.not_digits', params: { length: 13 } });
    expect(validateNib('912000123456')).toEqual({ ok: false, error: 'nib.length', params: { length: 13 } });
  });

  it('follows a configured length when OSS changes the format', () => {
    expect(validateNib('9120001234567', 16)).toEqual({ ok: false, error: 'nib.length', params: { length: 16 } });
    expect(validateNib('9120001234567890', 16)).toEqual({ ok: true, nib: '9120001234567890' });
  });
});
