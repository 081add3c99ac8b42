import type { F1Script } from './lib/database.ts';
import { open311Bodies } from './lib/open311-reports.ts';
import type { Fixtures, RequestSpec } from './lib/types.ts';

export type FloorKind = 'F1' | 'F2' | 'F3';

/** A scenario: what to ask Loket, which floor it is compared with, and its issue-6 targets. */
export interface Scenario {
  id: string;
  title: string;
  floor: FloorKind;
  /** F1 only: the pgbench script writing what this scenario writes (an application submission by default). */
  f1Script?: F1Script;
  /**
   * Issue 6 targets: the minimum ratio to the floor (at `ratioAt` clients) and p99 at 64 clients.
   * Absent for the scenarios of issue 8, which asks for the figures and ratios without targets.
   */
  targets?: { floorRatio: number; ratioAt: number[]; p99Ms: number };
  request(f: Fixtures): RequestSpec;
}

// Typed as people type them: missing letters, slang, no accents.
const TYPO_QUERIES = [
  'akte lahr',
  'ktp ilang',
  'pindh domisili',
  'akta kelahran',
  'surat pndah',
  'ktp rusak',
  'izin usha',
  'kartu keluarg',
  'bantuan sosal',
  'akte kematin',
];

export const SCENARIOS: Scenario[] = [
  {
    id: 'S1',
    title: 'Submit an application (JSON API, citizen bearer token, unique Idempotency-Key, full validation)',
    floor: 'F1',
    targets: { floorRatio: 0.5, ratioAt: [16, 64], p99Ms: 100 },
    request: (f) => ({
      method: 'POST',
      paths: ['/api/v1/applications'],
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      headerSets: f.citizenTokens.map((token) => ({ authorization: `Bearer ${token}` })),
      body: JSON.stringify({ service: f.submission.serviceCode, answers: f.submission.answers }),
      idempotencyKey: true,
      distinctClients: true,
    }),
  },
  {
    id: 'S2',
    title: 'Public tracking page GET /track/<number> (HTML)',
    floor: 'F3',
    targets: { floorRatio: 0.6, ratioAt: [16, 64], p99Ms: 50 },
    request: (f) => ({ method: 'GET', paths: f.trackingNumbers.map((n) => `/track/${n}`), distinctClients: true }),
  },
  {
    id: 'S3',
    title: 'Catalogue search GET /api/v1/services?q= (typo’d Indonesian queries)',
    floor: 'F2',
    targets: { floorRatio: 0.3, ratioAt: [16, 64], p99Ms: 50 },
    request: () => ({
      method: 'GET',
      paths: TYPO_QUERIES.map((q) => `/api/v1/services?q=${encodeURIComponent(q)}`),
      headers: { accept: 'application/json' },
      distinctClients: true,
    }),
  },
  {
    id: 'S4',
    title: 'Officer’s work queue GET /backoffice/queue (staff session)',
    floor: 'F3',
    targets: { floorRatio: 0.4, ratioAt: [16, 64], p99Ms: 50 },
    request: (f) => ({
      method: 'GET',
      paths: ['/backoffice/queue'],
      headers: { cookie: `__Host-loket_session=${f.staffSessionToken}` },
      distinctClients: true,
    }),
  },
  {
    id: 'S4W',
    title: 'Officer’s application workspace GET /backoffice/applications/<number> (staff session)',
    floor: 'F3',
    targets: { floorRatio: 0.4, ratioAt: [16, 64], p99Ms: 50 },
    request: (f) => ({
      method: 'GET',
      paths: f.officerTrackingNumbers.map((n) => `/backoffice/applications/${n}`),
      headers: { cookie: `__Host-loket_session=${f.staffSessionToken}` },
      distinctClients: true,
    }),
  },
  {
    id: 'S5',
    title: 'Document verification page GET /verify?q=<document number>',
    floor: 'F3',
    targets: { floorRatio: 0.6, ratioAt: [16, 64], p99Ms: 50 },
    request: (f) => ({
      method: 'GET',
      // Issued documents when the setup could issue some; otherwise a well-formed unknown number (a 404 page).
      paths: (f.documentNumbers.length > 0 ? f.documentNumbers : ['LKT-DOC-0000-0000']).map((n) => `/verify?q=${encodeURIComponent(n)}`),
      distinctClients: true,
    }),
  },
  {
    id: 'S6',
    title: 'Open311 POST /open311/v2/requests.json (form-encoded, partner API key, ~460-character description)',
    floor: 'F1',
    f1Script: 'complaint',
    request: (f) => ({
      method: 'POST',
      paths: ['/open311/v2/requests.json'],
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      // 16 partner keys × 4 reports; each key's own limit is 100,000 per minute (setup.ts).
      bodies: open311Bodies(f.open311Keys),
      idempotencyKey: true,
      distinctClients: true,
    }),
  },
  {
    id: 'S7',
    title: 'Public complaint page GET /complaints/<tracking id> (HTML)',
    floor: 'F3',
    request: (f) => ({ method: 'GET', paths: f.publicComplaints.map((id) => `/complaints/${id}`), distinctClients: true }),
  },
  {
    id: 'S8',
    title: 'Transparency dashboard GET /transparency, an agency and a service view (HTML, from the rollups)',
    floor: 'F3',
    // Issue 9: p95 under 100 ms at 10 million applications; the pages read daily rollups only.
    request: (f) => ({ method: 'GET', paths: f.dashboardPaths ?? ['/transparency'], distinctClients: true }),
  },
  {
    id: 'S9',
    title:
      'Agency exchange query POST /api/exchange/v1/products/kependudukan-nik/query (signed assertion verified, registry read, access and exchange log written, signed answer)',
    floor: 'F3',
    // Issue 10: at least 1,000 queries/s on this machine.
    request: (f) => {
      const query = f.exchangeQuery;
      if (!query) throw new Error('the bench setup registered no exchange client');
      return {
        method: 'POST',
        paths: [query.path],
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        bodies: query.bodies,
        clientAssertion: { header: 'client-assertion', clientId: query.clientId, privateKeyPkcs8: query.privateKeyPkcs8 },
      };
    },
  },
];
