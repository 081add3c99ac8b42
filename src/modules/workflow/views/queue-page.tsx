import type { TimeZone } from '../../../platform/db/schema.ts';
import type { MessageKey } from '../../../platform/i18n/index.ts';
import { Button } from '../../../platform/ui/components/button.tsx';
import { Field } from '../../../platform/ui/components/field.tsx';
import { NotificationBanner } from '../../../platform/ui/components/notification-banner.tsx';
import { Pagination } from '../../../platform/ui/components/pagination.tsx';
import { Table } from '../../../platform/ui/components/table.tsx';
import { TextInput } from '../../../platform/ui/components/text-input.tsx';
import type { PageContext } from '../../../platform/ui/context.ts';
import { Layout } from '../../../platform/ui/layout.tsx';
import { DUE_FILTERS, QUEUE_PAGE_SIZE, QUEUE_STATUSES, QUEUE_TABS, type QueueCounts, type QueueFilters, type QueueItem } from '../workqueue.repository.ts';
import { BackofficeNav, dueText, PostButton, PriorityTag, SlaTag } from './backoffice-common.tsx';

export interface QueueRow extends QueueItem {
  stepTitle: string;
  assigneeName: string | null;
  timeZone: TimeZone;
  holidays: ReadonlySet<string>;
}

export interface QueuePageProps {
  ctx: PageContext;
  filters: QueueFilters;
  items: readonly QueueRow[];
  total: number;
  counts: QueueCounts;
  services: readonly { code: string; nameId: string; nameEn: string }[];
  units: readonly string[];
  viewerId: string;
  notice?: { key: MessageKey; params?: Record<string, string | number> } | undefined;
}

/** A queue count as shown: "1.000+" once it passed the cap the repository counts to. */
function countText(ctx: PageContext, counts: QueueCounts, count: number): string {
  return count > counts.cap ? `${ctx.format.number(counts.cap)}+` : ctx.format.number(count);
}

/** The query string of the queue with these filters, for tabs and pagination that keep them. */
export function queueHref(filters: QueueFilters, changes: Partial<QueueFilters> = {}): string {
  const next = { ...filters, page: 1, ...changes };
  const params = new URLSearchParams();
  if (next.tab !== 'all') params.set('tab', next.tab);
  if (next.service) params.set('service', next.service);
  if (next.status) params.set('status', next.status);
  if (next.due) params.set('due', next.due);
  if (next.unit) params.set('unit', next.unit);
  if (next.number) params.set('number', next.number);
  if (next.page > 1) params.set('page', String(next.page));
  const query = params.toString();
  return query ? `/backoffice/queue?${query}` : '/backoffice/queue';
}

