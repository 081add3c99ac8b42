import type { Locale } from '../i18n/index.ts';
import type { Field, LocalizedText } from './form-schema.ts';

export function localized(text: LocalizedText, locale: Locale): string {
  return text[locale];
}

/**
 * The label for the middle of a sentence ("Isi nama lengkap anak."): the first letter lower-cased,
 * unless the first word is an abbreviation or a name written with capitals inside it (NIK, KTP-el).
 */
export function labelInSentence(label: string): string {
  const firstWord = label.split(/\s/)[0] ?? '';
  if (/\p{Lu}/u.test(firstWord.slice(1))) return label;
  return label.charAt(0).toLocaleLowerCase() + label.slice(1);
}

/** Message parameters naming a field: `{label}` inside a sentence, `{Label}` at its start. */
export function labelParams(field: Field, locale: Locale): { label: string; Label: string } {
  const label = localized(field.label, locale);
  return { label: labelInSentence(label), Label: label };
}
