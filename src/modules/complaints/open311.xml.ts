// A small XML serializer for Open311 GeoReport v2 answers: lists of flat records (plus the nested
// `endpoints`/`formats` of discovery and `keywords`). Every text and attribute goes through escapeXml.

export type XmlValue = string | number | boolean | null | undefined | Date | XmlRecord | XmlList;
export interface XmlRecord {
  readonly [name: string]: XmlValue;
}
/** A list renders as repeated `item` elements inside its parent. */
export interface XmlList {
  readonly item: string;
  readonly values: readonly XmlValue[];
}

// Characters XML 1.0 does not allow at all (controls other than tab, newline, carriage return, and
// lone surrogates / non-characters) are dropped rather than producing a document parsers refuse.
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are exactly what must be removed
const INVALID = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export function escapeXml(text: string): string {
  return text.replace(INVALID, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

const NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

function isList(value: XmlValue): value is XmlList {
  return typeof value === 'object' && value !== null && !(value instanceof Date) && 'values' in value && Array.isArray((value as XmlList).values);
}

function element(name: string, value: XmlValue): string {
  // Names come from our code, never from input; refuse anything else loudly.
  if (!NAME.test(name)) throw new Error(`invalid XML element name: ${name}`);
  if (value === null || value === undefined) return `<${name}/>`;
  if (value instanceof Date) return `<${name}>${value.toISOString()}</${name}>`;
  if (isList(value)) return `<${name}>${value.values.map((v) => element(value.item, v)).join('')}</${name}>`;
  if (typeof value === 'object') {
    return `<${name}>${Object.entries(value)
      .map(([child, v]) => element(child, v))
      .join('')}</${name}>`;
  }
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}

/** A whole document: `<root><item>…</item>…</root>` for lists, `<root>…</root>` for one record. */
export function toXml(root: string, body: XmlRecord | readonly XmlValue[], item?: string): string {
  const content = Array.isArray(body) ? element(root, { item: item ?? 'item', values: body as readonly XmlValue[] }) : element(root, body as XmlRecord);
  return `<?xml version="1.0" encoding="utf-8"?>\n${content}`;
}

/** A plain list of texts (keywords): `<keywords>a, b</keywords>` as the spec's examples show it. */
export function list(item: string, values: readonly XmlValue[]): XmlList {
  return { item, values };
}

/** The same body as JSON: lists become plain arrays. */
export function toJson(body: XmlRecord | readonly XmlValue[]): string {
  return JSON.stringify(body, (_name, value: unknown) => (isList(value as XmlValue) ? (value as XmlList).values : value));
}
