import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  birthAnswers,
  createCitizen,
  createServiceFixture,
  createStaff,
  type ServiceFixture,
  uploadPdf,
} from '../../src/modules/applications/applications.test-support.ts';
import type { SignedInActor } from '../../src/platform/auth/actor.ts';
import type { StaffRole } from '../../src/platform/auth/permissions.ts';
import { createTestApp, sessionTokenFor, type TestApp } from '../helpers/app.ts';
import { type CsrfPair, csrfPair } from './forms.ts';

// Ownership matrix (issue 7): the authorization matrix (authorization.test.ts) proves who may call a
// route at all; this one proves whose records they reach through it. Two agencies, A and B, each with
// a citizen who applied there and got a document issued. Every row below is called by the actor of
// side A and of side B on the records of side A and of side B: on their own records they get the
// row's answer, on the other side's a 404 that says nothing (or the row's public-only view).
// A new module adds its records to World and its routes as rows: no new machinery.

type Side = 'A' | 'B';
const SIDES: readonly Side[] = ['A', 'B'];

/** What one side owns: a citizen's application at the side's agency, its attachment and an issued document. */
interface Records {
  number: string;
  fileId: string;
  documentId: string;
}

/** Who acts: the side's citizen, or a staff member of the side's agency in a role. */
type Actor = { kind: 'citizen' } | { kind: 'staff'; role: StaffRole };

interface Row {
  /** The route as registered, for the test name. */
  route: string;
  actor: Actor;
  api?: boolean;
  request(records: Records): { method?: 'GET' | 'POST'; url: string; fields?: Record<string, string>; headers?: Record<string, string> };
  /** The answer on one's own record. */
  own: number;
  /** The answer on the other side's record: 404 unless the route has a public-only view. */
  other?: number;
  /** What of the other side's record must not show (by default its applicant's and child's names). */
  hidden?(records: Records): string[];
}

const CITIZEN: Actor = { kind: 'citizen' };
const OFFICER: Actor = { kind: 'staff', role: 'officer' };
const SUPERVISOR: Actor = { kind: 'staff', role: 'supervisor' };

/** Reads first, then actions that change state (an action on one's own record must not break a later row). */
const ROWS: Row[] = [
  // Applicants (issue 4).
  { route: 'GET /applications/:number', actor: CITIZEN, request: (r) => ({ url: `/applications/${r.number}` }), own: 200 },
  { route: 'GET /applications/:number/files/:fileId', actor: CITIZEN, request: (r) => ({ url: `/applications/${r.number}/files/${r.fileId}` }), own: 200 },
  { route: 'GET /applications/:number/receipt', actor: CITIZEN, request: (r) => ({ url: `/applications/${r.number}/receipt` }), own: 200 },
  { route: 'GET /applications/:number/receipt.pdf', actor: CITIZEN, request: (r) => ({ url: `/applications/${r.number}/receipt.pdf` }), own: 200 },
  {
    route: 'GET /api/v1/applications/:trackingNumber',
    actor: CITIZEN,
    api: true,
    request: (r) => ({ url: `/api/v1/applications/${r.number}` }),
    own: 200,
  },
  // Without `Accept: text/event-stream` the owner gets 406 rather than a stream that never ends; a stranger 404 first.
  { route: 'GET /events/applications/:trackingNumber', actor: CITIZEN, request: (r) => ({ url: `/events/applications/${r.number}` }), own: 406 },
  // The public tracking page answers anyone, with the status only: no name, no answers, no files.
  {
    route: 'GET /track/:number',
    actor: CITIZEN,
    request: (r) => ({ url: `/track/${r.number}` }),
    own: 200,
    other: 200,
    hidden: (r) => [...PERSONAL, r.fileId, r.documentId],
  },
  // Documents (issue 5).
  {
    route: 'GET /applications/:number/documents/:id',
    actor: CITIZEN,
    request: (r) => ({ url: `/applications/${r.number}/documents/${r.documentId}` }),
    own: 200,
  },
  { route: 'GET /backoffice/documents/:id', actor: SUPERVISOR, request: (r) => ({ url: `/backoffice/documents/${r.documentId}` }), own: 200 },
  // Back office (issue 5).
  { route: 'GET /backoffice/applications/:number', actor: OFFICER, request: (r) => ({ url: `/backoffice/applications/${r.number}` }), own: 200 },
  {
    route: 'GET /backoffice/applications/:number/files/:fileId',
    actor: OFFICER,
    request: (r) => ({ url: `/backoffice/applications/${r.number}/files/${r.fileId}` }),
    own: 200,
  },
  {
    route: 'GET /backoffice/applications/:number (supervisor)',
    actor: SUPERVISOR,
    request: (r) => ({ url: `/backoffice/applications/${r.number}` }),
    own: 200,
  },
  // Actions: an empty note or reason is refused by validation on one's own record; on another side's, 404 before any validation.
  {
    route: 'POST /backoffice/applications/:number/notes',
    actor: OFFICER,
    request: (r) => ({ method: 'POST', url: `/backoffice/applications/${r.number}/notes`, fields: { note: '' } }),
    own: 422,
  },
  {
    route: 'POST /applications/:number/information',
    actor: CITIZEN,
    request: (r) => ({ method: 'POST', url: `/applications/${r.number}/information`, fields: { message: '' } }),
    own: 400,
  },
  {
    route: 'POST /backoffice/applications/:number/claim',
    actor: OFFICER,
    request: (r) => ({ method: 'POST', url: `/backoffice/applications/${r.number}/claim` }),
    own: 303,
  },
  {
    route: 'POST /backoffice/documents/:id/revoke',
    actor: SUPERVISOR,
    request: (r) => ({ method: 'POST', url: `/backoffice/documents/${r.documentId}/revoke`, fields: { reason: '' } }),
    own: 400,
  },
];

