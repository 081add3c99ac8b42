import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { pageContext } from '../../platform/http/request-context.ts';
import { formText } from '../../platform/http/request-input.ts';
import { CSS_HREF } from '../../platform/ui/assets.ts';
import type { BudgetService } from './budget.service.ts';
import type { LeagueFilter, TransparencyService } from './transparency.service.ts';
import type { SkmLookup } from './transparency.skm.ts';
import { AgencyPage, DashboardNotFoundPage, NationalPage, ServicePage, UnitPage } from './views/dashboard-pages.tsx';

export interface TransparencyRoutesOptions {
  transparency: TransparencyService;
  /** The SKM index (transparency.skm.ts); without it the views keep the place where it will appear. */
  skm?: SkmLookup | undefined;
  /** The agency's budget and realization, shown on its page beside the services they pay for. */
  budget?: Pick<BudgetService, 'latest'> | undefined;
  now?: () => Date;
}

// Public, no sign-in: the dashboard is for everyone. Short public caching would be safe (no personal
// data, figures change once a minute) but pages carry the language switch and session header, so
// they are left to the platform's defaults.
const PUBLIC = { config: { access: 'public' as const }, schema: { hide: true } };
const CODE = /^[a-z0-9][a-z0-9-]{1,62}$/;

const page = (request: FastifyRequest, reply: FastifyReply) => pageContext(request, reply, CSS_HREF);

/** Only well-formed Kemendagri codes filter; anything else is ignored rather than refused, so a mistyped link still shows the page. */
function leagueFilter(query: unknown): LeagueFilter {
  const province = formText(query, 'province', 2);
  const regency = formText(query, 'regency', 5).trim();
  const filter: LeagueFilter = {};
  if (/^\d{2}$/.test(province)) filter.province = province;
  if (/^\d{2}\.\d{2}$/.test(regency)) {
    filter.regency = regency;
    filter.province = regency.slice(0, 2);
  }
  return filter;
}

export function transparencyRoutes({ transparency, skm, budget, now = () => new Date() }: TransparencyRoutesOptions) {
  const notFound = (request: FastifyRequest, reply: FastifyReply) => reply.code(404).html(<DashboardNotFoundPage ctx={page(request, reply)} />);

  return async (app: FastifyInstance) => {
    app.get('/transparency', PUBLIC, async (request, reply) => {
      const view = await transparency.national(leagueFilter(request.query));
      return reply.html(<NationalPage ctx={page(request, reply)} view={view} now={now()} />);
    });

    app.get<{ Params: { agencyCode: string } }>('/transparency/agencies/:agencyCode', PUBLIC, async (request, reply) => {
      const { agencyCode } = request.params;
      const view = CODE.test(agencyCode) ? await transparency.agency(agencyCode) : undefined;
      if (!view) return notFound(request, reply);
      const [skmFigure, budgetFigures] = await Promise.all([
        skm?.({ agencyId: view.agency.id, from: view.window.from, to: view.window.today }),
        budget?.latest(view.agency.id),
      ]);
      return reply.html(<AgencyPage ctx={page(request, reply)} view={view} now={now()} skm={skmFigure} budget={budgetFigures} />);
    });

    app.get<{ Params: { agencyCode: string; unitCode: string } }>('/transparency/agencies/:agencyCode/units/:unitCode', PUBLIC, async (request, reply) => {
      const { agencyCode, unitCode } = request.params;
      const view = CODE.test(agencyCode) && CODE.test(unitCode) ? await transparency.unit(agencyCode, unitCode) : undefined;
      if (!view) return notFound(request, reply);
      return reply.html(<UnitPage ctx={page(request, reply)} view={view} now={now()} />);
    });

    app.get<{ Params: { serviceCode: string } }>('/transparency/services/:serviceCode', PUBLIC, async (request, reply) => {
      const { serviceCode } = request.params;
      const view = CODE.test(serviceCode) ? await transparency.service(serviceCode) : undefined;
      if (!view) return notFound(request, reply);
      const skmFigure = await skm?.({ agencyId: view.agency.id, serviceId: view.service.id, from: view.window.from, to: view.window.today });
      return reply.html(<ServicePage ctx={page(request, reply)} view={view} now={now()} skm={skmFigure} />);
    });
  };
}
