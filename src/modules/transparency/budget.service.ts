import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { AuditLog } from '../../platform/audit/audit.service.ts';
import type { Database } from '../../platform/db/database.ts';
import { type BudgetFileError, readBudgetFile, senToText, toSen } from './budget.csv.ts';

// Budget transparency (issue 9): agencies publish budget and realization per programme; the
// dashboard shows them beside the performance of the services they pay for, and open data carries
// every line. Owns budget_upload and budget_line (migrations/0023_budget.sql).

export interface BudgetLine {
  programmeCode: string;
  programmeName: string;
  /** The services it pays for, in the order the upload named them. */
  services: { id: string; code: string }[];
  budget: string;
  realization: string;
  asOf: string;
}

export interface AgencyBudget {
  fiscalYear: number;
  asOf: string;
  lines: BudgetLine[];
  budgetTotal: string;
  realizationTotal: string;
}

export interface BudgetUploadSummary {
  id: string;
  fiscalYear: number;
  uploadedAt: Date;
  fileName: string;
  lineCount: number;
}

export interface BudgetOpenDataRow {
  fiscalYear: number;
  agencyCode: string;
  agencyNameId: string;
  agencyNameEn: string;
  programmeCode: string;
  programmeName: string;
  serviceCodes: string[];
  budget: string;
  realization: string;
  asOf: string;
}

export type UploadOutcome = { ok: true; fiscalYear: number; lines: number } | { ok: false; errors: BudgetFileError[] };

interface Uploader {
  actor: { accountId: string; role: string; agencyId: string | null };
  origin: { ip: string; requestId: string };
}

/** Numeric text as PostgreSQL gives it, without trailing decimal zeros (1250.00 → 1250). */
function plainAmount(value: string): string {
  return value.includes('.') ? value.replace(/\.?0+$/, '') : value;
}

