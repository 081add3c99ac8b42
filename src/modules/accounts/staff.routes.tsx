import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { authErrors } from '../../platform/auth/errors.ts';
import { pageContext } from '../../platform/http/request-context.ts';
import { formText, requestOrigin, signedInActor } from '../../platform/http/request-input.ts';
import { CSS_HREF } from '../../platform/ui/assets.ts';
import type { CatalogueService } from '../catalogue/catalogue.service.ts';
import type { FieldProblem } from './accounts.service.ts';
import type { StaffAdminService } from './staff-admin.service.ts';
import { fieldErrors } from './views/form-state.ts';
import { StaffCreatedPage, StaffPage } from './views/staff-page.tsx';

const MANAGE = { config: { access: { permission: 'staff.manage' as const } }, schema: { hide: true } };

/** Agency admins manage their agency's staff; platform admins any agency's. */
export function staffRoutes({ staffAdmin, catalogue }: { staffAdmin: StaffAdminService; catalogue: CatalogueService }) {
  return async (app: FastifyInstance) => {
    async function manageable(request: FastifyRequest) {
      const actor = signedInActor(request);
      const scope = staffAdmin.manageableAgencyIds(actor);
      const all = await catalogue.listAgencies();
      return all
        .filter((agency) => scope === 'all' || scope.includes(agency.id))
        .map((agency) => ({ id: agency.id, name: request.locale === 'id' ? agency.nameId : agency.nameEn }));
    }

    async function show(
      request: FastifyRequest,
      reply: FastifyReply,
      agencyId: string,
      status = 200,
      values = { email: '', fullName: '', role: '' },
      problems: FieldProblem[] = [],
    ) {
      const actor = signedInActor(request);
      const agencies = await manageable(request);
      if (!agencies.some((agency) => agency.id === agencyId)) throw authErrors.notFound();
      const staff = await staffAdmin.list(actor, agencyId, requestOrigin(request));
      const ctx = pageContext(request, reply, CSS_HREF);
      return reply
        .code(status)
        .header('cache-control', 'no-store')
        .html(
          <StaffPage
            ctx={ctx}
            agencies={agencies}
            agencyId={agencyId}
            staff={staff}
            roles={staffAdmin.grantableRoles(actor)}
            values={values}
            errors={fieldErrors(ctx, problems)}
          />,
        );
    }

    app.get('/staff', MANAGE, async (request, reply) => {
      const agencies = await manageable(request);
      const chosen = formText(request.query, 'agency', 40) || agencies[0]?.id;
      if (!chosen) throw authErrors.notFound();
      return show(request, reply, chosen);
    });

    app.post('/staff', MANAGE, async (request, reply) => {
      const agencyId = formText(request.body, 'agency', 40);
      const values = {
        email: formText(request.body, 'email', 300),
        fullName: formText(request.body, 'fullName', 300),
        role: formText(request.body, 'role', 40),
      };
      const agencies = await manageable(request);
      if (!agencies.some((agency) => agency.id === agencyId)) throw authErrors.notFound();
      const result = await staffAdmin.create(signedInActor(request), { ...values, agencyId });
      if (!result.ok) return show(request, reply, agencyId, 400, values, result.problems);
      return reply
        .header('cache-control', 'no-store')
        .html(<StaffCreatedPage ctx={pageContext(request, reply, CSS_HREF)} agencyId={agencyId} password={result.value.password} />);
    });
  };
}
