import { publishedCount } from '../../platform/statistics/small-counts.ts';

// The open-data registry: each dataset is its metadata, its documented columns and a row source.
// Everything published (CSV, JSON, schemas, the DCAT catalogue, the index page, the CLI export) is
// derived from the definitions here, and every row goes through publishedRow(): a row source
// cannot add an undocumented field, and a person-count column cannot escape small-count protection.

/** Text in both languages of the platform. */
export interface Bilingual {
  id: string;
  en: string;
}

/** Table Schema (frictionless) field types that Loket publishes. */
export type ColumnType = 'string' | 'integer' | 'number' | 'boolean' | 'date' | 'datetime';

export interface Column {
  /** snake_case, stable: renaming one breaks every consumer. */
  name: string;
  type: ColumnType;
  description: Bilingual;
  /** Unit of a number ("IDR", "working days", "days", "people"). */
  unit?: string;
  /**
   * The code list values come from, e.g. Kemendagri region codes: Satu Data asks for reference
   * codes so that datasets of different publishers join.
   */
  referenceCode?: { name: string; url: string };
  /** The closed list of values, when there is one (statuses, kinds). */
  enum?: readonly string[];
  nullable?: boolean;
  /**
   * The cell counts people: published only from MIN_PUBLISHED_COUNT up, null below (small-count
   * protection). Implies nullable.
   */
  personCount?: boolean;
}

/** EU Publications Office frequency vocabulary, as DCAT-AP uses for dct:accrualPeriodicity. */
export type UpdateFrequency = 'CONT' | 'DAILY' | 'WEEKLY' | 'MONTHLY' | 'QUARTERLY' | 'ANNUAL' | 'IRREG';

/** A row as a source yields it: column name to value (Date for dates and date-times). */
export type SourceRow = Readonly<Record<string, unknown>>;
export type PublishedValue = string | number | boolean | null;
export type PublishedRow = Readonly<Record<string, PublishedValue>>;

/** What a published file says about its freshness, when it can be known cheaply. */
export interface DatasetVersion {
  /** Changes whenever the rows do. */
  tag: string;
  lastModified: Date | null;
}

export interface Dataset {
  /** Stable slug: /data/<id>.csv. */
  id: string;
  title: Bilingual;
  description: Bilingual;
  keywords: readonly Bilingual[];
  /** Who answers for it: an agency, or the platform itself. */
  publisher: Bilingual;
  updateFrequency: UpdateFrequency;
  /** The period the rows cover, in words (DCAT: dct:temporal). */
  temporalCoverage: Bilingual;
  columns: readonly Column[];
  /** Streams the rows in a stable order; reads in pages, never the whole table at once. */
  rows(): AsyncIterable<SourceRow>;
  /** Cheap fingerprint for ETag and Last-Modified; absent when only a full read could tell. */
  version?(): Promise<DatasetVersion>;
}

export const SLUG = /^[a-z0-9][a-z0-9-]{1,62}$/;
const COLUMN_NAME = /^[a-z][a-z0-9_]{0,62}$/;

export class DatasetDefinitionError extends Error {}

/** The definition's problems, so that a mistake fails at start-up rather than in a download. */
function checkDefinition(dataset: Dataset): void {
  const fail = (reason: string) => {
    throw new DatasetDefinitionError(`open-data dataset "${dataset.id}": ${reason}`);
  };
  if (!SLUG.test(dataset.id)) fail('the id must be a lowercase slug');
  if (dataset.columns.length === 0) fail('no columns');
  const names = new Set<string>();
  for (const column of dataset.columns) {
    if (!COLUMN_NAME.test(column.name)) fail(`column "${column.name}" is not snake_case`);
    if (names.has(column.name)) fail(`column "${column.name}" appears twice`);
    names.add(column.name);
    if (column.personCount && column.type !== 'integer') fail(`person-count column "${column.name}" must be an integer`);
  }
}

/** A column as published: person counts are always nullable (suppressed cells are null). */
export function isNullable(column: Column): boolean {
  return column.nullable === true || column.personCount === true;
}

const JAKARTA_DATE = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta', year: 'numeric', month: '2-digit', day: '2-digit' });

function cell(column: Column, value: unknown): PublishedValue {
  if (column.personCount) return publishedCount(value);
  if (value === null || value === undefined) return null;
  switch (column.type) {
    case 'date':
      // Calendar dates as Indonesians read them (WIB), whatever the server's time zone.
      return value instanceof Date ? JAKARTA_DATE.format(value) : String(value);
    case 'datetime':
      return value instanceof Date ? value.toISOString() : String(value);
    case 'integer':
    case 'number': {
      const number = typeof value === 'number' ? value : Number(value);
      return Number.isFinite(number) ? number : null;
    }
    case 'boolean':
      return Boolean(value);
    case 'string': {
      // An empty CSV cell is a missing value (Table Schema missingValues): JSON says the same with null.
      const text = String(value);
      return text === '' ? null : text;
    }
  }
}

/** One source row as published: only the documented columns, in order, with person counts protected. */
export function publishedRow(dataset: Pick<Dataset, 'columns'>, row: SourceRow): PublishedRow {
  const out: Record<string, PublishedValue> = {};
  for (const column of dataset.columns) out[column.name] = cell(column, row[column.name]);
  return out;
}

/** The published rows of a dataset, streamed. */
export async function* publishedRows(dataset: Dataset): AsyncIterable<PublishedRow> {
  for await (const row of dataset.rows()) yield publishedRow(dataset, row);
}

export interface DatasetRegistry {
  /** In registration order: the order of the index page and the catalogue. */
  all(): readonly Dataset[];
  find(id: string): Dataset | undefined;
}

/** Checks each definition and refuses two datasets with one id. */
export function createRegistry(datasets: readonly Dataset[]): DatasetRegistry {
  const byId = new Map<string, Dataset>();
  for (const dataset of datasets) {
    checkDefinition(dataset);
    if (byId.has(dataset.id)) throw new DatasetDefinitionError(`open-data dataset "${dataset.id}" is registered twice`);
    byId.set(dataset.id, dataset);
  }
  const list = [...byId.values()];
  return { all: () => list, find: (id) => byId.get(id) };
}

/**
 * Pages through a keyset-ordered source: `page(after)` returns up to `size` rows after the given key
 * (undefined: from the start). Memory holds one page, whatever the table's size.
 */
export async function* keysetPages<R, K>(page: (after: K | undefined) => Promise<readonly R[]>, keyOf: (row: R) => K, size: number): AsyncIterable<R> {
  let after: K | undefined;
  for (;;) {
    const rows = await page(after);
    yield* rows;
    const last = rows.at(-1);
    if (rows.length < size || last === undefined) return;
    after = keyOf(last);
  }
}

/** Reads the first item now; the result replays it, then pulls the rest as they are asked for. */
export async function primed<T>(items: AsyncIterable<T>): Promise<AsyncIterable<T>> {
  const iterator = items[Symbol.asyncIterator]();
  const first = await iterator.next();
  return {
    [Symbol.asyncIterator]: () => {
      let pending: IteratorResult<T> | undefined = first;
      return {
        next: () => {
          if (pending) {
            const item = pending;
            pending = undefined;
            return Promise.resolve(item);
          }
          return iterator.next();
        },
        return: async (value?: unknown) => {
          await iterator.return?.(value);
          return { done: true, value: undefined };
        },
      };
    },
  };
}
