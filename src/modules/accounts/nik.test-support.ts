import fc from 'fast-check';
import type { Sex } from './nik.ts';
import { PROVINCE_CODES } from './regions.ts';

// NIKs for tests: built from their parts, and generated as fast-check arbitraries.

export interface NikParts {
  province: string;
  regency: number;
  district: number;
  day: number;
  month: number;
  /** Two digits: 0–99. */
  year: number;
  sex: Sex;
  serial: number;
}

export const pad = (value: number, width: number) => String(value).padStart(width, '0');

/** A NIK from its parts; by default a man from Kabupaten Bandung born 17 August 1990. */
export function buildNik(overrides: Partial<NikParts> = {}): string {
  const p: NikParts = { province: '32', regency: 4, district: 5, day: 17, month: 8, year: 90, sex: 'male', serial: 3, ...overrides };
  const day = p.sex === 'female' ? p.day + 40 : p.day;
  return `${p.province}${pad(p.regency, 2)}${pad(p.district, 2)}${pad(day, 2)}${pad(p.month, 2)}${pad(p.year, 2)}${pad(p.serial, 4)}`;
}

/** The parts of a valid NIK: a real province, non-zero codes, a real date and a non-zero serial. */
export const validNikParts: fc.Arbitrary<NikParts> = fc
  .record({
    province: fc.constantFrom(...PROVINCE_CODES),
    regency: fc.integer({ min: 1, max: 99 }),
    district: fc.integer({ min: 1, max: 99 }),
    month: fc.integer({ min: 1, max: 12 }),
    year: fc.integer({ min: 0, max: 99 }),
    sex: fc.constantFrom<Sex>('female', 'male'),
    serial: fc.integer({ min: 1, max: 9999 }),
  })
  .chain((p) => fc.integer({ min: 1, max: new Date(Date.UTC(2000 + p.year, p.month, 0)).getUTCDate() }).map((day) => ({ ...p, day })));

export const validNik: fc.Arbitrary<string> = validNikParts.map((parts) => buildNik(parts));
