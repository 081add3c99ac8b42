import { localDate } from '../../platform/calendar/working-days.ts';
import type { Database } from '../../platform/db/database.ts';
import { type Protected, protectCount, protectDerived } from '../../platform/statistics/small-counts.ts';
import { foldAll, restartBackfill } from './transparency.fold.ts';
import {
  type BacklogRow,
  type ComplaintMonthRow,
  createTransparencyRepository,
  type DailyStatisticsRow,
  type Scope,
  type TransparencyRepository,
} from './transparency.repository.ts';

// The dashboard's figures, built from the rollups and protected against small counts before any view
// or file sees them: the pages receive Protected cells only, so a template cannot show a raw count.

export { MIN_PUBLISHED_COUNT, type Protected, protectCount, protectDerived, publishedOrNull } from '../../platform/statistics/small-counts.ts';
export type { Scope } from './transparency.repository.ts';

export interface Names {
  id: string;
  en: string;
}

export interface MonthFigures {
  month: string;
  received: Protected;
  completed: Protected;
  /** Share (0–1) of the month's completions that met the time limit. */
  onTimeShare: Protected<number | null>;
  medianDays: Protected<number | null>;
}

export interface ApplicationFigures {
  received: Protected;
  completed: Protected;
  completedOnTime: Protected;
  onTimeShare: Protected<number | null>;
  /** Completion time in calendar days, rounded up (nearest-rank percentiles of the completions). */
  medianDays: Protected<number | null>;
  p90Days: Protected<number | null>;
  inProgress: Protected;
  overdue: Protected;
  backlogAge: { upTo7: Protected; from8To30: Protected; from31To90: Protected; over90: Protected };
  months: MonthFigures[];
}

export interface ComplaintMonthFigures {
  month: string;
  received: Protected;
  resolved: Protected;
}

export interface ComplaintFigures {
  received: Protected;
  forwarded: Protected;
  forwardedOnTime: Protected;
  resolved: Protected;
  resolvedOnTime: Protected;
  open: Protected;
  overdue: Protected;
  /** Mean reporter rating of responses, 1–5. */
  averageRating: Protected<number | null>;
  ratings: Protected;
  months: ComplaintMonthFigures[];
}

export interface LeagueEntry {
  code: string;
  name: Names;
  /** Region name (agencies) or null for national agencies. */
  region: string | null;
  received: Protected;
  completed: Protected;
  onTimeShare: Protected<number | null>;
  medianDays: Protected<number | null>;
  inProgress: Protected;
  complaints: Protected;
  averageRating: Protected<number | null>;
}

export interface BreakdownEntry {
  code: string;
  name: Names;
  received: Protected;
  completed: Protected;
  onTimeShare: Protected<number | null>;
  inProgress: Protected;
}

export interface LeagueFilter {
  /** Two-digit Kemendagri province code. */
  province?: string | undefined;
  /** Regency/city code, e.g. 32.73. */
  regency?: string | undefined;
}

export interface Freshness {
  /** When the figures last caught up with the work; null while the first backfill runs. */
  updatedAt: Date | null;
  backfilling: boolean;
}

export interface DashboardWindow {
  /** First day counted (yyyy-mm-dd, WIB): the first day of the month eleven months ago. */
  from: string;
  today: string;
  /** The twelve months shown, yyyy-mm, oldest first. */
  months: string[];
}

export interface DashboardView {
  window: DashboardWindow;
  freshness: Freshness;
  applications: ApplicationFigures;
  /** Absent on the service view: complaints are not filed against a service. */
  complaints?: ComplaintFigures;
}

export interface NationalView extends DashboardView {
  agencies: LeagueEntry[];
  /** Regional agencies grouped by province, or by regency within the filtered province. */
  regions: (Omit<LeagueEntry, 'code' | 'name'> & { code: string; name: string })[];
  provinces: { code: string; name: string }[];
  filter: LeagueFilter;
}

