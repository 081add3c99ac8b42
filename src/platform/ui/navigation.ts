import type { MessageKey } from '../i18n/index.ts';

export interface NavItem {
  href: string;
  labelKey: MessageKey;
}

/** The main menu. A module adds its entry when its pages exist, so the menu never leads to a 404. */
export const NAV_ITEMS: readonly NavItem[] = [
  { href: '/', labelKey: 'layout.nav.home' },
  { href: '/services', labelKey: 'catalogue.nav' },
  { href: '/applications', labelKey: 'applications.nav.mine' },
  { href: '/track', labelKey: 'applications.nav.track' },
  { href: '/complaints', labelKey: 'complaintPages.nav' },
  { href: '/api/docs', labelKey: 'layout.nav.api' },
];

/** Staff menu entries, each shown only to those holding its permission (the back office renders them). */
export const STAFF_NAV_ITEMS: readonly (NavItem & { permission: 'application.work' | 'application.supervise' | 'complaint.handle' })[] = [
  { href: '/backoffice/queue', labelKey: 'backoffice.nav.queue', permission: 'application.work' },
  { href: '/backoffice/supervisor', labelKey: 'backoffice.nav.supervisor', permission: 'application.supervise' },
  { href: '/backoffice/complaints', labelKey: 'complaintDesk.nav.agency', permission: 'complaint.handle' },
];

/** The menu entry for the page being shown: exact for the home page, by prefix for sections. */
export function isCurrent(path: string, href: string): boolean {
  const pathname = path.split('?')[0] ?? path;
  return href === '/' ? pathname === '/' : pathname === href || pathname.startsWith(`${href}/`);
}
