import type { Insertable, Selectable } from 'kysely';
import type { Database } from '../../platform/db/database.ts';
import type { TimeZone } from '../../platform/db/schema.ts';
import type { ApplicationAttachmentTable, ApplicationDraftTable, ApplicationEventTable, ApplicationStatus, ApplicationTable } from './applications.tables.ts';

export type ApplicationRow = Selectable<ApplicationTable>;
export type DraftRow = Selectable<ApplicationDraftTable>;

export interface EventRow {
  id: number;
  occurredAt: Date;
  kind: string;
  actorRole: string;
  actorAgencyId: string | null;
  actorAgencyNameId: string | null;
  actorAgencyNameEn: string | null;
  messageEnc: string | null;
}

export interface AgencyName {
  id: string;
  nameId: string;
  nameEn: string;
  timeZone: TimeZone;
}

/** A unique violation, and which constraint raised it. */
export function uniqueViolation(error: unknown): string | undefined {
  const pgError = error as { code?: string; constraint?: string };
  return pgError.code === '23505' ? (pgError.constraint ?? 'unknown') : undefined;
}

export const IDEMPOTENCY_CONSTRAINT = 'application_idempotency_idx';
export const TRACKING_CONSTRAINT = 'application_tracking_number_key';

/** SQL of the applications module; every function takes the caller's transaction when given one. */
export function createApplicationsRepository(db: Database) {
  return {
    async insert(row: Insertable<ApplicationTable>, trx: Database = db): Promise<ApplicationRow> {
      return trx.insertInto('application').values(row).returningAll().executeTakeFirstOrThrow();
    },

    /** The application a person (or, for a counter application without an account, its officer) filed under a key. */
    async findByIdempotencyKey(ownerAccountId: string, key: string, trx: Database = db): Promise<ApplicationRow | undefined> {
      return trx
        .selectFrom('application')
        .selectAll()
        .where((eb) => eb(eb.fn.coalesce('applicantAccountId', 'createdBy'), '=', ownerAccountId))
        .where('idempotencyKey', '=', key)
        .executeTakeFirst();
    },

    async findByTrackingNumber(trackingNumber: string, trx: Database = db): Promise<ApplicationRow | undefined> {
      return trx.selectFrom('application').selectAll().where('trackingNumber', '=', trackingNumber).executeTakeFirst();
    },

    /** Locks the row for a state change in the caller's transaction. */
    async lockByTrackingNumber(trackingNumber: string, trx: Database): Promise<ApplicationRow | undefined> {
      return trx.selectFrom('application').selectAll().where('trackingNumber', '=', trackingNumber).forUpdate().executeTakeFirst();
    },

    async listByApplicant(accountId: string, limit = 200): Promise<ApplicationRow[]> {
      return db.selectFrom('application').selectAll().where('applicantAccountId', '=', accountId).orderBy('submittedAt', 'desc').limit(limit).execute();
    },

    /** The person's own applications and those of the organisations given (the ones they belong to). */
    async listByApplicantOrOrganisations(accountId: string, organisationIds: readonly string[], limit = 200): Promise<ApplicationRow[]> {
      return db
        .selectFrom('application')
        .selectAll()
        .where((eb) =>
          organisationIds.length > 0
            ? eb.or([eb('applicantAccountId', '=', accountId), eb('organisationId', 'in', organisationIds)])
            : eb('applicantAccountId', '=', accountId),
        )
        .orderBy('submittedAt', 'desc')
        .limit(limit)
        .execute();
    },

    async organisationName(organisationId: string): Promise<string | undefined> {
      const row = await db.selectFrom('organisation').select('name').where('id', '=', organisationId).executeTakeFirst();
      return row?.name;
    },

    /** The organisations a person belongs to, by name, with the sealed NIB (shown masked). */
    async organisationsOf(accountId: string): Promise<{ id: string; name: string; nibEnc: string; dataKeyId: string }[]> {
      return db
        .selectFrom('organisationMember as m')
        .innerJoin('organisation as o', 'o.id', 'm.organisationId')
        .select(['o.id', 'o.name', 'o.nibEnc', 'o.dataKeyId'])
        .where('m.accountId', '=', accountId)
        .orderBy('o.name')
        .execute();
    },

    /** Counter applications filed under a NIK that nobody has claimed yet. */
    async listUnclaimedByNikIndex(nikIndex: string): Promise<ApplicationRow[]> {
      return db
        .selectFrom('application')
        .selectAll()
        .where('applicantNikIndex', '=', nikIndex)
        .where('applicantAccountId', 'is', null)
        .orderBy('submittedAt', 'desc')
        .limit(100)
        .execute();
    },

    async setStatus(id: string, status: ApplicationStatus, trx: Database): Promise<void> {
      await trx.updateTable('application').set({ status, updatedAt: new Date() }).where('id', '=', id).execute();
    },

    async setApplicant(id: string, accountId: string, trx: Database): Promise<void> {
      await trx.updateTable('application').set({ applicantAccountId: accountId, updatedAt: new Date() }).where('id', '=', id).execute();
    },

    async insertEvent(event: Insertable<ApplicationEventTable>, trx: Database = db): Promise<number> {
      const row = await trx.insertInto('applicationEvent').values(event).returning('id').executeTakeFirstOrThrow();
      return row.id;
    },

    /** The timeline, oldest first, with the acting agency's name. */
    async listEvents(applicationId: string): Promise<EventRow[]> {
      return db
        .selectFrom('applicationEvent as e')
        .leftJoin('agency as a', 'a.id', 'e.actorAgencyId')
        .select([
          'e.id',
          'e.occurredAt',
          'e.kind',
          'e.actorRole',
          'e.actorAgencyId',
          'a.nameId as actorAgencyNameId',
          'a.nameEn as actorAgencyNameEn',
          'e.messageEnc',
        ])
        .where('e.applicationId', '=', applicationId)
        .orderBy('e.occurredAt')
        .orderBy('e.id')
        .execute();
    },

    /** The waits for the applicant, oldest first. */
    async listPauses(applicationId: string, trx: Database = db): Promise<{ startedAt: Date; endedAt: Date | null }[]> {
      return trx.selectFrom('applicationPause').select(['startedAt', 'endedAt']).where('applicationId', '=', applicationId).orderBy('startedAt').execute();
    },

    async insertAttachments(rows: readonly Insertable<ApplicationAttachmentTable>[], trx: Database): Promise<void> {
      if (rows.length === 0) return;
      await trx
        .insertInto('applicationAttachment')
        .values(rows)
        .onConflict((oc) => oc.doNothing())
        .execute();
    },

    async listAttachments(applicationId: string): Promise<Selectable<ApplicationAttachmentTable>[]> {
      return db.selectFrom('applicationAttachment').selectAll().where('applicationId', '=', applicationId).orderBy('addedAt').execute();
    },

    async findAttachment(applicationId: string, fileId: string): Promise<Selectable<ApplicationAttachmentTable> | undefined> {
      return db.selectFrom('applicationAttachment').selectAll().where('applicationId', '=', applicationId).where('fileId', '=', fileId).executeTakeFirst();
    },

    /** The agency's names and the time zone of its (first) office, for dates and deadlines. */
    async agency(agencyId: string, trx: Database = db): Promise<AgencyName | undefined> {
      const row = await trx
        .selectFrom('agency as a')
        .select((eb) => [
          'a.id',
          'a.nameId',
          'a.nameEn',
          eb.selectFrom('agencyUnit as u').select('u.timeZone').whereRef('u.agencyId', '=', 'a.id').orderBy('u.code').limit(1).as('timeZone'),
        ])
        .where('a.id', '=', agencyId)
        .executeTakeFirst();
      return row ? { ...row, timeZone: row.timeZone ?? 'Asia/Jakarta' } : undefined;
    },

    /** Province and regency codes: the ones address answers name (a few hundred rows). */
    async regionCodes(): Promise<string[]> {
      const rows = await db.selectFrom('region').select('code').where('level', 'in', ['province', 'regency']).execute();
      return rows.map((row) => row.code);
    },

    /** Provinces and regencies by name, for the address selects. */
    async regionOptions(): Promise<{ provinces: { code: string; name: string }[]; regencies: { code: string; name: string }[] }> {
      const rows = await db.selectFrom('region').select(['code', 'name', 'level']).where('level', 'in', ['province', 'regency']).orderBy('name').execute();
      return {
        provinces: rows.filter((row) => row.level === 'province').map(({ code, name }) => ({ code, name })),
        regencies: rows.filter((row) => row.level === 'regency').map(({ code, name }) => ({ code, name })),
      };
    },

    async findDraft(accountId: string, serviceId: string, trx: Database = db): Promise<DraftRow | undefined> {
      return trx.selectFrom('applicationDraft').selectAll().where('accountId', '=', accountId).where('serviceId', '=', serviceId).executeTakeFirst();
    },

    async findDraftById(id: string, trx: Database = db): Promise<DraftRow | undefined> {
      return trx.selectFrom('applicationDraft').selectAll().where('id', '=', id).executeTakeFirst();
    },

    async insertDraft(row: Insertable<ApplicationDraftTable>, trx: Database): Promise<DraftRow> {
      return trx.insertInto('applicationDraft').values(row).returningAll().executeTakeFirstOrThrow();
    },

    async updateDraft(
      id: string,
      changes: Partial<Pick<DraftRow, 'answersEnc' | 'currentPage' | 'idempotencyKey' | 'serviceVersionId' | 'organisationId'>>,
      trx: Database = db,
    ): Promise<void> {
      await trx
        .updateTable('applicationDraft')
        .set({ ...changes, updatedAt: new Date() })
        .where('id', '=', id)
        .execute();
    },

    /** Binds a submission key to the draft once; returns the key that is bound (the first one wins). */
    async bindDraftKey(id: string, key: string): Promise<string | undefined> {
      await db.updateTable('applicationDraft').set({ idempotencyKey: key }).where('id', '=', id).where('idempotencyKey', 'is', null).execute();
      const row = await db.selectFrom('applicationDraft').select('idempotencyKey').where('id', '=', id).executeTakeFirst();
      return row?.idempotencyKey ?? undefined;
    },

    async deleteDraft(id: string, trx: Database): Promise<void> {
      await trx.deleteFrom('applicationDraft').where('id', '=', id).execute();
    },

    async trackingNumberOf(id: string): Promise<string | undefined> {
      return (await db.selectFrom('application').select('trackingNumber').where('id', '=', id).executeTakeFirst())?.trackingNumber;
    },

    /** A person's unfinished drafts, without their answers (their data export lists them). */
    async draftsOf(accountId: string): Promise<{ id: string; serviceId: string; currentPage: string | null; createdAt: Date; updatedAt: Date }[]> {
      return db
        .selectFrom('applicationDraft')
        .select(['id', 'serviceId', 'currentPage', 'createdAt', 'updatedAt'])
        .where('accountId', '=', accountId)
        .orderBy('updatedAt', 'desc')
        .execute();
    },

    /** A person's applications still within retention: not closed yet, or closed at or after `closedSince`. */
    async retainedOf(accountId: string, closedSince: Date): Promise<{ id: string; trackingNumber: string }[]> {
      return db
        .selectFrom('application')
        .select(['id', 'trackingNumber'])
        .where('applicantAccountId', '=', accountId)
        .where((eb) => eb.or([eb('closedAt', 'is', null), eb('closedAt', '>=', closedSince)]))
        .execute();
    },
  };
}

export type ApplicationsRepository = ReturnType<typeof createApplicationsRepository>;
