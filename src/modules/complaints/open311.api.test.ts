import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { actOk, type ComplaintsFixture, createComplaintsFixture, forwardedComplaint, OPEN311_REPORT, respondedComplaint } from './complaints.test-support.ts';

const SYSTEM = { actor: { accountId: null, role: 'system', agencyId: null } };

let t: TestApp;
let fx: ComplaintsFixture;
let key: string;
let open: string;
let done: string;
let secret: string;
let anonymous: string;

beforeAll(async () => {
  t = await createTestApp();
  fx = await createComplaintsFixture(t.services, t.database.db);
  const created = await t.services.open311Keys.create({ name: 'Aplikasi mitra', requestsPerMinute: 1000 }, SYSTEM);
  if (!created.ok) throw new Error('key not created');
  key = created.key;
  open = await forwardedComplaint(t.services, fx, { overrides: { description: 'Jalan rusak, hubungi saya di 081234567890 atau rina@contoh.test ya.' } });
  done = await respondedComplaint(t.services, fx);
  secret = await forwardedComplaint(t.services, fx, { isSecret: true });
  anonymous = await forwardedComplaint(t.services, fx, { isAnonymous: true });
});
afterAll(() => t.close());

const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers });
const ids = (body: { service_request_id: string }[]) => body.map((r) => r.service_request_id);

