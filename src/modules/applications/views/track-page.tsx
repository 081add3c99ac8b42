import { Button } from '../../../platform/ui/components/button.tsx';
import { ErrorSummary } from '../../../platform/ui/components/error-summary.tsx';
import { SummaryList } from '../../../platform/ui/components/summary-list.tsx';
import { TextInput } from '../../../platform/ui/components/text-input.tsx';
import { Timeline } from '../../../platform/ui/components/timeline.tsx';
import type { PageContext } from '../../../platform/ui/context.ts';
import { Layout } from '../../../platform/ui/layout.tsx';
import type { PublicStatus } from '../reading.service.ts';
import { named, StatusTag, slaLine, timelineEvents } from './status.tsx';

/** The public tracking form; an unknown or mistyped number is shown again with its problem. */
export function TrackPage({ ctx, value, error }: { ctx: PageContext; value: string; error?: string | undefined }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('applications.track.title')}>
      <ErrorSummary ctx={ctx} errors={error ? [{ field: 'number', message: error }] : []} />
      <h1>{t('applications.track.title')}</h1>
      <p class="lead">{t('applications.track.lead')}</p>
      <form method="get" action="/track" novalidate>
        <TextInput
          ctx={ctx}
          id="number"
          label={t('applications.track.label')}
          hint={t('applications.track.hint')}
          value={value}
          error={error}
          width={10}
          autocomplete="off"
        />
        <Button>{t('applications.track.button')}</Button>
      </form>
    </Layout>
  );
}

/** Status and timeline only: no names, no answers, no messages. */
export function TrackResultPage({ ctx, status }: { ctx: PageContext; status: PublicStatus }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('applications.track.result', { number: status.trackingNumber })}>
      <h1>{t('applications.track.result', { number: status.trackingNumber })}</h1>
      <p>
        <StatusTag ctx={ctx} status={status.status} />
      </p>
      <p>{slaLine(ctx, status)}</p>
      <SummaryList
        rows={[
          { key: t('applications.detail.service'), value: named(ctx, status.serviceName) },
          { key: t('applications.detail.agency'), value: named(ctx, status.agencyName) },
          { key: t('applications.detail.submitted'), value: ctx.format.dateTime(status.submittedAt, status.timeZone) },
        ]}
      />
      <h2>{t('applications.detail.timeline')}</h2>
      <Timeline
        ctx={ctx}
        events={timelineEvents(ctx, status.timeline, {
          timeZone: status.timeZone,
          agencyName: status.agencyName,
          counter: status.channel === 'counter',
          publicView: true,
        })}
      />
      <p>
        <a href="/track">{t('applications.track.title')}</a>
      </p>
    </Layout>
  );
}
