import { generateKeyPairSync, randomBytes } from 'node:crypto';
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import type { FormSchema } from '../../src/platform/forms/form-schema.ts';
import { multipartBody, pdfBytes } from '../../src/platform/storage/storage.test-support.ts';

// Shared by the fault-injection suite: keys a test process and a spawned Loket share, a small form,
// a load generator that records every acknowledgement, raw uploads and a database proxy to cut.

/** Long variants (more kills, more load) run only when LOKET_LONG_TESTS=1. */
export const LONG = process.env.LOKET_LONG_TESTS === '1';

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The secrets as environment variables: a test process (createTestApp) and a spawned Loket given
 * the same set read and write each other's encrypted data, as the nodes of one deployment do.
 */
export function sharedSecretsEnv(): Record<string, string> {
  return {
    LOKET_MASTER_KEY: randomBytes(32).toString('base64'),
    LOKET_BLIND_INDEX_KEY: randomBytes(32).toString('base64'),
    LOKET_COOKIE_SECRET: randomBytes(32).toString('base64'),
    LOKET_SIGNING_KEY: generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64'),
  };
}

/** One page, no upload: the submission is the API's full path (validation, encryption, workflow, audit, outbox). */
export const SHORT_FORM: FormSchema = {
  schemaVersion: 1,
  pages: [
    {
      id: 'pemohon',
      title: { id: 'Data pemohon', en: 'Applicant' },
      fields: [
        { type: 'text', name: 'fullName', label: { id: 'Nama lengkap', en: 'Full name' }, required: true, prefill: 'fullName', maxLength: 200 },
        { type: 'nik', name: 'nik', label: { id: 'NIK', en: 'NIK' }, required: true, prefill: 'nik' },
        { type: 'longText', name: 'notes', label: { id: 'Catatan', en: 'Notes' }, required: false, maxLength: 1000 },
      ],
    },
  ],
};

export function shortAnswers(citizen: { nik: string; fullName: string }) {
  return { fullName: citizen.fullName, nik: citizen.nik, notes: 'Mohon diproses. Dokumen asli akan saya bawa ke kantor.' };
}

export interface JsonResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/**
 * One request on a fresh connection (no pooled socket survives a kill -9 of the server).
 * `localAddress` (any of 127.0.0.0/8 on Linux) makes it come from another client, as Loket sees it.
 */
export function request(
  url: string,
  {
    method = 'GET',
    headers = {},
    body,
    timeoutMs = 10_000,
    localAddress,
  }: { method?: string; headers?: Record<string, string>; body?: string; timeoutMs?: number; localAddress?: string | undefined } = {},
): Promise<JsonResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers, agent: false, localAddress }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        clearTimeout(timer);
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString('utf8') });
      });
      response.on('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
    });
    const timer = setTimeout(() => req.destroy(new Error(`${method} ${url}: no answer within ${timeoutMs} ms`)), timeoutMs);
    req.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    req.end(body);
  });
}

/** One client of the load: how it sends an attempt under an Idempotency-Key, and what a 2xx acknowledges. */
export interface LoadClient {
  /** What it files ('application', 'complaint', 'open311'): the figures count each apart. */
  kind: string;
  /** Who sends (an account, an Open311 key): an Idempotency-Key is unique per sender. */
  sender: string;
  send(baseUrl: string, key: string): Promise<JsonResponse>;
  /** The identifier in a 2xx answer: a tracking number or id, an Open311 token. */
  receipt(body: string): string;
}

/** A submission the client sent: its key, which client sent it, and what came back. */
export interface Submission {
  key: string;
  client: LoadClient;
  /** The receipt of a 2xx answer; undefined while unacknowledged. */
  receipt?: string;
  status?: number;
  /** Requests sent with this key. */
  attempts?: number;
}

export function submit(baseUrl: string, token: string, key: string, body: string, timeoutMs = 10_000, localAddress?: string): Promise<JsonResponse> {
  return request(`${baseUrl}/api/v1/applications`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', authorization: `Bearer ${token}`, 'idempotency-key': key },
    body,
    timeoutMs,
    localAddress,
  });
}

/** A citizen submitting applications through the JSON API (`body`: service and answers). */
export function applicationClient(accountId: string, token: string, body: string): LoadClient {
  return {
    kind: 'application',
    sender: accountId,
    send: (baseUrl, key) => submit(baseUrl, token, key, body),
    receipt: (answer) => (JSON.parse(answer) as { trackingNumber: string }).trackingNumber,
  };
}

