import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ComponentChildren } from 'preact';
import type { SignedInActor } from '../../platform/auth/actor.ts';
import { authErrors } from '../../platform/auth/errors.ts';
import type { FileField, FormData, FormPage } from '../../platform/forms/form-schema.ts';
import { inputId, REMOVE_FILE_FIELD } from '../../platform/forms/ids.ts';
import { parsePagePost } from '../../platform/forms/parse.ts';
import type { FormProblem } from '../../platform/forms/problems.ts';
import { validateSubmission } from '../../platform/forms/validate.ts';
import { fileIdsOf } from '../../platform/forms/views/values.ts';
import { answerOf, visiblePages } from '../../platform/forms/visibility.ts';
import { pageContext } from '../../platform/http/request-context.ts';
import { formText, requestOrigin, signedInActor } from '../../platform/http/request-input.ts';
import type { MediaType } from '../../platform/storage/media-type.ts';
import { receiveUploads, type UploadRule, uploadRuleFor } from '../../platform/storage/storage.uploads.ts';
import { CSS_HREF } from '../../platform/ui/assets.ts';
import type { PageContext } from '../../platform/ui/context.ts';
import type { ApplicationsService } from './applications.service.ts';
import { type DraftsService, FOR_SELF, firstPageId, nextPageId, type OpenDraft } from './drafts.service.ts';
import { ChooseApplicantPage, RegisterBusinessFirstPage } from './views/applicant-pages.tsx';
import { ApplyPage, CheckPage, SavedPage } from './views/apply-pages.tsx';

const SIGNED_IN = { config: { access: { permission: 'account.self' as const } }, schema: { hide: true } };
const UPLOADS = { config: { access: { permission: 'account.self' as const }, uploads: true }, schema: { hide: true } };

const page = (request: FastifyRequest, reply: FastifyReply) => pageContext(request, reply, CSS_HREF);

function formPage(draft: OpenDraft, pageId: string): FormPage {
  const found = draft.version.form.pages.find((candidate) => candidate.id === pageId);
  if (!found) throw authErrors.notFound();
  return found;
}

const draftRef = (draft: OpenDraft) => ({ id: draft.id, versionId: draft.version.id, organisationId: draft.organisationId });

function fileFields(formPageValue: FormPage): FileField[] {
  return formPageValue.fields.filter((field): field is FileField => field.type === 'file');
}

/**
 * Once-only (the exchange module's consents): where a page goes instead when it asks for a requirement
 * that can be fetched from another agency with the applicant's consent. Undefined: show the page.
 */
export interface OnceOnlyGate {
  pageRedirect(
    actor: SignedInActor,
    draft: { id: string; versionId: string; organisationId: string | null },
    page: FormPage,
    submissionKey: () => Promise<string>,
  ): Promise<string | undefined>;
  /** Uploads still needed because their requirement was not fetched (declined, not found, undecided). */
  uploadProblems(
    actor: SignedInActor,
    draft: { id: string; versionId: string; organisationId: string | null },
    answers: FormData,
    submissionKey: () => Promise<string>,
  ): Promise<FormProblem[]>;
  /** What the check page says about requirements fetched (or queued) instead of uploaded; undefined: nothing. */
  checkSummary(
    actor: SignedInActor,
    draft: { id: string; versionId: string; organisationId: string | null },
    submissionKey: () => Promise<string>,
  ): Promise<((ctx: PageContext) => ComponentChildren) | undefined>;
}

/**
 * The apply journey: start (or resume) a draft, one page of the form at a time, check answers,
 * submit. Works without JavaScript: every step is a form post followed by a redirect.
 */
