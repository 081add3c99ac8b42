/**
 * Defensive reads of a posted body. Parsers give strings, arrays of strings for repeated names, or
 * (qs-style, or a JSON API) nested objects; anything else, or a name the body does not own (such as
 * `constructor` or `__proto__`), reads as absent, so that a hostile post meets validation, not a crash.
 */

/** Long enough for any length limit a form can set (10,000 code points), short enough to stay cheap. */
export const MAX_TEXT_UNITS = 20_000;

function own(source: unknown, key: string): unknown {
  if (typeof source !== 'object' || source === null || Array.isArray(source) || !Object.hasOwn(source, key)) return undefined;
  return (source as Record<string, unknown>)[key];
}

/** The text posted under `name`, or '' when it is absent, repeated or not text. Cut to `max` UTF-16 units and made well-formed. */
export function readText(body: unknown, name: string, max = MAX_TEXT_UNITS): string {
  const value = own(body, name);
  return typeof value === 'string' ? clean(value.slice(0, max)) : '';
}

/** The text posted as `name[part]` (flat, as urlencoded parsers leave it) or as `name: { part }` (nested). */
export function readPart(body: unknown, name: string, part: string, max = 500): string {
  const flat = own(body, `${name}[${part}]`);
  if (typeof flat === 'string') return clean(flat.slice(0, max));
  return readText(own(body, name), part, max);
}

/** Every text posted under `name` (a checkbox group posts one per ticked box). */
export function readTexts(body: unknown, name: string, maxItems = 200): string[] {
  const value = own(body, name);
  if (typeof value === 'string') return [clean(value.slice(0, 200))];
  if (!Array.isArray(value)) return [];
  return value.slice(0, maxItems).flatMap((item) => (typeof item === 'string' ? [clean(item.slice(0, 200))] : []));
}

// A lone surrogate or a NUL byte cannot be stored in PostgreSQL text or jsonb: it would turn a bad
// post into a server error at save time.
function clean(text: string): string {
  return text.toWellFormed().replaceAll('\u0000', '');
}
