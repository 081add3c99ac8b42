import type { ComponentChildren } from 'preact';
import { cachedFormat } from '../../../platform/i18n/index.ts';
import type { Protected } from '../../../platform/statistics/small-counts.ts';
import { NotificationBanner } from '../../../platform/ui/components/notification-banner.tsx';
import { SummaryList } from '../../../platform/ui/components/summary-list.tsx';
import { Table } from '../../../platform/ui/components/table.tsx';
import type { PageContext } from '../../../platform/ui/context.ts';
import { Layout } from '../../../platform/ui/layout.tsx';
import type { AgencyBudget } from '../budget.service.ts';
import type {
  AgencyView,
  ApplicationFigures,
  BreakdownEntry,
  ComplaintFigures,
  DashboardView,
  LeagueEntry,
  Names,
  NationalView,
  ServiceView,
  UnitView,
} from '../transparency.service.ts';
import { BarChart } from './bar-chart.tsx';
import { BudgetTable } from './budget-pages.tsx';

// The public dashboard pages. Every number arrives as a Protected cell; <Cell> is the only way a view
// shows one, so a withheld value always renders as the explained mark.

const RECEIVED_FILL = '#1d4e89';
const COMPLETED_FILL = '#00703c';

const nameOf = (ctx: PageContext, names: Names) => (ctx.locale === 'id' ? names.id : names.en);

/** A published number, or the suppression mark with its meaning for screen readers and a link to the note. */
function Cell({ ctx, cell, show }: { ctx: PageContext; cell: Protected<number | null>; show?: (value: number) => string }) {
  if (cell.suppressed) {
    return (
      <a href="#suppression-note" class="suppressed">
        <span aria-hidden="true">{ctx.t('transparency.suppressed')}</span>
        <span class="visually-hidden">{ctx.t('transparency.suppressedLabel')}</span>
      </a>
    );
  }
  if (cell.value === null) return <>{ctx.t('transparency.none')}</>;
  return <>{show ? show(cell.value) : ctx.format.number(cell.value)}</>;
}

const percent = (ctx: PageContext) => (value: number) => ctx.t('transparency.percent', { value: ctx.format.number(Math.round(value * 1000) / 10) });
const days = (ctx: PageContext) => (value: number) => ctx.t('transparency.days', { days: ctx.format.number(value) });
const rating = (ctx: PageContext) => (value: number) => ctx.t('transparency.rating', { value: ctx.format.number(value) });

function monthLabel(ctx: PageContext, month: string): string {
  const [year, m] = month.split('-').map(Number) as [number, number];
  const tag = ctx.locale === 'id' ? 'id-ID' : 'en-GB';
  return cachedFormat(`month|${tag}`, () => new Intl.DateTimeFormat(tag, { month: 'short', year: 'numeric', timeZone: 'UTC' })).format(
    new Date(Date.UTC(year, m - 1, 1)),
  );
}

function agoText(ctx: PageContext, updatedAt: Date, now: Date): string {
  const minutes = Math.max(0, Math.floor((now.getTime() - updatedAt.getTime()) / 60_000));
  if (minutes < 1) return ctx.t('transparency.ago.now');
  if (minutes < 60) return ctx.t('transparency.ago.minutes', { count: ctx.format.number(minutes) });
  if (minutes < 60 * 48) return ctx.t('transparency.ago.hours', { count: ctx.format.number(Math.floor(minutes / 60)) });
  return ctx.t('transparency.ago.days', { count: ctx.format.number(Math.floor(minutes / 1440)) });
}

function Freshness({ ctx, view, now }: { ctx: PageContext; view: DashboardView; now: Date }) {
  const { window, freshness } = view;
  const last = window.months.at(-1) ?? window.months[0] ?? '';
  return (
    <>
      <p class="lead">{ctx.t('transparency.lead')}</p>
      <p>
        {ctx.t('transparency.period', { from: monthLabel(ctx, window.months[0] ?? last), to: monthLabel(ctx, last) })}{' '}
        {freshness.updatedAt ? (
          <time dateTime={freshness.updatedAt.toISOString()} title={ctx.t('transparency.updatedAt', { time: ctx.format.dateTime(freshness.updatedAt) })}>
            {ctx.t('transparency.updated', { ago: agoText(ctx, freshness.updatedAt, now) })}
          </time>
        ) : null}
      </p>
      {freshness.backfilling || !freshness.updatedAt ? (
        <NotificationBanner ctx={ctx}>
          <p>{ctx.t('transparency.preparing')}</p>
        </NotificationBanner>
      ) : null}
    </>
  );
}

