import fc from 'fast-check';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS, DEMO_BUSINESS_OWNER, DEMO_CITIZEN } from '../../src/modules/accounts/accounts.seed.ts';
import { PERMISSIONS, type Permission, ROLES, type Role, roleHasPermission, STAFF_ROLES, type StaffRole } from '../../src/platform/auth/permissions.ts';
import type { DeclaredRoute } from '../../src/platform/http/access.ts';
import { SMALL_DEMO, seedDemo } from '../../src/seed.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { type CsrfPair, csrfPair, formBody } from './forms.ts';

// The authorization matrix (issue 3): every route that needs a permission, called by every role and
// by nobody, must answer as PERMISSIONS in src/platform/auth/permissions.ts says. Expectations are
// computed from PERMISSIONS, so a change there is a change here; a route the matrix cannot call
// fails the run, so the matrix grows with the app.

/** A path parameter that looks real but names nothing. */
const SOME_UUID = '5f0c8a4e-2b7d-4c1e-9a3f-6d8e1b2c4a70';
const COOKIE = 'loket_session';

interface Call {
  /** Form fields (pages; the CSRF token is always added) or a JSON body (API), chosen to change nothing lasting. */
  body?: Record<string, string>;
}

/**
 * How the matrix calls each route that needs a permission, by "METHOD url" as registered. A new
 * route with a permission fails the run until it is added here.
 */
