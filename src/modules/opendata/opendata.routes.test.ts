import { parse } from 'csv-parse/sync';
import jsonld from 'jsonld';
import { Compile } from 'typebox/compile';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { ALL_MESSAGES } from '../../platform/i18n/index.ts';
import { isDisclosive } from '../../platform/statistics/small-counts.ts';
import { createPublishedServicesReader } from '../catalogue/catalogue.open-data.ts';
import { createCatalogueRepository } from '../catalogue/catalogue.repository.ts';
import { seedDemoCatalogue } from '../catalogue/catalogue.seed.ts';
import { createPublicComplaintsReader } from '../complaints/complaints.open-data.ts';
import {
  type ComplaintsFixture,
  createComplaintsFixture,
  fileComplaint,
  forwardedComplaint,
  respondedComplaint,
} from '../complaints/complaints.test-support.ts';
import { rowJsonSchema, type TableSchema } from './opendata.formats.ts';
import { keysetPages } from './opendata.registry.ts';

// The open-data routes on the production wiring and real PostgreSQL: what is published, what is
// never published, and that each file is what its documented schema says.

let t: TestApp;
let fixture: ComplaintsFixture;
const ids: { public: string; popular: string; responded: string; secret: string; anonymous: string; unverified: string } = {
  public: '',
  popular: '',
  responded: '',
  secret: '',
  anonymous: '',
  unverified: '',
};
const SECRET_TITLE = 'Rahasia: pungutan liar oleh petugas loket';
const PERSONAL = { name: 'Siti Nurhaliza Binti Ahmad', phone: '081234567890', nik: '3273014501900001' };

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  await db.transaction().execute((trx) => seedDemoCatalogue(createCatalogueRepository(trx)));
  fixture = await createComplaintsFixture(t.services, db);
  const personalText = { description: `Saya ${PERSONAL.name}, NIK ${PERSONAL.nik}, telepon ${PERSONAL.phone}. KTP-el belum dicetak sejak Juli.` };
  ids.public = await forwardedComplaint(t.services, fixture, { overrides: { ...personalText, title: `Laporan ${PERSONAL.name}` } });
  ids.popular = await forwardedComplaint(t.services, fixture);
  ids.responded = await respondedComplaint(t.services, fixture);
  ids.secret = await forwardedComplaint(t.services, fixture, { isSecret: true, overrides: { title: SECRET_TITLE } });
  ids.anonymous = await forwardedComplaint(t.services, fixture, { isAnonymous: true });
  ids.unverified = (await fileComplaint(t.services, { kind: 'account', accountId: fixture.citizen.accountId })).trackingId;
  // Six more people reported the same as "popular": 7 in all, publishable; the others have 1 each.
  await db.updateTable('complaint').set({ supportCount: 6 }).where('trackingId', '=', ids.popular).execute();
  // A draft of a published service: its text must not be published.
  const published = await db.selectFrom('serviceVersion').selectAll().where('status', '=', 'published').limit(1).executeTakeFirstOrThrow();
  const { id: _id, searchVector: _vector, createdAt: _created, updatedAt: _updated, publishedAt: _published, ...copy } = published;
  await db
    .insertInto('serviceVersion')
    .values({
      ...copy,
      version: published.version + 1,
      status: 'draft',
      nameId: 'DRAF-BELUM-TERBIT',
      standard: JSON.stringify(copy.standard) as never,
      form: JSON.stringify(copy.form) as never,
      workflow: null,
      outputTemplate: null,
    })
    .execute();
});

afterAll(async () => t?.close());

const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ url, headers });

async function schemaOf(id: string): Promise<TableSchema> {
  const response = await get(`/data/${id}.schema.json`);
  expect(response.statusCode).toBe(200);
  return response.json() as TableSchema;
}