describe('Open311 GeoReport v2', () => {
  it('describes itself: discovery and services in JSON and XML', async () => {
    const discovery = await get('/open311/v2/discovery.json');
    expect(discovery.statusCode).toBe(200);
    expect(discovery.json().endpoints[0]).toMatchObject({ specification: 'http://wiki.open311.org/GeoReport_v2', formats: ['text/xml', 'application/json'] });
    const discoveryXml = await get('/open311/v2/discovery.xml');
    expect(discoveryXml.headers['content-type']).toContain('text/xml');
    expect(discoveryXml.body).toContain('<endpoints><endpoint><specification>http://wiki.open311.org/GeoReport_v2</specification>');

    const services = (await get('/open311/v2/services.json', { 'accept-language': 'en' })).json();
    const service = services.find((s: { service_code: string }) => s.service_code === 'pelayanan-kependudukan');
    expect(service).toMatchObject({ metadata: false, type: 'realtime' });
    expect(Object.keys(service).sort()).toEqual(['description', 'group', 'keywords', 'metadata', 'service_code', 'service_name', 'type']);
    const xml = (await get('/open311/v2/services.xml')).body;
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?>\n<services><service><service_code>/);

    const definition = await get('/open311/v2/services/pelayanan-kependudukan.json');
    expect(definition.json()).toEqual({ service_code: 'pelayanan-kependudukan', attributes: [] });
    expect((await get('/open311/v2/services/pelayanan-kependudukan.xml')).body).toContain(
      '<service_definition><service_code>pelayanan-kependudukan</service_code><attributes></attributes></service_definition>',
    );
    const unknown = await get('/open311/v2/services/tidak-ada.json', { 'accept-language': 'en' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toEqual([{ code: 404, description: 'Unknown service_code.' }]);
  });

  it('lists public requests only, with the spec’s fields and no reporter identity', async () => {
    const response = await get('/open311/v2/requests.json');
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(ids(body)).toEqual(expect.arrayContaining([open, done, anonymous]));
    expect(ids(body)).not.toContain(secret);
    expect(Object.keys(body[0]).sort()).toEqual(
      [
        'address',
        'address_id',
        'agency_responsible',
        'description',
        'expected_datetime',
        'lat',
        'long',
        'media_url',
        'requested_datetime',
        'service_code',
        'service_name',
        'service_notice',
        'status',
        'status_notes',
        'updated_datetime',
        'zipcode',
        'service_request_id',
      ].sort(),
    );
    expect(response.body).not.toContain(fx.citizenNik);
    expect(response.body).not.toContain('rina.');
    expect(response.body).not.toContain('081234567890');
    expect(response.body).not.toContain('rina@contoh.test');
    const closed = body.find((r: { service_request_id: string }) => r.service_request_id === done);
    expect(closed.status).toBe('closed');
    expect(closed.status_notes).toContain('KTP-el Anda sudah dicetak');

    const xml = await get('/open311/v2/requests.xml');
    expect(xml.body).toContain(`<service_request_id>${open}</service_request_id>`);
    expect(xml.body).not.toContain(secret);
  });

  it('filters by ids, service code, status and date window; extensions add the detailed status', async () => {
    expect(ids((await get(`/open311/v2/requests.json?service_request_id=${open},${secret},${done}`)).json()).sort()).toEqual([open, done].sort());
    expect(ids((await get('/open311/v2/requests.json?status=closed')).json())).toEqual([done]);
    expect(ids((await get('/open311/v2/requests.json?status=open')).json())).not.toContain(done);
    expect((await get('/open311/v2/requests.json?service_code=kebersihan')).json()).toEqual([]);
    expect(ids((await get('/open311/v2/requests.json?service_code=pelayanan-kependudukan')).json())).toContain(open);
    expect((await get('/open311/v2/requests.json?start_date=2020-01-01T00:00:00Z&end_date=2020-02-01T00:00:00Z')).json()).toEqual([]);
    const extended = (await get(`/open311/v2/requests/${done}.json?extensions=true`)).json();
    expect(extended[0]).toMatchObject({ service_request_id: done, detailed_status: 'done' });
    expect((await get(`/open311/v2/requests/${open}.json`)).json()[0].detailed_status).toBeUndefined();
  });

  it('answers errors in the spec’s shape and the caller’s language', async () => {
    const span = await get('/open311/v2/requests.json?start_date=2026-01-01&end_date=2026-06-01&lang=en');
    expect(span.statusCode).toBe(400);
    expect(span.json()).toEqual([{ code: 400, description: 'start_date to end_date may span at most 90 days.' }]);
    const bad = await get('/open311/v2/requests.xml?start_date=kemarin');
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain(
      '<errors><error><code>400</code><description>Parameter start_date bukan tanggal ISO 8601 yang valid.</description></error></errors>',
    );
    expect((await get('/open311/v2/requests.json?status=maybe')).statusCode).toBe(400);
    expect((await get(`/open311/v2/requests/${secret}.json`)).statusCode).toBe(404);
    expect((await get('/open311/v2/requests/ADU-0000-0000.xml')).statusCode).toBe(404);
    expect((await get('/open311/v2/tokens/tidak-ada-token-seperti-ini.json')).statusCode).toBe(404);
    expect((await get('/open311/v2/requests.yaml')).statusCode).toBe(404);
  });

  it('lists public timeline events as service request updates', async () => {
    const updates = (await get('/open311/v2/servicerequestupdates.json')).json();
    expect(updates.some((u: { service_request_id: string; status: string }) => u.service_request_id === done && u.status === 'closed')).toBe(true);
    expect(updates.some((u: { service_request_id: string }) => u.service_request_id === secret)).toBe(false);
    expect((await get('/open311/v2/servicerequestupdates.xml')).body).toContain('<service_request_updates><request_update><update_id>');
  });
});

describe('Open311 POST requests', () => {
  const post = (format: string, payload: Record<string, string>, json = false) =>
    t.app.inject({
      method: 'POST',
      url: `/open311/v2/requests.${format}`,
      headers: { 'content-type': json ? 'application/json' : 'application/x-www-form-urlencoded' },
      payload: json ? JSON.stringify(payload) : new URLSearchParams(payload).toString(),
    });
  const report = OPEN311_REPORT;

  it('files with an API key (form-encoded and JSON), answering a token resolved later; secret by default', async () => {
    const response = await post('json', { ...report, api_key: key });
    expect(response.statusCode).toBe(201);
    const [{ token, service_notice }] = response.json();
    expect(token).toMatch(/^[A-Za-z0-9_-]{16,64}$/);
    expect(service_notice).toBeTruthy();
    const resolved = await get(`/open311/v2/tokens/${token}.json`);
    expect(resolved.statusCode).toBe(200);
    const [{ service_request_id }] = resolved.json();
    expect(service_request_id).toMatch(/^ADU-/);
    expect((await get(`/open311/v2/tokens/${token}.xml`)).body).toContain(`<token>${token}</token>`);

    // Secret and anonymous by default: even once verified and forwarded it stays out of Open311.
    await actOk(t.services, fx.desk, service_request_id, { type: 'forward', agencyId: fx.agencyId, unitId: fx.unitId, isSecret: true, isAnonymous: true });
    expect((await get(`/open311/v2/requests/${service_request_id}.json`)).statusCode).toBe(404);

    const asJson = await post('xml', { ...report, api_key: key, title: 'Antrean KTP-el', is_secret: 'false', is_anonymous: 'false' }, true);
    expect(asJson.statusCode).toBe(201);
    expect(asJson.body).toMatch(/<service_requests><request><token>[A-Za-z0-9_-]+<\/token><service_notice>/);
  });

  it('refuses a missing, unknown or revoked key (403) and incomplete reports (400)', async () => {
    expect((await post('json', report)).statusCode).toBe(403);
    expect((await post('json', { ...report, api_key: 'o311_bukan-kunci' })).json()).toEqual([{ code: 403, description: expect.any(String) }]);
    const other = await t.services.open311Keys.create({ name: 'Dicabut' }, SYSTEM);
    if (!other.ok) throw new Error('key not created');
    expect(await t.services.open311Keys.revoke(other.id, SYSTEM)).toBe(true);
    expect((await post('json', { ...report, api_key: other.key })).statusCode).toBe(403);

    const { lat: _lat, long: _long, ...noPlace } = report;
    expect((await post('json', { ...noPlace, api_key: key })).statusCode).toBe(400);
    expect((await post('json', { ...report, description: '', api_key: key })).statusCode).toBe(400);
    expect((await post('json', { ...report, service_code: '', api_key: key })).statusCode).toBe(400);
    expect((await post('json', { ...report, service_code: 'tidak-ada', api_key: key })).statusCode).toBe(404);
  });

  it('limits requests per key per minute', async () => {
    const limited = await t.services.open311Keys.create({ name: 'Terbatas', requestsPerMinute: 2 }, SYSTEM);
    if (!limited.ok) throw new Error('key not created');
    const url = `/open311/v2/requests.json?api_key=${limited.key}`;
    expect((await get(url)).statusCode).toBe(200);
    expect((await get(url)).statusCode).toBe(200);
    const third = await get(url);
    expect(third.statusCode).toBe(429);
    expect(third.headers['retry-after']).toBeTruthy();
    // Another key has its own budget.
    expect((await get(`/open311/v2/requests.json?api_key=${key}`)).statusCode).toBe(200);
  });
});
