import type { FormSchema } from '../../platform/forms/form-schema.ts';
import { isUuid } from '../../platform/http/uuid.ts';
import type { AgencySummary, CatalogueRepository, UnitRecord } from './catalogue.repository.ts';
import { parseQuery } from './catalogue.search.ts';
import type { ServiceStandard } from './catalogue.standard.ts';
import type { ApplicantType } from './catalogue.tables.ts';
import { isApplicantType, isLifeEvent, type LifeEvent } from './catalogue.vocabulary.ts';
import type { ServiceHit, VersionRow } from './service.repository.ts';

/**
 * One version of a service with its standard and form, and the codes and names of its service and
 * agency. Published and retired versions are complete and never change; a draft may be incomplete
 * (a new service starts with empty texts and no form pages).
 */
export interface ServiceVersion extends Omit<VersionRow, 'serviceCode' | 'lifeEvents' | 'standard' | 'form' | 'outputTemplate' | 'workflow'> {
  /** The service's code, as in /services/:code. */
  code: string;
  lifeEvents: LifeEvent[];
  standard: ServiceStandard;
  form: FormSchema;
  outputTemplate: unknown | null;
  /**
   * The version's workflow definition as stored (jsonb), null when it has none: read it with
   * workflowOf (workflow.defaults.ts), which falls back to the standard workflow.
   */
  workflow: unknown | null;
}

export interface CatalogueSearch {
  /** What the person typed; cut to MAX_QUERY_LENGTH characters. */
  q: string;
  agency?: string | undefined;
  lifeEvents?: readonly string[] | undefined;
  applicantType?: string | undefined;
  /** 1-based. */
  page?: number | undefined;
  locale: 'id' | 'en';
}

export interface CatalogueResults {
  /** The query as searched (cut, cleaned): show it back in the search box. */
  q: string;
  items: ServiceHit[];
  total: number;
  page: number;
  pageCount: number;
  pageSize: number;
  /** The filters as applied: unknown values are dropped. */
  filters: { agency: string | undefined; lifeEvents: LifeEvent[]; applicantType: ApplicantType | undefined };
}

export const PAGE_SIZE = 20;
/** Deep pages are never wanted and make OFFSET scan far. */
const MAX_PAGE = 500;
const CODE = /^[a-z0-9][a-z0-9-]{1,62}$/;

export function toServiceVersion({ serviceCode, lifeEvents, standard, form, outputTemplate, workflow, ...row }: VersionRow): ServiceVersion {
  return {
    ...row,
    code: serviceCode,
    lifeEvents: lifeEvents.filter(isLifeEvent),
    standard: standard as ServiceStandard,
    form: form as FormSchema,
    outputTemplate: outputTemplate ?? null,
    workflow: workflow ?? null,
  };
}

export { isUuid };

export function isServiceCode(value: string): boolean {
  return CODE.test(value);
}

/** How many distinct searches (query, filters, page) are kept; the least recently used go first. */
export const SEARCH_CACHE_LIMIT = 2_000;

/**
 * Runs `read` at most once at a time. A caller that arrives while a read is in flight waits for the
 * next one, which starts when that one ends: every caller gets a result read after it arrived (so a
 * change committed before its request is seen), while a burst of callers shares one read.
 */
export function coalescedReader<T>(read: () => Promise<T>): () => Promise<T> {
  let inFlight: Promise<T> | undefined;
  let queued: Promise<T> | undefined;
  const start = (): Promise<T> => {
    const current = read();
    inFlight = current;
    const clear = () => {
      if (inFlight === current) inFlight = undefined;
    };
    current.then(clear, clear);
    return current;
  };
  return () => {
    if (!inFlight) return start();
    if (!queued) {
      queued = inFlight
        .then(
          () => undefined,
          () => undefined,
        )
        .then(() => {
          queued = undefined;
          return start();
        });
    }
    return queued;
  };
}

