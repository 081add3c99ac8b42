import type { FieldFrameProps } from './field.tsx';

/** One option of a radio or checkbox group. */
export interface ChoiceItem {
  value: string;
  label: string;
  hint?: string;
}

/** What radios and checkboxes share. */
export interface ChoiceGroupProps extends FieldFrameProps {
  /** Defaults to the id. */
  name?: string;
  legend: string;
  /** The legend as the page heading, for one-question pages. */
  legendAsHeading?: boolean;
  items: readonly ChoiceItem[];
}

/**
 * The inputs of a radio or checkbox group. The first input takes the group's id, so that the
 * error summary link `#${id}` lands on it; the others take `${id}-2`, `${id}-3`, and so on.
 */
export function ChoiceList(props: {
  type: 'radio' | 'checkbox';
  id: string;
  name: string;
  items: readonly ChoiceItem[];
  isChecked: (value: string) => boolean;
}) {
  const { type, id, name, items, isChecked } = props;
  return (
    <>
      {items.map((item, index) => {
        const itemId = index === 0 ? id : `${id}-${index + 1}`;
        // "-item-hint", not "-hint": the first item shares its id with the group, whose hint is `${id}-hint`.
        const hintId = item.hint ? `${itemId}-item-hint` : undefined;
        const attributes = { id: itemId, name, value: item.value, checked: isChecked(item.value), 'aria-describedby': hintId };
        return (
          <div class="choice" key={item.value}>
            {type === 'radio' ? <input type="radio" {...attributes} /> : <input type="checkbox" {...attributes} />}
            <div>
              <label for={itemId}>{item.label}</label>
              {item.hint ? (
                <p id={hintId} class="hint">
                  {item.hint}
                </p>
              ) : null}
            </div>
          </div>
        );
      })}
    </>
  );
}
