import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { buildApp } from '../../src/app.ts';
import { type Config, loadConfig } from '../../src/config.ts';
import { resolveSecrets, type Secrets } from '../../src/platform/crypto/secrets.ts';
import { loggerOptions } from '../../src/platform/observability/logger.ts';
import { createServices, type Services } from '../../src/services.ts';
import { createTestDatabase, type TestDatabase } from './db.ts';

export interface TestApp {
  app: FastifyInstance;
  database: TestDatabase;
  config: Config;
  secrets: Secrets;
  services: Services;
  /** Every log line the app wrote, as JSON text. */
  logs: string[];
  close(): Promise<void>;
}

/** The production app wiring on its own fresh database, with logs captured for assertions. */
export interface TestAppOptions {
  env?: Record<string, string>;
  /** Registers extra routes (test fixtures) before the app is ready. */
  extend?: (app: FastifyInstance) => void;
  /** Reuse a database (for several nodes on one database). */
  database?: TestDatabase;
  /** Nodes of one deployment share their keys; a fresh app otherwise gets random ones. */
  secrets?: Secrets;
}

export async function createTestApp({ env = {}, extend, database: shared, secrets: sharedSecrets }: TestAppOptions = {}): Promise<TestApp> {
  const database = shared ?? (await createTestDatabase());
  // Uploaded files go to a folder of this app's own, never into the working tree's ./data.
  const filesDir = await mkdtemp(path.join(os.tmpdir(), 'loket-test-files-'));
  const config = loadConfig({ NODE_ENV: 'test', LOKET_LOG_LEVEL: 'info', DATABASE_URL: database.url, LOKET_FILES_DIR: filesDir, ...env });
  const logs: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logs.push(...chunk.toString().split('\n').filter(Boolean));
      done();
    },
  });
  const logger = pino(loggerOptions(config), stream);
  const secrets = sharedSecrets ?? (await resolveSecrets(config, () => {}));
  const services = createServices({ config, db: database.db, secrets, log: logger });
  const app = await buildApp({ config, db: database.db, pool: database.pool, secrets, services, logger });
  try {
    extend?.(app);
    await app.ready();
  } catch (error) {
    await app.close().catch(() => {});
    if (!shared) await database.drop();
    await rm(filesDir, { recursive: true, force: true });
    throw error;
  }
  return {
    app,
    database,
    config,
    secrets,
    services,
    logs,
    async close() {
      await app.close();
      await services.notifier.close();
      if (!shared) await database.drop();
      await rm(filesDir, { recursive: true, force: true });
    },
  };
}

/** Cookie header and CSRF token from a page that renders a form, for posting like a browser. */
export function cookiesFrom(setCookie: string | string[] | undefined): string {
  return [setCookie ?? []]
    .flat()
    .map((cookie) => cookie.split(';')[0])
    .join('; ');
}

/** Serves the app on a free loopback port for a real browser; returns its base URL. */
export async function listenForBrowser(app: FastifyInstance): Promise<string> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error('the app is not listening on a TCP port');
  return `http://127.0.0.1:${address.port}`;
}

/**
 * A session token for `actor`, as if they had signed in (staff with their TOTP code done): for tests
 * that are about what a signed-in person may do, not about signing in.
 */
export function sessionTokenFor(
  services: Pick<Services, 'sessions'>,
  actor: { accountId: string; kind: 'citizen' | 'staff' },
  kind: 'web' | 'api' = 'web',
): Promise<string> {
  return services.sessions.create({ accountId: actor.accountId, accountKind: actor.kind, kind, mfaVerified: true, userAgent: 'test' });
}
