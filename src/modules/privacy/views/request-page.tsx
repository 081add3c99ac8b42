import { NotificationBanner } from '../../../platform/ui/components/notification-banner.tsx';
import { SummaryList } from '../../../platform/ui/components/summary-list.tsx';
import type { PageContext } from '../../../platform/ui/context.ts';
import { Layout } from '../../../platform/ui/layout.tsx';
import type { RequestView } from '../requests.service.ts';
import { RequestStatusTag } from './request-status.tsx';

/** The rows both the person and staff see about a request. */
export function requestRows(ctx: PageContext, request: RequestView, agencyName: string | undefined) {
  const { t, format } = ctx;
  return [
    { key: t('privacy.detail.kind'), value: t(`privacy.kind.${request.kind}`) },
    { key: t('privacy.requests.status'), value: <RequestStatusTag ctx={ctx} status={request.status} /> },
    { key: t('privacy.detail.category'), value: t(`privacy.category.${request.dataCategory}`) },
    ...(request.applicationTrackingNumber ? [{ key: t('privacy.detail.application'), value: request.applicationTrackingNumber }] : []),
    { key: t('privacy.detail.handledBy'), value: agencyName ?? t('privacy.detail.platform') },
    { key: t('privacy.requests.received'), value: format.dateTime(request.createdAt) },
    { key: t('privacy.detail.acknowledgeBy'), value: format.dateTime(request.acknowledgeBy) },
    { key: t('privacy.detail.due'), value: format.dateTime(request.dueAt) },
    ...(request.fulfilledAt ? [{ key: t('privacy.detail.fulfilled'), value: format.dateTime(request.fulfilledAt) }] : []),
    ...(request.details ? [{ key: t('privacy.detail.details'), value: request.details }] : []),
    ...(request.refusalReason ? [{ key: t('privacy.detail.refusal'), value: t(`privacy.refusal.${request.refusalReason}`) }] : []),
    ...(request.response ? [{ key: t('privacy.detail.response'), value: request.response }] : []),
  ];
}

/** One of the person's requests: status, deadlines, and what happens next. */
export function RequestPage({ ctx, request, filed, agencyName }: { ctx: PageContext; request: RequestView; filed: boolean; agencyName: string | undefined }) {
  const { t, format } = ctx;
  return (
    <Layout ctx={ctx} title={t('privacy.detail.title', { reference: request.reference })}>
      <p>
        <a href="/account/privacy">{t('privacy.detail.back')}</a>
      </p>
      {filed ? (
        <NotificationBanner ctx={ctx} type="success">
          <p>{t('privacy.detail.filed')}</p>
          <p class="reference-number">
            <strong>{request.reference}</strong>
          </p>
          <p>{t('privacy.detail.next', { acknowledgeBy: format.dateTime(request.acknowledgeBy), due: format.dateTime(request.dueAt) })}</p>
        </NotificationBanner>
      ) : null}
      <h1>{t('privacy.detail.title', { reference: request.reference })}</h1>
      <SummaryList rows={requestRows(ctx, request, agencyName)} />
    </Layout>
  );
}
