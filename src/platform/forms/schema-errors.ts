import type { TLocalizedValidationError } from 'typebox/error';

/**
 * TypeBox's errors as sentences an agency admin can act on: where in the form (page and field by
 * number and name), and what to change. Union branches that do not apply are left out.
 */
export function describeSchemaErrors(json: unknown, errors: readonly TLocalizedValidationError[]): string[] {
  const allowedByPath = new Map<string, unknown[]>();
  for (const error of errors) {
    if (error.keyword === 'const') allowedByPath.set(error.instancePath, [...(allowedByPath.get(error.instancePath) ?? []), error.params.allowedValue]);
  }
  const sentences = new Set<string>();
  for (const [path, allowed] of allowedByPath) {
    sentences.add(`${locate(json, path)}: must be one of ${allowed.map((value) => JSON.stringify(value)).join(', ')}.`);
  }
  for (const error of errors) {
    const sentence = describe(json, error, allowedByPath);
    if (sentence) sentences.add(sentence);
  }
  return [...sentences];
}

function describe(json: unknown, error: TLocalizedValidationError, grouped: ReadonlyMap<string, unknown>): string | undefined {
  const where = locate(json, error.instancePath);
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
      return `${where}: ${PATTERN_ADVICE[lastSegment(error.instancePath)] ?? error.message}.`;
    default:
      return `${where}: ${error.message}.`;
  }
}

const PATTERN_ADVICE: Record<string, string> = {
  name: 'must start with a lower-case letter and contain only letters and digits, at most 40 (for example "childName")',
  field: 'must be the name of a field: a lower-case letter, then letters and digits, at most 40',
  id: 'must start with a lower-case letter and contain only lower-case letters, digits and hyphens, at most 40 (for example "parents")',
  value: 'must be 1 to 40 lower-case letters, digits, "_" or "-" (for example "female")',
};

function lastSegment(path: string): string {
  return path.split('/').at(-1) ?? '';
}

/** `/pages/0/fields/2/label/en` → `Page 1 ("child"), field 3 ("birthDate"), label.en`. */
export function locate(json: unknown, instancePath: string): string {
  const segments = instancePath.split('/').slice(1);
  const parts: string[] = [];
  const rest: string[] = [];
  let node: unknown = json;
  for (let index = 0; index < segments.length; index++) {
    const segment = segments[index] ?? '';
    const next = segments[index + 1];
    const item = next !== undefined && /^\d+$/.test(next) ? child(child(node, segment), next) : undefined;
    if ((segment === 'pages' || segment === 'fields' || segment === 'options') && item !== undefined && rest.length === 0) {
      const noun = { pages: 'Page', fields: 'field', options: 'option' }[segment];
      const key = child(item, segment === 'pages' ? 'id' : segment === 'fields' ? 'name' : 'value');
      parts.push(`${noun} ${Number(next) + 1}${typeof key === 'string' ? ` (${JSON.stringify(key.slice(0, 60))})` : ''}`);
      node = item;
      index++;
    } else {
      rest.push(segment);
      node = child(node, segment);
    }
  }
  if (rest.length > 0) parts.push(rest.join('.'));
  return parts.length > 0 ? capitalise(parts.join(', ')) : 'The form';
}

function child(node: unknown, key: string): unknown {
  if (typeof node !== 'object' || node === null || !Object.hasOwn(node, key)) return undefined;
  return (node as Record<string, unknown>)[key];
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
