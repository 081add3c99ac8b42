import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';
import type { AuditLog } from '../../platform/audit/audit.service.ts';
import type { SignedInActor } from '../../platform/auth/actor.ts';
import type { Database } from '../../platform/db/database.ts';
import type { RequestOrigin } from '../../platform/http/request-input.ts';
import type { MessageKey } from '../../platform/i18n/index.ts';
import type { Notifier } from '../../platform/notify/notify.service.ts';
import type { AccountsRepository } from './accounts.repository.ts';
import { normalizeEmail, normalizePhone } from './contact.ts';
import { validateNik } from './nik.ts';
import { checkPassword, hashPassword } from './password.ts';
import type { PersonalData } from './personal-data.ts';
import type { SessionStore } from './sessions.ts';

export interface FieldProblem {
  field: string;
  key: MessageKey;
  params?: Record<string, string | number>;
}

export type Result<T> = { ok: true; value: T } | { ok: false; problems: FieldProblem[] };

export type { RequestOrigin };

export interface RegistrationInput {
  nik: string;
  fullName: string;
  birthDate: { day: string; month: string; year: string };
  email: string;
  phone: string;
  password: string;
  locale: 'id' | 'en';
}

export interface Profile {
  accountId: string;
  kind: 'citizen' | 'staff';
  fullName: string;
  nik: string | null;
  birthDate: string | null;
  email: string | null;
  emailVerified: boolean;
  phone: string | null;
  phoneVerified: boolean;
  locale: 'id' | 'en';
  totpEnabled: boolean;
}

const CODE_VALIDITY_MS = 10 * 60 * 1000;
const CODE_MAX_ATTEMPTS = 5;

function parseDate(parts: { day: string; month: string; year: string }): string | undefined {
  const [day, month, year] = [parts.day, parts.month, parts.year].map((p) => p.trim());
  if (!/^\d{1,2}$/.test(day ?? '') || !/^\d{1,2}$/.test(month ?? '') || !/^\d{4}$/.test(year ?? '')) return undefined;
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  if (date.getUTCDate() !== Number(day) || date.getUTCMonth() !== Number(month) - 1) return undefined;
  if (date.getTime() > Date.now() || date.getUTCFullYear() < 1900) return undefined;
  return date.toISOString().slice(0, 10);
}

