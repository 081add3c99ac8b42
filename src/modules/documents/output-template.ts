import { type Static, Type } from 'typebox';
import { Value } from 'typebox/value';
import type { FormData, FormSchema } from '../../platform/forms/form-schema.ts';
import { LocalizedText } from '../../platform/forms/form-schema.ts';
import type { Locale } from '../../platform/i18n/index.ts';

/**
 * What a service's issued document prints, stored as service_version.output_template: its title, how
 * long it is valid, and which answers it carries under which labels. A version without one (or with
 * one that does not match) gets defaultTemplate.
 */
export const OutputTemplate = Type.Object(
  {
    title: LocalizedText,
    /** Absent: valid without limit. */
    validityMonths: Type.Optional(Type.Integer({ minimum: 1, maximum: 1200 })),
    fields: Type.Optional(
      Type.Array(
        Type.Object(
          {
            name: Type.String({ pattern: '^[a-z][a-zA-Z0-9]{0,39}$' }),
            /** Absent: the form's own label. */
            label: Type.Optional(LocalizedText),
          },
          { additionalProperties: false },
        ),
        { maxItems: 20 },
      ),
    ),
  },
  { additionalProperties: false },
);
export type OutputTemplate = Static<typeof OutputTemplate>;

/** Answer types that print as one line; identifiers (NIK, phone, e-mail), files and map points do not. */
const PRINTABLE = new Set(['text', 'longText', 'number', 'money', 'date', 'select', 'radios', 'checkboxes', 'address']);

/** The template of a version: its own when valid, else the service name, no expiry, and its printable answers. */
export function templateOf(stored: unknown, serviceName: { id: string; en: string }, form: FormSchema): OutputTemplate {
  if (stored !== null && stored !== undefined && Value.Check(OutputTemplate, stored)) return stored;
  const names = form.pages.flatMap((page) => page.fields.filter((field) => PRINTABLE.has(field.type)).map((field) => ({ name: field.name })));
  return { title: serviceName, fields: names.slice(0, 20) };
}

/** The answers a template prints, as label and text in `locale`; unanswered ones are left out. */
export function printedAnswers(template: OutputTemplate, form: FormSchema, answers: FormData, locale: Locale): { label: string; value: string }[] {
  const byName = new Map(form.pages.flatMap((page) => page.fields.map((field) => [field.name, field] as const)));
  const rows: { label: string; value: string }[] = [];
  for (const wanted of template.fields ?? []) {
    const field = byName.get(wanted.name);
    const answer = answers[wanted.name];
    if (!field || answer === undefined || answer === null || answer === '') continue;
    let value: string | undefined;
    if (typeof answer === 'string' || typeof answer === 'number') {
      const option = 'options' in field ? field.options.find((o) => o.value === answer) : undefined;
      value = option ? option.label[locale] : String(answer);
    } else if (Array.isArray(answer)) {
      const options = 'options' in field ? field.options : [];
      value = answer.map((item) => options.find((o) => o.value === item)?.label[locale] ?? String(item)).join(', ');
    } else if (typeof answer === 'object' && field.type === 'address') {
      const address = answer as Record<string, unknown>;
      value = ['street', 'village', 'district']
        .map((part) => address[part])
        .filter((part): part is string => typeof part === 'string' && part !== '')
        .join(', ');
    }
    if (value) rows.push({ label: (wanted.label ?? field.label)[locale], value });
  }
  return rows;
}
