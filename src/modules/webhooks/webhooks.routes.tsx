import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { platformErrors } from '../../platform/http/errors.ts';
import { pageContext } from '../../platform/http/request-context.ts';
import { formText, requestOrigin, signedInActor } from '../../platform/http/request-input.ts';
import { CSS_HREF } from '../../platform/ui/assets.ts';
import type { FieldError } from '../../platform/ui/components/error-summary.tsx';
import type { Services } from '../../services.ts';
import { type AgencyOption, type SubscriptionForm, WebhookDetailPage, WebhooksPage } from './views/webhooks-pages.tsx';

const MANAGE = { config: { access: { permission: 'webhook.manage' as const } }, schema: { hide: true } };

/** The checked boxes of a field: one value, several, or none; anything else counts as none. */
function formValues(body: unknown, name: string): string[] {
  const value = (body as Record<string, unknown> | undefined)?.[name];
  const values = Array.isArray(value) ? value : [value];
  return values.filter((one): one is string => typeof one === 'string' && one.length <= 100).slice(0, 20);
}

/** Agency admins manage their agency's webhook subscriptions: list, create (secret shown once), disable, delivery log, redelivery. */
export function webhooksRoutes(services: Pick<Services, 'webhooks' | 'catalogue'>) {
  const { webhooks, catalogue } = services;
  return async (app: FastifyInstance) => {
    async function agencyOptions(request: FastifyRequest): Promise<AgencyOption[]> {
      const own = new Set(webhooks.agenciesOf(request.actor));
      const locale = request.locale;
      return (await catalogue.listAgencies())
        .filter((agency) => own.has(agency.id))
        .map((agency) => ({ id: agency.id, name: locale === 'en' ? agency.nameEn : agency.nameId }));
    }

    async function showList(
      request: FastifyRequest,
      reply: FastifyReply,
      status: number,
      extra: { form?: SubscriptionForm; errors?: FieldError[]; created?: { id: string; secret: string } } = {},
    ) {
      const [subscriptions, agencies] = await Promise.all([webhooks.list(request.actor), agencyOptions(request)]);
      return reply
        .code(status)
        .header('cache-control', 'no-store')
        .html(<WebhooksPage ctx={pageContext(request, reply, CSS_HREF)} subscriptions={subscriptions} agencies={agencies} {...extra} />);
    }

    const by = (request: FastifyRequest) => ({ actor: signedInActor(request), origin: requestOrigin(request) });

    app.get('/admin/webhooks', MANAGE, (request, reply) => showList(request, reply, 200));

    app.post('/admin/webhooks', MANAGE, async (request, reply) => {
      const form: SubscriptionForm = {
        agencyId: formText(request.body, 'agencyId', 100),
        targetUrl: formText(request.body, 'targetUrl', 2100),
        description: formText(request.body, 'description', 300),
        eventTypes: formValues(request.body, 'eventTypes'),
      };
      const created = await webhooks.create(form, by(request));
      if (!created.ok) {
        const errors = created.problems.map((problem) => ({
          field: problem.field,
          message: request.t(problem.field === 'targetUrl' ? `webhooks.error.${problem.problem}` : `webhooks.error.${problem.field}`),
        }));
        return showList(request, reply, 400, { form, errors });
      }
      // Rendered, not redirected: the secret must reach the admin once and never sit in a URL or a log.
      return showList(request, reply, 200, { created: { id: created.id, secret: created.secret } });
    });

    app.get<{ Params: { id: string }; Querystring: { notice?: string } }>('/admin/webhooks/:id', MANAGE, async (request, reply) => {
      const actor = request.actor;
      const subscription = await webhooks.get(actor, request.params.id);
      const log = subscription ? await webhooks.deliveryLog(actor, subscription.id) : undefined;
      if (!subscription || !log) throw platformErrors.notFound();
      const agencyName = (await agencyOptions(request)).find((agency) => agency.id === subscription.agencyId)?.name ?? subscription.agencyId;
      const notice = formText(request.query, 'notice', 30);
      return reply
        .header('cache-control', 'no-store')
        .html(
          <WebhookDetailPage
            ctx={pageContext(request, reply, CSS_HREF)}
            subscription={subscription}
            agencyName={agencyName}
            log={log}
            notice={notice === 'redelivered' || notice === 'not_redelivered' ? notice : undefined}
          />,
        );
    });

    for (const [path, enabled] of [
      ['disable', false],
      ['enable', true],
    ] as const) {
      app.post<{ Params: { id: string } }>(`/admin/webhooks/:id/${path}`, MANAGE, async (request, reply) => {
        const subscription = await webhooks.get(request.actor, request.params.id);
        if (!subscription) throw platformErrors.notFound();
        await webhooks.setEnabled(subscription.id, enabled, by(request));
        return reply.redirect(`/admin/webhooks/${subscription.id}`, 303);
      });
    }

    app.post<{ Params: { id: string; messageId: string } }>('/admin/webhooks/:id/messages/:messageId/redeliver', MANAGE, async (request, reply) => {
      const subscription = await webhooks.get(request.actor, request.params.id);
      if (!subscription) throw platformErrors.notFound();
      const done = await webhooks.redeliver(request.params.messageId, by(request), subscription.id);
      return reply.redirect(`/admin/webhooks/${subscription.id}?notice=${done ? 'redelivered' : 'not_redelivered'}`, 303);
    });
  };
}
