import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { authErrors } from '../../platform/auth/errors.ts';
import { platformErrors } from '../../platform/http/errors.ts';
import { pageContext } from '../../platform/http/request-context.ts';
import { formText, requestOrigin, signedInActor } from '../../platform/http/request-input.ts';
import { isUuid } from '../../platform/http/uuid.ts';
import type { MessageKey } from '../../platform/i18n/index.ts';
import { sendFile } from '../../platform/storage/storage.download.ts';
import { CSS_HREF } from '../../platform/ui/assets.ts';
import { parseTrackingNumber } from '../applications/tracking-number.ts';
import type { ComplaintRefusal, QueueFilter, StaffAction } from './complaints.contract.ts';
import type { ComplaintsRoutesOptions } from './complaints.plugin.ts';
import { ARCHIVE_REASONS, type ArchiveReason, COMPLAINT_STATUSES, type ComplaintStatus } from './complaints.tables.ts';
import { DeskRoutesPage, DeskStatisticsPage } from './views/desk-admin-pages.tsx';
import { DeskQueuePage, DeskWorkspacePage, RESPONSE_TEMPLATES, type ResponseTemplate } from './views/desk-pages.tsx';

const TRIAGE = { config: { access: { permission: 'complaint.triage' as const } }, schema: { hide: true } };
const SUPERVISE = { config: { access: { permission: 'complaint.supervise' as const } }, schema: { hide: true } };
const HANDLE = { config: { access: { permission: 'complaint.handle' as const } }, schema: { hide: true } };
const MAX_TEXT = 4000;
const ACTIONS = ['forward', 'archive', 'merge', 'set_flags', 'plan', 'message', 'respond', 'postpone', 'resume', 'reroute', 'note'] as const;

/** The desk works every report nationally, agency staff only their own: one workspace view, two paths, one permission each. */
export const DESK_BASE = '/backoffice/complaints/triage';
export const AGENCY_BASE = '/backoffice/complaints';

type TrackingRequest = FastifyRequest<{ Params: { trackingId: string } }>;

const page = (request: FastifyRequest, reply: FastifyReply) => pageContext(request, reply, CSS_HREF);

function queueFilter(query: unknown): QueueFilter {
  const status = formText(query, 'status', 40);
  if (status !== '' && !(COMPLAINT_STATUSES as readonly string[]).includes(status))
    throw platformErrors.validation([{ name: 'status', reason: 'unknown value' }]);
  const category = formText(query, 'category', 64);
  if (!/^[a-z0-9-]*$/.test(category)) throw platformErrors.validation([{ name: 'category', reason: 'not a category code' }]);
  const pageText = formText(query, 'page', 6);
  const pageNumber = pageText === '' ? 1 : Number(pageText);
  if (!Number.isInteger(pageNumber) || pageNumber < 1 || pageNumber > 10_000) throw platformErrors.validation([{ name: 'page', reason: 'not a page number' }]);
  const q = formText(query, 'q', 100).trim();
  return {
    status: status === '' ? undefined : (status as ComplaintStatus),
    categoryCode: category || undefined,
    overdue: formText(query, 'overdue', 1) === '1' ? true : undefined,
    q: q || undefined,
    page: pageNumber,
  };
}

/** The month asked for (YYYY-MM), the current one by default: the statistics period [first day, first day of the next month) in UTC. */
function monthPeriod(query: unknown): { month: string; from: Date; to: Date } {
  const text = formText(query, 'month', 7);
  const match = /^(\d{4})-(\d{2})$/.exec(text);
  const now = new Date();
  const year = match ? Number(match[1]) : now.getUTCFullYear();
  const month = match ? Number(match[2]) : now.getUTCMonth() + 1;
  if (text !== '' && (!match || month < 1 || month > 12 || year < 2000 || year > 2100))
    throw platformErrors.validation([{ name: 'month', reason: 'not a month' }]);
  return { month: `${year}-${String(month).padStart(2, '0')}`, from: new Date(Date.UTC(year, month - 1, 1)), to: new Date(Date.UTC(year, month, 1)) };
}

const checked = (body: unknown, name: string) => formText(body, name, 1) === '1';

