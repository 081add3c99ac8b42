import { LICENSE_URL, MEDIA_TYPES } from './opendata.formats.ts';
import type { Bilingual, Dataset } from './opendata.registry.ts';

// The DCAT catalogue (DCAT-AP style JSON-LD) that national portals harvest: Satu Data Indonesia and
// CKAN's DCAT harvester read dcat:Catalog / dcat:Dataset / dcat:Distribution. The context is written
// into the document, so that it expands without fetching anything.

const FREQUENCY = 'http://publications.europa.eu/resource/authority/frequency/';
const FILE_TYPE = 'http://publications.europa.eu/resource/authority/file-type/';
const INDONESIA = 'http://publications.europa.eu/resource/authority/country/IDN';
const IANA = 'https://www.iana.org/assignments/media-types/';

export const DCAT_CONTEXT = {
  dcat: 'http://www.w3.org/ns/dcat#',
  dct: 'http://purl.org/dc/terms/',
  foaf: 'http://xmlns.com/foaf/0.1/',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
  'dct:license': { '@type': '@id' },
  'dct:conformsTo': { '@type': '@id' },
  'dct:accrualPeriodicity': { '@type': '@id' },
  'dct:spatial': { '@type': '@id' },
  'dct:format': { '@type': '@id' },
  'dcat:downloadURL': { '@type': '@id' },
  'dcat:accessURL': { '@type': '@id' },
  'dcat:landingPage': { '@type': '@id' },
  'dcat:mediaType': { '@type': '@id' },
  'foaf:homepage': { '@type': '@id' },
  'dct:modified': { '@type': 'xsd:dateTime' },
} as const;

const tagged = (text: Bilingual) => [
  { '@value': text.id, '@language': 'id' },
  { '@value': text.en, '@language': 'en' },
];

/** The stable URLs of a dataset's files under a base URL (the public site, or nothing for relative links). */
export function datasetUrls(base: string, id: string) {
  return { csv: `${base}/data/${id}.csv`, json: `${base}/data/${id}.json`, schema: `${base}/data/${id}.schema.json`, page: `${base}/data#${id}` };
}

export interface CatalogOptions {
  /** The public URL of the site, without a trailing slash: every identifier is absolute. */
  baseUrl: string;
  title: Bilingual;
  description: Bilingual;
  publisher: Bilingual;
  /** When each dataset last changed, where known cheaply. */
  modified?: ReadonlyMap<string, Date>;
}

function distribution(dataset: Dataset, url: string, schemaUrl: string, format: 'csv' | 'json') {
  const mediaType = MEDIA_TYPES[format];
  return {
    '@id': `${url}#distribution`,
    '@type': 'dcat:Distribution',
    'dct:title': tagged({ id: `${dataset.title.id} (${format.toUpperCase()})`, en: `${dataset.title.en} (${format.toUpperCase()})` }),
    'dcat:downloadURL': url,
    'dcat:accessURL': url,
    'dcat:mediaType': `${IANA}${mediaType}`,
    'dct:format': `${FILE_TYPE}${format.toUpperCase()}`,
    'dct:license': LICENSE_URL,
    'dct:conformsTo': schemaUrl,
  };
}

/** The whole catalogue as a JSON-LD document. */
export function dcatCatalog(datasets: readonly Dataset[], { baseUrl, title, description, publisher, modified }: CatalogOptions) {
  const agent = { '@id': `${baseUrl}/#publisher`, '@type': 'foaf:Agent', 'foaf:name': tagged(publisher), 'foaf:homepage': `${baseUrl}/` };
  return {
    '@context': DCAT_CONTEXT,
    '@id': `${baseUrl}/data/catalog.jsonld`,
    '@type': 'dcat:Catalog',
    'dct:title': tagged(title),
    'dct:description': tagged(description),
    'dct:publisher': agent,
    'dct:license': LICENSE_URL,
    'dct:language': [{ '@id': 'http://id.loc.gov/vocabulary/iso639-1/id' }, { '@id': 'http://id.loc.gov/vocabulary/iso639-1/en' }],
    'dct:spatial': INDONESIA,
    'foaf:homepage': `${baseUrl}/data`,
    'dcat:dataset': datasets.map((dataset) => {
      const urls = datasetUrls(baseUrl, dataset.id);
      const changed = modified?.get(dataset.id);
      return {
        '@id': `${baseUrl}/data/${dataset.id}`,
        '@type': 'dcat:Dataset',
        'dct:identifier': dataset.id,
        'dct:title': tagged(dataset.title),
        'dct:description': tagged(dataset.description),
        'dcat:keyword': dataset.keywords.flatMap(tagged),
        'dct:publisher': { '@type': 'foaf:Agent', 'foaf:name': tagged(dataset.publisher) },
        'dct:license': LICENSE_URL,
        'dct:accrualPeriodicity': `${FREQUENCY}${dataset.updateFrequency}`,
        'dct:temporal': { '@type': 'dct:PeriodOfTime', 'dct:description': tagged(dataset.temporalCoverage) },
        'dct:spatial': INDONESIA,
        'dct:conformsTo': urls.schema,
        'dcat:landingPage': urls.page,
        ...(changed ? { 'dct:modified': changed.toISOString() } : {}),
        'dcat:distribution': [distribution(dataset, urls.csv, urls.schema, 'csv'), distribution(dataset, urls.json, urls.schema, 'json')],
      };
    }),
  };
}
