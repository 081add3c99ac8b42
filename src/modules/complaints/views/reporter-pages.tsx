import { Button } from '../../../platform/ui/components/button.tsx';
import { ErrorSummary, errorFor, type FieldError } from '../../../platform/ui/components/error-summary.tsx';
import { NotificationBanner } from '../../../platform/ui/components/notification-banner.tsx';
import { Radios } from '../../../platform/ui/components/radios.tsx';
import { SummaryList } from '../../../platform/ui/components/summary-list.tsx';
import { Textarea } from '../../../platform/ui/components/textarea.tsx';
import type { PageContext } from '../../../platform/ui/context.ts';
import { Layout } from '../../../platform/ui/layout.tsx';
import { SurveyInvitationBanner } from '../../surveys/views/survey-pages.tsx';
import type { Paged, PublicComplaintSummary, ReporterComplaint } from '../complaints.contract.ts';
import { ReportSummary } from './public-pages.tsx';
import { ComplaintStatusTag, ComplaintTimeline, named } from './public-shared.tsx';

/** The signed-in reporter's reports, newest first. */
export function MyComplaintsPage({ ctx, reports }: { ctx: PageContext; reports: Paged<PublicComplaintSummary & { isSecret: boolean; isAnonymous: boolean }> }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('complaintPages.mine.title')}>
      <h1>{t('complaintPages.mine.title')}</h1>
      <p>
        <Button href="/complaints/new">{t('complaintPages.fileLink')}</Button>
      </p>
      {reports.items.length === 0 ? <p>{t('complaintPages.mine.empty')}</p> : null}
      <ul class="list-plain">
        {reports.items.map((item) => (
          <li key={item.trackingId} class="result-item">
            <h2>
              <a href={`/complaints/mine/${item.trackingId}`}>{item.title}</a>
            </h2>
            <p>
              {item.trackingId} <ComplaintStatusTag ctx={ctx} status={item.status} />
              {item.isSecret ? ` · ${t('complaintPages.mine.secret')}` : ''}
              {item.isAnonymous ? ` · ${t('complaintPages.mine.anonymous')}` : ''}
            </p>
            <p class="secondary-text">{item.agency ? named(ctx, item.agency.name) : t('complaintPages.noAgency')}</p>
          </li>
        ))}
      </ul>
    </Layout>
  );
}

/**
 * The reporter's own report with its full timeline and the forms for what they may do now.
 * `actionBase` is where the forms post: /complaints/mine/<id> for accounts, /complaints/follow for guests
 * (the secret then travels in the form body, never in a logged path).
 */
export function ReporterReportPage(props: {
  ctx: PageContext;
  report: ReporterComplaint;
  actionBase: string;
  /** Where the attachments download from (accounts only: guests file without attachments). */
  filesBase?: string | undefined;
  /** Hidden fields every form repeats (the guest's follow-up secret). */
  hidden: Readonly<Record<string, string>>;
  errors: readonly FieldError[];
  notice?: boolean;
  /** The satisfaction survey's link while it is unanswered (closed reports). */
  surveyHref?: string | undefined;
}) {
  const { ctx, report, errors } = props;
  const { t } = ctx;
  const { actions } = report;
  const hidden = (
    <>
      <input type="hidden" name="_csrf" value={ctx.csrfToken()} />
      {Object.entries(props.hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
    </>
  );
  return (
    <Layout ctx={ctx} title={t('complaintPages.reporter.title', { trackingId: report.trackingId })}>
      <ErrorSummary ctx={ctx} errors={errors} />
      {props.notice ? (
        <NotificationBanner ctx={ctx} type="success">
          <p>{t('complaintPages.reporter.done')}</p>
        </NotificationBanner>
      ) : null}
      <SurveyInvitationBanner ctx={ctx} href={props.surveyHref} kind="complaint" />
      <p class="secondary-text">{t('complaintPages.reporter.title', { trackingId: report.trackingId })}</p>
      <h1>{report.title}</h1>
      <p>
        <ComplaintStatusTag ctx={ctx} status={report.status} />
      </p>
      <ReportSummary ctx={ctx} report={report} />
      <SummaryList
        rows={[
          { key: t('complaintPages.new.secret'), value: report.isSecret ? t('complaintPages.yes') : t('complaintPages.no') },
          { key: t('complaintPages.new.anonymous'), value: report.isAnonymous ? t('complaintPages.yes') : t('complaintPages.no') },
          ...(report.attachments.length > 0
            ? [
                {
                  key: t('complaintPages.reporter.attachments'),
                  value: (
                    <ul class="list">
                      {report.attachments.map((file) => (
                        <li key={file.fileId}>
                          {props.filesBase ? (
                            <a href={`${props.filesBase}/${file.fileId}`} download>
                              {file.name}
                            </a>
                          ) : (
                            file.name
                          )}
                        </li>
                      ))}
                    </ul>
                  ),
                },
              ]
            : []),
        ]}
      />
      <h2>{t('complaintPages.description')}</h2>
      <p class="pre-line">{report.description}</p>
      {actions.canAccept ? (
        <form method="post" action={`${props.actionBase}/accept`}>
          {hidden}
          <h2>{t('complaintPages.reporter.accept')}</h2>
          <p class="hint">{t('complaintPages.reporter.acceptHint')}</p>
          <Button>{t('complaintPages.reporter.accept')}</Button>
        </form>
      ) : null}
      {actions.canReject ? (
        <form method="post" action={`${props.actionBase}/reject`} novalidate>
          {hidden}
          <h2>{t('complaintPages.reporter.reject')}</h2>
          <Textarea
            ctx={ctx}
            id="reason"
            label={t('complaintPages.reporter.reason')}
            hint={t('complaintPages.reporter.rejectHint')}
            error={errorFor(errors, 'reason')}
            rows={4}
          />
          <Button variant="warning">{t('complaintPages.reporter.reject')}</Button>
        </form>
      ) : null}
      {actions.canRate ? (
        <form method="post" action={`${props.actionBase}/rate`} novalidate>
          {hidden}
          <Radios
            ctx={ctx}
            id="rating"
            legend={t('complaintPages.reporter.rating')}
            error={errorFor(errors, 'rating')}
            items={['1', '2', '3', '4', '5'].map((value) => ({ value, label: value }))}
          />
          <Button variant="secondary">{t('complaintPages.reporter.rateButton')}</Button>
        </form>
      ) : null}
      {actions.canReply || actions.informationRequested ? (
        <form method="post" action={`${props.actionBase}/reply`} novalidate>
          {hidden}
          <h2>{t('complaintPages.reporter.reply')}</h2>
          {actions.informationRequested ? <p>{t('complaintPages.reporter.replyInfo')}</p> : null}
          <Textarea ctx={ctx} id="message" label={t('complaintPages.reporter.message')} error={errorFor(errors, 'message')} rows={5} />
          <Button variant="secondary">{t('complaintPages.reporter.send')}</Button>
        </form>
      ) : null}
      <h2>{t('complaintPages.timeline')}</h2>
      <ComplaintTimeline ctx={ctx} entries={report.timeline} />
    </Layout>
  );
}

export function FollowHelpPage({ ctx }: { ctx: PageContext }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('complaintPages.follow.title')}>
      <h1>{t('complaintPages.follow.title')}</h1>
      <p>{t('complaintPages.follow.body')}</p>
      <p>
        <a href="/complaints">{t('complaintPages.back')}</a>
      </p>
    </Layout>
  );
}
