import type { FormProblem } from '../../platform/forms/problems.ts';
import { isUuid } from '../../platform/http/uuid.ts';
import type { MessageKey } from '../../platform/i18n/index.ts';
import { normalizeEmail, normalizePhone } from '../accounts/contact.ts';
import type { FileComplaintInput, RegionSelection, Reporter } from './complaints.contract.ts';
import { COMPLAINT_KINDS, type ComplaintKind } from './complaints.tables.ts';

// The checks of a filing that need no database, and the shape of what the service then stores.
// Field names are the filing form's (the pages use the same names), turned into input ids.

export const TITLE_MIN = 5;
export const TITLE_MAX = 200;
export const DESCRIPTION_MIN = 20;
export const DESCRIPTION_MAX = 10_000;
export const ADDRESS_MAX = 500;
export const NAME_MAX = 200;
export const MESSAGE_MAX = 10_000;
export const MAX_FILES = 5;
const EARLIEST_INCIDENT = '2000-01-01';

/** The input id of a filing field, as FormProblem.field carries it. */
export const fieldId = (name: string) => `field-${name}`;

export interface CleanFiling {
  kind: ComplaintKind;
  categoryCode: string;
  title: string;
  description: string;
  incidentDate: string | null;
  regionCode: string | null;
  /** The filing form's select that chose regionCode; null when the code came as such (the API). */
  regionLevel: RegionLevel | null;
  address: string | null;
  latitude: number | null;
  longitude: number | null;
  isSecret: boolean;
  isAnonymous: boolean;
  applicationTrackingNumber: string | null;
  suggestedAgencyCode: string | null;
  fileIds: string[];
  idempotencyKey: string | null;
}

export interface CleanContact {
  name: string | null;
  email: string | null;
  phone: string | null;
}

// Robust to what a hostile client may send in place of text: anything else counts as empty.
const text = (value: unknown) => (typeof value === 'string' ? value : '').replace(/\r\n?/g, '\n').trim();
const optional = (value: unknown) => {
  const trimmed = text(value);
  return trimmed === '' ? null : trimmed;
};

type RegionLevel = keyof RegionSelection;

// The filing form's region selects, broadest first, each with the shape of its Kemendagri code. The
// regency select keeps the input id it had before the districts came (field-regionCode), which the
// pages and browser tests link to.
const REGION_LEVELS: readonly { level: RegionLevel; field: string; code: RegExp; unknown: MessageKey; outside?: MessageKey }[] = [
  { level: 'province', field: fieldId('province'), code: /^\d{2}$/, unknown: 'complaints.error.provinceUnknown' },
  {
    level: 'regency',
    field: fieldId('regionCode'),
    code: /^\d{2}\.\d{2}$/,
    unknown: 'complaints.error.regencyUnknown',
    outside: 'complaints.error.regencyOutside',
  },
  {
    level: 'district',
    field: fieldId('district'),
    code: /^\d{2}\.\d{2}\.\d{2}$/,
    unknown: 'complaints.error.districtUnknown',
    outside: 'complaints.error.districtOutside',
  },
  {
    level: 'village',
    field: fieldId('village'),
    code: /^\d{2}\.\d{2}\.\d{2}\.\d{4}$/,
    unknown: 'complaints.error.villageUnknown',
    outside: 'complaints.error.villageOutside',
  },
];

/** The problem of a region code that is not in the region table: on the select that chose it, or on regionCode. */
export function unknownRegionProblem(level: RegionLevel | null): FormProblem {
  const found = REGION_LEVELS.find((candidate) => candidate.level === level);
  return found ? { field: found.field, key: found.unknown } : { field: fieldId('regionCode'), key: 'complaints.error.region' };
}

/**
 * The most specific region the selects chose, each level lying in the one above (a code nests in its
 * parent's: 32.73 ⊃ 32.73.02 ⊃ 32.73.02.1004). A level below an empty one is ignored: it is what is
 * left of an earlier choice the person cleared. A level outside the one above is refused, not
 * dropped: it is a stale or altered choice, and storing the broader region would misplace the report.
 */
function regionFromSelection(selection: RegionSelection): { code: string | null; level: RegionLevel | null; problems: FormProblem[] } {
  let code: string | null = null;
  let level: RegionLevel | null = null;
  for (const candidate of REGION_LEVELS) {
    const chosen = text(selection[candidate.level]);
    if (chosen === '') break;
    if (!candidate.code.test(chosen)) return { code: null, level: null, problems: [{ field: candidate.field, key: candidate.unknown }] };
    if (code !== null && !chosen.startsWith(`${code}.`))
      return { code: null, level: null, problems: [{ field: candidate.field, key: candidate.outside ?? candidate.unknown }] };
    code = chosen;
    level = candidate.level;
  }
  return { code, level, problems: [] };
}

function isRealDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/**
 * Checks what can be checked without the database; `today` is the reporter's date (yyyy-mm-dd, WIB).
 * Returns the cleaned filing (text trimmed, empty optional fields null), or the problems.
 */
