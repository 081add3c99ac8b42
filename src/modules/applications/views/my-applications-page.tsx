import { Button } from '../../../platform/ui/components/button.tsx';
import { NotificationBanner } from '../../../platform/ui/components/notification-banner.tsx';
import { Table } from '../../../platform/ui/components/table.tsx';
import type { PageContext } from '../../../platform/ui/context.ts';
import { Layout } from '../../../platform/ui/layout.tsx';
import type { ClaimableApplication } from '../changes.service.ts';
import type { ApplicationSummary } from '../reading.service.ts';
import { named, StatusTag } from './status.tsx';

export interface MyApplicationsPageProps {
  ctx: PageContext;
  applications: readonly ApplicationSummary[];
  claimable: readonly ClaimableApplication[];
  /** A notice after a claim, by the number claimed. */
  claimed?: string | undefined;
  contactVerified: boolean;
}

export function MyApplicationsPage({ ctx, applications, claimable, claimed, contactVerified }: MyApplicationsPageProps) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('applications.mine.title')}>
      {claimed ? (
        <NotificationBanner ctx={ctx} type="success">
          <p>{t('applications.claim.done', { number: claimed })}</p>
        </NotificationBanner>
      ) : null}
      <h1>{t('applications.mine.title')}</h1>
      {claimable.length > 0 ? (
        <section aria-labelledby="claim-title">
          <h2 id="claim-title">{t('applications.claim.title')}</h2>
          <p>{t('applications.claim.text')}</p>
          {contactVerified ? null : <p>{t('applications.claim.verifyFirst')}</p>}
          <ul>
            {claimable.map((item) => (
              <li key={item.trackingNumber}>
                <strong>{item.trackingNumber}</strong> · {named(ctx, item.serviceName)} · {ctx.format.date(item.submittedAt)}
                {contactVerified ? (
                  <form method="post" action={`/applications/${item.trackingNumber}/claim`} class="inline-form">
                    <input type="hidden" name="_csrf" value={ctx.csrfToken()} />
                    <Button variant="secondary">{t('applications.claim.button', { number: item.trackingNumber })}</Button>
                  </form>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {applications.length === 0 ? (
        <>
          <p>{t('applications.mine.empty')}</p>
          <p>
            <a href="/services">{t('applications.mine.findService')}</a>
          </p>
        </>
      ) : (
        <Table
          caption={t('applications.mine.caption')}
          firstCellIsHeader
          columns={[
            { header: t('applications.mine.col.number') },
            { header: t('applications.mine.col.service') },
            { header: t('applications.mine.col.submitted') },
            { header: t('applications.mine.col.status') },
          ]}
          rows={applications.map((application) => [
            <a href={`/applications/${application.trackingNumber}`} key="number">
              {application.trackingNumber}
            </a>,
            application.organisationName ? `${named(ctx, application.serviceName)} · ${application.organisationName}` : named(ctx, application.serviceName),
            ctx.format.date(application.submittedAt, application.timeZone),
            <StatusTag ctx={ctx} status={application.status} key="status" />,
          ])}
        />
      )}
    </Layout>
  );
}
