import fc from 'fast-check';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIGNATURE_HEADER, signWebhook } from '../../src/modules/payments/webhook-signature.ts';
import type { SignedInActor } from '../../src/platform/auth/actor.ts';
import { type Permission, ROLES, roleHasPermission } from '../../src/platform/auth/permissions.ts';
import { ALL_MESSAGES } from '../../src/platform/i18n/index.ts';
import { SMALL_DEMO, seedDemo } from '../../src/seed.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { csrfPair } from './forms.ts';
import {
  BAD_PATH_PARAMS,
  type FuzzCaller,
  fuzzCallers,
  HUGE,
  injectPatiently,
  multipartBody,
  nextAddress,
  problemWithAnswer,
  UNICODE_JUNK,
} from './fuzzing.ts';

// Hostile input (issue 7): every operation of the published OpenAPI document and every HTML form
// post is called with malformed and boundary input. Whatever arrives, the answer is a 4xx that says
// what was wrong (problem+json for the API) and never a 5xx or a hang. Inputs come from fixed lists
// and a seeded generator, so a failure reproduces on every run.

const SEED = 7_2026;
const WEBHOOK_SECRET = Buffer.alloc(32, 7);

interface Parameter {
  in: 'path' | 'query' | 'header' | 'cookie';
  name: string;
  required?: boolean;
  schema?: JsonSchema;
}

interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  enum?: unknown[];
  format?: string;
  pattern?: string;
  minimum?: number;
  maxLength?: number;
}

interface Operation {
  method: string;
  path: string;
  parameters: Parameter[];
  bodyTypes: string[];
  bodySchema: JsonSchema | undefined;
}

interface Variant {
  name: string;
  url: string;
  headers?: Record<string, string>;
  payload?: string | Buffer;
}

let t: TestApp;
let operations: Operation[];
let callers: FuzzCaller[];
/** A published demo service and its form's field names, so that answers reach the form validator. */
let serviceCode: string;
let formFields: { name: string; type: string }[];

beforeAll(async () => {
  // The per-account limit would answer the signed-in variants with 429 before they reach a handler.
  // A known webhook secret: signed notifications get past the signature check to the validation behind it.
  t = await createTestApp({
    env: { LOKET_RATE_LIMIT_MAX: '1000000', LOKET_PAYMENT_WEBHOOK_SECRET: WEBHOOK_SECRET.toString('base64') },
    // Stands in for a refusal raised before the request-context hook (load shedding does that): no language set yet.
    extend: (app) =>
      app.get('/api/test/shed', { config: { access: 'public' } }, async (request) => {
        (request as { t: unknown }).t = null;
        throw Object.assign(new Error('Service Unavailable'), { statusCode: 503 });
      }),
  });
  await seedDemo(t.database.db, t.services, SMALL_DEMO);
  callers = await fuzzCallers(t, ['citizen']);
  const services = (await injectPatiently(t.app, { url: '/api/v1/services' })).json() as { items: { code: string }[] };
  serviceCode = services.items[0]?.code ?? 'none';
  const service = (await injectPatiently(t.app, { url: `/api/v1/services/${serviceCode}` })).json() as {
    form: { pages: { fields: { name: string; type: string }[] }[] };
  };
  formFields = service.form.pages.flatMap((page) => page.fields);
  const spec = (await injectPatiently(t.app, { url: '/api/openapi.json' })).json() as {
    paths: Record<string, Record<string, { parameters?: Parameter[]; requestBody?: { content: Record<string, { schema?: JsonSchema }> } }>>;
  };
  operations = Object.entries(spec.paths).flatMap(([path, byMethod]) =>
    Object.entries(byMethod).map(([method, operation]) => {
      const content = operation.requestBody?.content ?? {};
      return {
        method: method.toUpperCase(),
        path,
        parameters: operation.parameters ?? [],
        bodyTypes: Object.keys(content),
        bodySchema: content['application/json']?.schema,
      };
    }),
  );
});

afterAll(async () => t?.close());

/** Errors the app logged: a refusal is logged at info, so any error line means something broke inside. */
function loggedErrors(): string[] {
  return t.logs
    .map((line) => ({ line, entry: JSON.parse(line) as { level?: number; code?: string } }))
    .filter(({ entry }) => entry.level === 50 && entry.code !== 'platform.unavailable')
    .map(({ line }) => line.slice(0, 300));
}

/** A value the schema accepts, or near enough: the baseline that each variant breaks in one place. */
function sample(schema: JsonSchema | undefined, depth = 0): unknown {
  if (!schema || depth > 4) return 'x';
  if (schema.enum?.length) return schema.enum[0];
  if (schema.anyOf?.length) return sample(schema.anyOf[0], depth + 1);
  const type = [schema.type].flat()[0];
  switch (type) {
    case 'object':
      return Object.fromEntries(Object.entries(schema.properties ?? {}).map(([name, property]) => [name, sample(property, depth + 1)]));
    case 'array':
      return [sample(schema.items, depth + 1)];
    case 'integer':
    case 'number':
      return Math.max(1, schema.minimum ?? 1);
    case 'boolean':
      return true;
    default:
      if (schema.format === 'uuid') return '5f0c8a4e-2b7d-4c1e-9a3f-6d8e1b2c4a70';
      if (schema.format === 'date-time') return '2026-01-05T10:00:00Z';
      if (schema.pattern === '^[0-9]{10,20}$') return '1234567890';
      return 'contoh';
  }
}

