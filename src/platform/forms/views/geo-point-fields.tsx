import { Fieldset } from '../../ui/components/field.tsx';
import { TextInput } from '../../ui/components/text-input.tsx';
import { inputId } from '../ids.ts';
import { errorAt, type FieldControlProps } from './field-props.ts';
import { pointPartsOf } from './values.ts';

/** A point as latitude and longitude typed in decimal degrees (a map picker can enhance this later). */
export function GeoPointFields(props: FieldControlProps & { id: string; label: string }) {
  const { ctx, field, id, label, errors } = props;
  const point = pointPartsOf(props.value);
  return (
    <Fieldset ctx={ctx} id={id} legend={label} hint={props.hint} optional={!field.required}>
      {(['lat', 'lng'] as const).map((part) => (
        <TextInput
          key={part}
          ctx={ctx}
          id={inputId(field.name, part)}
          name={`${field.name}[${part}]`}
          label={ctx.t(`form.geo.${part}.label`)}
          error={errorAt(errors, inputId(field.name, part))}
          value={point[part]}
          width={10}
        />
      ))}
    </Fieldset>
  );
}
