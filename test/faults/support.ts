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

/** One request on a fresh connection (no pooled socket survives a kill -9 of the server). */
export function request(
  url: string,
  { method = 'GET', headers = {}, body, timeoutMs = 10_000 }: { method?: string; headers?: Record<string, string>; body?: string; timeoutMs?: number } = {},
): Promise<JsonResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers, agent: false }, (response) => {
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

/** A submission the client sent: its key, whose token sent it, and what came back. */
export interface Submission {
  key: string;
  token: string;
  /** The tracking number of a 2xx answer; undefined while unacknowledged. */
  trackingNumber?: string;
  status?: number;
  /** Requests sent with this key. */
  attempts?: number;
}

export function submit(baseUrl: string, token: string, key: string, body: string, timeoutMs = 10_000): Promise<JsonResponse> {
  return request(`${baseUrl}/api/v1/applications`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', authorization: `Bearer ${token}`, 'idempotency-key': key },
    body,
    timeoutMs,
  });
}

/**
 * Clients submitting concurrently until stopped, as a well-behaved API client does: each submission
 * has a new Idempotency-Key, and a failed attempt (refused or cut connection, timeout, 5xx) is retried
 * with the same key until it is acknowledged. Every key and every 2xx is recorded. When stopped, the
 * submissions still unacknowledged are left for the caller to retry.
 */
export function startLoad({
  baseUrl,
  clients,
  retryDelayMs = 200,
}: {
  baseUrl: () => string;
  clients: { token: string; body: string }[];
  retryDelayMs?: number;
}): {
  submissions: Submission[];
  stop(): Promise<void>;
  inFlight(): number;
  /** Attempts that got no acknowledgement (and were or will be retried). */
  failedAttempts(): number;
} {
  const submissions: Submission[] = [];
  let running = true;
  let inFlight = 0;
  let failed = 0;
  const loops = clients.map(async (client) => {
    while (running) {
      const submission: Submission = { key: `fault-${crypto.randomUUID()}`, token: client.token };
      submissions.push(submission);
      while (running && submission.trackingNumber === undefined) {
        inFlight += 1;
        submission.attempts = (submission.attempts ?? 0) + 1;
        try {
          const response = await submit(baseUrl(), client.token, submission.key, client.body);
          submission.status = response.status;
          if (response.status >= 200 && response.status < 300)
            submission.trackingNumber = (JSON.parse(response.body) as { trackingNumber: string }).trackingNumber;
        } catch {
          // No answer: the same key is sent again below.
        } finally {
          inFlight -= 1;
        }
        if (submission.trackingNumber === undefined) {
          failed += 1;
          await sleep(retryDelayMs);
        }
      }
    }
  });
  return {
    submissions,
    inFlight: () => inFlight,
    failedAttempts: () => failed,
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
