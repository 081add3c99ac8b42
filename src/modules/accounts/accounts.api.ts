import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { rolesOf, type SignedInActor } from '../../platform/auth/actor.ts';
import { bearerToken } from '../../platform/auth/authentication.ts';
import { authErrors } from '../../platform/auth/errors.ts';
import { AppError } from '../../platform/http/errors.ts';
import { requestOrigin, signedInActor } from '../../platform/http/request-input.ts';
import { type Account, accountRouteSchema, meRouteSchema, revokeTokenRouteSchema, tokenRouteSchema } from './accounts.schemas.ts';
import type { AccountsService, Profile, RequestOrigin } from './accounts.service.ts';
import { SESSION_LIFETIMES, type SessionStore } from './sessions.ts';
import type { SignInService } from './signin.service.ts';

export interface AccountsApiOptions {
  accounts: AccountsService;
  signIn: SignInService;
  sessions: SessionStore;
}

/**
 * Problems of the token endpoint. Every wrong credential (unknown identifier, wrong password, wrong
 * code, disabled account) gets the same one, so that the answer never tells whether an account exists.
 */
export const accountsApiErrors = {
  signInFailed: () => new AppError('auth.sign_in_failed', 401, 'api.signInFailed.title', 'signIn.failed'),
  throttled: () => new AppError('auth.throttled', 429, 'api.throttled.title', 'signIn.throttled'),
  /** The password was right, but staff must add their TOTP code: a client can then ask the person for it. */
  totpRequired: () => new AppError('auth.totp_required', 401, 'api.totpRequired.title', 'api.totpRequired.text'),
};

/** `3273********0003`: enough for a person to recognise their number, useless to anyone who copies it. */
export function maskNik(nik: string): string {
  return `${nik.slice(0, 4)}${'*'.repeat(Math.max(0, nik.length - 8))}${nik.slice(-4)}`;
}

function toAccount(profile: Profile, actor: SignedInActor): Account {
  return {
    id: profile.accountId,
    kind: profile.kind,
    fullName: profile.fullName,
    nik: profile.nik === null ? null : maskNik(profile.nik),
    email: profile.email,
    emailVerified: profile.emailVerified,
    phone: profile.phone,
    phoneVerified: profile.phoneVerified,
    locale: profile.locale,
    roles: rolesOf(actor),
  };
}

// Each attempt costs an argon2 hash: this bounds the work one address can ask for, on top of the
// failure throttling of the sign-in service (which counts only failures).
const TOKEN_RATE_LIMIT = { max: 10, timeWindow: 60 * 1000 };
const SELF = { access: { permission: 'account.self' as const } };

/** The accounts JSON API: bearer tokens for the API, and one's own account. */
export function accountsApi({ accounts, signIn, sessions }: AccountsApiOptions) {
  /**
   * The staff second step on the API. The pending session is never handed out: it is either replaced
   * by the signed-in one (verifySecondStep revokes it) or revoked here. Enrolment needs the web pages,
   * which show the recovery codes once; an account not yet enrolled is told to enrol there.
   */
  async function secondStep(pendingToken: string, enrolled: boolean, code: string | undefined, from: RequestOrigin): Promise<string> {
    const account = enrolled && code ? await signIn.pendingAccount(pendingToken, 'api') : undefined;
    if (account && code) {
      const result = await signIn.verifySecondStep(account, pendingToken, code, 'api', from);
      if (result.ok) return result.sessionToken;
    }
    await sessions.revoke(pendingToken);
    throw enrolled && code ? accountsApiErrors.signInFailed() : accountsApiErrors.totpRequired();
  }

  // RFC 6749 5.1: a token response must not be cached; nor should personal data.
  const noStore = (reply: FastifyReply) => reply.header('cache-control', 'no-store');

  return async (app: FastifyInstance) => {
    const api = app.withTypeProvider<TypeBoxTypeProvider>();

    api.post('/api/v1/auth/token', { config: { access: 'public', rateLimit: TOKEN_RATE_LIMIT }, schema: tokenRouteSchema }, async (request, reply) => {
      const { identifier, password, totp } = request.body;
      const from = requestOrigin(request);
      const result = await signIn.signIn({ identifier, password, kind: 'api' }, from);
      noStore(reply);
      switch (result.outcome) {
        case 'failed':
          throw accountsApiErrors.signInFailed();
        case 'throttled':
          throw accountsApiErrors.throttled();
        case 'signed_in':
          return { accessToken: result.sessionToken, tokenType: 'Bearer' as const, expiresIn: SESSION_LIFETIMES.citizen.api.absolute };
        case 'totp_required': {
          const accessToken = await secondStep(result.sessionToken, result.enrolled, totp, from);
          return { accessToken, tokenType: 'Bearer' as const, expiresIn: SESSION_LIFETIMES.staff.api.absolute };
        }
      }
    });

    api.delete('/api/v1/auth/token', { config: SELF, schema: revokeTokenRouteSchema }, async (request, reply) => {
      const actor = signedInActor(request);
      // Present: the actor was resolved from it.
      const token = bearerToken(request);
      if (token) await signIn.signOut(token, actor.accountId, requestOrigin(request));
      return reply.code(204).send(null);
    });

    api.get('/api/v1/me', { config: SELF, schema: meRouteSchema }, async (request, reply) => {
      const actor = signedInActor(request);
      noStore(reply);
      return toAccount(await accounts.profile(actor), actor);
    });

    api.get('/api/v1/accounts/:id', { config: SELF, schema: accountRouteSchema }, async (request, reply) => {
      const actor = signedInActor(request);
      // Only one's own account for now. Any other id (another citizen's, a staff member's, unknown or
      // malformed) gets the 404 of a missing record, never 403, so that the answer does not reveal
      // whether the account exists. Staff have no use case for reading citizens' accounts yet; when
      // they do, the check moves into the accounts service (scoped by agency), and every successful
      // read of personal data by someone other than its owner is recorded there with audit.record.
      // Reading one's own account is not audited.
      if (request.params.id !== actor.accountId) throw authErrors.notFound();
      noStore(reply);
      return toAccount(await accounts.profile(actor), actor);
    });
  };
}
