import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AuditLog } from '../../platform/audit/audit.service.ts';
import { agenciesFor, type SignedInActor } from '../../platform/auth/actor.ts';
import { authErrors } from '../../platform/auth/errors.ts';
import { createCalendar, type HolidaySource } from '../../platform/calendar/calendar.service.ts';
import type { DataKeyStore } from '../../platform/crypto/data-keys.ts';
import { decryptField } from '../../platform/crypto/envelope.ts';
import type { Database } from '../../platform/db/database.ts';
import type { FormSchema } from '../../platform/forms/form-schema.ts';
import { localized } from '../../platform/forms/labels.ts';
import { platformErrors } from '../../platform/http/errors.ts';
import { pageContext } from '../../platform/http/request-context.ts';
import { formText, requestOrigin, signedInActor } from '../../platform/http/request-input.ts';
import { isUuid } from '../../platform/http/uuid.ts';
import type { MessageKey, Translate } from '../../platform/i18n/index.ts';
import { sendFile } from '../../platform/storage/storage.download.ts';
import type { FileStorage } from '../../platform/storage/storage.service.ts';
import { CSS_HREF } from '../../platform/ui/assets.ts';
import type { FieldError } from '../../platform/ui/components/error-summary.tsx';
import type { PersonalData } from '../accounts/personal-data.ts';
import { answersContext, messageContext, openJson, staffRoleAt } from '../applications/application-records.ts';
import type { ApplicationsService } from '../applications/applications.service.ts';
import type { ApplicationStatus } from '../applications/applications.tables.ts';
import type { DraftsService } from '../applications/drafts.service.ts';
import { parseTrackingNumber } from '../applications/tracking-number.ts';
import type { IssuingService } from '../documents/issuing.service.ts';
import { MAX_INFORMATION_DEADLINE } from './transitions.ts';
import { QueuePage, type QueueRow } from './views/queue-page.tsx';
import { SupervisorPage, type SupervisorView } from './views/supervisor-page.tsx';
import { WorkspacePage, type WorkspaceValues, type WorkspaceView } from './views/workspace-page.tsx';
import type { StaffWorkflowAction, WorkflowService, WorkRefusal } from './workflow.contract.ts';
import { workflowOf } from './workflow.defaults.ts';
import type { WorkflowActionType } from './workflow.schema.ts';
import { noteContext } from './workflow.service.ts';
import {
  createWorkqueueRepository,
  DUE_FILTERS,
  type DueFilter,
  maySee,
  QUEUE_STATUSES,
  QUEUE_TABS,
  type QueueFilters,
  type QueueItem,
  type QueueTab,
  roleAtUnit,
  workScope,
} from './workqueue.repository.ts';

const WORK = { config: { access: { permission: 'application.work' as const } }, schema: { hide: true } };
const SUPERVISE = { config: { access: { permission: 'application.supervise' as const } }, schema: { hide: true } };

/** Notes longer than this are refused before they reach the service (same limit as workflow.service.ts). */
export const MAX_NOTE_CHARS = 4000;
const MAX_TEXT = 2000;
const STAFF_ACTIONS: readonly WorkflowActionType[] = ['advance', 'request_information', 'forward', 'reject', 'approve', 'issue'];
const CHECKLIST_ID = /^[a-z][a-z0-9-]{0,39}$/;

/** Where each refusal points on the page, and whether it is a problem with what was typed (422) or with the state (409). */
const REFUSAL_FIELDS: Partial<Record<WorkRefusal, string>> = {
  message_required: 'message',
  deadline_required: 'deadline',
  destination_required: 'toUnitCode',
  reason_required: 'reason',
  legal_basis_required: 'legalBasis',
  note_required: 'note',
  unknown_assignee: 'assignee',
};

export function refusalMessage(t: Translate, reason: WorkRefusal): string {
  return t(`workflow.refusal.${reason}`);
}

function refusalError(t: Translate, reason: WorkRefusal): FieldError {
  return { field: REFUSAL_FIELDS[reason] ?? 'actions-heading', message: refusalMessage(t, reason) };
}

