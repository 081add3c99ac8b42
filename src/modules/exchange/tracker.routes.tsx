import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../platform/http/errors.ts';
import { pageContext } from '../../platform/http/request-context.ts';
import { signedInActor } from '../../platform/http/request-input.ts';
import { CSS_HREF } from '../../platform/ui/assets.ts';
import { trackerCsv, trackerJson } from './tracker.export.ts';
import { MAX_TRACKER_PAGE, type TrackerService } from './tracker.service.ts';
import { TrackerPageView } from './views/tracker-page.tsx';

const SELF = { config: { access: { permission: 'account.self' as const } }, schema: { hide: true } };
// An export reads up to ten thousand records: a few a minute is plenty for one person.
const EXPORT = { ...SELF, config: { ...SELF.config, rateLimit: { max: 10, timeWindow: 60_000 } } };

const page = (request: FastifyRequest, reply: FastifyReply) => pageContext(request, reply, CSS_HREF);

const invalidPage = () =>
  new AppError('tracker.invalid_page', 400, 'error.validation.title', 'tracker.page.invalid', [{ name: 'page', reason: 'not a page number' }]);

/** The page number from the query: absent is 1; anything but a whole number in range is a 400. */
function pageNumber(query: unknown): number {
  const raw = (query as Record<string, unknown> | undefined)?.page;
  if (raw === undefined) return 1;
  if (typeof raw !== 'string' || !/^\d{1,5}$/.test(raw)) throw invalidPage();
  const value = Number(raw);
  if (value < 1 || value > MAX_TRACKER_PAGE) throw invalidPage();
  return value;
}

/** The citizen's data tracker under /account/data-tracker, and its CSV and JSON exports. */
export function trackerRoutes({ tracker }: { tracker: TrackerService }) {
  return async (app: FastifyInstance) => {
    app.get('/account/data-tracker', SELF, async (request, reply) => {
      const result = await tracker.page(signedInActor(request), pageNumber(request.query));
      return reply.header('cache-control', 'no-store').html(<TrackerPageView ctx={page(request, reply)} tracker={result} />);
    });

    app.get('/account/data-tracker.csv', EXPORT, async (request, reply) => {
      const entries = await tracker.all(signedInActor(request));
      const ctx = page(request, reply);
      const body = trackerCsv(entries, ctx.locale, { noAgency: ctx.t('tracker.agency.none'), noProduct: ctx.t('tracker.product.none') });
      return reply
        .header('cache-control', 'no-store')
        .header('content-disposition', 'attachment; filename="loket-data-tracker.csv"')
        .type('text/csv; charset=utf-8')
        .send(body);
    });

    app.get('/account/data-tracker.json', EXPORT, async (request, reply) => {
      const entries = await tracker.all(signedInActor(request));
      return reply
        .header('cache-control', 'no-store')
        .header('content-disposition', 'attachment; filename="loket-data-tracker.json"')
        .type('application/json; charset=utf-8')
        .send(JSON.stringify(trackerJson(entries, new Date()), null, 2));
    });
  };
}