const CALLS: Record<string, Call> = {
  'GET /register/verify': {},
  'HEAD /register/verify': {},
  'POST /register/verify': { body: { code: '000000' } },
  'POST /register/verify/resend': {},
  'POST /sign-out': {},
  'GET /account': {},
  'HEAD /account': {},
  // Empty contact: refused by validation, nothing changes.
  'POST /account/contact': { body: { email: '', phone: '' } },
  'POST /account/language': { body: { locale: '' } },
  'POST /account/sessions/revoke': { body: { handle: '' } },
  'POST /account/sign-out-everywhere': {},
  'GET /account/organisations': {},
  'HEAD /account/organisations': {},
  // No NIB and no name: refused by validation, nothing registered.
  'POST /account/organisations': { body: { nib: '', name: '' } },
  // No NIK: refused by validation (or 404 for a non-owner), nothing added.
  'POST /account/organisations/:id/members': { body: { nik: '', role: 'staff' } },
  'GET /account/complaints': {},
  'HEAD /account/complaints': {},
  'GET /account/complaints/:trackingId': {},
  'HEAD /account/complaints/:trackingId': {},
  'GET /complaints/mine/:trackingId': {},
  'HEAD /complaints/mine/:trackingId': {},
  'GET /complaints/mine/:trackingId/files/:fileId': {},
  'HEAD /complaints/mine/:trackingId/files/:fileId': {},
  'POST /complaints/mine/:trackingId/reply': { body: { message: '' } },
  'POST /complaints/mine/:trackingId/accept': {},
  'POST /complaints/mine/:trackingId/reject': { body: { reason: '' } },
  'POST /complaints/mine/:trackingId/rate': { body: { rating: '' } },
  'GET /staff': {},
  'HEAD /staff': {},
  // No agency: refused before anything is created.
  'POST /staff': { body: { agency: '', email: '', fullName: '', role: '' } },
  'GET /audit': {},
  'HEAD /audit': {},
  // Revokes the bearer token it is called with: each call has a fresh one.
  'DELETE /api/v1/auth/token': {},
  'GET /api/v1/me': {},
  'HEAD /api/v1/me': {},
  'GET /api/v1/accounts/:id': {},
  'HEAD /api/v1/accounts/:id': {},
  // Catalogue back office (issue 4). Unknown service and version ids: 404 for everyone allowed; no agency: 400.
  'GET /admin/services': {},
  'HEAD /admin/services': {},
  'GET /admin/services/new': {},
  'HEAD /admin/services/new': {},
  'POST /admin/services': { body: { agencyId: '', code: '', nameId: '', nameEn: '' } },
  'POST /admin/services/:id/versions': {},
  'GET /admin/services/versions/:id/edit': {},
  'HEAD /admin/services/versions/:id/edit': {},
  'POST /admin/services/versions/:id/edit': { body: { nameId: '' } },
  'GET /admin/services/versions/:id/preview': {},
  'HEAD /admin/services/versions/:id/preview': {},
  'GET /admin/services/versions/:id/publish': {},
  'HEAD /admin/services/versions/:id/publish': {},
  'POST /admin/services/versions/:id/publish': {},
  // Applications (issue 4). Unknown codes, drafts and numbers: 404 for everyone allowed; empty posts: 400.
  'GET /services/:code/apply': {},
  'HEAD /services/:code/apply': {},
  'GET /apply/:draftId/check': {},
  'HEAD /apply/:draftId/check': {},
  'GET /apply/:draftId/saved': {},
  'HEAD /apply/:draftId/saved': {},
  'POST /apply/:draftId/submit': { body: { idempotencyKey: '' } },
  // Once-only consent (issue 10): an unknown draft is a 404 before any decision is read.
  'GET /apply/:draftId/once-only/:requirementId': {},
  'HEAD /apply/:draftId/once-only/:requirementId': {},
  'POST /apply/:draftId/once-only/:requirementId': { body: { decision: '' } },
  // Consent receipts (issue 10): each caller sees only their own consents; unknown ids are a 404.
  'GET /account/consents': {},
  'HEAD /account/consents': {},
  'GET /account/consents/:id.json': {},
  'HEAD /account/consents/:id.json': {},
  'POST /account/consents/:id/revoke': {},
  'GET /apply/:draftId/:pageId': {},
  'HEAD /apply/:draftId/:pageId': {},
  'POST /apply/:draftId/:pageId': {},
  'GET /applications': {},
  'HEAD /applications': {},
  'GET /applications/:number': {},
  'HEAD /applications/:number': {},
  'POST /applications/:number/withdraw': { body: { reason: 'uji' } },
  'POST /applications/:number/information': { body: { message: '' } },
  'POST /applications/:number/claim': {},
  // Payments (issue 5). Unknown number: 404 for everyone allowed, no bill made.
  'POST /applications/:number/payment/new-code': {},
  'GET /applications/:number/files/:fileId': {},
  'HEAD /applications/:number/files/:fileId': {},
  'GET /applications/:number/receipt': {},
  'HEAD /applications/:number/receipt': {},
  'GET /applications/:number/receipt.pdf': {},
  'HEAD /applications/:number/receipt.pdf': {},
  'GET /counter/applications/new': {},
  'HEAD /counter/applications/new': {},
  'POST /counter/applications/new': { body: { service: '', applicantNik: '' } },
  // No Idempotency-Key header: refused before anything is filed.
  'POST /api/v1/applications': { body: { service: 'tidak-ada', answers: '{}' } },
  // No body: refused (415) after the permission check, nothing stored.
  'POST /api/v1/files': {},
  'GET /api/v1/applications': {},
  'HEAD /api/v1/applications': {},
  'GET /api/v1/applications/:trackingNumber': {},
  'POST /api/v1/complaints': { body: { kind: 'complaint', category: 'tidak-ada', title: '', description: '' } },
  'GET /api/v1/me/complaints': {},
  'HEAD /api/v1/me/complaints': {},
  'GET /admin/open311-keys': {},
  'HEAD /admin/open311-keys': {},
  'POST /admin/open311-keys': { body: { name: '' } },
  'POST /admin/open311-keys/:id/revoke': {},
  'GET /admin/exchange': {},
  'HEAD /admin/exchange': {},
  'POST /admin/exchange/clients/:id/revoke': {},
  // Webhooks (issue 10). No agency, URL or event: refused by validation; unknown ids: 404; nothing changes.
  'GET /admin/webhooks': {},
  'HEAD /admin/webhooks': {},
  'POST /admin/webhooks': { body: { agencyId: '', targetUrl: '' } },
  'GET /admin/webhooks/:id': {},
  'HEAD /admin/webhooks/:id': {},
  'POST /admin/webhooks/:id/disable': {},
  'POST /admin/webhooks/:id/enable': {},
  'POST /admin/webhooks/:id/messages/:messageId/redeliver': {},
  'HEAD /api/v1/applications/:trackingNumber': {},
  // Issued documents (issue 5). Unknown document ids: 404 for everyone allowed; nothing revoked.
  'GET /backoffice/documents/:id': {},
  'HEAD /backoffice/documents/:id': {},
  'POST /backoffice/documents/:id/revoke': { body: { reason: '' } },
  'GET /applications/:number/documents/:id': {},
  'HEAD /applications/:number/documents/:id': {},
  // Live events (issue 5): unknown number 404; no `Accept: text/event-stream`, so 406 instead of a stream that never ends.
  'GET /events/applications/:trackingNumber': {},
  'GET /events/queue': {},
  // Back office (issue 5). Unknown numbers: 404 for everyone allowed; empty posts: refused by validation, nothing changes.
  'GET /backoffice/queue': {},
  'HEAD /backoffice/queue': {},
  'GET /backoffice/applications/:number': {},
  'HEAD /backoffice/applications/:number': {},
  'GET /backoffice/applications/:number/files/:fileId': {},
  'HEAD /backoffice/applications/:number/files/:fileId': {},
  'POST /backoffice/applications/:number/claim': {},
  'POST /backoffice/applications/:number/release': {},
  'POST /backoffice/applications/:number/checklist': { body: { item: '', done: '' } },
  'POST /backoffice/applications/:number/notes': { body: { note: '' } },
  'POST /backoffice/applications/:number/act': { body: { action: '' } },
  'POST /backoffice/applications/:number/assign': { body: { assignee: '' } },
  'GET /backoffice/supervisor': {},
  'HEAD /backoffice/supervisor': {},
  'POST /backoffice/supervisor/reassign': { body: { from: '', to: '' } },
  'GET /backoffice/complaints/triage': {},
  'HEAD /backoffice/complaints/triage': {},
  'GET /backoffice/complaints/triage/:trackingId': {},
  'HEAD /backoffice/complaints/triage/:trackingId': {},
  'GET /backoffice/complaints/triage/:trackingId/files/:fileId': {},
  'HEAD /backoffice/complaints/triage/:trackingId/files/:fileId': {},
  // No action: refused as unknown (or 404), nothing changes.
  'POST /backoffice/complaints/triage/:trackingId/act': { body: { action: '' } },
  'GET /backoffice/complaints': {},
  'HEAD /backoffice/complaints': {},
  'GET /backoffice/complaints/:trackingId': {},
  'HEAD /backoffice/complaints/:trackingId': {},
  'GET /backoffice/complaints/:trackingId/files/:fileId': {},
  'HEAD /backoffice/complaints/:trackingId/files/:fileId': {},
  'POST /backoffice/complaints/:trackingId/act': { body: { action: '' } },
  'GET /backoffice/complaints/statistics': {},
  'HEAD /backoffice/complaints/statistics': {},
  'GET /backoffice/complaints/agency-statistics': {},
  'HEAD /backoffice/complaints/agency-statistics': {},
  'GET /backoffice/complaints/routes': {},
  'HEAD /backoffice/complaints/routes': {},
  // An unknown rule id in the path: 404, nothing deleted.
  'POST /backoffice/complaints/routes/:ruleId/delete': {},
  // No agency: refused by validation, nothing saved.
  'POST /backoffice/complaints/routes': { body: { agencyId: '' } },
  // Satisfaction survey (issue 9). No number: refused by validation; an unknown token: 404; nothing is answered.
  'GET /counter/survey': {},
  'HEAD /counter/survey': {},
  'POST /counter/survey/open': { body: { trackingNumber: '' } },
  'POST /counter/survey/answer': { body: { token: '' } },
  'GET /backoffice/surveys': {},
  'HEAD /backoffice/surveys': {},
  // Data-subject rights (issue 10). No format, kind or confirmation: refused by validation, nothing exported,
  // filed or deleted; unknown references: 404.
  'GET /account/privacy': {},
  'HEAD /account/privacy': {},
  'POST /account/privacy/export': { body: { format: '' } },
  'GET /account/privacy/requests/new': {},
  'HEAD /account/privacy/requests/new': {},
  'POST /account/privacy/requests': { body: { kind: '' } },
  'GET /account/privacy/requests/:reference': {},
  'HEAD /account/privacy/requests/:reference': {},
  'GET /account/privacy/deletion': {},
  'HEAD /account/privacy/deletion': {},
  'POST /account/privacy/deletion': { body: { confirm: '' } },
  // The data tracker (issue 10): each caller sees only the accesses to their own data (staff: none).
  'GET /account/data-tracker': {},
  'HEAD /account/data-tracker': {},
  'GET /account/data-tracker.csv': {},
  'HEAD /account/data-tracker.csv': {},
  'GET /account/data-tracker.json': {},
  'HEAD /account/data-tracker.json': {},
  'GET /backoffice/privacy': {},
  'HEAD /backoffice/privacy': {},
  'GET /backoffice/privacy/:reference': {},
  'HEAD /backoffice/privacy/:reference': {},
  'POST /backoffice/privacy/:reference/respond': { body: { action: 'close', response: '' } },
  'GET /backoffice/privacy/holds': {},
  'HEAD /backoffice/privacy/holds': {},
  'POST /backoffice/privacy/holds': { body: { recordType: '', recordId: '', reason: '' } },
  'POST /backoffice/privacy/holds/:id/release': {},
  // Budget upload (issue 9): no agency chosen, refused before the file is read; nothing saved.
  'GET /admin/budget': {},
  'HEAD /admin/budget': {},
  'POST /admin/budget': { body: { agency: '' } },
};

