import { SummaryList } from '../../ui/components/summary-list.tsx';
import type { PageContext } from '../../ui/context.ts';
import type { Field, FormData, FormSchema } from '../form-schema.ts';
import { inputId } from '../ids.ts';
import { labelInSentence, localized } from '../labels.ts';
import { answerOf, visibleFields } from '../visibility.ts';
import { formatAnswer } from './answers.tsx';
import { NO_REGIONS, type RegionOptions } from './regions.ts';

export interface CheckAnswersProps {
  ctx: PageContext;
  form: FormSchema;
  data: FormData;
  /** The URL of a form page, for its "Ubah" links. */
  changeHref(pageId: string): string;
  /** Names of uploaded files by file id. */
  fileNames?: Readonly<Record<string, string>>;
  /** Provinces and regencies, to show addresses by name rather than code. */
  regions?: RegionOptions;
}

/**
 * The "check your answers" list: for each page with something to ask, its title and its visible
 * answers, each with a change link that lands on the field. The page adds the declaration and the
 * "Kirim permohonan" button.
 */
export function CheckAnswers({ ctx, form, data, changeHref, fileNames = {}, regions = NO_REGIONS }: CheckAnswersProps) {
  const shown = new Set(visibleFields(form, data));
  return (
    <>
      {form.pages.map((page) => {
        const fields = page.fields.filter((field) => shown.has(field));
        if (fields.length === 0) return null;
        return (
          <section key={page.id} aria-labelledby={`check-${page.id}`}>
            <h2 id={`check-${page.id}`}>{localized(page.title, ctx.locale)}</h2>
            <SummaryList
              rows={fields.map((field) => {
                const label = localized(field.label, ctx.locale);
                return {
                  key: label,
                  value: formatAnswer(ctx, field, answerOf(data, field.name), { regions, fileNames }),
                  action: { href: `${changeHref(page.id)}#${linkTarget(field)}`, text: ctx.t('form.check.change'), visuallyHiddenText: labelInSentence(label) },
                };
              })}
            />
          </section>
        );
      })}
    </>
  );
}

/** The input a change link lands on: the first part of a compound field. */
function linkTarget(field: Field): string {
  if (field.type === 'date') return inputId(field.name, 'day');
  if (field.type === 'address') return inputId(field.name, 'province');
  if (field.type === 'geoPoint') return inputId(field.name, 'lat');
  return inputId(field.name);
}
