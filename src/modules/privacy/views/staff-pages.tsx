import { Button } from '../../../platform/ui/components/button.tsx';
import { ErrorSummary, type FieldError } from '../../../platform/ui/components/error-summary.tsx';
import { NotificationBanner } from '../../../platform/ui/components/notification-banner.tsx';
import { SummaryList } from '../../../platform/ui/components/summary-list.tsx';
import { Table } from '../../../platform/ui/components/table.tsx';
import { Tag } from '../../../platform/ui/components/tag.tsx';
import { Textarea } from '../../../platform/ui/components/textarea.tsx';
import type { PageContext } from '../../../platform/ui/context.ts';
import { Layout } from '../../../platform/ui/layout.tsx';
import type { RequestView } from '../requests.service.ts';
import { requestRows } from './request-page.tsx';
import { RequestStatusTag } from './request-status.tsx';

/** The staff queue of data-subject requests, open first by deadline. */
export function StaffQueuePage({ ctx, requests }: { ctx: PageContext; requests: readonly RequestView[] }) {
  const { t, format } = ctx;
  return (
    <Layout ctx={ctx} title={t('privacy.staff.title')} wide>
      <h1>{t('privacy.staff.title')}</h1>
      {requests.length === 0 ? (
        <p>{t('privacy.staff.empty')}</p>
      ) : (
        <Table
          caption={t('privacy.staff.caption')}
          columns={[
            { header: t('privacy.requests.reference') },
            { header: t('privacy.requests.kind') },
            { header: t('privacy.detail.category') },
            { header: t('privacy.requests.status') },
            { header: t('privacy.requests.received') },
            { header: t('privacy.requests.due') },
          ]}
          rows={requests.map((request) => [
            <a href={`/backoffice/privacy/${request.reference}`}>{request.reference}</a>,
            t(`privacy.kind.${request.kind}`),
            t(`privacy.category.${request.dataCategory}`),
            <RequestStatusTag ctx={ctx} status={request.status} />,
            format.dateTime(request.createdAt),
            <>
              {format.dateTime(request.dueAt)} {request.overdue ? <Tag colour="red" text={t('privacy.staff.overdue')} /> : null}
            </>,
          ])}
        />
      )}
    </Layout>
  );
}

/** One request for staff: the person's text (its reading is audited) and the actions its status allows. */
export function StaffRequestPage({
  ctx,
  request,
  agencyName,
  errors,
  response,
  done,
}: {
  ctx: PageContext;
  request: RequestView;
  agencyName: string | undefined;
  errors: readonly FieldError[];
  response: string;
  done: boolean;
}) {
  const { t } = ctx;
  const action = `/backoffice/privacy/${request.reference}/respond`;
  return (
    <Layout ctx={ctx} title={t('privacy.detail.title', { reference: request.reference })}>
      <p>
        <a href="/backoffice/privacy">{t('privacy.staff.title')}</a>
      </p>
      {done ? (
        <NotificationBanner ctx={ctx} type="success">
          <p>{t('privacy.staff.done')}</p>
        </NotificationBanner>
      ) : null}
      <ErrorSummary ctx={ctx} errors={errors} />
      <h1>{t('privacy.detail.title', { reference: request.reference })}</h1>
      <SummaryList rows={requestRows(ctx, request, agencyName)} />
      {request.status === 'received' ? (
        <form method="post" action={action}>
          <input type="hidden" name="_csrf" value={ctx.csrfToken()} />
          <input type="hidden" name="action" value="acknowledge" />
          <Button variant="secondary">{t('privacy.staff.acknowledge')}</Button>
        </form>
      ) : null}
      {request.closedAt === null ? (
        <form method="post" action={action} novalidate>
          <input type="hidden" name="_csrf" value={ctx.csrfToken()} />
          <input type="hidden" name="action" value="close" />
          <Textarea
            ctx={ctx}
            id="response"
            label={t('privacy.staff.response')}
            hint={t('privacy.staff.responseHint')}
            value={response}
            error={errors.find((error) => error.field === 'response')?.message}
          />
          <Button>{t('privacy.staff.close')}</Button>
        </form>
      ) : null}
    </Layout>
  );
}
