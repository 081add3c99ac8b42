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

/** The public side of the catalogue: agencies and their offices, and published services. */
export function createCatalogueService(repository: CatalogueRepository) {
  const { services } = repository;
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
      return services.agenciesWithPublishedServices();
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
      const { hits, total } = await services.search({
        query,
        agencyCode: agency,
        lifeEvents,
        applicantType,
        locale: params.locale,
        limit: PAGE_SIZE,
        offset: (page - 1) * PAGE_SIZE,
      });
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