export function checkFiling(input: FileComplaintInput, today: string): { ok: true; filing: CleanFiling } | { ok: false; problems: FormProblem[] } {
  const problems: FormProblem[] = [];
  if (!COMPLAINT_KINDS.includes(input.kind)) problems.push({ field: fieldId('kind'), key: 'complaints.error.kind' });
  const categoryCode = text(input.categoryCode);
  if (categoryCode === '') problems.push({ field: fieldId('categoryCode'), key: 'complaints.error.category' });

  const title = text(input.title).replace(/\s+/g, ' ');
  if ([...title].length < TITLE_MIN) problems.push({ field: fieldId('title'), key: 'complaints.error.titleTooShort', params: { min: TITLE_MIN } });
  else if ([...title].length > TITLE_MAX) problems.push({ field: fieldId('title'), key: 'complaints.error.titleTooLong', params: { max: TITLE_MAX } });

  const description = text(input.description);
  if ([...description].length < DESCRIPTION_MIN)
    problems.push({ field: fieldId('description'), key: 'complaints.error.descriptionTooShort', params: { min: DESCRIPTION_MIN } });
  else if (description.length > DESCRIPTION_MAX)
    problems.push({ field: fieldId('description'), key: 'complaints.error.descriptionTooLong', params: { max: DESCRIPTION_MAX } });

  const incidentDate = optional(input.incidentDate);
  if (incidentDate !== null) {
    if (!isRealDate(incidentDate)) problems.push({ field: fieldId('incidentDate'), key: 'complaints.error.incidentDateInvalid' });
    else if (incidentDate > today) problems.push({ field: fieldId('incidentDate'), key: 'complaints.error.incidentDateFuture' });
    else if (incidentDate < EARLIEST_INCIDENT) problems.push({ field: fieldId('incidentDate'), key: 'complaints.error.incidentDateTooOld' });
  }

  const address = optional(input.address);
  if (address !== null && address.length > ADDRESS_MAX)
    problems.push({ field: fieldId('address'), key: 'complaints.error.addressTooLong', params: { max: ADDRESS_MAX } });

  const region = input.regionSelection
    ? regionFromSelection(input.regionSelection)
    : { code: optional(input.regionCode), level: null, problems: [] as FormProblem[] };
  problems.push(...region.problems);

  const latitude = typeof input.latitude === 'number' ? input.latitude : input.latitude == null ? null : Number.NaN;
  const longitude = typeof input.longitude === 'number' ? input.longitude : input.longitude == null ? null : Number.NaN;
  if ((latitude === null) !== (longitude === null)) {
    problems.push({ field: fieldId(latitude === null ? 'latitude' : 'longitude'), key: 'complaints.error.pointIncomplete' });
  } else {
    if (latitude !== null && !(Number.isFinite(latitude) && latitude >= -90 && latitude <= 90))
      problems.push({ field: fieldId('latitude'), key: 'complaints.error.latitude' });
    if (longitude !== null && !(Number.isFinite(longitude) && longitude >= -180 && longitude <= 180))
      problems.push({ field: fieldId('longitude'), key: 'complaints.error.longitude' });
  }

  const fileIds = [...new Set(Array.isArray(input.fileIds) ? input.fileIds : [])];
  if (fileIds.length > MAX_FILES) problems.push({ field: fieldId('fileIds'), key: 'complaints.error.tooManyFiles', params: { max: MAX_FILES } });
  else if (!fileIds.every(isUuid)) problems.push({ field: fieldId('fileIds'), key: 'complaints.error.fileNotYours' });

  const idempotencyKey = optional(input.idempotencyKey);
  if (idempotencyKey !== null && (idempotencyKey.length < 8 || idempotencyKey.length > 200))
    problems.push({ field: fieldId('idempotencyKey'), key: 'complaints.error.idempotencyKey' });

  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    filing: {
      kind: input.kind,
      categoryCode,
      title,
      description,
      incidentDate,
      regionCode: region.code,
      regionLevel: region.level,
      address,
      latitude,
      longitude,
      // Absent flags take the safe choice.
      isSecret: input.isSecret !== false,
      isAnonymous: input.isAnonymous !== false,
      applicationTrackingNumber: optional(input.applicationTrackingNumber)?.toUpperCase() ?? null,
      suggestedAgencyCode: optional(input.suggestedAgencyCode),
      fileIds,
      idempotencyKey,
    },
  };
}

/** The contact details a guest or an Open311 client gave: normalised, or the problems with them. */
export function checkContact(reporter: Reporter): { ok: true; contact: CleanContact } | { ok: false; problems: FormProblem[] } {
  if (reporter.kind === 'account') return { ok: true, contact: { name: null, email: null, phone: null } };
  const problems: FormProblem[] = [];
  const name = optional(reporter.name);
  if (name !== null && name.length > NAME_MAX)
    problems.push({ field: fieldId('reporterName'), key: 'complaints.error.nameTooLong', params: { max: NAME_MAX } });
  let email: string | null = null;
  const rawEmail = optional(reporter.email);
  if (rawEmail !== null) {
    const checked = normalizeEmail(rawEmail);
    if (checked.ok) email = checked.email;
    else problems.push({ field: fieldId('reporterEmail'), key: 'complaints.error.email' });
  }
  let phone: string | null = null;
  const rawPhone = optional(reporter.phone);
  if (rawPhone !== null) {
    const checked = normalizePhone(rawPhone);
    if (checked.ok) phone = checked.phone;
    else problems.push({ field: fieldId('reporterPhone'), key: 'complaints.error.phone' });
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, contact: { name, email, phone } };
}

/** A staff or reporter message: trimmed, required, bounded. */
export function checkMessage(message: string | undefined): { ok: true; message: string } | { ok: false; reason: 'message_required' | 'too_long' } {
  const trimmed = text(message);
  if (trimmed === '') return { ok: false, reason: 'message_required' };
  if (trimmed.length > MESSAGE_MAX) return { ok: false, reason: 'too_long' };
  return { ok: true, message: trimmed };
}