/** What every side's application holds (createCitizen's name, birthAnswers' child): never shown to the other side. */
const PERSONAL = ['Rina Marlina', 'Bayu Pratama'];

const ORIGIN = { ip: '127.0.0.1', requestId: 'test', userAgent: 'test' };

let t: TestApp;
let csrf: CsrfPair;
let address = 0;
const services = {} as Record<Side, ServiceFixture>;
const citizens = {} as Record<Side, SignedInActor>;
const records = {} as Record<Side, Records>;
const staff = new Map<string, SignedInActor>();

async function sideRecords(side: Side): Promise<Records> {
  const service = await createServiceFixture(t.database.db);
  await t.database.db
    .updateTable('serviceVersion')
    .set({
      outputTemplate: JSON.stringify({
        title: { id: 'Surat Keterangan Kelahiran', en: 'Birth Certificate' },
        validityMonths: 12,
        fields: [{ name: 'childName' }],
      }),
    })
    .where('id', '=', service.versionId)
    .execute();
  services[side] = service;
  const citizen = await createCitizen(t.services);
  citizens[side] = citizen.actor;
  const fileId = await uploadPdf(t.services, { ownerAccountId: citizen.actor.accountId });
  const result = await t.services.applications.submitOnline(
    citizen.actor,
    { serviceCode: service.code, answers: birthAnswers(citizen, fileId), idempotencyKey: crypto.randomUUID() },
    ORIGIN,
  );
  if (!result.ok) throw new Error(`submission refused: ${JSON.stringify(result.problems)}`);
  const number = result.application.trackingNumber;
  const application = await t.database.db.selectFrom('application').select('id').where('trackingNumber', '=', number).executeTakeFirstOrThrow();
  const supervisor = await staffOf(side, 'supervisor');
  const document = await t.database.db
    .transaction()
    .execute((trx) => t.services.issuing.issue(trx, { applicationId: application.id, actorAccountId: supervisor.accountId }));
  return { number, fileId, documentId: document.id };
}

async function staffOf(side: Side, role: StaffRole): Promise<SignedInActor> {
  const key = `${side}:${role}`;
  let actor = staff.get(key);
  if (!actor) {
    actor = await createStaff(t.services, services[side].agencyId, role);
    staff.set(key, actor);
  }
  return actor;
}

async function actorOf(side: Side, actor: Actor): Promise<SignedInActor> {
  return actor.kind === 'citizen' ? citizens[side] : staffOf(side, actor.role);
}

beforeAll(async () => {
  t = await createTestApp();
  csrf = await csrfPair(t.app);
  for (const side of SIDES) records[side] = await sideRecords(side);
}, 60_000);

afterAll(async () => t?.close());

async function call(row: Row, actorSide: Side, recordSide: Side) {
  const actor = await actorOf(actorSide, row.actor);
  const { method = 'GET', url, fields, headers = {} } = row.request(records[recordSide]);
  const token = await sessionTokenFor(t.services, { accountId: actor.accountId, kind: actor.kind }, row.api ? 'api' : 'web');
  const auth = row.api ? { authorization: `Bearer ${token}` } : { cookie: `loket_session=${token}; ${csrf.cookie}` };
  address += 1;
  const options: InjectOptions = { method, url, headers: { ...auth, ...headers }, remoteAddress: `10.44.${address >> 8}.${address & 255}` };
  if (method === 'POST') {
    options.headers = { ...options.headers, 'content-type': 'application/x-www-form-urlencoded' };
    options.payload = new URLSearchParams({ _csrf: csrf.token, ...fields }).toString();
  }
  return t.app.inject(options);
}

describe('ownership matrix: own and other agency × own and other citizen', () => {
  for (const row of ROWS) {
    describe(row.route, () => {
      for (const actorSide of SIDES) {
        for (const recordSide of SIDES) {
          const own = actorSide === recordSide;
          it(`${row.actor.kind === 'citizen' ? 'citizen' : row.actor.role} of ${actorSide} on the records of ${recordSide}: ${own ? row.own : (row.other ?? 404)}`, async () => {
            const response = await call(row, actorSide, recordSide);
            expect(response.statusCode, response.body.slice(0, 300)).toBe(own ? row.own : (row.other ?? 404));
            if (!own) {
              // Nothing of the other side's record in the answer, whatever its status (ids the caller sent may be echoed).
              for (const secret of row.hidden?.(records[recordSide]) ?? PERSONAL) {
                expect(response.body).not.toContain(secret);
              }
            }
          });
        }
      }
    });
  }
});
