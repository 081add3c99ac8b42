import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ALL_MESSAGES, type MessageKey } from '../../platform/i18n/index.ts';
import { MAX_BUDGET_ROWS, readBudgetFile } from './budget.csv.ts';

const SERVICES = new Map([
  ['akta-kelahiran', '00000000-0000-4000-8000-000000000001'],
  ['kartu-keluarga', '00000000-0000-4000-8000-000000000002'],
]);
const TODAY = '2026-12-05';
const HEADER = 'tahun_anggaran,kode_program,nama_program,kode_layanan,pagu,realisasi,tanggal_posisi';

const file = (...rows: string[]) => [HEADER, ...rows].join('\n');
const keys = (result: ReturnType<typeof readBudgetFile>) => (result.ok ? [] : result.errors.map((error) => [error.key, error.params.line]));

describe('the budget file', () => {
  it('reads a good file exactly: totals in whole sen, services resolved, semicolons as a spreadsheet writes them', () => {
    const result = readBudgetFile(
      [
        '\uFEFFtahun_anggaran;kode_program;nama_program;kode_layanan;pagu;realisasi;tanggal_posisi',
        '2026;WA.01;Program Penunjang Urusan;;1500000000;1250000000.50;2026-11-30',
        '2026;WA.02;"Program Pendaftaran; Penduduk";akta-kelahiran kartu-keluarga;9007199254740993.99;0.01;2026-12-05',
      ].join('\r\n'),
      SERVICES,
      TODAY,
    );
    expect(result).toEqual({
      ok: true,
      fiscalYear: 2026,
      budgetTotal: '9007200754740993.99',
      realizationTotal: '1250000000.51',
      lines: [
        {
          programmeCode: 'WA.01',
          programmeName: 'Program Penunjang Urusan',
          serviceIds: [],
          budget: '1500000000',
          realization: '1250000000.50',
          asOf: '2026-11-30',
        },
        {
          programmeCode: 'WA.02',
          programmeName: 'Program Pendaftaran; Penduduk',
          serviceIds: [SERVICES.get('akta-kelahiran'), SERVICES.get('kartu-keluarga')],
          budget: '9007199254740993.99',
          realization: '0.01',
          asOf: '2026-12-05',
        },
      ],
    });
  });

  it('accepts English column names in any order, without the optional service column', () => {
    const result = readBudgetFile(
      'budget,realization,as_of,fiscal_year,programme_code,programme_name\n100,50,2026-01-31,2026,P1,Programme one',
      SERVICES,
      TODAY,
    );
    expect(result.ok && result.lines[0]).toMatchObject({ programmeCode: 'P1', budget: '100', realization: '50', serviceIds: [] });
  });

  it('reports every bad row with its line, and keeps nothing from a file with any error', () => {
    const result = readBudgetFile(
      file(
        '2026,WA.01,Program A,,1.500.000,100,2026-11-30',
        '2026,WA.01,Program B,,100,200,2026-11-30',
        '2025,WA/03,,,100,50,2026-02-30',
        '2026,WA.04,Program D,layanan-lain,100,50,2027-01-01',
        '26,WA.05,Program E,,-5,x,2026-01-01',
      ),
      SERVICES,
      TODAY,
    );
    expect(result.ok).toBe(false);
    expect(keys(result)).toEqual([
      ['budget.error.amount', 2],
      ['budget.error.codeTwice', 3],
      ['budget.error.overBudget', 3],
      ['budget.error.yearMixed', 4],
      ['budget.error.code', 4],
      ['budget.error.name', 4],
      ['budget.error.asOf', 4],
      ['budget.error.asOf', 5],
      ['budget.error.service', 5],
      ['budget.error.year', 6],
      ['budget.error.amount', 6],
      ['budget.error.amount', 6],
    ]);
  });

  it('refuses a file without the columns, without rows, with too many rows, or that is not CSV', () => {
    const missing = readBudgetFile('tahun_anggaran,kode_program\n2026,A', SERVICES, TODAY);
    expect(missing.ok || missing.errors[0]).toEqual({ key: 'budget.error.header', params: { columns: 'nama_program, pagu, realisasi, tanggal_posisi' } });
    expect(keys(readBudgetFile(HEADER, SERVICES, TODAY))).toEqual([['budget.error.noRows', undefined]]);
    const many = file(...Array.from({ length: MAX_BUDGET_ROWS + 1 }, (_, i) => `2026,P${i},Program,,1,1,2026-01-01`));
    expect(keys(readBudgetFile(many, SERVICES, TODAY))).toEqual([['budget.error.tooManyRows', undefined]]);
    expect(keys(readBudgetFile(`${HEADER}\n2026,"unclosed,1,1`, SERVICES, TODAY))[0]?.[0]).toBe('budget.error.notCsv');
  });

  it('has every message it reports in both languages, with the parameters it fills', () => {
    const result = readBudgetFile(file('2026,WA.01,,nope,1,2,2026-13-01'), SERVICES, TODAY);
    expect(result.ok).toBe(false);
    for (const error of result.ok ? [] : result.errors) {
      for (const locale of ['id', 'en'] as const) {
        const text = ALL_MESSAGES[locale][error.key as MessageKey];
        expect(text, `${locale} ${error.key}`).toBeTruthy();
        for (const name of text.match(/\{(\w+)\}/g) ?? []) expect(error.params, `${error.key} ${name}`).toHaveProperty(name.slice(1, -1));
      }
    }
  });

  it('answers any text, however hostile, with a result and never an exception', () => {
    const cell = fc.oneof(
      fc.string(),
      fc.constantFrom('', '2026', 'WA.01', '1e9', '-0', '9'.repeat(40), '2026-02-29', 'akta-kelahiran', '=cmd|calc', '"', ';'),
    );
    const rows = fc.array(fc.array(cell, { maxLength: 9 }), { maxLength: 20 });
    fc.assert(
      fc.property(fc.boolean(), rows, (withHeader, body) => {
        const text = [...(withHeader ? [HEADER] : []), ...body.map((row) => row.join(','))].join('\n');
        const result = readBudgetFile(text, SERVICES, TODAY);
        expect(result.ok ? result.lines.length : result.errors.length).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });
});
