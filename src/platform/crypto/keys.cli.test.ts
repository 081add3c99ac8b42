import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runLoket } from '../../../test/helpers/cli.ts';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/db.ts';
import { hashPassword } from '../../modules/accounts/password.ts';
import { createPersonalData, type PersonalField } from '../../modules/accounts/personal-data.ts';
import { createDataKeyStore } from './data-keys.ts';
import { decryptField, encryptField, masterKey, newDataKey, unwrapDataKey, wrapDataKey } from './envelope.ts';

// Acceptance check of issue 3: `loket keys rotate` runs on a database of 100,000 accounts and every
// record still decrypts. 10,000 in the everyday run keeps it quick; LOKET_LONG_TESTS=1 runs 100,000.
const LONG = process.env.LOKET_LONG_TESTS === '1';
const ACCOUNTS = LONG ? 100_000 : 10_000;
const INSERT_BATCH = 5_000;
const READ_BATCH = 10_000;

const oldRaw = randomBytes(32);
const newRaw = randomBytes(32);
const blindIndexKey = randomBytes(32);
const OLD = masterKey(oldRaw);
const NEW = masterKey(newRaw);

/** What account `i` holds in clear: synthetic, derived from `i`, so the check needs no copy. */
function person(i: number): Record<Exclude<PersonalField, 'totpSecret'>, string> {
  const n = String(i).padStart(8, '0');
  return { nik: `32730157089${n.slice(3)}`, fullName: `Warga Uji ${n}`, birthDate: '1990-08-17', email: `warga${n}@uji.loket.test`, phone: `0812${n}` };
}

const FIELDS = ['nik', 'fullName', 'birthDate', 'email', 'phone'] as const;
const COLUMNS = { nik: 'nik_enc', fullName: 'full_name_enc', birthDate: 'birth_date_enc', email: 'email_enc', phone: 'phone_enc' } as const;
// The context personal-data.ts binds into each ciphertext; the sample read through it below proves they agree.
const context = (field: PersonalField, accountId: string) => `account.${field}:${accountId}`;

/**
 * N citizens as the accounts module would store them, under the old master key: generated in Node,
 * inserted with unnest in a few large statements rather than N round trips.
 */
async function insertAccounts(database: TestDatabase, count: number): Promise<void> {
  const index = createPersonalData(createDataKeyStore(database.db, { current: OLD, previous: [] }), blindIndexKey).index;
  const passwordHash = await hashPassword('synthetic-password-123');
  for (let start = 0; start < count; start += INSERT_BATCH) {
    const size = Math.min(INSERT_BATCH, count - start);
    const cols = { id: [] as string[], keyId: [] as string[], wrapped: [] as Buffer[], nikIndex: [] as string[], emailIndex: [] as string[] };
    const enc: Record<(typeof FIELDS)[number], string[]> = { nik: [], fullName: [], birthDate: [], email: [], phone: [] };
    const phoneIndex: string[] = [];
    for (let i = start; i < start + size; i++) {
      const id = crypto.randomUUID();
      const keyId = crypto.randomUUID();
      const key = newDataKey();
      const clear = person(i);
      cols.id.push(id);
      cols.keyId.push(keyId);
      cols.wrapped.push(wrapDataKey(OLD, keyId, key));
      cols.nikIndex.push(index('nik', clear.nik));
      cols.emailIndex.push(index('email', clear.email));
      phoneIndex.push(index('phone', clear.phone));
      for (const field of FIELDS) enc[field].push(encryptField(key, clear[field], context(field, id)));
    }
    await database.db.transaction().execute(async (trx) => {
      await sql`insert into data_key (id, master_key_id, wrapped)
                select v.id, ${OLD.id}, v.wrapped from unnest(${cols.keyId}::uuid[], ${cols.wrapped}::bytea[]) as v(id, wrapped)`.execute(trx);
      await sql`insert into account (id, kind, data_key_id, nik_index, nik_enc, full_name_enc, birth_date_enc, email_index, email_enc,
                                     email_verified_at, phone_index, phone_enc, password_hash)
                select v.id, 'citizen', v.key_id, v.nik_index, v.nik_enc, v.full_name_enc, v.birth_date_enc, v.email_index, v.email_enc,
                       now(), v.phone_index, v.phone_enc, ${passwordHash}
                  from unnest(${cols.id}::uuid[], ${cols.keyId}::uuid[], ${cols.nikIndex}::text[], ${enc.nik}::text[], ${enc.fullName}::text[],
                              ${enc.birthDate}::text[], ${cols.emailIndex}::text[], ${enc.email}::text[], ${phoneIndex}::text[], ${enc.phone}::text[])
                    as v(id, key_id, nik_index, nik_enc, full_name_enc, birth_date_enc, email_index, email_enc, phone_index, phone_enc)`.execute(trx);
    });
  }
}

interface StoredAccount {
  id: string;
  dataKeyId: string;
  masterKeyId: string;
  wrapped: Buffer;
  fields: Record<(typeof FIELDS)[number], string>;
}

