import { Compile } from 'typebox/compile';
import { describe, expect, it } from 'vitest';
import { isDisclosive } from '../../platform/statistics/small-counts.ts';
import type { SurveyIndexGroup } from '../surveys/surveys.contract.ts';
import type { DailyStatistics } from '../transparency/transparency.service.ts';
import { rowJsonSchema, tableSchema } from './opendata.formats.ts';
import { dailyStatisticsDataset, skmDataset, windows } from './opendata.performance.ts';
import { createRegistry, type Dataset, publishedRows } from './opendata.registry.ts';

// The performance datasets over fakes of the transparency and surveys contracts: what each window
// asks for, and that nothing under five people reaches a file even when a source lets it through.

const TODAY = new Date('2026-03-15T03:00:00Z');

async function published(dataset: Dataset) {
  createRegistry([dataset]);
  const rows: Record<string, unknown>[] = [];
  for await (const row of publishedRows(dataset)) rows.push(row);
  const check = Compile(rowJsonSchema(tableSchema(dataset, 'https://loket.test/s.json')) as never);
  for (const row of rows) expect(check.Check(row), JSON.stringify(check.Errors(row)[0])).toBe(true);
  const counted = dataset.columns.filter((column) => column.personCount).map((column) => column.name);
  for (const row of rows) for (const name of counted) expect(isDisclosive(row[name]), `${name}=${String(row[name])}`).toBe(false);
  return rows;
}

describe('performance windows', () => {
  it('cover every month (or quarter) from the start to today, the last one ending today', () => {
    const months = windows(1, TODAY);
    expect(months[0]).toMatchObject({ from: '2020-01-01', to: '2020-01-31' });
    expect(months.at(-1)).toMatchObject({ from: '2026-03-01', to: '2026-03-15' });
    expect(months).toHaveLength(6 * 12 + 3);
    const quarters = windows(3, TODAY);
    expect(quarters.at(-1)).toEqual({ from: '2026-01-01', to: '2026-03-15', label: '2026-Q1' });
    expect(quarters[1]).toEqual({ from: '2020-04-01', to: '2020-06-30', label: '2020-Q2' });
  });
});

describe('daily statistics per service and unit', () => {
  it('asks the transparency module month by month and publishes its protected figures, with every small count empty', async () => {
    const asked: string[] = [];
    const row = (day: string, received: number, completed: number): DailyStatistics => ({
      day,
      agencyCode: 'disdukcapil-kota-bandung',
      unitCode: null,
      serviceCode: 'akta-kelahiran',
      received: { suppressed: false, value: received },
      // A source that forgot to suppress: the registry must still.
      completed: { suppressed: false, value: completed },
      completedOnTime: { suppressed: true },
      medianDays: { suppressed: false, value: 3 },
      p90Days: { suppressed: true },
      backlog: { suppressed: false, value: 0 },
    });
    const dataset = dailyStatisticsDataset(
      {
        dailyStatistics: async (from, to) => {
          asked.push(`${from}/${to}`);
          return from === '2026-03-01' ? [row('2026-03-02', 12, 2), row('2026-03-03', 5, 9)] : [];
        },
      },
      () => TODAY,
    );
    const rows = await published(dataset);
    expect(asked[0]).toBe('2020-01-01/2020-01-31');
    expect(asked.at(-1)).toBe('2026-03-01/2026-03-15');
    expect(rows).toEqual([
      expect.objectContaining({ day: '2026-03-02', received: 12, completed: null, completed_on_time: null, median_days: 3, p90_days: null, backlog: null }),
      expect.objectContaining({ day: '2026-03-03', received: 5, completed: 9 }),
    ]);
  });
});

describe('SKM per unit and quarter', () => {
  const group = (key: string, respondents: number, suppressed: boolean): SurveyIndexGroup => ({
    key,
    name: { code: `unit-${key}`, id: `Unit ${key}`, en: `Office ${key}` },
    respondents,
    population: 400,
    suppressed,
    index: {
      respondents,
      weight: 1 / 9,
      nrr: [3, 3, 3, 3, 3, 3, 3, 3, 3.5],
      ikm: 3.0556,
      score: 76.39,
      grade: 'C',
      sample: { population: 400, required: 196, adequate: false },
    },
  });

  it('publishes the index of offices with five respondents or more, and withholds the scores and counts of smaller groups', async () => {
    const dataset = skmDataset(
      {
        indexBy: async (groupBy, query) => {
          expect(groupBy).toBe('unit');
          return query.from === '2026-01-01' ? [group('a', 12, false), group('b', 3, true), group('c', 4, false), group('d', 0, false)] : [];
        },
      },
      () => TODAY,
    );
    const rows = await published(dataset);
    expect(rows.map((row) => row.unit_code)).toEqual(['unit-a', 'unit-b', 'unit-c']);
    expect(rows[0]).toMatchObject({ period: '2026-Q1', respondents: 12, population: 400, nrr_u9: 3.5, score: 76.39, grade: 'C', sample_adequate: false });
    for (const small of rows.slice(1)) {
      expect(small).toMatchObject({ respondents: null, ikm: null, score: null, grade: null, nrr_u1: null });
    }
  });
});