/** Someone calling: a role's demo account with the TOTP step done or not, or nobody. */
interface Caller {
  name: string;
  /** Every role the account holds: the demo business owner is a citizen too. */
  roles: readonly Role[];
  account?: { id: string; kind: 'citizen' | 'staff'; mfaVerified: boolean };
}

const ANONYMOUS: Caller = { name: 'anonymous', roles: [] };

let t: TestApp;
let csrf: CsrfPair;
let routes: readonly DeclaredRoute[];
const accountIds = new Map<Role, string>();
let addressCounter = 0;

beforeAll(async () => {
  t = await createTestApp();
  await seedDemo(t.database.db, t.services, SMALL_DEMO);
  const { accountsRepository, personalData } = t.services;
  for (const demo of DEMO_ACCOUNTS) {
    const index = demo.role === 'citizen' ? personalData.index('nik', demo.signIn) : personalData.index('email', demo.signIn);
    const account = await accountsRepository.findByIndex(demo.role === 'citizen' ? 'nikIndex' : 'emailIndex', index);
    if (!account) throw new Error(`demo account for ${demo.role} not seeded`);
    accountIds.set(demo.role, account.id);
  }
  csrf = await csrfPair(t.app);
  routes = t.app.declaredRoutes();
});

afterAll(async () => t?.close());