/**
 * Search results served from memory (issue 6: the catalogue is small and read-mostly). Each search
 * first reads the catalogue's fingerprint (one cheap query, shared by concurrent searches: see
 * coalescedReader); when it differs from the one the results were computed under, every cached
 * result is dropped. So a change made anywhere (the admin pages, another node, plain SQL) is seen by
 * the next search, and the results are exactly what the database search answers.
 */
function searchCache(fingerprint: () => Promise<string>) {
  const entries = new Map<string, unknown>();
  let version: string | undefined;
  const current = coalescedReader(fingerprint);
  return async function cached<T>(key: string, compute: () => Promise<T>): Promise<T> {
    const seen = await current();
    if (seen !== version) {
      entries.clear();
      version = seen;
    }
    if (entries.has(key)) {
      const hit = entries.get(key) as T;
      // Most recently used last: Map keeps insertion order.
      entries.delete(key);
      entries.set(key, hit);
      return hit;
    }
    const value = await compute();
    // A change may have landed while computing: keep the result only under the version it was read in.
    if (version === seen) {
      if (entries.size >= SEARCH_CACHE_LIMIT) entries.delete(entries.keys().next().value as string);
      entries.set(key, value);
    }
    return value;
  };
}

/** The public side of the catalogue: agencies and their offices, and published services. */
export function createCatalogueService(repository: CatalogueRepository) {
  const { services } = repository;
  const cached = searchCache(() => repository.fingerprint());
  return {
    /** Every agency with its number of service offices: national first, then provinces, then regencies and cities. */
    listAgencies(): Promise<AgencySummary[]> {
      return repository.listAgencies();
    },

    listUnits(agencyId: string): Promise<UnitRecord[]> {
      return repository.listUnits(agencyId);
    },

    /** Agencies with at least one published service: the choices of the catalogue's agency filter. */
    agenciesWithServices(): Promise<{ code: string; nameId: string; nameEn: string }[]> {
      return cached('agencies', () => services.agenciesWithPublishedServices());
    },

    /**
     * Published services matching the query (full text and misspellings) and the filters, best match
     * first; without a query, every published service by name. Any text is a safe query.
     */
    async search(params: CatalogueSearch): Promise<CatalogueResults> {
      const query = parseQuery(params.q);
      const page = Math.min(Math.max(Math.trunc(params.page ?? 1) || 1, 1), MAX_PAGE);
      const agency = params.agency !== undefined && isServiceCode(params.agency) ? params.agency : undefined;
      const lifeEvents = [...new Set(params.lifeEvents ?? [])].filter(isLifeEvent);
      const applicantType = params.applicantType !== undefined && isApplicantType(params.applicantType) ? params.applicantType : undefined;
      const filters = { query, agencyCode: agency, lifeEvents, applicantType, locale: params.locale, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE };
      const { hits, total } = await cached(`search:${JSON.stringify(filters)}`, () => services.search(filters));
      return {
        q: query.text,
        items: hits,
        total,
        page,
        pageCount: Math.ceil(total / PAGE_SIZE),
        pageSize: PAGE_SIZE,
        filters: { agency, lifeEvents, applicantType },
      };
    },

    /** The published version of a service, or undefined (unknown code, or nothing published yet). */
    async publishedVersionByCode(code: string): Promise<ServiceVersion | undefined> {
      if (!isServiceCode(code)) return undefined;
      const row = await services.findPublishedByCode(code);
      return row ? toServiceVersion(row) : undefined;
    },

    /**
     * Any version by id, whatever its status: an application is shown with the version it was filed
     * under, even after a newer one is published. Drafts are returned too: do not show one publicly.
     */
    async getVersion(id: string): Promise<ServiceVersion | undefined> {
      if (!isUuid(id)) return undefined;
      const row = await services.findVersion(id);
      return row ? toServiceVersion(row) : undefined;
    },
  };
}

export type CatalogueService = ReturnType<typeof createCatalogueService>;
