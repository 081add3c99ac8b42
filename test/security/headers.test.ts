import { generateKeyPairSync, randomBytes } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CITIZEN } from '../../src/modules/accounts/accounts.seed.ts';
import type { SignedInActor } from '../../src/platform/auth/actor.ts';
import { type Permission, ROLES, roleHasPermission } from '../../src/platform/auth/permissions.ts';
import type { DeclaredRoute } from '../../src/platform/http/access.ts';
import { SMALL_DEMO, seedDemo } from '../../src/seed.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { csrfPair, formBody } from './forms.ts';
import { type FuzzCaller, fuzzCallers, injectPatiently, nextAddress } from './fuzzing.ts';

// Response headers (issue 7): every GET route, called by nobody and by the most ordinary role allowed,
// answers with the browser protections on every status, never lets personal pages into a shared cache,
// and never puts a NIK into a URL. Session cookies are locked down, and HSTS is sent in production only.

const SOME_UUID = '5f0c8a4e-2b7d-4c1e-9a3f-6d8e1b2c4a70';
/** Roles tried first for a permission: the least privileged that holds it. */
const ORDINARY_ROLES = ['citizen', 'business_member', 'officer', 'supervisor', 'agency_admin', 'service_designer', 'platform_admin'] as const;
const PERSONAL_PATHS = /^\/(applications|account|backoffice|staff|audit|admin)(\/|$|\?)/;
const NIK = /(?<!\d)\d{16}(?!\d)/;
const CITIZEN_PASSWORD = 'kopi-susu-di-teras';

let t: TestApp;
let routes: DeclaredRoute[];
let callers: FuzzCaller[];
let fill: (url: string, staff: boolean) => string;

function roleFor(permission: Permission): string {
  const role = [...ORDINARY_ROLES, ...ROLES].find((candidate) => roleHasPermission(candidate as (typeof ROLES)[number], permission));
  if (!role) throw new Error(`no role holds ${permission}`);
  return role;
}

beforeAll(async () => {
  t = await createTestApp({ env: { LOKET_RATE_LIMIT_MAX: '1000000' } });
  await seedDemo(t.database.db, t.services, SMALL_DEMO);
  routes = t.app.declaredRoutes().filter((route) => route.method === 'GET');
  const roles = [...new Set(['citizen', ...routes.flatMap((route) => (route.access && route.access !== 'public' ? [roleFor(route.access.permission)] : []))])];
  callers = await fuzzCallers(t, roles);

  // Real path parameters where the demo has them, so that answers come from the handlers and not only from lookups.
  const db = t.database.db;
  const citizen = callers.find((caller) => caller.name === 'citizen')?.account;
  const officer = callers.find((caller) => caller.name === 'officer')?.account;
  if (!citizen || !officer) throw new Error('no demo citizen or officer');
  const own = await db.selectFrom('application').select(['id', 'trackingNumber']).where('applicantAccountId', '=', citizen.id).executeTakeFirst();
  const grants = await db.selectFrom('staffRole').select('agencyId').where('accountId', '=', officer.id).execute();
  const agencyIds = grants.flatMap((grant) => (grant.agencyId ? [grant.agencyId] : []));
  const worked = agencyIds.length
    ? await db.selectFrom('application').select(['id', 'trackingNumber']).where('agencyId', 'in', agencyIds).executeTakeFirst()
    : undefined;
  const document = await db.selectFrom('issuedDocument').select(['id', 'applicationId']).executeTakeFirst();
  const documentNumber = document
    ? (await db.selectFrom('application').select('trackingNumber').where('id', '=', document.applicationId).executeTakeFirst())?.trackingNumber
    : undefined;
  const services = (await injectPatiently(t.app, { url: '/api/v1/services' })).json() as { items: { code: string }[] };
  const serviceCode = services.items[0]?.code ?? 'none';
  const actor: SignedInActor = { kind: 'citizen', accountId: citizen.id, sessionId: 'headers', locale: 'id', organisations: [] };
  const draft = await t.services.applicationDrafts.startOrResume(actor, serviceCode);
  const firstPage = draft.version.form.pages[0]?.id ?? 'x';
  fill = (url, staff) => {
    const number = (url.includes('/documents/') ? documentNumber : undefined) ?? (staff ? worked : own)?.trackingNumber ?? 'LKT-0';
    return url
      .replace(/:(number|trackingNumber)\b/, number)
      .replace(':draftId', draft.id)
      .replace(':pageId', firstPage)
      .replace(':code', serviceCode)
      .replace(/\/documents\/:id\b/, `/documents/${document?.id ?? SOME_UUID}`)
      .replace(/:\w+/g, SOME_UUID)
      .replace(/\*$/, 'x');
  };
});