function ApplicationsSection({ ctx, figures, timeLimit }: { ctx: PageContext; figures: ApplicationFigures; timeLimit?: number }) {
  const { t } = ctx;
  const rows: { key: string; value: ComponentChildren }[] = [
    { key: t('transparency.applications.received'), value: <Cell ctx={ctx} cell={figures.received} /> },
    { key: t('transparency.applications.completed'), value: <Cell ctx={ctx} cell={figures.completed} /> },
    { key: t('transparency.applications.inProgress'), value: <Cell ctx={ctx} cell={figures.inProgress} /> },
    { key: t('transparency.applications.overdue'), value: <Cell ctx={ctx} cell={figures.overdue} /> },
    {
      key: t('transparency.applications.onTime'),
      value: (
        <>
          <Cell ctx={ctx} cell={figures.onTimeShare} show={percent(ctx)} /> <span class="hint">({t('transparency.applications.onTimeHint')})</span>
        </>
      ),
    },
    {
      key: t('transparency.applications.median'),
      value: (
        <>
          <Cell ctx={ctx} cell={figures.medianDays} show={days(ctx)} /> <span class="hint">({t('transparency.applications.durationHint')})</span>
        </>
      ),
    },
    { key: t('transparency.applications.p90'), value: <Cell ctx={ctx} cell={figures.p90Days} show={days(ctx)} /> },
  ];
  if (timeLimit !== undefined) {
    rows.push({ key: t('transparency.applications.timeLimit'), value: t('transparency.applications.timeLimitValue', { days: ctx.format.number(timeLimit) }) });
  }
  const first = figures.months[0]?.month ?? '';
  const last = figures.months.at(-1)?.month ?? '';
  return (
    <section aria-labelledby="applications-heading">
      <h2 id="applications-heading">{t('transparency.applications.heading')}</h2>
      <SummaryList rows={rows} />
      <h3>{t('transparency.backlog.heading')}</h3>
      <Table
        caption={t('transparency.backlog.caption')}
        firstCellIsHeader
        columns={[{ header: t('transparency.backlog.age') }, { header: t('transparency.backlog.count'), numeric: true }]}
        rows={[
          [t('transparency.backlog.upTo7'), <Cell key="a" ctx={ctx} cell={figures.backlogAge.upTo7} />],
          [t('transparency.backlog.from8To30'), <Cell key="b" ctx={ctx} cell={figures.backlogAge.from8To30} />],
          [t('transparency.backlog.from31To90'), <Cell key="c" ctx={ctx} cell={figures.backlogAge.from31To90} />],
          [t('transparency.backlog.over90'), <Cell key="d" ctx={ctx} cell={figures.backlogAge.over90} />],
        ]}
      />
      <h3>{t('transparency.trend.heading')}</h3>
      <figure class="chart-figure">
        <BarChart
          id="applications-chart"
          title={t('transparency.trend.chartTitle')}
          description={t('transparency.trend.chartDesc', { from: monthLabel(ctx, first), to: monthLabel(ctx, last) })}
          series={[
            { label: t('transparency.applications.received'), fill: RECEIVED_FILL },
            { label: t('transparency.applications.completed'), fill: COMPLETED_FILL },
          ]}
          groups={figures.months.map((m) => ({ label: monthLabel(ctx, m.month), values: [m.received, m.completed] }))}
          formatValue={ctx.format.number}
          suppressedMark={t('transparency.suppressed')}
        />
      </figure>
      <Table
        caption={t('transparency.trend.caption')}
        firstCellIsHeader
        columns={[
          { header: t('transparency.month') },
          { header: t('transparency.applications.received'), numeric: true },
          { header: t('transparency.applications.completed'), numeric: true },
          { header: t('transparency.applications.onTime'), numeric: true },
          { header: t('transparency.applications.median'), numeric: true },
        ]}
        rows={figures.months.map((m) => [
          monthLabel(ctx, m.month),
          <Cell key="r" ctx={ctx} cell={m.received} />,
          <Cell key="c" ctx={ctx} cell={m.completed} />,
          <Cell key="o" ctx={ctx} cell={m.onTimeShare} show={percent(ctx)} />,
          <Cell key="m" ctx={ctx} cell={m.medianDays} show={days(ctx)} />,
        ])}
      />
    </section>
  );
}

