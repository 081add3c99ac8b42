import { sql } from 'kysely';
import type { Database } from '../../platform/db/database.ts';
import type { AccessChannel, ProductPurpose, SubjectKind } from './exchange.tables.ts';

// The data tracker's records: who read which of a subject's data, when, why. Written by every fetch
// through the exchange and by other modules for their officers' views; read by the subject.

export interface AccessRecordInput {
  subjectKind: SubjectKind;
  subjectIndex: string;
  agencyId: string | null;
  accountId?: string | null | undefined;
  role: string;
  clientId?: string | null | undefined;
  productCode: string | null;
  fields: readonly string[];
  purpose: string;
  legalBasis: string;
  caseReference: string;
  channel: AccessChannel;
  /** Set for law-enforcement purposes: hidden from the subject until then ('infinity' until released). */
  withheld: boolean;
}

/** One access as the subject sees it: the agency and the official's role, never the official's name. */
export interface SubjectAccess {
  id: number;
  accessedAt: Date;
  agency: { code: string; name: { id: string; en: string } } | null;
  actorRole: string;
  /** True when an agency system asked through the API (the role is then the official it named). */
  viaAgencySystem: boolean;
  product: { code: string; name: { id: string; en: string } } | null;
  fields: { name: string; label: { id: string; en: string } }[];
  purpose: { code: string; label: { id: string; en: string } };
  legalBasis: string;
  caseReference: string;
  channel: AccessChannel;
}

export interface AccessPage {
  items: SubjectAccess[];
  total: number;
  page: number;
  pageSize: number;
}

export async function insertAccess(trx: Database, input: AccessRecordInput): Promise<number> {
  const row = await trx
    .insertInto('exchangeAccess')
    .values({
      subjectKind: input.subjectKind,
      subjectIndex: input.subjectIndex,
      agencyId: input.agencyId,
      accountId: input.accountId ?? null,
      actorRole: input.role,
      clientId: input.clientId ?? null,
      productCode: input.productCode,
      fields: [...input.fields],
      purpose: input.purpose,
      legalBasis: input.legalBasis,
      caseReference: input.caseReference,
      channel: input.channel,
      withheldUntil: input.withheld ? sql<Date>`'infinity'::timestamptz` : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Newest first, without the records still withheld from the subject. */
export async function subjectAccessPage(db: Database, subjectIndexes: readonly string[], page: number, pageSize: number): Promise<AccessPage> {
  if (subjectIndexes.length === 0) return { items: [], total: 0, page, pageSize };
  const visible = db
    .selectFrom('exchangeAccess as x')
    .where('x.subjectIndex', 'in', [...subjectIndexes])
    .where((eb) => eb.or([eb('x.withheldUntil', 'is', null), eb('x.withheldUntil', '<=', sql<Date>`now()`)]));
  const [count, rows] = await Promise.all([
    visible.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    visible
      .leftJoin('agency as a', 'a.id', 'x.agencyId')
      .leftJoin('exchangeProduct as p', 'p.code', 'x.productCode')
      .select([
        'x.id',
        'x.accessedAt',
        'x.actorRole',
        'x.clientId',
        'x.fields',
        'x.purpose',
        'x.legalBasis',
        'x.caseReference',
        'x.channel',
        'x.productCode',
        'a.code as agencyCode',
        'a.nameId as agencyNameId',
        'a.nameEn as agencyNameEn',
        'p.nameId as productNameId',
        'p.nameEn as productNameEn',
        'p.fields as productFields',
        'p.purposes as productPurposes',
      ])
      .orderBy('x.accessedAt', 'desc')
      .orderBy('x.id', 'desc')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
  ]);
  const items = rows.map((row): SubjectAccess => {
    const labels = new Map((row.productFields ?? []).map((field) => [field.name, { id: field.labelId, en: field.labelEn }]));
    const purpose: ProductPurpose | undefined = (row.productPurposes ?? []).find((p) => p.code === row.purpose);
    return {
      id: row.id,
      accessedAt: row.accessedAt,
      agency: row.agencyCode ? { code: row.agencyCode, name: { id: row.agencyNameId ?? '', en: row.agencyNameEn ?? '' } } : null,
      actorRole: row.actorRole,
      viaAgencySystem: row.clientId !== null,
      product: row.productCode ? { code: row.productCode, name: { id: row.productNameId ?? row.productCode, en: row.productNameEn ?? row.productCode } } : null,
      fields: row.fields.map((name) => ({ name, label: labels.get(name) ?? { id: name, en: name } })),
      purpose: { code: row.purpose, label: purpose ? { id: purpose.labelId, en: purpose.labelEn } : { id: row.purpose, en: row.purpose } },
      legalBasis: row.legalBasis,
      caseReference: row.caseReference,
      channel: row.channel,
    };
  });
  return { items, total: count.n, page, pageSize };
}

/** Ends the withholding of the records of one case; returns how many were released. */
export async function releaseCase(trx: Database, caseReference: string, agencyId: string | null): Promise<number> {
  const released = await trx
    .updateTable('exchangeAccess')
    .set({ withheldUntil: sql<Date>`now()`, releasedAt: sql<Date>`now()` })
    .where('caseReference', '=', caseReference)
    .where('withheldUntil', '>', sql<Date>`now()`)
    .$if(agencyId !== null, (qb) => qb.where('agencyId', '=', agencyId))
    .executeTakeFirst();
  return Number(released.numUpdatedRows);
}
