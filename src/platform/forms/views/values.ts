import type { DateInputValue } from '../../ui/components/date-input.tsx';
import type { AddressValue, FieldValue } from '../form-schema.ts';
import { RAW_DATE_SEPARATOR, RAW_POINT_SEPARATOR } from '../parse.ts';

/**
 * Stored answers read back for display. Each reader accepts any shape (a draft may come from an old
 * form version or a hostile API call) and falls back to empty.
 */

export function textOf(value: FieldValue | undefined): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return '';
}

export function listOf(value: FieldValue | undefined): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

function ownText(value: unknown, key: string): string {
  if (typeof value !== 'object' || value === null || !Object.hasOwn(value, key)) return '';
  const text = (value as Record<string, unknown>)[key];
  return typeof text === 'string' ? text : typeof text === 'number' && Number.isFinite(text) ? String(text) : '';
}

/** A stored ISO date as typed parts ("2024-03-07" → 7, 3, 2024), or the parts kept from a date that was not valid. */
export function datePartsOf(value: FieldValue | undefined): DateInputValue {
  if (typeof value !== 'string' || value === '') return {};
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (iso) return { year: iso[1], month: String(Number(iso[2])), day: String(Number(iso[3])) };
  const [year = '', month = '', day = ''] = value.split(RAW_DATE_SEPARATOR);
  return { year, month, day };
}

export function addressOf(value: FieldValue | undefined): AddressValue {
  return {
    provinceCode: ownText(value, 'provinceCode'),
    regencyCode: ownText(value, 'regencyCode'),
    district: ownText(value, 'district'),
    village: ownText(value, 'village'),
    street: ownText(value, 'street'),
  };
}

/** Latitude and longitude as text, from a stored point or the text kept from one that was not valid. */
export function pointPartsOf(value: FieldValue | undefined): { lat: string; lng: string } {
  if (typeof value === 'string') {
    const [lat = '', lng = ''] = value.split(RAW_POINT_SEPARATOR);
    return { lat, lng };
  }
  return { lat: ownText(value, 'lat'), lng: ownText(value, 'lng') };
}

export function fileIdsOf(value: FieldValue | undefined): string[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || !Object.hasOwn(value, 'fileIds')) return [];
  const ids = (value as { fileIds: unknown }).fileIds;
  return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string') : [];
}
