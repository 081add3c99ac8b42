import type { FieldError } from '../../../platform/ui/components/error-summary.tsx';
import { errorFor } from '../../../platform/ui/components/error-summary.tsx';
import { Field } from '../../../platform/ui/components/field.tsx';
import { Radios } from '../../../platform/ui/components/radios.tsx';
import { TextInput } from '../../../platform/ui/components/text-input.tsx';
import type { PageContext } from '../../../platform/ui/context.ts';
import { PREFIX, rowCount, type StandardFields } from '../standard-fields.ts';
import { Pair } from './controls.tsx';

// The fourteen components of the standard as one long form, a section per component. Lists show
// their rows and a few blank ones; saving with a blank row filled adds it (no JavaScript needed).

const BLANK_ROWS = 2;

interface SectionProps {
  ctx: PageContext;
  values: StandardFields;
  errors: readonly FieldError[];
}

function indices(values: StandardFields, list: string, extra = BLANK_ROWS): number[] {
  return Array.from({ length: rowCount(values, list) + extra }, (_, index) => index);
}

function Input(props: SectionProps & { name: string; label: string; hint?: string; width?: 2 | 4 | 10; optional?: boolean }) {
  const { ctx, values, errors, name, label, hint, width, optional } = props;
  const id = `${PREFIX}${name}`;
  return (
    <TextInput
      ctx={ctx}
      id={id}
      label={label}
      value={values.get(id) ?? ''}
      error={errorFor(errors, id)}
      {...(width ? { inputMode: 'numeric' as const } : {})}
      {...(optional ? { optional } : {})}
      {...(hint ? { hint } : {})}
      {...(width ? { width } : {})}
    />
  );
}

function Text(props: SectionProps & { name: string; legend: string; long?: boolean; optional?: boolean; hint?: string }) {
  const { ctx, values, errors, name, legend, long = true, optional, hint } = props;
  return <Pair ctx={ctx} base={`${PREFIX}${name}`} legend={legend} values={values} errors={errors} long={long} optional={optional ?? false} hint={hint} />;
}

function Requirements(props: SectionProps) {
  const { ctx, values } = props;
  const { t } = ctx;
  return (
    <>
      {indices(values, 'requirements').map((index) => {
        const key = `requirements.${index}`;
        const kindId = `${PREFIX}${key}.kind`;
        return (
          <fieldset class="fieldset" key={key}>
            <legend class="fieldset__legend">{t('catalogue.admin.requirement', { n: index + 1 })}</legend>
            <Text {...props} name={`${key}.label`} legend={t('catalogue.admin.requirement.label')} long={false} />
            <Field ctx={ctx} id={kindId} label={t('catalogue.admin.requirement.kind')}>
              <select class="select" id={kindId} name={kindId}>
                {(['document', 'data'] as const).map((kind) => (
                  <option key={kind} value={kind} selected={(values.get(kindId) ?? 'document') === kind}>
                    {t(`catalogue.requirementKind.${kind}`)}
                  </option>
                ))}
              </select>
            </Field>
            <Text {...props} name={`${key}.description`} legend={t('catalogue.admin.requirement.description')} optional />
            <Input {...props} name={`${key}.id`} label={t('catalogue.admin.requirement.id')} hint={t('catalogue.admin.requirement.idHint')} optional />
            <Input
              {...props}
              name={`${key}.fetchableFrom`}
              label={t('catalogue.admin.requirement.fetchableFrom')}
              optional
              hint={t('catalogue.admin.requirement.fetchableFromHint')}
            />
            <Input
              {...props}
              name={`${key}.fetch.product`}
              label={t('catalogue.admin.requirement.fetch.product')}
              optional
              hint={t('catalogue.admin.requirement.fetch.productHint')}
            />
            <Input {...props} name={`${key}.fetch.purpose`} label={t('catalogue.admin.requirement.fetch.purpose')} optional />
            <Text {...props} name={`${key}.fetch.legalBasis`} legend={t('catalogue.admin.requirement.fetch.legalBasis')} long={false} optional />
            <Input
              {...props}
              name={`${key}.fetch.fields`}
              label={t('catalogue.admin.requirement.fetch.fields')}
              optional
              hint={t('catalogue.admin.requirement.fetch.fieldsHint')}
            />
            <Input {...props} name={`${key}.fetch.consentMonths`} label={t('catalogue.admin.requirement.fetch.consentMonths')} width={2} optional />
          </fieldset>
        );
      })}
      <p class="hint">{t('catalogue.admin.moreRows')}</p>
    </>
  );
}

function Procedure(props: SectionProps) {
  const { t } = props.ctx;
  return (
    <>
      {indices(props.values, 'procedure').map((index) => (
        <fieldset class="fieldset" key={index}>
          <legend class="fieldset__legend">{t('catalogue.admin.step', { n: index + 1 })}</legend>
          <Text {...props} name={`procedure.${index}.title`} legend={t('catalogue.admin.step.title')} long={false} />
          <Text {...props} name={`procedure.${index}.description`} legend={t('catalogue.admin.step.description')} optional />
        </fieldset>
      ))}
      <p class="hint">{t('catalogue.admin.moreRows')}</p>
    </>
  );
}

