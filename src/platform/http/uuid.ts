const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Whether text from a URL or form is a UUID in its canonical 8-4-4-4-12 form. Check before an id
 * reaches a uuid column: PostgreSQL refuses anything else with 22P02, which would surface as a 500.
 */
export function isUuid(text: unknown): text is string {
  return typeof text === 'string' && UUID.test(text);
}