/** Values of the wrong type, or at a boundary, for a field of the given schema. */
function hostileValues(schema: JsonSchema | undefined): unknown[] {
  const type = [schema?.type].flat()[0];
  const common: unknown[] = [null, {}, [], [['x']], { $gt: '' }, HUGE, '', ...UNICODE_JUNK.slice(0, 4)];
  if (type === 'integer' || type === 'number') return [...common, -1, 0, 1.5, 1e308, -1e308, 2 ** 64, 'NaN', 'Infinity', '1e999', true];
  if (type === 'boolean') return [...common, 'yes', 2];
  if (type === 'array') return [...common, 'x', Array.from({ length: 5000 }, () => 'x')];
  return [...common, 42, -1, true, 1e308];
}

/** A JSON document nested `depth` levels deep. */
function deepJson(depth: number): string {
  return `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
}

/** Percent-encodes like a client would; a lone surrogate, which has no UTF-8 form, goes as the invalid bytes a sloppy client sends. */
function encode(text: string): string {
  return [...text].map((char) => (/[\ud800-\udfff]/.test(char) ? '%ED%A0%80' : encodeURIComponent(char))).join('');
}

function queryString(pairs: [string, string][]): string {
  return pairs.length === 0 ? '' : `?${pairs.map(([k, v]) => `${encode(k)}=${encode(v)}`).join('&')}`;
}

function concretePath(path: string, override?: { name: string; value: string }): string {
  return path.replace(/\{(\w+)\}/g, (_whole, name: string) =>
    override?.name === name ? encode(override.value) : name === 'code' ? serviceCode : '5f0c8a4e-2b7d-4c1e-9a3f-6d8e1b2c4a70',
  );
}

/** A few malformed and boundary requests per operation: bounded, so the whole run takes seconds. */
function variants(operation: Operation): Variant[] {
  const out: Variant[] = [];
  const base = concretePath(operation.path);
  const pathParams = operation.parameters.filter((parameter) => parameter.in === 'path');
  const queryParams = operation.parameters.filter((parameter) => parameter.in === 'query');
  const headerParams = operation.parameters.filter((parameter) => parameter.in === 'header');

  out.push({ name: 'baseline', url: base });
  for (const parameter of pathParams) {
    for (const value of BAD_PATH_PARAMS)
      out.push({ name: `path ${parameter.name}=${value.slice(0, 20)}`, url: concretePath(operation.path, { name: parameter.name, value }) });
    // Raw (not encoded) traversal and a NUL: what a client that does not encode would send.
    out.push({ name: `path ${parameter.name} raw traversal`, url: base.replace(/[^/]+$/, '..%2F..%2F..%2Fetc%2Fpasswd') });
    out.push({ name: `path ${parameter.name} raw NUL`, url: base.replace(/[^/]+$/, 'a%00b') });
  }
  for (const parameter of queryParams) {
    const good = String(sample(parameter.schema));
    for (const value of ['', HUGE, ...UNICODE_JUNK, '-1', '1e308', 'NaN', '%', '[object Object]']) {
      out.push({ name: `query ${parameter.name}=${value.slice(0, 20)}`, url: base + queryString([[parameter.name, value]]) });
    }
    out.push({
      name: `query ${parameter.name} twice`,
      url:
        base +
        queryString([
          [parameter.name, good],
          [parameter.name, 'lain'],
        ]),
    });
    out.push({
      name: `query ${parameter.name} 300 times`,
      url: base + queryString(Array.from({ length: 300 }, () => [parameter.name, good] as [string, string])),
    });
    out.push({ name: `query ${parameter.name}[] bracket`, url: `${base}?${parameter.name}[]=a&${parameter.name}[b]=c` });
  }
  out.push({ name: 'unknown query', url: `${base}?__proto__=x&constructor[prototype][x]=1&q=${'%FF%FE'}` });
  out.push({ name: 'malformed percent-encoding', url: `${base}?q=%E0%A4%A` });
  for (const parameter of headerParams) {
    for (const value of ['', 'x'.repeat(8000), ' ', '\u00e9\u00e8', '../../x'])
      out.push({ name: `header ${parameter.name}`, url: base, headers: { [parameter.name]: value } });
  }

  if (operation.method !== 'GET' && operation.method !== 'DELETE') {
    const json = { 'content-type': 'application/json' };
    const valid = (operation.bodySchema ? sample(operation.bodySchema) : {}) as Record<string, unknown>;
    if ('answers' in valid) Object.assign(valid, { service: serviceCode, answers: {} });
    const withBody = (name: string, body: unknown, headers: Record<string, string> = json) =>
      out.push({ name, url: base, headers, payload: JSON.stringify(body) });
    withBody('valid-looking body', valid);
    withBody('empty object', {});
    withBody('extra fields', { ...valid, unknown: 'x', __proto__: { admin: true }, constructor: { prototype: { admin: true } } });
    withBody('array instead of object', [valid]);
    withBody('null body', null);
    withBody('string body', 'x');
    withBody('number body', 1e308);
    for (const [field, schema] of Object.entries(operation.bodySchema?.properties ?? {})) {
      for (const value of hostileValues(schema)) withBody(`field ${field}=${JSON.stringify(value)?.slice(0, 20)}`, { ...valid, [field]: value });
      const { [field]: _dropped, ...missing } = valid;
      withBody(`missing ${field}`, missing);
    }
    if ('answers' in valid) {
      for (const field of formFields) {
        for (const value of [HUGE, ['a', 'b'], { fileIds: ['../x', HUGE, null] }, { fileIds: 'x' }, 1e308, -1, ...UNICODE_JUNK.slice(0, 4)]) {
          withBody(`answers.${field.name} (${field.type})=${JSON.stringify(value).slice(0, 20)}`, { ...valid, answers: { [field.name]: value } });
        }
      }
      withBody('answers for another service’s fields', { ...valid, answers: { unknownField: 'x', __proto__: { polluted: true } } });
      withBody('organisation that is not a uuid', { ...valid, organisationId: '../../x' });
    }
    out.push({ name: 'deep JSON', url: base, headers: json, payload: deepJson(2000) });
    out.push({ name: 'deep JSON array', url: base, headers: json, payload: `${'['.repeat(2000)}${']'.repeat(2000)}` });
    out.push({ name: 'broken JSON', url: base, headers: json, payload: '{"service": "x", ' });
    out.push({ name: 'lone surrogate JSON escape', url: base, headers: json, payload: '{"service":"\\ud800","answers":{"a":"\\udfff\\u0000"}}' });
    out.push({
      name: 'invalid UTF-8 bytes',
      url: base,
      headers: json,
      payload: Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0xc0, 0x22, 0x7d]),
    });
    out.push({ name: 'empty JSON body', url: base, headers: json, payload: '' });
    out.push({ name: 'duplicate JSON keys', url: base, headers: json, payload: '{"a":1,"a":{"b":2},"service":"x","service":[1]}' });
    out.push({ name: 'JSON with BOM', url: base, headers: json, payload: `\ufeff${JSON.stringify(valid)}` });
    for (const type of [
      'text/plain',
      'application/xml',
      'application/x-www-form-urlencoded',
      'multipart/form-data',
      'multipart/form-data; boundary=x',
      'application/json; charset=utf-7',
      'application/json;;;',
      '*/*',
      'garbage',
    ]) {
      out.push({ name: `content-type ${type}`, url: base, headers: { 'content-type': type }, payload: JSON.stringify(valid) });
    }
    out.push({ name: 'no content-type', url: base, payload: JSON.stringify(valid) });
    const multipart = multipartBody([
      { name: 'file', filename: '../../../etc/passwd', type: 'application/pdf', content: '%PDF-1.4 not really' },
      { name: 'file', filename: '\u202egpj.exe', type: 'image/png', content: '' },
      { name: 'extra', content: HUGE },
    ]);
    out.push({ name: 'multipart junk', url: base, headers: { 'content-type': multipart.contentType }, payload: multipart.body });
    out.push({
      name: 'multipart without boundary in body',
      url: base,
      headers: { 'content-type': 'multipart/form-data; boundary=zzz' },
      payload: '--zzz\r\ngarbage',
    });
  }

  // A handful of seeded random bodies and query values on top of the fixed ones.
  const random = fc.sample(fc.tuple(fc.jsonValue({ maxDepth: 4 }), fc.string({ unit: 'binary', maxLength: 60 })), { seed: SEED + out.length, numRuns: 4 });
  for (const [index, [body, text]] of random.entries()) {
    const first = queryParams[0]?.name ?? 'q';
    if (operation.method === 'GET' || operation.method === 'DELETE') {
      out.push({ name: `random query ${index}`, url: base + queryString([[first, text]]) });
    } else {
      out.push({ name: `random body ${index}`, url: base, headers: { 'content-type': 'application/json' }, payload: JSON.stringify(body) ?? 'null' });
    }
  }
  return out;
}

/** Generous for a busy machine; a handler that hangs is stopped by it all the same. */
const TIME_BOUND_MS = 10_000;
/**
 * The walks over every operation and every form grow with the app (thousands of requests); each
 * request is held to TIME_BOUND_MS, the walk as a whole only to this, so a loaded CI machine does not
 * fail it for being slow overall.
 */
const WALK_TIMEOUT_MS = 300_000;

async function send(operation: Operation, variant: Variant, caller: FuzzCaller, language: string): Promise<LightMyRequestResponse> {
  // A fresh key per call, so that each body is judged on its own and not replayed as an earlier answer.
  const idempotency = operation.parameters.some((parameter) => parameter.name === 'idempotency-key') ? { 'idempotency-key': crypto.randomUUID() } : {};
  const headers: Record<string, string> = { 'accept-language': language, ...idempotency, ...(variant.headers ?? {}) };
  const signed = operation.parameters.some((parameter) => parameter.name === SIGNATURE_HEADER);
  if (signed && variant.payload !== undefined && headers[SIGNATURE_HEADER] === undefined) {
    headers[SIGNATURE_HEADER] = signWebhook(WEBHOOK_SECRET, variant.payload.toString(), new Date());
  }
  // A fresh token per call: DELETE /api/v1/auth/token revokes the one it is called with.
  if (caller.account) headers.authorization = `Bearer ${await caller.token('api')}`;
  const started = Date.now();
  const response = await Promise.race([
    injectPatiently(t.app, {
      method: operation.method as NonNullable<InjectOptions['method']>,
      url: variant.url,
      headers,
      remoteAddress: nextAddress(),
      ...(variant.payload === undefined ? {} : { payload: variant.payload }),
    }),
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${TIME_BOUND_MS} ms`)), TIME_BOUND_MS).unref()),
  ]);
  expect(Date.now() - started).toBeLessThan(TIME_BOUND_MS);
  return response;
}