function CostSection(props: SectionProps) {
  const { ctx, values, errors } = props;
  const { t } = ctx;
  const kindId = `${PREFIX}cost.kind`;
  return (
    <>
      <Radios
        ctx={ctx}
        id={kindId}
        legend={t('catalogue.admin.cost.kind')}
        value={values.get(kindId) ?? 'free'}
        error={errorFor(errors, kindId)}
        items={[
          { value: 'free', label: t('catalogue.cost.free') },
          { value: 'paid', label: t('catalogue.admin.cost.paid') },
          { value: 'variable', label: t('catalogue.admin.cost.variable'), hint: t('catalogue.admin.cost.variableHint') },
        ]}
      />
      <Input {...props} name="cost.amount" label={t('catalogue.admin.cost.amount')} hint={t('catalogue.admin.cost.amountHint')} width={10} />
      <Text {...props} name="cost.legalBasis" legend={t('catalogue.admin.cost.legalBasis')} hint={t('catalogue.admin.cost.legalBasisHint')} long={false} />
      <Text {...props} name="cost.explanation" legend={t('catalogue.admin.cost.explanation')} optional />
    </>
  );
}

function ComplaintSection(props: SectionProps) {
  const { t } = props.ctx;
  return (
    <>
      <Text {...props} name="complaintChannel.description" legend={t('catalogue.admin.complaint.description')} />
      {indices(props.values, 'complaintChannel.channels').map((index) => (
        <fieldset class="fieldset" key={index}>
          <legend class="fieldset__legend">{t('catalogue.admin.complaint.channel', { n: index + 1 })}</legend>
          <Text {...props} name={`complaintChannel.channels.${index}.label`} legend={t('catalogue.admin.complaint.label')} long={false} />
          <Input {...props} name={`complaintChannel.channels.${index}.contact`} label={t('catalogue.admin.complaint.contact')} />
        </fieldset>
      ))}
    </>
  );
}

function LegalBasis(props: SectionProps) {
  const { t } = props.ctx;
  return (
    <>
      {indices(props.values, 'legalBasis').map((index) => (
        <Text key={index} {...props} name={`legalBasis.${index}`} legend={t('catalogue.admin.legalBasis', { n: index + 1 })} long={false} />
      ))}
      <p class="hint">{t('catalogue.admin.moreRows')}</p>
    </>
  );
}

/** Sections 1–14 of the standard, then who may apply beyond the applicant types. */
export function StandardSections(props: SectionProps) {
  const { t } = props.ctx;
  const section = (n: number, key: Parameters<typeof t>[0]) => (
    <h2>
      {n}. {t(key)}
    </h2>
  );
  return (
    <>
      {section(1, 'catalogue.component.requirements')}
      <Requirements {...props} />
      {section(2, 'catalogue.component.procedure')}
      <Procedure {...props} />
      {section(3, 'catalogue.component.timeLimit')}
      <Input {...props} name="timeLimit.workingDays" label={t('catalogue.admin.timeLimit.days')} hint={t('catalogue.admin.timeLimit.daysHint')} width={4} />
      <Text {...props} name="timeLimit.explanation" legend={t('catalogue.admin.explanation')} />
      {section(4, 'catalogue.component.cost')}
      <CostSection {...props} />
      {section(5, 'catalogue.component.product')}
      <Text {...props} name="product.name" legend={t('catalogue.admin.product.name')} long={false} />
      <Text {...props} name="product.description" legend={t('catalogue.admin.product.description')} />
      {section(6, 'catalogue.component.complaintChannel')}
      <ComplaintSection {...props} />
      {section(7, 'catalogue.component.legalBasis')}
      <LegalBasis {...props} />
      {section(8, 'catalogue.component.facilities')}
      <Text {...props} name="facilities.general" legend={t('catalogue.admin.facilities.general')} />
      <Text {...props} name="facilities.vulnerableGroups" legend={t('catalogue.admin.facilities.vulnerable')} />
      {section(9, 'catalogue.component.staffCompetence')}
      <Text {...props} name="staffCompetence" legend={t('catalogue.component.staffCompetence')} />
      {section(10, 'catalogue.component.internalSupervision')}
      <Text {...props} name="internalSupervision" legend={t('catalogue.component.internalSupervision')} />
      {section(11, 'catalogue.component.staffCount')}
      <Input {...props} name="staffCount.count" label={t('catalogue.admin.staffCount')} width={4} />
      <Text {...props} name="staffCount.description" legend={t('catalogue.admin.explanation')} optional />
      {section(12, 'catalogue.component.serviceGuarantee')}
      <Text {...props} name="serviceGuarantee" legend={t('catalogue.component.serviceGuarantee')} />
      {section(13, 'catalogue.component.securityGuarantee')}
      <Text {...props} name="securityGuarantee" legend={t('catalogue.component.securityGuarantee')} />
      {section(14, 'catalogue.component.performanceEvaluation')}
      <Text {...props} name="performanceEvaluation" legend={t('catalogue.component.performanceEvaluation')} />
      <h2>{t('catalogue.admin.eligibility')}</h2>
      <Text {...props} name="eligibility" legend={t('catalogue.admin.eligibility')} hint={t('catalogue.admin.eligibilityHint')} optional />
    </>
  );
}
