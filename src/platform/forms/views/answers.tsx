import type { ComponentChildren } from 'preact';
import { SummaryList } from '../../ui/components/summary-list.tsx';
import type { PageContext } from '../../ui/context.ts';
import { parseIsoDate } from '../dates.ts';
import type { Field, FieldValue, FormData, FormSchema } from '../form-schema.ts';
import { localized } from '../labels.ts';
import { answerOf, visibleFields } from '../visibility.ts';
import type { RegionOptions } from './regions.ts';
import { addressOf, fileIdsOf, listOf, pointPartsOf, textOf } from './values.ts';

export interface AnswerContext {
  regions: RegionOptions;
  fileNames: Readonly<Record<string, string>>;
}

/** An answer as a person reads it: option labels, dates and rupiah written out, region names, file names. */
export function formatAnswer(ctx: PageContext, field: Field, value: FieldValue | undefined, context: AnswerContext): ComponentChildren {
  const notAnswered = ctx.t('form.check.notAnswered');
  switch (field.type) {
    case 'longText':
      return lines(textOf(value).split('\n')) ?? notAnswered;
    case 'number':
      return typeof value === 'number' ? ctx.format.number(value) : textOf(value) || notAnswered;
    case 'money':
      return typeof value === 'number' ? ctx.format.currency(value) : textOf(value) || notAnswered;
    case 'date': {
      const text = textOf(value);
      return parseIsoDate(text) ? ctx.format.date(new Date(`${text}T00:00:00Z`), 'UTC') : text || notAnswered;
    }
    case 'select':
    case 'radios':
    case 'checkboxes': {
      const chosen = field.type === 'checkboxes' ? listOf(value) : [textOf(value)].filter(Boolean);
      const labels = chosen.map((choice) => {
        const option = field.options.find((candidate) => candidate.value === choice);
        return option ? localized(option.label, ctx.locale) : choice;
      });
      return list(labels) ?? notAnswered;
    }
    case 'address':
      return addressText(value, context.regions) || notAnswered;
    case 'geoPoint': {
      const point = pointPartsOf(value);
      if (!point.lat && !point.lng) return notAnswered;
      const decimal = (text: string) => (ctx.locale === 'id' ? text.replace('.', ',') : text);
      return lines([`${ctx.t('form.geo.lat.label')}: ${decimal(point.lat)}`, `${ctx.t('form.geo.lng.label')}: ${decimal(point.lng)}`]);
    }
    case 'file': {
      const names = fileIdsOf(value).map((id) => (Object.hasOwn(context.fileNames, id) ? context.fileNames[id] : undefined) ?? ctx.t('form.file.unnamed'));
      return list(names) ?? notAnswered;
    }
    default:
      return textOf(value) || notAnswered;
  }
}

/** Street, village, district, regency and province, by name where the region table has it. */
export function addressText(value: FieldValue | undefined, regions: RegionOptions): string {
  const address = addressOf(value);
  const nameOf = (list: RegionOptions['provinces'], code: string) => list.find((region) => region.code === code)?.name ?? code;
  return [
    address.street,
    address.village,
    address.district,
    address.regencyCode && nameOf(regions.regencies, address.regencyCode),
    address.provinceCode && nameOf(regions.provinces, address.provinceCode),
  ]
    .filter(Boolean)
    .join(', ');
}

function lines(texts: readonly string[]): ComponentChildren | undefined {
  const kept = texts.filter(Boolean);
  if (kept.length === 0) return undefined;
  return kept.map((text, index) => (
    <span key={index}>
      {index > 0 ? <br /> : null}
      {text}
    </span>
  ));
}

function list(items: readonly string[]): ComponentChildren | undefined {
  if (items.length === 0) return undefined;
  if (items.length === 1) return items[0];
  return (
    <ul>
      {items.map((item, index) => (
        <li key={index}>{item}</li>
      ))}
    </ul>
  );
}

/**
 * Submitted answers as they were given, read with the form they were asked with, page by page: for the
 * applicant's own page and the officer's workspace. Read-only.
 */
export function AnswersByPage({ ctx, form, data, regions, fileNames }: { ctx: PageContext; form: FormSchema; data: FormData } & AnswerContext) {
  const shown = new Set(visibleFields(form, data));
  return (
    <>
      {form.pages.map((formPage) => {
        const fields = formPage.fields.filter((field) => shown.has(field));
        if (fields.length === 0) return null;
        return (
          <section key={formPage.id} aria-labelledby={`answers-${formPage.id}`}>
            <h3 id={`answers-${formPage.id}`}>{localized(formPage.title, ctx.locale)}</h3>
            <SummaryList
              rows={fields.map((field) => ({
                key: localized(field.label, ctx.locale),
                value: formatAnswer(ctx, field, answerOf(data, field.name), { regions, fileNames }),
              }))}
            />
          </section>
        );
      })}
    </>
  );
}
