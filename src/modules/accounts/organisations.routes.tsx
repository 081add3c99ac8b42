import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { pageContext } from '../../platform/http/request-context.ts';
import { formText, signedInActor } from '../../platform/http/request-input.ts';
import { CSS_HREF } from '../../platform/ui/assets.ts';
import type { FieldProblem } from './accounts.service.ts';
import type { OrganisationsService } from './organisations.service.ts';
import { fieldErrors } from './views/form-state.ts';
import { OrganisationsPage } from './views/organisations-page.tsx';

const SELF = { config: { access: { permission: 'account.self' as const } }, schema: { hide: true } };

/** A citizen's businesses (organisations by NIB) and registering a new one. */
export function organisationRoutes({ organisations }: { organisations: OrganisationsService }) {
  return async (app: FastifyInstance) => {
    const show = async (
      request: FastifyRequest,
      reply: FastifyReply,
      status: number,
      values: { nib: string; name: string },
      problems: FieldProblem[],
      member?: { organisationId: string; problems: FieldProblem[] },
    ) => {
      const ctx = pageContext(request, reply, CSS_HREF);
      const list = await organisations.listFor(signedInActor(request));
      const done = (request.query as { done?: unknown }).done;
      const notice = done === 'registered' ? 'organisation.register.done' : done === 'memberAdded' ? 'organisation.member.added' : undefined;
      const memberErrors = member ? { organisationId: member.organisationId, errors: fieldErrors(ctx, member.problems) } : undefined;
      // The summary links each member problem to the NIK field of that organisation's form.
      const summary = [
        ...fieldErrors(ctx, problems),
        ...(memberErrors?.errors.map((e) => ({ ...e, field: `member-nik-${memberErrors.organisationId}` })) ?? []),
      ];
      return reply
        .code(status)
        .html(<OrganisationsPage ctx={ctx} organisations={list} values={values} errors={summary} notice={notice} memberErrors={memberErrors} />);
    };

    app.get('/account/organisations', SELF, async (request, reply) => show(request, reply, 200, { nib: '', name: '' }, []));

    app.post('/account/organisations', SELF, async (request, reply) => {
      const values = { nib: formText(request.body, 'nib', 40), name: formText(request.body, 'name', 300) };
      const result = await organisations.register(signedInActor(request), values, {
        ip: request.ip,
        requestId: request.id,
        userAgent: request.headers['user-agent'],
      });
      if (!result.ok) return show(request, reply, 400, values, result.problems);
      return reply.redirect('/account/organisations?done=registered', 303);
    });

    app.post<{ Params: { id: string } }>(
      '/account/organisations/:id/members',
      { ...SELF, schema: { hide: true, params: { type: 'object', properties: { id: { type: 'string', format: 'uuid' } }, required: ['id'] } } },
      async (request, reply) => {
        const organisationId = request.params.id;
        const result = await organisations.addMember(
          signedInActor(request),
          organisationId,
          { nik: formText(request.body, 'nik', 40), role: formText(request.body, 'role', 10) },
          {
            ip: request.ip,
            requestId: request.id,
            userAgent: request.headers['user-agent'],
          },
        );
        if (!result.ok) return show(request, reply, 400, { nib: '', name: '' }, [], { organisationId, problems: result.problems });
        return reply.redirect('/account/organisations?done=memberAdded', 303);
      },
    );
  };
}
