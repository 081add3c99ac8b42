import type { MapTiles } from '../../../config.ts';
import { Button } from '../../../platform/ui/components/button.tsx';
import { type MapPoint, PointsMap } from '../../../platform/ui/components/map.tsx';
import { NotificationBanner } from '../../../platform/ui/components/notification-banner.tsx';
import { Pagination } from '../../../platform/ui/components/pagination.tsx';
import { Select } from '../../../platform/ui/components/select.tsx';
import { SummaryList } from '../../../platform/ui/components/summary-list.tsx';
import { TextInput } from '../../../platform/ui/components/text-input.tsx';
import type { PageContext } from '../../../platform/ui/context.ts';
import { Layout } from '../../../platform/ui/layout.tsx';
import type { CategorySummary, Paged, PublicComplaint, PublicComplaintSummary } from '../complaints.contract.ts';
import { ComplaintStatusTag, ComplaintTimeline, named, placeText } from './public-shared.tsx';

export const STATUSES = ['not_followed_up', 'in_process', 'done', 'closed', 'archived', 'postponed'] as const;
export const KINDS = ['complaint', 'aspiration', 'information_request'] as const;

export interface PublicListFilter {
  q: string;
  category: string;
  status: string;
  kind: string;
  region: string;
}

/** The public list: search, filters as a GET form, results with status, agency, time taken, support and rating. */
export function PublicListPage(props: {
  ctx: PageContext;
  filter: PublicListFilter;
  categories: readonly CategorySummary[];
  provinces: readonly { code: string; name: string }[];
  results: Paged<PublicComplaintSummary>;
  /** Tiles for the map that replaces the plot when JavaScript runs; undefined: the plot only. */
  mapTiles: MapTiles | undefined;
}) {
  const { ctx, filter, results } = props;
  const { t } = ctx;
  const all = { value: '', label: t('complaintPages.filter.all') };
  const totalPages = Math.max(1, Math.ceil(results.total / results.perPage));
  const hrefFor = (page: number) => {
    const query = new URLSearchParams({ ...filter, page: String(page) });
    for (const [key, value] of [...query]) if (value === '') query.delete(key);
    return `/complaints?${query}`;
  };
  return (
    <Layout ctx={ctx} title={t('complaintPages.title')} map={props.mapTiles !== undefined && mapPoints(results.items).length > 0}>
      <h1>{t('complaintPages.title')}</h1>
      <p class="lead">{t('complaintPages.lead')}</p>
      <p>
        <Button href="/complaints/new">{t('complaintPages.fileLink')}</Button>
      </p>
      <form method="get" action="/complaints">
        <TextInput ctx={ctx} id="q" label={t('complaintPages.search')} type="search" value={filter.q} />
        <Select
          ctx={ctx}
          id="category"
          label={t('complaintPages.filter.category')}
          value={filter.category}
          options={[all, ...props.categories.map((category) => ({ value: category.code, label: named(ctx, category.name) }))]}
        />
        <Select
          ctx={ctx}
          id="status"
          label={t('complaintPages.filter.status')}
          value={filter.status}
          options={[all, ...STATUSES.map((status) => ({ value: status, label: t(`complaints.status.${status}`) }))]}
        />
        <Select
          ctx={ctx}
          id="kind"
          label={t('complaintPages.filter.kind')}
          value={filter.kind}
          options={[all, ...KINDS.map((kind) => ({ value: kind, label: t(`complaints.kind.${kind}`) }))]}
        />
        <Select
          ctx={ctx}
          id="region"
          label={t('complaintPages.filter.region')}
          value={filter.region}
          options={[all, ...props.provinces.map((region) => ({ value: region.code, label: region.name }))]}
        />
        <Button variant="secondary">{t('complaintPages.filter.apply')}</Button>
      </form>
      <h2>{t('complaintPages.results', { count: ctx.format.number(results.total) })}</h2>
      {results.items.length === 0 ? <p>{t('complaintPages.empty')}</p> : null}
      <PointsMap ctx={ctx} tiles={props.mapTiles} points={mapPoints(results.items)}>
        <ResultsPlot ctx={ctx} items={results.items} />
      </PointsMap>
      <ul class="list-plain">
        {results.items.map((item) => (
          <li key={item.trackingId} class="result-item" data-complaint={item.trackingId}>
            <h3>
              <a href={`/complaints/${item.trackingId}`}>{item.title}</a>
            </h3>
            <p>
              <ComplaintStatusTag ctx={ctx} status={item.status} /> {t(`complaints.kind.${item.kind}`)} · {named(ctx, item.category.name)}
            </p>
            <p class="secondary-text">
              {item.agency ? named(ctx, item.agency.name) : t('complaintPages.noAgency')}
              {placeText(item.place) ? ` · ${placeText(item.place)}` : ''} · {t('complaintPages.timeTaken')}:{' '}
              {t('complaintPages.daysTaken', { days: item.daysTaken })} · {t('complaintPages.reportedBy', { count: item.reportedBy })} ·{' '}
              {item.rating === null ? t('complaintPages.noRating') : t('complaintPages.ratingValue', { rating: item.rating })}
            </p>
          </li>
        ))}
      </ul>
      {totalPages > 1 ? <Pagination ctx={ctx} currentPage={results.page} totalPages={totalPages} hrefFor={hrefFor} /> : null}
    </Layout>
  );
}

