import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { agenciesFor } from '../../platform/auth/actor.ts';
import { localDate } from '../../platform/calendar/working-days.ts';
import { pageContext } from '../../platform/http/request-context.ts';
import { formText, requestOrigin, signedInActor } from '../../platform/http/request-input.ts';
import { isUuid } from '../../platform/http/uuid.ts';
import { receiveTextFile } from '../../platform/storage/storage.uploads.ts';
import { CSS_HREF } from '../../platform/ui/assets.ts';
import type { FieldError } from '../../platform/ui/components/error-summary.tsx';
import type { CatalogueService } from '../catalogue/catalogue.service.ts';
import { MAX_BUDGET_FILE_BYTES } from './budget.csv.ts';
import type { BudgetService } from './budget.service.ts';
import { BudgetAdminPage } from './views/budget-pages.tsx';

const MANAGE = { config: { access: { permission: 'budget.manage' as const } }, schema: { hide: true } };
const UPLOAD = { config: { access: { permission: 'budget.manage' as const }, uploads: true }, schema: { hide: true } };
/** Errors listed on the page; a file with more is mostly wrong in one way, and the first ones show how. */
const ERRORS_SHOWN = 50;

export interface BudgetRoutesOptions {
  budget: BudgetService;
  catalogue: Pick<CatalogueService, 'listAgencies'>;
  now?: () => Date;
}

/** Agency admins upload their agency's budget and realization; platform admins any agency's. */
export function budgetRoutes({ budget, catalogue, now = () => new Date() }: BudgetRoutesOptions) {
  return async (app: FastifyInstance) => {
    async function agenciesOf(request: FastifyRequest) {
      const allowed = agenciesFor(signedInActor(request), 'budget.manage');
      const all = await catalogue.listAgencies();
      return all
        .filter((agency) => allowed === 'all' || allowed.includes(agency.id))
        .map((agency) => ({ id: agency.id, name: request.locale === 'en' ? agency.nameEn : agency.nameId }));
    }

    async function show(
      request: FastifyRequest,
      reply: FastifyReply,
      status: number,
      agencyId: string | undefined,
      extra: { errors?: FieldError[]; moreErrors?: number; saved?: { year: number; lines: number }; agencies?: { id: string; name: string }[] } = {},
    ) {
      const agencies = extra.agencies ?? (await agenciesOf(request));
      const chosen = agencies.find((agency) => agency.id === agencyId) ?? (agencies.length === 1 ? agencies[0] : undefined);
      const [current, uploads] = chosen ? await Promise.all([budget.latest(chosen.id), budget.uploads(chosen.id)]) : [undefined, []];
      const ctx = pageContext(request, reply, CSS_HREF);
      return reply
        .code(status)
        .header('cache-control', 'no-store')
        .html(
          <BudgetAdminPage
            ctx={ctx}
            view={{
              agencies,
              agencyId: chosen?.id,
              budget: current,
              uploads,
              errors: extra.errors ?? [],
              moreErrors: extra.moreErrors ?? 0,
              saved: extra.saved,
              maxBytesText: `${MAX_BUDGET_FILE_BYTES / (1024 * 1024)} MB`,
            }}
          />,
        );
    }

    app.get('/admin/budget', MANAGE, (request, reply) => {
      const agency = formText(request.query, 'agency', 36);
      return show(request, reply, 200, isUuid(agency) ? agency : undefined);
    });

    app.post('/admin/budget', UPLOAD, async (request, reply) => {
      const received = await receiveTextFile(request, { field: 'file', maxBytes: MAX_BUDGET_FILE_BYTES });
      const agencyField = formText(received.fields, 'agency', 36);
      const agencies = await agenciesOf(request);
      const agency = agencies.find((candidate) => candidate.id === agencyField);
      if (!agency) return show(request, reply, 400, undefined, { agencies, errors: [{ field: 'agency', message: request.t('budget.error.agency') }] });
      if (!received.ok) {
        const message =
          received.problem.key === 'storage.upload.empty' ? request.t('budget.error.file') : request.t(received.problem.key, received.problem.params);
        return show(request, reply, received.problem.status, agency.id, { agencies, errors: [{ field: 'file', message }] });
      }
      const actor = signedInActor(request);
      const role = agenciesFor(actor, 'budget.manage') === 'all' ? 'platform_admin' : 'agency_admin';
      const outcome = await budget.upload(agency.id, { name: received.name, text: received.text }, localDate(now()), {
        actor: { accountId: actor.accountId, role, agencyId: role === 'platform_admin' ? null : agency.id },
        origin: requestOrigin(request),
      });
      if (!outcome.ok) {
        const errors = outcome.errors.slice(0, ERRORS_SHOWN).map((error) => ({ field: 'file', message: request.t(error.key, error.params) }));
        return show(request, reply, 400, agency.id, { agencies, errors, moreErrors: Math.max(0, outcome.errors.length - ERRORS_SHOWN) });
      }
      return show(request, reply, 200, agency.id, { agencies, saved: { year: outcome.fiscalYear, lines: outcome.lines } });
    });
  };
}
