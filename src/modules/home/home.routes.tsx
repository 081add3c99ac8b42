import type { FastifyInstance } from 'fastify';
import { pageContext } from '../../platform/http/request-context.ts';
import { CSS_HREF } from '../../platform/ui/assets.ts';
import type { CatalogueService } from '../catalogue/catalogue.service.ts';
import { HomePage } from './views/home-page.tsx';

export function homeRoutes({ catalogue }: { catalogue: CatalogueService }) {
  return async (app: FastifyInstance) => {
    app.get('/', { config: { access: 'public' }, schema: { hide: true } }, async (request, reply) => {
      const agencies = await catalogue.listAgencies();
      return reply.html(<HomePage ctx={pageContext(request, reply, CSS_HREF)} agencies={agencies} />);
    });
  };
}