/** A citizen filing complaints through the JSON API (POST /api/v1/complaints). */
export function complaintClient(accountId: string, token: string, complaint: Record<string, unknown>): LoadClient {
  const body = JSON.stringify(complaint);
  return {
    kind: 'complaint',
    sender: accountId,
    send: (baseUrl, key) =>
      request(`${baseUrl}/api/v1/complaints`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json', authorization: `Bearer ${token}`, 'idempotency-key': key },
        body,
      }),
    receipt: (answer) => (JSON.parse(answer) as { trackingId: string }).trackingId,
  };
}

/** A partner app filing service requests through Open311 (POST /open311/v2/requests.json) under its API key. */
export function open311Client(keyId: string, apiKey: string, report: Record<string, string>): LoadClient {
  const body = JSON.stringify({ ...report, api_key: apiKey });
  return {
    kind: 'open311',
    sender: keyId,
    send: (baseUrl, key) =>
      request(`${baseUrl}/open311/v2/requests.json`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json', 'idempotency-key': key },
        body,
      }),
    receipt: (answer) => (JSON.parse(answer) as [{ token: string }])[0].token,
  };
}

/**
 * Clients submitting concurrently until stopped, as a well-behaved API client does: each submission
 * has a new Idempotency-Key, and a failed attempt (refused or cut connection, timeout, 5xx) is retried
 * with the same key until it is acknowledged. Every key and every 2xx is recorded. When stopped, the
 * submissions still unacknowledged are left for the caller to retry.
 */
export function startLoad({ baseUrl, clients, retryDelayMs = 200 }: { baseUrl: () => string; clients: LoadClient[]; retryDelayMs?: number }): {
  submissions: Submission[];
  stop(): Promise<void>;
  /** Requests open now, of every client or of one kind. */
  inFlight(kind?: string): number;
  /** Attempts that got no acknowledgement (and were or will be retried), of every client or of one kind. */
  failedAttempts(kind?: string): number;
} {
  const submissions: Submission[] = [];
  let running = true;
  const inFlight = new Map<string, number>();
  const failed = new Map<string, number>();
  const add = (counter: Map<string, number>, kind: string, n: number) => counter.set(kind, (counter.get(kind) ?? 0) + n);
  const count = (counter: Map<string, number>, kind?: string) =>
    kind === undefined ? [...counter.values()].reduce((sum, n) => sum + n, 0) : (counter.get(kind) ?? 0);
  const loops = clients.map(async (client) => {
    while (running) {
      const submission: Submission = { key: `fault-${crypto.randomUUID()}`, client };
      submissions.push(submission);
      while (running && submission.receipt === undefined) {
        add(inFlight, client.kind, 1);
        submission.attempts = (submission.attempts ?? 0) + 1;
        try {
          const response = await client.send(baseUrl(), submission.key);
          submission.status = response.status;
          if (response.status >= 200 && response.status < 300) submission.receipt = client.receipt(response.body);
        } catch {
          // No answer: the same key is sent again below.
        } finally {
          add(inFlight, client.kind, -1);
        }
        if (submission.receipt === undefined) {
          add(failed, client.kind, 1);
          await sleep(retryDelayMs);
        }
      }
    }
  });
  return {
    submissions,
    inFlight: (kind) => count(inFlight, kind),
    failedAttempts: (kind) => count(failed, kind),
    async stop() {
      running = false;
      await Promise.all(loops);
    },
  };
}

/** The p-th percentile (0–100) of a list of numbers. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

/**
 * A TCP proxy in front of PostgreSQL: `cut()` drops every connection and refuses new ones, as a
 * database that crashed or is failing over does; `restore()` lets connections through again. Only
 * this test's connections go through it: the shared server itself never stops.
 */
export async function startTcpProxy(target: { host: string; port: number }) {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(target.port, target.host);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream).pipe(client);
  });
  const listen = (port: number) => new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  await listen(0);
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    /** How many connections pass through now. */
    connections: () => sockets.size / 2,
    async cut() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      await closed;
    },
    restore: () => listen(port),
    async close() {
      for (const socket of sockets) socket.destroy();
      if (server.listening) await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * Starts an upload of a PDF of `size` bytes to POST /api/v1/files on a raw socket and sends only its
 * first `sentBytes`; returns the open socket, for the caller to cut (or to leave hanging).
 */
export async function partialUpload(port: number, token: string, sentBytes: number, size = 4 * 1024 * 1024): Promise<net.Socket> {
  const { payload, contentType } = multipartBody([{ name: 'file', filename: 'kk.pdf', data: pdfBytes(size) }]);
  const socket = net.connect(port, '127.0.0.1');
  socket.on('error', () => {});
  await new Promise((resolve) => socket.once('connect', resolve));
  socket.write(
    `POST /api/v1/files HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer ${token}\r\nContent-Type: ${contentType}\r\nContent-Length: ${payload.length}\r\n\r\n`,
  );
  socket.write(payload.subarray(0, sentBytes));
  return socket;
}
