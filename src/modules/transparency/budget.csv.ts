import { parse } from 'csv-parse/sync';
import type { MessageKey } from '../../platform/i18n/index.ts';

// The budget file an agency uploads (issue 9): one row per programme of one fiscal year, with the
// column names of Indonesian budget reports (pagu, realisasi). The file is checked whole and every
// problem reported with its line, so an admin fixes them in one pass; nothing is saved from a file
// with any error.

export const MAX_BUDGET_ROWS = 2_000;
export const MAX_BUDGET_FILE_BYTES = 1024 * 1024;
export const BUDGET_COLUMNS = ['tahun_anggaran', 'kode_program', 'nama_program', 'kode_layanan', 'pagu', 'realisasi', 'tanggal_posisi'] as const;
type BudgetColumn = (typeof BUDGET_COLUMNS)[number];

// English names are accepted too, for files made by tools that translate headers.
const ALIASES: Readonly<Record<string, BudgetColumn>> = {
  fiscal_year: 'tahun_anggaran',
  programme_code: 'kode_program',
  program_code: 'kode_program',
  programme_name: 'nama_program',
  program_name: 'nama_program',
  service_codes: 'kode_layanan',
  budget: 'pagu',
  realization: 'realisasi',
  as_of: 'tanggal_posisi',
};
const OPTIONAL: ReadonlySet<BudgetColumn> = new Set(['kode_layanan']);

const PROGRAMME_CODE = /^[A-Za-z0-9][A-Za-z0-9.-]{0,39}$/;
// Rupiah with at most two decimals; thousands separators are refused, since "1.250" is 1,250 in
// Indonesian and 1.25 in English spreadsheets and guessing would publish a wrong figure.
const AMOUNT = /^\d{1,16}(\.\d{1,2})?$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const SERVICE_CODE = /^[a-z0-9][a-z0-9-]{1,62}$/;
const MAX_NAME = 300;

export interface BudgetLineInput {
  programmeCode: string;
  programmeName: string;
  serviceIds: string[];
  /** Decimal text, as PostgreSQL's numeric takes it exactly. */
  budget: string;
  realization: string;
  asOf: string;
}

export interface BudgetFileError {
  key: MessageKey;
  params: Record<string, string | number>;
}

export type BudgetFileResult =
  | { ok: true; fiscalYear: number; lines: BudgetLineInput[]; budgetTotal: string; realizationTotal: string }
  | { ok: false; errors: BudgetFileError[] };

/** Amount text to whole sen (hundredths), exactly. */
export function toSen(amount: string): bigint {
  const [whole = '0', fraction = ''] = amount.split('.');
  return BigInt(whole) * 100n + BigInt(fraction.padEnd(2, '0').slice(0, 2));
}

export function senToText(sen: bigint): string {
  const fraction = sen % 100n;
  return fraction === 0n ? String(sen / 100n) : `${sen / 100n}.${String(fraction).padStart(2, '0')}`;
}

