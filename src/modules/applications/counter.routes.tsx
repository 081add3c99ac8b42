import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { agenciesFor, type SignedInActor } from '../../platform/auth/actor.ts';
import type { FileField, FormData } from '../../platform/forms/form-schema.ts';
import { REMOVE_FILE_FIELD } from '../../platform/forms/ids.ts';
import { parsePagePost } from '../../platform/forms/parse.ts';
import type { FormProblem } from '../../platform/forms/problems.ts';
import { pageContext } from '../../platform/http/request-context.ts';
import { formText, requestOrigin, signedInActor } from '../../platform/http/request-input.ts';
import type { FileStorage } from '../../platform/storage/storage.service.ts';
import { type FormFields, receiveUploads, type UploadRule, uploadRuleFor } from '../../platform/storage/storage.uploads.ts';
import { CSS_HREF } from '../../platform/ui/assets.ts';
import type { FieldError } from '../../platform/ui/components/error-summary.tsx';
import { validateNik } from '../accounts/nik.ts';
import type { CatalogueService } from '../catalogue/catalogue.service.ts';
import type { VersionView } from './application-records.ts';
import type { ApplicationsService } from './applications.service.ts';
import type { DraftsService } from './drafts.service.ts';
import { CounterFormPage, type CounterService, CounterStartPage } from './views/counter-pages.tsx';

const COUNTER = { config: { access: { permission: 'application.counter' as const } }, schema: { hide: true } };
const COUNTER_UPLOADS = { config: { access: { permission: 'application.counter' as const }, uploads: true }, schema: { hide: true } };

const page = (request: FastifyRequest, reply: FastifyReply) => pageContext(request, reply, CSS_HREF);

function fileFields(version: VersionView): FileField[] {
  return version.form.pages.flatMap((formPage) => formPage.fields).filter((field): field is FileField => field.type === 'file');
}

function listOf(value: string | string[] | undefined): string[] {
  return value === undefined ? [] : [value].flat();
}

export interface CounterRoutesOptions {
  applications: ApplicationsService;
  catalogue: Pick<CatalogueService, 'listAgencies' | 'search' | 'publishedVersionByCode'>;
  drafts: Pick<DraftsService, 'regionOptions'>;
  storage: Pick<FileStorage, 'describeFiles'>;
}

/**
 * Counter registration for walk-in applicants: an officer of the service's agency chooses the
 * service and types the applicant's NIK, then fills the whole form on one page with the applicant.
 * The receipt to print is the applicant's receipt page (/applications/:number/receipt).
 */
