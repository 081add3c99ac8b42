import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runLoket } from '../../../test/helpers/cli.ts';
import { DEMO_CITIZEN } from '../accounts/accounts.seed.ts';
import { registryImportDeps } from './exchange.cli.ts';
import { importRegistryCommand } from './exchange.import.ts';
import { createExchangeTestEnv, type ExchangeTestEnv } from './exchange.test-support.ts';

let env: ExchangeTestEnv;
let dir: string;
let dinsos: string;
beforeAll(async () => {
  env = await createExchangeTestEnv();
  dir = await mkdtemp(path.join(os.tmpdir(), 'loket-registry-'));
  dinsos = await env.agencyId('dinsos-kota-surabaya');
});
afterAll(async () => {
  await env.close();
  await rm(dir, { recursive: true, force: true });
});

const NEW_NIK = '3578015505920003';

async function run(name: string, content: string, options: { product?: string; mode?: string } = { product: 'dtsen-kepesertaan' }) {
  const file = path.join(dir, name);
  await writeFile(file, content);
  const stdout: string[] = [];
  const stderr: string[] = [];
  const code = await importRegistryCommand(registryImportDeps({ dataKeys: env.dataKeys, exchange: env.exchange }, env.database.pool), options, file, {
    stdout: (text) => stdout.push(text),
    stderr: { write: (text: string) => stderr.push(text) },
  });
  return { code, stdout: stdout.join(''), stderr: stderr.join('') };
}

const count = async (product: string) =>
  Number(
    (
      await env.db
        .selectFrom('exchangeRegistryRecord')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('productCode', '=', product)
        .executeTakeFirstOrThrow()
    ).n,
  );

const fetchDtsen = (subjectKey: string) =>
  env.exchange.fetchFromProduct({
    productCode: 'dtsen-kepesertaan',
    subjectKey,
    purpose: 'social_assistance',
    legalBasis: 'Perwali 10/2024',
    caseReference: 'IMP-1',
    actor: { agencyId: dinsos, role: 'officer' },
  });

describe('loket import registry', () => {
  it('refuses a file with bad rows, naming each line, and writes nothing', async () => {
    const before = await count('dtsen-kepesertaan');
    const result = await run(
      'bad.csv',
      [
        'subject,registered,decile,programmes,updatedAt',
        `${NEW_NIK},ya,3,PKH|BPNT,2026-10-01`,
        '1234,ya,3,,2026-10-01',
        `${DEMO_CITIZEN.nik},mungkin,3,,2026-10-01`,
        '3578016001900001,ya,tiga,,2026-10-01',
        '3578016001900002,ya,1,,01/10/2026',
        `${NEW_NIK},tidak,9,,2026-10-01`,
      ].join('\n'),
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('line 3: subject "1234" is not a valid NIK');
    expect(result.stderr).toContain('line 4: registered "mungkin" is not true or false');
    expect(result.stderr).toContain('line 5: decile "tiga" is not a number');
    expect(result.stderr).toContain('line 6: updatedAt "01/10/2026" is not a date');
    expect(result.stderr).toContain('nothing imported');
    expect(await count('dtsen-kepesertaan')).toBe(before);
    expect(await fetchDtsen(NEW_NIK)).toEqual({ ok: false, reason: 'not_found' });
  });

  it('refuses a subject that appears twice, and unknown columns', async () => {
    const twice = await run('twice.csv', ['subject,registered', `${NEW_NIK},ya`, `${DEMO_CITIZEN.nik},ya`, `${NEW_NIK},tidak`].join('\n'));
    expect(twice.code).toBe(1);
    expect(twice.stderr).toContain('lines 2 and 4: the same subject appears more than once');
    const columns = await run('columns.csv', ['subject,password', `${NEW_NIK},x`].join('\n'));
    expect(columns.code).toBe(1);
    expect(columns.stderr).toContain('unknown columns password');
  });

  it('replaces the registry with a valid file, after which lookups find the new rows', async () => {
    const result = await run(
      'good.csv',
      ['subject,registered,decile,programmes,updatedAt', `${NEW_NIK},ya,3,PKH|BPNT,2026-10-01`, `"3578 0160 0190 0001",tidak,,,2026-10-01`].join('\n'),
    );
    expect(result.stderr).not.toContain('loket:');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('2 rows loaded');
    expect(await count('dtsen-kepesertaan')).toBe(2);
    expect(await fetchDtsen(NEW_NIK)).toMatchObject({ ok: true, data: { registered: true, decile: 3, programmes: ['PKH', 'BPNT'] } });
    // Replaced: the demo citizen's row was not in the file.
    expect(await fetchDtsen(DEMO_CITIZEN.nik)).toEqual({ ok: false, reason: 'not_found' });
  });

  it('upserts when asked, keeping the rows the file does not name', async () => {
    const result = await run('upsert.csv', ['subject,registered', `${DEMO_CITIZEN.nik},ya`].join('\n'), { product: 'dtsen-kepesertaan', mode: 'upsert' });
    expect(result.code).toBe(0);
    expect(await count('dtsen-kepesertaan')).toBe(3);
    expect(await fetchDtsen(DEMO_CITIZEN.nik)).toMatchObject({ ok: true, data: { registered: true, decile: null } });
  });

  it('refuses an unknown product or mode', async () => {
    expect((await run('x.csv', 'subject\n', { product: 'tidak-ada' })).code).toBe(1);
    expect((await run('x.csv', 'subject\n', { product: 'dtsen-kepesertaan', mode: 'merge' })).code).toBe(2);
    expect((await run('x.csv', 'subject\n', {})).code).toBe(2);
  });

  it('runs as `loket import registry --product CODE FILE`', async () => {
    const file = path.join(dir, 'cli.csv');
    await writeFile(file, ['subject,registered', `${NEW_NIK},ya`].join('\n'));
    const result = await runLoket(['import', 'registry', '--product', 'dtsen-kepesertaan', '--mode', 'upsert', file], {
      DATABASE_URL: env.database.url,
      NODE_ENV: 'test',
      LOKET_LOG_LEVEL: 'silent',
    });
    expect(result.stderr).not.toContain('loket:');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('1 rows upserted');
  });
});
