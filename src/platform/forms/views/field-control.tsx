import { Checkboxes } from '../../ui/components/checkboxes.tsx';
import { DateInput, type DatePart } from '../../ui/components/date-input.tsx';
import { Radios } from '../../ui/components/radios.tsx';
import { Select } from '../../ui/components/select.tsx';
import { TextInput, type TextInputProps } from '../../ui/components/text-input.tsx';
import { Textarea } from '../../ui/components/textarea.tsx';
import type { PrefillSource } from '../form-schema.ts';
import { inputId, partOfInputId } from '../ids.ts';
import { localized } from '../labels.ts';
import { AddressFields } from './address-fields.tsx';
import { errorAt, type FieldControlProps } from './field-props.ts';
import { FileUploadField } from './file-upload-field.tsx';
import { GeoPointFields } from './geo-point-fields.tsx';
import { datePartsOf, listOf, textOf } from './values.ts';

/** Browsers fill these from the person's own details (WCAG 1.3.5); only fields prefilled from the profile are theirs. */
const AUTOCOMPLETE: Record<PrefillSource, string> = { fullName: 'name', nik: 'off', email: 'email', phone: 'tel', birthDate: 'bday' };

/** One field rendered with the UI component for its type, its answer kept, its problems shown. */
export function FieldControl(props: FieldControlProps) {
  const { ctx, field, value, errors, hint } = props;
  const id = inputId(field.name);
  const label = localized(field.label, ctx.locale);
  const optional = !field.required;
  const error = errorAt(errors, id);
  const text = (extra: Partial<TextInputProps>) => (
    <TextInput
      ctx={ctx}
      id={id}
      name={field.name}
      label={label}
      error={error}
      value={textOf(value)}
      optional={optional}
      {...(hint ? { hint } : {})}
      {...(field.prefill ? { autocomplete: AUTOCOMPLETE[field.prefill] } : {})}
      {...extra}
    />
  );
  switch (field.type) {
    case 'text':
      return text({});
    case 'longText':
      return <Textarea ctx={ctx} id={id} name={field.name} label={label} hint={hint} error={error} value={textOf(value)} optional={optional} />;
    case 'nik':
    case 'nib':
      return text({ inputMode: 'numeric', width: 10 });
    case 'phone':
      return text({ type: 'tel', width: 10 });
    case 'email':
      return text({ type: 'email' });
    case 'number':
      // Written with the decimal mark of the page's language; the parser reads either.
      return text({ width: 10, value: typeof value === 'number' && ctx.locale === 'id' ? String(value).replace('.', ',') : textOf(value) });
    case 'money':
      return text({ inputMode: 'numeric', width: 10, value: typeof value === 'number' ? ctx.format.number(value) : textOf(value) });
    case 'date':
      return <DateField {...props} id={id} label={label} />;
    case 'select':
    case 'radios':
    case 'checkboxes': {
      const items = field.options.map((option) => ({ value: option.value, label: localized(option.label, ctx.locale) }));
      if (field.type === 'select') {
        return <Select ctx={ctx} id={id} name={field.name} label={label} hint={hint} error={error} options={items} value={textOf(value)} optional={optional} />;
      }
      if (field.type === 'radios') {
        return <Radios ctx={ctx} id={id} name={field.name} legend={label} hint={hint} error={error} items={items} value={textOf(value)} optional={optional} />;
      }
      return (
        <Checkboxes ctx={ctx} id={id} name={field.name} legend={label} hint={hint} error={error} items={items} values={listOf(value)} optional={optional} />
      );
    }
    case 'address':
      return <AddressFields {...props} id={id} label={label} />;
    case 'geoPoint':
      return <GeoPointFields {...props} id={id} label={label} />;
    case 'file':
      return <FileUploadField {...props} field={field} id={id} label={label} />;
  }
}

/** Problems about one part (a missing day) highlight that part; any other highlights the whole date. */
const PART_KEYS = new Set(['form.date.missingDay', 'form.date.missingMonth', 'form.date.missingYear', 'form.date.year']);

function DateField(props: FieldControlProps & { id: string; label: string }) {
  const { ctx, field, id, label, problems, errors } = props;
  const first = problems[0];
  const part = first ? partOfInputId(first.field) : undefined;
  const errorParts: DatePart[] | undefined = first && PART_KEYS.has(first.key) && (part === 'day' || part === 'month' || part === 'year') ? [part] : undefined;
  return (
    <DateInput
      ctx={ctx}
      id={id}
      name={field.name}
      legend={label}
      hint={props.hint}
      error={errors[0]?.message}
      errorParts={errorParts}
      value={datePartsOf(props.value)}
      optional={!field.required}
      {...(field.prefill === 'birthDate' ? { autocomplete: 'bday' as const } : {})}
    />
  );
}
