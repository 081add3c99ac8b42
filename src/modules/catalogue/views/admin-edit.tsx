import { Button } from '../../../platform/ui/components/button.tsx';
import { Checkboxes } from '../../../platform/ui/components/checkboxes.tsx';
import { ErrorSummary, errorFor, type FieldError } from '../../../platform/ui/components/error-summary.tsx';
import { NotificationBanner } from '../../../platform/ui/components/notification-banner.tsx';
import { TextInput } from '../../../platform/ui/components/text-input.tsx';
import { Textarea } from '../../../platform/ui/components/textarea.tsx';
import type { PageContext } from '../../../platform/ui/context.ts';
import { Layout } from '../../../platform/ui/layout.tsx';
import type { ServiceVersion } from '../catalogue.service.ts';
import { APPLICANT_TYPES, CHANNELS, LIFE_EVENTS, PRIORITY_GROUPS } from '../catalogue.vocabulary.ts';
import type { StandardFields } from '../standard-fields.ts';
import { StatusTag, versionHref } from './admin-list.tsx';
import { localName } from './format.ts';
import { StandardSections } from './standard-form.tsx';
import { WorkflowPreview, type WorkflowPreviewData, WorkflowProblems } from './workflow-preview.tsx';

/** The draft's own fields (everything but the standard), as text, kept after an error. */
export interface DraftFormValues {
  nameId: string;
  nameEn: string;
  summaryId: string;
  summaryEn: string;
  lifeEvents: readonly string[];
  applicantTypes: readonly string[];
  channels: readonly string[];
  priorityGroups: readonly string[];
  form: string;
  workflow: string;
  outputTemplate: string;
}

export interface EditDraftPageProps {
  ctx: PageContext;
  version: ServiceVersion;
  values: DraftFormValues;
  standard: StandardFields;
  errors: readonly FieldError[];
  /** What still stops publishing, when the page shows the saved draft. */
  missing: readonly FieldError[];
  saved: boolean;
  workflow: WorkflowPreviewData;
  /** validateWorkflow's sentences for the workflow being saved (or, when saved, being published). */
  workflowDetails: readonly string[];
}

function Missing({ ctx, version, missing }: { ctx: PageContext; version: ServiceVersion; missing: readonly FieldError[] }) {
  const { t } = ctx;
  if (missing.length === 0) {
    return (
      <p>
        {t('catalogue.admin.edit.ready')} <a href={versionHref(version.id, 'publish')}>{t('catalogue.admin.edit.publishLink')}</a>
      </p>
    );
  }
  return (
    <details class="details">
      <summary>{t('catalogue.admin.edit.missing', { count: missing.length })}</summary>
      <ul class="list">
        {missing.map((problem) => (
          <li key={problem.field}>
            <a href={`#${problem.field}`}>{problem.message}</a>
          </li>
        ))}
      </ul>
    </details>
  );
}

