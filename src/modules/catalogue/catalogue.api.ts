import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { catalogueErrors } from './catalogue.errors.ts';
import { AgencyListSchema, getServiceRouteSchema, listServicesRouteSchema, type ServiceDetail } from './catalogue.schemas.ts';
import type { CatalogueService, ServiceVersion } from './catalogue.service.ts';
import type { ServiceHit } from './service.repository.ts';

type Locale = 'id' | 'en';

function summaryOf(item: ServiceHit | ServiceVersion, locale: Locale) {
  const id = locale === 'id';
  return {
    code: item.code,
    name: id ? item.nameId : item.nameEn,
    summary: id ? item.summaryId : item.summaryEn,
    agency: { code: item.agencyCode, name: id ? item.agencyNameId : item.agencyNameEn },
    lifeEvents: item.lifeEvents,
    applicantTypes: item.applicantTypes,
    channels: item.channels,
    timeLimitWorkingDays: item.timeLimitWorkingDays,
    costKind: 'costKind' in item ? item.costKind : item.standard.cost.kind,
    costAmount: item.costAmount,
  };
}

function detailOf(version: ServiceVersion, locale: Locale): ServiceDetail {
  return {
    ...summaryOf(version, locale),
    versionId: version.id,
    version: version.version,
    publishedAt: (version.publishedAt ?? version.createdAt).toISOString(),
    priorityGroups: version.priorityGroups,
    standard: version.standard,
    form: version.form,
  } as ServiceDetail;
}

export function catalogueApi({ catalogue }: { catalogue: CatalogueService }) {
  return async (app: FastifyInstance) => {
    const api = app.withTypeProvider<TypeBoxTypeProvider>();

    api.get(
      '/api/v1/agencies',
      {
        config: { access: 'public' },
        schema: {
          tags: ['catalogue'],
          summary: 'List agencies',
          description: 'Every agency on Loket with its number of service offices.',
          response: { 200: AgencyListSchema },
        },
      },
      async (request) => {
        const agencies = await catalogue.listAgencies();
        return {
          items: agencies.map(({ nameId, nameEn, ...agency }) => ({ ...agency, name: request.locale === 'id' ? nameId : nameEn })),
        };
      },
    );

    api.get('/api/v1/services', { config: { access: 'public' }, schema: listServicesRouteSchema }, async (request) => {
      const { q, agency, lifeEvent, applicantType, page } = request.query;
      const results = await catalogue.search({ q: q ?? '', agency, lifeEvents: lifeEvent, applicantType, page, locale: request.locale });
      return {
        q: results.q,
        total: results.total,
        page: results.page,
        pageCount: results.pageCount,
        pageSize: results.pageSize,
        items: results.items.map((item) => summaryOf(item, request.locale)),
      };
    });

    api.get('/api/v1/services/:code', { config: { access: 'public' }, schema: getServiceRouteSchema }, async (request) => {
      const version = await catalogue.publishedVersionByCode(request.params.code);
      if (!version) throw catalogueErrors.serviceNotFound();
      return detailOf(version, request.locale);
    });
  };
}
