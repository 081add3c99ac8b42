import type { FormSchema } from '../../../platform/forms/form-schema.ts';
import { Table } from '../../../platform/ui/components/table.tsx';
import type { PageContext } from '../../../platform/ui/context.ts';
import type { StepCondition, WorkflowDefinition, WorkflowStep } from '../../workflow/workflow.schema.ts';
import { pick } from './format.ts';

/** The workflow beside the editor: the saved definition, and the names of the agency's units by code. */
export interface WorkflowPreviewData {
  /** Undefined when the saved workflow no longer validates (its problems are listed instead). */
  definition: WorkflowDefinition | undefined;
  /** The version stores none and runs the platform's standard workflow. */
  standard: boolean;
  units: ReadonlyMap<string, { nameId: string; nameEn: string }>;
}

function responsible(ctx: PageContext, step: WorkflowStep, units: WorkflowPreviewData['units']): string {
  const { t } = ctx;
  const role = t(`role.${step.responsible.role}`);
  const code = step.responsible.unitCode;
  if (code === undefined) return t('catalogue.admin.workflowPreview.anyUnit', { role });
  const unit = units.get(code);
  return unit
    ? t('catalogue.admin.workflowPreview.atUnit', { role, unit: pick(ctx, { id: unit.nameId, en: unit.nameEn }) })
    : t('catalogue.admin.workflowPreview.unknownUnit', { role, unit: code });
}

/** "Where the child was born: At home, Somewhere else", with the form's labels where the form has the field. */
function conditionText(ctx: PageContext, condition: StepCondition, form: FormSchema): string {
  const { t } = ctx;
  const field = form.pages.flatMap((page) => page.fields).find((candidate) => candidate.name === condition.field);
  const options = field && 'options' in field ? field.options : [];
  const values = condition.equals.map((value) => {
    const option = options.find((candidate) => candidate.value === value);
    if (option) return pick(ctx, option.label);
    if (condition.field === 'feePaid') return t(value === 'true' ? 'catalogue.admin.workflowPreview.yes' : 'catalogue.admin.workflowPreview.no');
    if (condition.field === 'applicantType' && (value === 'citizen' || value === 'business')) return t(`catalogue.applicantType.${value}`);
    return value;
  });
  const name =
    field !== undefined
      ? pick(ctx, field.label)
      : condition.field === 'feePaid'
        ? t('catalogue.admin.workflowPreview.feePaid')
        : condition.field === 'applicantType'
          ? t('catalogue.admin.workflowPreview.applicantType')
          : condition.field;
  return t('catalogue.admin.workflowPreview.condition', { field: name, values: values.join(', ') });
}

/** Share of the time limit in working days, to one decimal: what the step's clock will allow. */
export function stepDays(ctx: PageContext, share: number, timeLimit: number): string {
  return ctx.format.number(Math.round((share * timeLimit) / 10) / 10);
}

/** The saved workflow as a table, so that admins see what they configured without reading JSON. */
export function WorkflowPreview({
  ctx,
  workflow,
  form,
  timeLimitWorkingDays,
}: {
  ctx: PageContext;
  workflow: WorkflowPreviewData;
  form: FormSchema;
  timeLimitWorkingDays: number;
}) {
  const { t } = ctx;
  const { definition } = workflow;
  return (
    <section aria-labelledby="workflow-preview">
      <h3 id="workflow-preview">{t('catalogue.admin.workflowPreview.title')}</h3>
      {definition === undefined ? (
        <p>{t('catalogue.admin.workflowPreview.invalid')}</p>
      ) : (
        <>
          <p>{t(workflow.standard ? 'catalogue.admin.workflowPreview.standard' : 'catalogue.admin.workflowPreview.saved')}</p>
          <Table
            caption={t('catalogue.admin.workflowPreview.caption', { count: definition.steps.length })}
            columns={[
              { header: t('catalogue.admin.workflowPreview.step') },
              { header: t('catalogue.admin.workflowPreview.responsible') },
              { header: t('catalogue.admin.workflowPreview.share'), numeric: true },
              { header: t('catalogue.admin.workflowPreview.actions') },
              { header: t('catalogue.admin.workflowPreview.checklist'), numeric: true },
              { header: t('catalogue.admin.workflowPreview.rules') },
            ]}
            firstCellIsHeader
            rows={definition.steps.map((step, index) => [
              `${index + 1}. ${pick(ctx, step.title)}`,
              responsible(ctx, step, workflow.units),
              t('catalogue.admin.workflowPreview.shareValue', {
                share: step.shareOfTimeLimit,
                days: stepDays(ctx, step.shareOfTimeLimit, timeLimitWorkingDays),
              }),
              step.actions.map((action) => t(`catalogue.admin.workflowPreview.action.${action}`)).join(', '),
              step.checklist.length,
              [
                step.condition ? conditionText(ctx, step.condition, form) : t('catalogue.admin.workflowPreview.always'),
                step.waitForPayment ? t('catalogue.admin.workflowPreview.waitForPayment') : '',
              ]
                .filter(Boolean)
                .join(' · '),
            ])}
          />
        </>
      )}
    </section>
  );
}

/** validateWorkflow's sentences (English, for the back office) under a heading in the admin's language. */
export function WorkflowProblems({ ctx, details }: { ctx: PageContext; details: readonly string[] }) {
  if (details.length === 0) return null;
  const { t } = ctx;
  return (
    <section aria-labelledby="workflow-problems">
      <h3 id="workflow-problems">{t('catalogue.admin.workflowProblems.title', { count: details.length })}</h3>
      {ctx.locale === 'en' ? null : <p class="hint">{t('catalogue.admin.workflowProblems.english')}</p>}
      <ul class="list">
        {details.map((detail) => (
          <li key={detail}>{detail}</li>
        ))}
      </ul>
    </section>
  );
}
