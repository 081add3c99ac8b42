import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { authErrors } from '../../platform/auth/errors.ts';
import { AppError } from '../../platform/http/errors.ts';
import { pageContext } from '../../platform/http/request-context.ts';
import { formText, requestOrigin, signedInActor } from '../../platform/http/request-input.ts';
import { CSS_HREF } from '../../platform/ui/assets.ts';
import type { FieldError } from '../../platform/ui/components/error-summary.tsx';
import type { PageContext } from '../../platform/ui/context.ts';
import { STANDARD_WORKFLOW } from '../workflow/workflow.defaults.ts';
import { validateWorkflow } from '../workflow/workflow.schema.ts';
import type { FieldProblem } from './catalogue.errors.ts';
import { formList } from './catalogue.routes.tsx';
import type { CatalogueService, ServiceVersion } from './catalogue.service.ts';
import type { ServiceStandard } from './catalogue.standard.ts';
import type { ServiceAdminService } from './service-admin.service.ts';
import type { DraftInput } from './service-draft.ts';
import { fieldsFromStandard, type StandardFields, standardFieldsFromBody, standardFromFields } from './standard-fields.ts';
import { type DraftFormValues, EditDraftPage, PublishPage } from './views/admin-edit.tsx';
import { NewServicePage, ServiceListPage, versionHref } from './views/admin-list.tsx';
import { ServicePage } from './views/service-page.tsx';

const MANAGE = { config: { access: { permission: 'catalogue.manage' as const } }, schema: { hide: true } };
const MAX_JSON_FIELD = 200_000;

type IdParams = { Params: { id: string } };

function fieldErrors(ctx: PageContext, problems: readonly FieldProblem[]): FieldError[] {
  return problems.map((problem) => ({ field: problem.field, message: ctx.t(problem.key, problem.params) }));
}

// PostgreSQL's jsonb keeps keys sorted by length: put them back in the order people read a form in.
const KEY_ORDER = [
  'schemaVersion',
  'id',
  'en',
  'type',
  'name',
  'title',
  'label',
  'description',
  'hint',
  'required',
  'showWhen',
  'prefill',
  'field',
  'equals',
  'responsible',
  'role',
  'unitCode',
  'shareOfTimeLimit',
  'condition',
  'waitForPayment',
  'checklist',
  'actions',
  'pages',
  'fields',
  'steps',
];
const keyRank = (key: string) => (KEY_ORDER.includes(key) ? KEY_ORDER.indexOf(key) : KEY_ORDER.length);

function readableOrder(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(readableOrder);
  if (typeof value !== 'object' || value === null) return value;
  const entries = Object.entries(value).sort(([a], [b]) => keyRank(a) - keyRank(b) || a.localeCompare(b));
  return Object.fromEntries(entries.map(([key, item]) => [key, readableOrder(item)]));
}

/** Pretty JSON for the editor; an empty form (a new draft) shows as an empty box. */
function jsonText(value: unknown, emptyWhenNoPages = false): string {
  if (value === null || value === undefined) return '';
  if (emptyWhenNoPages && Array.isArray((value as { pages?: unknown }).pages) && (value as { pages: unknown[] }).pages.length === 0) return '';
  return JSON.stringify(readableOrder(value), null, 2);
}

function storedValues(version: ServiceVersion): DraftFormValues {
  return {
    nameId: version.nameId,
    nameEn: version.nameEn,
    summaryId: version.summaryId,
    summaryEn: version.summaryEn,
    lifeEvents: version.lifeEvents,
    applicantTypes: version.applicantTypes,
    channels: version.channels,
    priorityGroups: version.priorityGroups,
    form: jsonText(version.form, true),
    // A version without a workflow runs the standard one: show it, ready to be adapted.
    workflow: jsonText(version.workflow ?? STANDARD_WORKFLOW),
    outputTemplate: jsonText(version.outputTemplate),
  };
}

function postedValues(body: unknown): DraftFormValues {
  return {
    nameId: formText(body, 'nameId', 1000),
    nameEn: formText(body, 'nameEn', 1000),
    summaryId: formText(body, 'summaryId', 5000),
    summaryEn: formText(body, 'summaryEn', 5000),
    lifeEvents: formList(body, 'lifeEvents'),
    applicantTypes: formList(body, 'applicantTypes'),
    channels: formList(body, 'channels'),
    priorityGroups: formList(body, 'priorityGroups'),
    form: formText(body, 'form', MAX_JSON_FIELD),
    workflow: formText(body, 'workflow', MAX_JSON_FIELD),
    outputTemplate: formText(body, 'outputTemplate', MAX_JSON_FIELD),
  };
}

