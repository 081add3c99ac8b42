import { describe, expect, it } from 'vitest';
import { createSeenKeys } from './exchange.seen-keys.ts';

describe('the seen-keys table of an import', () => {
  it('names the earlier line of a repeated key, through many resizes', () => {
    const seen = createSeenKeys(4);
    for (let i = 0; i < 50_000; i += 1) expect(seen.add(String(3273010101900000n + BigInt(i)), i + 2)).toBe(0);
    expect(seen.add('3273010101900000', 60_000)).toBe(2);
    expect(seen.add('3273010101949999', 60_001)).toBe(50_001);
    expect(seen.add('0', 7)).toBe(0);
    expect(seen.add('0000', 8)).toBe(7);
    expect(seen.add('9999999999999999999', 9)).toBe(0);
  });
});