export function counterRoutes({ applications, catalogue, drafts, storage }: CounterRoutesOptions) {
  /** Published services of the officer's agencies that take counter applications. */
  async function servicesFor(actor: SignedInActor, locale: 'id' | 'en'): Promise<CounterService[]> {
    const scope = agenciesFor(actor, 'application.counter');
    const agencies = (await catalogue.listAgencies()).filter((agency) => scope === 'all' || scope.includes(agency.id));
    const services: CounterService[] = [];
    for (const agency of agencies) {
      for (let pageNumber = 1; pageNumber <= 10; pageNumber += 1) {
        const results = await catalogue.search({ q: '', agency: agency.code, locale, page: pageNumber });
        for (const hit of results.items) {
          if (hit.channels.includes('counter')) services.push({ code: hit.code, name: locale === 'id' ? hit.nameId : hit.nameEn });
        }
        if (pageNumber >= results.pageCount) break;
      }
    }
    return services;
  }

  async function showForm(
    request: FastifyRequest,
    reply: FastifyReply,
    form: {
      version: VersionView;
      nik: string;
      answers: FormData;
      problems: readonly FormProblem[];
      otherErrors: readonly FieldError[];
      key: string;
      priority: string;
    },
    status = 200,
  ) {
    const ids = fileFields(form.version).flatMap((field) => {
      const value = form.answers[field.name];
      return typeof value === 'object' && value !== null && 'fileIds' in value ? value.fileIds : [];
    });
    const names = Object.fromEntries((await storage.describeFiles(ids)).map((file) => [file.id, file.name]));
    return reply
      .code(status)
      .header('cache-control', 'no-store')
      .html(
        <CounterFormPage
          ctx={page(request, reply)}
          version={form.version}
          nik={form.nik}
          answers={form.answers}
          problems={form.problems}
          otherErrors={form.otherErrors}
          idempotencyKey={form.key}
          priorityGroup={form.priority}
          regions={await drafts.regionOptions()}
          fileNames={names}
        />,
      );
  }

  async function showStart(request: FastifyRequest, reply: FastifyReply, values = { service: '', nik: '' }, errors: FieldError[] = [], status = 200) {
    const services = await servicesFor(signedInActor(request), request.locale);
    return reply
      .code(status)
      .header('cache-control', 'no-store')
      .html(<CounterStartPage ctx={page(request, reply)} services={services} values={values} errors={errors} />);
  }

  return async (app: FastifyInstance) => {
    app.get('/counter/applications/new', COUNTER, async (request, reply) => showStart(request, reply));

    app.post('/counter/applications/new', COUNTER_UPLOADS, async (request, reply) => {
      const actor = signedInActor(request);
      const serviceCode = formText(request.body, 'service', 80);
      const nikText = formText(request.body, 'applicantNik', 40);
      const allowed = await servicesFor(actor, request.locale);
      const errors: FieldError[] = [];
      if (!allowed.some((service) => service.code === serviceCode)) errors.push({ field: 'service', message: request.t('applications.counter.chooseService') });
      const nik = validateNik(nikText);
      if (!nik.ok) errors.push({ field: 'applicantNik', message: request.t(nik.error) });
      const version = serviceCode ? await catalogue.publishedVersionByCode(serviceCode) : undefined;
      if (errors.length > 0 || !nik.ok || !version) {
        // Nothing of a refused post is stored: the files of a multipart post are drained unread.
        return showStart(request, reply, { service: serviceCode, nik: nikText }, errors, 400);
      }

      if (formText(request.body, 'step', 10) !== 'form') {
        return showForm(request, reply, {
          version,
          nik: nik.nik,
          answers: {},
          problems: [],
          otherErrors: [],
          key: `counter-${crypto.randomUUID()}`,
          priority: '',
        });
      }

      const rules: Record<string, UploadRule> = Object.fromEntries(fileFields(version).map((field) => [field.name, uploadRuleFor(field)]));
      const totalFiles = Object.values(rules).reduce((sum, rule) => sum + rule.maxFiles, 0);
      const received = await receiveUploads(request, {
        uploadedBy: actor.accountId,
        accept: ['application/pdf', 'image/jpeg', 'image/png'],
        maxBytesPerFile: Math.max(1024, ...Object.values(rules).map((rule) => rule.maxBytesPerFile)),
        maxFiles: Math.max(totalFiles, 1),
        perField: rules,
      });
      const fields: FormFields = received.fields;
      const answers: FormData = {};
      for (const formPage of version.form.pages) Object.assign(answers, parsePagePost(formPage, fields));
      const removed = formText(fields, REMOVE_FILE_FIELD, 40);
      for (const field of fileFields(version)) {
        const kept = listOf(fields[`uploaded.${field.name}`]).filter((id) => /^[0-9a-f-]{36}$/i.test(id) && id !== removed);
        const added = received.ok ? received.files.filter((file) => file.field === field.name).map((file) => file.id) : [];
        const all = [...kept, ...added].slice(-field.maxFiles);
        if (all.length > 0) answers[field.name] = { fileIds: all };
      }
      const key = formText(fields, 'idempotencyKey', 200) || `counter-${crypto.randomUUID()}`;
      const priority = formText(fields, 'priorityGroup', 20);
      const form = { version, nik: nik.nik, answers, key, priority };
      if (!received.ok) {
        const problem: FormProblem = {
          field: `field-${received.problem.field || fileFields(version)[0]?.name || 'file'}`,
          key: received.problem.key,
          params: received.problem.params,
        };
        return showForm(request, reply, { ...form, problems: [problem], otherErrors: [] }, received.problem.status);
      }
      if (removed) return showForm(request, reply, { ...form, problems: [], otherErrors: [] });

      const result = await applications.submitAtCounter(
        actor,
        {
          serviceCode,
          applicantNik: nik.nik,
          answers,
          idempotencyKey: key,
          priorityGroup: priority === 'elderly' || priority === 'disabled' || priority === 'pregnant' ? priority : undefined,
        },
        requestOrigin(request),
      );
      if (!result.ok) return showForm(request, reply, { ...form, problems: result.problems, otherErrors: [] }, 400);
      return reply.redirect(`/applications/${result.application.trackingNumber}/receipt`, 303);
    });
  };
}
