/**
 * Input ids are prefixed so that a field name can never clash with an id of the page around the form
 * (the layout uses `main`, for example). Parts of a compound field (date, address, point) add `-<part>`.
 */
export function inputId(name: string, part?: string): string {
  return part ? `field-${name}-${part}` : `field-${name}`;
}

/** The field name an input id was made from (names cannot contain a hyphen, so the split is exact). */
export function fieldNameOfInputId(id: string): string | undefined {
  const [prefix, name] = id.split('-');
  return prefix === 'field' && name ? name : undefined;
}

/** The part of a compound field an input id names (`day`, `street`, `lat`…), if any. */
export function partOfInputId(id: string): string | undefined {
  return id.split('-')[2];
}

/** The name of the button that removes an uploaded file; its value is the file id. Reserved as a field name. */
export const REMOVE_FILE_FIELD = 'removeFile';

/**
 * Names a field cannot take: the remove button's, and those every plain object inherits, which a
 * careless `data[name]` would read as a function.
 */
export const RESERVED_FIELD_NAMES: ReadonlySet<string> = new Set([REMOVE_FILE_FIELD, ...Object.getOwnPropertyNames(Object.prototype)]);

/** Page ids the apply journey uses for its own steps (/apply/:draft/check, /saved, /submit). */
export const RESERVED_PAGE_IDS: ReadonlySet<string> = new Set(['check', 'saved', 'submit']);