function accountId(role: Role): string {
  const id = accountIds.get(role);
  if (!id) throw new Error(`no demo account for ${role}`);
  return id;
}

type SignedInCaller = Caller & { account: NonNullable<Caller['account']> };

function caller(role: Role, mfaVerified = true): SignedInCaller {
  const staff = (STAFF_ROLES as readonly string[]).includes(role);
  return {
    name: mfaVerified ? role : `${role} before the TOTP step`,
    roles: role === 'business_member' ? ['citizen', 'business_member'] : [role],
    account: { id: accountId(role), kind: staff ? 'staff' : 'citizen', mfaVerified },
  };
}

/** Every signed-in role, nobody, and each staff role whose session has not passed TOTP yet. */
function callers(): Caller[] {
  return [...ROLES.map((role) => caller(role)), ANONYMOUS, ...STAFF_ROLES.map((role: StaffRole) => caller(role, false))];
}

function isApi(url: string): boolean {
  return url.startsWith('/api/');
}

function concretePath(url: string): string {
  return url.replace(/:\w+/g, SOME_UUID).replace(/\*$/, 'x');
}

/** A fresh session per call, so that signing out in one call cannot change the next. */
async function sessionToken(account: NonNullable<Caller['account']>, kind: 'web' | 'api'): Promise<string> {
  return t.services.sessions.create({ accountId: account.id, accountKind: account.kind, kind, mfaVerified: account.mfaVerified, userAgent: 'test' });
}

/** Each call from its own address, so that rate limits (global and per route) never answer instead of authorization. */
function nextAddress(): string {
  addressCounter += 1;
  return `10.${(addressCounter >> 16) & 255}.${(addressCounter >> 8) & 255}.${addressCounter & 255}`;
}

type Credential = { cookie: string } | { bearer: string } | undefined;

