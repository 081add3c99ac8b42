import type { Locale } from '../../platform/i18n/index.ts';
import { csvRecord } from '../opendata/opendata.formats.ts';
import type { TrackerEntry } from './tracker.service.ts';

// The data tracker's exports. CSV: one row per access, labels in the person's language, written by
// the open-data CSV writer (RFC 4180, CRLF, formula-injection guard). JSON: the same records with
// codes and labels in both languages, for machines. Columns are documented on the page itself.

export const TRACKER_COLUMNS = [
  'id',
  'accessed_at',
  'agency_code',
  'agency',
  'official_role',
  'via_agency_system',
  'data_product_code',
  'data_product',
  'fields',
  'purpose_code',
  'purpose',
  'legal_basis',
  'case_reference',
  'channel_code',
  'channel',
] as const;

export type TrackerColumn = (typeof TRACKER_COLUMNS)[number];

function csvValues(entry: TrackerEntry, locale: Locale, noAgency: string, noProduct: string): Record<TrackerColumn, string | number | boolean> {
  return {
    id: entry.id,
    accessed_at: entry.accessedAt.toISOString(),
    agency_code: entry.agency?.code ?? '',
    agency: entry.agency ? entry.agency.name[locale] : noAgency,
    official_role: entry.role.label[locale],
    via_agency_system: entry.viaAgencySystem,
    data_product_code: entry.product?.code ?? '',
    data_product: entry.product ? entry.product.name[locale] : noProduct,
    fields: entry.fields.map((field) => field.label[locale]).join('; '),
    purpose_code: entry.purpose.code,
    purpose: entry.purpose.label[locale],
    legal_basis: entry.legalBasis,
    case_reference: entry.caseReference,
    channel_code: entry.channel.code,
    channel: entry.channel.label[locale],
  };
}

/**
 * The CSV file, with a byte-order mark so that spreadsheet programs read it as UTF-8. `noAgency` and
 * `noProduct` are the person's-language words for Loket's own desk and Loket's own records.
 */
export function trackerCsv(entries: readonly TrackerEntry[], locale: Locale, labels: { noAgency: string; noProduct: string }): string {
  const rows = entries.map((entry) => {
    const values = csvValues(entry, locale, labels.noAgency, labels.noProduct);
    return csvRecord(TRACKER_COLUMNS.map((column) => values[column]));
  });
  return `\uFEFF${csvRecord(TRACKER_COLUMNS)}${rows.join('')}`;
}

/** The JSON document: when it was made and every record, codes with their labels in both languages. */
export function trackerJson(entries: readonly TrackerEntry[], generatedAt: Date) {
  return {
    generatedAt: generatedAt.toISOString(),
    total: entries.length,
    records: entries.map((entry) => ({
      id: entry.id,
      accessedAt: entry.accessedAt.toISOString(),
      agency: entry.agency,
      officialRole: entry.role,
      viaAgencySystem: entry.viaAgencySystem,
      dataProduct: entry.product,
      fields: entry.fields,
      purpose: entry.purpose,
      legalBasis: entry.legalBasis,
      caseReference: entry.caseReference,
      channel: entry.channel,
    })),
  };
}
