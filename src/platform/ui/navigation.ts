import type { Permission } from '../auth/permissions.ts';
import type { MessageKey } from '../i18n/index.ts';

export interface NavItem {
  href: string;
  labelKey: MessageKey;
}

/** A menu entry for staff, shown only to those holding the permission its route requires. */
export interface StaffNavItem extends NavItem {
  permission: Permission;
}

/** The main menu. A module adds its entry when its pages exist, so the menu never leads to a 404. */
export const NAV_ITEMS: readonly NavItem[] = [
  { href: '/', labelKey: 'layout.nav.home' },
  { href: '/services', labelKey: 'catalogue.nav' },
  { href: '/applications', labelKey: 'applications.nav.mine' },
  { href: '/track', labelKey: 'applications.nav.track' },
  { href: '/complaints', labelKey: 'complaintPages.nav' },
  { href: '/transparency', labelKey: 'transparency.nav' },
  { href: '/api/docs', labelKey: 'layout.nav.api' },
];

/** The back office menu: casework and complaints (the back office pages render it). */
export const STAFF_NAV_ITEMS: readonly StaffNavItem[] = [
  { href: '/backoffice/queue', labelKey: 'backoffice.nav.queue', permission: 'application.work' },
  { href: '/backoffice/supervisor', labelKey: 'backoffice.nav.supervisor', permission: 'application.supervise' },
  { href: '/backoffice/complaints/triage', labelKey: 'complaintDesk.nav.triage', permission: 'complaint.triage' },
  { href: '/backoffice/complaints', labelKey: 'complaintDesk.nav.agency', permission: 'complaint.handle' },
  { href: '/backoffice/complaints/routes', labelKey: 'complaintDesk.nav.routes', permission: 'complaint.triage' },
  { href: '/backoffice/complaints/statistics', labelKey: 'complaintDesk.nav.statistics', permission: 'complaint.triage' },
  { href: '/backoffice/complaints/agency-statistics', labelKey: 'complaintDesk.nav.agencyStatistics', permission: 'complaint.supervise' },
];

/** The administration pages: services, staff accounts, the audit log, partner API keys. */
export const ADMIN_NAV_ITEMS: readonly StaffNavItem[] = [
  { href: '/admin/services', labelKey: 'catalogue.admin.list.title', permission: 'catalogue.manage' },
  { href: '/staff', labelKey: 'staff.title', permission: 'staff.manage' },
  { href: '/audit', labelKey: 'audit.title', permission: 'audit.read' },
  { href: '/admin/open311-keys', labelKey: 'open311.keys.title', permission: 'open311.keys' },
  { href: '/backoffice/privacy', labelKey: 'privacy.staff.title', permission: 'privacy.handle' },
  { href: '/backoffice/privacy/holds', labelKey: 'privacy.holds.title', permission: 'privacy.holds' },
  { href: '/admin/webhooks', labelKey: 'webhooks.title', permission: 'webhook.manage' },
  { href: '/admin/exchange', labelKey: 'exchange.admin.title', permission: 'exchange.manage' },
  { href: '/admin/budget', labelKey: 'budget.admin.title', permission: 'budget.manage' },
];

/** The entries this person may follow: a route's guard would refuse the others. */
export function allowedItems(items: readonly StaffNavItem[], can: (permission: Permission) => boolean): StaffNavItem[] {
  return items.filter((item) => can(item.permission));
}

/** The menu entry for the page being shown: exact for the home page, by prefix for sections. */
export function isCurrent(path: string, href: string): boolean {
  const pathname = path.split('?')[0] ?? path;
  return href === '/' ? pathname === '/' : pathname === href || pathname.startsWith(`${href}/`);
}

/**
 * The one entry of a menu to mark as current: the longest that matches, since a section may
 * hold another (the agency queue /backoffice/complaints and the desk's …/complaints/triage).
 */
export function currentHref(path: string, items: readonly NavItem[]): string | undefined {
  let best: string | undefined;
  for (const item of items) if (isCurrent(path, item.href) && item.href.length > (best?.length ?? -1)) best = item.href;
  return best;
}
