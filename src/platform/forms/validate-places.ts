import type { Field } from './form-schema.ts';
import { RAW_POINT_SEPARATOR } from './parse.ts';
import type { FormProblem } from './problems.ts';
import type { Report, ValidationOptions } from './validation-options.ts';

/** Longest district or village name, and street line, a person needs (Kemendagri's longest names are about 40). */
export const ADDRESS_LIMITS = { district: 100, village: 100, street: 300 } as const;

/** Indonesia's extent, with a margin for its outer islands and waters. */
export const INDONESIA_BOUNDS = { lat: { min: -11, max: 6 }, lng: { min: 94, max: 142 } } as const;

const PROVINCE_CODE = /^\d{2}$/;
const REGENCY_CODE = /^\d{2}\.\d{2}$/;

function part(value: object, key: string): string {
  const text = Object.hasOwn(value, key) ? (value as Record<string, unknown>)[key] : undefined;
  return typeof text === 'string' ? text.trim() : '';
}

/**
 * Province and regency must be known Kemendagri codes, the regency inside the province; the street is
 * needed when the field is required. District and village are as typed (the village list is not shipped).
 */
export function validateAddress(field: Field, value: unknown, options: ValidationOptions, report: Report): FormProblem[] {
  if (value === undefined || value === null || value === '') return field.required ? emptyAddressProblems(report) : [];
  if (typeof value !== 'object' || Array.isArray(value)) return [report('form.invalid', {}, 'province')];
  const address = {
    provinceCode: part(value, 'provinceCode'),
    regencyCode: part(value, 'regencyCode'),
    district: part(value, 'district'),
    village: part(value, 'village'),
    street: part(value, 'street'),
  };
  if (!field.required && Object.values(address).every((text) => text === '')) return [];
  // A promise or anything else that is not `true` counts as "not found": refusing is the safe mistake.
  const exists = (code: string) => options.regionExists(code) === true;
  const problems: FormProblem[] = [];
  const provinceKnown = PROVINCE_CODE.test(address.provinceCode) && exists(address.provinceCode);
  if (!address.provinceCode) problems.push(report('form.address.province', {}, 'province'));
  else if (!provinceKnown) problems.push(report('form.address.provinceUnknown', {}, 'province'));
  if (!address.regencyCode) problems.push(report('form.address.regency', {}, 'regency'));
  else if (!REGENCY_CODE.test(address.regencyCode) || !exists(address.regencyCode)) problems.push(report('form.address.regencyUnknown', {}, 'regency'));
  else if (provinceKnown && !address.regencyCode.startsWith(`${address.provinceCode}.`)) problems.push(report('form.address.regencyOutside', {}, 'regency'));
  for (const key of ['district', 'village', 'street'] as const) {
    if ([...address[key]].length > ADDRESS_LIMITS[key]) problems.push(report('form.address.tooLong', { max: ADDRESS_LIMITS[key] }, key));
  }
  if (field.required && !address.street) problems.push(report('form.address.street', {}, 'street'));
  return problems;
}

function emptyAddressProblems(report: Report): FormProblem[] {
  return [report('form.address.province', {}, 'province'), report('form.address.regency', {}, 'regency'), report('form.address.street', {}, 'street')];
}

/** Both coordinates as numbers, inside Indonesia. Typed text that is not a number is kept as `lat;lng` by the parser. */
export function validateGeoPoint(field: Field, value: unknown, report: Report): FormProblem[] {
  if (value === undefined || value === null || value === '') return field.required ? [report('form.required', {}, 'lat')] : [];
  if (typeof value === 'string') return typedPointProblems(value, report);
  if (typeof value !== 'object' || Array.isArray(value)) return [report('form.invalid', {}, 'lat')];
  const lat = Object.hasOwn(value, 'lat') ? (value as { lat: unknown }).lat : undefined;
  const lng = Object.hasOwn(value, 'lng') ? (value as { lng: unknown }).lng : undefined;
  if (typeof lat !== 'number' || !Number.isFinite(lat)) return [report('form.geo.notNumber', {}, 'lat')];
  if (typeof lng !== 'number' || !Number.isFinite(lng)) return [report('form.geo.notNumber', {}, 'lng')];
  const { lat: latBounds, lng: lngBounds } = INDONESIA_BOUNDS;
  if (lat < latBounds.min || lat > latBounds.max) return [report('form.geo.outside', {}, 'lat')];
  if (lng < lngBounds.min || lng > lngBounds.max) return [report('form.geo.outside', {}, 'lng')];
  return [];
}

function typedPointProblems(value: string, report: Report): FormProblem[] {
  const [lat = '', lng = ''] = value.split(RAW_POINT_SEPARATOR).map((text) => text.trim());
  if (!lat) return [report('form.geo.missing', {}, 'lat')];
  if (!lng) return [report('form.geo.missing', {}, 'lng')];
  return [report('form.geo.notNumber', {}, Number.isFinite(Number(lat.replace(',', '.'))) ? 'lng' : 'lat')];
}