describe('OpenAPI-driven fuzzing', () => {
  it('the published document lists the operations the fuzzer walks', () => {
    expect(operations.length).toBeGreaterThan(10);
    expect(operations.some((operation) => operation.bodySchema !== undefined)).toBe(true);
  });

  it(
    'every operation answers malformed and boundary requests without a 5xx or a hang, with problem+json for every 4xx',
    async () => {
      const problems: string[] = [];
      let calls = 0;
      for (const operation of operations) {
        // Sign-in with a password is deliberately slow (password hashing); a few variants suffice there.
        const all = variants(operation);
        const chosen = operation.path === '/api/v1/auth/token' && operation.method === 'POST' ? all.filter((_, index) => index % 4 === 0) : all;
        for (const [index, variant] of chosen.entries()) {
          for (const caller of callers) {
            const language = index % 2 === 0 ? 'id' : 'en';
            let response: LightMyRequestResponse;
            try {
              response = await send(operation, variant, caller, language);
            } catch (error) {
              problems.push(`${operation.method} ${operation.path} [${variant.name}] as ${caller.name}: ${(error as Error).message}`);
              continue;
            }
            calls += 1;
            // A signed-in caller is answered in their account's language, whatever the header says.
            const problem = problemWithAnswer(variant.url, response, caller.account ? undefined : language);
            if (problem) problems.push(`${operation.method} ${operation.path} [${variant.name}] as ${caller.name}: ${problem}`);
          }
        }
      }
      expect(problems).toEqual([]);
      expect(loggedErrors()).toEqual([]);
      expect(calls).toBeGreaterThan(500);
    },
    WALK_TIMEOUT_MS,
  );

  it('a demo citizen’s bearer token is accepted, so the signed-in variants reach the handlers', async () => {
    const citizen = callers.find((caller) => caller.account);
    if (!citizen) throw new Error('no signed-in caller');
    const response = await injectPatiently(t.app, { url: '/api/v1/me', headers: { authorization: `Bearer ${await citizen.token('api')}` } });
    expect(response.statusCode).toBe(200);
  });
});