function ComplaintsSection({ ctx, figures }: { ctx: PageContext; figures: ComplaintFigures }) {
  const { t } = ctx;
  const first = figures.months[0]?.month ?? '';
  const last = figures.months.at(-1)?.month ?? '';
  return (
    <section aria-labelledby="complaints-heading">
      <h2 id="complaints-heading">{t('transparency.complaints.heading')}</h2>
      <SummaryList
        rows={[
          { key: t('transparency.complaints.received'), value: <Cell ctx={ctx} cell={figures.received} /> },
          { key: t('transparency.complaints.forwarded'), value: <Cell ctx={ctx} cell={figures.forwarded} /> },
          { key: t('transparency.complaints.forwardedOnTime'), value: <Cell ctx={ctx} cell={figures.forwardedOnTime} /> },
          { key: t('transparency.complaints.resolved'), value: <Cell ctx={ctx} cell={figures.resolved} /> },
          { key: t('transparency.complaints.resolvedOnTime'), value: <Cell ctx={ctx} cell={figures.resolvedOnTime} /> },
          { key: t('transparency.complaints.open'), value: <Cell ctx={ctx} cell={figures.open} /> },
          { key: t('transparency.complaints.overdue'), value: <Cell ctx={ctx} cell={figures.overdue} /> },
          { key: t('transparency.complaints.rating'), value: <Cell ctx={ctx} cell={figures.averageRating} show={rating(ctx)} /> },
          { key: t('transparency.complaints.ratings'), value: <Cell ctx={ctx} cell={figures.ratings} /> },
        ]}
      />
      <figure class="chart-figure">
        <BarChart
          id="complaints-chart"
          title={t('transparency.complaints.chartTitle')}
          description={t('transparency.complaints.chartDesc', { from: monthLabel(ctx, first), to: monthLabel(ctx, last) })}
          series={[
            { label: t('transparency.complaints.received'), fill: RECEIVED_FILL },
            { label: t('transparency.complaints.resolved'), fill: COMPLETED_FILL },
          ]}
          groups={figures.months.map((m) => ({ label: monthLabel(ctx, m.month), values: [m.received, m.resolved] }))}
          formatValue={ctx.format.number}
          suppressedMark={t('transparency.suppressed')}
        />
      </figure>
      <Table
        caption={t('transparency.complaints.caption')}
        firstCellIsHeader
        columns={[
          { header: t('transparency.month') },
          { header: t('transparency.complaints.received'), numeric: true },
          { header: t('transparency.complaints.resolved'), numeric: true },
        ]}
        rows={figures.months.map((m) => [monthLabel(ctx, m.month), <Cell key="r" ctx={ctx} cell={m.received} />, <Cell key="s" ctx={ctx} cell={m.resolved} />])}
      />
    </section>
  );
}

/**
 * The SKM index and grade (PermenPANRB 14/2017) over the dashboard's period, from the surveys module
 * (transparency.skm.ts). Undefined when that module is not wired in: the section then says where the
 * index will appear.
 */
export interface SkmFigure {
  /** Converted score 25–100; withheld below the surveys module's minimum of respondents; null with no answers. */
  score: Protected<number | null>;
  grade: 'A' | 'B' | 'C' | 'D' | null;
  respondents: Protected;
  /** Whether the sample reaches the Krejcie–Morgan size for the people served; null when unknown. */
  sampleAdequate: boolean | null;
}

