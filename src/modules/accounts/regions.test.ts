import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { isProvinceCode, PROVINCE_CODES } from './regions.ts';

describe('province codes', () => {
  it('are exactly the provinces the migration inserts into the region table', async () => {
    const sql = await readFile(new URL('../../../migrations/0003_provinces.sql', import.meta.url), 'utf8');
    const fromMigration = [...sql.matchAll(/\('(\d{2})',\s*null,\s*'province'/g)].map((match) => match[1]);
    expect(fromMigration).toHaveLength(38);
    expect([...PROVINCE_CODES].sort()).toEqual(fromMigration.sort());
  });

  it('recognise Jawa Barat and refuse a code no province has', () => {
    expect(isProvinceCode('32')).toBe(true);
    expect(isProvinceCode('20')).toBe(false);
    expect(isProvinceCode('99')).toBe(false);
  });
});
