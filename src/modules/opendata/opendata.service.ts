import { ALL_MESSAGES } from '../../platform/i18n/index.ts';
import { dcatCatalog } from './opendata.dcat.ts';
import { csvChunks, jsonChunks, type TableSchema, tableSchema } from './opendata.formats.ts';
import { type Dataset, type DatasetRegistry, type DatasetVersion, primed, publishedRows, SLUG } from './opendata.registry.ts';

export type FileFormat = 'csv' | 'json' | 'schema';

const FILE = /^([a-z0-9][a-z0-9-]{1,62})\.(csv|json|schema\.json)$/;

/**
 * Open data: the files of each registered dataset and the DCAT catalogue, the same for the web
 * routes and `loket export open-data`. Reads only what the registry's row sources read; every row
 * passes through publishedRows (documented columns only, small counts suppressed).
 */
export function createOpenDataService({ registry, publicUrl }: { registry: DatasetRegistry; publicUrl: string }) {
  const base = publicUrl.replace(/\/+$/, '');
  const schemaUrl = (id: string) => `${base}/data/${id}.schema.json`;
  const text = (key: 'opendata.catalog.title' | 'opendata.catalog.description' | 'opendata.publisher') => ({
    id: ALL_MESSAGES.id[key],
    en: ALL_MESSAGES.en[key],
  });

  return {
    datasets(): readonly Dataset[] {
      return registry.all();
    },

    /** The dataset and format a file name stands for ("service-catalogue.csv"); undefined for anything else. */
    resolve(file: string): { dataset: Dataset; format: FileFormat } | undefined {
      const match = FILE.exec(file);
      if (!match?.[1] || !SLUG.test(match[1])) return undefined;
      const dataset = registry.find(match[1]);
      if (!dataset) return undefined;
      return { dataset, format: match[2] === 'schema.json' ? 'schema' : (match[2] as 'csv' | 'json') };
    },

    /**
     * The file's text in chunks, read from the database page by page as the consumer pulls. The
     * first page is read before this resolves, so that a database that cannot be reached fails the
     * request (503) instead of cutting a 200 short.
     */
    async open(dataset: Dataset, format: 'csv' | 'json'): Promise<AsyncIterable<string>> {
      const rows = await primed(publishedRows(dataset));
      return format === 'csv' ? csvChunks(dataset.columns, rows) : jsonChunks(rows);
    },

    schema(dataset: Dataset): TableSchema {
      return tableSchema(dataset, schemaUrl(dataset.id));
    },

    /** The dataset's cheap version (ETag, Last-Modified), or undefined when it has none. */
    async version(dataset: Dataset): Promise<DatasetVersion | undefined> {
      return dataset.version?.();
    },

    /** The DCAT-AP catalogue of every dataset, with dct:modified where a dataset knows it cheaply. */
    async catalog() {
      const modified = new Map<string, Date>();
      for (const dataset of registry.all()) {
        const version = await dataset.version?.();
        if (version?.lastModified) modified.set(dataset.id, version.lastModified);
      }
      return dcatCatalog(registry.all(), {
        baseUrl: base,
        title: text('opendata.catalog.title'),
        description: text('opendata.catalog.description'),
        publisher: text('opendata.publisher'),
        modified,
      });
    },
  };
}

export type OpenDataService = ReturnType<typeof createOpenDataService>;
