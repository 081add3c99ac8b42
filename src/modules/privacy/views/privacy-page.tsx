import { Button } from '../../../platform/ui/components/button.tsx';
import { ErrorSummary, type FieldError } from '../../../platform/ui/components/error-summary.tsx';
import { Radios } from '../../../platform/ui/components/radios.tsx';
import { Table } from '../../../platform/ui/components/table.tsx';
import type { PageContext } from '../../../platform/ui/context.ts';
import { Layout } from '../../../platform/ui/layout.tsx';
import { CASE_KINDS } from '../privacy.tables.ts';
import type { RequestView } from '../requests.service.ts';
import { RequestStatusTag } from './request-status.tsx';

export interface PrivacyPageProps {
  ctx: PageContext;
  requests: readonly RequestView[];
  errors: readonly FieldError[];
}

/** The person's data-subject rights: download a copy, make a request, and follow their requests. */
export function PrivacyPage({ ctx, requests, errors }: PrivacyPageProps) {
  const { t, format } = ctx;
  return (
    <Layout ctx={ctx} title={t('privacy.title')}>
      <ErrorSummary ctx={ctx} errors={errors} />
      <h1>{t('privacy.title')}</h1>
      <p>{t('privacy.lead')}</p>

      <h2>{t('privacy.export.title')}</h2>
      <p>{t('privacy.export.text')}</p>
      <form method="post" action="/account/privacy/export" novalidate>
        <input type="hidden" name="_csrf" value={ctx.csrfToken()} />
        <Radios
          ctx={ctx}
          id="format"
          legend={t('privacy.export.format')}
          value="json"
          error={errors.find((error) => error.field === 'format')?.message}
          items={[
            { value: 'json', label: t('privacy.export.json') },
            { value: 'pdf', label: t('privacy.export.pdf') },
          ]}
        />
        <Button>{t('privacy.export.submit')}</Button>
      </form>

      <h2>{t('privacy.requests.new')}</h2>
      <ul>
        {CASE_KINDS.map((kind) => (
          <li key={kind}>
            <a href={`/account/privacy/requests/new?kind=${kind}`}>{t(`privacy.action.${kind}`)}</a>
          </li>
        ))}
        <li>
          <a href="/account/privacy/deletion">{t('privacy.action.deletion')}</a>
        </li>
      </ul>

      <h2>{t('privacy.requests.title')}</h2>
      {requests.length === 0 ? (
        <p>{t('privacy.requests.empty')}</p>
      ) : (
        <Table
          caption={t('privacy.requests.caption')}
          columns={[
            { header: t('privacy.requests.reference') },
            { header: t('privacy.requests.kind') },
            { header: t('privacy.requests.status') },
            { header: t('privacy.requests.received') },
            { header: t('privacy.requests.due') },
          ]}
          rows={requests.map((request) => [
            <a href={`/account/privacy/requests/${request.reference}`}>{request.reference}</a>,
            t(`privacy.kind.${request.kind}`),
            <RequestStatusTag ctx={ctx} status={request.status} />,
            format.dateTime(request.createdAt),
            format.dateTime(request.dueAt),
          ])}
        />
      )}
    </Layout>
  );
}