/** One public report: status, agency, place, masked description, public timeline and "me too". */
export function PublicReportPage(props: { ctx: PageContext; report: PublicComplaint; supported: boolean; reporterHref?: string | undefined }) {
  const { ctx, report } = props;
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={report.title}>
      {props.supported ? (
        <NotificationBanner ctx={ctx} type="success">
          <p>{t('complaintPages.meTooDone')}</p>
        </NotificationBanner>
      ) : null}
      <p class="secondary-text">{t('complaintPages.report', { trackingId: report.trackingId })}</p>
      <h1>{report.title}</h1>
      {props.reporterHref ? (
        <p>
          <a href={props.reporterHref}>{t('complaintPages.reporterLink')}</a>
        </p>
      ) : null}
      <p>
        <ComplaintStatusTag ctx={ctx} status={report.status} />
      </p>
      <ReportSummary ctx={ctx} report={report} />
      <h2>{t('complaintPages.description')}</h2>
      <p class="pre-line">{report.description}</p>
      <form method="post" action={`/complaints/${report.trackingId}/support`}>
        <input type="hidden" name="_csrf" value={ctx.csrfToken()} />
        <p class="hint">{t('complaintPages.meTooHint')}</p>
        <Button variant="secondary">{t('complaintPages.meToo')}</Button>
      </form>
      <h2>{t('complaintPages.timeline')}</h2>
      <ComplaintTimeline ctx={ctx} entries={report.timeline} />
      <p>
        <a href="/complaints">{t('complaintPages.back')}</a>
      </p>
    </Layout>
  );
}

export function ReportSummary({ ctx, report }: { ctx: PageContext; report: Omit<PublicComplaint, 'timeline'> }) {
  const { t } = ctx;
  const place = placeText(report.place);
  return (
    <SummaryList
      rows={[
        { key: t('complaintPages.filter.kind'), value: t(`complaints.kind.${report.kind}`) },
        { key: t('complaintPages.category'), value: named(ctx, report.category.name) },
        { key: t('complaintPages.agency'), value: report.agency ? named(ctx, report.agency.name) : t('complaintPages.noAgency') },
        ...(place ? [{ key: t('complaintPages.place'), value: place }] : []),
        { key: t('complaintPages.filed'), value: ctx.format.date(report.createdAt, 'Asia/Jakarta') },
        ...(report.incidentDate ? [{ key: t('complaintPages.incidentDate'), value: report.incidentDate }] : []),
        { key: t('complaintPages.timeTaken'), value: t('complaintPages.daysTaken', { days: report.daysTaken }) },
        { key: t('complaintPages.reportedBy', { count: report.reportedBy }), value: String(report.reportedBy) },
        {
          key: t('complaintPages.rating'),
          value: report.rating === null ? t('complaintPages.noRating') : t('complaintPages.ratingValue', { rating: report.rating }),
        },
      ]}
    />
  );
}

/** Unknown, secret, unverified or merged-away: one answer for all, so a secret report is not revealed. */
export function ReportNotFoundPage({ ctx }: { ctx: PageContext }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('complaintPages.notFound.title')}>
      <h1>{t('complaintPages.notFound.title')}</h1>
      <p>{t('complaintPages.notFound.body')}</p>
      <p>
        <a href="/complaints">{t('complaintPages.back')}</a>
      </p>
    </Layout>
  );
}

// Indonesia's bounding box: the plot needs no map tiles, no script and no third-party request.
const WEST = 94.5;
const EAST = 141.5;
const NORTH = 6.5;
const SOUTH = -11.5;
const WIDTH = 470;
const HEIGHT = 180;

/** The listed reports that have a point, for the map; the same as the plot's. */
function mapPoints(items: readonly PublicComplaintSummary[]): MapPoint[] {
  return items.flatMap((item) =>
    item.place.latitude !== null && item.place.longitude !== null
      ? [{ latitude: item.place.latitude, longitude: item.place.longitude, href: `/complaints/${item.trackingId}`, title: item.title }]
      : [],
  );
}

/** A light, self-drawn plot of the listed reports that have a point; the list above carries the same reports. */
export function ResultsPlot({ ctx, items }: { ctx: PageContext; items: readonly PublicComplaintSummary[] }) {
  const { t } = ctx;
  const points = items.filter((item) => item.place.latitude !== null && item.place.longitude !== null);
  if (points.length === 0) return null;
  return (
    <figure class="complaints-plot">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-labelledby="plot-title plot-desc" width="100%">
        <title id="plot-title">{t('complaintPages.plot.title')}</title>
        <desc id="plot-desc">{t('complaintPages.plot.description', { count: points.length })}</desc>
        <rect x="0.5" y="0.5" width={WIDTH - 1} height={HEIGHT - 1} fill="#f3f2f1" stroke="#505a5f" />
        {points.map((item) => {
          const x = (((item.place.longitude as number) - WEST) / (EAST - WEST)) * WIDTH;
          const y = ((NORTH - (item.place.latitude as number)) / (NORTH - SOUTH)) * HEIGHT;
          return (
            <a key={item.trackingId} href={`/complaints/${item.trackingId}`}>
              <circle cx={x.toFixed(1)} cy={y.toFixed(1)} r="5" fill="#1d4e89" stroke="#ffffff" stroke-width="1.5">
                <title>{item.title}</title>
              </circle>
            </a>
          );
        })}
      </svg>
    </figure>
  );
}