describe('refusals before the request has a language', () => {
  it('a request shed before the request-context hook is answered as problem+json in the caller’s language', async () => {
    const response = await t.app.inject({ url: '/api/test/shed', headers: { 'accept-language': 'en' }, remoteAddress: nextAddress() });
    expect(response.statusCode).toBe(503);
    expect(response.headers['retry-after']).toBeDefined();
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json()).toMatchObject({ status: 503, title: ALL_MESSAGES.en['error.unavailable.title'] });
  });
});

describe('URLs the router itself refuses', () => {
  it('answers a parameter over the length limit and a malformed escape like any other 4xx, in the caller’s language', async () => {
    const cases = [
      { url: `/api/v1/services/${'x'.repeat(5000)}`, status: 414 },
      { url: '/api/v1/services/%F0%9F%91', status: 400 },
      { url: `/applications/${'x'.repeat(5000)}`, status: 414 },
      { url: '/applications/%E0%A4%A', status: 400 },
    ];
    for (const { url, status } of cases) {
      const response = await injectPatiently(t.app, { url, headers: { 'accept-language': 'en' }, remoteAddress: nextAddress() });
      expect(response.statusCode, url).toBe(status);
      // Answered before any hook runs, yet with the protections every response carries.
      expect(response.headers['content-security-policy'], url).toContain("frame-ancestors 'none'");
      expect(response.headers['x-content-type-options'], url).toBe('nosniff');
      if (url.startsWith('/api/')) {
        expect(problemWithAnswer(url, response, 'en'), url).toBeUndefined();
      } else {
        expect(response.headers['content-type'], url).toContain('text/html');
        expect(response.body, url).toContain('lang="en"');
      }
    }
  });
});

/** The demo role that calls each permission's forms: the most ordinary one holding it. */
const PREFERRED_ROLES = ['citizen', 'officer', 'supervisor', 'agency_admin', 'service_designer', 'platform_admin', 'business_member'] as const;