function SkmSection({ ctx, skm }: { ctx: PageContext; skm: SkmFigure | undefined }) {
  const { t } = ctx;
  return (
    <section aria-labelledby="skm-heading" id="skm">
      <h2 id="skm-heading">{t('transparency.skm.heading')}</h2>
      {skm ? (
        <SummaryList
          rows={[
            {
              key: t('transparency.skm.score'),
              value: (
                <>
                  <Cell ctx={ctx} cell={skm.score} show={(v) => ctx.format.number(Math.round(v * 100) / 100)} />
                  {skm.grade && !skm.score.suppressed
                    ? ` (${t('transparency.skm.grade', { grade: skm.grade, label: t(`transparency.skm.grade${skm.grade}`) })})`
                    : ''}
                </>
              ),
            },
            { key: t('transparency.skm.respondents'), value: <Cell ctx={ctx} cell={skm.respondents} /> },
            ...(skm.sampleAdequate === false ? [{ key: t('transparency.skm.sample'), value: t('transparency.skm.sampleSmall') }] : []),
          ]}
        />
      ) : (
        <p>{t('transparency.skm.pending')}</p>
      )}
    </section>
  );
}

function SuppressionNote({ ctx }: { ctx: PageContext }) {
  return (
    <p id="suppression-note" class="hint">
      {ctx.t('transparency.suppressionNote')}
    </p>
  );
}

function Breadcrumbs({ ctx, items }: { ctx: PageContext; items: { href: string; text: string }[] }) {
  return (
    <nav aria-label={ctx.t('transparency.breadcrumb')} class="breadcrumbs">
      <ol>
        {items.map((item) => (
          <li key={item.href}>
            <a href={item.href}>{item.text}</a>
          </li>
        ))}
      </ol>
    </nav>
  );
}

function leagueColumns(ctx: PageContext, first: string) {
  const { t } = ctx;
  return [
    { header: first },
    { header: t('transparency.applications.received'), numeric: true },
    { header: t('transparency.applications.completed'), numeric: true },
    { header: t('transparency.applications.onTime'), numeric: true },
    { header: t('transparency.applications.median'), numeric: true },
    { header: t('transparency.applications.inProgress'), numeric: true },
    { header: t('transparency.complaints.received'), numeric: true },
    { header: t('transparency.complaints.rating'), numeric: true },
  ];
}

function leagueCells(ctx: PageContext, entry: Omit<LeagueEntry, 'code' | 'name' | 'region'>) {
  return [
    <Cell key="r" ctx={ctx} cell={entry.received} />,
    <Cell key="c" ctx={ctx} cell={entry.completed} />,
    <Cell key="o" ctx={ctx} cell={entry.onTimeShare} show={percent(ctx)} />,
    <Cell key="m" ctx={ctx} cell={entry.medianDays} show={days(ctx)} />,
    <Cell key="p" ctx={ctx} cell={entry.inProgress} />,
    <Cell key="k" ctx={ctx} cell={entry.complaints} />,
    <Cell key="s" ctx={ctx} cell={entry.averageRating} show={rating(ctx)} />,
  ];
}

function RegionFilter({ ctx, view }: { ctx: PageContext; view: NationalView }) {
  const { t } = ctx;
  return (
    <form method="get" action="/transparency" class="filter-panel" aria-labelledby="filter-heading">
      <h3 id="filter-heading">{t('transparency.filter.heading')}</h3>
      <div class="form-group">
        <label class="label" for="province">
          {t('transparency.filter.province')}
        </label>
        <select class="select" id="province" name="province">
          <option value="">{t('transparency.filter.all')}</option>
          {view.provinces.map((p) => (
            <option key={p.code} value={p.code} selected={p.code === view.filter.province}>
              {p.name}
            </option>
          ))}
        </select>
      </div>
      <div class="form-group">
        <label class="label" for="regency">
          {t('transparency.filter.regency')}
        </label>
        <p class="hint" id="regency-hint">
          {t('transparency.filter.regencyHint')}
        </p>
        <input
          class="input input--short"
          id="regency"
          name="regency"
          type="text"
          inputMode="decimal"
          aria-describedby="regency-hint"
          value={view.filter.regency ?? ''}
        />
      </div>
      <button class="button" type="submit">
        {t('transparency.filter.apply')}
      </button>
    </form>
  );
}