const DONE_NOTICES: Record<string, MessageKey> = {
  claimed: 'backoffice.done.claimed',
  released: 'backoffice.done.released',
  assigned: 'backoffice.done.assigned',
  checklist: 'backoffice.done.checklist',
  note: 'backoffice.done.note',
  advance: 'backoffice.done.advance',
  request_information: 'backoffice.done.request_information',
  forward: 'backoffice.done.forward',
  reject: 'backoffice.done.reject',
  approve: 'backoffice.done.approve',
  issue: 'backoffice.done.issue',
};

/** What the back office needs from the workflow service besides the contract: the buttons to show. */
export type BackofficeWorkflow = WorkflowService & {
  availableActions(actor: SignedInActor, trackingNumber: string): Promise<StaffWorkflowAction['type'][]>;
};

export interface BackofficeRoutesOptions {
  db: Database;
  workflow: BackofficeWorkflow;
  dataKeys: DataKeyStore;
  personalData: Pick<PersonalData, 'sealer'>;
  audit: AuditLog;
  storage: Pick<FileStorage, 'openFile' | 'describeFiles'>;
  applications: Pick<ApplicationsService, 'authorizeDownload'>;
  drafts: Pick<DraftsService, 'regionOptions'>;
  issuing: Pick<IssuingService, 'documentsOf'>;
  calendar?: HolidaySource;
  /**
   * An official was shown an applicant's data: the data tracker records it for the applicant, in the
   * audit entry's transaction (bound in src/services.ts, so this module never imports the exchange).
   */
  onPersonalDataViewed?: (trx: Database, view: WorkspaceDataView) => Promise<unknown>;
  /** Data fetched once-only for the application (the exchange's consents), rendered apart from uploads. */
  verifiedData?: (applicationId: string) => Promise<WorkspaceView['verifiedData']>;
}

/** What the workspace showed of an applicant's data, by whom, for which application. */
export interface WorkspaceDataView {
  subjectAccountId: string;
  viewer: { accountId: string; role: string; agencyId: string };
  fields: readonly string[];
  caseReference: string;
}

const page = (request: FastifyRequest, reply: FastifyReply) => pageContext(request, reply, CSS_HREF);

type NumberRequest = FastifyRequest<{ Params: { number: string } }>;

/**
 * The officers' back office: the work queue, the application workspace and the supervisor page. Every
 * change goes through the workflow service (which checks agency, unit, role and the workflow); these
 * routes read, validate the form fields, show refusals in the staff member's language and redirect after
 * success (post/redirect/get).
 */