function roleFor(permission: Permission): string {
  const role = [...PREFERRED_ROLES, ...ROLES].find(
    (candidate) => (ROLES as readonly string[]).includes(candidate) && roleHasPermission(candidate as (typeof ROLES)[number], permission),
  );
  if (!role) throw new Error(`no role holds ${permission}`);
  return role;
}

/** Field names the pages' forms use; each hostile body fills them all, so every form meets its own. */
const FORM_FIELDS = [
  'note',
  'message',
  'reason',
  'action',
  'assignee',
  'item',
  'done',
  'code',
  'email',
  'phone',
  'locale',
  'handle',
  'nib',
  'name',
  'nik',
  'role',
  'agency',
  'agencyId',
  'fullName',
  'password',
  'identifier',
  'totp',
  'service',
  'applicantNik',
  'idempotencyKey',
  'nameId',
  'nameEn',
  'deadline',
  'from',
  'to',
  'return',
  'next',
  'organisationId',
  'birthDate',
  'day',
  'month',
  'year',
  'childName',
  'twin',
  'summaryId',
  'form',
  // The satisfaction survey (issue 9): the nine elements, comment, profile, and the kiosk's fields.
  'u1',
  'u2',
  'u3',
  'u4',
  'u5',
  'u6',
  'u7',
  'u8',
  'u9',
  'comment',
  'ageBand',
  'sex',
  'education',
  'occupation',
  'token',
  'trackingNumber',
  'mode',
  // Once-only consent (issue 10): agree or decline.
  'decision',
  // Webhook subscriptions (issue 10).
  'targetUrl',
  'description',
  'eventTypes',
];

/** Malformed form bodies: each breaks one assumption in every field at once. */
function formVariants(): { name: string; fields: Record<string, string | string[]> }[] {
  const all = (value: string | string[]) => Object.fromEntries(FORM_FIELDS.map((field) => [field, value]));
  const textFields = ['note', 'message', 'reason', 'fullName', 'nameId', 'email', 'nik', 'action'];
  return [
    { name: 'no fields', fields: {} },
    { name: '100 KB text fields', fields: Object.fromEntries(textFields.map((field) => [field, HUGE])) },
    { name: 'arrays where strings are expected', fields: all(['a', 'b']) },
    { name: 'empty strings', fields: all('') },
    ...UNICODE_JUNK.slice(0, 6).map((value, index) => ({ name: `unicode junk ${index}`, fields: all(value) })),
    { name: 'numbers at the edge', fields: all('-1e308') },
    { name: 'near-UUIDs', fields: all('5f0c8a4e-2b7d-4c1e-9a3f-6d8e1b2c4a7') },
    { name: 'unknown and prototype fields', fields: { ...all('x'), unknown: 'x', __proto__: 'x', 'constructor[prototype][x]': '1', 'a[b][c]': 'd' } },
    { name: 'injection strings', fields: all("'; DROP TABLE application; --") },
  ];
}

function urlencoded(token: string, fields: Record<string, string | string[]>): string {
  const params = new URLSearchParams({ _csrf: token });
  for (const [name, value] of Object.entries(fields)) for (const one of [value].flat()) params.append(name, one);
  return params.toString();
}

