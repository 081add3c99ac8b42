import type { PageContext } from '../../../platform/ui/context.ts';
import { Layout } from '../../../platform/ui/layout.tsx';
import type { ApplicationSummary } from '../reading.service.ts';
import { named } from './status.tsx';

export interface ReceiptPageProps {
  ctx: PageContext;
  receipt: ApplicationSummary;
  qrDataUrl: string;
  pdfHref: string;
  /** The counter officer's receipt, printed for a walk-in applicant. */
  counter?: { linked: boolean } | undefined;
}

/** The confirmation of UI.md: the number large enough to write down, what happens next, when, and how. */
export function ReceiptPage({ ctx, receipt, qrDataUrl, pdfHref, counter }: ReceiptPageProps) {
  const { t } = ctx;
  const title = t(counter ? 'applications.receipt.counter.title' : 'applications.receipt.title');
  const due = ctx.format.date(receipt.dueAt, receipt.timeZone);
  return (
    <Layout ctx={ctx} title={`${title} ${receipt.trackingNumber}`}>
      <div class="panel">
        <h1 class="panel__title">{title}</h1>
        <div class="panel__body">
          {t('applications.receipt.numberLabel')}
          <br />
          <strong data-tracking-number={receipt.trackingNumber}>{receipt.trackingNumber}</strong>
        </div>
      </div>
      <p class="lead">
        {named(ctx, receipt.serviceName)} · {named(ctx, receipt.agencyName)}
      </p>
      {receipt.organisationName ? (
        <p>
          {t('applications.detail.organisation')}: <strong>{receipt.organisationName}</strong>
        </p>
      ) : null}
      {counter ? (
        <>
          <p>{t('applications.receipt.counter.text')}</p>
          <p>{t(counter.linked ? 'applications.receipt.counter.linked' : 'applications.receipt.counter.unlinked')}</p>
        </>
      ) : null}
      <h2>{t('applications.receipt.next.title')}</h2>
      <p>{t('applications.receipt.next.text', { agency: named(ctx, receipt.agencyName) })}</p>
      <p>
        <strong>{t('applications.receipt.due', { date: due, days: receipt.timeLimitWorkingDays })}</strong>
      </p>
      <p>{t('applications.receipt.keep')}</p>
      <p>
        <img src={qrDataUrl} width={160} height={160} alt={t('applications.receipt.qr', { number: receipt.trackingNumber })} />
      </p>
      <ul>
        <li>
          <a href={pdfHref}>{t('applications.receipt.print')}</a>
        </li>
        {counter ? (
          <li>
            <a href="/counter/applications/new">{t('applications.receipt.counter.another')}</a>
          </li>
        ) : (
          <li>
            <a href={`/applications/${receipt.trackingNumber}`}>{t('applications.receipt.view')}</a>
          </li>
        )}
      </ul>
    </Layout>
  );
}
