import { createHash } from 'node:crypto';
import type { AuditDetails } from './audit.tables.ts';

/** What the first entry links to. */
export const GENESIS_HASH: Buffer = Buffer.alloc(32);

// Part of every hash, so that a later change of serialization can be told apart from tampering.
const HASH_VERSION = 'loket-audit-v1';

/** Everything an entry says, exactly as stored and read back: its hash covers all of it. */
export interface ChainedContent {
  id: number;
  occurredAt: Date;
  actorAccountId: string | null;
  actorRole: string;
  actorAgencyId: string | null;
  action: string;
  subjectType: string | null;
  subjectId: string | null;
  ip: string | null;
  requestId: string | null;
  details: AuditDetails;
}

/**
 * JSON with object keys sorted and no whitespace, so that equal values always give equal text,
 * whatever key order jsonb hands back.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError('audit content holds a number that is not finite');
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  throw new TypeError(`audit content holds a ${typeof value}`);
}

/** SHA-256 over the version tag, the previous entry's hash and the entry's canonical content. */
export function entryHash(content: ChainedContent, previousHash: Buffer): Buffer {
  // A fixed field order in an array: renaming a property in code cannot silently change the hash.
  const fields = [
    content.id,
    content.occurredAt.toISOString(),
    content.actorAccountId,
    content.actorRole,
    content.actorAgencyId,
    content.action,
    content.subjectType,
    content.subjectId,
    content.ip,
    content.requestId,
    content.details,
  ];
  return createHash('sha256').update(HASH_VERSION).update('\0').update(previousHash).update(canonicalJson(fields), 'utf8').digest();
}
