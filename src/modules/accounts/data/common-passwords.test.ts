import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { commonPasswordsFile, generateCommonPasswords, MIN_ENTRY_LENGTH } from './generate-common-passwords.ts';

describe('the common-password list', () => {
  it('is exactly what the generator writes, so nobody edits it by hand', async () => {
    const shipped = await readFile(new URL('./common-passwords.txt', import.meta.url), 'utf8');
    expect(shipped === commonPasswordsFile()).toBe(true);
  });

  it('holds at least 10,000 lower-case entries of 10 characters or more, none twice', () => {
    const entries = generateCommonPasswords();
    expect(entries.length).toBeGreaterThanOrEqual(10_000);
    expect(new Set(entries).size).toBe(entries.length);
    expect(entries.every((entry) => [...entry].length >= MIN_ENTRY_LENGTH && entry === entry.toLowerCase())).toBe(true);
  });

  it('covers base words with years from 1950 to 2030, keyboard walks, digit runs and swapped letters', () => {
    const entries = new Set(generateCommonPasswords());
    for (const entry of ['sayang1950', 'rahasia2030', 'qazwsxedc123', '1234567890', 'p@ssword123', 'b1sm1llah123', 'merdeka1945']) {
      expect(entries.has(entry), entry).toBe(true);
    }
  });
});