/** Every account with its wrapped key, in id order, a batch at a time. */
async function* storedAccounts(database: TestDatabase): AsyncGenerator<StoredAccount[]> {
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const { rows } = await sql<{ id: string; dataKeyId: string; masterKeyId: string; wrapped: Buffer } & Record<string, string>>`
      select a.id, a.data_key_id, d.master_key_id, d.wrapped, ${sql.join(FIELDS.map((f) => sql`${sql.ref(`a.${COLUMNS[f]}`)} as ${sql.ref(f)}`))}
        from account a join data_key d on d.id = a.data_key_id
       where a.id > ${after} order by a.id limit ${READ_BATCH}`.execute(database.db);
    if (rows.length === 0) return;
    yield rows.map((row) => ({ ...row, fields: Object.fromEntries(FIELDS.map((f) => [f, row[f] ?? ''])) as StoredAccount['fields'] }));
    after = rows[rows.length - 1]?.id ?? after;
  }
}

describe(`loket keys rotate on ${ACCOUNTS.toLocaleString('en')} accounts`, () => {
  let database: TestDatabase;
  let setupMs = 0;

  beforeAll(async () => {
    const started = Date.now();
    database = await createTestDatabase({ poolSize: 4 });
    await insertAccounts(database, ACCOUNTS);
    expect(
      await database.db
        .selectFrom('dataKey')
        .where('masterKeyId', '=', OLD.id)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirst(),
    ).toEqual({
      n: ACCOUNTS,
    });
    setupMs = Date.now() - started;
  }, 600_000);
  afterAll(async () => {
    await database.drop();
  });

  it(
    're-wraps every data key while the service reads, and every record then decrypts with only the new master key',
    async () => {
      const env = {
        DATABASE_URL: database.url,
        NODE_ENV: 'test',
        LOKET_LOG_LEVEL: 'warn',
        LOKET_MASTER_KEY: newRaw.toString('base64'),
        LOKET_MASTER_KEY_PREVIOUS: oldRaw.toString('base64'),
        LOKET_BLIND_INDEX_KEY: blindIndexKey.toString('base64'),
      };
      const accountIds = await database.db.selectFrom('account').select(['id', 'dataKeyId']).execute();
      const run = runLoket(['keys', 'rotate'], env);

      // The service meanwhile, as every node runs during a rotation: both keys in its ring.
      let reads = 0;
      while (!run.exited()) {
        const account = accountIds[Math.floor(Math.random() * accountIds.length)];
        if (!account) break;
        const service = createPersonalData(createDataKeyStore(database.db, { current: NEW, previous: [OLD] }), blindIndexKey);
        const sealer = await service.sealer(account.dataKeyId, account.id);
        const row = await database.db.selectFrom('account').select('fullNameEnc').where('id', '=', account.id).executeTakeFirstOrThrow();
        expect(sealer.open('fullName', row.fullNameEnc)).toMatch(/^Warga Uji \d{8}$/);
        reads += 1;
      }

      const result = await run;
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toContain(`Re-wrapped ${ACCOUNTS} data keys under master key ${NEW.id}.`);
      expect(result.stdout).toContain('Every data key is under the current master key.');
      expect(reads).toBeGreaterThan(0);

      const verifyStarted = Date.now();
      let checked = 0;
      /** Account id → its number i, found through its e-mail address: what person(i) says it must hold. */
      const numbers = new Map<string, number>();
      const byNumber = new Map<string, number>();
      for (let i = 0; i < ACCOUNTS; i++) byNumber.set(person(i).email, i);
      for await (const batch of storedAccounts(database)) {
        for (const account of batch) {
          expect(account.masterKeyId).toBe(NEW.id);
          // Only the new key: the old one could still open a key the rotation had missed.
          const key = unwrapDataKey(NEW, account.dataKeyId, account.wrapped);
          const email = decryptField(key, account.fields.email, context('email', account.id));
          const i = byNumber.get(email);
          expect(i, 'an e-mail address no account was given').toBeDefined();
          const clear = person(i ?? -1);
          for (const field of FIELDS) expect(decryptField(key, account.fields[field], context(field, account.id))).toBe(clear[field]);
          numbers.set(account.id, i ?? -1);
          checked += 1;
        }
      }
      expect(checked).toBe(ACCOUNTS);
      expect(new Set(numbers.values()).size).toBe(ACCOUNTS);

      // And the way the app reads them, through the data key store with a ring holding only the new key.
      const onlyNew = createPersonalData(createDataKeyStore(database.db, { current: NEW, previous: [] }), blindIndexKey);
      for (const account of accountIds.slice(0, 200)) {
        const row = await database.db.selectFrom('account').select(['nikEnc', 'phoneEnc']).where('id', '=', account.id).executeTakeFirstOrThrow();
        const sealer = await onlyNew.sealer(account.dataKeyId, account.id);
        const clear = person(numbers.get(account.id) ?? -1);
        expect(sealer.openOptional('nik', row.nikEnc)).toBe(clear.nik);
        expect(sealer.openOptional('phone', row.phoneEnc)).toBe(clear.phone);
      }

      console.info(
        `keys rotate, ${ACCOUNTS} accounts: set-up ${(setupMs / 1000).toFixed(1)} s, rotate (whole CLI process) ${(result.ms / 1000).toFixed(1)} s ` +
          `with ${reads} reads meanwhile, check ${((Date.now() - verifyStarted) / 1000).toFixed(1)} s`,
      );
    },
    LONG ? 900_000 : 120_000,
  );
});