export function createBudgetService({ db, audit }: { db: Database; audit: Pick<AuditLog, 'record'> }) {
  return {
    /**
     * Checks the file whole and, when it has no error, replaces the agency's lines of its fiscal year
     * in one transaction, with the upload kept as the record of who changed the figures.
     */
    async upload(agencyId: string, file: { name: string; text: string }, today: string, by: Uploader): Promise<UploadOutcome> {
      const services = await db.selectFrom('service').select(['id', 'code']).where('agencyId', '=', agencyId).execute();
      const read = readBudgetFile(file.text, new Map(services.map((service) => [service.code, service.id])), today);
      if (!read.ok) return read;
      const fileName = file.name.replace(/\p{Cc}/gu, '').slice(0, 255) || 'budget.csv';
      await db.transaction().execute(async (trx) => {
        const upload = await trx
          .insertInto('budgetUpload')
          .values({
            agencyId,
            fiscalYear: read.fiscalYear,
            uploadedBy: by.actor.accountId,
            fileName,
            fileSha256: createHash('sha256').update(file.text).digest(),
            lineCount: read.lines.length,
            budgetTotal: read.budgetTotal,
            realizationTotal: read.realizationTotal,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await trx.deleteFrom('budgetLine').where('agencyId', '=', agencyId).where('fiscalYear', '=', read.fiscalYear).execute();
        await trx
          .insertInto('budgetLine')
          .values(
            read.lines.map((line) => ({
              agencyId,
              fiscalYear: read.fiscalYear,
              programmeCode: line.programmeCode,
              programmeName: line.programmeName,
              serviceIds: line.serviceIds,
              budget: line.budget,
              realization: line.realization,
              asOf: line.asOf,
              uploadId: upload.id,
            })),
          )
          .execute();
        await audit.record(
          {
            actor: by.actor,
            action: 'budget.uploaded',
            subject: { type: 'budget_upload', id: upload.id },
            ...by.origin,
            details: { agencyId, fiscalYear: read.fiscalYear, lines: read.lines.length },
          },
          trx,
        );
      });
      return { ok: true, fiscalYear: read.fiscalYear, lines: read.lines.length };
    },

    /** The agency's latest fiscal year with data, or undefined when it has uploaded none. */
    async latest(agencyId: string): Promise<AgencyBudget | undefined> {
      const year = await db
        .selectFrom('budgetLine')
        .select((eb) => eb.fn.max('fiscalYear').as('year'))
        .where('agencyId', '=', agencyId)
        .executeTakeFirst();
      if (!year?.year) return undefined;
      const rows = await db
        .selectFrom('budgetLine as l')
        .select([
          'l.programmeCode',
          'l.programmeName',
          'l.budget',
          'l.realization',
          sql<string>`to_char(l.as_of, 'YYYY-MM-DD')`.as('asOf'),
          sql<{ id: string; code: string }[]>`coalesce((select json_agg(json_build_object('id', s.id, 'code', s.code) order by k.n)
            from unnest(l.service_ids) with ordinality as k(id, n) join service s on s.id = k.id), '[]')`.as('services'),
        ])
        .where('l.agencyId', '=', agencyId)
        .where('l.fiscalYear', '=', year.year)
        .orderBy('l.programmeCode')
        .execute();
      let budget = 0n;
      let realization = 0n;
      const lines = rows.map((row) => {
        budget += toSen(row.budget);
        realization += toSen(row.realization);
        return { ...row, budget: plainAmount(row.budget), realization: plainAmount(row.realization) };
      });
      const asOf =
        lines
          .map((line) => line.asOf)
          .sort()
          .at(-1) ?? '';
      return { fiscalYear: year.year, asOf, lines, budgetTotal: plainAmount(senToText(budget)), realizationTotal: plainAmount(senToText(realization)) };
    },

    async uploads(agencyId: string, limit = 10): Promise<BudgetUploadSummary[]> {
      return db
        .selectFrom('budgetUpload')
        .select(['id', 'fiscalYear', 'uploadedAt', 'fileName', 'lineCount'])
        .where('agencyId', '=', agencyId)
        .orderBy('uploadedAt', 'desc')
        .limit(limit)
        .execute();
    },

    /** Every line, in (fiscal year, agency, programme) order, a page at a time after `after`. */
    async openDataPage(after: { fiscalYear: number; agencyCode: string; programmeCode: string } | undefined, limit: number): Promise<BudgetOpenDataRow[]> {
      let query = db
        .selectFrom('budgetLine as l')
        .innerJoin('agency as a', 'a.id', 'l.agencyId')
        .select([
          'l.fiscalYear',
          'a.code as agencyCode',
          'a.nameId as agencyNameId',
          'a.nameEn as agencyNameEn',
          'l.programmeCode',
          'l.programmeName',
          'l.budget',
          'l.realization',
          sql<string>`to_char(l.as_of, 'YYYY-MM-DD')`.as('asOf'),
          sql<string[]>`array(select s.code from unnest(l.service_ids) with ordinality as k(id, n) join service s on s.id = k.id order by k.n)`.as(
            'serviceCodes',
          ),
        ])
        .orderBy('l.fiscalYear')
        .orderBy('a.code')
        .orderBy('l.programmeCode')
        .limit(limit);
      if (after) {
        query = query.where(sql<boolean>`(l.fiscal_year, a.code, l.programme_code) > (${after.fiscalYear}, ${after.agencyCode}, ${after.programmeCode})`);
      }
      const rows = await query.execute();
      return rows.map((row) => ({ ...row, budget: plainAmount(row.budget), realization: plainAmount(row.realization) }));
    },

    /** Changes whenever any line does: the open-data file's ETag. */
    async version(): Promise<{ tag: string; lastModified: Date | null }> {
      const row = await db
        .selectFrom('budgetUpload')
        .select((eb) => [eb.fn.max('uploadedAt').as('last'), eb.fn.countAll<string>().as('count')])
        .executeTakeFirstOrThrow();
      const last = row.last ? new Date(row.last as unknown as string) : null;
      return { tag: `budget-${row.count}-${last?.getTime() ?? 0}`, lastModified: last };
    },
  };
}

export type BudgetService = ReturnType<typeof createBudgetService>;
