import { type Selectable, sql } from 'kysely';
import type { Database } from '../../platform/db/database.ts';
import {
  type ExchangeProductTable,
  FIELD_TYPES,
  type ProductField,
  type ProductPurpose,
  type ProviderKind,
  type ProviderLimits,
  SUBJECT_KINDS,
  type SubjectKind,
} from './exchange.tables.ts';

// Data products: what an agency holds, under which law, for which purposes, for which agencies.

export type ProductRow = Selectable<ExchangeProductTable>;

export interface ProductDefinition {
  code: string;
  nameId: string;
  nameEn: string;
  descriptionId?: string;
  descriptionEn?: string;
  /** The agency that holds the data, by code. */
  providerAgencyCode: string;
  subjectKind: SubjectKind;
  fields: ProductField[];
  legalBasis: string;
  purposes: ProductPurpose[];
  /** Agencies allowed to consume the product, by code. */
  consumerAgencyCodes: string[];
  providerKind: ProviderKind;
  providerUrl?: string | null;
  providerLimits?: ProviderLimits;
}

/** A product with its provider agency and consumers, as services hand it out. */
export interface DataProduct {
  code: string;
  name: { id: string; en: string };
  description: { id: string; en: string };
  provider: { agencyId: string; agencyCode: string; name: { id: string; en: string } };
  subjectKind: SubjectKind;
  fields: ProductField[];
  legalBasis: string;
  purposes: ProductPurpose[];
  consumerAgencyIds: string[];
  providerKind: ProviderKind;
  providerUrl: string | null;
  providerLimits: ProviderLimits;
  active: boolean;
}

const CODE = /^[a-z][a-z0-9-]{1,39}$/;
const FIELD_NAME = /^[a-zA-Z][a-zA-Z0-9_]{0,63}$/;
const PURPOSE_CODE = /^[a-z][a-z0-9_]{1,63}$/;

/** Problems of a definition, in English for the operator or developer who wrote it; empty when sound. */
export function definitionProblems(definition: ProductDefinition): string[] {
  const problems: string[] = [];
  if (!CODE.test(definition.code)) problems.push('code: 2 to 40 lower-case letters, digits and dashes, starting with a letter');
  if (!definition.nameId.trim() || !definition.nameEn.trim()) problems.push('name: both Indonesian and English are required');
  if (!(SUBJECT_KINDS as readonly string[]).includes(definition.subjectKind)) problems.push('subjectKind: nik, kk or nib');
  if (definition.fields.length === 0) problems.push('fields: at least one');
  const names = new Set<string>();
  for (const field of definition.fields) {
    if (!FIELD_NAME.test(field.name) || names.has(field.name)) problems.push(`fields: "${field.name}" is not a unique field name`);
    if (!(FIELD_TYPES as readonly string[]).includes(field.type)) problems.push(`fields: "${field.name}" has an unknown type`);
    if (!field.labelId.trim() || !field.labelEn.trim()) problems.push(`fields: "${field.name}" needs labels in both languages`);
    names.add(field.name);
  }
  if (!definition.legalBasis.trim()) problems.push('legalBasis: required');
  if (definition.purposes.length === 0) problems.push('purposes: at least one');
  for (const purpose of definition.purposes) {
    if (!PURPOSE_CODE.test(purpose.code)) problems.push(`purposes: "${purpose.code}" is not a purpose code`);
  }
  if (definition.providerKind === 'http') {
    let url: URL | undefined;
    try {
      url = new URL(definition.providerUrl ?? '');
    } catch {
      url = undefined;
    }
    if (!url || !['http:', 'https:'].includes(url.protocol)) problems.push('providerUrl: an http(s) URL is required for an http provider');
  } else if (definition.providerUrl) {
    problems.push('providerUrl: only an http provider has one');
  }
  return problems;
}

