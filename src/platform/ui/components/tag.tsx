export type TagColour = 'grey' | 'blue' | 'green' | 'yellow' | 'red';

export interface TagProps {
  /** Always shown: the colour only supports the text, never replaces it. */
  text: string;
  colour?: TagColour;
}

/** A short status label, such as "Diproses" or "Perlu tindakan Anda". */
export function Tag({ text, colour = 'grey' }: TagProps) {
  return <strong class={`tag tag--${colour}`}>{text}</strong>;
}