export interface AgencyView extends DashboardView {
  agency: { id: string; code: string; name: Names; region: string | null };
  services: BreakdownEntry[];
  units: BreakdownEntry[];
}

export interface UnitView extends DashboardView {
  agency: { code: string; name: Names };
  unit: { code: string; name: Names };
}

export interface ServiceView extends DashboardView {
  agency: { id: string; code: string; name: Names };
  service: { id: string; code: string; name: Names; timeLimitWorkingDays: number };
}

/** One published row of the open data's daily statistics (see dailyStatistics). */
export interface DailyStatistics {
  day: string;
  agencyCode: string;
  /** Null when the applications were not attributed to a unit. */
  unitCode: string | null;
  serviceCode: string;
  received: Protected;
  completed: Protected;
  completedOnTime: Protected;
  medianDays: Protected<number | null>;
  p90Days: Protected<number | null>;
  /** Applications filed that day that are still open now. */
  backlog: Protected;
}

/** Nearest-rank percentile of a histogram (value → count); null when empty. */
export function percentileOf(histogram: readonly { value: number; count: number }[], p: number): number | null {
  const sorted = histogram.filter((h) => h.count > 0).sort((a, b) => a.value - b.value);
  const total = sorted.reduce((sum, h) => sum + h.count, 0);
  if (total === 0) return null;
  const rank = Math.max(1, Math.ceil(p * total));
  let seen = 0;
  for (const h of sorted) {
    seen += h.count;
    if (seen >= rank) return h.value;
  }
  return sorted.at(-1)?.value ?? null;
}

const share = (part: number, whole: number) => protectDerived(whole === 0 ? null : part / whole, whole);

/** The dashboard's twelve-month window ending with the current month, in WIB. */
export function dashboardWindow(now: Date): DashboardWindow {
  const today = localDate(now);
  const [year, month] = today.split('-').map(Number) as [number, number];
  const months: string[] = [];
  for (let back = 11; back >= 0; back -= 1) {
    const index = year * 12 + (month - 1) - back;
    months.push(`${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`);
  }
  return { from: `${months[0]}-01`, today, months };
}

function backlogFigures(backlog: BacklogRow) {
  return {
    inProgress: protectCount(backlog.open),
    overdue: protectCount(backlog.overdue),
    backlogAge: {
      upTo7: protectCount(backlog.ageUpTo7),
      from8To30: protectCount(backlog.age8To30),
      from31To90: protectCount(backlog.age31To90),
      over90: protectCount(backlog.ageOver90),
    },
  };
}

async function applicationFigures(repository: TransparencyRepository, scope: Scope, window: DashboardWindow): Promise<ApplicationFigures> {
  const [months, durations, backlog] = await Promise.all([
    repository.applicationMonths(scope, window.from),
    repository.durations(scope, window.from),
    repository.backlog(scope, window.today),
  ]);
  const byMonth = new Map(months.map((m) => [m.month, m]));
  const histogram = (month?: string) =>
    durations.filter((d) => month === undefined || d.month === month).map((d) => ({ value: d.durationDays, count: d.completed }));
  const received = months.reduce((s, m) => s + m.received, 0);
  const completed = months.reduce((s, m) => s + m.completed, 0);
  const completedOnTime = months.reduce((s, m) => s + m.completedOnTime, 0);
  return {
    received: protectCount(received),
    completed: protectCount(completed),
    completedOnTime: protectCount(completedOnTime),
    onTimeShare: share(completedOnTime, completed),
    medianDays: protectDerived(percentileOf(histogram(), 0.5), completed),
    p90Days: protectDerived(percentileOf(histogram(), 0.9), completed),
    ...backlogFigures(backlog),
    months: window.months.map((month) => {
      const row = byMonth.get(month) ?? { received: 0, completed: 0, completedOnTime: 0 };
      return {
        month,
        received: protectCount(row.received),
        completed: protectCount(row.completed),
        onTimeShare: share(row.completedOnTime, row.completed),
        medianDays: protectDerived(percentileOf(histogram(month), 0.5), row.completed),
      };
    }),
  };
}