describe('HTML form posts with malformed bodies', () => {
  it(
    'every form post, with a valid CSRF token and a signed-in role that may use it, answers without a 5xx',
    async () => {
      const csrf = await csrfPair(t.app);
      const routes = t.app.declaredRoutes().filter((route) => route.method === 'POST' && !route.url.startsWith('/api/'));
      expect(routes.length).toBeGreaterThan(20);
      const roles = [...new Set(routes.flatMap((route) => (route.access && route.access !== 'public' ? [roleFor(route.access.permission)] : [])))];
      const formCallers = await fuzzCallers(t, roles);

      // Real path parameters where they exist, so that the bodies reach the handlers behind the lookups.
      const db = t.database.db;
      const citizen = formCallers.find((caller) => caller.name === 'citizen')?.account;
      const officer = formCallers.find((caller) => caller.name === 'officer')?.account;
      if (!citizen || !officer) throw new Error('no demo citizen or officer');
      const own = await db.selectFrom('application').select('trackingNumber').where('applicantAccountId', '=', citizen.id).executeTakeFirst();
      const grants = await db.selectFrom('staffRole').select('agencyId').where('accountId', '=', officer.id).execute();
      const agencyIds = grants.flatMap((grant) => (grant.agencyId ? [grant.agencyId] : []));
      const worked = agencyIds.length
        ? await db.selectFrom('application').select('trackingNumber').where('agencyId', 'in', agencyIds).executeTakeFirst()
        : undefined;
      const actor: SignedInActor = { kind: 'citizen', accountId: citizen.id, sessionId: 'fuzz', locale: 'id', organisations: [] };
      const draft = await t.services.applicationDrafts.startOrResume(actor, serviceCode);
      const firstPage = draft.version.form.pages[0]?.id ?? 'x';
      const someId = '5f0c8a4e-2b7d-4c1e-9a3f-6d8e1b2c4a70';
      const concrete = (url: string, staff: boolean) =>
        url
          .replace(':number', (staff ? worked : own)?.trackingNumber ?? 'LKT-0')
          .replace(':draftId', draft.id)
          .replace(':pageId', firstPage)
          .replace(/:\w+/g, someId);

      const problems: string[] = [];
      let calls = 0;
      for (const route of routes) {
        const role = route.access && route.access !== 'public' ? roleFor(route.access.permission) : 'anonymous';
        const caller = formCallers.find((candidate) => candidate.name === role);
        if (!caller) throw new Error(`no caller for ${role}`);
        const url = concrete(route.url, caller.account?.kind === 'staff');
        for (const [index, variant] of formVariants().entries()) {
          const cookie = caller.account ? `loket_session=${await caller.token('web')}; ${csrf.cookie}` : csrf.cookie;
          // Every third body as multipart, the way a form with a file input posts it.
          const multipart = index % 3 === 2;
          const parts = Object.entries(variant.fields).flatMap(([name, value]) => [value].flat().map((one) => ({ name, content: one })));
          const encoded = multipart ? multipartBody([{ name: '_csrf', content: csrf.token }, ...parts]) : undefined;
          const started = Date.now();
          const response = await injectPatiently(t.app, {
            method: 'POST',
            url,
            remoteAddress: nextAddress(),
            headers: {
              cookie,
              'accept-language': 'en',
              'content-type': encoded ? encoded.contentType : 'application/x-www-form-urlencoded',
            },
            payload: encoded ? encoded.body : urlencoded(csrf.token, variant.fields),
          });
          calls += 1;
          const elapsed = Date.now() - started;
          const label = `POST ${route.url} [${variant.name}${multipart ? ', multipart' : ''}] as ${role}`;
          if (response.statusCode >= 500) problems.push(`${label}: ${response.statusCode}`);
          if (elapsed > TIME_BOUND_MS) problems.push(`${label}: answered after ${elapsed} ms`);
          if (response.statusCode === 403 && /csrf/i.test(response.body) && !route.url.startsWith('/sign-in')) problems.push(`${label}: CSRF refused`);
        }
      }
      expect(problems).toEqual([]);
      expect(loggedErrors()).toEqual([]);
      expect(calls).toBeGreaterThan(300);
    },
    WALK_TIMEOUT_MS,
  );
});

describe('open-data file names (issue 9)', () => {
  it('the OpenAPI walk above includes the open-data downloads and the catalogue', () => {
    const paths = operations.map((operation) => `${operation.method} ${operation.path}`);
    expect(paths).toEqual(expect.arrayContaining(['GET /data/{file}', 'GET /data/catalog.jsonld']));
  });

  it('a bad dataset name or format is a 4xx in the caller’s language, problem+json when JSON is asked for, never a 5xx', async () => {
    const fixed = [
      // '..' is resolved by the URL itself (/data/.. is the home page): not a file name.
      ...BAD_PATH_PARAMS.filter((value) => value !== '..').map(encode),
      'public-complaints.xlsx',
      'public-complaints.CSV',
      'public-complaints.csv.json',
      'public-complaints.schema.csv',
      'public-complaints.',
      '.json',
      'catalog.jsonld.json',
      '%2e%2e%2fpublic-complaints.csv',
      'public-complaints%00.csv',
      'public-complaints.csv%20',
    ];
    const random = fc.sample(fc.string({ unit: 'binary', minLength: 1, maxLength: 40 }), { seed: SEED, numRuns: 40 }).map(encode);
    const problems: string[] = [];
    for (const [index, name] of [...fixed, ...random].entries()) {
      const language = index % 2 === 0 ? 'id' : 'en';
      for (const accept of ['application/json', 'text/html']) {
        const response = await injectPatiently(t.app, { url: `/data/${name}`, headers: { accept, 'accept-language': language }, remoteAddress: nextAddress() });
        if (response.statusCode < 400 || response.statusCode >= 500) {
          problems.push(`${name} (${accept}): ${response.statusCode}`);
          continue;
        }
        if (accept === 'application/json') {
          const problem = problemWithAnswer(`/api/as-json/${name}`, response, language);
          if (problem) problems.push(`${name}: ${problem}`);
        } else if (!String(response.headers['content-type']).startsWith('text/html')) {
          problems.push(`${name}: ${response.headers['content-type']}`);
        }
      }
    }
    expect(problems).toEqual([]);
    expect(loggedErrors()).toEqual([]);
  });
});

