import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { pageContext } from '../../platform/http/request-context.ts';
import { formText, requestOrigin, signedInActor } from '../../platform/http/request-input.ts';
import { isUuid } from '../../platform/http/uuid.ts';
import { CSS_HREF } from '../../platform/ui/assets.ts';
import type { Services } from '../../services.ts';
import { Open311KeysPage } from './views/open311-keys.tsx';

const KEYS = { config: { access: { permission: 'open311.keys' as const } }, schema: { hide: true } };

/** Platform admins issue and revoke the API keys of Open311 partner apps. */
export function open311KeysRoutes(services: Pick<Services, 'open311Keys'>) {
  return async (app: FastifyInstance) => {
    async function show(request: FastifyRequest, reply: FastifyReply, status: number, extra: { error?: string; created?: string } = {}) {
      const keys = await services.open311Keys.list();
      return reply
        .code(status)
        .header('cache-control', 'no-store')
        .html(<Open311KeysPage ctx={pageContext(request, reply, CSS_HREF)} keys={keys} {...extra} />);
    }
    const by = (request: FastifyRequest) => {
      const actor = signedInActor(request);
      return { actor: { accountId: actor.accountId, role: 'platform_admin', agencyId: null }, origin: requestOrigin(request) };
    };

    app.get('/admin/open311-keys', KEYS, (request, reply) => show(request, reply, 200));

    app.post('/admin/open311-keys', KEYS, async (request, reply) => {
      const created = await services.open311Keys.create({ name: formText(request.body, 'name', 200) }, by(request));
      if (!created.ok) return show(request, reply, 400, { error: request.t('open311.keys.nameRequired') });
      return show(request, reply, 200, { created: created.key });
    });

    app.post<{ Params: { id: string } }>('/admin/open311-keys/:id/revoke', KEYS, async (request, reply) => {
      if (isUuid(request.params.id)) await services.open311Keys.revoke(request.params.id, by(request));
      return reply.redirect('/admin/open311-keys', 303);
    });
  };
}
