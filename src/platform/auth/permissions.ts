/**
 * Roles and what each may do. A route names one permission; a service then checks scope (agency,
 * unit) and ownership. Cross-agency roles (auditor, platform admin) carry no agency.
 */
export const STAFF_ROLES = ['officer', 'supervisor', 'agency_admin', 'complaints_desk', 'auditor', 'platform_admin'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];
export type Role = 'citizen' | 'business_member' | StaffRole;
export const ROLES: readonly Role[] = ['citizen', 'business_member', ...STAFF_ROLES];

const EVERY_ACCOUNT: readonly Role[] = ROLES;

export const PERMISSIONS = {
  /** See and manage one's own account: profile, contact, language, sessions. */
  'account.self': EVERY_ACCOUNT,
  /** See the organisations one belongs to; owners manage members (checked in the service). */
  'organisation.member': ['business_member'],
  /** Create staff accounts and grant roles, within one's agency (platform admins: any agency). */
  'staff.manage': ['agency_admin', 'platform_admin'],
  /** Search and read the audit log, across agencies. */
  'audit.read': ['auditor', 'platform_admin'],
  /** Define services (standard, form, versions) and publish them, within one's agency (platform admins: any agency). */
  'catalogue.manage': ['agency_admin', 'platform_admin'],
  /** Register an application at the counter for a walk-in applicant, within one's agency. */
  'application.counter': ['officer', 'supervisor'],
  /** Work applications through their workflow: queues, workspace, claim, act, notes; within one's agency (and unit, where a step names one). */
  'application.work': ['officer', 'supervisor'],
  /** Assign and reassign work, see the supervisor page and the escalated queue, within one's agency. */
  'application.supervise': ['supervisor'],
  /** Revoke an issued document, with a reason shown on verification, within one's agency. */
  'document.revoke': ['supervisor'],
  /** The complaints desk: triage (verify, forward, archive, merge), routing rules, escalations, reporters' identities; across agencies. */
  'complaint.triage': ['complaints_desk'],
  /** Work complaints forwarded to one's agency: follow-up plan, messages, response, postponement; anonymous reporters stay hidden. */
  'complaint.handle': ['officer', 'supervisor'],
  /** See the agency's complaint statistics and escalated complaints, within one's agency. */
  'complaint.supervise': ['supervisor'],
  /** Issue and revoke Open311 API keys for partner apps. */
  'open311.keys': ['platform_admin'],
  /** Subscribe the agency's systems to webhooks, disable them, read the delivery log and redeliver, within one's agency. */
  'webhook.manage': ['agency_admin'],
  /** Open the counter's satisfaction-survey kiosk for a completed application of one's agency, or enter a paper questionnaire. */
  'survey.kiosk': ['officer', 'supervisor'],
  /** See the satisfaction index (aggregates only, never a response) of one's agency; auditors and platform admins: every agency. */
  'survey.read': ['supervisor', 'agency_admin', 'auditor', 'platform_admin'],
  /** Work data-subject requests (corrections, objections, restrictions) routed to one's agency; platform admins: those about account data, and all. */
  'privacy.handle': ['agency_admin', 'platform_admin'],
  /** Set and release legal holds on records, and see the retention rules; platform-wide. */
  'privacy.holds': ['platform_admin'],
  /** Upload the budget and realization per programme that the public dashboard shows, for one's agency (platform admins: any agency). */
  'budget.manage': ['agency_admin', 'platform_admin'],
  /** See the data products one's agency provides or consumes and its exchange API clients, and revoke them (platform admins: every agency). */
  'exchange.manage': ['agency_admin', 'platform_admin'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function roleHasPermission(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}
