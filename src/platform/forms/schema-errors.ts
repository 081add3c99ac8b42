import type { TLocalizedValidationError } from 'typebox/error';

/** How sentences name places in one kind of document: its numbered lists, the advice for patterns, the whole. */
export interface ErrorVocabulary {
  /** A list property → how an item is called and which of its keys names it, e.g. pages → Page "child". */
  lists: Readonly<Record<string, { noun: string; key: string }>>;
  patternAdvice: Readonly<Record<string, string>>;
  /** What an error at the root is said to be about. */
  whole: string;
}

const FORM_VOCABULARY: ErrorVocabulary = {
  lists: { pages: { noun: 'Page', key: 'id' }, fields: { noun: 'field', key: 'name' }, options: { noun: 'option', key: 'value' } },
  patternAdvice: {
    name: 'must start with a lower-case letter and contain only letters and digits, at most 40 (for example "childName")',
    field: 'must be the name of a field: a lower-case letter, then letters and digits, at most 40',
    id: 'must start with a lower-case letter and contain only lower-case letters, digits and hyphens, at most 40 (for example "parents")',
    value: 'must be 1 to 40 lower-case letters, digits, "_" or "-" (for example "female")',
  },
  whole: 'The form',
};

/**
 * TypeBox's errors as sentences an agency admin can act on: where in the document (page and field, or
 * step and checklist item, by number and name), and what to change. Union branches that do not apply
 * are left out.
 */
export function describeSchemaErrors(json: unknown, errors: readonly TLocalizedValidationError[], vocabulary: ErrorVocabulary = FORM_VOCABULARY): string[] {
  const allowedByPath = new Map<string, unknown[]>();
  for (const error of errors) {
    if (error.keyword === 'const') allowedByPath.set(error.instancePath, [...(allowedByPath.get(error.instancePath) ?? []), error.params.allowedValue]);
  }
  const sentences = new Set<string>();
  for (const [path, allowed] of allowedByPath) {
    sentences.add(`${locate(json, path, vocabulary)}: must be one of ${allowed.map((value) => JSON.stringify(value)).join(', ')}.`);
  }
  for (const error of errors) {
    const sentence = describe(json, error, allowedByPath, vocabulary);
    if (sentence) sentences.add(sentence);
  }
  return [...sentences];
}

function describe(json: unknown, error: TLocalizedValidationError, grouped: ReadonlyMap<string, unknown>, vocabulary: ErrorVocabulary): string | undefined {
  const where = locate(json, error.instancePath, vocabulary);
  switch (error.keyword) {
    case 'const':
      return undefined;
    case 'anyOf':
      return grouped.has(error.instancePath) ? undefined : `${where}: ${error.message}.`;
    // The "schema is false" error for each extra key repeats the additionalProperties error on its parent.
    case 'boolean':
      return undefined;
    case 'required':
      return `${where}: ${error.params.requiredProperties.map((name) => `"${name}"`).join(', ')} is missing.`;
    case 'additionalProperties':
      return `${where}: unknown property ${error.params.additionalProperties.map((name) => `"${name}"`).join(', ')}; remove it or check its spelling.`;
    case 'pattern':
      return `${where}: ${vocabulary.patternAdvice[lastSegment(error.instancePath)] ?? error.message}.`;
    default:
      return `${where}: ${error.message}.`;
  }
}

function lastSegment(path: string): string {
  return path.split('/').at(-1) ?? '';
}

/** `/pages/0/fields/2/label/en` → `Page 1 ("child"), field 3 ("birthDate"), label.en`. */
export function locate(json: unknown, instancePath: string, vocabulary: ErrorVocabulary = FORM_VOCABULARY): string {
  const segments = instancePath.split('/').slice(1);
  const parts: string[] = [];
  const rest: string[] = [];
  let node: unknown = json;
  for (let index = 0; index < segments.length; index++) {
    const segment = segments[index] ?? '';
    const next = segments[index + 1];
    const item = next !== undefined && /^\d+$/.test(next) ? child(child(node, segment), next) : undefined;
    const list = Object.hasOwn(vocabulary.lists, segment) ? vocabulary.lists[segment] : undefined;
    if (list && item !== undefined && rest.length === 0) {
      const key = child(item, list.key);
      parts.push(`${list.noun} ${Number(next) + 1}${typeof key === 'string' ? ` (${JSON.stringify(key.slice(0, 60))})` : ''}`);
      node = item;
      index++;
    } else {
      rest.push(segment);
      node = child(node, segment);
    }
  }
  if (rest.length > 0) parts.push(rest.join('.'));
  return parts.length > 0 ? capitalise(parts.join(', ')) : vocabulary.whole;
}

function child(node: unknown, key: string): unknown {
  if (typeof node !== 'object' || node === null || !Object.hasOwn(node, key)) return undefined;
  return (node as Record<string, unknown>)[key];
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
