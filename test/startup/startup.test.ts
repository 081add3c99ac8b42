import { chmod, mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_AGENCIES } from '../../src/modules/catalogue/catalogue.seed.ts';
import { type EmbeddedPostgres, freePort, startEmbeddedPostgres } from '../../src/platform/db/embedded.ts';
import {
  cleanEnv,
  httpGet,
  isRunning,
  killLoket,
  killPostgres,
  type LoketProcess,
  runningPostgres,
  spawnLoket,
  stopLoket,
  waitUntilReady,
} from '../helpers/process.ts';

// The real process, started as an operator starts it: `node --import tsx src/cli.ts serve`, with
// no DATABASE_URL (embedded PostgreSQL) and then with one (an external server that goes away).

const tempDirs: string[] = [];
const pgDirs: string[] = [];
const processes: LoketProcess[] = [];
const externals: EmbeddedPostgres[] = [];

async function tempDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  // As root the embedded PostgreSQL runs as `postgres` and must traverse this folder.
  await chmod(dir, 0o755);
  tempDirs.push(dir);
  return dir;
}

function start(env: NodeJS.ProcessEnv, port: number): LoketProcess {
  const loket = spawnLoket(env, port);
  processes.push(loket);
  return loket;
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

async function agencyIds(loket: LoketProcess): Promise<string[]> {
  const response = await httpGet(`${loket.baseUrl}/api/v1/agencies`, { headers: { accept: 'application/json' } });
  expect(response.status, response.body).toBe(200);
  const body = JSON.parse(response.body) as { items: { id: string }[] };
  return body.items.map((item) => String(item.id)).sort();
}

/** Every generated secret under dataDir: the development keys and the embedded database password. */
async function generatedSecrets(dataDir: string): Promise<Map<string, string>> {
  const secrets = new Map<string, string>();
  const secretsDir = path.join(dataDir, 'secrets');
  for (const name of await readdir(secretsDir)) {
    if (name.endsWith('.key')) secrets.set(`secrets/${name}`, (await readFile(path.join(secretsDir, name), 'utf8')).trim());
  }
  const password = await readFile(path.join(dataDir, 'pg.password'), 'utf8').catch(() => undefined);
  if (password !== undefined) secrets.set('pg.password', password.trim());
  return secrets;
}

function expectNoSecretsIn(output: string, secrets: Map<string, string>): void {
  for (const [file, value] of secrets) {
    expect(value.length, `${file} is empty`).toBeGreaterThan(8);
    expect(output.includes(value), `the log contains the value of ${file}`).toBe(false);
    // Also in the forms a URL or a JSON string would carry it.
    expect(output.includes(encodeURIComponent(value)), `the log contains the URL-encoded value of ${file}`).toBe(false);
  }
}

afterAll(async () => {
  // Whatever happened above: no Loket, no PostgreSQL and no temp folder outlives the file.
  for (const loket of processes) await killLoket(loket);
  for (const external of externals) await external.stop().catch(() => undefined);
  for (const pgDir of pgDirs) await killPostgres(pgDir);
  for (const dir of tempDirs) await rm(dir, { recursive: true, force: true });
}, 30_000);

describe('embedded mode: first start, restart, crash', () => {
  const agency = DEMO_AGENCIES.find((candidate) => candidate.code === 'disdukcapil-kota-bandung');
  let dataDir: string;
  let pgData: string;
  let port: number;
  let env: NodeJS.ProcessEnv;
  let firstIds: string[] = [];
  let secrets = new Map<string, string>();

  it('starts with no set-up: embedded PostgreSQL, migrations, demo data', async () => {
    dataDir = await tempDir('loket-startup-');
    pgData = path.join(dataDir, 'pg');
    pgDirs.push(pgData);
    port = await freePort();
    env = cleanEnv({ NODE_ENV: 'development', LOKET_LOG_LEVEL: 'info', LOKET_DATA_DIR: dataDir, PORT: String(port) });

    const loket = start(env, port);
    await waitUntilReady(loket, 60_000);

    const home = await httpGet(`${loket.baseUrl}/`, { headers: { 'accept-language': 'id' } });
    expect(home.status).toBe(200);
    expect(agency).toBeDefined();
    expect(home.body).toContain(agency?.nameId);
    expect(await exists(path.join(pgData, 'PG_VERSION'))).toBe(true);
    firstIds = await agencyIds(loket);
    expect(firstIds).toHaveLength(DEMO_AGENCIES.length);
    expect(loket.output()).toContain('demo data seeded');

    secrets = await generatedSecrets(dataDir);
    expect([...secrets.keys()].sort()).toEqual(['pg.password', 'secrets/blind-index.key', 'secrets/cookie.key', 'secrets/master.key', 'secrets/signing.key']);
    expectNoSecretsIn(loket.output(), secrets);

    // (a) Ctrl-C: a clean exit that also stops the database.
    const exit = await stopLoket(loket, 'SIGINT', 20_000);
    expect(exit, loket.output()).toMatchObject({ code: 0, signal: null });
    expect(await runningPostgres(pgData), `PostgreSQL still runs on ${pgData} after Loket stopped`).toBeUndefined();
    expectNoSecretsIn(loket.output(), secrets);
  }, 90_000);

  it('keeps its data across a restart and does not seed again', async () => {
    const loket = start(env, port);
    await waitUntilReady(loket, 60_000);
    expect(await agencyIds(loket)).toEqual(firstIds);
    expect(loket.output()).not.toContain('demo data seeded');
    expectNoSecretsIn(loket.output(), secrets);

    // (b) A crash: Loket is killed, its PostgreSQL (own process group) keeps running.
    const killed = await stopLoket(loket, 'SIGKILL', 5_000);
    expect(killed.signal).toBe('SIGKILL');
    const orphan = await runningPostgres(pgData);
    expect(orphan, 'the embedded PostgreSQL should survive a kill -9 of Loket').toBeDefined();
  }, 70_000);

  it('starts again after a kill -9 with no manual step', async () => {
    const orphan = await runningPostgres(pgData);
    expect(orphan, 'the test needs the PostgreSQL left by the killed Loket').toBeDefined();
    const loket = start(env, port);
    await waitUntilReady(loket, 60_000);
    expect(await agencyIds(loket)).toEqual(firstIds);
    expect(await isRunning(orphan ?? 0), 'the left-over PostgreSQL should have been replaced').toBe(false);
    expectNoSecretsIn(loket.output(), secrets);

    const exit = await stopLoket(loket, 'SIGTERM', 20_000);
    expect(exit, loket.output()).toMatchObject({ code: 0, signal: null });
    expect(await runningPostgres(pgData)).toBeUndefined();
  }, 70_000);
});

describe('DATABASE_URL mode: the database goes away and comes back', () => {
  it('answers 503 while the database is down and recovers without a restart', async () => {
    const externalDir = await tempDir('loket-external-pg-');
    const externalData = path.join(externalDir, 'pg');
    pgDirs.push(externalData);
    const pgPort = await freePort();
    const options = { dataDir: externalData, port: pgPort, database: 'loket_ext', log: () => {} };
    let external = await startEmbeddedPostgres(options);
    externals.push(external);

    const dataDir = await tempDir('loket-startup-ext-');
    const port = await freePort();
    const env = cleanEnv({ NODE_ENV: 'development', LOKET_LOG_LEVEL: 'info', LOKET_DATA_DIR: dataDir, PORT: String(port), DATABASE_URL: external.url });
    const loket = start(env, port);
    await waitUntilReady(loket, 60_000);
    expect(await exists(path.join(dataDir, 'pg')), 'no embedded PostgreSQL when DATABASE_URL is set').toBe(false);
    expect(await exists(path.join(dataDir, 'pg.password'))).toBe(false);

    // The outage. Every request must still be answered, within the 5 s client timeout.
    // A fast shutdown drops Loket's connections at once, as a crash or failover would.
    await external.stop('fast');
    const outageStarted = Date.now();
    let readyz = await httpGet(`${loket.baseUrl}/readyz`);
    while (readyz.status !== 503 && Date.now() - outageStarted < 20_000) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      readyz = await httpGet(`${loket.baseUrl}/readyz`);
    }
    expect(readyz.status, readyz.body).toBe(503);
    expect(readyz.headers['retry-after']).toBeDefined();
    expect(JSON.parse(readyz.body)).toMatchObject({ status: 'not ready', checks: { database: 'unreachable' } });

    const api = await httpGet(`${loket.baseUrl}/api/v1/agencies`, { headers: { accept: 'application/json' } });
    expect(api.status, api.body).toBe(503);
    expect(api.headers['retry-after']).toBeDefined();
    expect(api.headers['content-type']).toContain('application/problem+json');
    expect(JSON.parse(api.body)).toMatchObject({ type: '/problems/platform.unavailable', status: 503 });
    expect(loket.hasExited(), `Loket exited during the outage:\n${loket.output()}`).toBe(false);

    // The database comes back on the same port and folder: Loket recovers on its own.
    external = await startEmbeddedPostgres(options);
    externals.push(external);
    const recovered = await waitUntilReady(loket, 5_000);
    expect(recovered).toBeLessThan(5_000);
    expect((await httpGet(`${loket.baseUrl}/api/v1/agencies`, { headers: { accept: 'application/json' } })).status).toBe(200);

    // Neither the external server's password (in DATABASE_URL) nor the generated keys reach the log.
    const secrets = await generatedSecrets(dataDir);
    secrets.set('external pg.password', (await readFile(path.join(externalDir, 'pg.password'), 'utf8')).trim());
    expectNoSecretsIn(loket.output(), secrets);

    const exit = await stopLoket(loket, 'SIGTERM', 20_000);
    expect(exit, loket.output()).toMatchObject({ code: 0, signal: null });
  }, 90_000);
});