describe('transparency dashboard pages (issue 9)', () => {
  it('hostile path codes and region filters answer the page or a 404 page, never a 5xx, and never echo markup', async () => {
    const hostile = [
      ...BAD_PATH_PARAMS.filter((value) => value !== '..').map(encode),
      ...fc.sample(fc.string({ unit: 'binary', minLength: 1, maxLength: 40 }), { seed: SEED, numRuns: 20 }).map(encode),
      encode(HUGE.slice(0, 300)),
      ...UNICODE_JUNK.map(encode),
    ];
    const urls = hostile.flatMap((value) => [
      `/transparency/agencies/${value}`,
      `/transparency/agencies/${value}/units/${value}`,
      `/transparency/services/${value}`,
      `/transparency?province=${value}&regency=${value}`,
      `/transparency?province=${value}&province=32&regency[]=${value}`,
    ]);
    const problems: string[] = [];
    for (const [index, url] of urls.entries()) {
      const response = await injectPatiently(t.app, { url, headers: { 'accept-language': index % 2 === 0 ? 'id' : 'en' }, remoteAddress: nextAddress() });
      if (response.statusCode >= 500 || (response.statusCode !== 200 && response.statusCode < 400)) problems.push(`${url}: ${response.statusCode}`);
      if (response.body.includes('<script')) problems.push(`${url}: echoed markup`);
    }
    expect(problems).toEqual([]);
    expect(loggedErrors()).toEqual([]);
  });
});

describe('webhook administration (issue 10)', () => {
  it('hostile subscription forms, ids and target URLs answer a 4xx or the page, never a 5xx, and never store a bad target', async () => {
    const admin = (await fuzzCallers(t, ['agency_admin'])).find((caller) => caller.name === 'agency_admin');
    if (!admin?.account) throw new Error('no demo agency admin');
    const grants = await t.database.db.selectFrom('staffRole').select(['role', 'agencyId', 'unitId']).where('accountId', '=', admin.account.id).execute();
    const agencyId = grants.find((grant) => grant.role === 'agency_admin')?.agencyId ?? '';
    const actor: SignedInActor = {
      kind: 'staff',
      accountId: admin.account.id,
      sessionId: 'fuzz',
      locale: 'id',
      grants: grants.map((grant) => ({ role: grant.role, agencyId: grant.agencyId, unitId: grant.unitId })),
    };
    const made = await t.services.webhooks.create(
      { agencyId, targetUrl: 'http://127.0.0.1:9/fuzz', description: '', eventTypes: ['document.issued'] },
      { actor },
    );
    if (!made.ok) throw new Error('the fuzz subscription was refused');
    const before = (await t.services.webhooks.list(actor)).length;
    const csrf = await csrfPair(t.app);
    const cookie = `loket_session=${await admin.token('web')}; ${csrf.cookie}`;
    const hostileTargets = [
      HUGE,
      ...UNICODE_JUNK,
      'http://[::1',
      'https://user:pw@example.go.id/',
      'javascript:alert(1)',
      'http://%00/',
      'file:///etc/passwd',
      "https://x.go.id/'; DROP TABLE webhook_subscription; --",
    ];
    const problems: string[] = [];
    for (const [index, targetUrl] of hostileTargets.entries()) {
      const params = new URLSearchParams({ _csrf: csrf.token, agencyId, targetUrl, description: UNICODE_JUNK[index % UNICODE_JUNK.length] ?? '' });
      params.append('eventTypes', index % 2 === 0 ? 'document.issued' : '__proto__');
      params.append('eventTypes', HUGE.slice(0, 150));
      const response = await injectPatiently(t.app, {
        method: 'POST',
        url: '/admin/webhooks',
        remoteAddress: nextAddress(),
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', 'accept-language': 'en' },
        payload: params.toString(),
      });
      if (response.statusCode !== 400) problems.push(`target #${index}: ${response.statusCode}`);
      if (response.body.includes('<script')) problems.push(`target #${index}: echoed markup`);
    }
    const ids = [...BAD_PATH_PARAMS.filter((value) => value !== '..').map(encode), encode(HUGE.slice(0, 150)), 'msg_', `msg_${'g'.repeat(32)}`];
    for (const id of ids) {
      for (const url of [`/admin/webhooks/${id}`, `/admin/webhooks/${made.id}?notice=${id}`]) {
        const response = await injectPatiently(t.app, { url, headers: { cookie }, remoteAddress: nextAddress() });
        if (response.statusCode >= 500) problems.push(`GET ${url}: ${response.statusCode}`);
      }
      const redeliver = await injectPatiently(t.app, {
        method: 'POST',
        url: `/admin/webhooks/${made.id}/messages/${id}/redeliver`,
        remoteAddress: nextAddress(),
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ _csrf: csrf.token }).toString(),
      });
      if (redeliver.statusCode !== 303 && (redeliver.statusCode < 400 || redeliver.statusCode >= 500))
        problems.push(`redeliver ${id}: ${redeliver.statusCode}`);
    }
    expect(problems).toEqual([]);
    expect((await t.services.webhooks.list(actor)).length).toBe(before);
    expect(loggedErrors()).toEqual([]);
  });
});