/** Checks every CSV record against the published Table Schema; returns the records as objects. */
function checkCsv(csv: string, schema: TableSchema): Record<string, string>[] {
  const records = parse(csv, { relaxColumnCount: false }) as string[][];
  expect(records[0]).toEqual(schema.fields.map((field) => field.name));
  const patterns: Record<string, RegExp> = {
    integer: /^-?\d+$/,
    number: /^-?\d+(\.\d+)?$/,
    boolean: /^(true|false)$/,
    date: /^\d{4}-\d{2}-\d{2}$/,
    datetime: /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/,
    string: /^[\s\S]*$/,
  };
  return records.slice(1).map((record) => {
    const row: Record<string, string> = {};
    schema.fields.forEach((field, index) => {
      const value = record[index] ?? '';
      row[field.name] = value;
      if (value === '') {
        expect(field.constraints.required, `${field.name} is empty but required`).toBe(false);
        return;
      }
      expect(value, `${field.name} as ${field.type}`).toMatch(patterns[field.type] ?? /^$/);
      if (field.constraints.enum) expect(field.constraints.enum).toContain(value);
    });
    return row;
  });
}

function checkJson(rows: unknown[], schema: TableSchema) {
  const check = Compile(rowJsonSchema(schema) as never);
  for (const row of rows) expect(check.Check(row), `${JSON.stringify(row)}: ${JSON.stringify(check.Errors(row)[0])}`).toBe(true);
}

describe('the service catalogue dataset', () => {
  it('publishes each published service once, with its standard, as CSV and JSON that validate against the published schema', async () => {
    const schema = await schemaOf('service-catalogue');
    const csv = await get('/data/service-catalogue.csv');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8; header=present');
    expect(csv.headers['content-disposition']).toBe('attachment; filename="service-catalogue.csv"');
    const rows = checkCsv(csv.body, schema);
    const json = await get('/data/service-catalogue.json');
    expect(json.headers['content-type']).toBe('application/json; charset=utf-8');
    const items = json.json() as Record<string, unknown>[];
    checkJson(items, schema);

    const published = await t.database.db
      .selectFrom('serviceVersion as v')
      .innerJoin('service as s', 's.id', 'v.serviceId')
      .select(['s.code', 'v.version'])
      .where('v.status', '=', 'published')
      .orderBy('s.code')
      .execute();
    expect(published.length).toBeGreaterThan(3);
    expect(rows.map((row) => [row.service_code, Number(row.version)])).toEqual(published.map((p) => [p.code, p.version]));
    expect(items.map((item) => item.service_code)).toEqual(published.map((p) => p.code));
    expect(csv.body).not.toContain('DRAF-BELUM-TERBIT');
    const first = items[0] ?? {};
    expect(String(first.requirements_id)).toMatch(/^1\. /);
    expect(first.time_limit_working_days).toEqual(expect.any(Number));
  });

  it('answers 304 to a client that has the current version, and a fresh file after a change', async () => {
    const first = await get('/data/service-catalogue.csv');
    const etag = String(first.headers.etag);
    expect(etag).toMatch(/^W\/".+"$/);
    expect(first.headers['last-modified']).toBeDefined();
    expect(first.headers['cache-control']).toBe('public, max-age=300');
    expect((await get('/data/service-catalogue.csv', { 'if-none-match': etag })).statusCode).toBe(304);
    // The JSON file of the same version is another representation: its own tag.
    expect((await get('/data/service-catalogue.json', { 'if-none-match': etag })).statusCode).toBe(200);
    await t.database.db.updateTable('agency').set({ nameEn: 'Renamed agency' }).where('id', '=', fixture.otherAgencyId).execute();
    const after = await get('/data/service-catalogue.csv', { 'if-none-match': etag });
    expect(after.statusCode).toBe(200);
    expect(after.headers.etag).not.toBe(etag);
  });
});