/** Calls a route as a browser (pages: cookie and CSRF) or an API client (bearer token, JSON) would. */
async function call(route: DeclaredRoute, credential: Credential, body?: Record<string, string>): Promise<LightMyRequestResponse> {
  const url = concretePath(route.url);
  const method = route.method as NonNullable<InjectOptions['method']>;
  const headers: Record<string, string> = {};
  const cookies: string[] = [];
  if (credential && 'cookie' in credential) cookies.push(`${COOKIE}=${credential.cookie}`);
  if (credential && 'bearer' in credential) headers.authorization = `Bearer ${credential.bearer}`;
  let payload: string | undefined;
  if (route.method !== 'GET' && route.method !== 'HEAD') {
    if (isApi(url)) {
      if (body !== undefined) {
        headers['content-type'] = 'application/json';
        payload = JSON.stringify(body);
      }
    } else {
      cookies.push(csrf.cookie);
      headers['content-type'] = 'application/x-www-form-urlencoded';
      payload = formBody(csrf, body);
    }
  }
  if (cookies.length > 0) headers.cookie = cookies.join('; ');
  return t.app.inject({ method, url, headers, remoteAddress: nextAddress(), ...(payload === undefined ? {} : { payload }) });
}

/** How the route should answer someone who is not signed in. */
function anonymousProblem(route: DeclaredRoute, response: LightMyRequestResponse): string | undefined {
  const url = concretePath(route.url);
  if (!isApi(url) && (route.method === 'GET' || route.method === 'HEAD')) {
    const location = String(response.headers.location ?? '');
    const expected = `/sign-in?done=required&next=${encodeURIComponent(url)}`;
    if (response.statusCode !== 303 || location !== expected) return `expected 303 to ${expected}, got ${response.statusCode} ${location}`;
    return undefined;
  }
  return response.statusCode === 401 ? undefined : `expected 401, got ${response.statusCode}`;
}

function isAllowed(who: Caller, permission: Permission): boolean {
  return who.roles.some((role) => roleHasPermission(role, permission));
}

/** What is wrong with the answer `who` got, or undefined when it is the one PERMISSIONS calls for. */
function problemWith(route: DeclaredRoute, permission: Permission, who: Caller, response: LightMyRequestResponse): string | undefined {
  const signedIn = who.account?.mfaVerified === true;
  if (!signedIn) return anonymousProblem(route, response);
  if (isAllowed(who, permission)) {
    if (response.statusCode === 401 || response.statusCode === 403) return `allowed by ${permission}, refused with ${response.statusCode}`;
    if (response.statusCode >= 500) return `allowed, but failed with ${response.statusCode}`;
    return undefined;
  }
  return response.statusCode === 403 ? undefined : `lacks ${permission}: expected 403, got ${response.statusCode}`;
}

function permissionRoutes(): (DeclaredRoute & { permission: Permission })[] {
  return routes.flatMap((route) => (route.access !== undefined && route.access !== 'public' ? [{ ...route, permission: route.access.permission }] : []));
}

function routeKey(route: DeclaredRoute): string {
  return `${route.method} ${route.url}`;
}

function findRoute(key: string): (DeclaredRoute & { permission: Permission }) | undefined {
  return permissionRoutes().find((route) => routeKey(route) === key);
}

async function credentialFor(who: Caller, url: string): Promise<Credential> {
  if (!who.account) return undefined;
  const token = await sessionToken(who.account, isApi(url) ? 'api' : 'web');
  return isApi(url) ? { bearer: token } : { cookie: token };
}

describe('route declarations', () => {
  it('every route declares who may call it, with a permission that exists', () => {
    expect(routes.length).toBeGreaterThan(10);
    const undeclared = routes.filter((route) => route.access === undefined).map(routeKey);
    expect(undeclared, 'routes without config.access').toEqual([]);
    const unknown = permissionRoutes()
      .filter((route) => !(route.permission in PERMISSIONS))
      .map(routeKey);
    expect(unknown, 'routes naming a permission that permissions.ts does not define').toEqual([]);
  });

  it('the matrix knows how to call every route that needs a permission', () => {
    const declared = permissionRoutes().map(routeKey).sort();
    const missing = declared.filter((key) => !(key in CALLS));
    expect(missing, 'routes with a permission that the matrix does not call: add them to CALLS').toEqual([]);
  });

  it('the matrix lists no route that no longer exists', () => {
    const declared = new Set(permissionRoutes().map(routeKey));
    expect(Object.keys(CALLS).filter((key) => !declared.has(key))).toEqual([]);
  });
});

