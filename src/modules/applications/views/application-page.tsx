import { localized } from '../../../platform/forms/labels.ts';
import { AnswersByPage } from '../../../platform/forms/views/answers.tsx';
import type { RegionOptions } from '../../../platform/forms/views/regions.ts';
import { Button } from '../../../platform/ui/components/button.tsx';
import { ErrorSummary, errorFor, type FieldError } from '../../../platform/ui/components/error-summary.tsx';
import { FileInput } from '../../../platform/ui/components/file-input.tsx';
import { NotificationBanner } from '../../../platform/ui/components/notification-banner.tsx';
import { SummaryList } from '../../../platform/ui/components/summary-list.tsx';
import { Textarea } from '../../../platform/ui/components/textarea.tsx';
import { Timeline } from '../../../platform/ui/components/timeline.tsx';
import type { PageContext } from '../../../platform/ui/context.ts';
import { Layout } from '../../../platform/ui/layout.tsx';
import type { IssuedDocumentSummary } from '../../documents/issuing.service.ts';
import { DocumentsSection } from '../../documents/views/documents-views.tsx';
import type { BillView } from '../../payments/payments.service.ts';
import { PaymentSection } from '../../payments/views/payment-section.tsx';
import { SurveyInvitationBanner } from '../../surveys/views/survey-pages.tsx';
import { OPEN_STATUSES } from '../application-records.ts';
import type { ApplicationDetail } from '../reading.service.ts';
import { named, SlaClock, StatusTag, timelineEvents } from './status.tsx';

export interface ApplicationPageProps {
  ctx: PageContext;
  application: ApplicationDetail;
  regions: RegionOptions;
  notice?: 'withdrawn' | 'provided' | undefined;
  errors?: readonly FieldError[];
  values?: { reason: string; message: string };
  /** The service fee's bill; absent for a service without a cost. */
  bill?: BillView | undefined;
  /** Whether the payment sandbox is offered (never in production). */
  paymentSandbox?: boolean;
  documents?: readonly IssuedDocumentSummary[];
  /** The satisfaction survey's link while it is unanswered (completed applications). */
  surveyHref?: string | undefined;
}

export function ApplicationPage({
  ctx,
  application,
  regions,
  notice,
  errors = [],
  values = { reason: '', message: '' },
  bill,
  paymentSandbox = false,
  documents = [],
  surveyHref,
}: ApplicationPageProps) {
  const { t } = ctx;
  const number = application.trackingNumber;
  const fileNames = Object.fromEntries(application.attachments.map((a) => [a.fileId, a.name]));
  const fieldLabel = (name: string) => {
    const field = application.form.pages.flatMap((p) => p.fields).find((candidate) => candidate.name === name);
    return field ? localized(field.label, ctx.locale) : t('applications.detail.information');
  };
  return (
    <Layout ctx={ctx} title={t('applications.detail.title', { number })} live={`/events/applications/${number}`}>
      <ErrorSummary ctx={ctx} errors={errors} />
      {notice ? (
        <NotificationBanner ctx={ctx} type="success">
          <p>{t(notice === 'withdrawn' ? 'applications.detail.withdrawn' : 'applications.detail.provided')}</p>
        </NotificationBanner>
      ) : null}
      <SurveyInvitationBanner ctx={ctx} href={surveyHref} kind="application" />
      <h1>{t('applications.detail.title', { number })}</h1>
      <p>
        <StatusTag ctx={ctx} status={application.status} />
      </p>
      <SlaClock ctx={ctx} application={application} />
      <SummaryList
        rows={[
          { key: t('applications.detail.service'), value: named(ctx, application.serviceName) },
          { key: t('applications.detail.agency'), value: named(ctx, application.agencyName) },
          ...(application.organisationName ? [{ key: t('applications.detail.organisation'), value: application.organisationName }] : []),
          { key: t('applications.detail.submitted'), value: ctx.format.dateTime(application.submittedAt, application.timeZone) },
          {
            key: t('applications.detail.channel'),
            value: t(application.channel === 'online' ? 'applications.channel.online' : 'applications.channel.counter'),
          },
        ]}
      />
      <p>
        <a href={`/applications/${number}/receipt`}>{t('applications.detail.receipt')}</a>
      </p>

      <DocumentsSection ctx={ctx} documents={documents} />
      {bill ? <PaymentSection ctx={ctx} bill={bill} trackingNumber={number} sandbox={paymentSandbox} /> : null}

      {application.openRequest !== null && application.viewerIsApplicant ? (
        <section class="banner" aria-labelledby="request-title">
          <h2 class="banner__header" id="request-title">
            {t('applications.detail.request.title')}
          </h2>
          <div class="banner__content">
            <p>{t('applications.detail.request.message')}</p>
            <p>{application.openRequest}</p>
            <form method="post" action={`/applications/${number}/information`} enctype="multipart/form-data" novalidate>
              <input type="hidden" name="_csrf" value={ctx.csrfToken()} />
              <Textarea ctx={ctx} id="message" label={t('applications.detail.provide.message')} value={values.message} error={errorFor(errors, 'message')} />
              <FileInput
                ctx={ctx}
                id="files"
                label={t('applications.detail.provide.files')}
                hint={t('applications.detail.provide.files.hint')}
                accept="application/pdf,image/jpeg,image/png"
                multiple
                optional
                error={errorFor(errors, 'files')}
              />
              <Button>{t('applications.detail.provide.button')}</Button>
            </form>
          </div>
        </section>
      ) : null}

      <h2>{t('applications.detail.timeline')}</h2>
      <Timeline
        ctx={ctx}
        events={timelineEvents(ctx, application.timeline, {
          timeZone: application.timeZone,
          agencyName: application.agencyName,
          counter: application.channel === 'counter',
        })}
      />

      <h2>{t('applications.detail.answers')}</h2>
      <AnswersByPage ctx={ctx} form={application.form} data={application.answers} regions={regions} fileNames={fileNames} />

      <h2>{t('applications.detail.attachments')}</h2>
      {application.attachments.length === 0 ? (
        <p>{t('applications.detail.attachments.none')}</p>
      ) : (
        <ul>
          {application.attachments.map((attachment) => (
            <li key={attachment.fileId}>
              <a href={`/applications/${number}/files/${attachment.fileId}`} download>
                {t('applications.detail.download', { field: fieldLabel(attachment.fieldName) })}
              </a>{' '}
              ({attachment.name})
            </li>
          ))}
        </ul>
      )}

      {OPEN_STATUSES.includes(application.status) && application.viewerIsApplicant ? (
        <section aria-labelledby="withdraw-title">
          <h2 id="withdraw-title">{t('applications.detail.withdraw.title')}</h2>
          <p>{t('applications.detail.withdraw.text')}</p>
          <form method="post" action={`/applications/${number}/withdraw`} novalidate>
            <input type="hidden" name="_csrf" value={ctx.csrfToken()} />
            <Textarea
              ctx={ctx}
              id="reason"
              label={t('applications.detail.withdraw.reason')}
              value={values.reason}
              error={errorFor(errors, 'reason')}
              rows={3}
            />
            <Button variant="warning">{t('applications.detail.withdraw.button')}</Button>
          </form>
        </section>
      ) : null}
    </Layout>
  );
}
