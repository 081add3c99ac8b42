import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runLoket } from '../../../test/helpers/cli.ts';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/db.ts';
import { importRegionsCommand } from './regions.import.ts';

let database: TestDatabase;
let folder: string;

beforeAll(async () => {
  database = await createTestDatabase();
  folder = await mkdtemp(path.join(os.tmpdir(), 'loket-regions-'));
});

afterAll(async () => {
  await database?.drop();
  await rm(folder, { recursive: true, force: true });
});

async function csv(name: string, text: string): Promise<string> {
  const file = path.join(folder, name);
  await writeFile(file, text);
  return file;
}

async function run(file: string) {
  const out = { stdout: '', stderr: '' };
  const code = await importRegionsCommand(database.db, file, {
    stdout: (text) => {
      out.stdout += text;
    },
    stderr: (text) => {
      out.stderr += text;
    },
  });
  return { code, ...out };
}

const regionsOf = (prefix: string) =>
  database.db.selectFrom('region').select(['code', 'parentCode', 'level', 'name']).where('code', 'like', `${prefix}%`).orderBy('code').execute();

describe('loket import regions', () => {
  it('adds regions below the provinces, with their level and parent, from a Kemendagri CSV with a header and a BOM', async () => {
    const file = await csv(
      'makassar.csv',
      '\uFEFFkode,nama\n73.71,Kota Makassar\n73.71.01,Mariso\n73.71.01.1001,Bontorannu\n"73.71.01.1002","Tamarunang"\n\n73.71.02;Mamajang\n',
    );
    const first = await run(file);
    expect(first).toMatchObject({ code: 0, stderr: '' });
    expect(first.stdout).toContain('5 added, 0 renamed, 0 unchanged');
    expect(await regionsOf('73.71')).toEqual([
      { code: '73.71', parentCode: '73', level: 'regency', name: 'Kota Makassar' },
      { code: '73.71.01', parentCode: '73.71', level: 'district', name: 'Mariso' },
      { code: '73.71.01.1001', parentCode: '73.71.01', level: 'village', name: 'Bontorannu' },
      { code: '73.71.01.1002', parentCode: '73.71.01', level: 'village', name: 'Tamarunang' },
      { code: '73.71.02', parentCode: '73.71', level: 'district', name: 'Mamajang' },
    ]);

    // Loaded again after a new Kepmendagri: a rename is applied, the rest left alone.
    const again = await run(await csv('makassar-2.csv', '73.71,Kota Makassar\n73.71.01,Mariso Baru\n73.71.01.1001,Bontorannu\n'));
    expect(again.stdout).toContain('0 added, 1 renamed, 2 unchanged');
    expect((await regionsOf('73.71.01')).find((r) => r.code === '73.71.01')?.name).toBe('Mariso Baru');
  });

  it('writes nothing when any row is wrong, and says which rows and why', async () => {
    const file = await csv(
      'bad.csv',
      [
        '91.71,Kota Jayapura',
        '91.71.01,Jayapura Utara',
        '91.7,Salah kode',
        "91.71.02,'; drop table region; --",
        '91.71.03,',
        '91.71.01,Jayapura Utara lagi',
        '99.99.99,Tanpa induk',
      ].join('\n'),
    );
    const result = await run(file);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('line 3: "91.7" is not a region code');
    expect(result.stderr).toContain('line 5: 91.71.03 needs a name');
    expect(result.stderr).toContain('line 6: 91.71.01 appears twice');
    expect(result.stderr).toContain('99.99.99: its parent 99.99 is neither in the file nor known');
    expect(result.stderr).toContain('nothing imported');
    // The row that looked like SQL was a name like any other, and nothing of the file was written.
    expect(await regionsOf('91.71')).toEqual([]);
    expect(await database.db.selectFrom('region').select('code').where('code', '=', '11').executeTakeFirst()).toEqual({ code: '11' });
  });

  it('refuses a missing file and an empty one', async () => {
    expect((await run(path.join(folder, 'tidak-ada.csv'))).stderr).toMatch(/ENOENT/);
    expect((await run(await csv('empty.csv', 'kode,nama\n'))).stderr).toContain('no regions');
  });

  it('runs as `loket import regions FILE` against the configured database', async () => {
    const file = await csv('cli.csv', '76.01,Kabupaten Pasangkayu\n');
    const result = await runLoket(['import', 'regions', file], { DATABASE_URL: database.url, NODE_ENV: 'test', LOKET_LOG_LEVEL: 'silent' });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('1 added');
    expect(await regionsOf('76.01')).toEqual([{ code: '76.01', parentCode: '76', level: 'regency', name: 'Kabupaten Pasangkayu' }]);
  }, 60_000);
});
