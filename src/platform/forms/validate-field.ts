import { normalizeEmail, normalizePhone } from '../../modules/accounts/contact.ts';
import { validateNib } from '../../modules/accounts/nib.ts';
import { validateNik } from '../../modules/accounts/nik.ts';
import { parseIsoDate, resolveDateBound } from './dates.ts';
import type { ChoiceField, DateField, Field, FileField, NumberField, TextField } from './form-schema.ts';
import { RAW_DATE_SEPARATOR } from './parse.ts';
import { compiledPattern } from './pattern.ts';
import type { FormProblem } from './problems.ts';
import { validateAddress, validateGeoPoint } from './validate-places.ts';
import { type Report, reporter, type ValidationOptions } from './validation-options.ts';

/** Limits for text fields that set none: a name-sized line, a letter-sized text. */
export const DEFAULT_MAX_LENGTH = { text: 500, longText: 5000 } as const;

/** The problems with one answer (none when it is fine); any shape of value is accepted and judged. */
export function validateField(field: Field, value: unknown, options: ValidationOptions): FormProblem[] {
  const report = reporter(field, options.locale ?? 'id');
  switch (field.type) {
    case 'address':
      return validateAddress(field, value, options, report);
    case 'geoPoint':
      return validateGeoPoint(field, value, report);
    case 'file':
      return validateFiles(field, value, report);
    case 'checkboxes':
      return validateCheckboxes(field, value, report);
    case 'date':
      return validateDate(field, value, options.today ?? new Date(), report);
    case 'number':
    case 'money':
      return validateNumber(field, value, report);
    default:
      return validateText(field, value, report);
  }
}

function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || value === '';
}

/** Fields answered with one string: free text, identifiers, and single choices. */
function validateText(field: Field, value: unknown, report: Report): FormProblem[] {
  const choice = field.type === 'select' || field.type === 'radios';
  if (isEmpty(value)) return field.required ? [report(choice ? 'form.required.choice' : 'form.required')] : [];
  if (typeof value !== 'string') return [report('form.invalid')];
  switch (field.type) {
    case 'text':
    case 'longText':
      return textRules(field, value, report);
    case 'nik': {
      const nik = validateNik(value);
      return nik.ok ? [] : [report(nik.error)];
    }
    case 'nib': {
      const nib = validateNib(value);
      return nib.ok ? [] : [report(nib.error, nib.params)];
    }
    case 'phone': {
      const phone = normalizePhone(value);
      return phone.ok ? [] : [report(phone.error)];
    }
    case 'email': {
      const email = normalizeEmail(value);
      return email.ok ? [] : [report(email.error)];
    }
    case 'select':
    case 'radios':
      return field.options.some((option) => option.value === value) ? [] : [report('form.choice.unknown')];
    default:
      return [];
  }
}

function textRules(field: TextField, value: string, report: Report): FormProblem[] {
  // Code points, not UTF-16 units: an emoji or a rare Han character is one character to the person.
  const length = [...value].length;
  const max = field.maxLength ?? DEFAULT_MAX_LENGTH[field.type];
  if (length > max) return [report('form.text.tooLong', { max, length })];
  if (field.minLength !== undefined && length < field.minLength) return [report('form.text.tooShort', { min: field.minLength, length })];
  const pattern = field.pattern === undefined ? undefined : compiledPattern(field.pattern);
  if (pattern && !pattern.test(value)) return [report('form.text.pattern')];
  return [];
}

function validateNumber(field: NumberField, value: unknown, report: Report): FormProblem[] {
  if (isEmpty(value)) return field.required ? [report('form.required')] : [];
  const money = field.type === 'money';
  if (typeof value !== 'number' || !Number.isFinite(value)) return [report(money ? 'form.money.invalid' : 'form.number.notNumber')];
  if (money && (!Number.isSafeInteger(value) || value < 0)) return [report('form.money.invalid')];
  if (field.min !== undefined && value < field.min) return [report(money ? 'form.money.min' : 'form.number.min', { min: field.min })];
  if (field.max !== undefined && value > field.max) return [report(money ? 'form.money.max' : 'form.number.max', { max: field.max })];
  return [];
}

function validateDate(field: DateField, value: unknown, today: Date, report: Report): FormProblem[] {
  if (isEmpty(value)) return field.required ? [report('form.required', {}, 'day')] : [];
  if (typeof value !== 'string') return [report('form.invalid', {}, 'day')];
  if (!parseIsoDate(value)) return [typedDateProblem(value, report)];
  const min = resolveDateBound(field.min, today, 'min');
  const max = resolveDateBound(field.max, today, 'max');
  // ISO dates compare correctly as strings.
  if (min !== undefined && value < min) return [report(field.min === 'today' ? 'form.date.past' : 'form.date.beforeMin', { min }, 'day')];
  if (max !== undefined && value > max) return [report(field.max === 'today' ? 'form.date.future' : 'form.date.afterMax', { max }, 'day')];
  return [];
}

/** What is wrong with typed parts that are not a real date, pointing at the part to fix. */
function typedDateProblem(value: string, report: Report): FormProblem {
  const parts = value.split(RAW_DATE_SEPARATOR);
  if (parts.length !== 3) return report('form.date.invalid', {}, 'day');
  const [year = '', month = '', day = ''] = parts.map((part) => part.trim());
  if (!day) return report('form.date.missingDay', {}, 'day');
  if (!month) return report('form.date.missingMonth', {}, 'month');
  if (!year) return report('form.date.missingYear', {}, 'year');
  if (!/^\d{1,2}$/.test(day) || Number(day) < 1 || Number(day) > 31) return report('form.date.invalid', {}, 'day');
  if (!/^\d{1,2}$/.test(month) || Number(month) < 1 || Number(month) > 12) return report('form.date.invalid', {}, 'month');
  if (!/^\d{4}$/.test(year)) return report('form.date.year', {}, 'year');
  return report('form.date.invalid', {}, 'day');
}

function validateCheckboxes(field: ChoiceField, value: unknown, report: Report): FormProblem[] {
  if (isEmpty(value) || (Array.isArray(value) && value.length === 0)) return field.required ? [report('form.required.choice')] : [];
  if (!Array.isArray(value)) return [report('form.invalid')];
  const options = new Set(field.options.map((option) => option.value));
  const known = value.every((item) => typeof item === 'string' && options.has(item));
  return known && new Set(value).size === value.length ? [] : [report('form.checkboxes.unknown')];
}

/** At most this many characters in a stored file id; storage ids are far shorter. */
const FILE_ID_MAX_LENGTH = 100;

function validateFiles(field: FileField, value: unknown, report: Report): FormProblem[] {
  if (isEmpty(value)) return field.required ? [report('form.required.file')] : [];
  const fileIds = typeof value === 'object' && value !== null && Object.hasOwn(value, 'fileIds') ? (value as { fileIds: unknown }).fileIds : undefined;
  if (!Array.isArray(fileIds) || !fileIds.every((id) => typeof id === 'string' && id.length > 0 && id.length <= FILE_ID_MAX_LENGTH)) {
    return [report('form.invalid')];
  }
  if (fileIds.length === 0) return field.required ? [report('form.required.file')] : [];
  if (fileIds.length > field.maxFiles) return [report('form.file.tooMany', { max: field.maxFiles, count: fileIds.length })];
  return [];
}
