import type { AuditActor } from '../../platform/audit/audit.input.ts';
import { agenciesFor, type SignedInActor } from '../../platform/auth/actor.ts';
import { type Permission, roleHasPermission } from '../../platform/auth/permissions.ts';
import { decryptField, encryptField } from '../../platform/crypto/envelope.ts';
import type { FormData, FormSchema } from '../../platform/forms/form-schema.ts';
import type { ApplicationChannel, ApplicationStatus } from './applications.tables.ts';

// What the applications module shares between its services: the encryption contexts of its
// columns, the shape of a service version it needs from the catalogue, and how actors are recorded.

/** The parts of a service version the applications module uses (from the catalogue service). */
export interface VersionView {
  id: string;
  serviceId: string;
  agencyId: string;
  code: string;
  version: number;
  status: 'draft' | 'published' | 'retired';
  nameId: string;
  nameEn: string;
  channels: readonly ApplicationChannel[];
  applicantTypes: readonly ('citizen' | 'business')[];
  priorityGroups: readonly string[];
  timeLimitWorkingDays: number;
  form: FormSchema;
  /** The stored workflow definition (workflowOf reads it); null or absent: the standard workflow. */
  workflow?: unknown;
  /** The fee in rupiah; 0 or absent: free. */
  costAmount?: number;
}

/** How the applications module reads service versions; bound to the catalogue in src/services.ts. */
export interface VersionSource {
  getVersion(id: string): Promise<VersionView | undefined>;
  publishedVersionByCode(code: string): Promise<VersionView | undefined>;
}

const REGIONS_TTL_MS = 10 * 60 * 1000;

/**
 * The form engine checks address codes synchronously, so the region codes are read once and kept for
 * a few minutes (the table changes only with a migration or the catalogue's seed).
 */
export function regionCheck(load: () => Promise<string[]>): () => Promise<(code: string) => boolean> {
  let cached: { codes: Set<string>; at: number } | undefined;
  return async () => {
    if (!cached || Date.now() - cached.at > REGIONS_TTL_MS) cached = { codes: new Set(await load()), at: Date.now() };
    const { codes } = cached;
    return (code) => codes.has(code);
  };
}

/** Each ciphertext names its row, so it cannot be moved to another application and still open. */
export const answersContext = (applicationId: string) => `application.answers:${applicationId}`;
export const messageContext = (applicationId: string) => `application.message:${applicationId}`;
export const draftContext = (draftId: string) => `application_draft.answers:${draftId}`;

export function sealJson(key: Buffer, value: FormData, context: string): string {
  return encryptField(key, JSON.stringify(value), context);
}

export function openJson(key: Buffer, value: string, context: string): FormData {
  return JSON.parse(decryptField(key, value, context)) as FormData;
}

/** Statuses from which the applicant may still withdraw. */
export const OPEN_STATUSES: readonly ApplicationStatus[] = ['submitted', 'in_review', 'information_requested'];

export function citizenAuditActor(actor: SignedInActor): AuditActor {
  return { accountId: actor.accountId, role: actor.kind === 'citizen' ? 'citizen' : 'staff', agencyId: null };
}

/** The role a staff member acts in at an agency, for a permission: recorded on the timeline and in the audit log. */
export function staffRoleAt(actor: SignedInActor, permission: Permission, agencyId: string): string | undefined {
  if (actor.kind !== 'staff') return undefined;
  const grant = actor.grants.find((g) => roleHasPermission(g.role, permission) && (g.agencyId === agencyId || g.agencyId === null));
  return grant?.role;
}

export function staffMayAct(actor: SignedInActor, permission: Permission, agencyId: string): boolean {
  const scope = agenciesFor(actor, permission);
  return scope === 'all' || scope.includes(agencyId);
}
