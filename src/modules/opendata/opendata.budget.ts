import type { BudgetOpenDataRow, BudgetService } from '../transparency/budget.service.ts';
import { PAGE_SIZE, PLATFORM_PUBLISHER } from './opendata.datasets.ts';
import { type Column, type Dataset, keysetPages } from './opendata.registry.ts';

// (5) Budget and realization per programme, as agencies upload them (issue 9). Amounts, not people:
// no small-count rule applies.

type BudgetKey = Pick<BudgetOpenDataRow, 'fiscalYear' | 'agencyCode' | 'programmeCode'>;

const columns: Column[] = [
  { name: 'fiscal_year', type: 'integer', description: { id: 'Tahun anggaran.', en: 'Fiscal year.' } },
  {
    name: 'agency_code',
    type: 'string',
    description: { id: 'Kode instansi (seperti di /transparency/agencies/<kode>).', en: 'Agency code (as in /transparency/agencies/<code>).' },
  },
  { name: 'agency_name_id', type: 'string', description: { id: 'Nama instansi (bahasa Indonesia).', en: 'Agency name (Indonesian).' } },
  { name: 'agency_name_en', type: 'string', description: { id: 'Nama instansi (bahasa Inggris).', en: 'Agency name (English).' } },
  {
    name: 'programme_code',
    type: 'string',
    description: { id: 'Kode program, seperti dalam dokumen anggaran instansi.', en: 'Programme code, as in the agency’s budget documents.' },
  },
  { name: 'programme_name', type: 'string', description: { id: 'Nama program, seperti diunggah instansi.', en: 'Programme name, as the agency uploaded it.' } },
  {
    name: 'service_codes',
    type: 'string',
    nullable: true,
    description: {
      id: 'Layanan yang dibiayai program, kode dipisah titik koma (seperti di /services/<kode>); kosong bila tidak disebut.',
      en: 'Services the programme pays for, codes separated by semicolons (as in /services/<code>); null when none is named.',
    },
  },
  { name: 'budget', type: 'number', unit: 'IDR', description: { id: 'Pagu anggaran dalam rupiah.', en: 'Budget ceiling (pagu) in rupiah.' } },
  {
    name: 'realization',
    type: 'number',
    unit: 'IDR',
    description: { id: 'Realisasi sampai tanggal posisi, dalam rupiah.', en: 'Realization up to the as-of date, in rupiah.' },
  },
  {
    name: 'realization_percent',
    type: 'number',
    nullable: true,
    unit: 'percent',
    description: {
      id: 'Realisasi sebagai persen pagu, satu desimal; kosong bila pagu nol.',
      en: 'Realization as a percentage of the budget, one decimal; empty for a zero budget.',
    },
  },
  { name: 'as_of', type: 'date', description: { id: 'Tanggal posisi realisasi.', en: 'The date the realization is as of.' } },
];

export function budgetDataset(budget: Pick<BudgetService, 'openDataPage' | 'version'>): Dataset {
  return {
    id: 'budget-realization',
    title: { id: 'Anggaran dan realisasi per program', en: 'Budget and realization per programme' },
    description: {
      id: 'Pagu anggaran dan realisasi per program dan tahun anggaran, seperti diunggah setiap instansi, dengan layanan yang dibiayai program itu.',
      en: 'Budget ceiling and realization per programme and fiscal year, as each agency uploaded them, with the services each programme pays for.',
    },
    keywords: [
      { id: 'anggaran', en: 'budget' },
      { id: 'realisasi', en: 'realization' },
      { id: 'transparansi', en: 'transparency' },
    ],
    publisher: PLATFORM_PUBLISHER,
    updateFrequency: 'IRREG',
    temporalCoverage: { id: 'Setiap tahun anggaran yang diunggah instansi.', en: 'Every fiscal year agencies have uploaded.' },
    columns,
    async *rows() {
      const lines = keysetPages<BudgetOpenDataRow, BudgetKey>(
        (after) => budget.openDataPage(after, PAGE_SIZE),
        (line) => ({ fiscalYear: line.fiscalYear, agencyCode: line.agencyCode, programmeCode: line.programmeCode }),
        PAGE_SIZE,
      );
      for await (const row of lines) {
        const total = Number(row.budget);
        yield {
          fiscal_year: row.fiscalYear,
          agency_code: row.agencyCode,
          agency_name_id: row.agencyNameId,
          agency_name_en: row.agencyNameEn,
          programme_code: row.programmeCode,
          programme_name: row.programmeName,
          service_codes: row.serviceCodes.length > 0 ? row.serviceCodes.join(';') : null,
          budget: total,
          realization: Number(row.realization),
          realization_percent: total > 0 ? Math.round((Number(row.realization) / total) * 1000) / 10 : null,
          as_of: row.asOf,
        };
      }
    },
    version: () => budget.version(),
  };
}
