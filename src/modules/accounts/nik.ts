import type { AccountsMessageKey } from './accounts.messages.ts';
import { isProvinceCode, type ProvinceCode } from './regions.ts';
import { stripSeparators } from './separators.ts';

/** Why a NIK is refused, in the order the digits are read. Each code is a message key. */
export const NIK_ERRORS = [
  'nik.empty',
  'nik.not_digits',
  'nik.length',
  'nik.province_unknown',
  'nik.regency_zero',
  'nik.district_zero',
  'nik.birth_day',
  'nik.birth_month',
  'nik.serial_zero',
] as const satisfies readonly AccountsMessageKey[];
export type NikError = (typeof NIK_ERRORS)[number];

/** Disagreements between a NIK and what a person states: shown, never a reason to refuse. */
export const NIK_WARNINGS = ['nik.birth_date_mismatch', 'nik.sex_mismatch'] as const satisfies readonly AccountsMessageKey[];
export type NikWarning = (typeof NIK_WARNINGS)[number];

export type Sex = 'female' | 'male';

/** The birth date a NIK encodes: the century is not in the number. */
export interface NikBirthDate {
  day: number;
  month: number;
  twoDigitYear: number;
}

export interface ParsedNik {
  /** The 16 digits, without separators. */
  nik: string;
  province: ProvinceCode;
  /** Kemendagri regency or city code as the region table writes it, e.g. `32.04`. */
  regency: string;
  /** Kemendagri district code as the region table writes it, e.g. `32.04.05`. */
  district: string;
  birthDate: NikBirthDate;
  sex: Sex;
}

export type NikResult = ({ ok: true } & ParsedNik) | { ok: false; error: NikError };

/** A calendar date as a person states it on a form. */
export interface StatedDate {
  year: number;
  month: number;
  day: number;
}

const FEMALE_DAY_OFFSET = 40;

/** The NIK with the separators people type removed: the form to store, index and look up by. */
export function normalizeNik(input: string): string {
  return stripSeparators(input);
}

/**
 * Checks the structure of a NIK (`PPKKCC DDMMYY SSSS`) and reads its fields. It never checks the
 * number against an address or a stated birth date: a NIK does not change when those do.
 * Errors: nik.empty, nik.not_digits, nik.length, nik.province_unknown, nik.regency_zero,
 * nik.district_zero, nik.birth_day, nik.birth_month, nik.serial_zero.
 */
export function validateNik(input: string): NikResult {
  const nik = normalizeNik(input);
  if (nik === '') return refuse('nik.empty');
  if (!/^\d+$/.test(nik)) return refuse('nik.not_digits');
  if (nik.length !== 16) return refuse('nik.length');
  const province = nik.slice(0, 2);
  if (!isProvinceCode(province)) return refuse('nik.province_unknown');
  if (nik.slice(2, 4) === '00') return refuse('nik.regency_zero');
  if (nik.slice(4, 6) === '00') return refuse('nik.district_zero');

  const encodedDay = Number(nik.slice(6, 8));
  const month = Number(nik.slice(8, 10));
  const twoDigitYear = Number(nik.slice(10, 12));
  const sex: Sex = encodedDay > FEMALE_DAY_OFFSET ? 'female' : 'male';
  const day = sex === 'female' ? encodedDay - FEMALE_DAY_OFFSET : encodedDay;
  if (day < 1 || day > 31) return refuse('nik.birth_day');
  if (month < 1 || month > 12) return refuse('nik.birth_month');
  if (day > daysInMonth(month, twoDigitYear)) return refuse('nik.birth_day');
  if (nik.slice(12) === '0000') return refuse('nik.serial_zero');

  const regency = `${province}.${nik.slice(2, 4)}`;
  return { ok: true, nik, province, regency, district: `${regency}.${nik.slice(4, 6)}`, birthDate: { day, month, twoDigitYear }, sex };
}

/**
 * Compares a valid NIK with the birth date and sex a person states. The NIK stays as issued even when
 * a birth date is later corrected, so a difference is a warning to show, never a reason to refuse.
 * Fields left out are not compared.
 */
export function nikMismatchWarnings(nik: ParsedNik, stated: { birthDate?: StatedDate | undefined; sex?: Sex | undefined }): NikWarning[] {
  const warnings: NikWarning[] = [];
  const { birthDate } = stated;
  if (birthDate && (birthDate.day !== nik.birthDate.day || birthDate.month !== nik.birthDate.month || birthDate.year % 100 !== nik.birthDate.twoDigitYear)) {
    warnings.push('nik.birth_date_mismatch');
  }
  if (stated.sex && stated.sex !== nik.sex) warnings.push('nik.sex_mismatch');
  return warnings;
}

function refuse(error: NikError): NikResult {
  return { ok: false, error };
}

function daysInMonth(month: number, twoDigitYear: number): number {
  // 19yy and 20yy are both leap years or both not, except yy = 00 (2000 was, 1900 was not), so
  // yy % 4 decides 29 February without knowing the century, and 00 is let through as 2000.
  if (month === 2) return twoDigitYear % 4 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}