afterAll(async () => t?.close());

function header(response: LightMyRequestResponse, name: string): string {
  return [response.headers[name] ?? []].flat().join(', ');
}

/** Everything wrong with one answer's headers, as short sentences. */
function problemsWith(url: string, signedIn: boolean, response: LightMyRequestResponse): string[] {
  const problems: string[] = [];
  const csp = header(response, 'content-security-policy');
  if (!csp) problems.push('no Content-Security-Policy');
  if (csp.includes("'unsafe-inline'")) problems.push("CSP allows 'unsafe-inline'");
  if (!/frame-ancestors 'none'/.test(csp)) problems.push("CSP without frame-ancestors 'none'");
  if (header(response, 'x-content-type-options') !== 'nosniff') problems.push('no X-Content-Type-Options: nosniff');
  if (!header(response, 'referrer-policy')) problems.push('no Referrer-Policy');
  if (response.headers.server !== undefined) problems.push(`Server: ${header(response, 'server')}`);
  if (response.headers['x-powered-by'] !== undefined) problems.push(`X-Powered-By: ${header(response, 'x-powered-by')}`);
  const html = header(response, 'content-type').startsWith('text/html');
  const cacheControl = header(response, 'cache-control');
  // A file the route itself declares public (hashed assets, the favicon, the JWKS) is the same for everyone.
  const sharedOnPurpose = /^public\b/.test(cacheControl) && !PERSONAL_PATHS.test(url);
  if (((signedIn && !sharedOnPurpose) || (html && PERSONAL_PATHS.test(url))) && !/(^|,\s*)no-store\b/.test(cacheControl)) {
    problems.push(`Cache-Control "${cacheControl}" without no-store`);
  }
  const location = header(response, 'location');
  if (NIK.test(location)) problems.push(`NIK in Location ${location}`);
  if (html) {
    for (const [, link] of response.body.matchAll(/(?:href|action|src)="([^"]*)"/g)) if (link && NIK.test(link)) problems.push(`NIK in link ${link}`);
  }
  return problems;
}

