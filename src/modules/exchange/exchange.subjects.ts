import { createHash } from 'node:crypto';
import { blindIndex } from '../../platform/crypto/blind-index.ts';
import { validateNib } from '../accounts/nib.ts';
import { validateNik } from '../accounts/nik.ts';
import { stripSeparators } from '../accounts/separators.ts';
import type { SubjectKind } from './exchange.tables.ts';

// The subject of a data product is looked up by its key (NIK, KK number, NIB) but never stored in
// clear: registry rows and access records carry a keyed blind index of the normalised key.

export type SubjectKeyResult = { ok: true; key: string } | { ok: false };

/** The key in the form it is indexed by, or not ok when its structure is wrong for its kind. */
export function normalizeSubjectKey(kind: SubjectKind, raw: string): SubjectKeyResult {
  if (raw.length > 64) return { ok: false };
  switch (kind) {
    case 'nik': {
      const nik = validateNik(raw);
      return nik.ok ? { ok: true, key: nik.nik } : { ok: false };
    }
    case 'kk': {
      const kk = stripSeparators(raw);
      return /^\d{16}$/.test(kk) ? { ok: true, key: kk } : { ok: false };
    }
    case 'nib': {
      const nib = validateNib(raw);
      return nib.ok ? { ok: true, key: nib.nib } : { ok: false };
    }
  }
}

/** The blind index of a normalised subject key; the kind is part of it, so a KK never matches a NIK. */
export function subjectIndex(blindIndexKey: Buffer, kind: SubjectKind, normalizedKey: string): string {
  return blindIndex(blindIndexKey, `exchange.${kind}`, normalizedKey);
}

/** JSON with object keys sorted at every depth: the same data always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, item]) => item !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
}

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}
