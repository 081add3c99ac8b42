/**
 * The 38 province codes (Kemendagri), the first two digits of every NIK. The region table holds the
 * same codes with their names (migrations/0003_provinces.sql); regions.test.ts keeps the two in step,
 * so that validating a NIK needs no database round trip.
 */
// biome-ignore format: one line per island group reads better than one code per line.
export const PROVINCE_CODES = [
  '11', '12', '13', '14', '15', '16', '17', '18', '19', '21',
  '31', '32', '33', '34', '35', '36',
  '51', '52', '53',
  '61', '62', '63', '64', '65',
  '71', '72', '73', '74', '75', '76',
  '81', '82',
  '91', '92', '93', '94', '95', '96',
] as const;

export type ProvinceCode = (typeof PROVINCE_CODES)[number];

const provinceCodes: ReadonlySet<string> = new Set(PROVINCE_CODES);

/** Whether the two digits are one of the 38 province codes. */
export function isProvinceCode(code: string): code is ProvinceCode {
  return provinceCodes.has(code);
}
