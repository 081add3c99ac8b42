import type { ComponentChildren } from 'preact';
import type { FormData, FormPage } from '../../../platform/forms/form-schema.ts';
import { localized } from '../../../platform/forms/labels.ts';
import type { FormProblem } from '../../../platform/forms/problems.ts';
import { CheckAnswers } from '../../../platform/forms/views/check-answers.tsx';
import { formErrors } from '../../../platform/forms/views/errors.ts';
import { FormPageFields } from '../../../platform/forms/views/form-page-fields.tsx';
import type { RegionOptions } from '../../../platform/forms/views/regions.ts';
import { Button } from '../../../platform/ui/components/button.tsx';
import { ErrorSummary } from '../../../platform/ui/components/error-summary.tsx';
import { SummaryList } from '../../../platform/ui/components/summary-list.tsx';
import type { PageContext } from '../../../platform/ui/context.ts';
import { Layout } from '../../../platform/ui/layout.tsx';
import type { VersionView } from '../application-records.ts';

export interface ApplyPageProps {
  ctx: PageContext;
  draftId: string;
  version: VersionView;
  page: FormPage;
  answers: FormData;
  problems: readonly FormProblem[];
  prefilled: ReadonlySet<string>;
  regions: RegionOptions;
  fileNames: Readonly<Record<string, string>>;
  step: number;
  steps: number;
  backHref: string;
}

const serviceName = (ctx: PageContext, version: VersionView) => (ctx.locale === 'id' ? version.nameId : version.nameEn);

/**
 * One page of the form: its question group, errors linked from the summary, answers kept. A page
 * with a file field posts as multipart, with the CSRF token first (the storage module reads it
 * before any file).
 */
export function ApplyPage(props: ApplyPageProps) {
  const { ctx, page, version } = props;
  const title = localized(page.title, ctx.locale);
  const multipart = page.fields.some((field) => field.type === 'file');
  const errors = formErrors(ctx, page, props.problems);
  return (
    <Layout ctx={ctx} title={errors.length > 0 ? `${ctx.t('error.summaryTitle')}: ${title}` : title}>
      <p>
        <a href={props.backHref}>{ctx.t('applications.apply.back')}</a>
      </p>
      <ErrorSummary ctx={ctx} errors={errors} />
      <p class="hint">
        {serviceName(ctx, version)} · {ctx.t('applications.apply.stepOf', { step: props.step, total: props.steps })}
      </p>
      <h1>{title}</h1>
      {page.description ? <p>{localized(page.description, ctx.locale)}</p> : null}
      <form method="post" action={`/apply/${props.draftId}/${page.id}`} novalidate {...(multipart ? { enctype: 'multipart/form-data' } : {})}>
        <input type="hidden" name="_csrf" value={ctx.csrfToken()} />
        <FormPageFields
          ctx={ctx}
          page={page}
          data={props.answers}
          problems={props.problems}
          prefilled={props.prefilled}
          regions={props.regions}
          fileNames={props.fileNames}
          form={version.form}
        />
        <div>
          <Button name="action" value="continue">
            {ctx.t('applications.apply.save')}
          </Button>{' '}
          <Button variant="secondary" name="action" value="later">
            {ctx.t('applications.apply.saveLater')}
          </Button>
        </div>
      </form>
    </Layout>
  );
}

export interface CheckPageProps {
  ctx: PageContext;
  draftId: string;
  version: VersionView;
  answers: FormData;
  problems: readonly FormProblem[];
  regions: RegionOptions;
  fileNames: Readonly<Record<string, string>>;
  idempotencyKey: string;
  /** The business the application is for; undefined when the person applies for themselves. */
  organisationName?: string | undefined;
  /** Requirements fetched from other agencies instead of uploaded (the exchange module's consents). */
  onceOnly?: ComponentChildren;
}

/** Check your answers, with "Ubah" links, the declaration and "Kirim permohonan". */
export function CheckPage(props: CheckPageProps) {
  const { ctx, version } = props;
  const errors = formErrors(ctx, version.form, props.problems).map((error) => {
    // On this page the fields are on other pages: each problem links to the page that asks it.
    const page = version.form.pages.find((candidate) => candidate.fields.some((field) => error.field.startsWith(`field-${field.name}`)));
    return { ...error, field: page ? `check-${page.id}` : error.field };
  });
  return (
    <Layout ctx={ctx} title={ctx.t('applications.check.title')}>
      <ErrorSummary ctx={ctx} errors={errors} />
      <p class="hint">{serviceName(ctx, version)}</p>
      <h1>{ctx.t('applications.check.title')}</h1>
      {props.organisationName ? (
        <SummaryList
          rows={[
            {
              key: ctx.t('applications.check.forOrganisation'),
              value: props.organisationName,
              action: {
                href: `/services/${version.code}/apply`,
                text: ctx.t('form.check.change'),
                visuallyHiddenText: ctx.t('applications.check.forOrganisation'),
              },
            },
          ]}
        />
      ) : null}
      <CheckAnswers
        ctx={ctx}
        form={version.form}
        data={props.answers}
        changeHref={(pageId) => `/apply/${props.draftId}/${pageId}`}
        regions={props.regions}
        fileNames={props.fileNames}
      />
      {props.onceOnly}
      {errors.length > 0 ? (
        <p>{ctx.t('applications.check.incomplete')}</p>
      ) : (
        <>
          <h2>{ctx.t('applications.check.declaration.title')}</h2>
          <p>{ctx.t('applications.check.declaration.text')}</p>
          <form method="post" action={`/apply/${props.draftId}/submit`} novalidate>
            <input type="hidden" name="_csrf" value={ctx.csrfToken()} />
            <input type="hidden" name="idempotencyKey" value={props.idempotencyKey} />
            <Button>{ctx.t('applications.check.submit')}</Button>
          </form>
        </>
      )}
    </Layout>
  );
}

/** After "save and come back later": where the answers are and how to continue. */
export function SavedPage({ ctx, version, resumeHref }: { ctx: PageContext; version: VersionView; resumeHref: string }) {
  return (
    <Layout ctx={ctx} title={ctx.t('applications.apply.saved.title')}>
      <h1>{ctx.t('applications.apply.saved.title')}</h1>
      <p>{ctx.t('applications.apply.saved.text', { service: serviceName(ctx, version) })}</p>
      <p>
        <a href={resumeHref}>{ctx.t('applications.apply.saved.resume')}</a>
      </p>
      <p>
        <a href="/applications">{ctx.t('applications.nav.mine')}</a>
      </p>
    </Layout>
  );
}
