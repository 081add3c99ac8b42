import { normalizeEmail, normalizePhone } from '../../modules/accounts/contact.ts';
import { validateNib } from '../../modules/accounts/nib.ts';
import { normalizeNik } from '../../modules/accounts/nik.ts';
import { isRealDate, toIsoDate } from './dates.ts';
import type { AddressValue, Field, FieldValue, FormData, FormPage } from './form-schema.ts';
import { parseDecimal, parseRupiah } from './numbers.ts';
import { readPart, readText, readTexts } from './read-body.ts';

/**
 * Reads the answers of one page from a urlencoded post into typed values: trimmed text, NIK/NIB/phone/
 * e-mail in their normal form when they are valid, numbers, ISO dates, known checkbox values, address
 * and point objects. What cannot be read as its type is kept as typed text, so that validation can say
 * what is wrong and the page can show it again. File fields are not in the post: uploads are separate.
 * Never throws, whatever the body.
 */
export function parsePagePost(page: FormPage, body: unknown): FormData {
  const data: FormData = {};
  for (const field of page.fields) {
    const value = parseField(field, body);
    if (value !== undefined) data[field.name] = value;
  }
  return data;
}

function parseField(field: Field, body: unknown): FieldValue | undefined {
  const { name } = field;
  switch (field.type) {
    case 'text':
      return singleLine(readText(body, name));
    case 'longText':
      return multiLine(readText(body, name));
    case 'nik':
      return normalizeNik(singleLine(readText(body, name, 200)));
    case 'nib': {
      const text = singleLine(readText(body, name, 200));
      const nib = validateNib(text);
      return nib.ok ? nib.nib : text;
    }
    case 'phone': {
      const text = singleLine(readText(body, name, 200));
      const phone = normalizePhone(text);
      return phone.ok ? phone.phone : text;
    }
    case 'email': {
      const text = singleLine(readText(body, name, 500));
      const email = normalizeEmail(text);
      return email.ok ? email.email : text;
    }
    case 'number': {
      const text = singleLine(readText(body, name, 100));
      return parseDecimal(text) ?? text;
    }
    case 'money': {
      const text = singleLine(readText(body, name, 100));
      return parseRupiah(text) ?? text;
    }
    case 'date':
      return parseDate(body, name);
    case 'select':
    case 'radios':
      return singleLine(readText(body, name, 200));
    case 'checkboxes': {
      const ticked = new Set(readTexts(body, name).map((value) => value.trim()));
      return field.options.map((option) => option.value).filter((value) => ticked.has(value));
    }
    case 'address':
      return parseAddress(body, name);
    case 'geoPoint':
      return parseGeoPoint(body, name);
    case 'file':
      return undefined;
  }
}

// Control characters have no place in an answer (a newline in a one-line field is a pasted line
// break): a one-line answer gets a space for them, a multi-line one keeps newlines and tabs only.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]+/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const CONTROL_EXCEPT_NEWLINE_AND_TAB = /[\u0000-\u0008\u000b-\u001f\u007f]/g;

function singleLine(text: string): string {
  return text.replace(CONTROL_CHARACTERS, ' ').trim();
}

function multiLine(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(CONTROL_EXCEPT_NEWLINE_AND_TAB, '').trim();
}

/** Separates the typed parts of a date or point that could not be read; removed from each part first. */
export const RAW_DATE_SEPARATOR = '-';
export const RAW_POINT_SEPARATOR = ';';

/**
 * `YYYY-MM-DD` when day, month and year make a real date; '' when all three are empty; otherwise the
 * typed parts as `year-month-day`, each part without dashes so that the split is exact.
 */
function parseDate(body: unknown, name: string): string {
  const [day, month, year] = (['day', 'month', 'year'] as const).map((part) => singleLine(readPart(body, name, part, 20)));
  if (!day && !month && !year) return '';
  if (day && month && year && /^\d{1,2}$/.test(day) && /^\d{1,2}$/.test(month) && /^\d{4}$/.test(year)) {
    const date = { year: Number(year), month: Number(month), day: Number(day) };
    if (isRealDate(date)) return toIsoDate(date);
  }
  return [year, month, day].map((part) => (part ?? '').replaceAll(RAW_DATE_SEPARATOR, ' ')).join(RAW_DATE_SEPARATOR);
}

function parseAddress(body: unknown, name: string): AddressValue {
  const part = (key: keyof AddressValue, max: number) => singleLine(readPart(body, name, key, max));
  return {
    provinceCode: part('provinceCode', 20),
    regencyCode: part('regencyCode', 20),
    district: part('district', 500),
    village: part('village', 500),
    street: part('street', 1000),
  };
}

/** `{ lat, lng }` when both are numbers; '' when both are empty; otherwise the typed text as `lat;lng`. */
function parseGeoPoint(body: unknown, name: string): FieldValue {
  const lat = singleLine(readPart(body, name, 'lat', 50));
  const lng = singleLine(readPart(body, name, 'lng', 50));
  if (!lat && !lng) return '';
  const latitude = parseDecimal(lat);
  const longitude = parseDecimal(lng);
  if (latitude !== undefined && longitude !== undefined) return { lat: latitude, lng: longitude };
  return [lat, lng].map((text) => text.replaceAll(RAW_POINT_SEPARATOR, ' ')).join(RAW_POINT_SEPARATOR);
}