export function createAccountsService(deps: {
  db: Database;
  repository: AccountsRepository;
  personalData: PersonalData;
  sessions: SessionStore;
  notifier: Notifier;
  audit: AuditLog;
  codeKey: Buffer;
}) {
  const { db, repository, personalData, sessions, notifier, audit } = deps;
  const hashCode = (accountId: string, code: string) => createHmac('sha256', deps.codeKey).update(`${accountId}:${code}`).digest('base64url');

  /** Writes a new code and its message in the caller's transaction; the code itself is never stored or logged. */
  async function issueCode(trx: Database, account: { id: string; locale: 'id' | 'en' }, channel: 'email' | 'sms', recipient: string) {
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    await repository.insertVerificationCode(
      { accountId: account.id, channel, codeHash: hashCode(account.id, code), expiresAt: new Date(Date.now() + CODE_VALIDITY_MS) },
      trx,
    );
    await notifier.enqueue({ kind: 'account.verify_contact', channel, recipient, locale: account.locale, params: { code } }, trx);
  }

  return {
    /**
     * Registers a citizen and signs them in. Every field is checked and every problem reported at
     * once, each with its own message. A NIK, e-mail or phone already registered is refused. A code
     * to verify the contact is sent in the same transaction.
     */
    async register(input: RegistrationInput, origin: RequestOrigin): Promise<Result<{ accountId: string; sessionToken: string }>> {
      const problems: FieldProblem[] = [];
      const nik = validateNik(input.nik);
      if (!nik.ok) problems.push({ field: 'nik', key: nik.error });
      const fullName = input.fullName.trim().replace(/\s+/g, ' ');
      if (fullName.length < 2 || fullName.length > 200) problems.push({ field: 'fullName', key: 'register.fullName.invalid' });
      const birthDate = parseDate(input.birthDate);
      if (!birthDate) problems.push({ field: 'birthDate-day', key: 'register.birthDate.invalid' });
      const email = input.email.trim() === '' ? undefined : normalizeEmail(input.email);
      const phone = input.phone.trim() === '' ? undefined : normalizePhone(input.phone);
      if (email && !email.ok) problems.push({ field: 'email', key: email.error });
      if (phone && !phone.ok) problems.push({ field: 'phone', key: phone.error });
      if (!email && !phone) problems.push({ field: 'email', key: 'register.contact.required' });
      for (const error of checkPassword(input.password, { nik: nik.ok ? nik.nik : undefined, email: email?.ok ? email.email : undefined, name: fullName })) {
        problems.push({ field: 'password', key: error });
      }
      const nikIndex = nik.ok ? personalData.index('nik', nik.nik) : undefined;
      const emailIndex = email?.ok ? personalData.index('email', email.email) : undefined;
      const phoneIndex = phone?.ok ? personalData.index('phone', phone.phone) : undefined;
      if (nikIndex && (await repository.indexTaken('nikIndex', nikIndex))) problems.push({ field: 'nik', key: 'register.nik.taken' });
      if (emailIndex && (await repository.indexTaken('emailIndex', emailIndex))) problems.push({ field: 'email', key: 'register.email.taken' });
      if (phoneIndex && (await repository.indexTaken('phoneIndex', phoneIndex))) problems.push({ field: 'phone', key: 'register.phone.taken' });
      if (problems.length > 0 || !nik.ok || !birthDate || !nikIndex) return { ok: false, problems };

      const passwordHash = await hashPassword(input.password);
      const accountId = crypto.randomUUID();
      try {
        const sessionToken = await db.transaction().execute(async (trx) => {
          const dataKey = await personalData.newKey(trx);
          const sealer = await personalData.sealer(dataKey.id, accountId, trx);
          await repository.insert(
            {
              id: accountId,
              kind: 'citizen',
              dataKeyId: dataKey.id,
              nikIndex,
              nikEnc: sealer.seal('nik', nik.nik),
              fullNameEnc: sealer.seal('fullName', fullName),
              birthDateEnc: sealer.seal('birthDate', birthDate),
              emailIndex: emailIndex ?? null,
              emailEnc: email?.ok ? sealer.seal('email', email.email) : null,
              phoneIndex: phoneIndex ?? null,
              phoneEnc: phone?.ok ? sealer.seal('phone', phone.phone) : null,
              passwordHash,
              locale: input.locale,
              isDemo: false,
            },
            trx,
          );
          if (email?.ok) await issueCode(trx, { id: accountId, locale: input.locale }, 'email', email.email);
          else if (phone?.ok) await issueCode(trx, { id: accountId, locale: input.locale }, 'sms', phone.phone);
          await audit.record(
            {
              actor: { accountId, role: 'citizen', agencyId: null },
              action: 'account.registered',
              subject: { type: 'account', id: accountId },
              ip: origin.ip,
              requestId: origin.requestId,
            },
            trx,
          );
          return sessions.create({ accountId, accountKind: 'citizen', kind: 'web', mfaVerified: true, userAgent: origin.userAgent }, trx);
        });
        return { ok: true, value: { accountId, sessionToken } };
      } catch (error) {
        // Two registrations racing for the same NIK: the unique index decides.
        if ((error as { code?: string }).code === '23505') return { ok: false, problems: [{ field: 'nik', key: 'register.nik.taken' }] };
        throw error;
      }
    },

    /** Checks a contact verification code: valid 10 minutes, five attempts, one use. */
    async verifyContact(actor: SignedInActor, code: string, origin: RequestOrigin): Promise<Result<'email' | 'sms'>> {
      const open = await repository.latestOpenVerificationCode(actor.accountId);
      if (!open) return { ok: false, problems: [{ field: 'code', key: 'verify.code.none' }] };
      if (open.expiresAt.getTime() < Date.now()) return { ok: false, problems: [{ field: 'code', key: 'verify.code.expired' }] };
      // Counted before comparing, in one statement: a limit read first would let parallel guesses through.
      if (!(await repository.countVerificationAttempt(open.id, CODE_MAX_ATTEMPTS)))
        return { ok: false, problems: [{ field: 'code', key: 'verify.code.tooMany' }] };
      const expected = Buffer.from(open.codeHash);
      const given = Buffer.from(hashCode(actor.accountId, code.replace(/\s/g, '')));
      if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
        return { ok: false, problems: [{ field: 'code', key: 'verify.code.wrong' }] };
      }
      await db.transaction().execute(async (trx) => {
        await repository.consumeVerificationCode(open.id, trx);
        await repository.update(actor.accountId, open.channel === 'email' ? { emailVerifiedAt: new Date() } : { phoneVerifiedAt: new Date() }, trx);
        await audit.record(
          {
            actor: { accountId: actor.accountId, role: actor.kind, agencyId: null },
            action: 'account.contact_verified',
            subject: { type: 'account', id: actor.accountId },
            ip: origin.ip,
            requestId: origin.requestId,
            details: { channel: open.channel },
          },
          trx,
        );
      });
      return { ok: true, value: open.channel };
    },

    /** Sends a fresh code to the account's unverified contact (e-mail first). */
    async resendCode(actor: SignedInActor): Promise<void> {
      const account = await repository.findById(actor.accountId);
      if (!account) return;
      const sealer = await personalData.sealer(account.dataKeyId, account.id);
      await db.transaction().execute(async (trx) => {
        if (account.emailEnc && !account.emailVerifiedAt) await issueCode(trx, account, 'email', sealer.open('email', account.emailEnc));
        else if (account.phoneEnc && !account.phoneVerifiedAt) await issueCode(trx, account, 'sms', sealer.open('phone', account.phoneEnc));
      });
    },

    /** The signed-in person's own data, decrypted for them. */
    async profile(actor: SignedInActor): Promise<Profile> {
      const account = await repository.findById(actor.accountId);
      if (!account) throw new Error('signed-in account vanished');
      const sealer = await personalData.sealer(account.dataKeyId, account.id);
      return {
        accountId: account.id,
        kind: account.kind,
        fullName: sealer.open('fullName', account.fullNameEnc),
        nik: sealer.openOptional('nik', account.nikEnc),
        birthDate: sealer.openOptional('birthDate', account.birthDateEnc),
        email: sealer.openOptional('email', account.emailEnc),
        emailVerified: account.emailVerifiedAt !== null,
        phone: sealer.openOptional('phone', account.phoneEnc),
        phoneVerified: account.phoneVerifiedAt !== null,
        locale: account.locale,
        totpEnabled: account.totpEnabledAt !== null,
      };
    },

    /** Changes e-mail and phone; a changed contact must be verified again, so a code goes to it. */
    async updateContact(actor: SignedInActor, input: { email: string; phone: string }, origin: RequestOrigin): Promise<Result<{ codeSent: boolean }>> {
      const account = await repository.findById(actor.accountId);
      if (!account) throw new Error('signed-in account vanished');
      const email = input.email.trim() === '' ? undefined : normalizeEmail(input.email);
      const phone = input.phone.trim() === '' ? undefined : normalizePhone(input.phone);
      const problems: FieldProblem[] = [];
      if (email && !email.ok) problems.push({ field: 'email', key: email.error });
      if (phone && !phone.ok) problems.push({ field: 'phone', key: phone.error });
      if (!email && !phone) problems.push({ field: 'email', key: 'register.contact.required' });
      const emailIndex = email?.ok ? personalData.index('email', email.email) : null;
      const phoneIndex = phone?.ok ? personalData.index('phone', phone.phone) : null;
      if (emailIndex && (await repository.indexTaken('emailIndex', emailIndex, account.id))) problems.push({ field: 'email', key: 'register.email.taken' });
      if (phoneIndex && (await repository.indexTaken('phoneIndex', phoneIndex, account.id))) problems.push({ field: 'phone', key: 'register.phone.taken' });
      if (problems.length > 0) return { ok: false, problems };

      const sealer = await personalData.sealer(account.dataKeyId, account.id);
      const oldEmail = sealer.openOptional('email', account.emailEnc);
      const oldPhone = sealer.openOptional('phone', account.phoneEnc);
      const newEmail = email?.ok ? email.email : null;
      const newPhone = phone?.ok ? phone.phone : null;
      const emailChanged = newEmail !== oldEmail;
      const phoneChanged = newPhone !== oldPhone;
      if (!emailChanged && !phoneChanged) return { ok: true, value: { codeSent: false } };
      await db.transaction().execute(async (trx) => {
        await repository.update(
          account.id,
          {
            ...(emailChanged ? { emailIndex, emailEnc: newEmail ? sealer.seal('email', newEmail) : null, emailVerifiedAt: null } : {}),
            ...(phoneChanged ? { phoneIndex, phoneEnc: newPhone ? sealer.seal('phone', newPhone) : null, phoneVerifiedAt: null } : {}),
          },
          trx,
        );
        if (emailChanged && newEmail) await issueCode(trx, account, 'email', newEmail);
        else if (phoneChanged && newPhone) await issueCode(trx, account, 'sms', newPhone);
        await audit.record(
          {
            actor: { accountId: account.id, role: actor.kind, agencyId: null },
            action: 'account.contact_changed',
            subject: { type: 'account', id: account.id },
            ip: origin.ip,
            requestId: origin.requestId,
            details: { email: emailChanged, phone: phoneChanged },
          },
          trx,
        );
      });
      return { ok: true, value: { codeSent: (emailChanged && newEmail !== null) || (phoneChanged && newPhone !== null) } };
    },

    async setLocale(actor: SignedInActor, locale: 'id' | 'en'): Promise<void> {
      await repository.update(actor.accountId, { locale });
    },
  };
}

export type AccountsService = ReturnType<typeof createAccountsService>;
