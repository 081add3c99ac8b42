import type { FormData } from '../../../platform/forms/form-schema.ts';
import { localized } from '../../../platform/forms/labels.ts';
import type { FormProblem } from '../../../platform/forms/problems.ts';
import { formErrors } from '../../../platform/forms/views/errors.ts';
import { FormPageFields } from '../../../platform/forms/views/form-page-fields.tsx';
import type { RegionOptions } from '../../../platform/forms/views/regions.ts';
import { fileIdsOf } from '../../../platform/forms/views/values.ts';
import { answerOf } from '../../../platform/forms/visibility.ts';
import { Button } from '../../../platform/ui/components/button.tsx';
import { ErrorSummary, errorFor, type FieldError } from '../../../platform/ui/components/error-summary.tsx';
import { Radios } from '../../../platform/ui/components/radios.tsx';
import { Select } from '../../../platform/ui/components/select.tsx';
import { TextInput } from '../../../platform/ui/components/text-input.tsx';
import type { PageContext } from '../../../platform/ui/context.ts';
import { Layout } from '../../../platform/ui/layout.tsx';
import type { VersionView } from '../application-records.ts';

export interface CounterService {
  code: string;
  name: string;
}

/** Step 1: which service, for whom (NIK). */
export function CounterStartPage({
  ctx,
  services,
  values,
  errors,
}: {
  ctx: PageContext;
  services: readonly CounterService[];
  values: { service: string; nik: string };
  errors: readonly FieldError[];
}) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('applications.counter.title')}>
      <ErrorSummary ctx={ctx} errors={errors} />
      <h1>{t('applications.counter.title')}</h1>
      <p class="lead">{t('applications.counter.lead')}</p>
      {services.length === 0 ? (
        <p>{t('applications.counter.noServices')}</p>
      ) : (
        <form method="post" action="/counter/applications/new" novalidate>
          <input type="hidden" name="_csrf" value={ctx.csrfToken()} />
          <input type="hidden" name="step" value="start" />
          <Select
            ctx={ctx}
            id="service"
            label={t('applications.counter.service')}
            options={services.map((service) => ({ value: service.code, label: service.name }))}
            value={values.service}
            error={errorFor(errors, 'service')}
          />
          <TextInput
            ctx={ctx}
            id="applicantNik"
            label={t('applications.counter.nik')}
            hint={t('applications.counter.nik.hint')}
            value={values.nik}
            error={errorFor(errors, 'applicantNik')}
            inputMode="numeric"
            autocomplete="off"
            width={10}
          />
          <Button>{t('applications.counter.continue')}</Button>
        </form>
      )}
    </Layout>
  );
}

export interface CounterFormPageProps {
  ctx: PageContext;
  version: VersionView;
  nik: string;
  answers: FormData;
  problems: readonly FormProblem[];
  /** Problems that are not a form field's (the NIK, the priority group). */
  otherErrors: readonly FieldError[];
  idempotencyKey: string;
  priorityGroup: string;
  regions: RegionOptions;
  fileNames: Readonly<Record<string, string>>;
}

/**
 * Step 2: the whole form on one long page, for an officer at a desk with the applicant. Files
 * already uploaded are carried in hidden fields, so that a correction does not need them again.
 */
export function CounterFormPage(props: CounterFormPageProps) {
  const { ctx, version } = props;
  const { t } = ctx;
  const name = ctx.locale === 'id' ? version.nameId : version.nameEn;
  const errors = [...props.otherErrors, ...formErrors(ctx, version.form, props.problems)];
  const uploaded = version.form.pages
    .flatMap((page) => page.fields)
    .flatMap((field) => (field.type === 'file' ? fileIdsOf(answerOf(props.answers, field.name)).map((id) => ({ field: field.name, id })) : []));
  return (
    <Layout ctx={ctx} title={t('applications.counter.form.title', { service: name })}>
      <ErrorSummary ctx={ctx} errors={errors} />
      <h1>{t('applications.counter.form.title', { service: name })}</h1>
      <form method="post" action="/counter/applications/new" enctype="multipart/form-data" novalidate>
        <input type="hidden" name="_csrf" value={ctx.csrfToken()} />
        <input type="hidden" name="step" value="form" />
        <input type="hidden" name="service" value={version.code} />
        <input type="hidden" name="applicantNik" value={props.nik} />
        <input type="hidden" name="idempotencyKey" value={props.idempotencyKey} />
        {uploaded.map((file) => (
          <input key={file.id} type="hidden" name={`uploaded.${file.field}`} value={file.id} />
        ))}
        <p>
          {t('applications.counter.nik')}: <strong>{props.nik}</strong>
        </p>
        {version.priorityGroups.length > 0 ? (
          <Radios
            ctx={ctx}
            id="priorityGroup"
            legend={t('applications.counter.priority')}
            value={props.priorityGroup}
            items={[
              { value: '', label: t('applications.counter.priority.none') },
              ...version.priorityGroups.map((group) => ({
                value: group,
                label: t(`applications.counter.priority.${group as 'elderly' | 'disabled' | 'pregnant'}`),
              })),
            ]}
          />
        ) : null}
        {version.form.pages.map((page) => (
          <section key={page.id} aria-labelledby={`page-${page.id}`}>
            <h2 id={`page-${page.id}`}>{localized(page.title, ctx.locale)}</h2>
            <FormPageFields
              ctx={ctx}
              page={page}
              data={props.answers}
              problems={props.problems}
              regions={props.regions}
              fileNames={props.fileNames}
              form={version.form}
            />
          </section>
        ))}
        <p>{t('applications.counter.declaration')}</p>
        <Button>{t('applications.counter.submit')}</Button>
      </form>
    </Layout>
  );
}
