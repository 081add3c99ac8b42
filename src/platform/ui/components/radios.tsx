import { type ChoiceGroupProps, ChoiceList } from './choices.tsx';
import { Fieldset } from './field.tsx';

export interface RadiosProps extends ChoiceGroupProps {
  /** The value that is checked, for example the answer kept after an error. */
  value?: string | undefined;
}

/** One answer from a short list: a fieldset of radios with legend, hint and error. */
export function Radios(props: RadiosProps) {
  const { ctx, id, legend, hint, error } = props;
  return (
    <Fieldset ctx={ctx} id={id} legend={legend} legendAsHeading={props.legendAsHeading} hint={hint} error={error} optional={props.optional}>
      <ChoiceList type="radio" id={id} name={props.name ?? id} items={props.items} isChecked={(value) => value === props.value} />
    </Fieldset>
  );
}
