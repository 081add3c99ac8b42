import type { FormData } from '../../src/platform/forms/form-schema.ts';

/** What bench/setup.ts prepared in the bench database, for the scenarios. */
export interface Fixtures {
  seedSeconds: number;
  applications: number;
  /** API bearer tokens of verified citizens (S1 spreads its requests over them). */
  citizenTokens: string[];
  submission: { serviceCode: string; answers: FormData };
  /** Services S1 could not file without uploads, with the reasons (for the report). */
  refusedServices: string[];
  /** A web session of the demo officer (TOTP already verified). */
  staffSessionToken: string;
  trackingNumbers: string[];
  /** Open applications at the demo officer's office. */
  officerTrackingNumbers: string[];
  applicationIds: string[];
  documentNumbers: string[];
  /** Open311 API keys (clear), each allowed 100,000 requests per minute (S6 spreads its requests over them). */
  open311Keys: string[];
  /** Tracking ids of public reports (not secret, not merged, verified): the pages S7 opens. */
  publicComplaints: string[];
  /** The transparency dashboard's national, agency and service views (S8), rollups folded before the run. */
  dashboardPaths?: string[];
  /** S9: an agency system's query of the population product, signed per request (client id and private key). */
  exchangeQuery?: { path: string; clientId: string; privateKeyPkcs8: string; bodies: string[] };
}

/**
 * One kind of request, serialisable so that the load process can build every request from it.
 * Each request takes the next of `paths`, `bodies` and `headerSets` in turn.
 */
export interface RequestSpec {
  method: 'GET' | 'POST';
  paths: string[];
  headers?: Record<string, string>;
  /** Rotated per request (e.g. one bearer token per citizen). */
  headerSets?: Record<string, string>[];
  body?: string;
  /** Rotated per request instead of `body` (e.g. one Open311 key and description each). */
  bodies?: string[];
  /** A unique Idempotency-Key header on every request. */
  idempotencyKey?: boolean;
  /**
   * A distinct X-Forwarded-For on every request: the server runs behind a (simulated) reverse proxy,
   * so each request counts as one of many citizens for the per-address rate limits.
   */
  distinctClients?: boolean;
  /**
   * A fresh client assertion (RFC 7523 JWT, EdDSA) in this header on every request, for the audience
   * of the server's URL and the first path, bound to the body it goes with (body_sha256) and with its
   * own jti: the exchange API refuses a replay. Signed before the run starts, so that signing does not
   * compete with the server for the CPU.
   */
  clientAssertion?: { header: string; clientId: string; privateKeyPkcs8: string };
}

export interface LoadResult {
  connections: number;
  durationSeconds: number;
  requests: number;
  rps: number;
  latencyMs: { p50: number; p90: number; p99: number; mean: number; max: number };
  errors: number;
  timeouts: number;
  non2xx: number;
  statusCodes: Record<string, number>;
}

export interface ProcessSample {
  /** Percent of one core over the run (200 = both cores of this machine). */
  cpuPercent: number;
  peakRssMb: number;
}

export interface Measurement {
  name: string;
  connections: number;
  load?: LoadResult;
  /** pgbench figures (F1). */
  pgbench?: { tps: number; latencyAvgMs: number; transactions: number; failed: number };
  server?: ProcessSample;
  /** Loket's V8 heap right after the run (from its /metrics). */
  heap?: { usedMb: number; totalMb: number; externalMb: number; rssMb: number };
}
