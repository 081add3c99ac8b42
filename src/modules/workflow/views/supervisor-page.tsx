import type { TimeZone } from '../../../platform/db/schema.ts';
import { Button } from '../../../platform/ui/components/button.tsx';
import { ErrorSummary, errorFor, type FieldError } from '../../../platform/ui/components/error-summary.tsx';
import { Field } from '../../../platform/ui/components/field.tsx';
import { NotificationBanner } from '../../../platform/ui/components/notification-banner.tsx';
import { Table } from '../../../platform/ui/components/table.tsx';
import type { PageContext } from '../../../platform/ui/context.ts';
import { Layout } from '../../../platform/ui/layout.tsx';
import type { QueueItem, StaffMember } from '../workqueue.repository.ts';
import { BackofficeNav, Csrf, dueText, PriorityTag, SlaTag } from './backoffice-common.tsx';

export interface SupervisorView {
  workload: { name: string; open: number; overdue: number }[];
  unassigned: { open: number; overdue: number };
  late: (QueueItem & { assigneeName: string | null })[];
  escalated: (QueueItem & { assigneeName: string | null })[];
  breachesThisMonth: number;
  averageHandlingSeconds: number | null;
  closedLast30Days: number;
  workers: readonly StaffMember[];
  timeZone: TimeZone;
  holidays: ReadonlySet<string>;
}

export interface SupervisorPageProps {
  ctx: PageContext;
  view: SupervisorView;
  errors?: readonly FieldError[];
  values?: { from?: string; to?: string };
  moved?: number | undefined;
}

function ItemsTable({ ctx, caption, items, view }: { ctx: PageContext; caption: string; items: SupervisorView['late']; view: SupervisorView }) {
  const { t } = ctx;
  if (items.length === 0) return <p>{t('backoffice.supervisor.none')}</p>;
  return (
    <Table
      caption={caption}
      columns={[
        { header: t('backoffice.queue.col.number') },
        { header: t('backoffice.queue.col.service') },
        { header: t('backoffice.queue.col.state') },
        { header: t('backoffice.queue.col.due') },
        { header: t('backoffice.queue.col.assignee') },
      ]}
      firstCellIsHeader
      rows={items.map((item) => [
        <a key="link" href={`/backoffice/applications/${item.trackingNumber}`}>
          {item.trackingNumber}
        </a>,
        ctx.locale === 'id' ? item.serviceNameId : item.serviceNameEn,
        <>
          <PriorityTag ctx={ctx} group={item.priorityGroup} /> <SlaTag ctx={ctx} slaState={item.slaState} escalatedAt={item.escalatedAt} />
        </>,
        dueText(ctx, item.stepDueAt ?? item.dueAt, { timeZone: view.timeZone, holidays: view.holidays }),
        item.assigneeName ?? t('backoffice.workspace.unassigned'),
      ])}
    />
  );
}

export function SupervisorPage({ ctx, view, errors = [], values = {}, moved }: SupervisorPageProps) {
  const { t } = ctx;
  const days = view.averageHandlingSeconds === null ? null : view.averageHandlingSeconds / 86_400;
  const option = (worker: StaffMember, selected: string | undefined) => (
    <option key={worker.accountId} value={worker.accountId} selected={worker.accountId === selected}>
      {worker.name}
    </option>
  );
  return (
    <Layout ctx={ctx} title={t('backoffice.supervisor.title')} wide>
      <BackofficeNav ctx={ctx} />
      {moved !== undefined && errors.length === 0 ? (
        <NotificationBanner ctx={ctx} type="success">
          <p>{t('backoffice.supervisor.reassigned', { count: moved })}</p>
        </NotificationBanner>
      ) : null}
      <ErrorSummary ctx={ctx} errors={errors} />
      <h1>{t('backoffice.supervisor.title')}</h1>
      <div class="card-grid">
        <div class="card">
          <h2>{t('backoffice.supervisor.breaches')}</h2>
          <p class="lead">{ctx.format.number(view.breachesThisMonth)}</p>
        </div>
        <div class="card">
          <h2>{t('backoffice.supervisor.handling')}</h2>
          <p class="lead">
            {days === null
              ? t('backoffice.supervisor.handling.none')
              : t('backoffice.supervisor.handling.days', { days: ctx.format.number(Math.round(days * 10) / 10) })}
          </p>
          <p class="secondary">{t('backoffice.supervisor.handling.closed', { count: view.closedLast30Days })}</p>
        </div>
      </div>
      <h2>{t('backoffice.supervisor.workload')}</h2>
      <Table
        caption={t('backoffice.supervisor.workload.caption')}
        columns={[
          { header: t('backoffice.supervisor.col.officer') },
          { header: t('backoffice.supervisor.col.open'), numeric: true },
          { header: t('backoffice.supervisor.col.overdue'), numeric: true },
        ]}
        firstCellIsHeader
        rows={[
          ...view.workload.map((row) => [row.name, ctx.format.number(row.open), ctx.format.number(row.overdue)]),
          [t('backoffice.workspace.unassigned'), ctx.format.number(view.unassigned.open), ctx.format.number(view.unassigned.overdue)],
        ]}
      />
      <h2>{t('backoffice.supervisor.late')}</h2>
      <ItemsTable ctx={ctx} caption={t('backoffice.supervisor.late.caption')} items={view.late} view={view} />
      <h2>{t('backoffice.supervisor.escalated')}</h2>
      <p class="hint">{t('backoffice.supervisor.escalated.hint')}</p>
      <ItemsTable ctx={ctx} caption={t('backoffice.supervisor.escalated.caption')} items={view.escalated} view={view} />
      <h2 id="reassign-heading">{t('backoffice.supervisor.reassign')}</h2>
      <p class="hint">{t('backoffice.supervisor.reassign.hint')}</p>
      <form method="post" action="/backoffice/supervisor/reassign" aria-labelledby="reassign-heading">
        <Csrf ctx={ctx} />
        <Field ctx={ctx} id="from" label={t('backoffice.supervisor.reassign.from')} error={errorFor(errors, 'from')}>
          <select class="select" id="from" name="from">
            <option value="">{t('ui.select.choose')}</option>
            {view.workers.map((worker) => option(worker, values.from))}
          </select>
        </Field>
        <Field ctx={ctx} id="to" label={t('backoffice.supervisor.reassign.to')} error={errorFor(errors, 'to')}>
          <select class="select" id="to" name="to">
            <option value="">{t('ui.select.choose')}</option>
            {view.workers.map((worker) => option(worker, values.to))}
          </select>
        </Field>
        <Button>{t('backoffice.supervisor.reassign.submit')}</Button>
      </form>
    </Layout>
  );
}