describe('authorization matrix', () => {
  it.each(Object.keys(CALLS))('%s answers every role, nobody, and staff before TOTP as PERMISSIONS says', async (key) => {
    const route = findRoute(key);
    // A listed route that does not exist is reported by "lists no route that no longer exists".
    if (!route) return;
    const problems: string[] = [];
    for (const who of callers()) {
      const response = await call(route, await credentialFor(who, route.url), CALLS[key]?.body);
      const problem = problemWith(route, route.permission, who, response);
      if (problem) problems.push(`${who.name}: ${problem}`);
    }
    expect(problems).toEqual([]);
  });

  it('covers every role and both transports', () => {
    const kinds = new Set(permissionRoutes().map((route) => (isApi(route.url) ? 'api' : 'page')));
    expect([...kinds].sort()).toEqual(['api', 'page']);
    expect(callers().map((who) => who.name)).toEqual(expect.arrayContaining([...ROLES, 'anonymous']));
  });
});

describe('credentials travel only their own way', () => {
  it('a session cookie alone never authenticates the API', async () => {
    const apiRoutes = permissionRoutes().filter((route) => isApi(route.url));
    expect(apiRoutes.length, 'no API route needs a permission yet').toBeGreaterThan(0);
    const citizen = caller('citizen');
    for (const route of apiRoutes) {
      for (const kind of ['web', 'api'] as const) {
        const token = await sessionToken(citizen.account, kind);
        const response = await call(route, { cookie: token });
        expect(response.statusCode, `${routeKey(route)} with a ${kind} session as cookie`).toBe(401);
      }
    }
  });

  it('a web session is not a bearer token, and an API token is not a session cookie', async () => {
    const account = accountId('citizen');
    const web = await t.services.sessions.create({ accountId: account, accountKind: 'citizen', kind: 'web', mfaVerified: true, userAgent: 'test' });
    const api = await t.services.sessions.create({ accountId: account, accountKind: 'citizen', kind: 'api', mfaVerified: true, userAgent: 'test' });
    for (const route of permissionRoutes().filter((candidate) => candidate.method === 'GET')) {
      const credential: Credential = isApi(route.url) ? { bearer: web } : { cookie: api };
      const response = await call(route, credential);
      expect(anonymousProblem(route, response), routeKey(route)).toBeUndefined();
    }
    // A bearer token does not sign in a page either.
    const page = await t.app.inject({ url: '/account', headers: { authorization: `Bearer ${api}` } });
    expect(page.statusCode).toBe(303);
  });

  it('a token that is almost right opens nothing', async () => {
    const pages = permissionRoutes().filter((route) => route.method === 'GET');
    const genuine = await sessionToken(caller('platform_admin').account, 'web');
    const base64url = fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_');
    const forged = fc.oneof(
      // One character of a real token changed.
      fc
        .tuple(fc.nat({ max: genuine.length - 1 }), base64url)
        .filter(([at, char]) => genuine[at] !== char)
        .map(([at, char]) => genuine.slice(0, at) + char + genuine.slice(at + 1)),
      // A real token cut short or lengthened.
      fc.nat({ max: genuine.length - 1 }).map((length) => genuine.slice(0, length)),
      fc.string({ unit: base64url, minLength: 1, maxLength: 4 }).map((suffix) => genuine + suffix),
      // Anything else a client might send.
      fc.string({ unit: base64url, maxLength: 120 }),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...pages), forged, async (route, token) => {
        const credential: Credential = isApi(route.url) ? { bearer: token } : { cookie: token };
        const response = await call(route, credential);
        expect(anonymousProblem(route, response), `${routeKey(route)} with ${token}`).toBeUndefined();
      }),
      { numRuns: 60 },
    );
  });
});

describe('staff who have not passed TOTP', () => {
  it('are not signed in on public pages either', async () => {
    for (const role of STAFF_ROLES) {
      const token = await sessionToken(caller(role, false).account, 'web');
      const home = await t.app.inject({ url: '/', headers: { cookie: `${COOKIE}=${token}` } });
      expect(home.statusCode).toBe(200);
      expect(home.body, role).toContain('href="/sign-in"');
      expect(home.body, role).not.toContain('action="/sign-out"');
    }
  });
});

