import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { localDate } from '../../platform/calendar/working-days.ts';
import { pageContext } from '../../platform/http/request-context.ts';
import { signedInActor as actorOf, formText, requestOrigin } from '../../platform/http/request-input.ts';
import { CSS_HREF } from '../../platform/ui/assets.ts';
import type { FieldError } from '../../platform/ui/components/error-summary.tsx';
import type { CatalogueService } from '../catalogue/catalogue.service.ts';
import { rawAnswers } from './surveys.answers.ts';
import type { RawAnswers, SurveyIndex, SurveyIndexGroup, SurveysService } from './surveys.contract.ts';
import { surveyPaths } from './surveys.service.ts';
import type { SurveyChannel } from './surveys.tables.ts';
import { type IndexFilter, type IndexGrouping, SurveyIndexPage } from './views/index-page.tsx';
import { EMPTY_ANSWERS, KioskStartPage, SurveyFormPage, SurveyNotFoundPage, SurveyThanksPage, SurveyUsedPage } from './views/survey-pages.tsx';

// The survey's token is in the questionnaire's path (the link in the invitation): request logging is
// turned down for it so the token never reaches a log line; the form posts the token in its body.
const SURVEY_LINK = { config: { access: 'public' as const, rateLimit: { max: 30, timeWindow: 60 * 1000 } }, schema: { hide: true }, logLevel: 'warn' as const };
const SURVEY_POST = { config: { access: 'public' as const, rateLimit: { max: 20, timeWindow: 60 * 1000 } }, schema: { hide: true } };
const KIOSK = { config: { access: { permission: 'survey.kiosk' as const } }, schema: { hide: true } };
const READ = { config: { access: { permission: 'survey.read' as const } }, schema: { hide: true } };
/** Seconds the kiosk shows its thanks before it goes back for the next person. */
const KIOSK_RESET_SECONDS = 8;
const TOKEN_MAX = 64;

const page = (request: FastifyRequest, reply: FastifyReply) => pageContext(request, reply, CSS_HREF);

export interface SurveysRoutesOptions {
  surveys: SurveysService;
  catalogue: Pick<CatalogueService, 'listAgencies'>;
}