function toProduct(row: ProductRow & { agencyCode: string; agencyNameId: string; agencyNameEn: string; consumers: string[] | null }): DataProduct {
  return {
    code: row.code,
    name: { id: row.nameId, en: row.nameEn },
    description: { id: row.descriptionId, en: row.descriptionEn },
    provider: { agencyId: row.providerAgencyId, agencyCode: row.agencyCode, name: { id: row.agencyNameId, en: row.agencyNameEn } },
    subjectKind: row.subjectKind,
    fields: row.fields,
    legalBasis: row.legalBasis,
    purposes: row.purposes,
    consumerAgencyIds: row.consumers ?? [],
    providerKind: row.providerKind,
    providerUrl: row.providerUrl,
    providerLimits: row.providerLimits,
    active: row.active,
  };
}

/** SQL of the data products; every function takes the caller's transaction when given one. */
export function createProductsRepository(db: Database) {
  function select(trx: Database) {
    return trx
      .selectFrom('exchangeProduct as p')
      .innerJoin('agency as a', 'a.id', 'p.providerAgencyId')
      .selectAll('p')
      .select(['a.code as agencyCode', 'a.nameId as agencyNameId', 'a.nameEn as agencyNameEn'])
      .select((eb) =>
        eb
          .selectFrom('exchangeProductConsumer as c')
          .select(sql<string[]>`coalesce(array_agg(c.agency_id order by c.agency_id), '{}')`.as('ids'))
          .whereRef('c.productCode', '=', 'p.code')
          .as('consumers'),
      );
  }

  return {
    async byCode(code: string, trx: Database = db): Promise<DataProduct | undefined> {
      const row = await select(trx).where('p.code', '=', code).executeTakeFirst();
      return row ? toProduct(row) : undefined;
    },

    async all(trx: Database = db): Promise<DataProduct[]> {
      return (await select(trx).orderBy('p.code').execute()).map(toProduct);
    },

    /**
     * Creates or replaces a product and its consumers. Refuses (throws) a definition with problems or
     * unknown agency codes: definitions come from seeds and operators, who must see the mistake.
     */
    async upsert(definition: ProductDefinition, trx: Database = db): Promise<void> {
      const problems = definitionProblems(definition);
      const codes = [definition.providerAgencyCode, ...definition.consumerAgencyCodes];
      const agencies = await trx.selectFrom('agency').select(['id', 'code']).where('code', 'in', codes).execute();
      const idOf = new Map(agencies.map((agency) => [agency.code, agency.id]));
      for (const code of codes) if (!idOf.has(code)) problems.push(`agency "${code}" does not exist`);
      if (problems.length > 0) throw new Error(`data product ${definition.code}: ${problems.join('; ')}`);
      const values = {
        code: definition.code,
        nameId: definition.nameId,
        nameEn: definition.nameEn,
        descriptionId: definition.descriptionId ?? '',
        descriptionEn: definition.descriptionEn ?? '',
        providerAgencyId: idOf.get(definition.providerAgencyCode) as string,
        subjectKind: definition.subjectKind,
        fields: JSON.stringify(definition.fields),
        legalBasis: definition.legalBasis,
        purposes: JSON.stringify(definition.purposes),
        providerKind: definition.providerKind,
        providerUrl: definition.providerUrl ?? null,
        providerLimits: JSON.stringify(definition.providerLimits ?? {}),
      };
      const { code: _code, ...changes } = values;
      await trx
        .insertInto('exchangeProduct')
        .values(values)
        .onConflict((oc) => oc.column('code').doUpdateSet({ ...changes, updatedAt: sql`now()` }))
        .execute();
      await trx.deleteFrom('exchangeProductConsumer').where('productCode', '=', definition.code).execute();
      const consumers = [...new Set(definition.consumerAgencyCodes)].map((code) => ({ productCode: definition.code, agencyId: idOf.get(code) as string }));
      if (consumers.length > 0) await trx.insertInto('exchangeProductConsumer').values(consumers).execute();
    },
  };
}

export type ProductsRepository = ReturnType<typeof createProductsRepository>;
