import type { Permission } from '../auth/permissions.ts';
import type { Formatters, Locale, Translate } from '../i18n/index.ts';

/** What every page and component needs to know about the request it renders for. */
export interface PageContext {
  locale: Locale;
  t: Translate;
  format: Formatters;
  /** Path and query of the current request, for the language switch and return links. */
  path: string;
  requestId: string;
  /** Hashed URL of the stylesheet. */
  cssHref: string;
  /** Whether someone is signed in: the header offers "My account" and "Sign out" instead of "Sign in". */
  signedIn: boolean;
  /** Whether the person holds a permission, so that staff menus offer only what they may open; absent means none. */
  can?: (permission: Permission) => boolean;
  /** CSRF token for forms on this page; created on demand. */
  csrfToken(): string;
}
