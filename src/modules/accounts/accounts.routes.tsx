import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import QRCode from 'qrcode';
import { can, type SignedInActor } from '../../platform/auth/actor.ts';
import type { Permission } from '../../platform/auth/permissions.ts';
import { pageContext, safeReturnPath } from '../../platform/http/request-context.ts';
import { formText, requestOrigin, signedInActor } from '../../platform/http/request-input.ts';
import type { MessageKey } from '../../platform/i18n/index.ts';
import { CSS_HREF } from '../../platform/ui/assets.ts';
import { ADMIN_NAV_ITEMS, allowedItems, type NavItem, STAFF_NAV_ITEMS } from '../../platform/ui/navigation.ts';
import type { AccountsService } from './accounts.service.ts';
import type { SessionStore } from './sessions.ts';
import type { SignInService } from './signin.service.ts';
import { AccountPage } from './views/account-page.tsx';
import { fieldErrors } from './views/form-state.ts';
import { RegisterPage, type RegisterValues } from './views/register-page.tsx';
import { SignInPage } from './views/sign-in-page.tsx';
import { RecoveryCodesPage, TotpPage } from './views/totp-pages.tsx';
import { VerifyPage } from './views/verify-page.tsx';

export interface AccountRoutesOptions {
  accounts: AccountsService;
  signIn: SignInService;
  sessions: SessionStore;
  cookieName: string;
  secureCookies: boolean;
}

/** Where a signed-in person can go from their account page (where signing in lands), by what their roles allow. */
function accountLinks(actor: SignedInActor): NavItem[] {
  const links: NavItem[] = [];
  if (actor.kind === 'citizen') links.push({ href: '/account/organisations', labelKey: 'organisation.title' });
  if (actor.kind === 'citizen') links.push({ href: '/account/consents', labelKey: 'consent.nav' });
  links.push({ href: '/account/privacy', labelKey: 'privacy.nav' });
  if (actor.kind === 'citizen') links.push({ href: '/account/data-tracker', labelKey: 'tracker.nav' });
  if (can(actor, 'application.counter')) links.push({ href: '/counter/applications/new', labelKey: 'applications.nav.counter' });
  const allowed = (permission: Permission) => can(actor, permission);
  return [...links, ...allowedItems(STAFF_NAV_ITEMS, allowed), ...allowedItems(ADMIN_NAV_ITEMS, allowed)];
}

// Notices shown after a redirect, by a fixed code in the query: nothing a link can inject.
const NOTICES: Record<string, MessageKey> = {
  verified: 'verify.done',
  contactSaved: 'account.contact.saved',
  codeSent: 'account.contact.codeSent',
  signedOutElsewhere: 'account.signedOutElsewhere',
  signedOut: 'signOut.done',
  required: 'signIn.required',
};

function notice(query: unknown): MessageKey | undefined {
  const code = (query as { done?: unknown } | undefined)?.done;
  return typeof code === 'string' ? NOTICES[code] : undefined;
}

const page = (request: FastifyRequest, reply: FastifyReply) => pageContext(request, reply, CSS_HREF);
const PUBLIC = { config: { access: 'public' as const }, schema: { hide: true } };
const SELF = { config: { access: { permission: 'account.self' as const } }, schema: { hide: true } };