describe('security headers on every GET route', () => {
  it('answers nobody and the most ordinary role allowed with the protections, no-store where personal, and no NIK in URLs', async () => {
    expect(routes.length).toBeGreaterThan(20);
    const problems: string[] = [];
    const citizenCaller = callers.find((caller) => caller.name === 'citizen');
    for (const route of routes) {
      const role = route.access && route.access !== 'public' ? roleFor(route.access.permission) : 'citizen';
      const signedIn = callers.find((caller) => caller.name === role) ?? citizenCaller;
      for (const caller of [callers[0], signedIn]) {
        if (!caller) continue;
        const url = fill(route.url, caller.account?.kind === 'staff');
        const api = url.startsWith('/api/');
        const token = caller.account ? await caller.token(api ? 'api' : 'web') : undefined;
        const headers: Record<string, string> = {};
        if (token && api) headers.authorization = `Bearer ${token}`;
        if (token && !api) headers.cookie = `loket_session=${token}`;
        const response = await injectPatiently(t.app, { method: 'GET', url, headers, remoteAddress: nextAddress() });
        for (const problem of problemsWith(url, token !== undefined, response))
          problems.push(`GET ${url} (${caller.name}, ${response.statusCode}): ${problem}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('an unroutable URL gets the same protections', async () => {
    const response = await t.app.inject({ url: '/%E0%A4%A', remoteAddress: nextAddress() });
    expect(problemsWith('/', false, response)).toEqual([]);
  });

  it('signing in sets an HttpOnly, SameSite, whole-site session cookie, and HSTS is off outside production', async () => {
    const csrf = await csrfPair(t.app);
    const response = await t.app.inject({
      method: 'POST',
      url: '/sign-in',
      remoteAddress: nextAddress(),
      headers: { cookie: csrf.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: formBody(csrf, { identifier: DEMO_CITIZEN.nik, password: CITIZEN_PASSWORD }),
    });
    expect(response.statusCode).toBe(303);
    expect(NIK.test(header(response, 'location'))).toBe(false);
    const session = [response.headers['set-cookie'] ?? []].flat().find((cookie) => cookie.startsWith('loket_session='));
    expect(session).toBeDefined();
    const attributes = (session ?? '').split(';').map((part) => part.trim().toLowerCase());
    expect(attributes).toContain('httponly');
    expect(attributes).toContain('path=/');
    expect(attributes.some((part) => part === 'samesite=lax' || part === 'samesite=strict')).toBe(true);
    expect(attributes).not.toContain('secure');
    expect(response.headers['strict-transport-security']).toBeUndefined();
  });
});

describe('in production', () => {
  let production: TestApp | undefined;
  afterAll(async () => production?.close());

  it('sends HSTS and marks the session and CSRF cookies Secure with __Host- names', async () => {
    const secret = () => randomBytes(32).toString('base64');
    production = await createTestApp({
      env: {
        NODE_ENV: 'production',
        LOKET_MASTER_KEY: secret(),
        LOKET_BLIND_INDEX_KEY: secret(),
        LOKET_COOKIE_SECRET: secret(),
        LOKET_PAYMENT_WEBHOOK_SECRET: secret(),
        LOKET_SIGNING_KEY: generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64'),
        LOKET_JOBS: 'false',
      },
    });
    const page = await production.app.inject({ url: '/sign-in', remoteAddress: nextAddress() });
    expect(page.statusCode).toBe(200);
    expect(header(page, 'strict-transport-security')).toMatch(/max-age=\d{7,}/);
    expect(problemsWith('/sign-in', false, page)).toEqual([]);
    const csrfCookie = [page.headers['set-cookie'] ?? []].flat().find((cookie) => cookie.startsWith('__Host-csrf='));
    expect(csrfCookie?.toLowerCase()).toMatch(/;\s*secure/);

    // A session cookie as sign-in sets it: no seeded accounts in production, so one registered here.
    const origin = { ip: '127.0.0.1', requestId: 'headers', userAgent: 'test' };
    const registered = await production.services.accounts.register({ ...DEMO_CITIZEN, password: CITIZEN_PASSWORD, locale: 'id' }, origin);
    expect(registered.ok).toBe(true);
    const token = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
    const cookie = [page.headers['set-cookie'] ?? []]
      .flat()
      .map((one) => one.split(';')[0])
      .join('; ');
    const signIn = await production.app.inject({
      method: 'POST',
      url: '/sign-in',
      remoteAddress: nextAddress(),
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: token, identifier: DEMO_CITIZEN.nik, password: CITIZEN_PASSWORD }).toString(),
    });
    expect(signIn.statusCode).toBe(303);
    expect(header(signIn, 'strict-transport-security')).toMatch(/max-age=/);
    const session = [signIn.headers['set-cookie'] ?? []].flat().find((one) => one.startsWith('__Host-loket_session='));
    const attributes = (session ?? '').split(';').map((part) => part.trim().toLowerCase());
    expect(attributes).toEqual(expect.arrayContaining(['httponly', 'secure', 'path=/']));
    expect(attributes.some((part) => part === 'samesite=lax' || part === 'samesite=strict')).toBe(true);
  });
});
