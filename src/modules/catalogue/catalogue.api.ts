import type { FastifyInstance } from 'fastify';
import { AgencyListSchema } from './catalogue.schemas.ts';
import type { CatalogueService } from './catalogue.service.ts';

export function catalogueApi({ catalogue }: { catalogue: CatalogueService }) {
  return async (app: FastifyInstance) => {
    app.get(
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
  };
}