/** The questionnaire (by the invitation's link), the counter's kiosk and the staff's index page. */
export function surveysRoutes({ surveys, catalogue }: SurveysRoutesOptions) {
  async function showForm(
    request: FastifyRequest,
    reply: FastifyReply,
    token: string,
    options: { values?: RawAnswers; errors?: FieldError[]; status?: number; kiosk?: SurveyChannel } = {},
  ) {
    const ctx = page(request, reply);
    const form = await surveys.form(token);
    reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer');
    if (!form) return reply.code(404).html(<SurveyNotFoundPage ctx={ctx} />);
    if (form.used) return reply.code(409).html(<SurveyUsedPage ctx={ctx} kioskHref={options.kiosk ? surveyPaths.kiosk : undefined} />);
    const kiosk = options.kiosk !== undefined;
    return reply
      .code(options.status ?? 200)
      .html(
        <SurveyFormPage
          ctx={ctx}
          form={form}
          values={options.values ?? EMPTY_ANSWERS}
          errors={options.errors ?? []}
          action={kiosk ? '/counter/survey/answer' : '/survey'}
          hidden={kiosk ? { token, mode: options.kiosk ?? 'kiosk' } : { token }}
          kiosk={options.kiosk === 'kiosk'}
        />,
      );
  }

  async function answer(request: FastifyRequest, reply: FastifyReply, channel: SurveyChannel) {
    const ctx = page(request, reply);
    const token = formText(request.body, 'token', TOKEN_MAX);
    const values = rawAnswers(request.body);
    const kiosk = channel === 'online' ? undefined : channel;
    const staff = request.actor.kind === 'anonymous' ? undefined : request.actor;
    const result = await surveys.submit(token, values, channel, requestOrigin(request), channel === 'online' ? undefined : staff);
    reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer');
    if (result.ok) {
      // The kiosk goes back to the start by itself (an HTTP refresh: no script needed), ready for the next person.
      if (kiosk) reply.header('refresh', `${KIOSK_RESET_SECONDS}; url=${surveyPaths.kiosk}`);
      return reply.html(<SurveyThanksPage ctx={ctx} kioskHref={kiosk ? surveyPaths.kiosk : undefined} />);
    }
    if (result.reason === 'not_found') return reply.code(404).html(<SurveyNotFoundPage ctx={ctx} />);
    if (result.reason === 'already_answered') return reply.code(409).html(<SurveyUsedPage ctx={ctx} kioskHref={kiosk ? surveyPaths.kiosk : undefined} />);
    const errors = result.problems.map((problem) => ({ field: problem.field, message: ctx.t(problem.key, problem.params) }));
    return showForm(request, reply, token, { values, errors, status: 400, ...(kiosk ? { kiosk } : {}) });
  }

  /** The index page's filter from the query: the default period is this year to today (WIB). */
  function indexFilter(request: FastifyRequest, agencies: readonly { id: string }[]): IndexFilter {
    const today = localDate(new Date());
    const groupBy = formText(request.query, 'groupBy', 20);
    const agencyId = formText(request.query, 'agency', 40);
    return {
      agencyId: agencies.some((agency) => agency.id === agencyId) ? agencyId : (agencies[0]?.id ?? ''),
      from: formText(request.query, 'from', 10) || `${today.slice(0, 4)}-01-01`,
      to: formText(request.query, 'to', 10) || today,
      groupBy: (['unit', 'service', 'month', 'agency'] as const).includes(groupBy as IndexGrouping) ? (groupBy as IndexGrouping) : 'unit',
    };
  }

  return async (app: FastifyInstance) => {
    app.get<{ Params: { token: string } }>('/survey/:token', SURVEY_LINK, async (request, reply) =>
      showForm(request, reply, request.params.token.slice(0, TOKEN_MAX)),
    );

    app.post('/survey', SURVEY_POST, async (request, reply) => answer(request, reply, 'online'));

    app.get('/counter/survey', KIOSK, async (request, reply) =>
      reply.header('cache-control', 'no-store').html(<KioskStartPage ctx={page(request, reply)} trackingNumber="" mode="kiosk" errors={[]} />),
    );

    app.post('/counter/survey/open', KIOSK, async (request, reply) => {
      const ctx = page(request, reply);
      const trackingNumber = formText(request.body, 'trackingNumber', 40).trim();
      const mode: SurveyChannel = formText(request.body, 'mode', 10) === 'counter' ? 'counter' : 'kiosk';
      const refuse = (message: string, status: number) =>
        reply
          .code(status)
          .header('cache-control', 'no-store')
          .html(<KioskStartPage ctx={ctx} trackingNumber={trackingNumber} mode={mode} errors={[{ field: 'trackingNumber', message }]} />);
      if (trackingNumber === '') return refuse(ctx.t('surveys.kiosk.error.trackingNumber'), 400);
      const opened = await surveys.openKiosk(actorOf(request), trackingNumber);
      if (!opened.ok) return refuse(ctx.t(`surveys.kiosk.error.${opened.reason}`), opened.reason === 'not_found' ? 404 : 409);
      // Shown straight away rather than redirected to: the token then stays out of every URL.
      return showForm(request, reply, opened.token, { kiosk: mode });
    });

    app.post('/counter/survey/answer', KIOSK, async (request, reply) =>
      answer(request, reply, formText(request.body, 'mode', 10) === 'counter' ? 'counter' : 'kiosk'),
    );

    app.get('/backoffice/surveys', READ, async (request, reply) => {
      const ctx = page(request, reply);
      const actor = actorOf(request);
      const readable = surveys.readableAgencies(actor);
      const all = await catalogue.listAgencies();
      const agencies = readable === 'all' ? all : all.filter((agency) => readable.includes(agency.id));
      const filter = indexFilter(request, agencies);
      const query = { agencyId: filter.agencyId || undefined, from: filter.from, to: filter.to };
      let overall: SurveyIndex | undefined;
      let groups: SurveyIndexGroup[] = [];
      let comments: string[] | undefined;
      const errors: FieldError[] = [];
      // Nothing to show for someone whose grants name no agency.
      if (filter.agencyId) {
        try {
          [overall, groups, comments] = await Promise.all([surveys.index(query), surveys.indexBy(filter.groupBy, query), surveys.comments(query)]);
        } catch (error) {
          const params = (error as { code?: string; invalidParams?: { name: string }[] }).code?.startsWith('surveys.')
            ? ((error as { invalidParams?: { name: string }[] }).invalidParams ?? [])
            : undefined;
          if (!params) throw error;
          for (const param of params) errors.push({ field: param.name, message: ctx.t('surveys.error.period') });
        }
      }
      return reply
        .code(errors.length > 0 ? 400 : 200)
        .header('cache-control', 'no-store')
        .html(<SurveyIndexPage ctx={ctx} filter={filter} agencies={agencies} overall={overall} groups={groups} comments={comments} errors={errors} />);
    });
  };
}