/** The draft editor: the service's description, the fourteen components, and the form as JSON. */
export function EditDraftPage({ ctx, version, values, standard, errors, missing, saved, workflow, workflowDetails }: EditDraftPageProps) {
  const { t } = ctx;
  const name = localName(ctx, version);
  const choice = (id: keyof DraftFormValues, legend: string, items: readonly { value: string; label: string }[], hint?: string) => (
    <Checkboxes ctx={ctx} id={id} legend={legend} hint={hint} values={values[id] as readonly string[]} error={errorFor(errors, id)} items={items} />
  );
  return (
    <Layout ctx={ctx} title={t('catalogue.admin.edit.title', { name })}>
      {saved ? (
        <NotificationBanner ctx={ctx} type="success">
          <p>{t('catalogue.admin.edit.saved')}</p>
        </NotificationBanner>
      ) : null}
      <ErrorSummary ctx={ctx} errors={errors} />
      <p class="secondary">
        {version.code} · {t('catalogue.admin.versionN', { version: version.version })} <StatusTag ctx={ctx} status={version.status} />
      </p>
      <h1>{t('catalogue.admin.edit.title', { name })}</h1>
      <p>
        <a href={versionHref(version.id, 'preview')}>{t('catalogue.admin.edit.previewLink')}</a> ·{' '}
        <a href="/admin/services">{t('catalogue.admin.edit.back')}</a>
      </p>
      {errors.length === 0 ? <Missing ctx={ctx} version={version} missing={missing} /> : null}
      <form method="post" action={versionHref(version.id, 'edit')} novalidate>
        <input type="hidden" name="_csrf" value={ctx.csrfToken()} />
        <h2>{t('catalogue.admin.edit.about')}</h2>
        <TextInput ctx={ctx} id="nameId" label={t('catalogue.admin.nameId')} value={values.nameId} error={errorFor(errors, 'nameId')} />
        <TextInput ctx={ctx} id="nameEn" label={t('catalogue.admin.nameEn')} value={values.nameEn} error={errorFor(errors, 'nameEn')} />
        <Textarea ctx={ctx} id="summaryId" label={t('catalogue.admin.summaryId')} value={values.summaryId} error={errorFor(errors, 'summaryId')} rows={2} />
        <Textarea ctx={ctx} id="summaryEn" label={t('catalogue.admin.summaryEn')} value={values.summaryEn} error={errorFor(errors, 'summaryEn')} rows={2} />
        {choice(
          'applicantTypes',
          t('catalogue.admin.applicantTypes'),
          APPLICANT_TYPES.map((type) => ({ value: type, label: t(`catalogue.applicantType.${type}`) })),
        )}
        {choice(
          'channels',
          t('catalogue.admin.channels'),
          CHANNELS.map((channel) => ({ value: channel, label: t(`catalogue.channel.${channel}`) })),
        )}
        {choice(
          'priorityGroups',
          t('catalogue.admin.priorityGroups'),
          PRIORITY_GROUPS.map((group) => ({ value: group, label: t(`catalogue.priorityGroup.${group}`) })),
          t('catalogue.admin.priorityGroupsHint'),
        )}
        {choice(
          'lifeEvents',
          t('catalogue.admin.lifeEvents'),
          LIFE_EVENTS.map((event) => ({ value: event, label: t(`catalogue.lifeEvent.${event}`) })),
        )}
        <StandardSections ctx={ctx} values={standard} errors={errors} />
        <h2>{t('catalogue.admin.edit.formSection')}</h2>
        <Textarea
          ctx={ctx}
          id="form"
          label={t('catalogue.admin.form')}
          hint={t('catalogue.admin.formHint')}
          value={values.form}
          error={errorFor(errors, 'form')}
          rows={20}
          code
        />
        <Textarea
          ctx={ctx}
          id="workflow"
          label={t('catalogue.admin.workflow')}
          hint={t('catalogue.admin.workflowHint')}
          value={values.workflow}
          error={errorFor(errors, 'workflow')}
          rows={20}
          code
        />
        <WorkflowProblems ctx={ctx} details={workflowDetails} />
        <WorkflowPreview ctx={ctx} workflow={workflow} form={version.form} timeLimitWorkingDays={version.timeLimitWorkingDays} />
        <Textarea
          ctx={ctx}
          id="outputTemplate"
          label={t('catalogue.admin.outputTemplate')}
          hint={t('catalogue.admin.outputTemplateHint')}
          value={values.outputTemplate}
          error={errorFor(errors, 'outputTemplate')}
          rows={8}
          optional
          code
        />
        <Button>{t('catalogue.admin.edit.save')}</Button>
      </form>
    </Layout>
  );
}

export interface PublishPageProps {
  ctx: PageContext;
  version: ServiceVersion;
  /** The version now published, which publishing retires. */
  currentVersion: number | undefined;
  missing: readonly FieldError[];
}

/** Confirms publishing, or lists what must be filled in first. */
export function PublishPage({ ctx, version, currentVersion, missing }: PublishPageProps) {
  const { t } = ctx;
  const name = localName(ctx, version);
  return (
    <Layout ctx={ctx} title={t('catalogue.admin.publish.title', { name })}>
      <h1>{t('catalogue.admin.publish.title', { name })}</h1>
      {missing.length > 0 ? (
        <>
          <p>{t('catalogue.admin.publish.notReady')}</p>
          <ul class="list">
            {missing.map((problem) => (
              <li key={problem.field}>
                <a href={`${versionHref(version.id, 'edit')}#${problem.field}`}>{problem.message}</a>
              </li>
            ))}
          </ul>
          <p>
            <a href={versionHref(version.id, 'edit')}>{t('catalogue.admin.publish.backToEdit')}</a>
          </p>
        </>
      ) : (
        <>
          <p>{t('catalogue.admin.publish.lead', { version: version.version })}</p>
          {currentVersion !== undefined ? <p>{t('catalogue.admin.publish.retires', { version: currentVersion })}</p> : null}
          <p>{t('catalogue.admin.publish.applications')}</p>
          <form method="post" action={versionHref(version.id, 'publish')}>
            <input type="hidden" name="_csrf" value={ctx.csrfToken()} />
            <Button>{t('catalogue.admin.publish.confirm')}</Button>
          </form>
          <p>
            <a href={versionHref(version.id, 'preview')}>{t('catalogue.admin.edit.previewLink')}</a> ·{' '}
            <a href={versionHref(version.id, 'edit')}>{t('catalogue.admin.publish.backToEdit')}</a>
          </p>
        </>
      )}
    </Layout>
  );
}
