import type { Fixtures, RequestSpec } from './lib/types.ts';

export type FloorKind = 'F1' | 'F2' | 'F3';

/** A scenario: what to ask Loket, which floor it is compared with, and its issue-6 targets. */
export interface Scenario {
  id: string;
  title: string;
  floor: FloorKind;
  /** Issue 6 targets: the minimum ratio to the floor (at `ratioAt` clients) and p99 at 64 clients. */
  targets: { floorRatio: number; ratioAt: number[]; p99Ms: number };
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
];