function complaintFigures(months: readonly ComplaintMonthRow[], backlog: { open: number; overdue: number }, window: DashboardWindow): ComplaintFigures {
  const sum = (key: keyof Omit<ComplaintMonthRow, 'month'>) => months.reduce((s, m) => s + m[key], 0);
  const ratings = sum('ratings');
  const byMonth = new Map(months.map((m) => [m.month, m]));
  return {
    received: protectCount(sum('received')),
    forwarded: protectCount(sum('forwarded')),
    forwardedOnTime: protectCount(sum('forwardedOnTime')),
    resolved: protectCount(sum('resolved')),
    resolvedOnTime: protectCount(sum('resolvedOnTime')),
    open: protectCount(backlog.open),
    overdue: protectCount(backlog.overdue),
    averageRating: protectDerived(ratings === 0 ? null : Math.round((sum('ratingSum') / ratings) * 100) / 100, ratings),
    ratings: protectCount(ratings),
    months: window.months.map((month) => ({
      month,
      received: protectCount(byMonth.get(month)?.received ?? 0),
      resolved: protectCount(byMonth.get(month)?.resolved ?? 0),
    })),
  };
}

const VIEW_CACHE_SIZE = 500;

export interface TransparencyServiceDeps {
  db: Database;
  now?: () => Date;
}

