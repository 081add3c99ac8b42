import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runLoket } from '../../../test/helpers/cli.ts';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/db.ts';
import { loadConfig } from '../../config.ts';
import { resolveSecrets } from '../../platform/crypto/secrets.ts';
import { createServices, type Services } from '../../services.ts';
import { createCatalogueRepository } from '../catalogue/catalogue.repository.ts';
import { seedDemoCatalogue } from '../catalogue/catalogue.seed.ts';

// `loket export open-data`, run as a child process exactly as an operator would.

describe('loket export open-data', () => {
  let database: TestDatabase;
  let services: Services;
  let env: Record<string, string>;
  let out: string;
  beforeAll(async () => {
    database = await createTestDatabase();
    await database.db.transaction().execute((trx) => seedDemoCatalogue(createCatalogueRepository(trx)));
    env = {
      DATABASE_URL: database.url,
      NODE_ENV: 'test',
      LOKET_LOG_LEVEL: 'warn',
      LOKET_PUBLIC_URL: 'https://loket.contoh.go.id',
      LOKET_MASTER_KEY: randomBytes(32).toString('base64'),
      LOKET_BLIND_INDEX_KEY: randomBytes(32).toString('base64'),
    };
    const config = loadConfig(env);
    services = createServices({ config, db: database.db, secrets: await resolveSecrets(config, () => {}), log: pino({ level: 'silent' }) });
    out = await mkdtemp(path.join(os.tmpdir(), 'loket-open-data-'));
  });
  afterAll(async () => {
    await services?.notifier.close();
    await database?.drop();
    await rm(out, { recursive: true, force: true });
  });

  it('writes every dataset as CSV, JSON and schema, and catalog.jsonld: the same bytes the web serves', async () => {
    const target = path.join(out, 'ekspor');
    const result = await runLoket(['export', 'open-data', '--out', target], env);
    expect(result.code, result.stderr).toBe(0);
    const expected = [...services.openData.datasets().flatMap((d) => [`${d.id}.csv`, `${d.id}.json`, `${d.id}.schema.json`]), 'catalog.jsonld'];
    expect(result.stdout.trim().split('\n')).toEqual(expected.map((name) => path.join(target, name)));
    expect((await readdir(target)).sort()).toEqual([...expected].sort());

    for (const dataset of services.openData.datasets()) {
      for (const format of ['csv', 'json'] as const) {
        let served = '';
        for await (const chunk of await services.openData.open(dataset, format)) served += chunk;
        expect(await readFile(path.join(target, `${dataset.id}.${format}`), 'utf8'), `${dataset.id}.${format}`).toBe(served);
      }
      const schema = JSON.parse(await readFile(path.join(target, `${dataset.id}.schema.json`), 'utf8')) as { $id: string };
      expect(schema.$id).toBe(`https://loket.contoh.go.id/data/${dataset.id}.schema.json`);
    }
    const catalog = JSON.parse(await readFile(path.join(target, 'catalog.jsonld'), 'utf8')) as Record<string, unknown>;
    expect(catalog).toEqual(JSON.parse(JSON.stringify(await services.openData.catalog())));
    expect(catalog['@id']).toBe('https://loket.contoh.go.id/data/catalog.jsonld');
  });

  it('is refused with exit code 2 and a reason without --out', async () => {
    const result = await runLoket(['export', 'open-data'], env);
    expect(result).toMatchObject({ code: 2, stdout: '' });
    expect(result.stderr).toContain('loket export open-data --out DIR');
  });
});
