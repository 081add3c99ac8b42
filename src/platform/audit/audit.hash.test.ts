import { describe, expect, it } from 'vitest';
import { type ChainedContent, canonicalJson, entryHash, GENESIS_HASH } from './audit.hash.ts';

const content: ChainedContent = {
  id: 1,
  occurredAt: new Date('2025-01-02T03:04:05.678Z'),
  actorAccountId: '9b2f6c1e-3a4d-4e5f-8a9b-0c1d2e3f4a5b',
  actorRole: 'officer',
  actorAgencyId: null,
  action: 'record.state_changed',
  subjectType: 'application',
  subjectId: 'APP-1',
  ip: '203.0.113.7',
  requestId: 'req-1',
  details: { from: 'submitted', to: 'verified' },
};

describe('audit hash', () => {
  it('serializes equal values to equal text whatever the key order', () => {
    expect(canonicalJson({ b: 1, a: [true, null, { d: 'x', c: 2 }] })).toBe('{"a":[true,null,{"c":2,"d":"x"}],"b":1}');
    expect(canonicalJson({ a: 1, b: 2 })).toBe(canonicalJson({ b: 2, a: 1 }));
  });

  it('is a 32-byte SHA-256 that changes when any field or the previous hash changes', () => {
    const hash = entryHash(content, GENESIS_HASH);
    expect(hash).toHaveLength(32);
    expect(entryHash({ ...content, details: { to: 'verified', from: 'submitted' } }, GENESIS_HASH)).toEqual(hash);
    const variants: ChainedContent[] = [
      { ...content, id: 2 },
      { ...content, occurredAt: new Date('2025-01-02T03:04:05.679Z') },
      { ...content, actorAccountId: null },
      { ...content, actorRole: 'supervisor' },
      { ...content, action: 'record.state_changes' },
      { ...content, subjectId: 'APP-2' },
      { ...content, ip: null },
      { ...content, requestId: 'req-2' },
      { ...content, details: { from: 'submitted', to: 'rejected' } },
    ];
    for (const variant of variants) expect(entryHash(variant, GENESIS_HASH)).not.toEqual(hash);
    expect(entryHash(content, Buffer.alloc(32, 1))).not.toEqual(hash);
  });
});
