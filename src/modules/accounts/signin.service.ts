import type { AuditLog } from '../../platform/audit/audit.service.ts';
import type { Throttle } from '../../platform/auth/throttle.ts';
import type { Database } from '../../platform/db/database.ts';
import type { AccountRow, AccountsRepository } from './accounts.repository.ts';
import type { RequestOrigin } from './accounts.service.ts';
import { normalizeEmail, normalizePhone } from './contact.ts';
import { normalizeNik } from './nik.ts';
import { hashPassword, needsRehash, verifyPassword } from './password.ts';
import type { PersonalData } from './personal-data.ts';
import { findRecoveryCode, generateRecoveryCodes, hashRecoveryCode } from './recovery-codes.ts';
import type { SessionKind, SessionStore } from './sessions.ts';
import { generateTotpSecret, totpUri, verifyTotp } from './totp.ts';

/** Five failures in fifteen minutes throttle the account, and separately the address they came from. */
export const SIGN_IN_FAILURE_LIMIT = 5;
export const SIGN_IN_WINDOW_SECONDS = 15 * 60;

export type SignInResult =
  | { outcome: 'signed_in'; sessionToken: string; accountId: string; locale: 'id' | 'en' }
  /** Staff: password accepted, TOTP still to come (enrol first when not yet enrolled). */
  | { outcome: 'totp_required'; sessionToken: string; enrolled: boolean }
  /** Wrong identifier or password, or a disabled account: one answer for all, so none is revealed. */
  | { outcome: 'failed' }
  | { outcome: 'throttled' };

export type SecondStepResult = { ok: true; sessionToken: string; recoveryCodes?: string[] } | { ok: false };

// Verifying against a real hash when the account does not exist keeps the answer time the same.
const dummyHash = hashPassword('loket-dummy-password-for-timing');

