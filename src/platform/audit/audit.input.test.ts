import { describe, expect, it } from 'vitest';
import { AuditInputError, cleanDetails, isPersonalDataKey, normalizeEntry } from './audit.input.ts';
import type { AuditDetails } from './audit.tables.ts';

const actor = { accountId: null, role: 'system', agencyId: null };

describe('audit input', () => {
  it.each([
    'nik',
    'NIK',
    'email',
    'emailAddress',
    'e_mail',
    'phone',
    'phoneNumber',
    'no_hp',
    'name',
    'fullName',
    'full_name',
    'username',
    'address',
    'homeAddress',
    'alamat',
    'password',
    'newPassword',
    'birthDate',
    'tanggal_lahir',
    'otp',
    'totpSecret',
    'token',
  ])('treats the key %s as personal data or a secret', (key) => {
    expect(isPersonalDataKey(key)).toBe(true);
  });

  it.each(['accountId', 'agencyId', 'from', 'to', 'state', 'reason', 'fields', 'serviceCode', 'count', 'format', 'applicationId'])(
    'lets the key %s through',
    (key) => {
      expect(isPersonalDataKey(key)).toBe(false);
    },
  );

  it('refuses personal-data keys at any depth and names the path, never the value', () => {
    const attempt = () => cleanDetails({ change: { before: { email: 'budi@example.id' } } });
    expect(attempt).toThrow(AuditInputError);
    expect(attempt).toThrow('details.change.before.email');
    expect(attempt).not.toThrow(/budi/);
  });

  it.each([
    ['an e-mail address', 'contact budi@example.co.id today'],
    ['a NIK', '3171014501900001'],
    ['a mobile number', '+62 812-3456-7890'],
    ['a mobile number in local form', '081234567890'],
  ])('refuses a value shaped like %s under an innocent key', (_kind, value) => {
    expect(() => cleanDetails({ note: value })).toThrow(/details\.note looks like personal data/);
    expect(() => cleanDetails({ list: [value] })).toThrow(/details\.list\[0\]/);
  });

  it('keeps identifiers, codes and hashes, and drops undefined values as JSON would', () => {
    const details = {
      applicationId: '9b2f6c1e-3a4d-4e5f-8a9b-0c1d2e3f4a5b',
      from: 'submitted',
      to: 'verified',
      fields: ['nik', 'address'],
      sha256: `${'1'.repeat(16)}${'f'.repeat(48)}`,
      attempt: 3,
      flagged: false,
      skipped: undefined,
    } as unknown as AuditDetails;
    expect(cleanDetails(details)).toEqual({
      applicationId: '9b2f6c1e-3a4d-4e5f-8a9b-0c1d2e3f4a5b',
      from: 'submitted',
      to: 'verified',
      fields: ['nik', 'address'],
      sha256: `${'1'.repeat(16)}${'f'.repeat(48)}`,
      attempt: 3,
      flagged: false,
    });
  });

  it('refuses values that are not plain JSON, too deep or too large', () => {
    expect(() => cleanDetails({ at: new Date() } as unknown as AuditDetails)).toThrow(/details\.at is not a JSON value/);
    expect(() => cleanDetails({ n: Number.NaN })).toThrow(/not a finite number/);
    expect(() => cleanDetails({ text: 'a\0b' })).toThrow(/not valid text/);
    expect(() => cleanDetails({ a: { b: { c: { d: { e: { f: 1 } } } } } })).toThrow(/nested too deeply/);
    expect(() => cleanDetails({ blob: 'x'.repeat(3000) })).toThrow(/larger than 2048 bytes/);
  });

  it('checks the action, actor, subject and ip, and lower-cases uuids as PostgreSQL will return them', () => {
    expect(() => normalizeEntry({ actor, action: 'SignIn' as `${string}.${string}`, subject: null })).toThrow(/audit action/);
    expect(() => normalizeEntry({ actor: { ...actor, accountId: 'budi' }, action: 'auth.sign_in', subject: null })).toThrow(/actor.accountId must be a uuid/);
    expect(() => normalizeEntry({ actor: { ...actor, role: '' }, action: 'auth.sign_in', subject: null })).toThrow(/actor.role/);
    expect(() => normalizeEntry({ actor, action: 'auth.sign_in', subject: { type: 'account', id: '' } })).toThrow(/subject.id/);
    expect(() => normalizeEntry({ actor, action: 'auth.sign_in', subject: null, ip: 'localhost' })).toThrow(/ip is not an IP address/);
    const entry = normalizeEntry({
      actor: { accountId: '9B2F6C1E-3A4D-4E5F-8A9B-0C1D2E3F4A5B', role: 'officer', agencyId: null },
      action: 'personal_data.read',
      subject: { type: 'account', id: 'acc-1' },
      ip: '::1',
    });
    expect(entry).toMatchObject({
      actorAccountId: '9b2f6c1e-3a4d-4e5f-8a9b-0c1d2e3f4a5b',
      subjectType: 'account',
      subjectId: 'acc-1',
      requestId: null,
      details: {},
    });
  });
});