export function applyRoutes({ drafts, applications, onceOnly }: { drafts: DraftsService; applications: ApplicationsService; onceOnly?: OnceOnlyGate }) {
  async function renderPage(
    request: FastifyRequest,
    reply: FastifyReply,
    draft: OpenDraft,
    current: FormPage,
    answers: FormData,
    problems: readonly FormProblem[],
    status = problems.length > 0 ? 400 : 200,
  ) {
    const actor = signedInActor(request);
    const pages = visiblePages(draft.version.form, answers);
    const index = Math.max(
      pages.findIndex((candidate) => candidate.id === current.id),
      0,
    );
    const previous = pages[index - 1];
    const shown = { ...draft, answers };
    return reply
      .code(status)
      .header('cache-control', 'no-store')
      .html(
        <ApplyPage
          ctx={page(request, reply)}
          draftId={draft.id}
          version={draft.version}
          page={current}
          answers={answers}
          problems={problems}
          prefilled={await drafts.prefilledFields(actor, shown)}
          regions={await drafts.regionOptions()}
          fileNames={await drafts.fileNames(shown)}
          step={index + 1}
          steps={pages.length + 1}
          backHref={previous ? `/apply/${draft.id}/${previous.id}` : `/services/${draft.version.code}`}
        />,
      );
  }

  async function renderCheck(request: FastifyRequest, reply: FastifyReply, draft: OpenDraft, status = 200) {
    const actor = signedInActor(request);
    const regions = await drafts.regionOptions();
    const codes = new Set([...regions.provinces, ...regions.regencies].map((region) => region.code));
    const idempotencyKey = await drafts.submissionKey(draft);
    const problems = [
      ...validateSubmission(draft.version.form, draft.answers, { regionExists: (code) => codes.has(code), locale: actor.locale }),
      ...((await onceOnly?.uploadProblems(actor, draftRef(draft), draft.answers, async () => idempotencyKey)) ?? []),
    ];
    const ctx = page(request, reply);
    const summary = await onceOnly?.checkSummary(actor, draftRef(draft), async () => idempotencyKey);
    return reply
      .code(problems.length > 0 && status === 200 ? 200 : status)
      .header('cache-control', 'no-store')
      .html(
        <CheckPage
          ctx={ctx}
          draftId={draft.id}
          version={draft.version}
          answers={draft.answers}
          problems={problems}
          regions={regions}
          fileNames={await drafts.fileNames(draft)}
          idempotencyKey={idempotencyKey}
          organisationName={await drafts.organisationName(draft)}
          onceOnly={summary ? summary(ctx) : undefined}
        />,
      );
  }

  return async (app: FastifyInstance) => {
    app.get<{ Params: { code: string } }>('/services/:code/apply', SIGNED_IN, async (request, reply) => {
      const actor = signedInActor(request);
      const chosen = formText(request.query, 'for', 40);
      if (chosen === '') {
        // Business services ask whom the person applies for before the form; never a silent guess.
        const choice = await drafts.applicantChoice(actor, request.params.code);
        if (choice.kind === 'registerFirst') {
          return reply.header('cache-control', 'no-store').html(<RegisterBusinessFirstPage ctx={page(request, reply)} version={choice.version} />);
        }
        if (choice.kind === 'choose') {
          const asked = formText(request.query, 'asked', 2) !== '';
          const ctx = page(request, reply);
          return reply
            .code(asked ? 400 : 200)
            .header('cache-control', 'no-store')
            .html(
              <ChooseApplicantPage
                ctx={ctx}
                version={choice.version}
                forSelf={choice.forSelf}
                organisations={choice.organisations}
                current={choice.current}
                error={asked ? ctx.t('applications.applicant.required') : undefined}
              />,
            );
        }
      }
      const organisationId = chosen === '' || chosen === FOR_SELF ? undefined : chosen;
      const draft = await drafts.startOrResume(actor, request.params.code, organisationId);
      const target = draft.currentPage ? nextPageId(draft, draft.currentPage) : firstPageId(draft);
      return reply.redirect(`/apply/${draft.id}/${target}`, 303);
    });

    app.get<{ Params: { draftId: string } }>('/apply/:draftId/check', SIGNED_IN, async (request, reply) => {
      const draft = await drafts.open(signedInActor(request), request.params.draftId);
      return renderCheck(request, reply, draft);
    });

    app.get<{ Params: { draftId: string } }>('/apply/:draftId/saved', SIGNED_IN, async (request, reply) => {
      const draft = await drafts.open(signedInActor(request), request.params.draftId);
      return reply.html(
        <SavedPage
          ctx={page(request, reply)}
          version={draft.version}
          resumeHref={`/services/${draft.version.code}/apply?for=${draft.organisationId ?? FOR_SELF}`}
        />,
      );
    });

    app.post<{ Params: { draftId: string } }>('/apply/:draftId/submit', SIGNED_IN, async (request, reply) => {
      const actor = signedInActor(request);
      const posted = formText(request.body, 'idempotencyKey', 200);
      // A double click or a retry after the first submission went through: its application, again.
      const earlier = posted ? await applications.findMineByIdempotencyKey(actor, posted) : undefined;
      if (earlier) return reply.redirect(`/applications/${earlier.trackingNumber}/receipt`, 303);
      const draft = await drafts.open(actor, request.params.draftId);
      const key = draft.idempotencyKey ?? (await drafts.submissionKey(draft));
      const uploads = (await onceOnly?.uploadProblems(actor, draftRef(draft), draft.answers, async () => key)) ?? [];
      if (uploads.length > 0) return renderCheck(request, reply, draft, 400);
      const result = await applications.submitOnline(
        actor,
        { versionId: draft.version.id, organisationId: draft.organisationId ?? undefined, answers: draft.answers, idempotencyKey: key, draftId: draft.id },
        requestOrigin(request),
      );
      if (!result.ok) return renderCheck(request, reply, draft, 400);
      return reply.redirect(`/applications/${result.application.trackingNumber}/receipt`, 303);
    });

    app.get<{ Params: { draftId: string; pageId: string } }>('/apply/:draftId/:pageId', SIGNED_IN, async (request, reply) => {
      const actor = signedInActor(request);
      const draft = await drafts.open(actor, request.params.draftId);
      const current = formPage(draft, request.params.pageId);
      const elsewhere = await onceOnly?.pageRedirect(actor, draftRef(draft), current, () => drafts.submissionKey(draft));
      if (elsewhere) return reply.redirect(elsewhere, 303);
      return renderPage(request, reply, draft, current, draft.answers, []);
    });

    app.post<{ Params: { draftId: string; pageId: string } }>('/apply/:draftId/:pageId', UPLOADS, async (request, reply) => {
      const actor = signedInActor(request);
      const draft = await drafts.open(actor, request.params.draftId);
      const current = formPage(draft, request.params.pageId);
      const rules: Record<string, UploadRule> = Object.fromEntries(fileFields(current).map((field) => [field.name, uploadRuleFor(field)]));
      const maxFiles = Object.values(rules).reduce((sum, rule) => sum + rule.maxFiles, 0);
      const received = await receiveUploads(request, {
        ownerAccountId: actor.accountId,
        accept: ['application/pdf', 'image/jpeg', 'image/png'] as MediaType[],
        maxBytesPerFile: Math.max(1024, ...Object.values(rules).map((rule) => rule.maxBytesPerFile)),
        maxFiles: Math.max(maxFiles, 1),
        perField: rules,
      });
      const fields = received.fields;
      const typed = parsePagePost(current, fields);
      if (!received.ok) {
        const field = received.problem.field || fileFields(current)[0]?.name || 'file';
        const problem: FormProblem = { field: inputId(field), key: received.problem.key, params: received.problem.params };
        return renderPage(request, reply, draft, current, { ...draft.answers, ...typed }, [problem], received.problem.status);
      }

      const remove = formText(fields, REMOVE_FILE_FIELD, 40);
      if (remove) {
        await drafts.removeFile(actor, draft, remove);
        return reply.redirect(`/apply/${draft.id}/${current.id}`, 303);
      }

      // New uploads join the field's earlier ones; past the field's limit the oldest go.
      const pageAnswers: FormData = { ...typed };
      for (const field of fileFields(current)) {
        const added = received.files.filter((file) => file.field === field.name).map((file) => file.id);
        if (added.length === 0) continue;
        const all = [...fileIdsOf(answerOf(draft.answers, field.name)), ...added];
        pageAnswers[field.name] = { fileIds: all.slice(-field.maxFiles) };
      }
      const later = formText(fields, 'action', 20) === 'later';
      const problems = await drafts.savePage(actor, draft, current, pageAnswers, !later);
      if (problems.length > 0) return renderPage(request, reply, draft, current, { ...draft.answers, ...pageAnswers }, problems);
      if (later) return reply.redirect(`/apply/${draft.id}/saved`, 303);
      const next = nextPageId(draft, current.id);
      return reply.redirect(`/apply/${draft.id}/${next}`, 303);
    });
  };
}
