import type { ServiceStandard } from './catalogue.standard.ts';

/** Longer queries are cut: nobody types more, and the cost of trigram matching grows with it. */
export const MAX_QUERY_LENGTH = 200;
/** Words matched one by one; further words still count in the full-text part of the search. */
export const MAX_QUERY_TERMS = 6;

// Words people put around what they look for ("cara membuat akta", "how to get a passport") that
// never name a service. Only dropped from the word-by-word matching.
// biome-ignore format: a word list reads better packed
const FILLER_WORDS = new Set([
  'yang', 'dan', 'di', 'ke', 'dari', 'untuk', 'dengan', 'atau', 'pada', 'cara', 'bagaimana', 'saya', 'mau', 'ingin', 'apa', 'ini', 'itu', 'bisa', 'mengurus', 'urus',
  'the', 'a', 'an', 'of', 'for', 'to', 'how', 'my', 'i', 'in', 'and', 'or', 'get', 'do',
]);

export interface SearchQuery {
  /** The query as PostgreSQL reads it (websearch syntax: quotes, `-word`, `or`); '' for none. */
  text: string;
  /** Distinct meaningful words, lower case, without diacritics, matched one by one. */
  terms: string[];
}

function withoutDiacritics(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .normalize('NFC');
}

/**
 * Turns whatever arrived in `q` into a safe query: cut to MAX_QUERY_LENGTH, well-formed Unicode,
 * no control characters (PostgreSQL refuses NUL in text), collapsed spaces.
 */
export function parseQuery(raw: string): SearchQuery {
  const text = raw
    .slice(0, MAX_QUERY_LENGTH)
    .toWellFormed()
    .normalize('NFKC')
    .replace(/[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const words = withoutDiacritics(text.toLowerCase()).match(/[\p{L}\p{N}]+/gu) ?? [];
  const terms = [...new Set(words.filter((word) => !FILLER_WORDS.has(word) && word.length <= 40))].slice(0, MAX_QUERY_TERMS);
  return { text, terms };
}

/** How many of the query's words a service must match, unless it matches the query as a whole. */
export function termsNeeded(termCount: number): number {
  return Math.ceil(termCount * 0.6);
}

export interface SearchTextSource {
  code: string;
  nameId: string;
  nameEn: string;
  summaryId: string;
  summaryEn: string;
  standard: ServiceStandard;
  lifeEventLabels: readonly string[];
  agencyNameId: string;
  agencyNameEn: string;
}

const MAX_SEARCH_TEXT = 20_000;

/**
 * What a service is found by, in both languages: its names and summaries, requirements, product,
 * life events and agency. The database derives the `indonesian` full-text vector from it and
 * indexes its trigrams for misspellings.
 */
export function buildSearchText(source: SearchTextSource): string {
  const { standard } = source;
  const parts = [
    source.nameId,
    source.nameEn,
    source.code.replaceAll('-', ' '),
    source.summaryId,
    source.summaryEn,
    ...source.lifeEventLabels,
    standard.product.name.id,
    standard.product.name.en,
    standard.product.description.id,
    standard.product.description.en,
    ...standard.requirements.flatMap((requirement) => [requirement.label.id, requirement.label.en]),
    source.agencyNameId,
    source.agencyNameEn,
  ];
  return withoutDiacritics(parts.filter((part) => part.trim() !== '').join(' \n'))
    .replace(/\s+/g, ' ')
    .slice(0, MAX_SEARCH_TEXT);
}