describe('one citizen, another citizen’s record (IDOR)', () => {
  const accountUrl = (id: string) => `/api/v1/accounts/${id}`;

  it('answers 404 for another citizen’s account, as for one that does not exist, and 200 for one’s own', async () => {
    const citizen = accountId('citizen');
    const owner = accountId('business_member');
    const token = await t.services.sessions.create({ accountId: citizen, accountKind: 'citizen', kind: 'api', mfaVerified: true, userAgent: 'test' });
    const get = (id: string) => t.app.inject({ url: accountUrl(id), headers: { authorization: `Bearer ${token}` }, remoteAddress: nextAddress() });

    const own = await get(citizen);
    expect(own.statusCode, own.body).toBe(200);
    expect(own.body).toContain(citizen);

    const other = await get(owner);
    expect(other.statusCode).toBe(404);
    expect(other.body).not.toContain(DEMO_BUSINESS_OWNER.nik);
    expect(other.body).not.toContain(DEMO_BUSINESS_OWNER.fullName);

    const nobody = await get(SOME_UUID);
    expect(nobody.statusCode).toBe(404);
    const shape = (response: LightMyRequestResponse) => {
      const { requestId: _requestId, ...rest } = response.json() as Record<string, unknown>;
      return rest;
    };
    expect(shape(other)).toEqual(shape(nobody));
  });

  it('answers 404 the other way round too: the business member cannot read the citizen', async () => {
    const owner = accountId('business_member');
    const token = await t.services.sessions.create({ accountId: owner, accountKind: 'citizen', kind: 'api', mfaVerified: true, userAgent: 'test' });
    const response = await t.app.inject({
      url: accountUrl(accountId('citizen')),
      headers: { authorization: `Bearer ${token}` },
      remoteAddress: nextAddress(),
    });
    expect(response.statusCode).toBe(404);
    expect(response.body).not.toContain(DEMO_CITIZEN.nik);
  });
});