describe('data-subject rights pages (issue 10)', () => {
  it('hostile request references, kinds, export formats and tracker page numbers answer a page, a redirect or a 4xx in the caller’s language, never a 5xx or echoed markup', async () => {
    const [citizen, admin] = await fuzzCallers(t, ['citizen', 'platform_admin']).then((all) =>
      ['citizen', 'platform_admin'].map((name) => all.find((caller) => caller.name === name)),
    );
    if (!citizen || !admin) throw new Error('no demo citizen or platform admin');
    const hostile = [
      ...BAD_PATH_PARAMS.filter((value) => value !== '..').map(encode),
      ...fc.sample(fc.string({ unit: 'binary', minLength: 1, maxLength: 40 }), { seed: SEED, numRuns: 15 }).map(encode),
      encode(HUGE.slice(0, 300)),
      ...UNICODE_JUNK.map(encode),
      'PRV-0000-0000',
      'prv00000000',
    ];
    const calls = hostile.flatMap((value) => [
      { who: citizen, url: `/account/privacy/requests/${value}` },
      { who: citizen, url: `/account/privacy/requests/new?kind=${value}` },
      { who: citizen, url: `/account/data-tracker?page=${value}` },
      { who: admin, url: `/backoffice/privacy/${value}` },
    ]);
    const problems: string[] = [];
    for (const [index, { who, url }] of calls.entries()) {
      const response = await injectPatiently(t.app, {
        url,
        headers: { cookie: `loket_session=${await who.token('web')}`, 'accept-language': index % 2 === 0 ? 'id' : 'en' },
        remoteAddress: nextAddress(),
      });
      if (response.statusCode >= 500 || (response.statusCode !== 200 && response.statusCode !== 303 && response.statusCode < 400)) {
        problems.push(`${url}: ${response.statusCode}`);
      }
      if (response.body.includes('<script')) problems.push(`${url}: echoed markup`);
    }
    expect(problems).toEqual([]);
    expect(loggedErrors()).toEqual([]);
  });
});

describe('agency exchange API behind a valid client assertion (issue 10)', () => {
  it('hostile query bodies, each signed for, answer a 4xx problem in the caller’s language, never a 5xx', async () => {
    const { createHash } = await import('node:crypto');
    const keys = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
    const created = await t.services.exchange.clients.create(
      {
        agencyCode: 'dinsos-kota-surabaya',
        name: 'Fuzz client',
        jwk: await exportJWK(keys.publicKey),
        purposes: ['social_assistance'],
        products: ['dtsen-kepesertaan'],
        requestsPerMinute: 1_000_000,
      },
      { accountId: null, role: 'operator', agencyId: null },
    );
    if (!created.ok) throw new Error(created.problem);
    const path = '/api/exchange/v1/products/dtsen-kepesertaan/query';
    const valid = {
      subject: '3273015708900003',
      purpose: 'social_assistance',
      legalBasis: 'x',
      caseReference: 'x',
      official: { reference: 'x', role: 'officer' },
    };
    const fixed: string[] = [
      '',
      'null',
      '[]',
      '"x"',
      '{}',
      '{"subject":',
      HUGE,
      JSON.stringify({ ...valid, subject: 3273015708900003 }),
      JSON.stringify({ ...valid, fields: [1, null] }),
      JSON.stringify({ ...valid, fields: [] }),
      JSON.stringify({ ...valid, official: null }),
      JSON.stringify({ ...valid, extra: true }),
      JSON.stringify({ ...valid, purpose: 'law_enforcement' }),
      JSON.stringify({ ...valid, caseReference: 'x'.repeat(101) }),
      JSON.stringify({ ...valid, subject: '3273015708900003\u0000' }),
      '{"__proto__":{"polluted":true},"subject":"1"}',
      ...UNICODE_JUNK.map((junk) =>
        JSON.stringify({ ...valid, subject: junk, legalBasis: junk, caseReference: junk, official: { reference: junk, role: junk } }),
      ),
    ];
    const generated = fc.sample(
      fc.record(
        { subject: fc.oneof(fc.string(), fc.integer()), purpose: fc.string(), legalBasis: fc.string(), caseReference: fc.string(), official: fc.anything() },
        { requiredKeys: [] },
      ),
      { numRuns: 40, seed: SEED },
    );
    const problems: string[] = [];
    const statuses = new Set<number>();
    for (const [index, body] of [...fixed, ...generated.map((value) => JSON.stringify(value))].entries()) {
      const now = Math.floor(Date.now() / 1000);
      const assertion = await new SignJWT({ body_sha256: createHash('sha256').update(body).digest('hex') })
        .setProtectedHeader({ alg: 'EdDSA' })
        .setIssuer(created.id)
        .setSubject(created.id)
        .setAudience(`${t.config.publicUrl}${path}`)
        .setJti(crypto.randomUUID())
        .setIssuedAt(now)
        .setExpirationTime(now + 60)
        .sign(keys.privateKey);
      const language = index % 2 === 0 ? 'id' : 'en';
      const response = await injectPatiently(t.app, {
        method: 'POST',
        url: path,
        headers: { 'content-type': 'application/json', 'client-assertion': assertion, 'accept-language': language },
        payload: body,
        remoteAddress: nextAddress(),
      });
      statuses.add(response.statusCode);
      const problem = problemWithAnswer(path, response, language);
      if (problem) problems.push(`[${index}] ${problem}`);
      else if (response.statusCode !== 200 && (response.statusCode < 400 || response.statusCode >= 500)) problems.push(`[${index}] ${response.statusCode}`);
    }
    expect(problems).toEqual([]);
    // The bodies got past the assertion to the checks behind it.
    expect([...statuses]).toEqual(expect.arrayContaining([413, 422, 403]));
  });
});