export function createSignInService(deps: {
  db: Database;
  repository: AccountsRepository;
  personalData: PersonalData;
  sessions: SessionStore;
  throttle: Throttle;
  audit: AuditLog;
}) {
  const { db, repository, personalData, sessions, throttle, audit } = deps;

  /** The blind index a typed identifier points at: NIK (16 digits), e-mail, or mobile number. */
  function identifierIndex(identifier: string): { column: 'nikIndex' | 'emailIndex' | 'phoneIndex'; index: string } | undefined {
    const trimmed = identifier.trim();
    if (trimmed.includes('@')) {
      const email = normalizeEmail(trimmed);
      return email.ok ? { column: 'emailIndex', index: personalData.index('email', email.email) } : undefined;
    }
    const digits = normalizeNik(trimmed);
    // Sixteen digits are always a NIK: no mobile number is that long (62 and at most 13 digits), and
    // 62 also opens every NIK of Central Kalimantan.
    if (/^\d{16}$/.test(digits)) return { column: 'nikIndex', index: personalData.index('nik', digits) };
    const phone = normalizePhone(trimmed);
    return phone.ok ? { column: 'phoneIndex', index: personalData.index('phone', phone.phone) } : undefined;
  }

  function auditActor(account: AccountRow | undefined) {
    return { accountId: account?.id ?? null, role: account?.kind ?? 'anonymous', agencyId: null };
  }

  async function finishSecondStep(
    account: AccountRow,
    pendingToken: string,
    kind: SessionKind,
    origin: RequestOrigin,
    extra: { recoveryCodes?: string[] } = {},
  ) {
    // The pre-verification session is replaced: the signed-in session gets a fresh id.
    const sessionToken = await db.transaction().execute(async (trx) => {
      const token = await sessions.create({ accountId: account.id, accountKind: 'staff', kind, mfaVerified: true, userAgent: origin.userAgent }, trx);
      await audit.record(
        {
          actor: auditActor(account),
          action: 'auth.sign_in',
          subject: { type: 'account', id: account.id },
          ip: origin.ip,
          requestId: origin.requestId,
          details: { mfa: true },
        },
        trx,
      );
      return token;
    });
    await sessions.revoke(pendingToken);
    return { ok: true as const, sessionToken, ...extra };
  }

  return {
    identifierIndex,

    /**
     * Checks an identifier and password. Citizens are signed in at once; staff get a session that
     * counts only once TOTP is verified. Failures are counted per account and per address; the
     * answer never says whether the account exists.
     */
    async signIn(input: { identifier: string; password: string; kind: SessionKind }, origin: RequestOrigin): Promise<SignInResult> {
      const target = identifierIndex(input.identifier);
      const accountKey = `signin:account:${target?.index ?? 'invalid'}`;
      const ipKey = `signin:ip:${origin.ip}`;
      // Each attempt is counted before the password is checked, and forgiven if it succeeds: parallel
      // guesses cannot slip past the limit between a check and a count.
      const accountHits = await throttle.count(accountKey, SIGN_IN_WINDOW_SECONDS);
      const ipHits = await throttle.count(ipKey, SIGN_IN_WINDOW_SECONDS);
      if (accountHits > SIGN_IN_FAILURE_LIMIT || ipHits > SIGN_IN_FAILURE_LIMIT) {
        return { outcome: 'throttled' };
      }
      const account = target ? await repository.findByIndex(target.column, target.index) : undefined;
      const passwordOk = account
        ? await verifyPassword(account.passwordHash, input.password)
        : (await verifyPassword(await dummyHash, input.password)) && false;
      if (!account || !passwordOk || account.status !== 'active') {
        await audit.record({
          actor: auditActor(account),
          action: 'auth.sign_in_failed',
          subject: account ? { type: 'account', id: account.id } : null,
          ip: origin.ip,
          requestId: origin.requestId,
        });
        return { outcome: 'failed' };
      }
      await throttle.clear(accountKey);
      await throttle.forgive(ipKey);
      if (needsRehash(account.passwordHash)) await repository.update(account.id, { passwordHash: await hashPassword(input.password) });

      if (account.kind === 'staff') {
        const sessionToken = await sessions.create({
          accountId: account.id,
          accountKind: 'staff',
          kind: input.kind,
          mfaVerified: false,
          userAgent: origin.userAgent,
        });
        return { outcome: 'totp_required', sessionToken, enrolled: account.totpEnabledAt !== null };
      }
      const sessionToken = await db.transaction().execute(async (trx) => {
        const token = await sessions.create(
          { accountId: account.id, accountKind: 'citizen', kind: input.kind, mfaVerified: true, userAgent: origin.userAgent },
          trx,
        );
        await audit.record(
          { actor: auditActor(account), action: 'auth.sign_in', subject: { type: 'account', id: account.id }, ip: origin.ip, requestId: origin.requestId },
          trx,
        );
        return token;
      });
      return { outcome: 'signed_in', sessionToken, accountId: account.id, locale: account.locale };
    },

    /** The staff account waiting for its second step behind a pending session (web or API), if any. */
    async pendingAccount(pendingToken: string | undefined, kind: SessionKind = 'web'): Promise<AccountRow | undefined> {
      if (!pendingToken) return undefined;
      const resolved = await sessions.resolve(pendingToken, kind);
      if (!resolved || resolved.mfaVerified || resolved.actor.kind !== 'staff') return undefined;
      return repository.findById(resolved.actor.accountId);
    },

    /** Starts TOTP enrolment: a new secret, kept encrypted, not yet active. */
    async beginEnrolment(account: AccountRow): Promise<{ secret: string; uri: string }> {
      const sealer = await personalData.sealer(account.dataKeyId, account.id);
      const existing = account.totpEnabledAt === null ? sealer.openOptional('totpSecret', account.totpSecretEnc) : null;
      const secret = existing ?? generateTotpSecret();
      if (!existing) await repository.update(account.id, { totpSecretEnc: sealer.seal('totpSecret', secret) });
      const email = sealer.openOptional('email', account.emailEnc) ?? account.id;
      return { secret, uri: totpUri({ secret, accountName: email, issuer: 'Loket' }) };
    },

    /**
     * Verifies the second step: a TOTP code (each time step accepted once) or an unused recovery
     * code. On the first success after enrolment, TOTP is switched on and recovery codes are issued.
     */
    async verifySecondStep(account: AccountRow, pendingToken: string, code: string, kind: SessionKind, origin: RequestOrigin): Promise<SecondStepResult> {
      const failKey = `totp:account:${account.id}`;
      if ((await throttle.count(failKey, SIGN_IN_WINDOW_SECONDS)) > SIGN_IN_FAILURE_LIMIT) return { ok: false };
      const sealer = await personalData.sealer(account.dataKeyId, account.id);
      const secret = sealer.openOptional('totpSecret', account.totpSecretEnc);
      const cleaned = code.replace(/\s/g, '');
      const totp = secret ? verifyTotp(secret, cleaned) : { ok: false as const };
      if (totp.ok && (await repository.claimTotpStep(account.id, totp.timeStep))) {
        await throttle.clear(failKey);
        if (account.totpEnabledAt === null) {
          const recoveryCodes = generateRecoveryCodes();
          await db.transaction().execute(async (trx) => {
            await repository.update(account.id, { totpEnabledAt: new Date() }, trx);
            await repository.replaceRecoveryCodes(account.id, recoveryCodes.map(hashRecoveryCode), trx);
            await audit.record(
              {
                actor: auditActor(account),
                action: 'auth.mfa_enrolled',
                subject: { type: 'account', id: account.id },
                ip: origin.ip,
                requestId: origin.requestId,
              },
              trx,
            );
          });
          return finishSecondStep(account, pendingToken, kind, origin, { recoveryCodes });
        }
        return finishSecondStep(account, pendingToken, kind, origin);
      }
      if (account.totpEnabledAt !== null && /^[a-z0-9-]{12,20}$/i.test(cleaned)) {
        const stored = await db.selectFrom('recoveryCode').select('codeHash').where('accountId', '=', account.id).where('usedAt', 'is', null).execute();
        const index = findRecoveryCode(
          cleaned,
          stored.map((row) => row.codeHash),
        );
        const match = stored[index];
        if (match && (await repository.useRecoveryCode(account.id, match.codeHash))) {
          await audit.record({
            actor: auditActor(account),
            action: 'auth.recovery_code_used',
            subject: { type: 'account', id: account.id },
            ip: origin.ip,
            requestId: origin.requestId,
          });
          await throttle.clear(failKey);
          return finishSecondStep(account, pendingToken, kind, origin);
        }
      }
      await audit.record({
        actor: auditActor(account),
        action: 'auth.mfa_failed',
        subject: { type: 'account', id: account.id },
        ip: origin.ip,
        requestId: origin.requestId,
      });
      return { ok: false };
    },

    /** Ends one session. */
    async signOut(token: string, accountId: string, origin: RequestOrigin): Promise<void> {
      await sessions.revoke(token);
      await audit.record({
        actor: { accountId, role: 'account', agencyId: null },
        action: 'auth.sign_out',
        subject: { type: 'account', id: accountId },
        ip: origin.ip,
        requestId: origin.requestId,
      });
    },
  };
}

export type SignInService = ReturnType<typeof createSignInService>;