/** The back office of the catalogue: agency admins define, preview and publish their agency's services. */
export function serviceAdminRoutes({ serviceAdmin, catalogue }: { serviceAdmin: ServiceAdminService; catalogue: CatalogueService }) {
  return async (app: FastifyInstance) => {
    async function unitNames(agencyId: string): Promise<Map<string, { nameId: string; nameEn: string }>> {
      return new Map((await catalogue.listUnits(agencyId)).map((unit) => [unit.code, unit]));
    }

    async function manageableAgencies(request: FastifyRequest) {
      const scope = serviceAdmin.manageableAgencyIds(signedInActor(request));
      const all = await catalogue.listAgencies();
      return all
        .filter((agency) => scope === 'all' || scope.includes(agency.id))
        .map((agency) => ({ id: agency.id, name: request.locale === 'id' ? agency.nameId : agency.nameEn }));
    }

    async function showEditor(
      request: FastifyRequest,
      reply: FastifyReply,
      version: ServiceVersion,
      state: { values: DraftFormValues; standard: StandardFields; problems: FieldProblem[]; saved: boolean },
    ) {
      const ctx = pageContext(request, reply, CSS_HREF);
      const publishProblems = state.problems.length === 0 ? serviceAdmin.publishProblems(version) : [];
      const missing = fieldErrors(ctx, publishProblems);
      const workflowDetails = [...state.problems, ...publishProblems].find((problem) => problem.field === 'workflow')?.details ?? [];
      // The preview shows what is saved (the JSON being edited may not be valid yet); none when the
      // saved one no longer validates, as its problems are listed instead.
      const saved = version.workflow === null ? undefined : validateWorkflow(version.workflow);
      const workflow = {
        definition: saved === undefined ? STANDARD_WORKFLOW : saved.ok ? saved.workflow : undefined,
        standard: saved === undefined,
        units: await unitNames(version.agencyId),
      };
      return reply
        .code(state.problems.length > 0 ? 400 : 200)
        .header('cache-control', 'no-store')
        .html(
          <EditDraftPage
            ctx={ctx}
            version={version}
            values={state.values}
            standard={state.standard}
            errors={fieldErrors(ctx, state.problems)}
            missing={missing}
            saved={state.saved}
            workflow={workflow}
            workflowDetails={workflowDetails}
          />,
        );
    }

    app.get('/admin/services', MANAGE, async (request, reply) => {
      const agencies = await manageableAgencies(request);
      const chosen = formText(request.query, 'agency', 40);
      const agencyId = agencies.some((agency) => agency.id === chosen) ? chosen : undefined;
      const services = await serviceAdmin.list(signedInActor(request), agencyId);
      const ctx = pageContext(request, reply, CSS_HREF);
      return reply.header('cache-control', 'no-store').html(<ServiceListPage ctx={ctx} services={services} agencies={agencies} agencyId={agencyId} />);
    });

    app.get('/admin/services/new', MANAGE, async (request, reply) => {
      const agencies = await manageableAgencies(request);
      const values = { agencyId: '', code: '', nameId: '', nameEn: '' };
      return reply.html(<NewServicePage ctx={pageContext(request, reply, CSS_HREF)} agencies={agencies} values={values} errors={[]} />);
    });

    app.post('/admin/services', MANAGE, async (request, reply) => {
      const values = {
        agencyId: formText(request.body, 'agencyId', 40),
        code: formText(request.body, 'code', 100),
        nameId: formText(request.body, 'nameId', 1000),
        nameEn: formText(request.body, 'nameEn', 1000),
      };
      const agencies = await manageableAgencies(request);
      const ctx = pageContext(request, reply, CSS_HREF);
      if (!agencies.some((agency) => agency.id === values.agencyId)) {
        if (values.agencyId !== '') throw authErrors.notFound();
        const errors = fieldErrors(ctx, [{ field: 'agencyId', key: 'catalogue.admin.error.agency' }]);
        return reply.code(400).html(<NewServicePage ctx={ctx} agencies={agencies} values={values} errors={errors} />);
      }
      const result = await serviceAdmin.createService(signedInActor(request), values, requestOrigin(request));
      if (!result.ok) return reply.code(400).html(<NewServicePage ctx={ctx} agencies={agencies} values={values} errors={fieldErrors(ctx, result.problems)} />);
      return reply.redirect(versionHref(result.value.versionId, 'edit'), 303);
    });

    app.post<IdParams>('/admin/services/:id/versions', MANAGE, async (request, reply) => {
      const versionId = await serviceAdmin.startNewVersion(signedInActor(request), request.params.id, requestOrigin(request));
      return reply.redirect(versionHref(versionId, 'edit'), 303);
    });

    app.get<IdParams>('/admin/services/versions/:id/edit', MANAGE, async (request, reply) => {
      const version = await serviceAdmin.getVersion(signedInActor(request), request.params.id);
      // A published version is never edited: its page offers a new draft instead.
      if (version.status !== 'draft') return reply.redirect(versionHref(version.id, 'preview'), 303);
      const saved = formText(request.query, 'saved', 1) === '1';
      return showEditor(request, reply, version, { values: storedValues(version), standard: fieldsFromStandard(version.standard), problems: [], saved });
    });

    app.post<IdParams>('/admin/services/versions/:id/edit', MANAGE, async (request, reply) => {
      const actor = signedInActor(request);
      const version = await serviceAdmin.getVersion(actor, request.params.id);
      const values = postedValues(request.body);
      const standard = standardFromFields(standardFieldsFromBody(request.body));
      const input: DraftInput = { ...values, standard };
      const result = await serviceAdmin.saveDraft(actor, version.id, input, requestOrigin(request));
      if (result.ok) return reply.redirect(`${versionHref(version.id, 'edit')}?saved=1`, 303);
      // Shown again from what was parsed, so that rows keep the indices the problems name.
      const fields = fieldsFromStandard(standard as ServiceStandard);
      return showEditor(request, reply, version, { values, standard: fields, problems: result.problems, saved: false });
    });

    app.get<IdParams>('/admin/services/versions/:id/preview', MANAGE, async (request, reply) => {
      const version = await serviceAdmin.getVersion(signedInActor(request), request.params.id);
      const units = version.channels.includes('counter') ? await catalogue.listUnits(version.agencyId) : [];
      const preview = { editHref: versionHref(version.id, 'edit'), publishHref: versionHref(version.id, 'publish') };
      return reply
        .header('cache-control', 'no-store')
        .html(<ServicePage ctx={pageContext(request, reply, CSS_HREF)} version={version} units={units} preview={preview} />);
    });

    app.get<IdParams>('/admin/services/versions/:id/publish', MANAGE, async (request, reply) => {
      const version = await serviceAdmin.getVersion(signedInActor(request), request.params.id);
      if (version.status !== 'draft') return reply.redirect(versionHref(version.id, 'preview'), 303);
      const ctx = pageContext(request, reply, CSS_HREF);
      const current = await catalogue.publishedVersionByCode(version.code);
      const missing = fieldErrors(ctx, serviceAdmin.publishProblems(version));
      return reply.header('cache-control', 'no-store').html(<PublishPage ctx={ctx} version={version} currentVersion={current?.version} missing={missing} />);
    });

    app.post<IdParams>('/admin/services/versions/:id/publish', MANAGE, async (request, reply) => {
      const actor = signedInActor(request);
      try {
        await serviceAdmin.publish(actor, request.params.id, requestOrigin(request));
      } catch (error) {
        if (!(error instanceof AppError) || error.code !== 'catalogue.version_incomplete') throw error;
        const version = await serviceAdmin.getVersion(actor, request.params.id);
        const ctx = pageContext(request, reply, CSS_HREF);
        const missing = fieldErrors(ctx, serviceAdmin.publishProblems(version));
        return reply.code(422).html(<PublishPage ctx={ctx} version={version} currentVersion={undefined} missing={missing} />);
      }
      const version = await serviceAdmin.getVersion(actor, request.params.id);
      return reply.redirect(`/services/${encodeURIComponent(version.code)}`, 303);
    });
  };
}
