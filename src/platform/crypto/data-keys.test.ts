import { randomBytes } from 'node:crypto';
import { NoResultError } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/db.ts';
import { createDataKeyStore, type DataKey, UnknownMasterKeyError } from './data-keys.ts';
import { decryptField, encryptField, masterKey } from './envelope.ts';

const A = masterKey(randomBytes(32));
const B = masterKey(randomBytes(32));
const C = masterKey(randomBytes(32));

describe('data key store', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase({ poolSize: 4 });
  });
  afterAll(async () => {
    await database.drop();
  });

  /** A store that has never seen the keys: nothing comes from its cache. */
  const store = (current: typeof A, previous: (typeof A)[] = []) => createDataKeyStore(database.db, { current, previous });

  async function createUnder(master: typeof A, count: number): Promise<DataKey[]> {
    const keys: DataKey[] = [];
    for (let i = 0; i < count; i++) keys.push(await store(master).create());
    return keys;
  }

  it('re-wraps every key under the new master key in batches, and every key still opens with only the new key', async () => {
    const keys = await createUnder(A, 23);
    const sealed = keys.map((key, i) => encryptField(key.key, `value ${i}`, `test.field:${key.id}`));
    const rotating = store(B, [A]);
    expect(await rotating.countToRotate()).toBe(23);
    // Both master keys in the ring: the service reads while rotation has not happened yet.
    expect(await store(B, [A]).open(keys[0]?.id ?? '')).toEqual(keys[0]?.key);

    const progress: number[] = [];
    expect(await rotating.rotate((done) => progress.push(done), 10)).toBe(23);
    expect(progress).toEqual([10, 20, 23]);
    expect(await rotating.countToRotate()).toBe(0);

    const onlyB = store(B);
    for (const [i, key] of keys.entries()) {
      const opened = await onlyB.open(key.id);
      expect(opened).toEqual(key.key);
      expect(decryptField(opened, sealed[i] ?? '', `test.field:${key.id}`)).toBe(`value ${i}`);
    }
    const rows = await database.db.selectFrom('dataKey').select(['masterKeyId', 'rotatedAt']).execute();
    expect(new Set(rows.map((row) => row.masterKeyId))).toEqual(new Set([B.id]));
    expect(rows.every((row) => row.rotatedAt instanceof Date)).toBe(true);
    await expect(store(A).open(keys[0]?.id ?? '')).rejects.toThrow(UnknownMasterKeyError);
    expect(await rotating.rotate()).toBe(0);
  });

  it('skips keys another transaction holds and leaves them for the next run', async () => {
    const [held, ...free] = await createUnder(A, 5);
    const rotating = store(B, [A]);
    let release = () => {};
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    let locked = () => {};
    const isLocked = new Promise<void>((resolve) => {
      locked = resolve;
    });
    const holder = database.db.transaction().execute(async (trx) => {
      await trx
        .selectFrom('dataKey')
        .select('id')
        .where('id', '=', held?.id ?? '')
        .forUpdate()
        .execute();
      locked();
      await released;
    });
    await isLocked;
    expect(await rotating.rotate(() => {}, 2)).toBe(free.length);
    expect(await rotating.countToRotate()).toBe(1);
    release();
    await holder;
    expect(await rotating.rotate()).toBe(1);
    expect(await rotating.countToRotate()).toBe(0);
  });

  it('names a master key the ring lacks, when opening and when rotating', async () => {
    const [stranger] = await createUnder(C, 1);
    const error = await store(B, [A])
      .open(stranger?.id ?? '')
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UnknownMasterKeyError);
    expect(error).toMatchObject({ masterKeyId: C.id });
    await expect(store(B, [A]).rotate()).rejects.toThrow(UnknownMasterKeyError);
    // With the key added, the same run finishes the job.
    expect(await store(B, [A, C]).rotate()).toBe(1);
    expect(await store(B).open(stranger?.id ?? '')).toEqual(stranger?.key);
  });

  it('cannot open a destroyed key, even from the store that cached it', async () => {
    const keys = store(B);
    const key = await keys.create();
    expect(await keys.open(key.id)).toEqual(key.key);
    await keys.destroy(key.id);
    await expect(keys.open(key.id)).rejects.toThrow(NoResultError);
    await expect(store(B).open(key.id)).rejects.toThrow(NoResultError);
  });
});