/** Reads the posted action; undefined when the form is not one we render. */
function postedAction(body: unknown): StaffAction | undefined {
  const type = formText(body, 'action', 20);
  const message = formText(body, 'message', MAX_TEXT + 1).trim();
  switch (type as (typeof ACTIONS)[number]) {
    case 'forward':
    case 'reroute': {
      const agencyId = formText(body, 'agencyId', 40);
      const unitId = formText(body, 'unitId', 40) || null;
      return type === 'forward'
        ? { type: 'forward', agencyId, unitId, isSecret: checked(body, 'isSecret'), isAnonymous: checked(body, 'isAnonymous'), ...(message ? { message } : {}) }
        : { type: 'reroute', agencyId, unitId, message };
    }
    case 'archive': {
      const reason = formText(body, 'reason', 20);
      if (!(ARCHIVE_REASONS as readonly string[]).includes(reason)) return undefined;
      return { type: 'archive', reason: reason as ArchiveReason, message };
    }
    case 'merge':
      return { type: 'merge', intoTrackingId: formText(body, 'intoTrackingId', 20).trim() };
    case 'set_flags':
      return { type: 'set_flags', isSecret: checked(body, 'isSecret'), isAnonymous: checked(body, 'isAnonymous') };
    case 'plan':
    case 'respond':
    case 'note':
      return { type: type as 'plan' | 'respond' | 'note', message };
    case 'message':
      return { type: 'message', message, requestInformation: checked(body, 'requestInformation') };
    case 'postpone':
      return { type: 'postpone', reason: formText(body, 'reason', MAX_TEXT).trim() };
    case 'resume':
      return { type: 'resume' };
    default:
      return undefined;
  }
}

