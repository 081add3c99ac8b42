import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { Compile } from 'typebox/compile';
import { describe, expect, it } from 'vitest';
import { isDisclosive, MIN_PUBLISHED_COUNT, publishedCount } from '../../platform/statistics/small-counts.ts';
import { csvChunks, csvField, jsonChunks, rowJsonSchema, tableSchema } from './opendata.formats.ts';
import { createRegistry, type Dataset, DatasetDefinitionError, keysetPages, primed, publishedRow, publishedRows } from './opendata.registry.ts';

// The registry's guarantees without a database: documented columns only, person counts protected,
// CSV that spreadsheets read as text and parsers read back exactly.

function dataset(rows: Record<string, unknown>[], overrides: Partial<Dataset> = {}): Dataset {
  return {
    id: 'uji',
    title: { id: 'Uji', en: 'Test' },
    description: { id: 'Uji', en: 'Test' },
    keywords: [],
    publisher: { id: 'Loket', en: 'Loket' },
    updateFrequency: 'DAILY',
    temporalCoverage: { id: 'Semua', en: 'All' },
    columns: [
      { name: 'unit_code', type: 'string', description: { id: 'Unit', en: 'Unit' } },
      { name: 'day', type: 'date', description: { id: 'Hari', en: 'Day' } },
      { name: 'received', type: 'integer', personCount: true, description: { id: 'Diterima', en: 'Received' } },
      { name: 'note', type: 'string', nullable: true, description: { id: 'Catatan', en: 'Note' } },
    ],
    rows: async function* () {
      yield* rows;
    },
    ...overrides,
  };
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

describe('small-count protection', () => {
  it('publishes counts from 5 up and suppresses every count under 5, zero included', () => {
    expect([0, 1, 4, 5, 6, 1000].map(publishedCount)).toEqual([null, null, null, 5, 6, 1000]);
    expect([null, undefined, Number.NaN, '3', '12'].map(publishedCount)).toEqual([null, null, null, null, 12]);
    expect(MIN_PUBLISHED_COUNT).toBe(5);
  });

  it('no person-count cell under 5 survives publishedRow, whatever a row source yields', () => {
    const definition = dataset([]);
    fc.assert(
      fc.property(fc.oneof(fc.integer({ min: -10, max: 100 }), fc.constant(null), fc.string({ maxLength: 3 }), fc.double()), (received) => {
        const row = publishedRow(definition, { unit_code: 'u', day: new Date(), received });
        expect(isDisclosive(row.received)).toBe(false);
      }),
      { numRuns: 300 },
    );
  });
});

describe('the registry', () => {
  it('publishes only the documented columns, in order, with dates as WIB calendar days', async () => {
    const rows = await collect(
      publishedRows(dataset([{ unit_code: 'mpp', day: new Date('2026-01-31T18:00:00Z'), received: 7, note: null, reporter_nik: '3273012345678901' }])),
    );
    expect(rows).toEqual([{ unit_code: 'mpp', day: '2026-02-01', received: 7, note: null }]);
  });

  it('refuses a dataset with a bad id, a repeated column, a person count that is not an integer, or a repeated id', () => {
    const base = dataset([]);
    expect(() => createRegistry([{ ...base, id: 'Bad Id' }])).toThrow(DatasetDefinitionError);
    expect(() => createRegistry([{ ...base, columns: [...base.columns, ...base.columns.slice(0, 1)] }])).toThrow(/appears twice/);
    expect(() => createRegistry([{ ...base, columns: [{ name: 'share', type: 'number', personCount: true, description: { id: 'x', en: 'x' } }] }])).toThrow(
      /must be an integer/,
    );
    expect(() => createRegistry([base, base])).toThrow(/registered twice/);
    expect(createRegistry([base]).find('uji')).toBe(base);
  });

  it('pages through a keyset source one page at a time and stops after a short page', async () => {
    const all = Array.from({ length: 25 }, (_, index) => index);
    const asked: (number | undefined)[] = [];
    const page = async (after: number | undefined) => {
      asked.push(after);
      return all.filter((n) => after === undefined || n > after).slice(0, 10);
    };
    expect(await collect(keysetPages(page, (n) => n, 10))).toEqual(all);
    expect(asked).toEqual([undefined, 9, 19]);
  });

  it('reads the first item before the stream is handed over, and replays it', async () => {
    let reads = 0;
    const source = async function* () {
      reads += 1;
      yield 'a';
      yield 'b';
    };
    const ready = await primed(source());
    expect(reads).toBe(1);
    expect(await collect(ready)).toEqual(['a', 'b']);
    await expect(
      primed(
        (async function* () {
          yield* [];
          throw new Error('database away');
        })(),
      ),
    ).rejects.toThrow('database away');
  });
});

describe('CSV and JSON', () => {
  it('quotes fields per RFC 4180 and makes formula-like text inert with a leading apostrophe', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('line\nbreak')).toBe('"line\nbreak"');
    expect(csvField('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    for (const start of ['+', '-', '@', '\t']) expect(csvField(`${start}1`).replace(/^"/, '')).toMatch(/^'/);
    expect(csvField(-5)).toBe('-5');
    expect(csvField(null)).toBe('');
  });

  it('writes a header row and CRLF records that a CSV parser reads back exactly, and JSON that parses', async () => {
    const rows = [
      { unit_code: 'a,"b"', day: new Date('2026-03-01T00:00:00Z'), received: 12, note: 'dua\nbaris' },
      { unit_code: 'c', day: new Date('2026-03-02T00:00:00Z'), received: 2, note: null },
    ];
    const definition = dataset(rows);
    const csv = (await collect(csvChunks(definition.columns, publishedRows(definition)))).join('');
    expect(csv.startsWith('unit_code,day,received,note\r\n')).toBe(true);
    expect(parse(csv, { columns: true })).toEqual([
      { unit_code: 'a,"b"', day: '2026-03-01', received: '12', note: 'dua\nbaris' },
      { unit_code: 'c', day: '2026-03-02', received: '', note: '' },
    ]);
    const json = JSON.parse((await collect(jsonChunks(publishedRows(definition)))).join('')) as unknown[];
    const check = Compile(rowJsonSchema(tableSchema(definition, 'https://loket.test/data/uji.schema.json')) as never);
    expect(json).toHaveLength(2);
    for (const row of json) expect(check.Check(row), JSON.stringify(row)).toBe(true);
    expect(JSON.parse((await collect(jsonChunks(publishedRows(dataset([]))))).join(''))).toEqual([]);
  });

  it('documents each column in the Table Schema: type, both languages, unit, reference codes, whether it may be empty', () => {
    const schema = tableSchema(dataset([]), 'https://loket.test/data/uji.schema.json');
    expect(schema.fields.map((field) => [field.name, field.type, field.constraints.required])).toEqual([
      ['unit_code', 'string', true],
      ['day', 'date', true],
      ['received', 'integer', false],
      ['note', 'string', false],
    ]);
    expect(schema.fields[2]).toMatchObject({ personCount: true, description: 'Received', 'description@id': 'Diterima' });
    expect(schema.licenses[0]?.path).toBe('https://creativecommons.org/licenses/by/4.0/');
  });
});
