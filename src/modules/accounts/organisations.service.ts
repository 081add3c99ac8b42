import type { AuditLog } from '../../platform/audit/audit.service.ts';
import type { SignedInActor } from '../../platform/auth/actor.ts';
import { authErrors } from '../../platform/auth/errors.ts';
import { decryptField, encryptField } from '../../platform/crypto/envelope.ts';
import type { Database } from '../../platform/db/database.ts';
import type { AccountsRepository } from './accounts.repository.ts';
import type { FieldProblem, RequestOrigin, Result } from './accounts.service.ts';
import { validateNib } from './nib.ts';
import { validateNik } from './nik.ts';
import type { PersonalData } from './personal-data.ts';
import type { SessionStore } from './sessions.ts';

export interface OrganisationSummary {
  id: string;
  name: string;
  /** Shown masked: the full NIB is not needed to recognise one's own business. */
  nibMasked: string;
  role: 'owner' | 'staff';
  memberCount: number;
}

export function maskNib(nib: string): string {
  return `${nib.slice(0, 3)}${'*'.repeat(Math.max(0, nib.length - 6))}${nib.slice(-3)}`;
}

export function createOrganisationsService(deps: {
  db: Database;
  repository: AccountsRepository;
  personalData: PersonalData;
  dataKeys: { open(id: string): Promise<Buffer> };
  sessions: SessionStore;
  audit: AuditLog;
}) {
  const { db, repository, personalData, sessions, audit } = deps;
  return {
    /** The organisations a citizen belongs to, with their role in each. */
    async listFor(actor: SignedInActor): Promise<OrganisationSummary[]> {
      const rows = await db
        .selectFrom('organisationMember as m')
        .innerJoin('organisation as o', 'o.id', 'm.organisationId')
        .select((eb) => [
          'o.id',
          'o.name',
          'o.nibEnc',
          'o.dataKeyId',
          'm.role',
          eb
            .selectFrom('organisationMember as all')
            .whereRef('all.organisationId', '=', 'o.id')
            .select((inner) => inner.fn.countAll<number>().as('n'))
            .as('memberCount'),
        ])
        .where('m.accountId', '=', actor.accountId)
        .orderBy('o.name')
        .execute();
      return Promise.all(
        rows.map(async (row) => ({
          id: row.id,
          name: row.name,
          nibMasked: maskNib(decryptField(await deps.dataKeys.open(row.dataKeyId), row.nibEnc, `organisation.nib:${row.id}`)),
          role: row.role,
          memberCount: Number(row.memberCount ?? 0),
        })),
      );
    },

    /** The full NIBs of the businesses the citizen owns: the data tracker looks up accesses by them. */
    async ownedNibs(actor: SignedInActor): Promise<string[]> {
      if (actor.kind !== 'citizen') return [];
      const rows = await db
        .selectFrom('organisationMember as m')
        .innerJoin('organisation as o', 'o.id', 'm.organisationId')
        .select(['o.id', 'o.nibEnc', 'o.dataKeyId'])
        .where('m.accountId', '=', actor.accountId)
        .where('m.role', '=', 'owner')
        .orderBy('o.name')
        .execute();
      return Promise.all(rows.map(async (row) => decryptField(await deps.dataKeys.open(row.dataKeyId), row.nibEnc, `organisation.nib:${row.id}`)));
    },

    /**
     * Registers a business by its NIB and makes the citizen its owner. A NIB registered before is
     * refused: its owner adds members. Staff accounts cannot register businesses.
     */
    async register(actor: SignedInActor, input: { nib: string; name: string }, origin: RequestOrigin): Promise<Result<{ organisationId: string }>> {
      if (actor.kind !== 'citizen') return { ok: false, problems: [{ field: 'nib', key: 'organisation.staffRefused' }] };
      const problems: FieldProblem[] = [];
      const nib = validateNib(input.nib);
      if (!nib.ok) problems.push({ field: 'nib', key: nib.error, params: nib.params });
      const name = input.name.trim().replace(/\s+/g, ' ');
      if (name.length < 2 || name.length > 200) problems.push({ field: 'name', key: 'organisation.name.invalid' });
      if (!nib.ok || problems.length > 0) return { ok: false, problems };
      const nibIndex = personalData.index('nib', nib.nib);
      if (await repository.organisationIdByNibIndex(nibIndex)) return { ok: false, problems: [{ field: 'nib', key: 'organisation.nib.taken' }] };
      const organisationId = crypto.randomUUID();
      try {
        await db.transaction().execute(async (trx) => {
          const key = await personalData.newKey(trx);
          await repository.insertOrganisation(
            { id: organisationId, nibIndex, nibEnc: encryptField(key.key, nib.nib, `organisation.nib:${organisationId}`), name, dataKeyId: key.id },
            trx,
          );
          await repository.addOrganisationMember({ organisationId, accountId: actor.accountId, role: 'owner' }, trx);
          await audit.record(
            {
              actor: { accountId: actor.accountId, role: 'citizen', agencyId: null },
              action: 'organisation.registered',
              subject: { type: 'organisation', id: organisationId },
              ip: origin.ip,
              requestId: origin.requestId,
            },
            trx,
          );
        });
      } catch (error) {
        if ((error as { code?: string }).code === '23505') return { ok: false, problems: [{ field: 'nib', key: 'organisation.nib.taken' }] };
        throw error;
      }
      return { ok: true, value: { organisationId } };
    },
    /**
     * Adds a citizen, found by NIK, to an organisation the actor owns. The new member's sessions end,
     * so their next sign-in carries the new role (a session never gains privileges in place).
     * @throws 404 AppError when the actor is not the organisation's owner.
     */
    async addMember(
      actor: SignedInActor,
      organisationId: string,
      input: { nik: string; role: string },
      origin: RequestOrigin,
    ): Promise<Result<{ accountId: string }>> {
      const owned = await db
        .selectFrom('organisationMember')
        .select('organisationId')
        .where('organisationId', '=', organisationId)
        .where('accountId', '=', actor.accountId)
        .where('role', '=', 'owner')
        .executeTakeFirst();
      if (!owned) throw authErrors.notFound();
      const nik = validateNik(input.nik);
      if (!nik.ok) return { ok: false, problems: [{ field: 'nik', key: nik.error }] };
      const role = input.role === 'owner' ? 'owner' : 'staff';
      const member = await repository.findByIndex('nikIndex', personalData.index('nik', nik.nik));
      if (member?.kind !== 'citizen') return { ok: false, problems: [{ field: 'nik', key: 'organisation.member.notFound' }] };
      const existing = await db
        .selectFrom('organisationMember')
        .select('role')
        .where('organisationId', '=', organisationId)
        .where('accountId', '=', member.id)
        .executeTakeFirst();
      if (existing) return { ok: false, problems: [{ field: 'nik', key: 'organisation.member.exists' }] };
      await db.transaction().execute(async (trx) => {
        await repository.addOrganisationMember({ organisationId, accountId: member.id, role }, trx);
        await sessions.revokeAll(member.id, undefined, trx);
        await audit.record(
          {
            actor: { accountId: actor.accountId, role: 'business_member', agencyId: null },
            action: 'organisation.member_added',
            subject: { type: 'organisation', id: organisationId },
            ip: origin.ip,
            requestId: origin.requestId,
            details: { memberAccountId: member.id, role },
          },
          trx,
        );
      });
      return { ok: true, value: { accountId: member.id } };
    },
  };
}

export type OrganisationsService = ReturnType<typeof createOrganisationsService>;