function isRealDay(text: string): boolean {
  if (!DAY.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

function parseRecords(text: string): { ok: true; records: string[][] } | { ok: false; reason: string } {
  // The delimiter is whichever of , and ; the header row uses (spreadsheets in an Indonesian locale write ;).
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  try {
    const records = parse(text, { bom: true, delimiter, relax_column_count: true, skip_empty_lines: true, trim: true, max_record_size: 8192 }) as string[][];
    return { ok: true, records };
  } catch (error) {
    return { ok: false, reason: (error as Error).message.slice(0, 200) };
  }
}

/**
 * Reads and checks a budget file. `serviceIdsByCode` holds the uploading agency's services: a
 * programme may only name those. `today` (yyyy-mm-dd, WIB) bounds the as-of date and the year.
 */
export function readBudgetFile(text: string, serviceIdsByCode: ReadonlyMap<string, string>, today: string): BudgetFileResult {
  const parsed = parseRecords(text);
  if (!parsed.ok) return { ok: false, errors: [{ key: 'budget.error.notCsv', params: { reason: parsed.reason } }] };
  const [header = [], ...rows] = parsed.records;
  const names = header.map((name) => {
    const lower = name.toLowerCase();
    return ALIASES[lower] ?? lower;
  });
  const index = new Map<BudgetColumn, number>();
  for (const column of BUDGET_COLUMNS) {
    const at = names.indexOf(column);
    if (at !== -1) index.set(column, at);
  }
  const missing = BUDGET_COLUMNS.filter((column) => !index.has(column) && !OPTIONAL.has(column));
  if (missing.length > 0) return { ok: false, errors: [{ key: 'budget.error.header', params: { columns: missing.join(', ') } }] };
  if (rows.length === 0) return { ok: false, errors: [{ key: 'budget.error.noRows', params: {} }] };
  if (rows.length > MAX_BUDGET_ROWS) return { ok: false, errors: [{ key: 'budget.error.tooManyRows', params: { max: MAX_BUDGET_ROWS } }] };

  const maxYear = Number(today.slice(0, 4)) + 1;
  const errors: BudgetFileError[] = [];
  const lines: BudgetLineInput[] = [];
  const firstLineOf = new Map<string, number>();
  let fiscalYear: number | undefined;
  let budgetTotal = 0n;
  let realizationTotal = 0n;
  rows.forEach((row, position) => {
    // Line numbers as a spreadsheet shows them: the header is line 1 (blank lines are skipped, a rare mismatch).
    const line = position + 2;
    const cell = (column: BudgetColumn) => {
      const at = index.get(column);
      return at === undefined ? '' : (row[at] ?? '');
    };
    const fail = (key: MessageKey, params: Record<string, string | number> = {}) => errors.push({ key, params: { line, ...params } });
    const before = errors.length;

    const yearText = cell('tahun_anggaran');
    const year = /^\d{4}$/.test(yearText) ? Number(yearText) : Number.NaN;
    if (!(year >= 2000 && year <= maxYear)) fail('budget.error.year', { max: maxYear });
    else if (fiscalYear === undefined) fiscalYear = year;
    else if (year !== fiscalYear) fail('budget.error.yearMixed', { year: fiscalYear });

    const code = cell('kode_program');
    if (!PROGRAMME_CODE.test(code)) fail('budget.error.code');
    else if (firstLineOf.has(code.toUpperCase())) fail('budget.error.codeTwice', { code, first: firstLineOf.get(code.toUpperCase()) ?? 0 });
    else firstLineOf.set(code.toUpperCase(), line);

    const name = cell('nama_program').replace(/\s+/g, ' ');
    if (name === '' || name.length > MAX_NAME || /\p{Cc}/u.test(name)) fail('budget.error.name');

    const budget = cell('pagu');
    const realization = cell('realisasi');
    if (!AMOUNT.test(budget)) fail('budget.error.amount', { column: 'pagu' });
    if (!AMOUNT.test(realization)) fail('budget.error.amount', { column: 'realisasi' });
    if (AMOUNT.test(budget) && AMOUNT.test(realization) && toSen(realization) > toSen(budget)) fail('budget.error.overBudget', { budget, realization });

    const asOf = cell('tanggal_posisi');
    const yearOfRow = fiscalYear ?? year;
    if (!isRealDay(asOf) || Number(asOf.slice(0, 4)) !== yearOfRow || asOf > today)
      fail('budget.error.asOf', { year: Number.isFinite(yearOfRow) ? yearOfRow : '—' });

    const serviceIds: string[] = [];
    for (const serviceCode of cell('kode_layanan')
      .split(/[\s|]+/)
      .filter(Boolean)) {
      const id = SERVICE_CODE.test(serviceCode) ? serviceIdsByCode.get(serviceCode) : undefined;
      if (!id) fail('budget.error.service', { code: serviceCode.slice(0, 63) });
      else if (!serviceIds.includes(id)) serviceIds.push(id);
    }

    if (errors.length === before) {
      budgetTotal += toSen(budget);
      realizationTotal += toSen(realization);
      lines.push({ programmeCode: code, programmeName: name, serviceIds, budget, realization, asOf });
    }
  });
  if (errors.length > 0 || fiscalYear === undefined) return { ok: false, errors };
  return { ok: true, fiscalYear, lines, budgetTotal: senToText(budgetTotal), realizationTotal: senToText(realizationTotal) };
}
