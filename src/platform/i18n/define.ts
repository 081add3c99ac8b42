/**
 * A module's messages in both languages. The English side must have exactly the Indonesian keys:
 * a missing or extra key is a type error. Register the result in `index.ts`.
 */
export function defineMessages<const T extends Record<string, string>>(messages: { id: T; en: { readonly [K in keyof T]: string } }) {
  return messages;
}