export function NationalPage({ ctx, view, now }: { ctx: PageContext; view: NationalView; now: Date }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('transparency.title')} wide>
      <h1>{t('transparency.title')}</h1>
      <Freshness ctx={ctx} view={view} now={now} />
      <ApplicationsSection ctx={ctx} figures={view.applications} />
      {view.complaints ? <ComplaintsSection ctx={ctx} figures={view.complaints} /> : null}
      <section aria-labelledby="league-heading">
        <h2 id="league-heading">{t('transparency.league.heading')}</h2>
        <RegionFilter ctx={ctx} view={view} />
        {view.agencies.length === 0 ? (
          <p>{t('transparency.league.empty')}</p>
        ) : (
          <Table
            caption={t('transparency.league.caption')}
            firstCellIsHeader
            columns={leagueColumns(ctx, t('transparency.league.agency'))}
            rows={view.agencies.map((entry) => [
              <a key="a" href={`/transparency/agencies/${encodeURIComponent(entry.code)}`}>
                {nameOf(ctx, entry.name)}
              </a>,
              ...leagueCells(ctx, entry),
            ])}
          />
        )}
        <h2 id="regions-heading">{t('transparency.league.regionsHeading')}</h2>
        <p>{t('transparency.league.regionsNote')}</p>
        {view.regions.length === 0 ? (
          <p>{t('transparency.league.empty')}</p>
        ) : (
          <Table
            caption={t('transparency.league.regionsCaption')}
            firstCellIsHeader
            columns={leagueColumns(ctx, t('transparency.league.region'))}
            rows={view.regions.map((entry) => [entry.name, ...leagueCells(ctx, entry)])}
          />
        )}
      </section>
      <SuppressionNote ctx={ctx} />
    </Layout>
  );
}

function BreakdownTable({
  ctx,
  caption,
  first,
  entries,
  href,
}: {
  ctx: PageContext;
  caption: string;
  first: string;
  entries: BreakdownEntry[];
  href: (code: string) => string;
}) {
  const { t } = ctx;
  return (
    <Table
      caption={caption}
      firstCellIsHeader
      columns={[
        { header: first },
        { header: t('transparency.applications.received'), numeric: true },
        { header: t('transparency.applications.completed'), numeric: true },
        { header: t('transparency.applications.onTime'), numeric: true },
        { header: t('transparency.applications.inProgress'), numeric: true },
      ]}
      rows={entries.map((entry) => [
        <a key="a" href={href(entry.code)}>
          {nameOf(ctx, entry.name)}
        </a>,
        <Cell key="r" ctx={ctx} cell={entry.received} />,
        <Cell key="c" ctx={ctx} cell={entry.completed} />,
        <Cell key="o" ctx={ctx} cell={entry.onTimeShare} show={percent(ctx)} />,
        <Cell key="p" ctx={ctx} cell={entry.inProgress} />,
      ])}
    />
  );
}

/** Spending beside the performance it pays for: each programme's services with their figures. */
function BudgetSection({ ctx, budget, services }: { ctx: PageContext; budget: AgencyBudget | undefined; services: BreakdownEntry[] }) {
  const { t } = ctx;
  const text = (cell: Protected<number | null>, show?: (value: number) => string) =>
    cell.suppressed
      ? t('transparency.suppressedLabel')
      : cell.value === null
        ? t('transparency.none')
        : show
          ? show(cell.value)
          : ctx.format.number(cell.value);
  const byCode = new Map(services.map((entry) => [entry.code, entry]));
  const figures = (code: string) => {
    const entry = byCode.get(code);
    return entry ? { name: nameOf(ctx, entry.name), completed: text(entry.completed), onTime: text(entry.onTimeShare, percent(ctx)) } : undefined;
  };
  return (
    <section aria-labelledby="budget-heading">
      <h2 id="budget-heading">{budget ? t('budget.section.heading', { year: budget.fiscalYear }) : t('budget.admin.title')}</h2>
      {budget ? (
        <>
          <p>{t('budget.section.lead', { asOf: ctx.format.date(new Date(`${budget.asOf}T12:00:00+07:00`)) })}</p>
          <BudgetTable ctx={ctx} budget={budget} services={figures} />
        </>
      ) : (
        <p>{t('budget.section.none')}</p>
      )}
    </section>
  );
}

