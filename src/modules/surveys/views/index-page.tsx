import type { MessageKey } from '../../../platform/i18n/index.ts';
import { Button } from '../../../platform/ui/components/button.tsx';
import { ErrorSummary, errorFor, type FieldError } from '../../../platform/ui/components/error-summary.tsx';
import { Select } from '../../../platform/ui/components/select.tsx';
import { Table } from '../../../platform/ui/components/table.tsx';
import { TextInput } from '../../../platform/ui/components/text-input.tsx';
import type { PageContext } from '../../../platform/ui/context.ts';
import { Layout } from '../../../platform/ui/layout.tsx';
import { MIN_RESPONDENTS, type SurveyIndex, type SurveyIndexGroup } from '../surveys.contract.ts';

export type IndexGrouping = 'unit' | 'service' | 'month' | 'agency';

export interface IndexFilter {
  agencyId: string;
  from: string;
  to: string;
  groupBy: IndexGrouping;
}

export interface IndexPageProps {
  ctx: PageContext;
  filter: IndexFilter;
  agencies: readonly { id: string; nameId: string; nameEn: string }[];
  overall?: SurveyIndex | undefined;
  groups: readonly SurveyIndexGroup[];
  comments?: readonly string[] | undefined;
  errors: readonly FieldError[];
}

function decimal(ctx: PageContext, value: number, digits: number): string {
  return new Intl.NumberFormat(ctx.locale === 'id' ? 'id-ID' : 'en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value);
}

/** One row of the table: a group's respondents, index, score, grade and sample; scores withheld for small groups. */
function indexCells(ctx: PageContext, result: SurveyIndex): string[] {
  const { t } = ctx;
  if (!result.index) {
    const note = result.suppressed ? t('surveys.index.suppressed', { min: MIN_RESPONDENTS }) : '–';
    return [ctx.format.number(result.respondents), note, '', '', ''];
  }
  const { index } = result;
  const sample = index.sample
    ? t(index.sample.adequate ? 'surveys.index.sampleAdequate' : 'surveys.index.sampleShort', { required: ctx.format.number(index.sample.required) })
    : '';
  return [
    ctx.format.number(result.respondents),
    decimal(ctx, index.ikm, 4),
    decimal(ctx, index.score, 2),
    t(`surveys.grade.${index.grade}` as MessageKey),
    sample,
  ];
}

function groupName(ctx: PageContext, group: SurveyIndexGroup): string {
  if (group.name) return group.name[ctx.locale] || group.name.id;
  return group.key ?? ctx.t('surveys.index.unknownGroup');
}

/** The staff's view of the index: aggregates per unit, service, month or agency; never a response. */
export function SurveyIndexPage({ ctx, filter, agencies, overall, groups, comments, errors }: IndexPageProps) {
  const { t } = ctx;
  const headers = [t('surveys.index.respondents'), t('surveys.index.ikm'), t('surveys.index.score'), t('surveys.index.grade'), t('surveys.index.sample')];
  const shown = groups.filter((group) => group.index);
  return (
    <Layout ctx={ctx} title={t('surveys.index.title')} wide>
      <ErrorSummary ctx={ctx} errors={errors} />
      <h1>{t('surveys.index.title')}</h1>
      <p>{t('surveys.index.lead', { min: MIN_RESPONDENTS })}</p>
      {ctx.can?.('survey.kiosk') ? (
        <p>
          <a href="/counter/survey">{t('surveys.index.kioskLink')}</a>
        </p>
      ) : null}
      <form method="get" action="/backoffice/surveys" novalidate>
        <Select
          ctx={ctx}
          id="agency"
          label={t('surveys.index.agency')}
          value={filter.agencyId}
          options={agencies.map((agency) => ({ value: agency.id, label: ctx.locale === 'en' ? agency.nameEn : agency.nameId }))}
        />
        <TextInput ctx={ctx} id="from" label={t('surveys.index.from')} value={filter.from} width={10} error={errorFor(errors, 'from')} />
        <TextInput ctx={ctx} id="to" label={t('surveys.index.to')} value={filter.to} width={10} error={errorFor(errors, 'to')} />
        <Select
          ctx={ctx}
          id="groupBy"
          label={t('surveys.index.groupBy')}
          value={filter.groupBy}
          options={(['unit', 'service', 'month', 'agency'] as const).map((value) => ({ value, label: t(`surveys.index.groupBy.${value}`) }))}
        />
        <Button variant="secondary">{t('surveys.index.apply')}</Button>
      </form>
      {overall && overall.respondents === 0 ? <p>{t('surveys.index.empty')}</p> : null}
      {overall && overall.respondents > 0 ? (
        <Table
          caption={t('surveys.index.title')}
          firstCellIsHeader
          columns={[{ header: t('surveys.index.group') }, ...headers.map((header, index) => ({ header, numeric: index < 3 }))]}
          rows={[[t('surveys.index.overall'), ...indexCells(ctx, overall)], ...groups.map((group) => [groupName(ctx, group), ...indexCells(ctx, group)])]}
        />
      ) : null}
      {overall?.index ? (
        <Table
          caption={t('surveys.index.elements')}
          firstCellIsHeader
          columns={[
            { header: t('surveys.index.group') },
            ...Array.from({ length: 9 }, (_, index) => ({ header: t(`surveys.element.${index + 1}` as MessageKey), numeric: true })),
          ]}
          rows={[
            [t('surveys.index.overall'), ...overall.index.nrr.map((value) => decimal(ctx, value, 2))],
            ...shown.map((group) => [groupName(ctx, group), ...(group.index?.nrr ?? []).map((value) => decimal(ctx, value, 2))]),
          ]}
        />
      ) : null}
      {overall && overall.respondents > 0 ? (
        <>
          <h2>{t('surveys.index.comments')}</h2>
          {comments ? (
            <ul class="list">
              {comments.map((comment, index) => (
                <li key={index} class="pre-line">
                  {comment}
                </li>
              ))}
            </ul>
          ) : (
            <p>{t('surveys.index.commentsHidden', { min: MIN_RESPONDENTS })}</p>
          )}
        </>
      ) : null}
    </Layout>
  );
}