export function accountRoutes({ accounts, signIn, sessions, cookieName, secureCookies }: AccountRoutesOptions) {
  const setSession = (reply: FastifyReply, token: string) =>
    reply.setCookie(cookieName, token, { path: '/', httpOnly: true, sameSite: 'lax', secure: secureCookies, maxAge: 24 * 3600 });
  const clearSession = (reply: FastifyReply) => reply.clearCookie(cookieName, { path: '/', httpOnly: true, sameSite: 'lax', secure: secureCookies });

  return async (app: FastifyInstance) => {
    const emptyRegistration: RegisterValues = { nik: '', fullName: '', birthDate: { day: '', month: '', year: '' }, email: '', phone: '' };

    app.get('/register', PUBLIC, async (request, reply) => reply.html(<RegisterPage ctx={page(request, reply)} values={emptyRegistration} errors={[]} />));

    app.post('/register', PUBLIC, async (request, reply) => {
      const values: RegisterValues = {
        nik: formText(request.body, 'nik', 40),
        fullName: formText(request.body, 'fullName', 300),
        birthDate: {
          day: formText(request.body, 'birthDate[day]', 4),
          month: formText(request.body, 'birthDate[month]', 4),
          year: formText(request.body, 'birthDate[year]', 6),
        },
        email: formText(request.body, 'email', 300),
        phone: formText(request.body, 'phone', 40),
      };
      const result = await accounts.register({ ...values, password: formText(request.body, 'password', 1000), locale: request.locale }, requestOrigin(request));
      if (!result.ok) {
        const ctx = page(request, reply);
        return reply.code(400).html(<RegisterPage ctx={ctx} values={values} errors={fieldErrors(ctx, result.problems)} />);
      }
      setSession(reply, result.value.sessionToken);
      return reply.redirect('/register/verify', 303);
    });

    app.get('/register/verify', SELF, async (request, reply) => {
      const profile = await accounts.profile(signedInActor(request));
      const channel = profile.email && !profile.emailVerified ? 'email' : 'sms';
      const resent = (request.query as { done?: unknown }).done === 'resent';
      return reply.html(<VerifyPage ctx={page(request, reply)} channel={channel} errors={[]} resent={resent} />);
    });

    app.post('/register/verify', SELF, async (request, reply) => {
      const actor = signedInActor(request);
      const result = await accounts.verifyContact(actor, formText(request.body, 'code', 20), requestOrigin(request));
      if (result.ok) return reply.redirect('/account?done=verified', 303);
      const ctx = page(request, reply);
      const profile = await accounts.profile(actor);
      return reply
        .code(400)
        .html(
          <VerifyPage
            ctx={ctx}
            channel={profile.email && !profile.emailVerified ? 'email' : 'sms'}
            errors={fieldErrors(ctx, result.problems)}
            resent={false}
          />,
        );
    });

    app.post('/register/verify/resend', { ...SELF, config: { ...SELF.config, rateLimit: { max: 5, timeWindow: 15 * 60 * 1000 } } }, async (request, reply) => {
      await accounts.resendCode(signedInActor(request));
      return reply.redirect('/register/verify?done=resent', 303);
    });

    app.get('/sign-in', PUBLIC, async (request, reply) => {
      const query = request.query as { next?: unknown };
      return reply.html(<SignInPage ctx={page(request, reply)} identifier="" next={safeReturnPath(query.next)} errors={[]} notice={notice(request.query)} />);
    });

    app.post('/sign-in', PUBLIC, async (request, reply) => {
      const identifier = formText(request.body, 'identifier', 300);
      const next = safeReturnPath(formText(request.body, 'next', 2000));
      const result = await signIn.signIn({ identifier, password: formText(request.body, 'password', 1000), kind: 'web' }, requestOrigin(request));
      switch (result.outcome) {
        case 'signed_in':
          setSession(reply, result.sessionToken);
          return reply.redirect(next === '/' ? '/account' : next, 303);
        case 'totp_required':
          setSession(reply, result.sessionToken);
          return reply.redirect('/sign-in/totp', 303);
        case 'failed':
        case 'throttled': {
          const ctx = page(request, reply);
          const message = ctx.t(result.outcome === 'failed' ? 'signIn.failed' : 'signIn.throttled');
          return reply
            .code(result.outcome === 'failed' ? 401 : 429)
            .html(<SignInPage ctx={ctx} identifier={identifier} next={next} errors={[{ field: 'identifier', message }]} />);
        }
      }
    });

    app.get('/sign-in/totp', PUBLIC, async (request, reply) => {
      const account = await signIn.pendingAccount(request.sessionToken);
      if (!account) return reply.redirect('/sign-in', 303);
      const ctx = page(request, reply);
      if (account.totpEnabledAt !== null) return reply.html(<TotpPage ctx={ctx} enrolment={undefined} errors={[]} />);
      const { secret, uri } = await signIn.beginEnrolment(account);
      const qrDataUrl = `data:image/svg+xml;base64,${Buffer.from(await QRCode.toString(uri, { type: 'svg', margin: 1 })).toString('base64')}`;
      return reply.header('cache-control', 'no-store').html(<TotpPage ctx={ctx} enrolment={{ secret, qrDataUrl }} errors={[]} />);
    });

    app.post('/sign-in/totp', PUBLIC, async (request, reply) => {
      const token = request.sessionToken;
      const account = await signIn.pendingAccount(token);
      if (!account || !token) return reply.redirect('/sign-in', 303);
      const result = await signIn.verifySecondStep(account, token, formText(request.body, 'code', 40), 'web', requestOrigin(request));
      if (!result.ok) {
        const ctx = page(request, reply);
        const enrolment = account.totpEnabledAt === null ? await signIn.beginEnrolment(account) : undefined;
        const qrDataUrl = enrolment
          ? `data:image/svg+xml;base64,${Buffer.from(await QRCode.toString(enrolment.uri, { type: 'svg', margin: 1 })).toString('base64')}`
          : '';
        return reply
          .code(401)
          .header('cache-control', 'no-store')
          .html(
            <TotpPage
              ctx={ctx}
              enrolment={enrolment ? { secret: enrolment.secret, qrDataUrl } : undefined}
              errors={[{ field: 'code', message: ctx.t('totp.code.wrong') }]}
            />,
          );
      }
      setSession(reply, result.sessionToken);
      if (result.recoveryCodes) {
        // The new session cookie goes out with this page, so its header is already the signed-in one.
        return reply
          .header('cache-control', 'no-store')
          .html(<RecoveryCodesPage ctx={{ ...page(request, reply), signedIn: true }} codes={result.recoveryCodes} />);
      }
      return reply.redirect('/account', 303);
    });

    app.post('/sign-out', SELF, async (request, reply) => {
      const actor = signedInActor(request);
      if (request.sessionToken) await signIn.signOut(request.sessionToken, actor.accountId, requestOrigin(request));
      clearSession(reply);
      return reply.redirect('/sign-in?done=signedOut', 303);
    });

    const showAccount = async (
      request: FastifyRequest,
      reply: FastifyReply,
      status = 200,
      errors: { field: string; message: string }[] = [],
      contact?: { email: string; phone: string },
    ) => {
      const actor = signedInActor(request);
      const [profile, list] = await Promise.all([accounts.profile(actor), sessions.list(actor.accountId, actor.sessionId)]);
      return reply
        .code(status)
        .header('cache-control', 'no-store')
        .html(
          <AccountPage
            ctx={page(request, reply)}
            profile={profile}
            sessions={list}
            notice={notice(request.query)}
            contactValues={contact ?? { email: profile.email ?? '', phone: profile.phone ?? '' }}
            errors={errors}
            links={accountLinks(actor)}
          />,
        );
    };

    app.get('/account', SELF, async (request, reply) => showAccount(request, reply));

    app.post('/account/contact', SELF, async (request, reply) => {
      const contact = { email: formText(request.body, 'email', 300), phone: formText(request.body, 'phone', 40) };
      const result = await accounts.updateContact(signedInActor(request), contact, requestOrigin(request));
      if (!result.ok) return showAccount(request, reply, 400, fieldErrors(page(request, reply), result.problems), contact);
      return reply.redirect(result.value.codeSent ? '/register/verify' : '/account?done=contactSaved', 303);
    });

    app.post('/account/language', SELF, async (request, reply) => {
      const locale = formText(request.body, 'locale', 4);
      if (locale === 'id' || locale === 'en') await accounts.setLocale(signedInActor(request), locale);
      return reply.redirect('/account', 303);
    });

    app.post('/account/sessions/revoke', SELF, async (request, reply) => {
      await sessions.revokeByHandle(signedInActor(request).accountId, formText(request.body, 'handle', 40));
      return reply.redirect('/account', 303);
    });

    app.post('/account/sign-out-everywhere', SELF, async (request, reply) => {
      const actor = signedInActor(request);
      await sessions.revokeAll(actor.accountId, actor.sessionId);
      return reply.redirect('/account?done=signedOutElsewhere', 303);
    });
  };
}