export function backofficeRoutes(options: BackofficeRoutesOptions) {
  const { db, workflow, dataKeys, audit, storage } = options;
  const queries = createWorkqueueRepository(db, options.personalData);
  const calendar = options.calendar ?? createCalendar(db);

  function pick<T extends string>(source: unknown, name: string, allowed: readonly T[]): T | undefined {
    const value = formText(source, name, 40);
    if (value === '') return undefined;
    if (!(allowed as readonly string[]).includes(value)) throw platformErrors.validation([{ name, reason: 'unknown value' }]);
    return value as T;
  }

  function queueFilters(query: unknown): QueueFilters {
    const pageText = formText(query, 'page', 6);
    const pageNumber = pageText === '' ? 1 : Number(pageText);
    if (!Number.isInteger(pageNumber) || pageNumber < 1 || pageNumber > 10_000)
      throw platformErrors.validation([{ name: 'page', reason: 'not a page number' }]);
    const service = formText(query, 'service', 81);
    const unit = formText(query, 'unit', 64);
    if (service.length > 80 || !/^[a-z0-9-]*$/.test(service)) throw platformErrors.validation([{ name: 'service', reason: 'not a service code' }]);
    if (!/^[a-z0-9-]*$/.test(unit)) throw platformErrors.validation([{ name: 'unit', reason: 'not a unit code' }]);
    const numberText = formText(query, 'number', 40).trim();
    const number = numberText === '' ? undefined : parseTrackingNumber(numberText);
    if (numberText !== '' && !number) throw platformErrors.validation([{ name: 'number', reason: 'not a tracking number' }]);
    return {
      tab: pick<QueueTab>(query, 'tab', QUEUE_TABS) ?? 'all',
      service: service || undefined,
      status: pick<ApplicationStatus>(query, 'status', QUEUE_STATUSES),
      due: pick<DueFilter>(query, 'due', DUE_FILTERS),
      unit: unit || undefined,
      number,
      page: pageNumber,
    };
  }

  async function timeZones(agencyIds: readonly string[]) {
    const zones = new Map<string, { timeZone: Awaited<ReturnType<typeof queries.timeZoneOf>>; holidays: ReadonlySet<string> }>();
    for (const id of new Set(agencyIds)) zones.set(id, { timeZone: await queries.timeZoneOf(id), holidays: await calendar.holidaysFor(id) });
    return zones;
  }

  async function stepTitles(items: readonly QueueItem[], locale: 'id' | 'en'): Promise<Map<string, string>> {
    const workflows = await queries.workflowsOf(items.map((item) => item.serviceVersionId));
    // Validated once per version on the page, not once per row: a page holds a few services.
    const definitions = new Map([...new Set(items.map((item) => item.serviceVersionId))].map((id) => [id, workflowOf(workflows.get(id) ?? null)]));
    const titles = new Map<string, string>();
    for (const item of items) {
      const step = definitions.get(item.serviceVersionId)?.steps.find((candidate) => candidate.id === item.stepId);
      titles.set(item.id, step ? localized(step.title, locale) : (item.stepId ?? ''));
    }
    return titles;
  }

  /**
   * The application as the workspace shows it. Deny by default: a 404 (as for an unknown number) unless
   * the actor works at its agency and may see it there (maySee: its assignee, or a grant covering its unit).
   */
  async function loadWorkspace(actor: SignedInActor, number: string) {
    const canonical = parseTrackingNumber(number);
    const row = canonical ? await queries.workspace(canonical) : undefined;
    const scope = row ? (await workScope(db, actor)).find((candidate) => candidate.agencyId === row.agencyId) : undefined;
    if (!row || !scope || !maySee(scope, row, actor.accountId)) throw authErrors.notFound();
    return { row, scope };
  }

  async function buildView(request: FastifyRequest, actor: SignedInActor, loaded: Awaited<ReturnType<typeof loadWorkspace>>): Promise<WorkspaceView> {
    const { row, scope } = loaded;
    const locale = request.locale;
    const definition = workflowOf(row.workflow ?? null);
    const step = row.stepId ? definition.steps.find((candidate) => candidate.id === row.stepId) : undefined;
    const form = row.form as FormSchema;
    const key = await dataKeys.open(row.dataKeyId);
    const [attachmentRows, events, notes, regions, actions, zones] = await Promise.all([
      queries.attachments(row.id),
      queries.events(row.id),
      queries.notes(row.id),
      options.drafts.regionOptions(),
      workflow.availableActions(actor, row.trackingNumber),
      timeZones([row.agencyId]),
    ]);
    const files = new Map((await storage.describeFiles(attachmentRows.map((a) => a.fileId))).map((file) => [file.id, file]));
    const names = await queries.staffNames([row.assigneeId, ...events.map((e) => e.actorAccountId), ...notes.map((n) => n.authorId)]);
    const fieldLabels = new Map(form.pages.flatMap((formPage) => formPage.fields.map((field) => [field.name, localized(field.label, locale)] as const)));
    const zone = zones.get(row.agencyId) ?? { timeZone: 'Asia/Jakarta' as const, holidays: new Set<string>() };
    const who = (event: (typeof events)[number]) => {
      if (event.actorRole === 'applicant') return request.t('backoffice.event.applicant');
      const name = event.actorAccountId ? names.get(event.actorAccountId) : undefined;
      if (name) return name;
      return event.actorRole === 'system' ? request.t('backoffice.event.system') : request.t('backoffice.event.staff');
    };
    // The role at this item's unit, as the workflow service decides it.
    const role = roleAtUnit(scope.grants, row.queueUnitCode);
    const inQueue = row.stepId !== null && role !== undefined && (row.queueRole === 'officer' || (row.queueRole === 'supervisor' && role === 'supervisor'));
    const supervisesItem = role === 'supervisor' && row.stepId !== null;
    const units = await queries.units(row.agencyId);
    return {
      trackingNumber: row.trackingNumber,
      status: row.status,
      serviceName: { id: row.serviceNameId, en: row.serviceNameEn },
      agencyName: { id: row.agencyNameId, en: row.agencyNameEn },
      channel: row.channel,
      submittedAt: row.submittedAt,
      dueAt: row.dueAt,
      stepDueAt: row.stepDueAt,
      timeZone: zone.timeZone,
      holidays: zone.holidays,
      priorityGroup: row.priorityGroup,
      slaState: row.slaState,
      escalatedAt: row.escalatedAt,
      queueUnitCode: row.queueUnitCode,
      step,
      checklistDone: row.checklistDone,
      form,
      answers: openJson(key, row.answersEnc, answersContext(row.id)),
      regions,
      documents: await options.issuing.documentsOf(row.trackingNumber),
      verifiedData: await options.verifiedData?.(row.id),
      attachments: attachmentRows.map((a) => {
        const file = files.get(a.fileId);
        return { fileId: a.fileId, fieldLabel: fieldLabels.get(a.fieldName) ?? a.fieldName, name: file?.name ?? '', mediaType: file?.mediaType ?? '' };
      }),
      notes: notes.map((note) => ({
        author: names.get(note.authorId) ?? request.t('backoffice.event.staff'),
        createdAt: note.createdAt,
        body: decryptField(key, note.bodyEnc, noteContext(note.id)),
      })),
      timeline: events.map((event) => ({
        kind: event.kind,
        occurredAt: event.occurredAt,
        who: who(event),
        message: event.messageEnc ? decryptField(key, event.messageEnc, messageContext(row.id)) : null,
      })),
      actions: STAFF_ACTIONS.filter((type) => actions.includes(type)),
      assignee: row.assigneeId ? { accountId: row.assigneeId, name: names.get(row.assigneeId) ?? '' } : null,
      viewerId: actor.accountId,
      canClaim: inQueue && row.assigneeId === null,
      canRelease: row.stepId !== null && row.assigneeId !== null && (row.assigneeId === actor.accountId || supervisesItem),
      canAssign: supervisesItem,
      workers: supervisesItem ? await queries.workersAt([row.agencyId]) : [],
      units: units.filter((unit) => unit.code !== row.queueUnitCode).map((unit) => ({ code: unit.code, name: locale === 'id' ? unit.nameId : unit.nameEn })),
      agencies: actions.includes('forward')
        ? (await queries.otherAgencies(row.agencyId)).map((agency) => ({ code: agency.code, name: locale === 'id' ? agency.nameId : agency.nameEn }))
        : [],
    };
  }

  /** Renders the workspace; each rendering shows the applicant's personal data and is audited as such. */
  async function showWorkspace(request: NumberRequest, reply: FastifyReply, status = 200, errors: readonly FieldError[] = [], values: WorkspaceValues = {}) {
    const actor = signedInActor(request);
    const loaded = await loadWorkspace(actor, request.params.number);
    const view = await buildView(request, actor, loaded);
    const viewer = { accountId: actor.accountId, role: staffRoleAt(actor, 'application.work', loaded.row.agencyId) ?? 'staff', agencyId: loaded.row.agencyId };
    const applicantAccountId = loaded.row.applicantAccountId;
    await db.transaction().execute(async (trx) => {
      await audit.record(
        {
          actor: viewer,
          action: 'application.personal_data_viewed',
          subject: { type: 'application', id: loaded.row.id },
          ip: request.ip,
          requestId: request.id,
          details: { via: 'backoffice.workspace' },
        },
        trx,
      );
      if (!applicantAccountId || !options.onPersonalDataViewed) return;
      const fields = [
        'application_answers',
        ...(view.attachments.length > 0 ? ['application_attachments'] : []),
        ...(view.timeline.some((event) => event.message !== null) ? ['application_messages'] : []),
      ];
      await options.onPersonalDataViewed(trx, { subjectAccountId: applicantAccountId, viewer, fields, caseReference: loaded.row.trackingNumber });
    });
    const done = formText(request.query, 'done', 30);
    return reply
      .code(status)
      .header('cache-control', 'no-store')
      .html(<WorkspacePage ctx={page(request, reply)} view={view} errors={errors} values={values} notice={status === 200 ? DONE_NOTICES[done] : undefined} />);
  }

  /** After a change: back to the workspace with a success banner, or a refusal on the page (404, 409 or 422). */
  async function answer(
    request: NumberRequest,
    reply: FastifyReply,
    result: { ok: true } | { ok: false; reason: WorkRefusal },
    done: string,
    values: WorkspaceValues = {},
    redirectTo?: string,
  ) {
    if (!result.ok) {
      if (result.reason === 'not_found') throw authErrors.notFound();
      const status = REFUSAL_FIELDS[result.reason] || result.reason === 'unknown_checklist_item' ? 422 : 409;
      return showWorkspace(request, reply, status, [refusalError(request.t, result.reason)], values);
    }
    const number = parseTrackingNumber(request.params.number) ?? '';
    return reply.redirect(redirectTo ?? `/backoffice/applications/${number}?done=${done}`, 303);
  }

  async function supervisorView(actor: SignedInActor): Promise<SupervisorView> {
    const scope = agenciesFor(actor, 'application.supervise');
    const agencyIds = scope === 'all' ? [] : scope;
    const figures = await queries.supervision(agencyIds);
    const workers = await queries.workersAt(agencyIds);
    const names = await queries.staffNames([...(figures?.late ?? []), ...(figures?.escalated ?? [])].map((item) => item.assigneeId));
    for (const worker of workers) names.set(worker.accountId, worker.name);
    const zone = (await timeZones(agencyIds.slice(0, 1))).get(agencyIds[0] ?? '') ?? { timeZone: 'Asia/Jakarta' as const, holidays: new Set<string>() };
    const load = new Map((figures?.workload ?? []).map((row) => [row.assigneeId, row]));
    return {
      workload: workers.map((worker) => ({
        name: worker.name,
        open: load.get(worker.accountId)?.open ?? 0,
        overdue: load.get(worker.accountId)?.overdue ?? 0,
      })),
      unassigned: { open: load.get(null)?.open ?? 0, overdue: load.get(null)?.overdue ?? 0 },
      late: (figures?.late ?? []).map((item) => ({ ...item, assigneeName: item.assigneeId ? (names.get(item.assigneeId) ?? null) : null })),
      escalated: (figures?.escalated ?? []).map((item) => ({ ...item, assigneeName: item.assigneeId ? (names.get(item.assigneeId) ?? null) : null })),
      breachesThisMonth: figures?.breachesThisMonth ?? 0,
      averageHandlingSeconds: figures?.averageHandlingSeconds ?? null,
      closedLast30Days: figures?.closedLast30Days ?? 0,
      workers,
      timeZone: zone.timeZone,
      holidays: zone.holidays,
    };
  }

  return async (app: FastifyInstance) => {
    app.get('/backoffice/queue', WORK, async (request, reply) => {
      const actor = signedInActor(request);
      const filters = queueFilters(request.query);
      const scopes = await workScope(db, actor);
      const [{ items, total, counts }, facets] = await Promise.all([queries.queue(actor, scopes, filters), queries.queueFacets(scopes)]);
      const [titles, names, zones] = await Promise.all([
        stepTitles(items, request.locale),
        queries.staffNames(items.map((item) => item.assigneeId)),
        timeZones(items.map((item) => item.agencyId)),
      ]);
      const rows: QueueRow[] = items.map((item) => ({
        ...item,
        stepTitle: titles.get(item.id) ?? '',
        assigneeName: item.assigneeId ? (names.get(item.assigneeId) ?? null) : null,
        timeZone: zones.get(item.agencyId)?.timeZone ?? 'Asia/Jakarta',
        holidays: zones.get(item.agencyId)?.holidays ?? new Set(),
      }));
      const claimed = parseTrackingNumber(formText(request.query, 'claimed', 40));
      return reply
        .header('cache-control', 'no-store')
        .html(
          <QueuePage
            ctx={page(request, reply)}
            filters={filters}
            items={rows}
            total={total}
            counts={counts}
            services={facets.services}
            units={facets.units}
            viewerId={actor.accountId}
            notice={claimed ? { key: 'backoffice.done.claimedNumber', params: { number: claimed } } : undefined}
          />,
        );
    });

    app.get<{ Params: { number: string } }>('/backoffice/applications/:number', WORK, async (request, reply) => showWorkspace(request, reply));

    app.get<{ Params: { number: string; fileId: string } }>('/backoffice/applications/:number/files/:fileId', WORK, async (request, reply) => {
      const actor = signedInActor(request);
      // Scope first: another agency's application is a 404 before anything is read or audited.
      await loadWorkspace(actor, request.params.number);
      const fileId = await options.applications.authorizeDownload(actor, request.params.number, request.params.fileId, requestOrigin(request));
      return sendFile(reply, await storage.openFile(fileId));
    });

    app.post<{ Params: { number: string } }>('/backoffice/applications/:number/claim', WORK, async (request, reply) => {
      const result = await workflow.claim(signedInActor(request), request.params.number, requestOrigin(request));
      const number = parseTrackingNumber(request.params.number) ?? '';
      const toQueue = formText(request.body, 'return', 10) === 'queue';
      return answer(request, reply, result, 'claimed', {}, toQueue ? `/backoffice/queue?claimed=${number}` : undefined);
    });

    app.post<{ Params: { number: string } }>('/backoffice/applications/:number/release', WORK, async (request, reply) => {
      const result = await workflow.release(signedInActor(request), request.params.number, requestOrigin(request));
      return answer(request, reply, result, 'released');
    });

    app.post<{ Params: { number: string } }>('/backoffice/applications/:number/checklist', WORK, async (request, reply) => {
      const item = formText(request.body, 'item', 41);
      const done = formText(request.body, 'done', 5);
      if (!CHECKLIST_ID.test(item) || (done !== 'true' && done !== 'false')) {
        return answer(request, reply, { ok: false, reason: 'unknown_checklist_item' }, 'checklist');
      }
      const result = await workflow.setChecklistItem(signedInActor(request), request.params.number, item, done === 'true', requestOrigin(request));
      return answer(request, reply, result, 'checklist');
    });

    app.post<{ Params: { number: string } }>('/backoffice/applications/:number/notes', WORK, async (request, reply) => {
      const raw = formText(request.body, 'note', MAX_NOTE_CHARS + 1);
      const note = raw.trim();
      if (note === '' || raw.length > MAX_NOTE_CHARS) {
        const message = note === '' ? request.t('backoffice.note.empty') : request.t('backoffice.note.tooLong', { max: MAX_NOTE_CHARS });
        return showWorkspace(request, reply, 422, [{ field: 'note', message }], { note: raw.slice(0, MAX_NOTE_CHARS) });
      }
      const result = await workflow.addNote(signedInActor(request), request.params.number, note, requestOrigin(request));
      return answer(request, reply, result, 'note', { note });
    });

    app.post<{ Params: { number: string } }>('/backoffice/applications/:number/act', WORK, async (request, reply) => {
      const type = formText(request.body, 'action', 40);
      const values: WorkspaceValues = {
        message: formText(request.body, 'message', MAX_TEXT),
        deadline: formText(request.body, 'deadline', 10),
        toUnitCode: formText(request.body, 'toUnitCode', 64),
        toAgencyCode: formText(request.body, 'toAgencyCode', 80),
        reason: formText(request.body, 'reason', MAX_TEXT),
        legalBasis: formText(request.body, 'legalBasis', 500),
      };
      if (!(STAFF_ACTIONS as readonly string[]).includes(type)) {
        return showWorkspace(request, reply, 400, [{ field: 'actions-heading', message: request.t('backoffice.act.unknown') }], values);
      }
      let action: StaffWorkflowAction;
      switch (type as WorkflowActionType) {
        case 'request_information': {
          const deadline = /^\d{1,3}$/.test(values.deadline ?? '') ? Number(values.deadline) : Number.NaN;
          if (!Number.isInteger(deadline) || deadline < 1 || deadline > MAX_INFORMATION_DEADLINE) {
            return showWorkspace(request, reply, 422, [refusalError(request.t, 'deadline_required')], values);
          }
          action = { type: 'request_information', message: values.message, deadline };
          break;
        }
        case 'forward':
          action = { type: 'forward', toUnitCode: values.toUnitCode || undefined, toAgencyCode: values.toAgencyCode || undefined };
          break;
        case 'reject':
          action = { type: 'reject', reason: values.reason, legalBasis: values.legalBasis };
          break;
        default:
          action = { type: type as 'advance' | 'approve' | 'issue' };
      }
      const result = await workflow.act(signedInActor(request), request.params.number, action, requestOrigin(request));
      // Sent to another agency: the application has left this actor's reach, so back to the queue.
      const away = result.ok && action.type === 'forward' && action.toAgencyCode ? '/backoffice/queue' : undefined;
      return answer(request, reply, result, type, values, away);
    });

    app.post<{ Params: { number: string } }>('/backoffice/applications/:number/assign', SUPERVISE, async (request, reply) => {
      const assignee = formText(request.body, 'assignee', 40);
      if (!isUuid(assignee)) return answer(request, reply, { ok: false, reason: 'unknown_assignee' }, 'assigned', { assignee });
      const result = await workflow.assign(signedInActor(request), request.params.number, assignee, requestOrigin(request));
      return answer(request, reply, result, 'assigned', { assignee });
    });

    app.get('/backoffice/supervisor', SUPERVISE, async (request, reply) => {
      const actor = signedInActor(request);
      const movedText = formText(request.query, 'moved', 6);
      const moved = /^\d{1,6}$/.test(movedText) ? Number(movedText) : undefined;
      return reply.header('cache-control', 'no-store').html(<SupervisorPage ctx={page(request, reply)} view={await supervisorView(actor)} moved={moved} />);
    });

    app.post('/backoffice/supervisor/reassign', SUPERVISE, async (request, reply) => {
      const actor = signedInActor(request);
      const from = formText(request.body, 'from', 40);
      const to = formText(request.body, 'to', 40);
      const errors: FieldError[] = [];
      if (!isUuid(from)) errors.push({ field: 'from', message: request.t('backoffice.supervisor.reassign.chooseFrom') });
      if (!isUuid(to)) errors.push({ field: 'to', message: request.t('backoffice.supervisor.reassign.chooseTo') });
      if (errors.length === 0 && from === to) errors.push({ field: 'to', message: request.t('backoffice.supervisor.reassign.same') });
      if (errors.length === 0) {
        const result = await workflow.bulkReassign(actor, from, to, requestOrigin(request));
        if (result.ok) return reply.redirect(`/backoffice/supervisor?moved=${result.moved}`, 303);
        errors.push({ field: result.reason === 'unknown_assignee' ? 'to' : 'from', message: refusalMessage(request.t, result.reason) });
      }
      return reply
        .code(422)
        .header('cache-control', 'no-store')
        .html(<SupervisorPage ctx={page(request, reply)} view={await supervisorView(actor)} errors={errors} values={{ from, to }} />);
    });
  };
}