/** The transparency module's contract: public dashboard views, the rollup fold, and open-data statistics. */
export function createTransparencyService({ db, now = () => new Date() }: TransparencyServiceDeps) {
  const repository = createTransparencyRepository(db);

  async function base(scope: Scope): Promise<DashboardView> {
    const window = dashboardWindow(now());
    const [freshness, applications] = await Promise.all([repository.freshness(), applicationFigures(repository, scope, window)]);
    const view: DashboardView = { window, freshness: { updatedAt: freshness.foldedAt, backfilling: freshness.backfilling }, applications };
    if (scope.kind !== 'service') {
      const [months, backlog] = await Promise.all([repository.complaintMonths(scope, window.from), repository.complaintBacklog(scope, window.today)]);
      view.complaints = complaintFigures(months, backlog, window);
    }
    return view;
  }

  /**
   * Views change only when a fold catches up (once a minute at most), so each is kept until the
   * watermark moves or the day changes: a page then costs one small read of the watermark. Bounded,
   * oldest dropped first, so requests for made-up codes can only evict, never grow it.
   */
  const views = new Map<string, { foldedAt: number; today: string; view: unknown }>();
  async function cached<T>(key: readonly string[], build: () => Promise<T>): Promise<T> {
    const id = JSON.stringify(key);
    const [freshness, today] = [await repository.freshness(), dashboardWindow(now()).today];
    const foldedAt = freshness.foldedAt?.getTime();
    const hit = views.get(id);
    if (hit && foldedAt !== undefined && !freshness.backfilling && hit.foldedAt === foldedAt && hit.today === today) return hit.view as T;
    const view = await build();
    if (foldedAt !== undefined && !freshness.backfilling) {
      views.delete(id);
      views.set(id, { foldedAt, today, view });
      if (views.size > VIEW_CACHE_SIZE) views.delete(views.keys().next().value as string);
    }
    return view;
  }

  const compute = {
    /** The national view: totals, trends and the league tables of agencies and regions. */
    async national(filter: LeagueFilter): Promise<NationalView> {
      const view = await base({ kind: 'national' });
      const [league, durations, provinces] = await Promise.all([
        repository.league(view.window.from),
        repository.durationsByAgency(view.window.from),
        repository.provinces(),
      ]);
      const regionNames = await repository.regions([...new Set(league.flatMap((row) => (row.regionCode ? [row.regionCode, row.regionCode.slice(0, 2)] : [])))]);
      const inFilter = (code: string | null) =>
        filter.regency ? code === filter.regency || code?.startsWith(`${filter.regency}.`) : filter.province ? code?.startsWith(filter.province) : true;
      const agencies = league.filter((row) => (filter.province || filter.regency ? inFilter(row.regionCode) : true));
      const histogramOf = (ids: ReadonlySet<string>) =>
        durations.filter((d) => ids.has(d.agencyId)).map((d) => ({ value: d.durationDays, count: d.completed }));
      const entry = (rows: typeof league) => {
        const total = (key: 'received' | 'completed' | 'completedOnTime' | 'open' | 'complaintsReceived' | 'ratings' | 'ratingSum') =>
          rows.reduce((s, r) => s + r[key], 0);
        const ratings = total('ratings');
        return {
          received: protectCount(total('received')),
          completed: protectCount(total('completed')),
          onTimeShare: share(total('completedOnTime'), total('completed')),
          medianDays: protectDerived(percentileOf(histogramOf(new Set(rows.map((r) => r.agencyId))), 0.5), total('completed')),
          inProgress: protectCount(total('open')),
          complaints: protectCount(total('complaintsReceived')),
          averageRating: protectDerived(ratings === 0 ? null : Math.round((total('ratingSum') / ratings) * 100) / 100, ratings),
        };
      };
      const regional = agencies.filter((row) => row.regionCode !== null);
      const groupOf = (code: string) => (filter.province && !filter.regency ? code.slice(0, 5) : filter.regency ? code : code.slice(0, 2));
      const groups = new Map<string, typeof league>();
      for (const row of regional) {
        const key = groupOf(row.regionCode as string);
        groups.set(key, [...(groups.get(key) ?? []), row]);
      }
      return {
        ...view,
        agencies: agencies.map((row) => ({
          code: row.code,
          name: { id: row.nameId, en: row.nameEn },
          region: row.regionCode ? (regionNames.get(row.regionCode) ?? row.regionCode) : null,
          ...entry([row]),
        })),
        regions: [...groups.entries()]
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([code, rows]) => ({ code, name: regionNames.get(code) ?? code, region: null, ...entry(rows) })),
        provinces,
        filter,
      };
    },

    /** Undefined for an unknown agency code. */
    async agency(code: string): Promise<AgencyView | undefined> {
      const agency = await repository.agencyByCode(code);
      if (!agency) return undefined;
      const view = await base({ kind: 'agency', agencyId: agency.id });
      const [services, units] = await Promise.all([
        repository.breakdown(agency.id, 'service', view.window.from),
        repository.breakdown(agency.id, 'unit', view.window.from),
      ]);
      const entry = (row: (typeof services)[number]): BreakdownEntry => ({
        code: row.code,
        name: { id: row.nameId, en: row.nameEn },
        received: protectCount(row.received),
        completed: protectCount(row.completed),
        onTimeShare: share(row.completedOnTime, row.completed),
        inProgress: protectCount(row.open),
      });
      return {
        ...view,
        agency: { id: agency.id, code: agency.code, name: { id: agency.nameId, en: agency.nameEn }, region: agency.regionName },
        services: services.map(entry),
        units: units.map(entry),
      };
    },

    /** Undefined for an unknown agency or unit code. */
    async unit(agencyCode: string, unitCode: string): Promise<UnitView | undefined> {
      const agency = await repository.agencyByCode(agencyCode);
      const unit = agency ? await repository.unitByCode(agency.id, unitCode) : undefined;
      if (!agency || !unit) return undefined;
      const view = await base({ kind: 'unit', agencyId: agency.id, unitId: unit.id });
      return {
        ...view,
        agency: { code: agency.code, name: { id: agency.nameId, en: agency.nameEn } },
        unit: { code: unit.code, name: { id: unit.nameId, en: unit.nameEn } },
      };
    },

    /** Undefined for an unknown service code (or one never published). */
    async service(code: string): Promise<ServiceView | undefined> {
      const service = await repository.serviceByCode(code);
      if (!service) return undefined;
      const [view, agency] = await Promise.all([
        base({ kind: 'service', agencyId: service.agencyId, serviceId: service.id }),
        db.selectFrom('agency').select(['code', 'nameId', 'nameEn']).where('id', '=', service.agencyId).executeTakeFirstOrThrow(),
      ]);
      return {
        ...view,
        agency: { id: service.agencyId, code: agency.code, name: { id: agency.nameId, en: agency.nameEn } },
        service: { id: service.id, code: service.code, name: { id: service.nameId, en: service.nameEn }, timeLimitWorkingDays: service.timeLimitWorkingDays },
      };
    },
  };

  return {
    /**
     * Folds new work into the rollups (and, on the first runs, backfills everything already there).
     * Safe to call from several nodes at once; called every minute by the transparency job.
     */
    fold: (options?: { budgetMs?: number; batchSize?: number }) => foldAll(db, options),

    /** Re-reads every application and complaint into the rollups over the next runs (after bulk loads that wrote no events). */
    rebuild: () => restartBackfill(db),

    /** The national view: totals, trends and the league tables of agencies and regions. */
    national: (filter: LeagueFilter): Promise<NationalView> =>
      cached(['national', filter.province ?? '', filter.regency ?? ''], () => compute.national(filter)),

    /** Undefined for an unknown agency code. */
    agency: (code: string): Promise<AgencyView | undefined> => cached(['agency', code], () => compute.agency(code)),

    /** Undefined for an unknown agency or unit code. */
    unit: (agencyCode: string, unitCode: string): Promise<UnitView | undefined> =>
      cached(['unit', agencyCode, unitCode], () => compute.unit(agencyCode, unitCode)),

    /** Undefined for an unknown service code (or one never published). */
    service: (code: string): Promise<ServiceView | undefined> => cached(['service', code], () => compute.service(code)),

    freshness: async (): Promise<Freshness> => {
      const f = await repository.freshness();
      return { updatedAt: f.foldedAt, backfilling: f.backfilling };
    },

    /**
     * Open data: daily aggregate statistics per day, agency, unit and service over [from, to] (yyyy-mm-dd,
     * WIB days), already small-count protected (a withheld cell is `{ suppressed: true }`; publishedOrNull
     * turns it into null for CSV/JSON). Received counts on the filing day, completed and completedOnTime on
     * the completion day; medianDays/p90Days are completion times in calendar days rounded up, of that
     * day's completions; backlog is how many applications filed that day are still open now.
     */
    async dailyStatistics(from: string, to: string): Promise<DailyStatistics[]> {
      const [rows, durations] = await Promise.all([repository.dailyStatistics(from, to), repository.dailyDurations(from, to)]);
      const histograms = new Map<string, { value: number; count: number }[]>();
      for (const d of durations) histograms.set(d.key, [...(histograms.get(d.key) ?? []), { value: d.durationDays, count: d.completed }]);
      return rows.map((row: DailyStatisticsRow) => {
        const histogram = histograms.get([row.day, row.agencyCode, row.unitCode ?? '', row.serviceCode].join('|')) ?? [];
        return {
          day: row.day,
          agencyCode: row.agencyCode,
          unitCode: row.unitCode,
          serviceCode: row.serviceCode,
          received: protectCount(row.received),
          completed: protectCount(row.completed),
          completedOnTime: protectCount(row.completedOnTime),
          medianDays: protectDerived(percentileOf(histogram, 0.5), row.completed),
          p90Days: protectDerived(percentileOf(histogram, 0.9), row.completed),
          backlog: protectCount(row.backlog),
        };
      });
    },
  };
}

export type TransparencyService = ReturnType<typeof createTransparencyService>;
