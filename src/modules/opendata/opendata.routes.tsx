import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { pageContext } from '../../platform/http/request-context.ts';
import { CSS_HREF } from '../../platform/ui/assets.ts';
import { opendataErrors } from './opendata.errors.ts';
import { MEDIA_TYPES } from './opendata.formats.ts';
import type { DatasetVersion } from './opendata.registry.ts';
import type { OpenDataService } from './opendata.service.ts';
import { DataIndexPage } from './views/data-index-page.tsx';

/** Open data changes as people work; five minutes of caching spares the database a burst of harvesters. */
const CACHE_CONTROL = 'public, max-age=300';

const CONTENT_TYPES = {
  csv: `${MEDIA_TYPES.csv}; charset=utf-8; header=present`,
  json: `${MEDIA_TYPES.json}; charset=utf-8`,
  schema: `${MEDIA_TYPES.json}; charset=utf-8`,
} as const;

/**
 * Sets ETag and Last-Modified from the dataset's cheap version and answers 304 when the client has
 * this version already. The ETag is weak: compression may change the bytes, never the rows.
 */
function conditional(request: FastifyRequest, reply: FastifyReply, version: DatasetVersion | undefined, variant: string): boolean {
  if (!version) return false;
  const etag = `W/"${createHash('sha256').update(`${variant}\n${version.tag}`).digest('base64url').slice(0, 27)}"`;
  reply.header('etag', etag);
  if (version.lastModified) reply.header('last-modified', version.lastModified.toUTCString());
  const given = request.headers['if-none-match'];
  return typeof given === 'string' && given.split(',').some((tag) => tag.trim() === etag || tag.trim() === '*');
}

/** The open-data pages and files: /data, /data/catalog.jsonld, /data/<dataset>.{csv,json,schema.json}. Public to everyone. */
export function openDataRoutes({ openData }: { openData: OpenDataService }) {
  return async (app: FastifyInstance) => {
    app.get('/data', { config: { access: 'public' }, schema: { hide: true } }, async (request, reply) =>
      reply.html(<DataIndexPage ctx={pageContext(request, reply, CSS_HREF)} datasets={openData.datasets()} />),
    );

    app.get(
      '/data/catalog.jsonld',
      {
        config: { access: 'public' },
        schema: {
          tags: ['opendata'],
          summary: 'DCAT catalogue of the open data',
          description: 'DCAT-AP style JSON-LD (dcat:Catalog) describing every dataset, its licence (CC BY 4.0), update frequency, schema and downloads.',
        },
      },
      async (_request, reply) => {
        const catalog = await openData.catalog();
        return reply
          .header('cache-control', CACHE_CONTROL)
          .type(`${MEDIA_TYPES.catalog}; charset=utf-8`)
          .send(JSON.stringify(catalog, null, 2));
      },
    );

    app.get<{ Params: { file: string } }>(
      '/data/:file',
      {
        config: { access: 'public' },
        schema: {
          tags: ['opendata'],
          summary: 'Download a dataset or its column schema',
          description:
            '<dataset>.csv (RFC 4180, UTF-8, header row), <dataset>.json (an array of row objects) or <dataset>.schema.json (Table Schema). Person counts under 5 are empty (null).',
          params: Type.Object({ file: Type.String({ maxLength: 100, description: 'e.g. service-catalogue.csv' }) }),
        },
      },
      async (request, reply) => {
        const found = openData.resolve(request.params.file);
        if (!found) throw opendataErrors.unknownFile();
        const { dataset, format } = found;
        reply.header('cache-control', CACHE_CONTROL).type(CONTENT_TYPES[format]);
        if (format === 'schema') return reply.send(JSON.stringify(openData.schema(dataset), null, 2));
        if (conditional(request, reply, await openData.version(dataset), format)) return reply.code(304).send();
        reply.header('content-disposition', `attachment; filename="${dataset.id}.${format}"`);
        // Readable.from ends the generator (and the reading of pages) when the client goes away.
        return reply.send(Readable.from(await openData.open(dataset, format)));
      },
    );
  };
}