describe('the public complaints dataset', () => {
  it('publishes public, verified, not anonymous reports only, as CSV and JSON that validate against the published schema', async () => {
    const schema = await schemaOf('public-complaints');
    const csv = await get('/data/public-complaints.csv');
    expect(csv.statusCode).toBe(200);
    const rows = checkCsv(csv.body, schema);
    const items = (await get('/data/public-complaints.json')).json() as Record<string, unknown>[];
    checkJson(items, schema);
    expect(rows.map((row) => row.tracking_id).sort()).toEqual([ids.public, ids.popular, ids.responded].sort());
    expect(items.map((item) => item.tracking_id).sort()).toEqual([ids.public, ids.popular, ids.responded].sort());
    for (const hidden of [ids.secret, ids.anonymous, ids.unverified]) expect(csv.body).not.toContain(hidden);
    const responded = items.find((item) => item.tracking_id === ids.responded);
    expect(responded).toMatchObject({ status: 'done', days_to_respond: 0, agency_code: fixture.agencyCode, region_code: '32.73', province_code: '32' });
    expect(responded?.responded_on).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('carries no personal data: no title, text, address, point, name, NIK or phone', async () => {
    for (const format of ['csv', 'json']) {
      const body = (await get(`/data/public-complaints.${format}`)).body;
      for (const text of [PERSONAL.name, PERSONAL.nik, PERSONAL.phone, 'Wastukencana', 'KTP-el', SECRET_TITLE, '-6.9', '107.6']) {
        expect(body, `${format} contains ${text}`).not.toContain(text);
      }
    }
    const schema = await schemaOf('public-complaints');
    expect(schema.fields.map((field) => field.name)).not.toEqual(expect.arrayContaining(['title', 'description', 'address', 'latitude', 'longitude']));
  });

  it('no cell counting people is under 5 in any file: single reporters are left empty, seven are published', async () => {
    for (const id of t.services.openData.datasets().map((dataset) => dataset.id)) {
      const schema = await schemaOf(id);
      const counted = schema.fields.filter((field) => field.personCount).map((field) => field.name);
      const items = (await get(`/data/${id}.json`)).json() as Record<string, unknown>[];
      for (const item of items) for (const name of counted) expect(isDisclosive(item[name]), `${id} ${name}=${String(item[name])}`).toBe(false);
      const rows = checkCsv((await get(`/data/${id}.csv`)).body, schema);
      for (const row of rows) for (const name of counted) expect(row[name] === '' || Number(row[name]) >= 5, `${id} ${name}=${row[name]}`).toBe(true);
    }
    const items = (await get('/data/public-complaints.json')).json() as Record<string, unknown>[];
    expect(items.find((item) => item.tracking_id === ids.popular)?.reported_by).toBe(7);
    expect(items.find((item) => item.tracking_id === ids.public)?.reported_by).toBeNull();
  });
});

describe('reading in pages', () => {
  it('walks complaints and services page by page without skipping or repeating one, whatever the page size', async () => {
    const complaints = createPublicComplaintsReader(t.database.db);
    const seen: string[] = [];
    type Key = { createdAt: Date; id: string };
    const pages = keysetPages(
      (after: Key | undefined) => complaints.page(after, 1),
      (row) => row.key,
      1,
    );
    for await (const row of pages) seen.push(row.summary.trackingId);
    expect([...seen].sort()).toEqual([ids.public, ids.popular, ids.responded].sort());
    const services = createPublishedServicesReader(t.database.db);
    const codes: string[] = [];
    for await (const version of keysetPages(
      (after: string | undefined) => services.page(after, 2),
      (version) => version.code,
      2,
    ))
      codes.push(version.code);
    expect(codes).toEqual([...new Set(codes)].sort());
    expect(codes.length).toBeGreaterThan(3);
  });
});

describe('the DCAT catalogue', () => {
  it('is valid JSON-LD that expands offline into a dcat:Catalog of every dataset, with both languages, licence, frequency, distributions and schemas', async () => {
    const response = await get('/data/catalog.jsonld');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/ld+json; charset=utf-8');
    const document = response.json() as Record<string, unknown>;
    const documentLoader = async (url: string): Promise<never> => {
      throw new Error(`the catalogue asked to fetch ${url}: its context must be embedded`);
    };
    const expanded = (await jsonld.expand(document as jsonld.JsonLdDocument, { documentLoader, safe: true } as jsonld.Options.Expand)) as Record<
      string,
      unknown
    >[];
    const DCAT = 'http://www.w3.org/ns/dcat#';
    const DCT = 'http://purl.org/dc/terms/';
    const catalog = expanded.find((node) => (node['@type'] as string[] | undefined)?.includes(`${DCAT}Catalog`));
    expect(catalog).toBeDefined();
    const datasets = (catalog?.[`${DCAT}dataset`] ?? []) as Record<string, unknown>[];
    expect(datasets.map((node) => (node[`${DCT}identifier`] as { '@value': string }[])[0]?.['@value'])).toEqual([
      'service-catalogue',
      'public-complaints',
      'daily-service-statistics',
      'skm-per-unit',
      'budget-realization',
    ]);
    for (const node of datasets) {
      expect(node['@type']).toEqual([`${DCAT}Dataset`]);
      const titles = node[`${DCT}title`] as { '@value': string; '@language': string }[];
      expect(titles.map((title) => title['@language']).sort()).toEqual(['en', 'id']);
      expect(node[`${DCT}license`]).toEqual([{ '@id': 'https://creativecommons.org/licenses/by/4.0/' }]);
      expect((node[`${DCT}accrualPeriodicity`] as { '@id': string }[])[0]?.['@id']).toMatch(
        /^http:\/\/publications\.europa\.eu\/resource\/authority\/frequency\/(CONT|DAILY|IRREG)$/,
      );
      const distributions = node[`${DCAT}distribution`] as Record<string, { '@id': string }[]>[];
      const media = distributions.map((d) => d[`${DCAT}mediaType`]?.[0]?.['@id']);
      expect(media).toEqual(['https://www.iana.org/assignments/media-types/text/csv', 'https://www.iana.org/assignments/media-types/application/json']);
      for (const distribution of distributions) {
        const download = new URL(distribution[`${DCAT}downloadURL`]?.[0]?.['@id'] ?? '');
        const schemaUrl = new URL(distribution[`${DCT}conformsTo`]?.[0]?.['@id'] ?? '');
        // Every link in the catalogue answers, on this very app.
        expect((await get(download.pathname)).statusCode, download.pathname).toBe(200);
        expect((await get(schemaUrl.pathname)).statusCode, schemaUrl.pathname).toBe(200);
      }
    }
    // Canonical N-Quads: the whole graph converts to RDF without loss or a network fetch.
    const quads = await jsonld.toRDF(document as jsonld.JsonLdDocument, { format: 'application/n-quads', documentLoader, safe: true } as jsonld.Options.ToRdf);
    expect(String(quads)).toContain('<http://www.w3.org/ns/dcat#Catalog>');
  });
});

describe('the index page and refusals', () => {
  it('lists every dataset with its downloads and documented columns, in Indonesian and in English, with no script needed', async () => {
    for (const locale of ['id', 'en'] as const) {
      const response = await get('/data', { 'accept-language': locale });
      expect(response.statusCode).toBe(200);
      expect(response.body).toContain(`<h1>${ALL_MESSAGES[locale]['opendata.title']}</h1>`);
      for (const href of ['/data/service-catalogue.csv', '/data/public-complaints.json', '/data/public-complaints.schema.json', '/data/catalog.jsonld']) {
        expect(response.body).toContain(`href="${href}"`);
      }
      expect(response.body).toContain('<code>reported_by</code>');
      expect(response.body).toContain(locale === 'id' ? 'Pengaduan publik' : 'Public complaints');
      expect(response.body).toContain('kodewilayah.id');
    }
  });

  it('answers an unknown dataset or format with a localized 404, and hostile names with a 4xx, never a 5xx', async () => {
    for (const locale of ['id', 'en'] as const) {
      const response = await get('/data/public-complaints.xlsx', { accept: 'application/json', 'accept-language': locale });
      expect(response.statusCode).toBe(404);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.json()).toMatchObject({
        status: 404,
        type: '/problems/opendata.unknown_file',
        title: ALL_MESSAGES[locale]['opendata.error.unknownFile.title'],
      });
      const page = await get('/data/tidak-ada.csv', { 'accept-language': locale });
      expect(page.statusCode).toBe(404);
      expect(page.body).toContain(ALL_MESSAGES[locale]['opendata.error.unknownFile.title']);
    }
    for (const name of [
      '..%2F..%2Fetc%2Fpasswd',
      'public-complaints.csv.json',
      'PUBLIC-COMPLAINTS.CSV',
      '%00.csv',
      'x'.repeat(150),
      '.csv',
      'catalog.jsonld.csv',
      '%E0%A4%A',
    ]) {
      const response = await get(`/data/${name}`);
      expect(response.statusCode, name).toBeGreaterThanOrEqual(400);
      expect(response.statusCode, name).toBeLessThan(500);
    }
  });
});