/** Staff pages: the complaints desk's triage, agency queues, the workspace. Every change goes through the service, which checks scope and status. */
export function complaintDeskRoutes(options: ComplaintsRoutesOptions) {
  const { complaints } = options.services;

  async function showWorkspace(request: TrackingRequest, reply: FastifyReply, base: string, status = 200, error?: string) {
    const trackingId = parseTrackingNumber(request.params.trackingId, 'ADU');
    if (!trackingId) throw authErrors.notFound();
    const view = await complaints.staffView(signedInActor(request), trackingId, requestOrigin(request));
    if (!view) throw authErrors.notFound();
    const template = formText(request.query, 'template', 20);
    const agencies =
      view.actions.includes('forward') || view.actions.includes('reroute')
        ? (await options.services.catalogue.listAgencies()).map((agency) => ({ id: agency.id, name: { id: agency.nameId, en: agency.nameEn } }))
        : [];
    return reply
      .code(status)
      .header('cache-control', 'no-store')
      .html(
        <DeskWorkspacePage
          ctx={page(request, reply)}
          base={`${base}/${trackingId}`}
          view={view}
          agencies={agencies}
          template={(RESPONSE_TEMPLATES as readonly string[]).includes(template) ? (template as ResponseTemplate) : undefined}
          error={error}
          done={status === 200 && formText(request.query, 'done', 1) === '1'}
        />,
      );
  }

  async function act(request: TrackingRequest, reply: FastifyReply, base: string) {
    const trackingId = parseTrackingNumber(request.params.trackingId, 'ADU');
    if (!trackingId) throw authErrors.notFound();
    const action = postedAction(request.body);
    if (!action) return showWorkspace(request, reply, base, 400, request.t('complaintDesk.action.unknown'));
    const result = await complaints.act(signedInActor(request), trackingId, action, requestOrigin(request));
    if (!result.ok) {
      if (result.reason === 'not_found') throw authErrors.notFound();
      const typed: readonly ComplaintRefusal[] = ['message_required', 'too_long', 'unknown_agency', 'unknown_unit', 'unknown_report', 'merge_into_self'];
      return showWorkspace(request, reply, base, typed.includes(result.reason) ? 422 : 409, request.t(`complaints.refusal.${result.reason}` as MessageKey));
    }
    // Forwarded, rerouted or merged away: the report may have left this viewer's reach, so back to the queue.
    const away = action.type === 'forward' || action.type === 'reroute' || action.type === 'merge';
    return reply.redirect(away ? base : `${base}/${trackingId}?done=1`, 303);
  }

  return async (app: FastifyInstance) => {
    // The desk's triage queue and an agency's queue are one page over two lists.
    const queuePage = (base: string, titleKey: MessageKey, list: 'triageQueue' | 'agencyQueue') => async (request: FastifyRequest, reply: FastifyReply) => {
      const filter = queueFilter(request.query);
      const result = await complaints[list](signedInActor(request), filter);
      return reply
        .header('cache-control', 'no-store')
        .html(<DeskQueuePage ctx={page(request, reply)} title={request.t(titleKey)} action={base} workspaceBase={base} filter={filter} result={result} />);
    };
    app.get(DESK_BASE, TRIAGE, queuePage(DESK_BASE, 'complaintDesk.triage.title', 'triageQueue'));
    app.get(AGENCY_BASE, HANDLE, queuePage(AGENCY_BASE, 'complaintDesk.agency.title', 'agencyQueue'));

    // Desk: every agency; supervisors: their own agency (the service scopes the figures).
    const statistics = (path: string) => async (request: FastifyRequest, reply: FastifyReply) => {
      const period = monthPeriod(request.query);
      const rows = await complaints.statistics(signedInActor(request), { from: period.from, to: period.to });
      return reply.header('cache-control', 'no-store').html(<DeskStatisticsPage ctx={page(request, reply)} action={path} month={period.month} rows={rows} />);
    };
    app.get('/backoffice/complaints/statistics', TRIAGE, statistics('/backoffice/complaints/statistics'));
    app.get('/backoffice/complaints/agency-statistics', SUPERVISE, statistics('/backoffice/complaints/agency-statistics'));

    async function showRules(request: FastifyRequest, reply: FastifyReply, status = 200, error?: string) {
      const [rules, categories, agencies] = await Promise.all([
        complaints.routeRules(signedInActor(request)),
        complaints.categories(),
        options.services.catalogue.listAgencies(),
      ]);
      return reply
        .code(status)
        .header('cache-control', 'no-store')
        .html(
          <DeskRoutesPage
            ctx={page(request, reply)}
            rules={rules}
            categories={categories}
            agencies={agencies.map((agency) => ({ id: agency.id, name: { id: agency.nameId, en: agency.nameEn } }))}
            error={error}
            done={status === 200 && formText(request.query, 'done', 1) === '1'}
          />,
        );
    }

    app.get('/backoffice/complaints/routes', TRIAGE, (request, reply) => showRules(request, reply));

    app.post('/backoffice/complaints/routes', TRIAGE, async (request, reply) => {
      const categoryCode = formText(request.body, 'categoryCode', 64) || null;
      const regionCode = formText(request.body, 'regionCode', 13).trim() || null;
      const agencyId = formText(request.body, 'agencyId', 40);
      if (!isUuid(agencyId) || (regionCode !== null && !/^\d{2}(\.\d{2}){0,3}$/.test(regionCode))) {
        return showRules(request, reply, 422, request.t('complaints.refusal.unknown_agency'));
      }
      const result = await complaints.saveRouteRule(signedInActor(request), { categoryCode, regionCode, agencyId, unitId: null }, requestOrigin(request));
      if (!result.ok) return showRules(request, reply, 422, request.t(`complaints.refusal.${result.reason}` as MessageKey));
      return reply.redirect('/backoffice/complaints/routes?done=1', 303);
    });

    app.post<{ Params: { ruleId: string } }>('/backoffice/complaints/routes/:ruleId/delete', TRIAGE, async (request, reply) => {
      if (!isUuid(request.params.ruleId)) throw authErrors.notFound();
      const result = await complaints.deleteRouteRule(signedInActor(request), request.params.ruleId, requestOrigin(request));
      if (!result.ok) throw authErrors.notFound();
      return reply.redirect('/backoffice/complaints/routes?done=1', 303);
    });

    app.get<{ Params: { trackingId: string } }>(`${DESK_BASE}/:trackingId`, TRIAGE, (request, reply) => showWorkspace(request, reply, DESK_BASE));
    app.post<{ Params: { trackingId: string } }>(`${DESK_BASE}/:trackingId/act`, TRIAGE, (request, reply) => act(request, reply, DESK_BASE));
    app.get<{ Params: { trackingId: string } }>(`${AGENCY_BASE}/:trackingId`, HANDLE, (request, reply) => showWorkspace(request, reply, AGENCY_BASE));
    // Attachments: the same standing as the workspace; each download is recorded as a read of personal data.
    for (const [base, access] of [
      [DESK_BASE, TRIAGE],
      [AGENCY_BASE, HANDLE],
    ] as const) {
      app.get<{ Params: { trackingId: string; fileId: string } }>(`${base}/:trackingId/files/:fileId`, access, async (request, reply) => {
        const reader = { kind: 'staff' as const, actor: signedInActor(request) };
        const fileId = await complaints.attachmentFor(reader, request.params.trackingId, request.params.fileId, requestOrigin(request));
        if (!fileId) throw authErrors.notFound();
        return sendFile(reply, await options.services.storage.openFile(fileId));
      });
    }
    app.post<{ Params: { trackingId: string } }>(`${AGENCY_BASE}/:trackingId/act`, HANDLE, (request, reply) => act(request, reply, AGENCY_BASE));
  };
}
