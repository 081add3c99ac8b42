import { type Permission, type Role, roleHasPermission, type StaffRole } from './permissions.ts';

export interface StaffGrant {
  role: StaffRole;
  /** Null for the cross-agency roles. */
  agencyId: string | null;
  unitId: string | null;
}

export interface OrganisationMembership {
  organisationId: string;
  role: 'owner' | 'staff';
}

/** Who is making a request. Services take it as an explicit argument, never the request. */
export type Actor =
  | { kind: 'anonymous' }
  | { kind: 'citizen'; accountId: string; sessionId: string; locale: 'id' | 'en'; organisations: readonly OrganisationMembership[] }
  | { kind: 'staff'; accountId: string; sessionId: string; locale: 'id' | 'en'; grants: readonly StaffGrant[] };

export type SignedInActor = Exclude<Actor, { kind: 'anonymous' }>;

export const ANONYMOUS: Actor = Object.freeze({ kind: 'anonymous' });

/** The roles an actor holds: a citizen who belongs to an organisation is also a business member. */
export function rolesOf(actor: Actor): Role[] {
  switch (actor.kind) {
    case 'anonymous':
      return [];
    case 'citizen':
      return actor.organisations.length > 0 ? ['citizen', 'business_member'] : ['citizen'];
    case 'staff':
      return [...new Set(actor.grants.map((grant) => grant.role))];
  }
}

export function can(actor: Actor, permission: Permission): boolean {
  return rolesOf(actor).some((role) => roleHasPermission(role, permission));
}

/**
 * The agencies in which the actor holds a role granting the permission; 'all' for cross-agency
 * roles. Services use it to scope queries and to refuse records of another agency.
 */
export function agenciesFor(actor: Actor, permission: Permission): 'all' | string[] {
  if (actor.kind !== 'staff') return [];
  const grants = actor.grants.filter((grant) => roleHasPermission(grant.role, permission));
  if (grants.some((grant) => grant.agencyId === null)) return 'all';
  return [...new Set(grants.map((grant) => grant.agencyId).filter((id): id is string => id !== null))];
}
