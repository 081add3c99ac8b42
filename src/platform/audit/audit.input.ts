import { isIP } from 'node:net';
import { isUuid } from '../http/uuid.ts';
import type { AuditDetails, AuditDetailValue } from './audit.tables.ts';

/** A programming error in an audit call: the entry is refused and nothing is written. */
export class AuditInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AuditInputError';
  }
}

export interface AuditActor {
  /** Null for anonymous callers (a failed sign-in) and for the system itself. */
  accountId: string | null;
  /** The role the actor acted in, e.g. `officer`, `citizen`, `system`, `anonymous`. */
  role: string;
  agencyId: string | null;
}

export interface AuditSubject {
  type: string;
  id: string;
}

/** Lower-case dotted names: `auth.sign_in`, `personal_data.read`, `record.state_changed`. */
export type AuditAction = `${string}.${string}`;

export interface AuditEntryInput {
  actor: AuditActor;
  action: AuditAction;
  /** What the action was done to; null when there is no such record (a sign-in for an unknown account). */
  subject: AuditSubject | null;
  ip?: string | null | undefined;
  requestId?: string | null | undefined;
  /** Identifiers and codes only. Personal data (NIK, e-mail, phone, name, address, …) is refused. */
  details?: AuditDetails | undefined;
}

/** The entry's columns, normalized so that what is hashed is exactly what PostgreSQL gives back. */
export interface NormalizedEntry {
  actorAccountId: string | null;
  actorRole: string;
  actorAgencyId: string | null;
  action: string;
  subjectType: string | null;
  subjectId: string | null;
  ip: string | null;
  requestId: string | null;
  details: AuditDetails;
}

const ACTION = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/;
const MAX_TEXT = 200;
const MAX_DETAILS_BYTES = 2048;
const MAX_DEPTH = 4;

// Whole words of a key (camelCase, snake_case and kebab-case split), in English and Indonesian.
// biome-ignore format: a word list reads better packed
const PERSONAL_WORDS = new Set([
  'nik', 'kk', 'ktp', 'npwp', 'name', 'names', 'nama', 'email', 'mail', 'phone', 'mobile', 'msisdn', 'hp', 'telp', 'telepon',
  'whatsapp', 'address', 'alamat', 'dob', 'birth', 'birthdate', 'lahir', 'password', 'passwd', 'pin', 'secret', 'token', 'otp',
  'totp', 'recovery',
]);
// Caught even when run together, as in `fullname` or `phonenumber`.
const PERSONAL_FRAGMENTS = ['fullname', 'username', 'firstname', 'lastname', 'surname', 'email', 'password', 'phone', 'address', 'birth', 'alamat'];

// Values that are personal data whatever their key: an e-mail address, a NIK or KK number, a mobile number.
const EMAIL_IN_TEXT = /[^\s@]+@[^\s@]+\.[a-z]{2,}/i;
const SIXTEEN_DIGITS = /^\d{16}$/;
const INDONESIAN_MOBILE = /^(\+?62|0)8\d{7,12}$/;

/** True when a details key names personal data or a secret (`nik`, `fullName`, `no_hp`, `email_address`, …). */
export function isPersonalDataKey(key: string): boolean {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  if (words.some((word) => PERSONAL_WORDS.has(word))) return true;
  const joined = words.join('');
  return PERSONAL_FRAGMENTS.some((fragment) => joined.includes(fragment));
}

function looksLikePersonalData(text: string): boolean {
  const compact = text.replace(/[\s\-.()]/g, '');
  return EMAIL_IN_TEXT.test(text) || SIXTEEN_DIGITS.test(compact) || INDONESIAN_MOBILE.test(compact);
}

/** A copy holding only JSON values; the error names the offending path, never the value. */
function cleanValue(value: unknown, path: string, depth: number): AuditDetailValue {
  if (value === null || typeof value === 'boolean') return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new AuditInputError(`audit details: ${path} is not a finite number`);
    return value;
  }
  if (typeof value === 'string') {
    // jsonb refuses NUL and unpaired surrogates; refusing here keeps the caller's transaction alive.
    if (value.includes('\0') || !value.isWellFormed()) throw new AuditInputError(`audit details: ${path} is not valid text`);
    if (looksLikePersonalData(value)) throw new AuditInputError(`audit details: ${path} looks like personal data`);
    return value;
  }
  if (depth >= MAX_DEPTH) throw new AuditInputError(`audit details: ${path} is nested too deeply`);
  if (Array.isArray(value)) return value.map((item, index) => cleanValue(item, `${path}[${index}]`, depth + 1));
  if (typeof value === 'object' && [Object.prototype, null].includes(Object.getPrototypeOf(value))) {
    return cleanObject(value as Record<string, unknown>, path, depth + 1);
  }
  throw new AuditInputError(`audit details: ${path} is not a JSON value`);
}

function cleanObject(value: Record<string, unknown>, path: string, depth: number): { [key: string]: AuditDetailValue } {
  const result: { [key: string]: AuditDetailValue } = {};
  for (const [key, item] of Object.entries(value)) {
    if (isPersonalDataKey(key)) throw new AuditInputError(`audit details may not hold personal data: ${path}.${key}`);
    if (item !== undefined) result[key] = cleanValue(item, `${path}.${key}`, depth);
  }
  return result;
}

/**
 * Refuses details that hold personal data or secrets (by key, and by values shaped like an e-mail
 * address, NIK or mobile number), are not plain JSON, or are larger than 2 KB.
 */
export function cleanDetails(details: AuditDetails): AuditDetails {
  const cleaned = cleanObject(details, 'details', 0);
  if (Buffer.byteLength(JSON.stringify(cleaned)) > MAX_DETAILS_BYTES) throw new AuditInputError(`audit details are larger than ${MAX_DETAILS_BYTES} bytes`);
  return cleaned;
}

/** An action name as entries store it: lower-case dotted words, `area.verb_noun`. */
export function isAuditAction(value: string): boolean {
  return ACTION.test(value);
}

export { isUuid };

function uuidOrNull(value: string | null, name: string): string | null {
  if (value === null) return null;
  if (!isUuid(value)) throw new AuditInputError(`audit ${name} must be a uuid`);
  // PostgreSQL reads uuids back in lower case; the hash must see the same text.
  return value.toLowerCase();
}

function text(value: string, name: string): string {
  if (value === '' || value.length > MAX_TEXT || value.includes('\0')) throw new AuditInputError(`audit ${name} must be 1 to ${MAX_TEXT} characters`);
  return value;
}

/** Validates an audit call and returns its columns; throws AuditInputError on any mistake. */
export function normalizeEntry(input: AuditEntryInput): NormalizedEntry {
  if (!isAuditAction(input.action)) throw new AuditInputError(`audit action must look like "area.verb_noun" (got "${input.action}")`);
  const ip = input.ip ?? null;
  if (ip !== null && isIP(ip) === 0) throw new AuditInputError('audit ip is not an IP address');
  return {
    actorAccountId: uuidOrNull(input.actor.accountId, 'actor.accountId'),
    actorRole: text(input.actor.role, 'actor.role'),
    actorAgencyId: uuidOrNull(input.actor.agencyId, 'actor.agencyId'),
    action: input.action,
    subjectType: input.subject ? text(input.subject.type, 'subject.type') : null,
    subjectId: input.subject ? text(input.subject.id, 'subject.id') : null,
    ip,
    requestId: input.requestId == null ? null : text(input.requestId, 'requestId'),
    details: cleanDetails(input.details ?? {}),
  };
}