function Tabs({ ctx, filters, counts }: { ctx: PageContext; filters: QueueFilters; counts: QueueCounts }) {
  return (
    <nav aria-label={ctx.t('backoffice.queue.tabs')}>
      <ul class="list">
        {QUEUE_TABS.map((tab) => (
          <li key={tab}>
            <a href={queueHref(filters, { tab })} aria-current={filters.tab === tab ? 'page' : undefined}>
              {ctx.t(`backoffice.queue.tab.${tab}`, { count: countText(ctx, counts, counts[tab]) })}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function Filters({ ctx, filters, services, units, counts }: Pick<QueuePageProps, 'ctx' | 'filters' | 'services' | 'units' | 'counts'>) {
  const { t } = ctx;
  const option = (value: string, label: string, selected: boolean) => (
    <option key={value} value={value} selected={selected}>
      {label}
    </option>
  );
  return (
    <aside class="sidebar" aria-labelledby="filters-heading">
      <h2 id="filters-heading">{t('backoffice.queue.filters')}</h2>
      <form method="get" action="/backoffice/queue">
        {filters.tab !== 'all' ? <input type="hidden" name="tab" value={filters.tab} /> : null}
        <TextInput ctx={ctx} id="number" label={t('backoffice.queue.filter.number')} hint={t('backoffice.queue.filter.numberHint')} value={filters.number} />
        <Field ctx={ctx} id="service" label={t('backoffice.queue.filter.service')}>
          <select class="select" id="service" name="service">
            {option('', t('backoffice.queue.filter.any'), !filters.service)}
            {services.map((service) => option(service.code, ctx.locale === 'id' ? service.nameId : service.nameEn, service.code === filters.service))}
          </select>
        </Field>
        <Field ctx={ctx} id="status" label={t('backoffice.queue.filter.status')}>
          <select class="select" id="status" name="status">
            {option('', t('backoffice.queue.filter.any'), !filters.status)}
            {QUEUE_STATUSES.map((status) => option(status, t(`backoffice.status.${status}` as MessageKey), status === filters.status))}
          </select>
        </Field>
        <Field ctx={ctx} id="due" label={t('backoffice.queue.filter.due')}>
          <select class="select" id="due" name="due">
            {option('', t('backoffice.queue.filter.any'), !filters.due)}
            {DUE_FILTERS.map((due) => option(due, t(`backoffice.queue.due.${due}`, { count: countText(ctx, counts, counts[due]) }), due === filters.due))}
          </select>
        </Field>
        {units.length > 0 ? (
          <Field ctx={ctx} id="unit" label={t('backoffice.queue.filter.unit')}>
            <select class="select" id="unit" name="unit">
              {option('', t('backoffice.queue.filter.any'), !filters.unit)}
              {units.map((unit) => option(unit, unit, unit === filters.unit))}
            </select>
          </Field>
        ) : null}
        <Button variant="secondary">{t('backoffice.queue.filter.apply')}</Button>
      </form>
      {filters.service || filters.status || filters.due || filters.unit || filters.number ? (
        <p>
          <a href={queueHref({ tab: filters.tab, page: 1 })}>{t('backoffice.queue.filter.clear')}</a>
        </p>
      ) : null}
    </aside>
  );
}

export function QueuePage(props: QueuePageProps) {
  const { ctx, filters, items, total, counts, viewerId, notice } = props;
  const { t } = ctx;
  const totalPages = Math.max(1, Math.ceil(total / QUEUE_PAGE_SIZE));
  const rows = items.map((item) => [
    <a key="link" href={`/backoffice/applications/${item.trackingNumber}`}>
      {item.trackingNumber}
    </a>,
    <>
      {ctx.locale === 'id' ? item.serviceNameId : item.serviceNameEn}
      <br />
      <span class="secondary">{item.stepTitle}</span>
    </>,
    <>
      <PriorityTag ctx={ctx} group={item.priorityGroup} /> <SlaTag ctx={ctx} slaState={item.slaState} escalatedAt={item.escalatedAt} />
      {item.status === 'information_requested' ? (
        <>
          <br />
          <span class="secondary">{t('backoffice.status.information_requested')}</span>
        </>
      ) : null}
    </>,
    <>
      {dueText(ctx, item.dueAt, { timeZone: item.timeZone, holidays: item.holidays, paused: item.status === 'information_requested' })}
      {item.stepDueAt ? (
        <>
          <br />
          <span class="secondary">
            {t('backoffice.queue.stepDue', { due: dueText(ctx, item.stepDueAt, { timeZone: item.timeZone, holidays: item.holidays }) })}
          </span>
        </>
      ) : null}
    </>,
    item.assigneeId === null ? (
      <PostButton
        ctx={ctx}
        action={`/backoffice/applications/${item.trackingNumber}/claim`}
        label={t('backoffice.action.claim')}
        hiddenLabel={item.trackingNumber}
        fields={{ return: 'queue' }}
      />
    ) : item.assigneeId === viewerId ? (
      t('backoffice.queue.assignedToYou')
    ) : (
      (item.assigneeName ?? t('backoffice.queue.assignedToOther'))
    ),
  ]);
  return (
    <Layout ctx={ctx} title={t('backoffice.queue.title')} wide live="/events/queue">
      <BackofficeNav ctx={ctx} />
      {notice ? (
        <NotificationBanner ctx={ctx} type="success">
          <p>{t(notice.key, notice.params)}</p>
        </NotificationBanner>
      ) : null}
      <h1>{t('backoffice.queue.title')}</h1>
      <div data-live-region="tabs">
        <Tabs ctx={ctx} filters={filters} counts={counts} />
      </div>
      <div class="with-sidebar">
        <Filters ctx={ctx} filters={filters} services={props.services} units={props.units} counts={counts} />
        <div class="with-sidebar__main" data-live-region="items">
          {items.length === 0 ? (
            <p>{t('backoffice.queue.empty')}</p>
          ) : (
            <Table
              caption={t('backoffice.queue.caption', { count: countText(ctx, counts, total) })}
              columns={[
                { header: t('backoffice.queue.col.number') },
                { header: t('backoffice.queue.col.service') },
                { header: t('backoffice.queue.col.state') },
                { header: t('backoffice.queue.col.due'), sort: 'ascending' },
                { header: t('backoffice.queue.col.assignee') },
              ]}
              rows={rows}
              firstCellIsHeader
            />
          )}
          <Pagination ctx={ctx} currentPage={filters.page} totalPages={totalPages} hrefFor={(page) => queueHref(filters, { page })} />
        </div>
      </div>
    </Layout>
  );
}