describe('one agency, another agency’s staff', () => {
  async function agencyId(code: string): Promise<string> {
    const id = await t.services.accountsRepository.agencyIdByCode(code);
    if (!id) throw new Error(`demo agency ${code} not seeded`);
    return id;
  }

  async function asStaff(role: StaffRole, request: { method?: 'GET' | 'POST'; url: string; fields?: Record<string, string> }) {
    const token = await sessionToken(caller(role).account, 'web');
    const post = request.method === 'POST';
    return t.app.inject({
      method: request.method ?? 'GET',
      url: request.url,
      remoteAddress: nextAddress(),
      headers: {
        cookie: post ? `${COOKIE}=${token}; ${csrf.cookie}` : `${COOKIE}=${token}`,
        ...(post ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      ...(post ? { payload: formBody(csrf, request.fields) } : {}),
    });
  }

  it('an agency admin manages only their own agency’s staff: another agency is answered as missing', async () => {
    // The demo agency admin works at Disdukcapil Kota Bandung.
    const own = await agencyId('disdukcapil-kota-bandung');
    const other = await agencyId('dpmptsp-dki-jakarta');
    expect((await asStaff('agency_admin', { url: `/staff?agency=${own}` })).statusCode).toBe(200);
    expect((await asStaff('agency_admin', { url: `/staff?agency=${other}` })).statusCode).toBe(404);

    const email = 'disusupkan@dpmptsp.contoh.test';
    const created = await asStaff('agency_admin', {
      method: 'POST',
      url: '/staff',
      fields: { agency: other, email, fullName: 'Petugas Titipan', role: 'officer' },
    });
    expect(created.statusCode).toBe(404);
    expect(await t.services.accountsRepository.indexTaken('emailIndex', t.services.personalData.index('email', email))).toBe(false);
  });

  it('a platform admin manages the staff of every agency', async () => {
    for (const code of ['disdukcapil-kota-bandung', 'dpmptsp-dki-jakarta']) {
      const response = await asStaff('platform_admin', { url: `/staff?agency=${await agencyId(code)}` });
      expect(response.statusCode, code).toBe(200);
    }
  });
});

describe('open data (issue 9)', () => {
  it('every /data route is public, and answers every role, nobody, and staff before TOTP with the same file', async () => {
    const dataRoutes = routes.filter((route) => route.url === '/data' || route.url.startsWith('/data/'));
    expect(dataRoutes.map(routeKey).sort()).toEqual([
      'GET /data',
      'GET /data/:file',
      'GET /data/catalog.jsonld',
      'HEAD /data',
      'HEAD /data/:file',
      'HEAD /data/catalog.jsonld',
    ]);
    for (const route of dataRoutes) {
      expect(route.access, routeKey(route)).toBe('public');
      const url = route.url.replace(':file', 'public-complaints.csv');
      const bodies = new Set<string>();
      for (const who of callers()) {
        const credential = await credentialFor(who, url);
        const headers: Record<string, string> = credential && 'cookie' in credential ? { cookie: `${COOKIE}=${credential.cookie}` } : {};
        const method = route.method as NonNullable<InjectOptions['method']>;
        const response = await t.app.inject({ method, url, headers, remoteAddress: nextAddress() });
        expect(response.statusCode, `${who.name}: ${routeKey(route)}`).toBe(200);
        if (url !== '/data') bodies.add(response.body);
      }
      // The same for everyone: a signed-in caller is never shown more.
      expect(bodies.size, routeKey(route)).toBeLessThanOrEqual(1);
    }
  });
});

describe('transparency dashboard (issue 9)', () => {
  it('every /transparency route is public and answers every role, nobody, and staff before TOTP alike', async () => {
    const dashboardRoutes = routes.filter((route) => route.url === '/transparency' || route.url.startsWith('/transparency/'));
    expect(dashboardRoutes.map(routeKey).sort()).toEqual([
      'GET /transparency',
      'GET /transparency/agencies/:agencyCode',
      'GET /transparency/agencies/:agencyCode/units/:unitCode',
      'GET /transparency/services/:serviceCode',
      'HEAD /transparency',
      'HEAD /transparency/agencies/:agencyCode',
      'HEAD /transparency/agencies/:agencyCode/units/:unitCode',
      'HEAD /transparency/services/:serviceCode',
    ]);
    const db = t.database.db;
    const service = await db
      .selectFrom('service')
      .innerJoin('agency', 'agency.id', 'service.agencyId')
      .select(['service.code', 'agency.code as agencyCode', 'agency.id'])
      .executeTakeFirstOrThrow();
    const unit = await db.selectFrom('agencyUnit').select('code').where('agencyId', '=', service.id).executeTakeFirst();
    for (const route of dashboardRoutes) {
      expect(route.access, routeKey(route)).toBe('public');
      const url = route.url
        .replace(':agencyCode', service.agencyCode)
        .replace(':serviceCode', service.code)
        .replace(':unitCode', unit?.code ?? 'tidak-ada');
      for (const who of callers()) {
        const credential = await credentialFor(who, url);
        const headers: Record<string, string> = credential && 'cookie' in credential ? { cookie: `${COOKIE}=${credential.cookie}` } : {};
        const method = route.method as NonNullable<InjectOptions['method']>;
        const response = await t.app.inject({ method, url, headers, remoteAddress: nextAddress() });
        expect(response.statusCode, `${who.name}: ${routeKey(route)}`).toBe(unit || !url.includes('/units/') ? 200 : 404);
      }
    }
  });
});

describe('agency exchange API (issue 10)', () => {
  it('is public to the session check, and a query opens to no account of any role: only a client assertion authenticates it', async () => {
    const exchangeRoutes = routes.filter((route) => route.url.startsWith('/api/exchange/'));
    expect(exchangeRoutes.map(routeKey).sort()).toEqual([
      'GET /api/exchange/v1/jwks.json',
      'GET /api/exchange/v1/products',
      'HEAD /api/exchange/v1/jwks.json',
      'HEAD /api/exchange/v1/products',
      'POST /api/exchange/v1/products/:code/query',
    ]);
    const queryBody = {
      subject: '3273015708900003',
      purpose: 'social_assistance',
      legalBasis: 'x',
      caseReference: 'x',
      official: { reference: 'x', role: 'officer' },
    };
    for (const route of exchangeRoutes) {
      expect(route.access, routeKey(route)).toBe('public');
      for (const who of callers()) {
        const credential = await credentialFor(who, route.url);
        const response = await call(route, credential, route.method === 'POST' ? (queryBody as unknown as Record<string, string>) : undefined);
        if (route.method === 'POST') {
          expect(response.statusCode, `${who.name}: ${routeKey(route)}`).toBe(401);
          expect(response.json().type).toBe('/problems/exchange.assertion_missing');
        } else {
          expect(response.statusCode, `${who.name}: ${routeKey(route)}`).toBe(200);
        }
      }
    }
  });
});
