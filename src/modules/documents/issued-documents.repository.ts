import { type Insertable, type Selectable, sql } from 'kysely';
import type { Database } from '../../platform/db/database.ts';
import type { FormSchema } from '../../platform/forms/form-schema.ts';
import { isUuid } from '../../platform/http/uuid.ts';
import type { IssuedDocumentTable } from './documents.tables.ts';

export type IssuedDocumentRow = Selectable<IssuedDocumentTable>;

/** SQL of issued documents, and the few facts of applications and agencies that issuing reads. */
export function createIssuedDocumentsRepository(db: Database) {
  return {
    /** The application being issued, locked so that two issue actions cannot both insert. */
    async lockApplication(applicationId: string, trx: Database) {
      return trx
        .selectFrom('application')
        .select(['id', 'trackingNumber', 'agencyId', 'serviceVersionId', 'applicantAccountId', 'organisationId', 'dataKeyId', 'answersEnc'])
        .where('id', '=', applicationId)
        .forUpdate()
        .executeTakeFirst();
    },

    /** What issuing prints of the service version an application was filed under. */
    async version(id: string, trx: Database = db): Promise<{ nameId: string; nameEn: string; form: FormSchema; outputTemplate: unknown | null } | undefined> {
      const row = await trx.selectFrom('serviceVersion').select(['nameId', 'nameEn', 'form', 'outputTemplate']).where('id', '=', id).executeTakeFirst();
      return row ? { nameId: row.nameId, nameEn: row.nameEn, form: row.form as FormSchema, outputTemplate: row.outputTemplate ?? null } : undefined;
    },

    /** The agency's names and code, with the address and time zone of its first office. */
    async agency(agencyId: string, trx: Database = db) {
      const row = await trx
        .selectFrom('agency as a')
        .select((eb) => [
          'a.id',
          'a.code',
          'a.nameId',
          'a.nameEn',
          eb.selectFrom('agencyUnit as u').select('u.streetAddress').whereRef('u.agencyId', '=', 'a.id').orderBy('u.code').limit(1).as('streetAddress'),
          eb.selectFrom('agencyUnit as u').select('u.timeZone').whereRef('u.agencyId', '=', 'a.id').orderBy('u.code').limit(1).as('timeZone'),
        ])
        .where('a.id', '=', agencyId)
        .executeTakeFirst();
      return row ? { ...row, timeZone: row.timeZone ?? 'Asia/Jakarta' } : undefined;
    },

    async agencyIdByCode(code: string): Promise<string | undefined> {
      return (await db.selectFrom('agency').select('id').where('code', '=', code).executeTakeFirst())?.id;
    },

    async organisationName(organisationId: string, trx: Database): Promise<string | undefined> {
      return (await trx.selectFrom('organisation').select('name').where('id', '=', organisationId).executeTakeFirst())?.name;
    },

    async current(applicationId: string, trx: Database): Promise<IssuedDocumentRow | undefined> {
      return trx.selectFrom('issuedDocument').selectAll().where('applicationId', '=', applicationId).where('revokedAt', 'is', null).executeTakeFirst();
    },

    async numberTaken(number: string, trx: Database): Promise<boolean> {
      return (await trx.selectFrom('issuedDocument').select('id').where('number', '=', number).executeTakeFirst()) !== undefined;
    },

    async insert(row: Insertable<IssuedDocumentTable>, trx: Database): Promise<IssuedDocumentRow> {
      return trx.insertInto('issuedDocument').values(row).returningAll().executeTakeFirstOrThrow();
    },

    async byNumber(number: string): Promise<IssuedDocumentRow | undefined> {
      return db.selectFrom('issuedDocument').selectAll().where('number', '=', number).executeTakeFirst();
    },

    async byId(id: string, trx: Database = db): Promise<IssuedDocumentRow | undefined> {
      if (!isUuid(id)) return undefined;
      return trx.selectFrom('issuedDocument').selectAll().where('id', '=', id).executeTakeFirst();
    },

    /** The document whose stored PDF has this SHA-256 (hex), if any. */
    async byFileHash(sha256: string): Promise<IssuedDocumentRow | undefined> {
      return db
        .selectFrom('issuedDocument as d')
        .innerJoin('storedFile as f', 'f.id', 'd.fileId')
        .selectAll('d')
        .where('f.sha256', '=', sha256)
        .orderBy('d.issuedAt', 'desc')
        .executeTakeFirst();
    },

    async revoke(id: string, by: string, reason: string, trx: Database): Promise<IssuedDocumentRow | undefined> {
      return trx
        .updateTable('issuedDocument')
        .set({ revokedAt: sql<Date>`now()`, revokedBy: by, revocationReason: reason })
        .where('id', '=', id)
        .where('revokedAt', 'is', null)
        .returningAll()
        .executeTakeFirst();
    },

    /** Documents of an application with its tracking number, newest first. */
    async ofApplication(trackingNumber: string) {
      return db
        .selectFrom('issuedDocument as d')
        .innerJoin('application as a', 'a.id', 'd.applicationId')
        .select(['d.id', 'd.number', 'd.fields', 'd.issuedAt', 'd.validUntil', 'd.revokedAt', 'd.revocationReason', 'd.fileId'])
        .where('a.trackingNumber', '=', trackingNumber)
        .orderBy('d.issuedAt', 'desc')
        .execute();
    },

    /** A document with who may read it as applicant; undefined unless it belongs to that tracking number. */
    async withApplication(trackingNumber: string, id: string) {
      if (!isUuid(id)) return undefined;
      return db
        .selectFrom('issuedDocument as d')
        .innerJoin('application as a', 'a.id', 'd.applicationId')
        .select(['d.id', 'd.number', 'd.fileId', 'd.agencyId', 'a.id as applicationId', 'a.applicantAccountId', 'a.organisationId'])
        .where('a.trackingNumber', '=', trackingNumber)
        .where('d.id', '=', id)
        .executeTakeFirst();
    },

    async trackingNumberOf(applicationId: string): Promise<string | undefined> {
      return (await db.selectFrom('application').select('trackingNumber').where('id', '=', applicationId).executeTakeFirst())?.trackingNumber;
    },
  };
}

export type IssuedDocumentsRepository = ReturnType<typeof createIssuedDocumentsRepository>;
