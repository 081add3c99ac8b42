import type { FastifyInstance } from 'fastify';
import { agenciesFor } from '../../platform/auth/actor.ts';
import type { Database } from '../../platform/db/database.ts';
import { pageContext } from '../../platform/http/request-context.ts';
import { signedInActor } from '../../platform/http/request-input.ts';
import { isUuid } from '../../platform/http/uuid.ts';
import { CSS_HREF } from '../../platform/ui/assets.ts';
import type { Exchange } from './exchange.module.ts';
import { ExchangeAdminPage } from './views/exchange-admin.tsx';

const MANAGE = { config: { access: { permission: 'exchange.manage' as const } }, schema: { hide: true } };

/** Agency admins see their agency's data products and API clients and revoke clients; platform admins see all. */
export function exchangeAdminRoutes({ exchange, db }: { exchange: Exchange; db: Database }) {
  return async (app: FastifyInstance) => {
    app.get('/admin/exchange', MANAGE, async (request, reply) => {
      const agencies = agenciesFor(signedInActor(request), 'exchange.manage');
      const mine = (id: string) => agencies === 'all' || agencies.includes(id);
      const [products, clients, names] = await Promise.all([
        exchange.listProducts(),
        exchange.clients.listWithin(agencies),
        db.selectFrom('agency').select(['id', 'nameId', 'nameEn']).execute(),
      ]);
      const nameOf = new Map(names.map((agency) => [agency.id, { id: agency.nameId, en: agency.nameEn }]));
      const shown = products
        .filter((product) => mine(product.provider.agencyId) || product.consumerAgencyIds.some(mine))
        .map((product) => ({ product, consumers: product.consumerAgencyIds.flatMap((id) => nameOf.get(id) ?? []) }));
      return reply
        .header('cache-control', 'no-store')
        .html(<ExchangeAdminPage ctx={pageContext(request, reply, CSS_HREF)} products={shown} clients={clients} />);
    });

    app.post<{ Params: { id: string } }>('/admin/exchange/clients/:id/revoke', MANAGE, async (request, reply) => {
      const actor = signedInActor(request);
      const agencies = agenciesFor(actor, 'exchange.manage');
      if (isUuid(request.params.id)) {
        const role = agencies === 'all' ? 'platform_admin' : 'agency_admin';
        await exchange.clients.revoke(
          request.params.id,
          { accountId: actor.accountId, role, agencyId: agencies === 'all' ? null : (agencies[0] ?? null) },
          agencies,
        );
      }
      return reply.redirect('/admin/exchange', 303);
    });
  };
}
