import { formatters, type Locale, translator } from '../../i18n/index.ts';
import type { PageContext } from '../../ui/context.ts';
import type { Field, FileField, FormData, FormPage, FormSchema } from '../form-schema.ts';
import { fieldNameOfInputId } from '../ids.ts';
import { localized } from '../labels.ts';
import type { FormProblem } from '../problems.ts';
import { answerOf, isVisible, visibleFields } from '../visibility.ts';
import { problemMessage } from './errors.ts';
import { FieldControl } from './field-control.tsx';
import { NO_REGIONS, type RegionOptions } from './regions.ts';
import { fileIdsOf } from './values.ts';

export interface FormPageFieldsProps {
  ctx: PageContext;
  page: FormPage;
  /** Every answer so far (earlier pages decide which fields of this page are asked) and this page's as posted. */
  data: FormData;
  problems: readonly FormProblem[];
  /** Names of fields whose answer came from the applicant's profile (see `prefill`). */
  prefilled?: ReadonlySet<string>;
  /** Defaults to the page's language. */
  locale?: Locale;
  /** Provinces and regencies for address fields. */
  regions?: RegionOptions;
  /** Names of uploaded files by file id, for the list under a file field. */
  fileNames?: Readonly<Record<string, string>>;
  /** The whole form: with it, a field whose condition field is itself hidden on an earlier page is hidden too. */
  form?: FormSchema;
}

/**
 * The fields of one form page, without the form element and buttons (the page owns those, the CSRF
 * token and, when a file field is present, `enctype="multipart/form-data"`). A field that depends on
 * an answer on this same page is always rendered, with a hint saying when to answer it, so that the
 * page works without JavaScript; validation ignores it while its condition does not hold.
 */
export function FormPageFields(props: FormPageFieldsProps) {
  const { page, data } = props;
  const locale = props.locale ?? props.ctx.locale;
  const ctx = locale === props.ctx.locale ? props.ctx : { ...props.ctx, locale, t: translator(locale), format: formatters(locale) };
  const onPage = new Map(page.fields.map((field) => [field.name, field]));
  const shownEarlier = props.form ? new Set(visibleFields(props.form, data).map((field) => field.name)) : undefined;
  const rendered = new Set<string>();
  const fields = page.fields.filter((field) => {
    const condition = field.showWhen;
    const show = !condition ? true : onPage.has(condition.field) ? rendered.has(condition.field) : (shownEarlier?.has(field.name) ?? isVisible(field, data));
    if (show) rendered.add(field.name);
    return show;
  });
  const hasUploads = fields.some((field) => field.type === 'file' && fileIdsOf(answerOf(data, field.name)).length > 0);
  return (
    <>
      {hasUploads ? <DefaultSubmit /> : null}
      {fields.map((field) => {
        const problems = props.problems.filter((problem) => fieldNameOfInputId(problem.field) === field.name);
        const control = (
          <FieldControl
            key={field.name}
            ctx={ctx}
            field={field}
            value={answerOf(data, field.name)}
            problems={problems}
            errors={problems.map((problem) => ({ field: problem.field, message: problemMessage(ctx, field, problem) }))}
            hint={hintFor(ctx, field, onPage, props.prefilled?.has(field.name) ?? false)}
            regions={props.regions ?? NO_REGIONS}
            fileNames={props.fileNames ?? {}}
          />
        );
        const condition = field.showWhen;
        return condition && onPage.has(condition.field) ? (
          <div key={field.name} class="form-conditional" data-show-when={condition.field} data-show-when-values={condition.equals.join(' ')}>
            {control}
          </div>
        ) : (
          control
        );
      })}
    </>
  );
}

/**
 * Enter in a text box presses the form's first submit button. Once a file is listed, that would be
 * its remove button, so an invisible copy of the page's main action comes first.
 */
function DefaultSubmit() {
  return <button type="submit" class="visually-hidden" tabIndex={-1} aria-hidden="true" />;
}

/** The form's hint, preceded by what the engine knows: where the answer came from, when to answer, what format. */
function hintFor(ctx: PageContext, field: Field, onPage: ReadonlyMap<string, Field>, prefilled: boolean): string | undefined {
  const parts = [
    prefilled ? `${ctx.t('form.prefilled')}.` : '',
    conditionHint(ctx, field, onPage),
    field.hint ? localized(field.hint, ctx.locale) : defaultHint(ctx, field),
    field.type === 'file' ? fileHint(ctx, field) : '',
  ];
  const hint = parts.filter(Boolean).join(' ');
  return hint || undefined;
}

function defaultHint(ctx: PageContext, field: Field): string {
  if (field.type === 'date') return ctx.t('form.date.hint');
  if (field.type === 'money') return ctx.t('form.money.hint');
  if (field.type === 'geoPoint') return ctx.t('form.geo.hint');
  return '';
}

function conditionHint(ctx: PageContext, field: Field, onPage: ReadonlyMap<string, Field>): string {
  const condition = field.showWhen;
  const controller = condition ? onPage.get(condition.field) : undefined;
  if (!condition || !controller || !('options' in controller)) return '';
  const labels = controller.options.filter((option) => condition.equals.includes(option.value)).map((option) => `“${localized(option.label, ctx.locale)}”`);
  const choices = joinWithOr(ctx, labels);
  return ctx.t('form.conditional', { choices, question: localized(controller.label, ctx.locale) });
}

const FILE_TYPE_NAMES: Record<FileField['accept'][number], string> = { 'application/pdf': 'PDF', 'image/jpeg': 'JPG', 'image/png': 'PNG' };

function fileHint(ctx: PageContext, field: FileField): string {
  const names = field.accept.map((type) => FILE_TYPE_NAMES[type]);
  const types = joinWithOr(ctx, names);
  const megabytes = Math.round((field.maxSizeBytes / (1024 * 1024)) * 10) / 10;
  const size = megabytes >= 1 ? `${ctx.format.number(megabytes)} MB` : `${ctx.format.number(Math.round(field.maxSizeBytes / 1024))} KB`;
  return ctx.t('form.file.hint', { types, size, count: field.maxFiles });
}

/** "A atau B", "A, B, atau C" (EYD V puts a comma before the conjunction of a series), "A, B or C". */
function joinWithOr(ctx: PageContext, items: readonly string[]): string {
  if (items.length < 2) return items[0] ?? '';
  const serialComma = ctx.locale === 'id' && items.length > 2 ? ',' : '';
  return `${items.slice(0, -1).join(', ')}${serialComma} ${ctx.t('form.or')} ${items.at(-1)}`;
}
