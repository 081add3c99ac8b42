import { type ChoiceGroupProps, ChoiceList } from './choices.tsx';
import { Fieldset } from './field.tsx';

export interface CheckboxesProps extends ChoiceGroupProps {
  /** The values that are checked, for example the answers kept after an error. */
  values?: readonly string[] | undefined;
}

/** Any number of answers from a list: a fieldset of checkboxes sharing one name. */
export function Checkboxes(props: CheckboxesProps) {
  const { ctx, id, legend, hint, error } = props;
  const checked = new Set(props.values ?? []);
  return (
    <Fieldset ctx={ctx} id={id} legend={legend} legendAsHeading={props.legendAsHeading} hint={hint} error={error} optional={props.optional}>
      <ChoiceList type="checkbox" id={id} name={props.name ?? id} items={props.items} isChecked={(value) => checked.has(value)} />
    </Fieldset>
  );
}
