import type { FastifyInstance } from 'fastify';
import { pageContext } from '../../platform/http/request-context.ts';
import { formText } from '../../platform/http/request-input.ts';
import { CSS_HREF } from '../../platform/ui/assets.ts';
import { catalogueErrors } from './catalogue.errors.ts';
import { MAX_QUERY_LENGTH } from './catalogue.search.ts';
import type { CatalogueService } from './catalogue.service.ts';
import { CataloguePage } from './views/catalogue-page.tsx';
import { ServicePage } from './views/service-page.tsx';

const PUBLIC = { config: { access: 'public' as const }, schema: { hide: true } };

/** A repeated query parameter as a list of texts (one value arrives as a string, several as an array). */
export function formList(source: unknown, name: string, max = 20): string[] {
  const value = (source as Record<string, unknown> | undefined)?.[name];
  const list = Array.isArray(value) ? value : [value];
  return list.filter((item): item is string => typeof item === 'string' && item.length <= 100).slice(0, max);
}

/** The public catalogue pages: search with filters, and each service's standard. */
export function catalogueRoutes({ catalogue }: { catalogue: CatalogueService }) {
  return async (app: FastifyInstance) => {
    app.get('/services', PUBLIC, async (request, reply) => {
      const query = request.query;
      const [results, agencies] = await Promise.all([
        catalogue.search({
          q: formText(query, 'q', MAX_QUERY_LENGTH),
          agency: formText(query, 'agency', 100) || undefined,
          lifeEvents: formList(query, 'lifeEvent'),
          applicantType: formText(query, 'applicantType', 40) || undefined,
          page: Number(formText(query, 'page', 6)) || 1,
          locale: request.locale,
        }),
        catalogue.agenciesWithServices(),
      ]);
      return reply.html(<CataloguePage ctx={pageContext(request, reply, CSS_HREF)} results={results} agencies={agencies} />);
    });

    app.get<{ Params: { code: string } }>('/services/:code', PUBLIC, async (request, reply) => {
      const version = await catalogue.publishedVersionByCode(request.params.code);
      if (!version) throw catalogueErrors.serviceNotFound();
      const units = version.channels.includes('counter') ? await catalogue.listUnits(version.agencyId) : [];
      return reply.html(<ServicePage ctx={pageContext(request, reply, CSS_HREF)} version={version} units={units} />);
    });
  };
}
