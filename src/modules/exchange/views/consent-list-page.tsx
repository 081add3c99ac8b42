import type { MessageKey } from '../../../platform/i18n/index.ts';
import { Button } from '../../../platform/ui/components/button.tsx';
import { NotificationBanner } from '../../../platform/ui/components/notification-banner.tsx';
import { SummaryList } from '../../../platform/ui/components/summary-list.tsx';
import { Tag } from '../../../platform/ui/components/tag.tsx';
import type { PageContext } from '../../../platform/ui/context.ts';
import { Layout } from '../../../platform/ui/layout.tsx';
import type { ConsentView } from '../consent.service.ts';
import { named } from './consent-values.tsx';

const STATE_COLOUR = { active: 'green', revoked: 'grey', expired: 'yellow' } as const;

/** The citizen's consent receipts: each with what it covers, its state, its JSON receipt and a way to withdraw it. */
export function ConsentListPage({ ctx, consents, notice }: { ctx: PageContext; consents: readonly ConsentView[]; notice: MessageKey | undefined }) {
  const { t, format } = ctx;
  return (
    <Layout ctx={ctx} title={t('consent.list.title')}>
      {notice ? (
        <NotificationBanner ctx={ctx} type="success">
          <p>{t(notice)}</p>
        </NotificationBanner>
      ) : null}
      <p>
        <a href="/account">{t('applications.apply.back')}</a>
      </p>
      <h1>{t('consent.list.title')}</h1>
      <p>{t('consent.list.lead')}</p>
      {consents.length === 0 ? <p>{t('consent.list.none')}</p> : null}
      {consents.map((consent) => {
        const headingId = `consent-${consent.id}`;
        return (
          <section key={consent.id} aria-labelledby={headingId}>
            <h2 id={headingId}>
              {named(ctx, consent.productName)} <Tag text={t(`consent.state.${consent.state}`)} colour={STATE_COLOUR[consent.state]} />
            </h2>
            <SummaryList
              rows={[
                { key: t('consent.list.consumer'), value: named(ctx, consent.consumer) },
                { key: t('consent.list.provider'), value: named(ctx, consent.provider) },
                { key: t('consent.list.data'), value: consent.fields.map((field) => named(ctx, field.label)).join(', ') },
                { key: t('consent.list.purpose'), value: named(ctx, consent.purpose) },
                { key: t('consent.list.legalBasis'), value: consent.legalBasis },
                { key: t('consent.list.granted'), value: format.dateTime(consent.grantedAt) },
                { key: t('consent.list.validUntil'), value: format.date(consent.validUntil) },
                ...(consent.revokedAt ? [{ key: t('consent.list.revokedAt'), value: format.dateTime(consent.revokedAt) }] : []),
                {
                  key: t('consent.list.application'),
                  value: consent.trackingNumber ? (
                    <a href={`/applications/${consent.trackingNumber}`}>{consent.trackingNumber}</a>
                  ) : (
                    t('consent.list.applicationNone')
                  ),
                },
              ]}
            />
            <p>
              <a href={`/account/consents/${consent.id}.json`} type="application/json">
                {t('consent.list.receipt')}
              </a>
            </p>
            {consent.state === 'active' ? (
              <form method="post" action={`/account/consents/${consent.id}/revoke`}>
                <input type="hidden" name="_csrf" value={ctx.csrfToken()} />
                <Button variant="warning">
                  {t('consent.list.revoke')}
                  <span class="visually-hidden"> {t('consent.list.revokeFor', { product: named(ctx, consent.productName) })}</span>
                </Button>
              </form>
            ) : null}
          </section>
        );
      })}
    </Layout>
  );
}
