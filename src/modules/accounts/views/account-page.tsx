import type { MessageKey } from '../../../platform/i18n/index.ts';
import { Button } from '../../../platform/ui/components/button.tsx';
import { ErrorSummary, type FieldError } from '../../../platform/ui/components/error-summary.tsx';
import { NotificationBanner } from '../../../platform/ui/components/notification-banner.tsx';
import { Radios } from '../../../platform/ui/components/radios.tsx';
import { SummaryList } from '../../../platform/ui/components/summary-list.tsx';
import { Table } from '../../../platform/ui/components/table.tsx';
import { Tag } from '../../../platform/ui/components/tag.tsx';
import type { PageContext } from '../../../platform/ui/context.ts';
import { Layout } from '../../../platform/ui/layout.tsx';
import type { Profile } from '../accounts.service.ts';
import type { SessionSummary } from '../sessions.ts';
import { ContactFields } from './contact-fields.tsx';

/** A readable device name from a user agent, without a parsing library: browser and system is enough. */
export function deviceName(userAgent: string | null): string | undefined {
  if (!userAgent) return undefined;
  const browser = /(Edg|OPR|Chrome|Firefox|Safari)\/[\d.]+/.exec(userAgent)?.[1]?.replace('Edg', 'Edge').replace('OPR', 'Opera');
  const system = /(Android|iPhone|iPad|Windows|Mac OS X|Linux|CrOS)/.exec(userAgent)?.[1]?.replace('Mac OS X', 'macOS').replace('CrOS', 'ChromeOS');
  return [browser, system].filter(Boolean).join(', ') || userAgent.slice(0, 40);
}

function Verified({ ctx, verified }: { ctx: PageContext; verified: boolean }) {
  return verified ? <Tag colour="green" text={ctx.t('account.verified')} /> : <Tag colour="yellow" text={ctx.t('account.unverified')} />;
}

export interface AccountPageProps {
  ctx: PageContext;
  profile: Profile;
  sessions: readonly SessionSummary[];
  notice: MessageKey | undefined;
  contactValues: { email: string; phone: string };
  errors: readonly FieldError[];
  /** The parts of Loket this account may open, each by its permission. */
  links: readonly { href: string; labelKey: MessageKey }[];
}

export function AccountPage({ ctx, profile, sessions, notice, contactValues, errors, links }: AccountPageProps) {
  const { t, format } = ctx;
  const unverified = (profile.email !== null && !profile.emailVerified) || (profile.phone !== null && !profile.phoneVerified);
  const rows = [
    { key: t('account.name'), value: profile.fullName },
    ...(profile.nik ? [{ key: t('account.nik'), value: profile.nik }] : []),
    ...(profile.birthDate ? [{ key: t('account.birthDate'), value: format.date(new Date(`${profile.birthDate}T12:00:00Z`)) }] : []),
    ...(profile.email
      ? [
          {
            key: t('account.email'),
            value: (
              <>
                {profile.email} <Verified ctx={ctx} verified={profile.emailVerified} />
              </>
            ),
          },
        ]
      : []),
    ...(profile.phone
      ? [
          {
            key: t('account.phone'),
            value: (
              <>
                {profile.phone} <Verified ctx={ctx} verified={profile.phoneVerified} />
              </>
            ),
          },
        ]
      : []),
    ...(profile.kind === 'staff' ? [{ key: t('account.twoFactor'), value: t(profile.totpEnabled ? 'account.twoFactor.on' : 'account.twoFactor.off') }] : []),
  ];
  return (
    <Layout ctx={ctx} title={t('account.title')}>
      {notice ? (
        <NotificationBanner ctx={ctx} type="success">
          <p>{t(notice)}</p>
        </NotificationBanner>
      ) : null}
      <ErrorSummary ctx={ctx} errors={errors} />
      <h1>{t('account.title')}</h1>
      <h2>{t('account.details')}</h2>
      <SummaryList rows={rows} />
      {unverified ? (
        <p>
          <a href="/register/verify">{t('account.verifyNow')}</a>
        </p>
      ) : null}

      {links.length > 0 ? (
        <ul>
          {links.map((link) => (
            <li key={link.href}>
              <a href={link.href}>{t(link.labelKey)}</a>
            </li>
          ))}
        </ul>
      ) : null}

      <h2>{t('account.contact.title')}</h2>
      <form method="post" action="/account/contact" novalidate>
        <input type="hidden" name="_csrf" value={ctx.csrfToken()} />
        <ContactFields ctx={ctx} values={contactValues} errors={errors} />
        <Button variant="secondary">{t('account.contact.submit')}</Button>
      </form>

      <form method="post" action="/account/language">
        <input type="hidden" name="_csrf" value={ctx.csrfToken()} />
        <Radios
          ctx={ctx}
          id="locale"
          legend={t('account.language.legend')}
          value={profile.locale}
          items={[
            { value: 'id', label: t('account.language.id') },
            { value: 'en', label: t('account.language.en') },
          ]}
        />
        <Button variant="secondary">{t('account.language.submit')}</Button>
      </form>

      <h2>{t('account.sessions.title')}</h2>
      <Table
        caption={t('account.sessions.caption')}
        columns={[
          { header: t('account.sessions.device') },
          { header: t('account.sessions.started') },
          { header: t('account.sessions.lastSeen') },
          { header: t('account.sessions.action') },
        ]}
        rows={sessions.map((session) => {
          const device = session.kind === 'api' ? t('account.sessions.api') : (deviceName(session.userAgent) ?? t('account.sessions.unknownDevice'));
          return [
            device,
            format.dateTime(session.createdAt),
            format.dateTime(session.lastSeenAt),
            session.current ? (
              <Tag colour="blue" text={t('account.sessions.current')} />
            ) : (
              <form method="post" action="/account/sessions/revoke" class="inline-form">
                <input type="hidden" name="_csrf" value={ctx.csrfToken()} />
                <input type="hidden" name="handle" value={session.handle} />
                <button type="submit" class="link-button" aria-label={t('account.sessions.revokeNamed', { device })}>
                  {t('account.sessions.revoke')}
                </button>
              </form>
            ),
          ];
        })}
      />
      <form method="post" action="/account/sign-out-everywhere">
        <input type="hidden" name="_csrf" value={ctx.csrfToken()} />
        <Button variant="warning">{t('account.signOutEverywhere')}</Button>
      </form>
    </Layout>
  );
}