export function AgencyPage({
  ctx,
  view,
  now,
  skm,
  budget,
}: {
  ctx: PageContext;
  view: AgencyView;
  now: Date;
  skm?: SkmFigure | undefined;
  budget?: AgencyBudget | undefined;
}) {
  const { t } = ctx;
  const name = nameOf(ctx, view.agency.name);
  const base = `/transparency/agencies/${encodeURIComponent(view.agency.code)}`;
  return (
    <Layout ctx={ctx} title={t('transparency.agencyPage', { name })} wide>
      <Breadcrumbs ctx={ctx} items={[{ href: '/transparency', text: t('transparency.national') }]} />
      <h1>{t('transparency.agencyPage', { name })}</h1>
      <Freshness ctx={ctx} view={view} now={now} />
      <SkmSection ctx={ctx} skm={skm} />
      <ApplicationsSection ctx={ctx} figures={view.applications} />
      {view.complaints ? <ComplaintsSection ctx={ctx} figures={view.complaints} /> : null}
      <section aria-labelledby="services-heading">
        <h2 id="services-heading">{t('transparency.services.heading')}</h2>
        <BreakdownTable
          ctx={ctx}
          caption={t('transparency.services.caption')}
          first={t('transparency.services.service')}
          entries={view.services}
          href={(code) => `/transparency/services/${encodeURIComponent(code)}`}
        />
      </section>
      <section aria-labelledby="units-heading">
        <h2 id="units-heading">{t('transparency.units.heading')}</h2>
        <p>{t('transparency.units.note')}</p>
        <BreakdownTable
          ctx={ctx}
          caption={t('transparency.units.caption')}
          first={t('transparency.units.unit')}
          entries={view.units}
          href={(code) => `${base}/units/${encodeURIComponent(code)}`}
        />
      </section>
      <BudgetSection ctx={ctx} budget={budget} services={view.services} />
      <SuppressionNote ctx={ctx} />
    </Layout>
  );
}

export function UnitPage({ ctx, view, now }: { ctx: PageContext; view: UnitView; now: Date }) {
  const { t } = ctx;
  const name = nameOf(ctx, view.unit.name);
  return (
    <Layout ctx={ctx} title={t('transparency.unitPage', { name })} wide>
      <Breadcrumbs
        ctx={ctx}
        items={[
          { href: '/transparency', text: t('transparency.national') },
          { href: `/transparency/agencies/${encodeURIComponent(view.agency.code)}`, text: nameOf(ctx, view.agency.name) },
        ]}
      />
      <h1>{t('transparency.unitPage', { name })}</h1>
      <Freshness ctx={ctx} view={view} now={now} />
      <ApplicationsSection ctx={ctx} figures={view.applications} />
      {view.complaints ? <ComplaintsSection ctx={ctx} figures={view.complaints} /> : null}
      <SuppressionNote ctx={ctx} />
    </Layout>
  );
}

export function ServicePage({ ctx, view, now, skm }: { ctx: PageContext; view: ServiceView; now: Date; skm?: SkmFigure | undefined }) {
  const { t } = ctx;
  const name = nameOf(ctx, view.service.name);
  return (
    <Layout ctx={ctx} title={t('transparency.servicePage', { name })} wide>
      <Breadcrumbs
        ctx={ctx}
        items={[
          { href: '/transparency', text: t('transparency.national') },
          { href: `/transparency/agencies/${encodeURIComponent(view.agency.code)}`, text: nameOf(ctx, view.agency.name) },
        ]}
      />
      <h1>{t('transparency.servicePage', { name })}</h1>
      <Freshness ctx={ctx} view={view} now={now} />
      <SkmSection ctx={ctx} skm={skm} />
      <ApplicationsSection ctx={ctx} figures={view.applications} timeLimit={view.service.timeLimitWorkingDays} />
      <SuppressionNote ctx={ctx} />
    </Layout>
  );
}

export function DashboardNotFoundPage({ ctx }: { ctx: PageContext }) {
  return (
    <Layout ctx={ctx} title={ctx.t('transparency.notFound.title')}>
      <h1>{ctx.t('transparency.notFound.title')}</h1>
      <p>{ctx.t('transparency.notFound.text')}</p>
      <p>
        <a href="/transparency">{ctx.t('transparency.notFound.link')}</a>
      </p>
    </Layout>
  );
}
