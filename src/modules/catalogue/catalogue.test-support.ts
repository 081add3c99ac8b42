import type { SignedInActor } from '../../platform/auth/actor.ts';
import type { StaffRole } from '../../platform/auth/permissions.ts';
import type { RequestOrigin } from '../../platform/http/request-input.ts';
import type { Services } from '../../services.ts';
import { createStaff } from '../applications/applications.test-support.ts';
import type { DemoService } from './seed/demo-common.ts';
import type { DraftInput } from './service-draft.ts';

// Factories for the catalogue tests. Test data only.

export const ORIGIN: RequestOrigin = { ip: '127.0.0.1', requestId: 'test-request', userAgent: 'vitest' };

export async function agencyId(services: Services, code: string): Promise<string> {
  const id = await services.accountsRepository.agencyIdByCode(code);
  if (!id) throw new Error(`agency ${code} not seeded`);
  return id;
}

/** A staff member with one role at an agency (null: a cross-agency role). */
export function staffAt(services: Services, agency: string | null, role: StaffRole = 'agency_admin'): Promise<SignedInActor> {
  return createStaff(services, agency, role);
}

/** A complete draft, as the back office would post it, from a demo service. */
export function draftInputFrom(demo: DemoService, changes: Partial<DraftInput> = {}): DraftInput {
  return {
    nameId: demo.nameId,
    nameEn: demo.nameEn,
    summaryId: demo.summaryId,
    summaryEn: demo.summaryEn,
    lifeEvents: demo.lifeEvents,
    applicantTypes: demo.applicantTypes,
    channels: demo.channels,
    priorityGroups: demo.priorityGroups,
    standard: structuredClone(demo.standard),
    form: JSON.stringify(demo.form),
    workflow: JSON.stringify(demo.workflow),
    outputTemplate: '',
    ...changes,
  };
}

/** A web session for a staff actor, as the cookie a browser would send. */
export async function sessionCookie(services: Services, actor: SignedInActor): Promise<string> {
  const token = await services.sessions.create({ accountId: actor.accountId, accountKind: 'staff', kind: 'web', mfaVerified: true, userAgent: 'test' });
  return `loket_session=${token}`;
}
