import { MIN_PUBLISHED_COUNT } from '../../platform/statistics/small-counts.ts';
import { type Column, type Dataset, isNullable, type PublishedRow, type PublishedValue } from './opendata.registry.ts';

// The published file formats: CSV (RFC 4180), JSON, and each dataset's Table Schema (the documented
// column schema that the DCAT catalogue points at with dct:conformsTo).

export const LICENSE_URL = 'https://creativecommons.org/licenses/by/4.0/';
export const MEDIA_TYPES = { csv: 'text/csv', json: 'application/json', schema: 'application/schema+json', catalog: 'application/ld+json' } as const;

/**
 * Cells that a spreadsheet would run as a formula start with one of these (CSV injection, OWASP). A
 * leading apostrophe makes them text, as OWASP recommends: the value still reads the same, and a
 * consumer that parses the CSV can strip it. Negative numbers are numbers, not text, and stay as
 * they are.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

function csvText(value: PublishedValue): string {
  if (value === null) return '';
  if (typeof value !== 'string') return String(value);
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** One CSV field: quoted when it holds a quote, a comma or a line break (RFC 4180, 2.6–2.7). */
export function csvField(value: PublishedValue): string {
  const text = csvText(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One CSV record, CRLF-terminated (RFC 4180, 2.1). */
export function csvRecord(values: readonly PublishedValue[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}

/** The CSV file: a header row of the column names, then one record per row. */
export async function* csvChunks(columns: readonly Column[], rows: AsyncIterable<PublishedRow>): AsyncIterable<string> {
  yield csvRecord(columns.map((column) => column.name));
  let batch = '';
  for await (const row of rows) {
    batch += csvRecord(columns.map((column) => row[column.name] ?? null));
    // Chunks of ~64 KB: few writes, little memory.
    if (batch.length >= 65_536) {
      yield batch;
      batch = '';
    }
  }
  if (batch) yield batch;
}

/** The JSON file: an array of row objects, keys the column names, written row by row. */
export async function* jsonChunks(rows: AsyncIterable<PublishedRow>): AsyncIterable<string> {
  let batch = '[';
  let first = true;
  for await (const row of rows) {
    batch += `${first ? '\n' : ',\n'}${JSON.stringify(row)}`;
    first = false;
    if (batch.length >= 65_536) {
      yield batch;
      batch = '';
    }
  }
  yield `${batch}${first ? ']' : '\n]'}\n`;
}

export interface TableSchemaField {
  name: string;
  type: Column['type'];
  title: string;
  description: string;
  'description@id': string;
  constraints: { required: boolean; enum?: readonly string[] };
  unit?: string;
  referenceCode?: { name: string; url: string };
  personCount?: boolean;
}

export interface TableSchema {
  $id: string;
  title: string;
  description: string;
  fields: TableSchemaField[];
  missingValues: string[];
  licenses: { name: string; path: string }[];
}

/**
 * The dataset's Table Schema (Frictionless Data): each column's name, type, description in English
 * (the Indonesian beside it), unit, reference code list, and whether it may be empty. Custom
 * properties (unit, referenceCode, personCount) are allowed by the specification.
 */
export function tableSchema(dataset: Dataset, schemaUrl: string): TableSchema {
  return {
    $id: schemaUrl,
    title: dataset.title.en,
    description: dataset.description.en,
    fields: dataset.columns.map((column) => ({
      name: column.name,
      type: column.type,
      title: column.name,
      description: column.description.en,
      'description@id': column.description.id,
      constraints: { required: !isNullable(column), ...(column.enum ? { enum: column.enum } : {}) },
      ...(column.unit ? { unit: column.unit } : {}),
      ...(column.referenceCode ? { referenceCode: column.referenceCode } : {}),
      ...(column.personCount ? { personCount: true } : {}),
    })),
    // An empty CSV cell is a missing value (for person counts: fewer than five, suppressed).
    missingValues: [''],
    licenses: [{ name: 'CC-BY-4.0', path: LICENSE_URL }],
  };
}

const JSON_TYPES: Record<Column['type'], Record<string, unknown>> = {
  string: { type: 'string' },
  integer: { type: 'integer' },
  number: { type: 'number' },
  boolean: { type: 'boolean' },
  date: { type: 'string', format: 'date' },
  datetime: { type: 'string', format: 'date-time' },
};

/** A JSON Schema for one row of the JSON file, derived from the Table Schema: what the tests validate against. */
export function rowJsonSchema(schema: Pick<TableSchema, 'fields'>): Record<string, unknown> {
  return {
    type: 'object',
    additionalProperties: false,
    required: schema.fields.map((field) => field.name),
    properties: Object.fromEntries(
      schema.fields.map((field) => {
        const base: Record<string, unknown> = { ...JSON_TYPES[field.type], ...(field.constraints.enum ? { enum: [...field.constraints.enum] } : {}) };
        if (field.personCount) base.minimum = MIN_PUBLISHED_COUNT;
        if (field.constraints.required) return [field.name, base];
        const { type, ...rest } = base;
        return [field.name, { ...rest, type: [type, 'null'], ...(rest.enum ? { enum: [...(rest.enum as string[]), null] } : {}) }];
      }),
    ),
  };
}
